#include "core/dossier/internal/StoreWatcher.h"

#include "core/common/CoreLogging.h"
#include "core/dossier/StoreNotifier.h"
#include "core/dossier/internal/StoreDatabase.h"

#include <QFile>
#include <QSet>
#include <QTimer>

#include <algorithm>

#include <sys/stat.h>

namespace sohoa::store {

StoreWatcher::StoreWatcher(StoreDatabase &database, StoreNotifier &notifier)
    : m_database(database), m_notifier(notifier), m_timer(new QTimer(this))
{
    connect(m_timer, &QTimer::timeout, this, &StoreWatcher::check);
}

StoreWatcher::~StoreWatcher()
{
    m_database.setRecordingOwnAudit(false);
}

void StoreWatcher::start(int intervalMs)
{
    if (!m_timer->isActive()) {
        // Recording first: an entry of ours committed after the baseline is then always known as ours.
        m_database.setRecordingOwnAudit(true);
        takeBaseline();
    }
    m_timer->start(std::max(intervalMs, 10));
}

void StoreWatcher::stop()
{
    m_timer->stop();
    m_database.setRecordingOwnAudit(false);
}

bool StoreWatcher::isActive() const
{
    return m_timer->isActive();
}

StoreWatcher::IndexIdentity StoreWatcher::indexIdentity() const
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(m_database.path()).constData(), &st) != 0)
        return {};
    return {quint64(st.st_dev), quint64(st.st_ino)};
}

void StoreWatcher::takeBaseline()
{
    m_index = indexIdentity();
    const auto version = m_database.scalar(QStringLiteral("PRAGMA data_version"));
    m_dataVersion = version ? version->toLongLong() : -1;
    const auto last = m_database.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM audit_log"));
    m_lastSeenAudit = last ? last->toLongLong() : 0;
    m_database.forgetOwnAuditUpTo(m_lastSeenAudit);
}

void StoreWatcher::check()
{
    // A rebuild (StoreRebuild) puts a new index in place by a rename; this thread's connection still
    // reads the one moved aside, whose version never changes again, and the new log numbers from 1.
    // Only a store opened read-only can see this (a rebuild waits for every writer to close).
    const IndexIdentity now = indexIdentity();
    if (now != IndexIdentity{} && now != m_index) {
        qCInfo(lcCore) << "store index replaced (rebuilt?), reading it again:" << m_database.path();
        m_database.releaseThreadConnection();
        m_database.setRecordingOwnAudit(false);
        m_database.setRecordingOwnAudit(true);
        takeBaseline();
        emit m_notifier.changedElsewhere({}, true);
        return;
    }

    const auto version = m_database.scalar(QStringLiteral("PRAGMA data_version"));
    if (!version) {
        if (!m_warned)
            qCWarning(lcCore) << "cannot watch the store for outside changes:" << version.error().detail();
        m_warned = true;
        return;
    }
    if (version->toLongLong() == m_dataVersion)
        return;
    m_dataVersion = version->toLongLong();

    QSet<qint64> dossiers;
    bool wholeStore = false;
    {
        auto q = m_database.exec(
            QStringLiteral("SELECT id, at, action, detail, dossier_id FROM audit_log WHERE id > ? ORDER BY id"),
            {m_lastSeenAudit});
        if (!q) {
            qCWarning(lcCore) << "cannot read the audit log for outside changes:" << q.error().detail();
            return;
        }
        while (q->next()) {
            m_lastSeenAudit = q->value(0).toLongLong();
            if (m_database.isOwnAudit(m_lastSeenAudit, q->value(1).toString(), q->value(2).toString(),
                                      q->value(3).toString()))
                continue;
            // An entry without a dossier (a batch trace, a recovery, a migration) may have touched any:
            // the models compare what they read with what they hold, so "everything" costs a re-read only.
            if (q->value(4).isNull() || q->value(4).toLongLong() == 0)
                wholeStore = true;
            else
                dossiers.insert(q->value(4).toLongLong());
        }
    }
    m_database.forgetOwnAuditUpTo(m_lastSeenAudit);
    if (dossiers.isEmpty() && !wholeStore)
        return; // our own commits from another thread, or a commit without an entry (a page reservation)
    QList<qint64> ids(dossiers.cbegin(), dossiers.cend());
    std::sort(ids.begin(), ids.end());
    emit m_notifier.changedElsewhere(ids, wholeStore);
}

} // namespace sohoa::store
