#include "core/dossier/internal/StoreDatabase.h"
#include "core/dossier/internal/StoreLayout.h"

#include <QThread>
#include <QUrl>

namespace sohoa::store {

namespace {

QString actorName()
{
    const QByteArray user = qgetenv("USER");
    return user.isEmpty() ? QStringLiteral("unknown") : QString::fromLocal8Bit(user);
}

} // namespace

QString isoTime(const QDateTime &dt)
{
    return dt.toOffsetFromUtc(dt.offsetFromUtc()).toString(Qt::ISODateWithMs);
}

QString isoNow()
{
    return isoTime(QDateTime::currentDateTime());
}

Error sqlError(const QSqlError &e, const QString &what)
{
    const QString text = e.text();
    if (text.contains(QStringLiteral("locked"), Qt::CaseInsensitive) ||
        text.contains(QStringLiteral("busy"), Qt::CaseInsensitive))
        return Error(ErrorCode::StoreLocked, what + QStringLiteral(": ") + text);
    if (text.contains(QStringLiteral("full"), Qt::CaseInsensitive))
        return Error(ErrorCode::DiskFull, what + QStringLiteral(": ") + text);
    // SQLITE_READONLY: a read-only connection (or file) was asked to write.
    if (text.contains(QStringLiteral("readonly"), Qt::CaseInsensitive) ||
        text.contains(QStringLiteral("read-only"), Qt::CaseInsensitive))
        return Error(ErrorCode::StoreReadOnly, what + QStringLiteral(": ") + text);
    if (text.contains(QStringLiteral("malformed"), Qt::CaseInsensitive) ||
        text.contains(QStringLiteral("not a database"), Qt::CaseInsensitive))
        return Error(ErrorCode::StoreCorrupt, what + QStringLiteral(": ") + text);
    return Error(ErrorCode::StoreOpenFailed, what + QStringLiteral(": ") + text);
}

const QString kPageColumns = QStringLiteral(
    "p.id, p.component_id, p.seq, p.path, p.sha256, p.size, p.width, p.height, p.dpi, p.color_mode, p.bit_depth,"
    " p.format, p.device, p.scanned_at, p.saved_at, p.adopted, p.origin_component_id, p.position, p.rotation,"
    " p.deleted_at, p.deleted_position, pc.page_id, pc.options, pc.operations, pc.skew_detected_deg,"
    " pc.skew_corrected_deg, pc.rotated_deg, pc.ink_percent, pc.blank, pc.blank_review, pc.path, pc.sha256, pc.size,"
    " pc.width, pc.height, pc.format, pc.created_at");
const QString kPageFrom = QStringLiteral(" FROM pages p LEFT JOIN page_cleanups pc ON pc.page_id = p.id ");

PageRecord pageFromQuery(const QSqlQuery &q, const QString &root)
{
    PageRecord p;
    p.id = q.value(0).toLongLong();
    p.componentId = q.value(1).toLongLong();
    p.seq = q.value(2).toInt();
    p.relativePath = q.value(3).toString();
    p.absolutePath = fileInStore(root, p.relativePath);
    p.sha256 = q.value(4).toString();
    p.size = q.value(5).toLongLong();
    p.width = q.value(6).toInt();
    p.height = q.value(7).toInt();
    p.dpi = q.value(8).toInt();
    colorModeFromName(q.value(9).toString(), &p.mode);
    p.bitDepth = q.value(10).toInt();
    p.format = q.value(11).toString();
    p.device = q.value(12).toString();
    p.scannedAt = QDateTime::fromString(q.value(13).toString(), Qt::ISODateWithMs);
    p.savedAt = QDateTime::fromString(q.value(14).toString(), Qt::ISODateWithMs);
    p.adopted = q.value(15).toBool();
    p.originComponentId = q.value(16).toLongLong();
    p.rotation = q.value(18).toInt();
    p.deleted = !q.value(19).isNull();
    p.deletedAt = QDateTime::fromString(q.value(19).toString(), Qt::ISODateWithMs);
    p.position = p.deleted ? q.value(20).toInt() : q.value(17).toInt();
    PageCleanupRecord &c = p.cleanup;
    c.present = !q.value(21).isNull();
    if (c.present) {
        c.options = q.value(22).toString();
        c.operations = q.value(23).toString().split(u'\n', Qt::SkipEmptyParts);
        c.skewDetectedDeg = q.value(24).toDouble();
        c.skewCorrectedDeg = q.value(25).toDouble();
        c.rotatedDeg = q.value(26).toInt();
        c.inkPercent = q.value(27).toDouble();
        c.blank = q.value(28).toBool();
        c.blankReview = q.value(29).toString();
        c.relativePath = q.value(30).toString();
        if (!c.relativePath.isEmpty())
            c.absolutePath = fileInStore(root, c.relativePath);
        c.sha256 = q.value(31).toString();
        c.size = q.value(32).toLongLong();
        c.width = q.value(33).toInt();
        c.height = q.value(34).toInt();
        c.format = q.value(35).toString();
        c.at = QDateTime::fromString(q.value(36).toString(), Qt::ISODateWithMs);
    }
    return p;
}

const QString kDossierColumns =
    QStringLiteral("id, code, free_form, procedure, applicant, status, created_at, updated_at,"
                   " (SELECT COUNT(*) FROM pages p JOIN components c ON c.id = p.component_id"
                   " WHERE c.dossier_id = dossiers.id AND p.deleted_at IS NULL)");

DossierInfo dossierFromQuery(const QSqlQuery &q)
{
    DossierInfo d;
    d.id = q.value(0).toLongLong();
    d.code = q.value(1).toString();
    d.freeForm = q.value(2).toBool();
    d.procedure = q.value(3).toString();
    d.applicant = q.value(4).toString();
    d.status = q.value(5).toString();
    d.createdAt = QDateTime::fromString(q.value(6).toString(), Qt::ISODateWithMs);
    d.updatedAt = QDateTime::fromString(q.value(7).toString(), Qt::ISODateWithMs);
    d.pageCount = q.value(8).toInt();
    return d;
}

const QString kComponentColumns = QStringLiteral("id, dossier_id, name, position");

ComponentInfo componentFromQuery(const QSqlQuery &q)
{
    return ComponentInfo{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toInt()};
}

Transaction::Transaction(const QSqlDatabase &db) : m_db(db)
{
    // BEGIN IMMEDIATE takes the write lock up front, so two processes never interleave a
    // read-then-write (of the next sequence number, of a page position).
    QSqlQuery q(m_db);
    m_ok = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_ok)
        m_error = q.lastError();
}

Transaction::~Transaction()
{
    if (m_ok && !m_done) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("ROLLBACK"));
    }
}

bool Transaction::commit()
{
    QSqlQuery q(m_db);
    m_done = q.exec(QStringLiteral("COMMIT"));
    if (!m_done)
        m_error = q.lastError();
    return m_done;
}

StoreDatabase::~StoreDatabase()
{
    QStringList names;
    {
        QMutexLocker lock(&m_mutex);
        names = m_connections.values();
    }
    for (const QString &name : names) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

void StoreDatabase::setPath(const QString &root, const QString &dbPath)
{
    m_root = root;
    m_dbPath = dbPath;
}

void StoreDatabase::setReadOnly(bool immutable)
{
    m_readOnly = true;
    m_immutable = immutable;
}

QString StoreDatabase::connectionName() const
{
    return QStringLiteral("sohoa-store-%1-%2")
        .arg(reinterpret_cast<quintptr>(this), 0, 16)
        .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16);
}

QSqlDatabase StoreDatabase::db() const
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    if (m_immutable) {
        db.setDatabaseName(QUrl::fromLocalFile(m_dbPath).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=10000"));
    } else {
        db.setDatabaseName(m_dbPath);
        db.setConnectOptions(m_readOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000")
                                        : QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    }
    if (db.open()) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
        q.exec(m_readOnly ? QStringLiteral("PRAGMA query_only=ON") : QStringLiteral("PRAGMA synchronous=FULL"));
    }
    QMutexLocker lock(&m_mutex);
    m_connections.insert(name);
    return db;
}

void StoreDatabase::releaseThreadConnection()
{
    const QString name = connectionName();
    {
        QMutexLocker lock(&m_mutex);
        if (!m_connections.remove(name))
            return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

Result<QSqlQuery> StoreDatabase::exec(const QString &sql, const QVariantList &args) const
{
    QSqlDatabase d = db();
    if (!d.isOpen())
        return sqlError(d.lastError(), m_dbPath);
    QSqlQuery q(d);
    if (!q.prepare(sql))
        return sqlError(q.lastError(), sql);
    for (const QVariant &a : args) {
        // A null QString would bind as SQL NULL and trip NOT NULL columns; only an invalid
        // QVariant means NULL here.
        if (a.typeId() == QMetaType::QString && a.toString().isNull())
            q.addBindValue(QStringLiteral(""));
        else
            q.addBindValue(a);
    }
    if (!q.exec())
        return sqlError(q.lastError(), sql);
    return q;
}

Result<QVariant> StoreDatabase::scalar(const QString &sql, const QVariantList &args) const
{
    auto q = exec(sql, args);
    if (!q)
        return q.error();
    return q->next() ? q->value(0) : QVariant();
}

namespace {

QString auditFingerprint(const QString &at, const QString &action, const QString &detail)
{
    return at + u'\n' + action + u'\n' + detail;
}

} // namespace

Result<void> StoreDatabase::audit(const QString &action, const QString &detail, qint64 dossierId, qint64 pageId) const
{
    const QString at = isoNow();
    auto r =
        exec(QStringLiteral(
                 "INSERT INTO audit_log (at, action, detail, dossier_id, page_id, actor) VALUES (?, ?, ?, ?, ?, ?)"),
             {at, action, detail, dossierId ? QVariant(dossierId) : QVariant(), pageId ? QVariant(pageId) : QVariant(),
              actorName()});
    if (!r)
        return r.error();
    QMutexLocker lock(&m_ownAuditMutex);
    if (m_recordOwnAudit)
        m_ownAudit.insert(r->lastInsertId().toLongLong(), auditFingerprint(at, action, detail));
    return {};
}

void StoreDatabase::setRecordingOwnAudit(bool on)
{
    QMutexLocker lock(&m_ownAuditMutex);
    m_recordOwnAudit = on;
    if (!on)
        m_ownAudit.clear();
}

bool StoreDatabase::isOwnAudit(qint64 id, const QString &at, const QString &action, const QString &detail) const
{
    QMutexLocker lock(&m_ownAuditMutex);
    const auto it = m_ownAudit.constFind(id);
    return it != m_ownAudit.constEnd() && it.value() == auditFingerprint(at, action, detail);
}

void StoreDatabase::forgetOwnAuditUpTo(qint64 id)
{
    QMutexLocker lock(&m_ownAuditMutex);
    m_ownAudit.removeIf([id](const auto &entry) { return entry.key() <= id; });
}

Result<DossierInfo> StoreDatabase::dossier(qint64 dossierId) const
{
    auto q =
        exec(QStringLiteral("SELECT ") + kDossierColumns + QStringLiteral(" FROM dossiers WHERE id = ?"), {dossierId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::DossierNotFound, QString::number(dossierId));
    return dossierFromQuery(q.value());
}

Result<ComponentInfo> StoreDatabase::component(qint64 componentId) const
{
    auto q = exec(QStringLiteral("SELECT ") + kComponentColumns + QStringLiteral(" FROM components WHERE id = ?"),
                  {componentId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::ComponentNotFound, QString::number(componentId));
    return componentFromQuery(q.value());
}

Result<PageRecord> StoreDatabase::page(qint64 pageId) const
{
    auto q = exec(QStringLiteral("SELECT ") + kPageColumns + kPageFrom + QStringLiteral("WHERE p.id = ?"), {pageId});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::PageNotFound, QStringLiteral("page id %1").arg(pageId));
    return pageFromQuery(q.value(), m_root);
}

Result<void> StoreDatabase::touchDossier(qint64 dossierId, const QString &when) const
{
    auto q = exec(QStringLiteral("UPDATE dossiers SET updated_at = ? WHERE id = ?"), {when, dossierId});
    if (!q)
        return q.error();
    return {};
}

Result<void> StoreDatabase::writeSeparationState(const SeparationState &state) const
{
    auto q = exec(QStringLiteral("INSERT OR REPLACE INTO separation_state (id, dossier_code, component, pending,"
                                 " from_component, base, barcode, pages_in_document, batch_id, updated_at)"
                                 " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                  {state.dossierCode, state.component, state.pending, state.from, state.base, state.barcode,
                   state.pagesInDocument, state.batchId, isoNow()});
    if (!q)
        return q.error();
    return {};
}

Result<int> StoreDatabase::visiblePageCount(qint64 componentId) const
{
    auto n = scalar(QStringLiteral("SELECT COUNT(*) FROM pages WHERE component_id = ? AND deleted_at IS NULL"),
                    {componentId});
    if (!n)
        return n.error();
    return n->toInt();
}

Result<void> StoreDatabase::shiftPositions(qint64 componentId, int from, int delta) const
{
    // SQLite checks the UNIQUE (component_id, position) index row by row, in no promised order, so a
    // one-statement shift can collide with a neighbour that has not moved yet. Through negative
    // values (never a real position) no two rows ever meet.
    auto away = exec(QStringLiteral("UPDATE pages SET position = -(position + ?)"
                                    " WHERE component_id = ? AND deleted_at IS NULL AND position >= ?"),
                     {delta, componentId, from});
    if (!away)
        return away.error();
    auto back = exec(QStringLiteral("UPDATE pages SET position = -position"
                                    " WHERE component_id = ? AND deleted_at IS NULL AND position < 0"),
                     {componentId});
    if (!back)
        return back.error();
    return {};
}

Result<void> StoreDatabase::closeGap(qint64 componentId, int position) const
{
    return shiftPositions(componentId, position + 1, -1);
}

Result<void> StoreDatabase::openGap(qint64 componentId, int position) const
{
    return shiftPositions(componentId, position, +1);
}

} // namespace sohoa::store
