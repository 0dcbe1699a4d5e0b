#include "app/gui/DossierPane.h"

#include "app/gui/Icons.h"
#include "core/dossier/DossierListModel.h"
#include "core/dossier/DossierStore.h"

#include <QLineEdit>
#include <QListView>
#include <QPainter>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace sohoa::gui {

namespace {

// Code, applicant or procedure contains every word typed (any case, with or without diacritics typed).
class DossierFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setWords(const QString &text)
    {
        m_words = text.simplified().split(u' ', Qt::SkipEmptyParts);
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QModelIndex i = sourceModel()->index(row, 0, parent);
        const QString haystack = i.data(DossierListModel::CodeRole).toString() + u' ' +
                                 i.data(DossierListModel::ApplicantRole).toString() + u' ' +
                                 i.data(DossierListModel::ProcedureRole).toString();
        for (const QString &w : m_words) {
            if (!haystack.contains(w, Qt::CaseInsensitive))
                return false;
        }
        return true;
    }
    bool lessThan(const QModelIndex &a, const QModelIndex &b) const override
    {
        return a.data(DossierListModel::IdRole).toLongLong() > b.data(DossierListModel::IdRole).toLongLong();
    }

private:
    QStringList m_words;
};

class DossierDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return {200, option.fontMetrics.height() * 3 + 12};
    }
    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &i) const override
    {
        p->save();
        const bool selected = option.state & QStyle::State_Selected;
        if (selected)
            p->fillRect(option.rect, option.palette.highlight());
        else if (option.state & QStyle::State_MouseOver)
            p->fillRect(option.rect, option.palette.alternateBase());
        const QColor text = selected ? option.palette.highlightedText().color() : option.palette.text().color();
        const QColor dim = selected ? text : option.palette.placeholderText().color();
        const QRect r = option.rect.adjusted(8, 5, -8, -5);
        const int line = option.fontMetrics.height();
        QFont bold = option.font;
        bold.setBold(true);
        p->setFont(bold);
        p->setPen(text);
        p->drawText(QRect(r.left(), r.top(), r.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                    i.data(DossierListModel::CodeRole).toString());
        p->setFont(option.font);
        const int pages = i.data(DossierListModel::PageCountRole).toInt();
        p->drawText(QRect(r.left(), r.top(), r.width(), line), Qt::AlignRight | Qt::AlignVCenter,
                    DossierPane::tr("%n page(s)", nullptr, pages));
        QString who = i.data(DossierListModel::ApplicantRole).toString();
        const QString procedure = i.data(DossierListModel::ProcedureRole).toString();
        if (!procedure.isEmpty())
            who += (who.isEmpty() ? QString() : QStringLiteral(" · ")) + procedure;
        p->setPen(text);
        p->drawText(QRect(r.left(), r.top() + line + 1, r.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                    option.fontMetrics.elidedText(who, Qt::ElideRight, r.width()));
        p->setPen(dim);
        const QString status = i.data(DossierListModel::StatusRole).toString() == u"closed"
                                   ? DossierPane::tr("closed")
                                   : DossierPane::tr("open");
        const QDateTime created = i.data(DossierListModel::CreatedAtRole).toDateTime().toLocalTime();
        p->drawText(QRect(r.left(), r.top() + 2 * line + 2, r.width(), line), Qt::AlignLeft | Qt::AlignVCenter,
                    status + QStringLiteral(" · ") + QLocale().toString(created, QLocale::ShortFormat));
        p->setPen(option.palette.mid().color());
        p->drawLine(option.rect.bottomLeft(), option.rect.bottomRight());
        p->restore();
    }
};

} // namespace

DossierPane::DossierPane(QWidget *parent)
    : QWidget(parent), m_filter(new DossierFilter(this)), m_search(new QLineEdit(this)), m_view(new QListView(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_search->setObjectName(QStringLiteral("dossierSearch"));
    m_search->setPlaceholderText(tr("Search code, applicant, procedure (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::get(QStringLiteral("search")), QLineEdit::LeadingPosition);
    layout->addWidget(m_search);
    m_view->setObjectName(QStringLiteral("dossierList"));
    m_view->setModel(m_filter);
    m_view->setItemDelegate(new DossierDelegate(m_view));
    m_view->setMouseTracking(true);
    m_view->setAccessibleName(tr("Dossiers"));
    m_view->setUniformItemSizes(true);
    layout->addWidget(m_view, 1);
    connect(m_search, &QLineEdit::textChanged, this,
            [this](const QString &text) { static_cast<DossierFilter *>(m_filter)->setWords(text); });
    // Enter or Down in the search field goes to the list.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_filter->rowCount() > 0) {
            m_view->setCurrentIndex(m_filter->index(0, 0));
            m_view->setFocus();
        }
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                Q_EMIT currentDossierChanged(current.isValid() ? current.data(DossierListModel::IdRole).toLongLong()
                                                               : 0);
            });
}

DossierPane::~DossierPane()
{
    m_filter->setSourceModel(nullptr);
}

void DossierPane::setStore(DossierStore *store)
{
    m_filter->setSourceModel(nullptr);
    m_model.reset();
    if (store) {
        m_model = std::make_unique<DossierListModel>(*store);
        (void)m_model->reload(); // an error leaves the list empty; the store's own banner says why
        m_filter->setSourceModel(m_model.get());
        m_filter->sort(0);
        m_filter->setDynamicSortFilter(true);
    }
}

qint64 DossierPane::currentDossierId() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? i.data(DossierListModel::IdRole).toLongLong() : 0;
}

void DossierPane::selectDossier(qint64 dossierId)
{
    if (!m_model)
        return;
    const int row = m_model->rowOf(dossierId);
    if (row < 0)
        return;
    const QModelIndex i = m_filter->mapFromSource(m_model->index(row));
    if (!i.isValid()) { // hidden by the search: clear it rather than hide the dossier just made
        if (m_search->text().isEmpty())
            return;
        m_search->clear();
        return selectDossier(dossierId);
    }
    m_view->setCurrentIndex(i);
    m_view->scrollTo(i);
}

void DossierPane::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

int DossierPane::visibleCount() const
{
    return m_filter->rowCount();
}

} // namespace sohoa::gui
