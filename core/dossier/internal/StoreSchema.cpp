#include "core/dossier/internal/StoreSchema.h"

#include "core/dossier/internal/StoreDatabase.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QThread>

namespace sohoa::store {

namespace {

// Schema 1 as the first version wrote it: the start of every migration, a new store's too, so that
// each table is defined once and a new store is exactly a migrated one.
const char *const kSchema1[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS dossiers ("
    " id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, free_form INTEGER NOT NULL DEFAULT 0,"
    " procedure TEXT NOT NULL DEFAULT '', applicant TEXT NOT NULL DEFAULT '',"
    " status TEXT NOT NULL DEFAULT 'open', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS components ("
    " id INTEGER PRIMARY KEY, dossier_id INTEGER NOT NULL REFERENCES dossiers(id), name TEXT NOT NULL,"
    " position INTEGER NOT NULL, created_at TEXT NOT NULL, UNIQUE (dossier_id, name))",
    // A page is reserved (intent) before its file is written, so that recovery knows which
    // component a file found after a crash belongs to, and numbering never reuses a number.
    "CREATE TABLE IF NOT EXISTS page_intents ("
    " id INTEGER PRIMARY KEY, component_id INTEGER NOT NULL REFERENCES components(id), seq INTEGER NOT NULL,"
    " path TEXT NOT NULL UNIQUE, width INTEGER, height INTEGER, dpi INTEGER, color_mode TEXT, bit_depth INTEGER,"
    " format TEXT, device TEXT, scanned_at TEXT, batch_id TEXT, created_at TEXT NOT NULL, UNIQUE (component_id, seq))",
    "CREATE TABLE IF NOT EXISTS pages ("
    " id INTEGER PRIMARY KEY, component_id INTEGER NOT NULL REFERENCES components(id), seq INTEGER NOT NULL,"
    " path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, size INTEGER NOT NULL, width INTEGER NOT NULL,"
    " height INTEGER NOT NULL, dpi INTEGER NOT NULL, color_mode TEXT NOT NULL, bit_depth INTEGER NOT NULL,"
    " format TEXT NOT NULL, device TEXT NOT NULL DEFAULT '', scanned_at TEXT, saved_at TEXT NOT NULL,"
    " batch_id TEXT, adopted INTEGER NOT NULL DEFAULT 0, UNIQUE (component_id, seq))",
    "CREATE TABLE IF NOT EXISTS audit_log ("
    " id INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '',"
    " dossier_id INTEGER, page_id INTEGER, actor TEXT NOT NULL DEFAULT '')",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE INDEX IF NOT EXISTS pages_component ON pages (component_id, seq)",
    "CREATE INDEX IF NOT EXISTS audit_dossier ON audit_log (dossier_id)",
};

// Schema 2. SQLite cannot change a table's constraints in place, so pages is rebuilt (new table,
// copy, drop, rename; nothing refers to pages, so foreign keys stay on). Numbering moves from
// (component_id, seq) to (origin_component_id, seq): a page moved to another component keeps its
// file and number, and the next page scanned into either component never collides with it.
// Positions are the old order (seq) within each component.
const char *const kMigrate1To2[] = {
    "CREATE TABLE pages_v2 ("
    " id INTEGER PRIMARY KEY,"
    " component_id INTEGER NOT NULL REFERENCES components(id),"
    " origin_component_id INTEGER NOT NULL REFERENCES components(id),"
    " seq INTEGER NOT NULL,"
    // 1..n among the visible pages of component_id; NULL while deleted (deleted_position keeps it).
    " position INTEGER,"
    " rotation INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),"
    " deleted_at TEXT,"
    " deleted_position INTEGER,"
    " path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, size INTEGER NOT NULL, width INTEGER NOT NULL,"
    " height INTEGER NOT NULL, dpi INTEGER NOT NULL, color_mode TEXT NOT NULL, bit_depth INTEGER NOT NULL,"
    " format TEXT NOT NULL, device TEXT NOT NULL DEFAULT '', scanned_at TEXT, saved_at TEXT NOT NULL,"
    " batch_id TEXT, adopted INTEGER NOT NULL DEFAULT 0,"
    " UNIQUE (origin_component_id, seq),"
    " CHECK ((deleted_at IS NULL) = (position IS NOT NULL)),"
    " CHECK ((deleted_at IS NULL) = (deleted_position IS NULL)))",
    "INSERT INTO pages_v2 (id, component_id, origin_component_id, seq, position, path, sha256, size, width, height,"
    " dpi, color_mode, bit_depth, format, device, scanned_at, saved_at, batch_id, adopted)"
    " SELECT id, component_id, component_id, seq,"
    " (SELECT COUNT(*) FROM pages o WHERE o.component_id = p.component_id AND o.seq <= p.seq),"
    " path, sha256, size, width, height, dpi, color_mode, bit_depth, format, device, scanned_at, saved_at, batch_id,"
    " adopted FROM pages p",
    "DROP TABLE pages",
    "ALTER TABLE pages_v2 RENAME TO pages",
    // Deleted pages have no position, and NULLs never collide in a UNIQUE index.
    "CREATE UNIQUE INDEX pages_order ON pages (component_id, position)",
    "CREATE TABLE separation_state ("
    " id INTEGER PRIMARY KEY CHECK (id = 1), dossier_code TEXT NOT NULL, component TEXT NOT NULL,"
    " pending INTEGER NOT NULL DEFAULT 0, from_component TEXT NOT NULL DEFAULT '', base TEXT NOT NULL DEFAULT '',"
    " barcode TEXT NOT NULL DEFAULT '', pages_in_document INTEGER NOT NULL DEFAULT 0,"
    " batch_id TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL)",
};

// Schema 4: signed files of a dossier, kept as a history (a file signed again is a new row).
const char *const kMigrate3To4[] = {
    "CREATE TABLE signed_documents ("
    " id INTEGER PRIMARY KEY, dossier_id INTEGER NOT NULL REFERENCES dossiers(id), path TEXT NOT NULL,"
    " source_path TEXT NOT NULL DEFAULT '', sha256 TEXT NOT NULL, size INTEGER NOT NULL, kind TEXT NOT NULL,"
    " signer TEXT NOT NULL DEFAULT '', verdict TEXT NOT NULL DEFAULT '', lookup_code TEXT NOT NULL DEFAULT '',"
    " signed_at TEXT NOT NULL)",
    "CREATE INDEX signed_documents_dossier ON signed_documents (dossier_id)",
};

// Schema 5: where files are delivered, and the queue of deliveries (kept through restarts).
const char *const kMigrate4To5[] = {
    "CREATE TABLE upload_targets (name TEXT PRIMARY KEY, config TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE upload_jobs ("
    " id INTEGER PRIMARY KEY, target TEXT NOT NULL, dossier_id INTEGER, path TEXT NOT NULL, sha256 TEXT NOT NULL,"
    " size INTEGER NOT NULL, remote_name TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE,"
    " state TEXT NOT NULL DEFAULT 'queued', attempts INTEGER NOT NULL DEFAULT 0,"
    " last_error_id TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '', remote_url TEXT NOT NULL DEFAULT '',"
    " created_at TEXT NOT NULL, updated_at TEXT NOT NULL, next_attempt_at TEXT NOT NULL, delivered_at TEXT)",
    "CREATE INDEX upload_jobs_state ON upload_jobs (state, next_attempt_at)",
    "CREATE INDEX upload_jobs_dossier ON upload_jobs (dossier_id)",
};

// Schema 6: what cleanup made of a page (a derived image beside the original, never instead of it, and
// the findings: skew, orientation, blank flag and its review) and Decree 30 archival metadata of a
// dossier (component_id 0) and its documents.
const char *const kMigrate5To6[] = {
    "CREATE TABLE page_cleanups ("
    " page_id INTEGER PRIMARY KEY REFERENCES pages(id), options TEXT NOT NULL, operations TEXT NOT NULL DEFAULT '',"
    " skew_detected_deg REAL NOT NULL DEFAULT 0, skew_corrected_deg REAL NOT NULL DEFAULT 0,"
    " rotated_deg INTEGER NOT NULL DEFAULT 0 CHECK (rotated_deg IN (0, 90, 180, 270)),"
    " ink_percent REAL NOT NULL DEFAULT 0, blank INTEGER NOT NULL DEFAULT 0, blank_review TEXT NOT NULL DEFAULT '',"
    " path TEXT UNIQUE, sha256 TEXT, size INTEGER, width INTEGER, height INTEGER, format TEXT,"
    " created_at TEXT NOT NULL)",
    "CREATE TABLE archival_metadata ("
    " dossier_id INTEGER NOT NULL REFERENCES dossiers(id), component_id INTEGER NOT NULL DEFAULT 0,"
    " field TEXT NOT NULL, value TEXT NOT NULL, updated_at TEXT NOT NULL,"
    " PRIMARY KEY (dossier_id, component_id, field))",
};

Result<void> execAll(const StoreDatabase &database, const auto &statements)
{
    for (const char *sql : statements) {
        if (auto q = database.exec(QString::fromLatin1(sql)); !q)
            return q.error();
    }
    return {};
}

Result<int> userVersion(const StoreDatabase &database)
{
    auto v = database.scalar(QStringLiteral("PRAGMA user_version"));
    if (!v)
        return v.error();
    return v->toInt();
}

// Schema 1 kept the state of the last separated batch only in the audit log; it becomes the row.
Result<bool> carrySeparationState(const StoreDatabase &database)
{
    auto last = database.scalar(
        QStringLiteral("SELECT detail FROM audit_log WHERE action = 'separation-state' ORDER BY id DESC LIMIT 1"));
    if (!last)
        return last.error();
    if (!last->isValid())
        return false;
    const SeparationState state =
        SeparationState::fromJson(QJsonDocument::fromJson(last->toString().toUtf8()).object());
    if (state.dossierCode.isEmpty())
        return false;
    if (auto r = database.writeSeparationState(state); !r)
        return r.error();
    return true;
}

Result<void> migrate1To2(const StoreDatabase &database, QJsonObject *report)
{
    if (auto r = execAll(database, kMigrate1To2); !r)
        return r;
    auto carried = carrySeparationState(database);
    if (!carried)
        return carried.error();
    auto pages = database.scalar(QStringLiteral("SELECT COUNT(*) FROM pages"));
    if (!pages)
        return pages.error();
    report->insert(QStringLiteral("pages"), pages->toInt());
    report->insert(QStringLiteral("separation_state"), carried.value());
    return {};
}

} // namespace

namespace {
Result<void> prepareOnce(const StoreDatabase &database, const PrepareOptions &options);
} // namespace

Result<void> StoreSchema::prepare(const StoreDatabase &database, const PrepareOptions &options)
{
    // Two processes opening one new store at once: SQLite answers "database is locked" at once,
    // without its busy handler, to some steps of the other's creation (a read that would have to wait
    // for the switch to WAL, a read lock that cannot be upgraded). Each step is short and safe to
    // repeat from the start: retried for up to 10 s, as the busy timeout waits for a write.
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        auto r = prepareOnce(database, options);
        if (r || r.error().code() != ErrorCode::StoreLocked || waited.elapsed() > 10000)
            return r;
        QThread::msleep(20 + QRandomGenerator::global()->bounded(80));
    }
}

namespace {

constexpr int kCurrentVersion = StoreSchema::kCurrentVersion;

Result<void> prepareOnce(const StoreDatabase &database, const PrepareOptions &options)
{
    QSqlDatabase db = database.db();
    if (!db.isOpen())
        return sqlError(db.lastError(), database.path());
    // Before anything writes, not even the journal mode: a newer store must stay as it is.
    auto version = userVersion(database);
    if (!version)
        return version.error();
    const auto tooNew = [&](int v) {
        return Error(ErrorCode::StoreTooNew, QStringLiteral("%1: schema %2, this program knows up to %3")
                                                 .arg(database.path())
                                                 .arg(v)
                                                 .arg(kCurrentVersion));
    };
    if (version.value() > kCurrentVersion)
        return tooNew(version.value());
    {
        QSqlQuery q(db);
        // A file that is not a database fails here rather than at the first write.
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
            return Error(ErrorCode::StoreCorrupt, database.path() + QStringLiteral(": ") + q.lastError().text());
        if (q.value(0).toString() != u"ok")
            return Error(ErrorCode::StoreCorrupt, database.path() + QStringLiteral(": ") + q.value(0).toString());
    }
    if (version.value() < kCurrentVersion) {
        auto objects = database.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"));
        if (!objects)
            return objects.error();
        if (objects->toInt() == 0 && options.beforeCreating) {
            if (auto r = options.beforeCreating(); !r)
                return r;
        }
        if (options.readOnly) {
            if (objects->toInt() == 0)
                return Error(ErrorCode::StoreNotFound, database.path() + QStringLiteral(": an index without tables"));
            return Error(ErrorCode::StoreNeedsUpgrade, QStringLiteral("%1: schema %2, read-only, this program reads %3")
                                                           .arg(database.path())
                                                           .arg(version.value())
                                                           .arg(kCurrentVersion));
        }
    }
    if (options.readOnly)
        return {};
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            return sqlError(q.lastError(), database.path());
    }
    if (version.value() == kCurrentVersion)
        return {};

    Transaction tx(db);
    if (!tx.ok())
        return sqlError(tx.error(), database.path());
    // Another process may have migrated while this one waited for the lock.
    version = userVersion(database);
    if (!version)
        return version.error();
    if (version.value() > kCurrentVersion)
        return tooNew(version.value());
    if (version.value() == kCurrentVersion)
        return {};
    auto objects = database.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"));
    if (!objects)
        return objects.error();
    const bool fresh = objects->toInt() == 0;
    int from = version.value();
    if (from == 0 && !fresh) {
        auto meta = database.scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"));
        from = meta && meta->isValid() ? meta->toString().toInt() : 1;
    }

    QJsonObject report{{QStringLiteral("from"), from}, {QStringLiteral("to"), kCurrentVersion}};
    if (version.value() < 1) {
        if (auto r = execAll(database, kSchema1); !r)
            return r;
    }
    if (version.value() < 2) {
        if (auto r = migrate1To2(database, &report); !r)
            return r;
    }
    if (version.value() < 3) {
        // Reservations of older writers get no lease: their writers are gone.
        if (auto q =
                database.exec(QStringLiteral("ALTER TABLE page_intents ADD COLUMN lease TEXT NOT NULL DEFAULT ''"));
            !q)
            return q.error();
    }
    if (version.value() < 4) {
        if (auto r = execAll(database, kMigrate3To4); !r)
            return r;
    }
    if (version.value() < 5) {
        if (auto r = execAll(database, kMigrate4To5); !r)
            return r;
    }
    if (version.value() < 6) {
        if (auto r = execAll(database, kMigrate5To6); !r)
            return r;
    }
    if (auto q = database.exec(QStringLiteral("PRAGMA user_version = %1").arg(kCurrentVersion)); !q)
        return q.error();
    if (auto q = database.exec(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"),
                               {QString::number(kCurrentVersion)});
        !q)
        return q.error();
    // A new store is not a migration: its log starts with its first real event.
    if (!fresh) {
        if (auto a = database.audit(QStringLiteral("store-migrated"),
                                    QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact)), 0, 0);
            !a)
            return a;
    }
    if (!tx.commit())
        return sqlError(tx.error(), database.path());
    return {};
}

} // namespace

} // namespace sohoa::store
