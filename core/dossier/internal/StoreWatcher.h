#pragma once

// Private to core/dossier: turns commits made outside this DossierStore object (another process,
// another DossierStore on the same folder) into StoreNotifier::changedElsewhere.

#include <QObject>
#include <QString>

class QTimer;

namespace sohoa {
class StoreNotifier;
}

namespace sohoa::store {

class StoreDatabase;

// Lives in the notifier's thread and reads through that thread's connection. Each tick costs one
// `PRAGMA data_version` (SQLite changes it on a connection when another connection commits) and one
// stat of the index; only when the version moved is the audit log read, from the last entry seen on.
// Every committed change of the store writes its audit entry in the same transaction, so the new
// entries name the dossiers that changed; the entries this object wrote itself (StoreDatabase's
// record of its own) are skipped: their notifications were already sent.
class StoreWatcher : public QObject
{
    Q_OBJECT

public:
    StoreWatcher(StoreDatabase &database, StoreNotifier &notifier);
    ~StoreWatcher() override;

    // Call in this object's thread.
    void start(int intervalMs);
    void stop();
    bool isActive() const;
    // One check now (the timer calls it).
    void check();

private:
    struct IndexIdentity
    {
        quint64 device = 0;
        quint64 inode = 0;
        bool operator==(const IndexIdentity &) const = default;
    };
    IndexIdentity indexIdentity() const;
    // From now on: the newest entry, the current data version, the index file as it is.
    void takeBaseline();

    StoreDatabase &m_database;
    StoreNotifier &m_notifier;
    QTimer *m_timer;
    qint64 m_dataVersion = -1;
    qint64 m_lastSeenAudit = 0;
    IndexIdentity m_index;
    bool m_warned = false;
};

} // namespace sohoa::store
