#include "app/gui/UploadJobsModel.h"

#include "app/gui/Icons.h"
#include "core/dossier/StoreNotifier.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace sohoa::gui {

UploadJobsModel::UploadJobsModel(QObject *parent) : QAbstractTableModel(parent) {}

void UploadJobsModel::setStore(DossierStore *store)
{
    if (m_notifier)
        disconnect(m_notifier, nullptr, this, nullptr);
    m_store = store;
    m_notifier = store ? store->notifier() : nullptr;
    if (store) {
        StoreNotifier *n = store->notifier();
        connect(n, &StoreNotifier::uploadJobChanged, this, &UploadJobsModel::jobChanged);
        // Another program's commits (sohoa-cli queue …): read the queue again, compare, update.
        connect(n, &StoreNotifier::changedElsewhere, this, &UploadJobsModel::reload);
    }
    beginResetModel();
    m_jobs.clear();
    m_progress.clear();
    m_codes.clear();
    endResetModel();
    reload();
}

void UploadJobsModel::reload()
{
    if (!m_store)
        return;
    auto jobs = m_store->uploadJobs();
    if (!jobs)
        return;
    for (const UploadJobRecord &j : jobs.value()) // oldest first: each new one goes on top
        apply(j);
}

void UploadJobsModel::jobChanged(const UploadJobRecord &announced)
{
    // The job as it is now, not as announced: announcements of the runner's threads are queued and may
    // arrive after a person's change made here (a pause just after the job was taken).
    if (!m_store)
        return;
    auto now = m_store->uploadJob(announced.id);
    apply(now ? now.value() : announced);
}

void UploadJobsModel::apply(const UploadJobRecord &job)
{
    if (job.state != u"sending")
        m_progress.remove(job.id);
    const int row = rowOf(job.id);
    if (row < 0) {
        // Newest first; a job announced out of order (another thread's) goes where its id says.
        int at = 0;
        while (at < m_jobs.size() && m_jobs.at(at).id > job.id)
            ++at;
        beginInsertRows({}, at, at);
        m_jobs.insert(at, job);
        endInsertRows();
    } else {
        const UploadJobRecord &old = m_jobs.at(row);
        if (old.state == job.state && old.attempts == job.attempts && old.updatedAt == job.updatedAt &&
            old.lastErrorId == job.lastErrorId && old.nextAttemptAt == job.nextAttemptAt)
            return;
        m_jobs[row] = job;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    Q_EMIT queueChanged();
}

void UploadJobsModel::setProgress(qint64 id, qint64 sent, qint64 total)
{
    const int row = rowOf(id);
    if (row < 0 || m_jobs.at(row).state != u"sending")
        return;
    const int perMille = total > 0 ? int(std::min<qint64>(1000, 1000 * sent / total)) : 0;
    if (m_progress.value(id, -1) == perMille)
        return;
    m_progress.insert(id, perMille);
    Q_EMIT dataChanged(index(row, StateColumn), index(row, StateColumn));
}

int UploadJobsModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_jobs.size(); ++i)
        if (m_jobs.at(i).id == id)
            return i;
    return -1;
}

UploadJobsModel::Counts UploadJobsModel::counts() const
{
    Counts c;
    for (const UploadJobRecord &j : m_jobs) {
        if (j.state == u"delivered")
            ++c.delivered;
        else if (j.state == u"sending")
            ++c.sending;
        else if (j.state == u"queued")
            ++c.waiting;
        else if (j.state == u"paused")
            ++c.paused;
        else if (j.state == u"failed")
            ++c.failed;
    }
    return c;
}

int UploadJobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int UploadJobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool UploadJobsModel::isWaitingForRetry(const UploadJobRecord &job)
{
    return job.state == u"queued" && job.attempts > 0 && !job.lastErrorId.isEmpty();
}

QString UploadJobsModel::stateText(const UploadJobRecord &job)
{
    if (job.state == u"queued")
        return isWaitingForRetry(job) ? tr("Waiting to retry") : tr("Waiting to send");
    if (job.state == u"sending")
        return tr("Sending");
    if (job.state == u"delivered")
        return tr("Delivered");
    if (job.state == u"failed")
        return tr("Failed — needs attention");
    if (job.state == u"paused")
        return tr("Paused");
    if (job.state == u"cancelled")
        return tr("Cancelled");
    return job.state;
}

QString UploadJobsModel::problemText(const UploadJobRecord &job)
{
    if (job.lastErrorId.isEmpty() || job.state == u"delivered")
        return {};
    return Error::fromId(job.lastErrorId, job.lastError).message();
}

QString UploadJobsModel::nextTryText(const UploadJobRecord &job)
{
    if (!isWaitingForRetry(job))
        return {};
    // Due already: sent as soon as the runner has a free hand (two transfers at a time).
    return job.nextAttemptAt <= QDateTime::currentDateTime() ? tr("now") : timeText(job.nextAttemptAt);
}

QString UploadJobsModel::timeText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toLocalTime();
    QString clock = local.time().toString(QStringLiteral("HH:mm:ss"));
    if (local.date() == QDate::currentDate())
        return clock;
    return QStringLiteral("%1 %2").arg(clock, QLocale().toString(local.date(), QLocale::ShortFormat));
}

QString UploadJobsModel::dossierCode(qint64 dossierId) const
{
    if (dossierId <= 0 || !m_store)
        return {};
    auto it = m_codes.constFind(dossierId);
    if (it != m_codes.constEnd())
        return it.value();
    auto d = m_store->dossierById(dossierId);
    QString code = d ? d->code : QString();
    m_codes.insert(dossierId, code);
    return code;
}

QVariant UploadJobsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_jobs.size())
        return {};
    const UploadJobRecord &j = m_jobs.at(index.row());
    switch (role) {
    case JobIdRole:
        return j.id;
    case StateIdRole:
        return j.state;
    case ErrorIdRole:
        return j.lastErrorId;
    case ProgressRole:
        return j.state == u"sending" ? m_progress.value(j.id, 0) : -1;
    default:
        break;
    }
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case FileColumn:
            return QFileInfo(j.path).fileName();
        case DossierColumn:
            return dossierCode(j.dossierId);
        case TargetColumn:
            return j.target;
        case RemoteColumn:
            return j.remoteName;
        case StateColumn:
            if (j.state == u"sending")
                return tr("Sending %1%").arg(m_progress.value(j.id, 0) / 10);
            return stateText(j);
        case AttemptsColumn:
            return j.attempts;
        case NextTryColumn:
            return nextTryText(j);
        case ProblemColumn:
            return problemText(j);
        case DeliveredColumn:
            return j.state == u"delivered" ? timeText(j.deliveredAt) : QString();
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case FileColumn:
            return QDir::toNativeSeparators(j.path);
        case RemoteColumn:
        case DeliveredColumn:
            return j.remoteUrl.isEmpty() ? QVariant() : QVariant(j.remoteUrl);
        case StateColumn:
        case ProblemColumn: {
            const QString problem = problemText(j);
            if (problem.isEmpty())
                return {};
            return j.lastError.isEmpty() ? problem : QStringLiteral("%1\n\n%2").arg(problem, j.lastError);
        }
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && column == StateColumn && (j.state == u"failed" || isWaitingForRetry(j)))
        return Icons::get(QStringLiteral("warning"));
    if (role == Qt::ForegroundRole && (column == StateColumn || column == ProblemColumn)) {
        if (j.state == u"failed")
            return QBrush(QColor(0xb7, 0x1c, 0x1c));
        if (j.state == u"delivered")
            return QBrush(QColor(0x2e, 0x7d, 0x32));
        if (isWaitingForRetry(j))
            return QBrush(QColor(0x9a, 0x5b, 0x00));
    }
    if (role == Qt::TextAlignmentRole && column == AttemptsColumn)
        return QVariant::fromValue(Qt::AlignCenter);
    return {};
}

QVariant UploadJobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FileColumn:
        return tr("File");
    case DossierColumn:
        return tr("Dossier");
    case TargetColumn:
        return tr("Target");
    case RemoteColumn:
        return tr("Remote name");
    case StateColumn:
        return tr("State");
    case AttemptsColumn:
        return tr("Attempts");
    case NextTryColumn:
        return tr("Next try");
    case ProblemColumn:
        return tr("Problem and what to do");
    case DeliveredColumn:
        return tr("Delivered at");
    default:
        return {};
    }
}

} // namespace sohoa::gui
