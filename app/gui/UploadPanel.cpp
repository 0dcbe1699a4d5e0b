#include "app/gui/UploadPanel.h"

#include "app/gui/Icons.h"
#include "app/gui/UploadController.h"
#include "app/workflows/UploadQueueJob.h"
#include "core/dossier/StoreNotifier.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace sohoa::gui {

namespace {

// The state cell of a job being sent is a progress bar with its words ("Sending 42%").
class StateDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const int perMille = index.data(UploadJobsModel::ProgressRole).toInt();
        if (perMille < 0) {
            QStyledItemDelegate::paint(painter, option, index);
            return;
        }
        QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        style->drawPrimitive(QStyle::PE_PanelItemViewItem, &option, painter, option.widget);
        QStyleOptionProgressBar bar;
        bar.initFrom(option.widget);
        bar.rect = option.rect.adjusted(2, 2, -2, -2);
        bar.minimum = 0;
        bar.maximum = 1000;
        bar.progress = perMille;
        bar.text = index.data().toString();
        bar.textVisible = true;
        bar.textAlignment = Qt::AlignCenter;
        bar.state |= QStyle::State_Horizontal;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

// A sentence is cut at its end, not in its middle as the names are.
class EndElidingDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideRight;
    }
};

QPushButton *button(const QString &icon, const QString &text, const QString &name, const QString &tip, QWidget *parent)
{
    auto *b = new QPushButton(icon.isEmpty() ? QIcon() : Icons::get(icon), text, parent);
    b->setObjectName(name);
    b->setToolTip(tip);
    return b;
}

} // namespace

UploadPanel::UploadPanel(AppSettings &settings, QWidget *parent)
    : QWidget(parent), m_settings(settings), m_model(new UploadJobsModel(this)), m_table(new QTableView(this)),
      m_target(new QComboBox(this)),
      m_afterSigning(new QCheckBox(tr("Upload each certified copy after signing"), this)),
      m_sendNow(button(QStringLiteral("upload"), tr("Send now"), QStringLiteral("uploadSendNow"),
                       tr("Send what is waiting, and try again at once what waits for a retry"), this)),
      m_pauseAll(button(QStringLiteral("stop"), tr("Pause all"), QStringLiteral("uploadPauseAll"),
                        tr("Stop sending: the file being sent stops now and nothing half-sent stays on the server"),
                        this)),
      m_resumeAll(button(QStringLiteral("continue"), tr("Resume all"), QStringLiteral("uploadResumeAll"),
                         tr("Send the paused files"), this)),
      m_retry(button(QStringLiteral("redo"), tr("Retry"), QStringLiteral("uploadRetry"),
                     tr("Send the selected files again (after fixing what their problem says)"), this)),
      m_pause(button(QString(), tr("Pause"), QStringLiteral("uploadPause"), tr("Hold the selected files back"), this)),
      m_resume(
          button(QString(), tr("Resume"), QStringLiteral("uploadResume"), tr("Send the selected paused files"), this)),
      m_cancel(button(QStringLiteral("delete"), tr("Cancel upload"), QStringLiteral("uploadCancel"),
                      tr("Do not send the selected files (the files themselves stay where they are)"), this)),
      m_status(new QLabel(this)), m_details(new QLabel(this))
{
    setObjectName(QStringLiteral("uploadPanel"));
    m_target->setObjectName(QStringLiteral("uploadTarget"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(14);
    m_target->setToolTip(tr("Where Upload the dossier (Ctrl+U) and the upload after signing send files. Targets "
                            "are set up with: sohoa-cli target add"));
    m_afterSigning->setObjectName(QStringLiteral("uploadAfterSigning"));
    m_afterSigning->setChecked(m_settings.uploadAfterSigning());
    m_afterSigning->setToolTip(tr("When a certified copy is signed at the counter (Ctrl+S), put it in the queue for "
                                  "the target at once"));
    connect(m_afterSigning, &QCheckBox::toggled, this, [this](bool on) { m_settings.setUploadAfterSigning(on); });
    connect(m_target, &QComboBox::activated, this, &UploadPanel::chooseTarget);

    m_table->setObjectName(QStringLiteral("uploadTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(UploadJobsModel::StateColumn, new StateDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setItemDelegateForColumn(UploadJobsModel::ProblemColumn, new EndElidingDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    // Rows as tall as a line of text (a progress bar fits), room for a few when the dock opens.
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setMinimumHeight(m_table->fontMetrics().height() * 5);

    m_status->setObjectName(QStringLiteral("uploadStatus"));
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    m_details->setObjectName(QStringLiteral("uploadDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_details->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    // Three lines whatever row is chosen (a problem's sentence and its detail): the dock does not jump.
    m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 3);

    // The queue as a whole above the table, the selected rows and the settings below it.
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_sendNow);
    top->addWidget(m_pauseAll);
    top->addWidget(m_resumeAll);
    auto *bottom = new QHBoxLayout;
    for (QPushButton *b : {m_retry, m_pause, m_resume, m_cancel})
        bottom->addWidget(b);
    bottom->addStretch(1);
    bottom->addWidget(new QLabel(tr("Send to:"), this));
    bottom->addWidget(m_target);
    bottom->addSpacing(8);
    bottom->addWidget(m_afterSigning);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_details);

    connect(m_sendNow, &QPushButton::clicked, this, &UploadPanel::sendNow);
    connect(m_pauseAll, &QPushButton::clicked, this, &UploadPanel::pauseAll);
    connect(m_resumeAll, &QPushButton::clicked, this, &UploadPanel::resumeAll);
    connect(m_retry, &QPushButton::clicked, this, &UploadPanel::retrySelected);
    connect(m_pause, &QPushButton::clicked, this, &UploadPanel::pauseSelected);
    connect(m_resume, &QPushButton::clicked, this, &UploadPanel::resumeSelected);
    connect(m_cancel, &QPushButton::clicked, this, &UploadPanel::cancelSelected);
    connect(m_model, &UploadJobsModel::queueChanged, this, [this] {
        updateStatus();
        updateButtons();
        showDetails();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &UploadPanel::showDetails);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateButtons();
        showDetails();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &UploadPanel::showDetails);

    // Columns as wide as their longest usual words (Vietnamese ones are longer than English ones).
    const QFontMetrics fm = m_table->fontMetrics();
    const auto widest = [&](int column, const QStringList &samples) {
        int w = fm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString()) + 24;
        for (const QString &s : samples)
            w = std::max(w, fm.horizontalAdvance(s) + 16);
        m_table->setColumnWidth(column, w);
    };
    UploadJobRecord sample;
    QStringList states;
    for (const char *state : {"queued", "sending", "delivered", "failed", "paused", "cancelled"}) {
        sample.state = QString::fromLatin1(state);
        states << UploadJobsModel::stateText(sample);
    }
    sample.state = QStringLiteral("queued");
    sample.attempts = 1;
    sample.lastErrorId = QStringLiteral("upload-unreachable");
    states << UploadJobsModel::stateText(sample);
    for (QString &s : states)
        s += QStringLiteral("    "); // the warning icon
    // Long names are elided in the middle (the whole name is the cell's tooltip); the problem's
    // sentence is cut at the end and read whole below the table.
    widest(UploadJobsModel::FileColumn, {QStringLiteral("H15.50.05.13-261008-0975.pdf")});
    widest(UploadJobsModel::DossierColumn, {QStringLiteral("H15.50.05.13-261008-0975")});
    widest(UploadJobsModel::StateColumn, states);
    m_table->setColumnWidth(UploadJobsModel::ProblemColumn, fm.averageCharWidth() * 44);
    widest(UploadJobsModel::NextTryColumn, {QStringLiteral("00:00:00"), UploadJobsModel::tr("now")});
    widest(UploadJobsModel::AttemptsColumn, {QStringLiteral("99")});
    widest(UploadJobsModel::DeliveredColumn, {QStringLiteral("00:00:00")});
    widest(UploadJobsModel::TargetColumn, {QStringLiteral("mot-cua")});
    // The remote name takes what is left (the last section stretches).

    setController(nullptr);
}

UploadPanel::~UploadPanel()
{
    m_model->setStore(nullptr);
}

void UploadPanel::setController(UploadController *controller)
{
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    if (m_notifier)
        disconnect(m_notifier, nullptr, this, nullptr);
    m_controller = controller;
    m_notifier = controller ? controller->store().notifier() : nullptr;
    m_runNote.clear();
    m_model->setStore(controller ? &controller->store() : nullptr);
    if (controller) {
        connect(controller, &UploadController::transferProgress, m_model, &UploadJobsModel::setProgress);
        connect(controller, &UploadController::runningChanged, this, &UploadPanel::updateStatus);
        connect(controller, &UploadController::runFinished, this, [this](const Error &error) {
            // Failed jobs say why in their rows; a stop by a person says nothing.
            const bool rowsSayIt = error.code() == ErrorCode::UploadRejected || error.code() == ErrorCode::Cancelled;
            m_runNote = error.isError() && !rowsSayIt ? error.message() : QString();
            updateStatus();
        });
        // A target added or removed by sohoa-cli.
        connect(controller->store().notifier(), &StoreNotifier::changedElsewhere, this, &UploadPanel::refreshTargets);
    }
    refreshTargets();
    updateStatus();
    updateButtons();
    showDetails();
}

void UploadPanel::refreshTargets()
{
    m_target->clear();
    QList<upload::TargetConfig> targets;
    if (m_controller) {
        auto all = workflows::uploadTargets(m_controller->store());
        if (all)
            targets = all.value();
        else
            report(all.error());
    }
    if (targets.isEmpty()) {
        m_target->addItem(tr("none yet — add one with sohoa-cli target add"));
        m_target->setEnabled(false);
        return;
    }
    m_target->setEnabled(true);
    const QString chosen = m_settings.defaultUploadTarget();
    for (const upload::TargetConfig &t : std::as_const(targets))
        m_target->addItem(t.name, t.name);
    const int at = m_target->findData(chosen);
    if (at >= 0) {
        m_target->setCurrentIndex(at);
    } else {
        m_target->insertItem(0, tr("(choose)"), QString());
        m_target->setCurrentIndex(0);
    }
    for (int i = 0; i < m_target->count(); ++i) {
        const QString name = m_target->itemData(i).toString();
        for (const upload::TargetConfig &t : std::as_const(targets))
            if (t.name == name)
                m_target->setItemData(i, QDir::toNativeSeparators(t.location), Qt::ToolTipRole);
    }
}

void UploadPanel::chooseTarget(int index)
{
    const QString name = m_target->itemData(index).toString();
    if (name.isEmpty())
        return;
    if (name != m_settings.defaultUploadTarget()) {
        m_settings.setDefaultUploadTarget(name);
        Q_EMIT defaultTargetChanged(name);
    }
    if (m_target->itemData(0).toString().isEmpty() && index != 0)
        m_target->removeItem(0); // "(choose)"
}

QString UploadPanel::statusText() const
{
    return m_status->text();
}

QString UploadPanel::detailText() const
{
    return m_details->text();
}

void UploadPanel::selectJob(qint64 id)
{
    const int row = m_model->rowOf(id);
    // Not QTableView::selectRow: with a modifier still held (Ctrl of Ctrl+U) it would toggle the row.
    if (row >= 0)
        m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void UploadPanel::report(const Error &error)
{
    m_runNote = error.message();
    updateStatus();
}

void UploadPanel::sendNow()
{
    if (!m_controller)
        return;
    m_runNote.clear();
    if (auto r = m_controller->sendNow(); !r)
        report(r.error());
    updateStatus();
}

void UploadPanel::pauseAll()
{
    if (!m_controller)
        return;
    if (auto r = m_controller->pauseAll(); !r)
        report(r.error());
}

void UploadPanel::resumeAll()
{
    if (!m_controller)
        return;
    m_runNote.clear();
    if (auto r = m_controller->resumeAll(); !r)
        report(r.error());
    updateStatus();
}

QList<UploadJobRecord> UploadPanel::selectedJobs() const
{
    QList<UploadJobRecord> jobs;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        jobs.append(m_model->job(i.row()));
    return jobs;
}

void UploadPanel::changeSelected(const std::function<bool(const UploadJobRecord &)> &applies, const QString &state)
{
    if (!m_controller)
        return;
    QList<qint64> ids;
    for (const UploadJobRecord &j : selectedJobs())
        if (applies(j))
            ids.append(j.id);
    if (ids.isEmpty())
        return;
    m_runNote.clear();
    if (auto r = m_controller->setState(ids, state); !r)
        report(r.error());
    updateStatus();
}

namespace {
bool canRetry(const UploadJobRecord &j)
{
    return j.state == u"failed" || UploadJobsModel::isWaitingForRetry(j);
}
bool canPause(const UploadJobRecord &j)
{
    return j.state == u"queued" || j.state == u"sending";
}
bool canResume(const UploadJobRecord &j)
{
    return j.state == u"paused";
}
bool canCancel(const UploadJobRecord &j)
{
    return j.state != u"delivered" && j.state != u"cancelled";
}
} // namespace

void UploadPanel::retrySelected()
{
    changeSelected(canRetry, QStringLiteral("queued"));
}

void UploadPanel::pauseSelected()
{
    changeSelected(canPause, QStringLiteral("paused"));
}

void UploadPanel::resumeSelected()
{
    changeSelected(canResume, QStringLiteral("queued"));
}

void UploadPanel::cancelSelected()
{
    changeSelected(canCancel, QStringLiteral("cancelled"));
}

void UploadPanel::updateButtons()
{
    const QList<UploadJobRecord> selected = selectedJobs();
    const auto any = [&](bool (*test)(const UploadJobRecord &)) {
        return m_controller && std::any_of(selected.cbegin(), selected.cend(), test);
    };
    m_retry->setEnabled(any(canRetry));
    m_pause->setEnabled(any(canPause));
    m_resume->setEnabled(any(canResume));
    m_cancel->setEnabled(any(canCancel));
    const UploadJobsModel::Counts c = m_model->counts();
    const bool writable = m_controller && !m_controller->store().isReadOnly();
    m_sendNow->setEnabled(writable && c.waiting > 0);
    m_pauseAll->setEnabled(writable && c.waiting + c.sending > 0);
    m_resumeAll->setEnabled(writable && c.paused > 0);
}

void UploadPanel::updateStatus()
{
    if (!m_controller) {
        m_status->setText(tr("No store is open."));
        if (!m_summary.isEmpty()) {
            m_summary.clear();
            m_needsAttention = false;
            Q_EMIT summaryChanged(m_summary, m_needsAttention);
        }
        return;
    }
    const UploadJobsModel::Counts c = m_model->counts();
    QStringList parts;
    parts << tr("%1 delivered").arg(c.delivered);
    if (c.sending > 0)
        parts << tr("%1 sending").arg(c.sending);
    parts << tr("%1 waiting").arg(c.waiting);
    if (c.paused > 0)
        parts << tr("%1 paused").arg(c.paused);
    parts << (c.failed > 0 ? tr("%1 failed — needs attention").arg(c.failed) : tr("%1 failed").arg(c.failed));
    QString text = parts.join(QStringLiteral(", "));
    // What still needs the queue or a person, for the window's status bar (empty: all done).
    QStringList open;
    if (c.sending > 0)
        open << tr("%1 sending").arg(c.sending);
    if (c.waiting > 0)
        open << tr("%1 waiting").arg(c.waiting);
    if (c.paused > 0)
        open << tr("%1 paused").arg(c.paused);
    if (c.failed > 0)
        open << tr("%1 failed — needs attention").arg(c.failed);
    const QString summary = open.join(QStringLiteral(", "));
    if (summary != m_summary || (c.failed > 0) != m_needsAttention) {
        m_summary = summary;
        m_needsAttention = c.failed > 0;
        Q_EMIT summaryChanged(m_summary, m_needsAttention);
    }
    if (!m_runNote.isEmpty())
        text += QStringLiteral(". ") + m_runNote;
    m_status->setText(text);
    m_status->setStyleSheet(c.failed > 0 || !m_runNote.isEmpty() ? QStringLiteral("color: #b71c1c;") : QString());
    updateButtons();
}

void UploadPanel::showDetails()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid() || current.row() >= m_model->rowCount()) {
        m_details->setText(m_model->rowCount() > 0 ? tr("Select a row to see where its file goes and what to do "
                                                        "about a problem.")
                                                   : tr("Nothing to upload yet. Upload the dossier with Ctrl+U, or "
                                                        "sign a certified copy with Ctrl+S."));
        return;
    }
    const UploadJobRecord &j = m_model->job(current.row());
    QStringList lines;
    lines << tr("%1 → %2 (%3): %4")
                 .arg(QDir::toNativeSeparators(j.path), j.remoteName, j.target, UploadJobsModel::stateText(j));
    if (j.state == u"delivered")
        lines << tr("Delivered at %1 to %2").arg(UploadJobsModel::timeText(j.deliveredAt), j.remoteUrl);
    if (const QString problem = UploadJobsModel::problemText(j); !problem.isEmpty()) {
        QString line = problem;
        if (UploadJobsModel::isWaitingForRetry(j))
            line += u' ' + tr("Next try: %1 (or press Send now).").arg(UploadJobsModel::nextTryText(j));
        if (!j.lastError.isEmpty())
            line += QStringLiteral(" (%1)").arg(j.lastError);
        lines << line;
    }
    m_details->setText(lines.join(u'\n'));
}

} // namespace sohoa::gui
