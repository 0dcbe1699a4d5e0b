#include "core/dossier/DossierStore.h"

#include "core/dossier/DossierCode.h"
#include "core/common/DurableFile.h"
#include "core/common/CoreLogging.h"
#include "core/common/Sha256.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QMutex>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUuid>

#include <unistd.h>

namespace sohoa {

namespace {

constexpr int kSchemaVersion = 1;

const char *const kSchema[] = {
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

QString isoNow()
{
    const QDateTime now = QDateTime::currentDateTime();
    return now.toOffsetFromUtc(now.offsetFromUtc()).toString(Qt::ISODateWithMs);
}

QString actorName()
{
    const QByteArray user = qgetenv("USER");
    return user.isEmpty() ? QStringLiteral("unknown") : QString::fromLocal8Bit(user);
}

Error sqlError(const QSqlError &e, const QString &what)
{
    const QString text = e.text();
    if (text.contains(QStringLiteral("locked"), Qt::CaseInsensitive) ||
        text.contains(QStringLiteral("busy"), Qt::CaseInsensitive))
        return Error(ErrorCode::StoreLocked, what + QStringLiteral(": ") + text);
    if (text.contains(QStringLiteral("full"), Qt::CaseInsensitive))
        return Error(ErrorCode::DiskFull, what + QStringLiteral(": ") + text);
    if (text.contains(QStringLiteral("malformed"), Qt::CaseInsensitive) ||
        text.contains(QStringLiteral("not a database"), Qt::CaseInsensitive))
        return Error(ErrorCode::StoreCorrupt, what + QStringLiteral(": ") + text);
    return Error(ErrorCode::StoreOpenFailed, what + QStringLiteral(": ") + text);
}

PageRecord pageFromQuery(const QSqlQuery &q, const QString &root)
{
    PageRecord p;
    p.id = q.value(0).toLongLong();
    p.componentId = q.value(1).toLongLong();
    p.seq = q.value(2).toInt();
    p.relativePath = q.value(3).toString();
    p.absolutePath = root + u'/' + p.relativePath;
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
    return p;
}

const QString kPageColumns = QStringLiteral(
    "p.id, p.component_id, p.seq, p.path, p.sha256, p.size, p.width, p.height, p.dpi, p.color_mode, p.bit_depth,"
    " p.format, p.device, p.scanned_at, p.saved_at, p.adopted");

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
    return d;
}

const QString kDossierColumns =
    QStringLiteral("id, code, free_form, procedure, applicant, status, created_at, updated_at");

void warnIfFailed(const Result<void> &r)
{
    if (!r)
        qCWarning(lcCore) << "audit log write failed:" << r.error().detail();
}

// RAII transaction: rolls back unless committed.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db) : m_db(std::move(db))
    {
        // BEGIN IMMEDIATE takes the write lock up front, so two processes never interleave a
        // read-then-write of the next sequence number.
        QSqlQuery q(m_db);
        m_ok = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!m_ok)
            m_error = q.lastError();
    }
    ~Transaction()
    {
        if (m_ok && !m_done) {
            QSqlQuery q(m_db);
            q.exec(QStringLiteral("ROLLBACK"));
        }
    }
    bool ok() const { return m_ok; }
    const QSqlError &error() const { return m_error; }
    bool commit()
    {
        QSqlQuery q(m_db);
        m_done = q.exec(QStringLiteral("COMMIT"));
        if (!m_done)
            m_error = q.lastError();
        return m_done;
    }

private:
    QSqlDatabase m_db;
    bool m_ok = false;
    bool m_done = false;
    QSqlError m_error;
};

} // namespace

struct DossierStore::Private
{
    QString root;
    QString dbPath;
    StoreOptions options;
    RecoveryReport report;
    mutable QMutex mutex;
    mutable QSet<QString> connections;

    QSqlDatabase db() const
    {
        const QString name = QStringLiteral("sohoa-store-%1-%2")
                                 .arg(reinterpret_cast<quintptr>(this), 0, 16)
                                 .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16);
        if (QSqlDatabase::contains(name))
            return QSqlDatabase::database(name, false);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(dbPath);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (db.open()) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
            q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        }
        QMutexLocker lock(&mutex);
        connections.insert(name);
        return db;
    }

    Result<QSqlQuery> exec(const QString &sql, const QVariantList &args = {}) const
    {
        QSqlDatabase d = db();
        if (!d.isOpen())
            return sqlError(d.lastError(), dbPath);
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

    Result<void> auditIn(const QString &action, const QString &detail, qint64 dossierId, qint64 pageId) const
    {
        auto r = exec(
            QStringLiteral(
                "INSERT INTO audit_log (at, action, detail, dossier_id, page_id, actor) VALUES (?, ?, ?, ?, ?, ?)"),
            {isoNow(), action, detail, dossierId ? QVariant(dossierId) : QVariant(),
             pageId ? QVariant(pageId) : QVariant(), actorName()});
        if (!r)
            return r.error();
        return {};
    }

    Result<void> initSchema();
    void recover(bool verifyChecksums);
    Result<PageRecord> adoptIntent(const QSqlQuery &intent);
};

DossierStore::DossierStore() : d(std::make_unique<Private>()) {}

DossierStore::~DossierStore()
{
    QStringList names;
    {
        QMutexLocker lock(&d->mutex);
        names = d->connections.values();
    }
    for (const QString &name : names) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

QString DossierStore::defaultLocation()
{
    const QByteArray env = qgetenv("SOHOA_STORE");
    if (!env.isEmpty())
        return QString::fromLocal8Bit(env);
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/sohoa/store");
}

Result<std::unique_ptr<DossierStore>> DossierStore::open(const QString &dir, const StoreOptions &options)
{
    std::unique_ptr<DossierStore> store(new DossierStore);
    store->d->root = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    store->d->options = options;
    if (auto r = makeDirectoryDurably(store->d->root); !r)
        return Error(r.error().code() == ErrorCode::DiskFull ? ErrorCode::DiskFull : ErrorCode::StoreOpenFailed,
                     r.error().detail());
    if (::access(QFile::encodeName(store->d->root).constData(), W_OK) != 0)
        return Error(ErrorCode::StoreOpenFailed, store->d->root + QStringLiteral(": not writable"));
    store->d->dbPath = store->d->root + QStringLiteral("/sohoa.sqlite");
    if (auto r = store->d->initSchema(); !r)
        return r.error();
    store->d->recover(false);
    return store;
}

Result<void> DossierStore::Private::initSchema()
{
    QSqlDatabase d = db();
    if (!d.isOpen())
        return sqlError(d.lastError(), dbPath);
    {
        QSqlQuery q(d);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            return sqlError(q.lastError(), dbPath);
        // A file that is not a database fails here rather than at the first write.
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next())
            return Error(ErrorCode::StoreCorrupt, dbPath + QStringLiteral(": ") + q.lastError().text());
        if (q.value(0).toString() != u"ok")
            return Error(ErrorCode::StoreCorrupt, dbPath + QStringLiteral(": ") + q.value(0).toString());
    }
    Transaction tx(d);
    if (!tx.ok())
        return sqlError(tx.error(), dbPath);
    for (const char *sql : kSchema) {
        QSqlQuery q(d);
        if (!q.exec(QString::fromLatin1(sql)))
            return sqlError(q.lastError(), QString::fromLatin1(sql));
    }
    QSqlQuery q(d);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)"));
    q.addBindValue(QString::number(kSchemaVersion));
    if (!q.exec())
        return sqlError(q.lastError(), dbPath);
    if (!tx.commit())
        return sqlError(tx.error(), dbPath);
    return {};
}

Result<PageRecord> DossierStore::Private::adoptIntent(const QSqlQuery &intent)
{
    const qint64 intentId = intent.value(0).toLongLong();
    const QString rel = intent.value(3).toString();
    const QString abs = root + u'/' + rel;
    qint64 size = 0;
    auto hash = sha256HexOfFile(abs, &size);
    if (!hash)
        return hash.error();
    QImageReader reader(abs);
    const QSize dims = reader.size();
    if (!dims.isValid())
        return Error(ErrorCode::ImageDecodeFailed, abs);

    QSqlDatabase d = db();
    Transaction tx(d);
    if (!tx.ok())
        return sqlError(tx.error(), dbPath);
    auto ins =
        exec(QStringLiteral("INSERT INTO pages (component_id, seq, path, sha256, size, width, height, dpi, color_mode,"
                            " bit_depth, format, device, scanned_at, saved_at, batch_id, adopted)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"),
             {intent.value(1), intent.value(2), rel, hash.value(), size, dims.width(), dims.height(), intent.value(6),
              intent.value(7), intent.value(8), intent.value(9), intent.value(10), intent.value(11), isoNow(),
              intent.value(12)});
    if (!ins)
        return ins.error();
    const qint64 pageId = ins->lastInsertId().toLongLong();
    if (auto del = exec(QStringLiteral("DELETE FROM page_intents WHERE id = ?"), {intentId}); !del)
        return del.error();
    auto dossierId = exec(QStringLiteral("SELECT dossier_id FROM components WHERE id = ?"), {intent.value(1)});
    const qint64 did = (dossierId && dossierId->next()) ? dossierId->value(0).toLongLong() : 0;
    if (auto a = auditIn(QStringLiteral("page-adopted"),
                         QStringLiteral("%1 (file complete, row written by recovery)").arg(rel), did, pageId);
        !a)
        return a.error();
    if (!tx.commit())
        return sqlError(tx.error(), dbPath);

    auto row =
        exec(QStringLiteral("SELECT ") + kPageColumns + QStringLiteral(" FROM pages p WHERE p.id = ?"), {pageId});
    if (!row || !row->next())
        return Error(ErrorCode::Internal, abs);
    return pageFromQuery(row.value(), root);
}

void DossierStore::Private::recover(bool verifyChecksums)
{
    // 1. Reservations left by a crash: adopt complete files, drop the rest (never reported as saved).
    auto intents = exec(QStringLiteral("SELECT id, component_id, seq, path, width, height, dpi, color_mode, bit_depth,"
                                       " format, device, scanned_at, batch_id FROM page_intents ORDER BY id"));
    if (intents) {
        QSqlQuery &q = intents.value();
        while (q.next()) {
            const QString rel = q.value(3).toString();
            const QString abs = root + u'/' + rel;
            if (QFileInfo::exists(abs)) {
                auto adopted = adoptIntent(q);
                if (adopted) {
                    report.adoptedPages.append(adopted.value());
                    qCInfo(lcCore) << "recovered page" << rel;
                    continue;
                }
                qCWarning(lcCore) << "cannot adopt" << rel << adopted.error().detail();
                // An unreadable file stays on disk and in the report; its reservation stays too so
                // that the number is never reused.
                PageRecord broken;
                broken.relativePath = rel;
                broken.absolutePath = abs;
                broken.componentId = q.value(1).toLongLong();
                broken.seq = q.value(2).toInt();
                report.damagedPages.append(broken);
                continue;
            }
            auto del = exec(QStringLiteral("DELETE FROM page_intents WHERE id = ?"), {q.value(0)});
            if (del)
                warnIfFailed(auditIn(
                    QStringLiteral("page-discarded"),
                    QStringLiteral("%1 (scan interrupted before the file was complete; never reported as saved)")
                        .arg(rel),
                    0, 0));
        }
    }

    // 2. Stray temporaries anywhere in the store: incomplete writes.
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!AtomicFileWriter::isTemporaryName(it.fileName()))
            continue;
        if (QFile::remove(path)) {
            const QString rel = QDir(root).relativeFilePath(path);
            report.removedTemporaries.append(rel);
            warnIfFailed(auditIn(QStringLiteral("temporary-removed"), rel, 0, 0));
        }
    }

    // 3. Every recorded page must still be there, unchanged.
    auto pagesQuery = exec(QStringLiteral("SELECT ") + kPageColumns + QStringLiteral(" FROM pages p ORDER BY p.id"));
    if (pagesQuery) {
        QSqlQuery &q = pagesQuery.value();
        while (q.next()) {
            const PageRecord p = pageFromQuery(q, root);
            const QFileInfo fi(p.absolutePath);
            if (!fi.exists()) {
                report.missingPages.append(p);
            } else if (fi.size() != p.size) {
                report.damagedPages.append(p);
            } else if (verifyChecksums) {
                auto h = sha256HexOfFile(p.absolutePath);
                if (!h || h.value() != p.sha256)
                    report.damagedPages.append(p);
            }
        }
    }
    for (const PageRecord &p : std::as_const(report.missingPages))
        qCWarning(lcCore) << "page file missing:" << p.relativePath;
    for (const PageRecord &p : std::as_const(report.damagedPages))
        qCWarning(lcCore) << "page file damaged:" << p.relativePath;
}

const QString &DossierStore::rootPath() const
{
    return d->root;
}
const RecoveryReport &DossierStore::recoveryReport() const
{
    return d->report;
}

Result<DossierInfo> DossierStore::createOrGetDossier(const QString &code, bool allowFreeForm, const QString &procedure,
                                                     const QString &applicant)
{
    auto form = DossierCode::validate(code, allowFreeForm);
    if (!form)
        return form.error();
    if (auto existing = dossier(code); existing)
        return existing;
    const QString now = isoNow();
    QSqlDatabase db = d->db();
    Transaction tx(db);
    if (!tx.ok())
        return sqlError(tx.error(), d->dbPath);
    auto ins = d->exec(
        QStringLiteral("INSERT OR IGNORE INTO dossiers (code, free_form, procedure, applicant, created_at, updated_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)"),
        {code, form.value() == DossierCode::Form::FreeForm, procedure, applicant, now, now});
    if (!ins)
        return ins.error();
    if (ins->numRowsAffected() > 0) {
        if (auto a = d->auditIn(QStringLiteral("dossier-created"),
                                QStringLiteral("%1 (%2)").arg(code, DossierCode::formName(form.value())),
                                ins->lastInsertId().toLongLong(), 0);
            !a)
            return a.error();
    }
    if (!tx.commit())
        return sqlError(tx.error(), d->dbPath);
    return dossier(code);
}

Result<DossierInfo> DossierStore::dossier(const QString &code) const
{
    auto q =
        d->exec(QStringLiteral("SELECT ") + kDossierColumns + QStringLiteral(" FROM dossiers WHERE code = ?"), {code});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::DossierNotFound, code);
    return dossierFromQuery(q.value());
}

Result<QList<DossierInfo>> DossierStore::dossiers() const
{
    auto q =
        d->exec(QStringLiteral("SELECT ") + kDossierColumns + QStringLiteral(" FROM dossiers ORDER BY created_at, id"));
    if (!q)
        return q.error();
    QList<DossierInfo> out;
    while (q->next())
        out.append(dossierFromQuery(q.value()));
    return out;
}

Result<ComponentInfo> DossierStore::createOrGetComponent(qint64 dossierId, const QString &name)
{
    const QString clean = name.trimmed();
    if (clean.isEmpty() || sanitizeName(clean).isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("component name: ") + name);
    if (auto existing = component(dossierId, clean); existing)
        return existing;
    QSqlDatabase db = d->db();
    Transaction tx(db);
    if (!tx.ok())
        return sqlError(tx.error(), d->dbPath);
    auto ins =
        d->exec(QStringLiteral(
                    "INSERT OR IGNORE INTO components (dossier_id, name, position, created_at)"
                    " VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM components WHERE dossier_id = ?), ?)"),
                {dossierId, clean, dossierId, isoNow()});
    if (!ins)
        return ins.error();
    if (ins->numRowsAffected() > 0) {
        if (auto a = d->auditIn(QStringLiteral("component-created"), clean, dossierId, 0); !a)
            return a.error();
    }
    if (!tx.commit())
        return sqlError(tx.error(), d->dbPath);
    return component(dossierId, clean);
}

Result<ComponentInfo> DossierStore::component(qint64 dossierId, const QString &name) const
{
    auto q = d->exec(
        QStringLiteral("SELECT id, dossier_id, name, position FROM components WHERE dossier_id = ? AND name = ?"),
        {dossierId, name.trimmed()});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::ComponentNotFound, name);
    return ComponentInfo{q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(),
                         q->value(3).toInt()};
}

Result<QList<ComponentInfo>> DossierStore::components(qint64 dossierId) const
{
    auto q = d->exec(
        QStringLiteral("SELECT id, dossier_id, name, position FROM components WHERE dossier_id = ? ORDER BY position"),
        {dossierId});
    if (!q)
        return q.error();
    QList<ComponentInfo> out;
    while (q->next())
        out.append({q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(), q->value(3).toInt()});
    return out;
}

Result<QList<PageRecord>> DossierStore::pages(qint64 componentId) const
{
    auto q = d->exec(QStringLiteral("SELECT ") + kPageColumns +
                         QStringLiteral(" FROM pages p WHERE p.component_id = ? ORDER BY p.seq"),
                     {componentId});
    if (!q)
        return q.error();
    QList<PageRecord> out;
    while (q->next())
        out.append(pageFromQuery(q.value(), d->root));
    return out;
}

Result<QList<PageRecord>> DossierStore::dossierPages(qint64 dossierId) const
{
    auto q =
        d->exec(QStringLiteral("SELECT ") + kPageColumns +
                    QStringLiteral(" FROM pages p JOIN components c ON c.id = p.component_id WHERE c.dossier_id = ?"
                                   " ORDER BY c.position, p.seq"),
                {dossierId});
    if (!q)
        return q.error();
    QList<PageRecord> out;
    while (q->next())
        out.append(pageFromQuery(q.value(), d->root));
    return out;
}

QString DossierStore::sanitizeName(const QString &name)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c == u'/' || c == u'\\' || c == u':' || c == u'*' || c == u'?' || c == u'"' ||
            c == u'<' || c == u'>' || c == u'|' || c == u'\x7f')
            out += u'_';
        else
            out += c;
    }
    out = out.trimmed();
    while (out.startsWith(u'.'))
        out.remove(0, 1);
    return out.left(100);
}

QString DossierStore::expandTemplate(const DossierInfo &dossier, const ComponentInfo &component, int seq,
                                     const QString &ext, const ScannedPage &page) const
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_]+)(?::(\\d+))?\\}"));
    const QDateTime when = page.acquiredAt.isValid() ? page.acquiredAt : QDateTime::currentDateTime();
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(d->options.nameTemplate);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(d->options.nameTemplate).mid(last, m.capturedStart() - last);
        last = m.capturedEnd();
        const QString key = m.captured(1);
        const int width = m.captured(2).toInt();
        if (key == u"dossier")
            out += sanitizeName(dossier.code);
        else if (key == u"component")
            out += sanitizeName(component.name);
        else if (key == u"seq")
            out += QStringLiteral("%1").arg(seq, width, 10, QLatin1Char('0'));
        else if (key == u"ext")
            out += ext;
        else if (key == u"date")
            out += when.toString(QStringLiteral("yyyyMMdd"));
        else if (key == u"time")
            out += when.toString(QStringLiteral("HHmmss"));
        else if (key == u"device")
            out += sanitizeName(page.device);
        else if (key == u"barcode")
            out += sanitizeName(page.barcode);
        else
            out += m.captured(0);
    }
    out += QStringView(d->options.nameTemplate).mid(last);
    // The template may not climb out of the store.
    QStringList parts = QDir::cleanPath(out).split(u'/', Qt::SkipEmptyParts);
    parts.removeAll(QStringLiteral(".."));
    parts.removeAll(QStringLiteral("."));
    return parts.join(u'/');
}

Result<PageRecord> DossierStore::savePage(const ComponentInfo &component, const ScannedPage &page,
                                          const EncodedImage &image, const QString &batchId)
{
    auto dossierQuery =
        d->exec(QStringLiteral("SELECT ") + kDossierColumns + QStringLiteral(" FROM dossiers WHERE id = ?"),
                {component.dossierId});
    if (!dossierQuery)
        return dossierQuery.error();
    if (!dossierQuery->next())
        return Error(ErrorCode::DossierNotFound, QString::number(component.dossierId));
    const DossierInfo dossierInfo = dossierFromQuery(dossierQuery.value());
    const QString scannedAt =
        page.acquiredAt.isValid()
            ? page.acquiredAt.toOffsetFromUtc(page.acquiredAt.offsetFromUtc()).toString(Qt::ISODateWithMs)
            : isoNow();

    // Reserve the next number and the path (committed), then write the file, then commit the row.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        QSqlDatabase db = d->db();
        qint64 intentId = 0;
        int seq = 0;
        QString rel;
        {
            Transaction tx(db);
            if (!tx.ok())
                return sqlError(tx.error(), d->dbPath);
            auto next =
                d->exec(QStringLiteral("SELECT MAX(s) FROM (SELECT MAX(seq) AS s FROM pages WHERE component_id = ?"
                                       " UNION ALL SELECT MAX(seq) FROM page_intents WHERE component_id = ?)"),
                        {component.id, component.id});
            if (!next)
                return next.error();
            seq = (next->next() ? next->value(0).toInt() : 0) + 1 + attempt;
            rel = expandTemplate(dossierInfo, component, seq, image.extension, page);
            if (rel.isEmpty())
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("file name template: ") + d->options.nameTemplate);
            auto ins = d->exec(
                QStringLiteral("INSERT OR IGNORE INTO page_intents (component_id, seq, path, width, height, dpi,"
                               " color_mode, bit_depth, format, device, scanned_at, batch_id, created_at)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {component.id, seq, rel, image.size.width(), image.size.height(), page.dpi, colorModeName(page.mode),
                 page.bitDepth, image.extension, page.device, scannedAt, batchId, isoNow()});
            if (!ins)
                return ins.error();
            if (ins->numRowsAffected() == 0)
                continue; // path or number taken (e.g. a template without {seq} or {component}); try the next
            intentId = ins->lastInsertId().toLongLong();
            if (!tx.commit())
                return sqlError(tx.error(), d->dbPath);
        }

        const QString abs = d->root + u'/' + rel;
        Result<void> written = makeDirectoryDurably(QFileInfo(abs).absolutePath());
        if (written)
            written = writeFileDurably(abs, image.data, false);
        if (!written) {
            // Without its file the reservation means nothing; if even this fails, recovery removes it.
            if (auto del = d->exec(QStringLiteral("DELETE FROM page_intents WHERE id = ?"), {intentId}); !del)
                qCWarning(lcCore) << "cannot release page reservation" << rel << del.error().detail();
            if (written.error().code() == ErrorCode::OutputExists)
                continue; // a file we do not know of has this name: never overwrite, take the next number
            return written.error();
        }

        const QString sha = sha256Hex(image.data);
        const QString savedAt = isoNow();
        Transaction tx(db);
        if (!tx.ok())
            return sqlError(tx.error(), d->dbPath); // the intent stays: recovery adopts the file
        auto ins = d->exec(
            QStringLiteral("INSERT INTO pages (component_id, seq, path, sha256, size, width, height, dpi,"
                           " color_mode, bit_depth, format, device, scanned_at, saved_at, batch_id)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {component.id, seq, rel, sha, qint64(image.data.size()), image.size.width(), image.size.height(), page.dpi,
             colorModeName(page.mode), page.bitDepth, image.extension, page.device, scannedAt, savedAt, batchId});
        if (!ins)
            return ins.error();
        const qint64 pageId = ins->lastInsertId().toLongLong();
        if (auto del = d->exec(QStringLiteral("DELETE FROM page_intents WHERE id = ?"), {intentId}); !del)
            return del.error();
        if (auto up =
                d->exec(QStringLiteral("UPDATE dossiers SET updated_at = ? WHERE id = ?"), {savedAt, dossierInfo.id});
            !up)
            return up.error();
        if (auto a = d->auditIn(QStringLiteral("page-saved"), QStringLiteral("%1 sha256=%2").arg(rel, sha),
                                dossierInfo.id, pageId);
            !a)
            return a.error();
        if (!tx.commit())
            return sqlError(tx.error(), d->dbPath);

        PageRecord rec;
        rec.id = pageId;
        rec.componentId = component.id;
        rec.seq = seq;
        rec.relativePath = rel;
        rec.absolutePath = abs;
        rec.sha256 = sha;
        rec.size = image.data.size();
        rec.width = image.size.width();
        rec.height = image.size.height();
        rec.dpi = page.dpi;
        rec.mode = page.mode;
        rec.bitDepth = page.bitDepth;
        rec.format = image.extension;
        rec.device = page.device;
        rec.scannedAt = QDateTime::fromString(scannedAt, Qt::ISODateWithMs);
        rec.savedAt = QDateTime::fromString(savedAt, Qt::ISODateWithMs);
        return rec;
    }
    return Error(ErrorCode::FileWriteFailed, QStringLiteral("no free file name for the page in ") + component.name);
}

Result<QList<PageRecord>> DossierStore::verifyDossier(qint64 dossierId, QList<PageRecord> *damaged,
                                                      QList<PageRecord> *missing) const
{
    auto all = dossierPages(dossierId);
    if (!all)
        return all.error();
    for (const PageRecord &p : all.value()) {
        if (!QFileInfo::exists(p.absolutePath)) {
            if (missing)
                missing->append(p);
            continue;
        }
        auto h = sha256HexOfFile(p.absolutePath);
        if ((!h || h.value() != p.sha256) && damaged)
            damaged->append(p);
    }
    return all;
}

Result<void> DossierStore::audit(const QString &action, const QString &detail, qint64 dossierId, qint64 pageId)
{
    return d->auditIn(action, detail, dossierId, pageId);
}

Result<QList<AuditEntry>> DossierStore::auditLog(qint64 dossierId) const
{
    auto q =
        dossierId
            ? d->exec(QStringLiteral("SELECT id, at, action, detail, dossier_id, page_id FROM audit_log"
                                     " WHERE dossier_id = ? ORDER BY id"),
                      {dossierId})
            : d->exec(QStringLiteral("SELECT id, at, action, detail, dossier_id, page_id FROM audit_log ORDER BY id"));
    if (!q)
        return q.error();
    QList<AuditEntry> out;
    while (q->next()) {
        out.append({q->value(0).toLongLong(), QDateTime::fromString(q->value(1).toString(), Qt::ISODateWithMs),
                    q->value(2).toString(), q->value(3).toString(), q->value(4).toLongLong(),
                    q->value(5).toLongLong()});
    }
    return out;
}

Result<std::optional<AuditEntry>> DossierStore::lastAuditEntry(const QString &action) const
{
    auto q = d->exec(QStringLiteral("SELECT id, at, action, detail, dossier_id, page_id FROM audit_log"
                                    " WHERE action = ? ORDER BY id DESC LIMIT 1"),
                     {action});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(AuditEntry{
        q->value(0).toLongLong(), QDateTime::fromString(q->value(1).toString(), Qt::ISODateWithMs),
        q->value(2).toString(), q->value(3).toString(), q->value(4).toLongLong(), q->value(5).toLongLong()});
}

Result<QString> DossierStore::integrityCheck() const
{
    auto q = d->exec(QStringLiteral("PRAGMA integrity_check"));
    if (!q)
        return q.error();
    QStringList lines;
    while (q->next())
        lines << q->value(0).toString();
    return lines.join(u'\n');
}

void DossierStore::releaseThreadConnection()
{
    const QString name = QStringLiteral("sohoa-store-%1-%2")
                             .arg(reinterpret_cast<quintptr>(d.get()), 0, 16)
                             .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16);
    {
        QMutexLocker lock(&d->mutex);
        if (!d->connections.remove(name))
            return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace sohoa
