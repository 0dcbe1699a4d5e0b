#include "core/dossier/DossierStore.h"

#include "core/common/CoreLogging.h"
#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"
#include "core/dossier/DossierCode.h"
#include "core/dossier/StoreNotifier.h"
#include "core/dossier/internal/DossierStorePrivate.h"
#include "core/dossier/internal/StoreLayout.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>

namespace sohoa {

using namespace store;

namespace {

void warnIfFailed(const Result<void> &r)
{
    if (!r)
        qCWarning(lcCore) << "audit log write failed:" << r.error().detail();
}

} // namespace

DossierStore::DossierStore() : d(std::make_unique<Private>()) {}

DossierStore::~DossierStore()
{
    if (d->lease) // opened for writing
        writeManifests();
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
    store->d->options = options;
    if (auto r = store->d->openIndex(QDir::cleanPath(QFileInfo(dir).absoluteFilePath())); !r)
        return r.error();
    if (store->isReadOnly()) {
        store->d->inspectRecovery(false);
        return store;
    }
    store->d->recover(false);
    store->d->keepManifests();
    return store;
}

Result<PageRecord> DossierStore::Private::adoptIntent(const QSqlRecord &intent)
{
    const qint64 intentId = intent.value(0).toLongLong();
    const QString rel = intent.value(3).toString();
    const QString abs = store::fileInStore(root(), rel);
    if (abs.isEmpty())
        return Error(ErrorCode::PageNotFound, rel + QStringLiteral(": outside the store"));
    qint64 size = 0;
    auto hash = sha256HexOfFile(abs, &size);
    if (!hash)
        return hash.error();
    QImageReader reader(abs);
    const QSize dims = reader.size();
    if (!dims.isValid())
        return Error(ErrorCode::ImageDecodeFailed, abs);

    Transaction tx(database.db());
    if (!tx.ok())
        return sqlError(tx.error(), database.path());
    // Another process's recovery may have taken it while this one read the file.
    auto still = database.scalar(QStringLiteral("SELECT COUNT(*) FROM page_intents WHERE id = ?"), {intentId});
    if (!still)
        return still.error();
    if (still->toInt() == 0)
        return Error(ErrorCode::PageNotFound, rel + QStringLiteral(": recovered by another process"));
    // A recovered page goes to the end of its component: where it was meant to be inserted may
    // no longer exist.
    const qint64 componentId = intent.value(1).toLongLong();
    auto count = database.visiblePageCount(componentId);
    if (!count)
        return count.error();
    auto ins = database.exec(
        QStringLiteral("INSERT INTO pages (component_id, origin_component_id, seq, position, path, sha256, size, width,"
                       " height, dpi, color_mode, bit_depth, format, device, scanned_at, saved_at, batch_id, adopted)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"),
        {componentId, componentId, intent.value(2), count.value() + 1, rel, hash.value(), size, dims.width(),
         dims.height(), intent.value(6), intent.value(7), intent.value(8), intent.value(9), intent.value(10),
         intent.value(11), isoNow(), intent.value(12)});
    if (!ins)
        return ins.error();
    const qint64 pageId = ins->lastInsertId().toLongLong();
    if (auto del = database.exec(QStringLiteral("DELETE FROM page_intents WHERE id = ?"), {intentId}); !del)
        return del.error();
    auto component = database.component(componentId);
    if (auto a = database.audit(QStringLiteral("page-adopted"),
                                QStringLiteral("%1 (file complete, row written by recovery)").arg(rel),
                                component ? component->dossierId : 0, pageId);
        !a)
        return a.error();
    if (!tx.commit())
        return sqlError(tx.error(), database.path());

    auto row = database.page(pageId);
    if (!row)
        return Error(ErrorCode::Internal, abs);
    return row;
}

void DossierStore::Private::recover(bool verifyChecksums)
{
    // 1. Reservations left by a crash: adopt complete files, drop the rest (never reported as saved).
    //    A reservation whose writer is alive (another scan, another window) is that writer's business.
    //    The rows are read first, the statement finished: a write on a connection that still reads
    //    would need a newer snapshot, and SQLite refuses that at once (SQLITE_BUSY, no waiting).
    QList<QSqlRecord> intents;
    if (auto q = database.exec(
            QStringLiteral("SELECT id, component_id, seq, path, width, height, dpi, color_mode, bit_depth,"
                           " format, device, scanned_at, batch_id, lease FROM page_intents ORDER BY id"))) {
        while (q->next())
            intents.append(q->record());
    }
    {
        for (const QSqlRecord &q : std::as_const(intents)) {
            if (store::StoreLease::isHeld(root(), q.value(13).toString()))
                continue;
            const QString rel = q.value(3).toString();
            const QString abs = store::fileInStore(root(), rel);
            if (!abs.isEmpty() && QFileInfo::exists(abs)) {
                auto adopted = adoptIntent(q);
                if (adopted) {
                    report.adoptedPages.append(adopted.value());
                    qCInfo(lcCore) << "recovered page" << rel;
                    continue;
                }
                if (adopted.error().code() == ErrorCode::PageNotFound)
                    continue; // another process's recovery adopted it meanwhile
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
            auto del = database.exec(QStringLiteral("DELETE FROM page_intents WHERE id = ?"), {q.value(0)});
            if (del && del->numRowsAffected() > 0)
                warnIfFailed(database.audit(
                    QStringLiteral("page-discarded"),
                    QStringLiteral("%1 (scan interrupted before the file was complete; never reported as saved)")
                        .arg(rel),
                    0, 0));
        }
    }

    // 2. Stray temporaries anywhere in the store: incomplete writes — unless another writer is alive,
    //    whose temporary may be the page it is writing this very moment (they wait for a later open).
    QDirIterator it(root(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    const bool othersWriting = store::StoreLease::anyOtherHeld(root(), lease ? lease->id() : QString());
    while (!othersWriting && it.hasNext()) {
        const QString path = it.next();
        if (!AtomicFileWriter::isTemporaryName(it.fileName()))
            continue;
        if (QFile::remove(path)) {
            const QString rel = QDir(root()).relativeFilePath(path);
            report.removedTemporaries.append(rel);
            warnIfFailed(database.audit(QStringLiteral("temporary-removed"), rel, 0, 0));
        }
    }

    // 3. Every recorded page must still be there, unchanged.
    checkPageFiles(verifyChecksums);
}

const QString &DossierStore::rootPath() const
{
    return d->root();
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
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    auto ins = d->database.exec(
        QStringLiteral("INSERT OR IGNORE INTO dossiers (code, free_form, procedure, applicant, created_at, updated_at)"
                       " VALUES (?, ?, ?, ?, ?, ?)"),
        {code, form.value() == DossierCode::Form::FreeForm, procedure, applicant, now, now});
    if (!ins)
        return ins.error();
    const bool created = ins->numRowsAffected() > 0;
    if (created) {
        if (auto a = d->database.audit(QStringLiteral("dossier-created"),
                                       QStringLiteral("%1 (%2)").arg(code, DossierCode::formName(form.value())),
                                       ins->lastInsertId().toLongLong(), 0);
            !a)
            return a.error();
    }
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    auto info = dossier(code);
    if (created && info) {
        d->manifests.refresh(info->id);
        emit d->notifier->dossierCreated(info.value());
    }
    return info;
}

Result<DossierInfo> DossierStore::dossier(const QString &code) const
{
    auto q = d->database.exec(
        QStringLiteral("SELECT ") + kDossierColumns + QStringLiteral(" FROM dossiers WHERE code = ?"), {code});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::DossierNotFound, code);
    return dossierFromQuery(q.value());
}

Result<DossierInfo> DossierStore::dossierById(qint64 dossierId) const
{
    return d->database.dossier(dossierId);
}

Result<QList<DossierInfo>> DossierStore::dossiers() const
{
    auto q = d->database.exec(QStringLiteral("SELECT ") + kDossierColumns +
                              QStringLiteral(" FROM dossiers ORDER BY created_at, id"));
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
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    auto ins = d->database.exec(
        QStringLiteral(
            "INSERT OR IGNORE INTO components (dossier_id, name, position, created_at)"
            " VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM components WHERE dossier_id = ?), ?)"),
        {dossierId, clean, dossierId, isoNow()});
    if (!ins)
        return ins.error();
    const bool created = ins->numRowsAffected() > 0;
    if (created) {
        if (auto a = d->database.audit(QStringLiteral("component-created"), clean, dossierId, 0); !a)
            return a.error();
    }
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    auto info = component(dossierId, clean);
    if (created && info) {
        d->manifests.refresh(dossierId);
        emit d->notifier->componentAdded(info.value());
    }
    return info;
}

Result<ComponentInfo> DossierStore::component(qint64 dossierId, const QString &name) const
{
    auto q = d->database.exec(QStringLiteral("SELECT ") + kComponentColumns +
                                  QStringLiteral(" FROM components WHERE dossier_id = ? AND name = ?"),
                              {dossierId, name.trimmed()});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::ComponentNotFound, name);
    return componentFromQuery(q.value());
}

Result<ComponentInfo> DossierStore::componentById(qint64 componentId) const
{
    return d->database.component(componentId);
}

Result<QList<ComponentInfo>> DossierStore::components(qint64 dossierId) const
{
    auto q = d->database.exec(QStringLiteral("SELECT ") + kComponentColumns +
                                  QStringLiteral(" FROM components WHERE dossier_id = ? ORDER BY position"),
                              {dossierId});
    if (!q)
        return q.error();
    QList<ComponentInfo> out;
    while (q->next())
        out.append(componentFromQuery(q.value()));
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

Result<void> DossierStore::checkNameTemplate(const QString &nameTemplate)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_]+)(?::(\\d+))?\\}"));
    static const QStringList known{QStringLiteral("dossier"), QStringLiteral("component"), QStringLiteral("seq"),
                                   QStringLiteral("ext"),     QStringLiteral("date"),      QStringLiteral("time"),
                                   QStringLiteral("device"),  QStringLiteral("barcode")};
    const auto refuse = [&](const char *sourceText, const QString &what = {}) {
        return Error::withHint(ErrorCode::InvalidArgument, "sohoa::store", sourceText, {nameTemplate, what});
    };
    const auto strayBrace = [](QStringView text) {
        return text.contains(u'{') || text.contains(u'}');
    };
    bool hasSeq = false;
    qsizetype last = 0;
    for (auto it = placeholder.globalMatch(nameTemplate); it.hasNext();) {
        const auto m = it.next();
        if (strayBrace(QStringView(nameTemplate).mid(last, m.capturedStart() - last)))
            break; // said below
        last = m.capturedEnd();
        const QString key = m.captured(1);
        if (!known.contains(key) || (!m.captured(2).isEmpty() && key != u"seq"))
            return refuse(QT_TRANSLATE_NOOP("sohoa::store",
                                            "The file name template %1 has the unknown placeholder %2. Use {dossier}, "
                                            "{component}, {seq} or {seq:4}, {ext}, {date}, {time}, {device}, "
                                            "{barcode}."),
                          m.captured(0));
        hasSeq = hasSeq || key == u"seq";
    }
    if (strayBrace(QStringView(nameTemplate).mid(last)))
        return refuse(QT_TRANSLATE_NOOP("sohoa::store", "The file name template %1 has a brace that does not belong "
                                                        "to a placeholder such as {seq}."));
    if (!hasSeq)
        return refuse(QT_TRANSLATE_NOOP("sohoa::store", "The file name template %1 has no {seq}: without the page's "
                                                        "number every page of a component would want the same name."));
    return {};
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
                                          const EncodedImage &image, const QString &batchId, int insertAt, bool replace)
{
    auto dossierInfo = d->database.dossier(component.dossierId);
    if (!dossierInfo)
        return dossierInfo.error();
    // A wrong insert position must fail before a file exists (afterwards the page is saved anyway).
    if (insertAt != 0) {
        auto count = d->database.visiblePageCount(component.id);
        if (!count)
            return count.error();
        if (insertAt < 0 || insertAt > count.value() + 1)
            return Error(ErrorCode::InvalidArgument, QStringLiteral("insert position %1 in %2 (%3 pages)")
                                                         .arg(insertAt)
                                                         .arg(component.name)
                                                         .arg(count.value()));
    }
    const QString scannedAt = page.acquiredAt.isValid() ? isoTime(page.acquiredAt) : isoNow();
    d->catchUpManifest(dossierInfo->id);

    // Reserve the next number and the path (committed), then write the file, then commit the row.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        QSqlDatabase db = d->database.db();
        qint64 intentId = 0;
        int seq = 0;
        QString rel;
        {
            Transaction tx(db);
            if (!tx.ok())
                return sqlError(tx.error(), d->database.path());
            // Numbers belong to the component the file is made for, pages that moved out included.
            auto next = d->database.scalar(
                QStringLiteral("SELECT MAX(s) FROM (SELECT MAX(seq) AS s FROM pages WHERE origin_component_id = ?"
                               " UNION ALL SELECT MAX(seq) FROM page_intents WHERE component_id = ?)"),
                {component.id, component.id});
            if (!next)
                return next.error();
            seq = next->toInt() + 1 + attempt;
            rel = expandTemplate(dossierInfo.value(), component, seq, image.extension, page);
            if (rel.isEmpty())
                return Error(ErrorCode::InvalidArgument,
                             QStringLiteral("file name template: ") + d->options.nameTemplate);
            auto ins = d->database.exec(
                QStringLiteral("INSERT OR IGNORE INTO page_intents (component_id, seq, path, width, height, dpi,"
                               " color_mode, bit_depth, format, device, scanned_at, batch_id, created_at, lease)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {component.id, seq, rel, image.size.width(), image.size.height(), page.dpi, colorModeName(page.mode),
                 page.bitDepth, image.extension, page.device, scannedAt, batchId, isoNow(),
                 d->lease ? d->lease->id() : QString()});
            if (!ins)
                return ins.error();
            if (ins->numRowsAffected() == 0)
                continue; // path or number taken (e.g. a template without {seq} or {component}); try the next
            intentId = ins->lastInsertId().toLongLong();
            if (!tx.commit())
                return sqlError(tx.error(), d->database.path());
        }

        const QString abs = d->root() + u'/' + rel;
        Result<void> written = makeDirectoryDurably(QFileInfo(abs).absolutePath());
        if (written)
            written = writeFileDurably(abs, image.data, false);
        if (!written) {
            // Without its file the reservation means nothing; if even this fails, recovery removes it.
            if (auto del = d->database.exec(QStringLiteral("DELETE FROM page_intents WHERE id = ?"), {intentId}); !del)
                qCWarning(lcCore) << "cannot release page reservation" << rel << del.error().detail();
            if (written.error().code() == ErrorCode::OutputExists)
                continue; // a file we do not know of has this name: never overwrite, take the next number
            return written.error();
        }

        const QString sha = sha256Hex(image.data);
        const QString savedAt = isoNow();
        Transaction tx(db);
        if (!tx.ok())
            return sqlError(tx.error(), d->database.path()); // the intent stays: recovery adopts the file
        // The position is taken now, under the write lock: pages may have been edited meanwhile.
        auto count = d->database.visiblePageCount(component.id);
        if (!count)
            return count.error();
        const int position = insertAt > 0 ? std::min(insertAt, count.value() + 1) : count.value() + 1;
        // A rescan in place: the page there steps aside (deleted, restorable) and its place is taken.
        std::optional<PageRecord> replaced;
        if (replace && position <= count.value()) {
            auto old = pageAt(component.id, position);
            if (!old)
                return old.error();
            auto up = d->database.exec(
                QStringLiteral("UPDATE pages SET position = NULL, deleted_at = ?, deleted_position = ? WHERE id = ?"),
                {isoNow(), position, old->id});
            if (!up)
                return up.error();
            auto after = d->database.page(old->id);
            if (!after)
                return after.error();
            replaced = after.value();
        } else if (auto gap = d->database.openGap(component.id, position); !gap) {
            return gap.error();
        }
        auto ins = d->database.exec(
            QStringLiteral("INSERT INTO pages (component_id, origin_component_id, seq, position, path, sha256, size,"
                           " width, height, dpi, color_mode, bit_depth, format, device, scanned_at, saved_at, batch_id)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {component.id, component.id, seq, position, rel, sha, qint64(image.data.size()), image.size.width(),
             image.size.height(), page.dpi, colorModeName(page.mode), page.bitDepth, image.extension, page.device,
             scannedAt, savedAt, batchId});
        if (!ins)
            return ins.error();
        const qint64 pageId = ins->lastInsertId().toLongLong();
        if (auto del = d->database.exec(QStringLiteral("DELETE FROM page_intents WHERE id = ?"), {intentId}); !del)
            return del.error();
        if (auto up = d->database.touchDossier(dossierInfo->id, savedAt); !up)
            return up.error();
        if (auto a = d->database.audit(QStringLiteral("page-saved"), QStringLiteral("%1 sha256=%2").arg(rel, sha),
                                       dossierInfo->id, pageId);
            !a)
            return a.error();
        if (replaced) {
            const QJsonObject detail{{QStringLiteral("path"), replaced->relativePath},
                                     {QStringLiteral("component_id"), component.id},
                                     {QStringLiteral("position"), position},
                                     {QStringLiteral("by"), rel}};
            if (auto a = d->database.audit(QStringLiteral("page-replaced"),
                                           QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)),
                                           dossierInfo->id, replaced->id);
                !a)
                return a.error();
        }
        auto updated = d->database.dossier(dossierInfo->id);
        if (!updated)
            return updated.error();
        if (!tx.commit())
            return sqlError(tx.error(), d->database.path());

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
        rec.originComponentId = component.id;
        rec.position = position;
        // A replaced page is an edit as well as a save: its manifest catches up before the next page.
        d->pageSaved(dossierInfo->id, replaced.has_value());
        if (replaced)
            emit d->notifier->pageDeleted(replaced.value(), position);
        emit d->notifier->pageAdded(rec);
        emit d->notifier->dossierUpdated(updated.value());
        return rec;
    }
    return Error(ErrorCode::FileWriteFailed, QStringLiteral("no free file name for the page in ") + component.name);
}

Result<QList<PageRecord>> DossierStore::verifyDossier(qint64 dossierId, QList<PageRecord> *damaged,
                                                      QList<PageRecord> *missing, WorkControl *control) const
{
    auto all = dossierPages(dossierId);
    if (!all)
        return all.error();
    auto comps = components(dossierId);
    if (!comps)
        return comps.error();
    for (const ComponentInfo &c : comps.value()) {
        auto deleted = deletedPages(c.id);
        if (!deleted)
            return deleted.error();
        all->append(deleted.value());
    }
    qint64 checked = 0;
    for (const PageRecord &p : all.value()) {
        if (cancelRequested(control))
            return Error(ErrorCode::Cancelled, QStringLiteral("verification of dossier %1").arg(dossierId));
        if (!QFileInfo::exists(p.absolutePath)) {
            if (missing)
                missing->append(p);
        } else if (auto h = sha256HexOfFile(p.absolutePath); (!h || h.value() != p.sha256) && damaged) {
            damaged->append(p);
        }
        reportProgress(control, ++checked, all->size());
    }
    return all;
}

Result<void> DossierStore::audit(const QString &action, const QString &detail, qint64 dossierId, qint64 pageId)
{
    return d->database.audit(action, detail, dossierId, pageId);
}

Result<QList<AuditEntry>> DossierStore::auditLog(qint64 dossierId) const
{
    auto q = dossierId
                 ? d->database.exec(QStringLiteral("SELECT id, at, action, detail, dossier_id, page_id FROM audit_log"
                                                   " WHERE dossier_id = ? ORDER BY id"),
                                    {dossierId})
                 : d->database.exec(
                       QStringLiteral("SELECT id, at, action, detail, dossier_id, page_id FROM audit_log ORDER BY id"));
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
    auto q = d->database.exec(QStringLiteral("SELECT id, at, action, detail, dossier_id, page_id FROM audit_log"
                                             " WHERE action = ? ORDER BY id DESC LIMIT 1"),
                              {action});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(
        AuditEntry{q->value(0).toLongLong(), QDateTime::fromString(q->value(1).toString(), Qt::ISODateWithMs),
                   q->value(2).toString(), q->value(3).toString(), q->value(4).toLongLong(), q->value(5).toLongLong()});
}

Result<QString> DossierStore::integrityCheck() const
{
    auto q = d->database.exec(QStringLiteral("PRAGMA integrity_check"));
    if (!q)
        return q.error();
    QStringList lines;
    while (q->next())
        lines << q->value(0).toString();
    return lines.join(u'\n');
}

void DossierStore::releaseThreadConnection()
{
    d->database.releaseThreadConnection();
}

StoreNotifier *DossierStore::notifier() const
{
    return d->notifier.get();
}

void DossierStore::watchForOutsideChanges(int intervalMs)
{
    if (!d->watcher) {
        d->watcher = std::make_unique<store::StoreWatcher>(d->database, *d->notifier);
        d->watcher->moveToThread(d->notifier->thread());
    }
    store::StoreWatcher *watcher = d->watcher.get();
    QMetaObject::invokeMethod(
        watcher, [watcher, intervalMs] { watcher->start(intervalMs); },
        watcher->thread() == QThread::currentThread() ? Qt::DirectConnection : Qt::QueuedConnection);
}

void DossierStore::stopWatchingForOutsideChanges()
{
    if (!d->watcher)
        return;
    store::StoreWatcher *watcher = d->watcher.get();
    QMetaObject::invokeMethod(
        watcher, [watcher] { watcher->stop(); },
        watcher->thread() == QThread::currentThread() ? Qt::DirectConnection : Qt::QueuedConnection);
}

bool DossierStore::isWatchingForOutsideChanges() const
{
    return d->watcher && d->watcher->isActive();
}

Result<std::optional<SeparationState>> DossierStore::separationState() const
{
    auto q = d->database.exec(QStringLiteral("SELECT dossier_code, component, pending, from_component, base, barcode,"
                                             " pages_in_document, batch_id FROM separation_state WHERE id = 1"));
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<SeparationState>();
    return std::optional<SeparationState>(
        SeparationState{q->value(0).toString(), q->value(1).toString(), q->value(2).toBool(), q->value(3).toString(),
                        q->value(4).toString(), q->value(5).toString(), q->value(6).toInt(), q->value(7).toString()});
}

Result<void> DossierStore::saveSeparationState(const SeparationState &state)
{
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    if (auto r = d->database.writeSeparationState(state); !r)
        return r;
    auto dossierId = d->database.scalar(QStringLiteral("SELECT id FROM dossiers WHERE code = ?"), {state.dossierCode});
    if (!dossierId)
        return dossierId.error();
    // The log keeps the trace in the form schema 1 wrote; the state itself is read from the table only.
    if (auto a = d->database.audit(QStringLiteral("separation-state"),
                                   QString::fromUtf8(QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact)),
                                   dossierId->toLongLong(), 0);
        !a)
        return a;
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    return {};
}

Result<SignedDocumentRecord> DossierStore::recordSignedDocument(const SignedDocumentRecord &record)
{
    if (record.dossierId <= 0 || record.path.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a signed document needs its dossier and its path"));
    SignedDocumentRecord saved = record;
    saved.path = QFileInfo(record.path).absoluteFilePath();
    if (!saved.signedAt.isValid())
        saved.signedAt = QDateTime::currentDateTime();
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    auto dossier = d->database.dossier(saved.dossierId);
    if (!dossier)
        return dossier.error();
    auto q = d->database.exec(
        QStringLiteral("INSERT INTO signed_documents (dossier_id, path, source_path, sha256, size, kind, signer,"
                       " verdict, lookup_code, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {saved.dossierId, saved.path, saved.sourcePath, saved.sha256, saved.size, saved.kind, saved.signer,
         saved.verdict, saved.lookupCode, isoTime(saved.signedAt)});
    if (!q)
        return q.error();
    saved.id = q->lastInsertId().toLongLong();
    if (auto r = d->database.touchDossier(saved.dossierId, isoNow()); !r)
        return r.error();
    const QJsonObject detail{{QStringLiteral("document"), saved.id},
                             {QStringLiteral("path"), saved.path},
                             {QStringLiteral("source"), saved.sourcePath},
                             {QStringLiteral("sha256"), saved.sha256},
                             {QStringLiteral("size"), saved.size},
                             {QStringLiteral("kind"), saved.kind},
                             {QStringLiteral("signer"), saved.signer},
                             {QStringLiteral("verdict"), saved.verdict},
                             {QStringLiteral("lookup_code"), saved.lookupCode}};
    if (auto a = d->database.audit(QStringLiteral("pdf-signed"),
                                   QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)),
                                   saved.dossierId, 0);
        !a)
        return a.error();
    auto after = d->database.dossier(saved.dossierId);
    if (!after)
        return after.error();
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    emit d->notifier->dossierUpdated(after.value());
    return saved;
}

Result<QList<SignedDocumentRecord>> DossierStore::signedDocuments(qint64 dossierId) const
{
    auto q = d->database.exec(QStringLiteral("SELECT id, dossier_id, path, source_path, sha256, size, kind, signer,"
                                             " verdict, lookup_code, signed_at FROM signed_documents"
                                             " WHERE dossier_id = ? ORDER BY id"),
                              {dossierId});
    if (!q)
        return q.error();
    QList<SignedDocumentRecord> out;
    while (q->next()) {
        SignedDocumentRecord r;
        r.id = q->value(0).toLongLong();
        r.dossierId = q->value(1).toLongLong();
        r.path = q->value(2).toString();
        r.sourcePath = q->value(3).toString();
        r.sha256 = q->value(4).toString();
        r.size = q->value(5).toLongLong();
        r.kind = q->value(6).toString();
        r.signer = q->value(7).toString();
        r.verdict = q->value(8).toString();
        r.lookupCode = q->value(9).toString();
        r.signedAt = QDateTime::fromString(q->value(10).toString(), Qt::ISODateWithMs);
        out.append(r);
    }
    return out;
}

} // namespace sohoa
