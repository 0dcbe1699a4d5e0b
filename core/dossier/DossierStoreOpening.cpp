// DossierStore, continued: finding the store in a folder (open modes, read-only stores, a lost index),
// recovery reported without writing, and keeping the dossier manifests. Split from DossierStore.cpp
// by concern; the files share DossierStore::Private.

#include "core/dossier/DossierStore.h"

#include "core/common/CoreLogging.h"
#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"
#include "core/dossier/DossierManifest.h"
#include "core/dossier/internal/DossierStorePrivate.h"
#include "core/dossier/internal/StoreLayout.h"
#include "core/dossier/internal/StoreLease.h"
#include "core/dossier/internal/StoreSchema.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <unistd.h>

namespace sohoa {

using namespace store;

namespace {

bool mayWrite(const QString &path)
{
    // access(2) answers for the real user and says EROFS for a read-only mount, even to root.
    return ::access(QFile::encodeName(path).constData(), W_OK) == 0;
}

// A store whose index is lost must not get a fresh one: the dossiers beside it would vanish from
// every list, and the next scan would number on from the files and orphan the earlier pages.
// `indexLost`: the index file is missing or empty, so that a write-ahead log beside it holds committed
// changes of a lost database, unless a live writer holds a lease: then it is another process creating
// the store this very moment (SQLite has not written the file's first page yet). Beside a database
// without tables a log is always that.
Result<void> refuseIfStoreContent(const QString &root, const QString &why, bool indexLost)
{
    QString content = findStoreContent(root);
    const QFileInfo wal(root + u'/' + indexFileName() + QStringLiteral("-wal"));
    if (content.isEmpty() && indexLost && wal.exists() && wal.size() > 0 &&
        !StoreLease::anyOtherHeld(root, QString(), false))
        content = wal.fileName();
    if (content.isEmpty())
        return {};
    return Error(ErrorCode::StoreIndexMissing,
                 QStringLiteral("%1: %2, but the folder holds %3").arg(root, why, content));
}

} // namespace

bool DossierStore::isReadOnly() const
{
    return d->database.isReadOnly();
}

Result<void> DossierStore::Private::openIndex(const QString &root)
{
    const QString index = root + u'/' + indexFileName();
    const StoreOpenMode mode = options.mode;
    const auto notFound = [&](const QString &why) {
        return Error(ErrorCode::StoreNotFound, QStringLiteral("no store at %1 (%2)").arg(root, why));
    };
    if (!QFileInfo(root).isDir()) {
        if (mode != StoreOpenMode::Create)
            return notFound(QStringLiteral("no such folder"));
    } else {
        const IndexState state = indexState(index);
        // Damaged rather than lost: store-corrupt, whose advice is the rebuild as well.
        if (state == IndexState::NotADatabase)
            return Error(ErrorCode::StoreCorrupt, index + QStringLiteral(": not a database"));
        if (state == IndexState::Missing || state == IndexState::Empty) {
            const QString why = QStringLiteral("the index sohoa.sqlite is ") + indexStateName(state);
            if (auto r = refuseIfStoreContent(root, why, true); !r)
                return r;
            if (mode != StoreOpenMode::Create)
                return notFound(why);
        }
    }

    const bool readOnly = mode == StoreOpenMode::ReadOnly ||
                          (mode == StoreOpenMode::ExistingOrReadOnly && !(mayWrite(root) && mayWrite(index)));
    if (!readOnly) {
        const bool newFolder = !QFileInfo::exists(root);
        if (auto r = makeDirectoryDurably(root); !r)
            return Error(r.error().code() == ErrorCode::DiskFull ? ErrorCode::DiskFull : ErrorCode::StoreOpenFailed,
                         r.error().detail());
        // Dossiers hold citizens' personal data: a store folder made here is its owner's alone, whatever
        // the umask (threat model W1). A folder that was there keeps the modes its owner gave it (a
        // store shared by a group on purpose).
        if (newFolder && !QFile::setPermissions(root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            return Error(ErrorCode::StoreOpenFailed, root + QStringLiteral(": cannot make it private (chmod 700)"));
        // A store that is there but may not be written (a mounted archive) is read-only to a writer.
        if (!mayWrite(root) || (QFileInfo::exists(index) && !mayWrite(index)))
            return Error(QFileInfo::exists(index) ? ErrorCode::StoreReadOnly : ErrorCode::StoreOpenFailed,
                         root + QStringLiteral(": not writable"));
        // Before the index is opened: a rebuild that holds the store replaces the file (store-locked).
        auto held = StoreLease::acquire(root);
        if (!held)
            return held.error();
        lease = std::move(held).value();
    }
    database.setPath(root, index);
    if (readOnly) {
        // SQLite reads a WAL-mode database through a -shm file it makes beside it. Where it cannot
        // (a read-only mount), the file is opened as immutable, which is safe only when no committed
        // change waits in a -wal (with one, the plain read-only open is the only right one).
        const QFileInfo wal(index + QStringLiteral("-wal"));
        database.setReadOnly(!mayWrite(root) && (!wal.exists() || wal.size() == 0));
    }
    PrepareOptions prepare;
    prepare.readOnly = readOnly;
    prepare.beforeCreating = [root] {
        return refuseIfStoreContent(root, QStringLiteral("the index sohoa.sqlite has no tables"), false);
    };
    return StoreSchema::prepare(database, prepare);
}

void DossierStore::Private::inspectRecovery(bool verifyChecksums)
{
    report.notDone = true;
    // 1. Reservations left by a crash: a complete file would be adopted (its row written).
    //    A reservation whose writer is alive is that writer's business, as in recover().
    auto intents =
        database.exec(QStringLiteral("SELECT component_id, seq, path, width, height, dpi, color_mode, bit_depth,"
                                     " format, device, scanned_at, lease FROM page_intents ORDER BY id"));
    if (intents) {
        QSqlQuery &q = intents.value();
        while (q.next()) {
            if (StoreLease::isHeld(root(), q.value(11).toString()))
                continue;
            PageRecord p;
            p.componentId = p.originComponentId = q.value(0).toLongLong();
            p.seq = q.value(1).toInt();
            p.relativePath = q.value(2).toString();
            p.absolutePath = store::fileInStore(root(), p.relativePath);
            if (p.absolutePath.isEmpty() || !QFileInfo::exists(p.absolutePath))
                continue; // would be discarded: never reported as saved
            p.width = q.value(3).toInt();
            p.height = q.value(4).toInt();
            p.dpi = q.value(5).toInt();
            colorModeFromName(q.value(6).toString(), &p.mode);
            p.bitDepth = q.value(7).toInt();
            p.format = q.value(8).toString();
            p.device = q.value(9).toString();
            p.scannedAt = QDateTime::fromString(q.value(10).toString(), Qt::ISODateWithMs);
            p.size = QFileInfo(p.absolutePath).size();
            p.adopted = true;
            report.adoptedPages.append(p);
        }
    }
    // 2. Stray temporaries: would be removed, unless a writer is alive (then they may be its pages).
    QDirIterator it(root(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    const bool writing = StoreLease::anyOtherHeld(root(), QString(), false);
    while (!writing && it.hasNext()) {
        const QString path = it.next();
        if (AtomicFileWriter::isTemporaryName(it.fileName()))
            report.removedTemporaries.append(QDir(root()).relativeFilePath(path));
    }
    // 3. As when writing.
    checkPageFiles(verifyChecksums);
}

void DossierStore::Private::checkPageFiles(bool verifyChecksums)
{
    auto pagesQuery = database.exec(QStringLiteral("SELECT ") + kPageColumns + kPageFrom +
                                    QStringLiteral("WHERE p.deleted_at IS NULL ORDER BY p.id"));
    if (pagesQuery) {
        QSqlQuery &q = pagesQuery.value();
        while (q.next()) {
            const PageRecord p = pageFromQuery(q, root());
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

void DossierStore::Private::keepManifests()
{
    QSet<qint64> stale;
    for (const PageRecord &p : std::as_const(report.adoptedPages)) {
        if (auto c = database.component(p.componentId); c)
            stale.insert(c->dossierId);
    }
    auto q = database.exec(QStringLiteral("SELECT id, code, updated_at FROM dossiers ORDER BY id"));
    if (!q) {
        qCWarning(lcCore) << "dossier manifests not checked:" << q.error().detail();
        return;
    }
    while (q->next()) {
        // Missing, or older than the dossier's last change: a writer ended before its manifest caught
        // up with its pages (killed, or the machine lost power).
        const QFileInfo manifest(DossierManifest::pathFor(root(), q->value(1).toString()));
        const QDateTime changed = QDateTime::fromString(q->value(2).toString(), Qt::ISODateWithMs);
        if (!manifest.exists() || (changed.isValid() && manifest.lastModified() < changed))
            stale.insert(q->value(0).toLongLong());
    }
    q->finish();
    for (qint64 id : std::as_const(stale))
        manifests.refresh(id);
}

void DossierStore::Private::pageSaved(qint64 dossierId, bool catchUpNext)
{
    QMutexLocker locker(&manifestLagMutex);
    ManifestLag &lag = manifestLag[dossierId];
    if (lag.pages++ == 0)
        lag.since.start();
    if (catchUpNext)
        lag.pages = std::max(lag.pages, kManifestLagPages);
}

void DossierStore::Private::catchUpManifest(qint64 dossierId)
{
    {
        QMutexLocker locker(&manifestLagMutex);
        const auto it = manifestLag.constFind(dossierId);
        if (it == manifestLag.cend() || (it->pages < kManifestLagPages && !it->since.hasExpired(kManifestLagMs)))
            return;
        manifestLag.erase(it);
    }
    manifests.refresh(dossierId);
}

void DossierStore::writeManifests()
{
    QList<qint64> lagging;
    {
        QMutexLocker locker(&d->manifestLagMutex);
        lagging = d->manifestLag.keys();
        d->manifestLag.clear();
    }
    for (qint64 id : std::as_const(lagging))
        d->manifests.refresh(id);
}

} // namespace sohoa
