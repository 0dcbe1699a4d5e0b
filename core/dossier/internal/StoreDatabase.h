#pragma once

// Private to core/dossier: the store's SQLite access shared by DossierStore.cpp,
// DossierStorePages.cpp and StoreSchema.cpp. Never include this from a public header.

#include "core/common/Result.h"
#include "core/dossier/DossierStore.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace sohoa::store {

// Local time with its UTC offset and milliseconds, as every time in the store is written.
QString isoNow();
QString isoTime(const QDateTime &dt);
Error sqlError(const QSqlError &e, const QString &what);

// The SELECT lists the row readers below expect (pages aliased p).
extern const QString kPageColumns;
constexpr int kPageColumnCount = 37; // columns kPageColumns selects: a query's own columns come after
// FROM clause for kPageColumns: pages as p, with their cleanup (as pc) when there is one.
extern const QString kPageFrom;
extern const QString kDossierColumns;
extern const QString kComponentColumns;
PageRecord pageFromQuery(const QSqlQuery &q, const QString &root);
DossierInfo dossierFromQuery(const QSqlQuery &q);
ComponentInfo componentFromQuery(const QSqlQuery &q);

// RAII transaction: rolls back unless committed.
class Transaction
{
public:
    explicit Transaction(const QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool ok() const { return m_ok; }
    const QSqlError &error() const { return m_error; }
    bool commit();

private:
    QSqlDatabase m_db;
    bool m_ok = false;
    bool m_done = false;
    QSqlError m_error;
};

// One connection per thread to the store's database file.
class StoreDatabase
{
public:
    StoreDatabase() = default;
    ~StoreDatabase(); // closes every connection it opened
    StoreDatabase(const StoreDatabase &) = delete;
    StoreDatabase &operator=(const StoreDatabase &) = delete;

    void setPath(const QString &root, const QString &dbPath);
    const QString &root() const { return m_root; }
    const QString &path() const { return m_dbPath; }
    // Connections opened from now on are read-only (SQLITE_OPEN_READONLY and query_only). `immutable`
    // also tells SQLite that nobody writes the file, so that it needs no -shm beside it: the only way
    // to read a WAL-mode database in a folder nobody may write to (a read-only mount).
    void setReadOnly(bool immutable);
    bool isReadOnly() const { return m_readOnly; }

    // The calling thread's connection (opened on first use).
    QSqlDatabase db() const;
    void releaseThreadConnection();

    // Prepares, binds (a null QString as ''), executes. Errors are typed (locked, full, corrupt).
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &args = {}) const;
    // The first column of the first row (an invalid QVariant without a row).
    Result<QVariant> scalar(const QString &sql, const QVariantList &args = {}) const;
    Result<void> audit(const QString &action, const QString &detail, qint64 dossierId, qint64 pageId) const;

    // The audit entries written through this object, so that a watcher can tell them from other
    // writers' (StoreWatcher). Recorded from the moment of the INSERT, before the commit, so that an
    // entry is known as ours before anyone can read it. A rolled-back entry's id may later be taken by
    // another writer (audit_log ids are rowids, not AUTOINCREMENT): an entry is ours only when its
    // time, action and detail are also the ones recorded.
    void setRecordingOwnAudit(bool on);
    bool isOwnAudit(qint64 id, const QString &at, const QString &action, const QString &detail) const;
    // Forgets the recorded entries up to `id` (the watcher has read past them).
    void forgetOwnAuditUpTo(qint64 id);

    Result<DossierInfo> dossier(qint64 dossierId) const;
    Result<ComponentInfo> component(qint64 componentId) const;
    Result<PageRecord> page(qint64 pageId) const;
    Result<void> touchDossier(qint64 dossierId, const QString &when) const;
    // The one row of separation_state (no audit entry: that is the caller's).
    Result<void> writeSeparationState(const SeparationState &state) const;

    // Page order. Positions of the visible pages of a component stay 1..n: taking a page out closes
    // its gap, putting one in opens one first.
    Result<int> visiblePageCount(qint64 componentId) const;
    Result<void> closeGap(qint64 componentId, int position) const; // pages after `position` move up
    Result<void> openGap(qint64 componentId, int position) const;  // pages from `position` on move down

private:
    QString connectionName() const;
    Result<void> shiftPositions(qint64 componentId, int from, int delta) const;

    QString m_root;
    QString m_dbPath;
    bool m_readOnly = false;
    bool m_immutable = false;
    mutable QMutex m_mutex;
    mutable QSet<QString> m_connections;
    mutable QMutex m_ownAuditMutex;
    bool m_recordOwnAudit = false;
    mutable QHash<qint64, QString> m_ownAudit; // id -> at, action, detail
};

} // namespace sohoa::store
