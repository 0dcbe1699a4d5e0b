#include "app/gui/BlankReviewDialog.h"

#include "app/gui/ImageView.h"
#include "app/gui/PreviewPane.h"
#include "app/gui/ScreenFit.h"

#include <QHBoxLayout>
#include <QHash>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QToolButton>

#include <QVBoxLayout>
#include <algorithm>

namespace sohoa::gui {

BlankReviewDialog::BlankReviewDialog(DossierStore &store, qint64 dossierId, QWidget *parent)
    : QDialog(parent), m_store(store), m_counter(new QLabel(this)), m_details(new QLabel(this)),
      m_status(new QLabel(this)), m_preview(new PreviewPane(this)), m_keep(new QPushButton(this)),
      m_remove(new QPushButton(this)), m_previous(new QPushButton(this)), m_next(new QPushButton(this))
{
    setObjectName(QStringLiteral("blankReviewDialog"));
    setWindowTitle(tr("Review blank pages"));
    auto *layout = new QVBoxLayout(this);
    m_counter->setObjectName(QStringLiteral("blankCounter"));
    QFont big = m_counter->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_counter->setFont(big);
    m_details->setObjectName(QStringLiteral("blankDetails"));
    m_status->setObjectName(QStringLiteral("blankStatus"));
    m_status->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(m_counter);
    top->addStretch();
    top->addWidget(m_details);
    layout->addLayout(top);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_status);

    // The buttons say the keys; none takes the focus, so every key reaches the dialog.
    const auto button = [](QPushButton *b, const QString &text, const char *name) {
        b->setText(text);
        b->setObjectName(QString::fromLatin1(name));
        b->setFocusPolicy(Qt::NoFocus);
        b->setAutoDefault(false);
    };
    button(m_previous, tr("← Previous"), "blankPrevious");
    button(m_keep, tr("Keep (K, Space)"), "blankKeep");
    button(m_remove, tr("Remove (Delete, R)"), "blankRemove");
    button(m_next, tr("Next →"), "blankNext");
    auto *close = new QPushButton(this);
    button(close, tr("Close (Esc)"), "blankClose");
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_previous);
    buttons->addStretch();
    buttons->addWidget(m_keep);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    buttons->addWidget(m_next);
    buttons->addWidget(close);
    layout->addLayout(buttons);
    connect(m_keep, &QPushButton::clicked, this, &BlankReviewDialog::keep);
    connect(m_remove, &QPushButton::clicked, this, &BlankReviewDialog::remove);
    connect(m_previous, &QPushButton::clicked, this, [this] { step(-1); });
    connect(m_next, &QPushButton::clicked, this, [this] { step(+1); });
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    // The page view is looked at, not typed into: arrows move between pages, not the scroll bars.
    m_preview->view()->setFocusPolicy(Qt::NoFocus);
    for (QToolButton *b : m_preview->findChildren<QToolButton *>())
        b->setFocusPolicy(Qt::NoFocus);
    setFocusPolicy(Qt::StrongFocus);

    resizeToFitScreen(this, QSize(760, 860));
    load(dossierId);
    showCurrent();
}

void BlankReviewDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // The page is decoded for the size of the view: again now that the view has its size.
    if (!m_shown) {
        m_shown = true;
        showCurrent();
    }
}

void BlankReviewDialog::load(qint64 dossierId)
{
    auto pages = m_store.dossierPages(dossierId);
    if (!pages) {
        m_status->setText(pages.error().message());
        return;
    }
    QHash<qint64, QString> components;
    for (int i = 0; i < pages->size(); ++i) {
        const PageRecord &p = pages->at(i);
        if (!p.cleanup.awaitsBlankReview())
            continue;
        if (!components.contains(p.componentId)) {
            auto c = m_store.componentById(p.componentId);
            components.insert(p.componentId, c ? c->name : QString());
        }
        m_items.append({p, components.value(p.componentId), i + 1, Answer::Open});
    }
    m_current = m_items.isEmpty() ? -1 : 0;
}

qint64 BlankReviewDialog::currentPageId() const
{
    return m_current >= 0 ? m_items.at(m_current).page.id : 0;
}

int BlankReviewDialog::openCount() const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(), [](const Item &i) { return i.answer == Answer::Open; }));
}

QString BlankReviewDialog::statusText() const
{
    return m_status->text();
}

void BlankReviewDialog::keep()
{
    answerCurrent(true);
}

void BlankReviewDialog::remove()
{
    answerCurrent(false);
}

void BlankReviewDialog::step(int delta)
{
    if (m_items.isEmpty())
        return;
    m_current = std::clamp(m_current + delta, 0, int(m_items.size()) - 1);
    showCurrent();
}

void BlankReviewDialog::answerCurrent(bool keep)
{
    if (m_current < 0)
        return;
    Item &item = m_items[m_current];
    if (item.answer == (keep ? Answer::Kept : Answer::Removed))
        return;
    // A page removed a moment ago and then kept comes back to its place first.
    if (keep && item.answer == Answer::Removed) {
        if (auto restored = m_store.restorePage(item.page.id); !restored) {
            m_status->setText(restored.error().message());
            return;
        }
    }
    auto answered = m_store.reviewBlankPage(item.page.id, keep);
    if (!answered) {
        m_status->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        m_status->setText(answered.error().message());
        return;
    }
    item.answer = keep ? Answer::Kept : Answer::Removed;
    Q_EMIT reviewed(item.page.id, keep);
    // On to the next page nobody has answered yet (after this one, then from the start).
    for (int k = 1; k < m_items.size(); ++k) {
        const int i = (m_current + k) % int(m_items.size());
        if (m_items.at(i).answer == Answer::Open) {
            m_current = i;
            break;
        }
    }
    showCurrent();
}

void BlankReviewDialog::showCurrent()
{
    const bool any = m_current >= 0;
    m_keep->setEnabled(any);
    m_remove->setEnabled(any);
    m_previous->setEnabled(any && m_current > 0);
    m_next->setEnabled(any && m_current < m_items.size() - 1);
    m_status->setStyleSheet(QString());
    if (!any) {
        m_counter->setText(tr("No blank pages to review"));
        m_details->clear();
        m_status->setText(tr("Cleanup flagged no page of this dossier as blank, or every flagged page was "
                             "already reviewed."));
        m_preview->clear();
        return;
    }
    const Item &item = m_items.at(m_current);
    m_counter->setText(tr("Blank page %1 of %2").arg(m_current + 1).arg(m_items.size()));
    m_details->setText(tr("%1, page %2 of the dossier · ink %3 %")
                           .arg(item.component)
                           .arg(item.pageInDossier)
                           .arg(QLocale().toString(item.page.cleanup.inkPercent, 'f', 2)));
    const PageCleanupRecord &c = item.page.cleanup;
    m_preview->showPage(item.page.absolutePath, item.page.rotation, c.hasImage() ? c.absolutePath : QString(),
                        QString());
    QString status;
    switch (item.answer) {
    case Answer::Open:
        status = tr("Is this page really blank? K or Space keeps it; Delete or R removes it.");
        break;
    case Answer::Kept:
        status = tr("Kept: this page stays in the dossier.");
        break;
    case Answer::Removed:
        status = tr("Removed: it can be put back from \"Deleted\" above the pages (or press K to keep it).");
        break;
    }
    const int open = openCount();
    if (open == 0) {
        const auto kept =
            std::count_if(m_items.cbegin(), m_items.cend(), [](const Item &i) { return i.answer == Answer::Kept; });
        status = tr("All %n blank page(s) reviewed: %1 kept, %2 removed. Esc closes.", nullptr, int(m_items.size()))
                     .arg(kept)
                     .arg(m_items.size() - kept);
        m_status->setStyleSheet(QStringLiteral("color: #2e7d32; font-weight: bold;"));
    } else if (item.answer != Answer::Open) {
        status += u' ' + tr("%n page(s) still to review.", nullptr, open);
    }
    m_status->setText(status);
}

void BlankReviewDialog::keyPressEvent(QKeyEvent *event)
{
    if (event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier)) {
        QDialog::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_K:
    case Qt::Key_Space:
        keep();
        break;
    case Qt::Key_Delete:
    case Qt::Key_R:
        remove();
        break;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_PageUp:
        step(-1);
        break;
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_PageDown:
        step(+1);
        break;
    case Qt::Key_Home:
        step(-int(m_items.size()));
        break;
    case Qt::Key_End:
        step(int(m_items.size()));
        break;
    default:
        QDialog::keyPressEvent(event); // Esc closes
        return;
    }
    event->accept();
}

} // namespace sohoa::gui
