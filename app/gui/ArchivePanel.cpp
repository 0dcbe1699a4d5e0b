#include "app/gui/ArchivePanel.h"

#include "app/gui/Icons.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>

namespace sohoa::gui {

namespace {
QLabel *bigNumber(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(QStringLiteral("0"), parent);
    label->setObjectName(name);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    label->setFont(f);
    label->setAlignment(Qt::AlignCenter);
    return label;
}
} // namespace

ArchivePanel::ArchivePanel(QWidget *parent)
    : QWidget(parent), m_profile(new QLabel(this)), m_start(new QPushButton(Icons::get(QStringLiteral("start")), tr("Start batch"), this)),
      m_stop(new QPushButton(Icons::get(QStringLiteral("stop")), tr("Stop"), this)),
      m_continue(new QPushButton(Icons::get(QStringLiteral("continue")), tr("Continue"), this)),
      m_pages(bigNumber(this, QStringLiteral("counterPages"))),
      m_dossiers(bigNumber(this, QStringLiteral("counterDossiers"))),
      m_rate(bigNumber(this, QStringLiteral("counterRate"))), m_warnings(new QListWidget(this))
{
    m_start->setObjectName(QStringLiteral("archiveStart"));
    m_stop->setObjectName(QStringLiteral("archiveStop"));
    m_continue->setObjectName(QStringLiteral("archiveContinue"));
    m_start->setToolTip(tr("Scan the feeder with the current profile (Ctrl+B)"));
    m_continue->setToolTip(tr("After clearing a jam or refilling the feeder: go on where the batch stopped "
                              "(Ctrl+Shift+B)"));
    auto *layout = new QHBoxLayout(this);
    auto *controls = new QVBoxLayout;
    m_profile->setObjectName(QStringLiteral("archiveProfile"));
    m_profile->setWordWrap(true);
    controls->addWidget(m_profile);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_continue);
    controls->addLayout(buttons);
    auto *cover = new QPushButton(Icons::get(QStringLiteral("cover-sheet")), tr("Print cover sheets…"), this);
    cover->setObjectName(QStringLiteral("archiveCoverSheets"));
    controls->addWidget(cover);
    controls->addStretch();
    layout->addLayout(controls);
    auto *grid = new QGridLayout;
    grid->addWidget(m_pages, 0, 0);
    grid->addWidget(m_dossiers, 0, 1);
    grid->addWidget(m_rate, 0, 2);
    grid->addWidget(new QLabel(tr("pages"), this), 1, 0, Qt::AlignCenter);
    grid->addWidget(new QLabel(tr("dossiers opened"), this), 1, 1, Qt::AlignCenter);
    grid->addWidget(new QLabel(tr("pages per minute"), this), 1, 2, Qt::AlignCenter);
    layout->addLayout(grid, 1);
    m_warnings->setObjectName(QStringLiteral("separatorWarnings"));
    m_warnings->setToolTip(tr("Sheets that looked like separator sheets but could not be used; they were kept as "
                              "pages"));
    m_warnings->setMaximumHeight(90);
    layout->addWidget(m_warnings, 1);
    connect(m_start, &QPushButton::clicked, this, &ArchivePanel::startRequested);
    connect(m_stop, &QPushButton::clicked, this, &ArchivePanel::stopRequested);
    connect(m_continue, &QPushButton::clicked, this, &ArchivePanel::continueRequested);
    connect(cover, &QPushButton::clicked, this, &ArchivePanel::coverSheetsRequested);
    setRunning(false);
    m_continue->setEnabled(false);
    setProfileName(QString(), false);
}

void ArchivePanel::setProfileName(const QString &name, bool separates)
{
    m_profile->setText(name.isEmpty() ? tr("Choose a scan profile (Ctrl+1…9)")
                                      : (separates ? tr("Profile: %1 — dossiers are split by separator sheets")
                                                   : tr("Profile: %1 — pages go into the chosen dossier"))
                                            .arg(name));
}

void ArchivePanel::setRunning(bool running)
{
    m_start->setEnabled(!running);
    m_stop->setEnabled(running);
    if (running)
        m_continue->setEnabled(false);
}

void ArchivePanel::showCounters(const ScanController::Counters &counters, bool canContinue)
{
    m_pages->setText(QString::number(counters.pages));
    m_dossiers->setText(QString::number(counters.dossiersOpened));
    m_rate->setText(counters.pagesPerMinute > 0 ? QLocale().toString(qRound(counters.pagesPerMinute)) : QStringLiteral("—"));
    m_warnings->clear();
    m_warnings->addItems(counters.warnings);
    m_continue->setEnabled(canContinue);
}

QString ArchivePanel::countersText() const
{
    return QStringLiteral("%1/%2/%3").arg(m_pages->text(), m_dossiers->text(), m_rate->text());
}

int ArchivePanel::warningCount() const
{
    return m_warnings->count();
}

} // namespace sohoa::gui
