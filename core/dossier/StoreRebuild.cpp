#include "core/dossier/StoreRebuild.h"

#include "core/common/CoreLogging.h"
#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"
#include "core/dossier/DossierCode.h"
#include "core/dossier/DossierManifest.h"
#include "core/dossier/DossierStore.h"
#include "core/dossier/internal/ManifestKeeper.h"
#include "core/dossier/internal/StoreDatabase.h"
#include "core/dossier/internal/StoreLayout.h"
#include "core/dossier/internal/StoreLease.h"
#include "core/dossier/internal/StoreSchema.h"
#include "core/imaging/ImageFileInfo.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace sohoa {

using namespace store;

namespace {

// The number after the largest in use; the smallest free one when the largest is INT_MAX, which a
// manifest may claim (max + 1 overflowed).
int nextFreeSeq(const QSet<int> &seqs)
{
    const int largest = seqs.isEmpty() ? 0 : *std::max_element(seqs.cbegin(), seqs.cend());
    if (largest < INT_MAX)
        return largest + 1;
    int n = 1;
    while (seqs.contains(n))
        ++n;
    return n;
}

// The component a scan fills when none is named (ScanRequest's default), for files lying directly
// in a dossier folder.
const QString kDefaultComponent = QStringLiteral("Tài liệu");

struct PagePlan
{
    ManifestPage page; // the row to write: from the manifest, or made from the file
    QString abs;
    bool listed = false;                 // from a manifest
    QString file = QStringLiteral("ok"); // "ok", "missing", "damaged"
    QDateTime fileTime;
};

struct ComponentPlan
{
    QString name;
    QDateTime createdAt;
    bool listed = false;      // in a manifest (kept even without pages)
    QList<PagePlan> pages;    // from the manifest: visible in order, then deleted
    QList<PagePlan> unlisted; // found on disk only: numbered and put after the others
};

struct DossierPlan
{
    DossierInfo info;
    QString folder;
    QString manifestFile; // empty: from the folder alone
    QList<ComponentPlan> components;
    QJsonObject pending;
    QList<DossierManifest::Field> archivalFields;

    ComponentPlan &component(const QString &name)
    {
        for (ComponentPlan &c : components) {
            if (c.name == name)
                return c;
        }
        components.append(ComponentPlan{name, {}, false, {}, {}});
        return components.last();
    }
    // The component whose folder is `folderName` (sanitized names reversed by comparing).
    ComponentPlan &componentInFolder(const QString &folderName)
    {
        for (ComponentPlan &c : components) {
            if (DossierStore::sanitizeName(c.name) == folderName)
                return c;
        }
        return component(folderName);
    }
};

class Rebuild
{
public:
    Rebuild(const QString &root, WorkControl *control) : m_root(root), m_control(control) { m_report.root = root; }

    Result<RebuildReport> run(const RebuildOptions &options);

private:
    QString indexPath() const { return m_root + u'/' + indexFileName(); }
    QString relative(const QString &abs) const { return QDir(m_root).relativeFilePath(abs); }

    Result<void> judgePreviousIndex(bool force);
    void readManifests();
    void addManifest(const DossierManifest &m, const QString &folder, const QString &fileName);
    void surveyFiles();
    DossierPlan *dossierForFolder(const QString &folder);
    Result<void> checkFiles();
    void numberPages();
    Result<void> writeIndex(const QString &path);
    Result<void> putInPlace(const QString &built);
    void refreshManifests();

    QString m_root;
    WorkControl *m_control = nullptr;
    RebuildReport m_report;
    QList<DossierPlan> m_plans;
    QHash<QString, QString> m_listedBy; // page path -> manifest that lists it
    QString m_aside;                    // where the previous index goes (its -wal, -shm beside it)
};

// The previous index: healthy ones are only replaced on request.
Result<void> Rebuild::judgePreviousIndex(bool force)
{
    const IndexState state = indexState(indexPath());
    m_report.previousIndex = indexStateName(state);
    if (state != IndexState::Present)
        return {};
    // SQLite leaves its -shm and an empty -wal behind a read-only connection; they go again unless they
    // were there before (then someone may be using the index).
    QStringList sidesBefore;
    for (const QString &suffix : indexSideSuffixes()) {
        if (QFileInfo::exists(indexPath() + suffix))
            sidesBefore.append(suffix);
    }
    QString problem;
    {
        StoreDatabase probe; // read-only: a damaged index is evidence and stays as it is
        probe.setPath(m_root, indexPath());
        probe.setReadOnly(false);
        auto check = probe.scalar(QStringLiteral("PRAGMA quick_check"));
        auto tables = probe.scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
        if (!check)
            problem = check.error().detail();
        else if (check->toString() != u"ok")
            problem = check->toString();
        else if (!tables || tables->toInt() == 0)
            problem = tables ? QStringLiteral("no tables") : tables.error().detail();
    }
    if (!sidesBefore.contains(QStringLiteral("-wal")) && QFileInfo(indexPath() + QStringLiteral("-wal")).size() == 0) {
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            if (!sidesBefore.contains(suffix))
                QFile::remove(indexPath() + suffix);
        }
    }
    m_report.previousIndex = problem.isEmpty() ? QStringLiteral("healthy") : QStringLiteral("damaged");
    m_report.previousIndexProblem = problem;
    if (problem.isEmpty() && !force)
        return Error(ErrorCode::StoreRebuildNotNeeded, indexPath() + QStringLiteral(": the index is healthy"));
    return {};
}

void Rebuild::readManifests()
{
    const QDir root(m_root);
    for (const QString &folder : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name)) {
        const QDir dir(root.filePath(folder));
        for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDir::Name)) {
            if (!DossierManifest::isManifestName(name))
                continue;
            const QString rel = folder + u'/' + name;
            auto m = DossierManifest::read(dir.filePath(name));
            if (!m) {
                m_report.manifestProblems.append(rel + QStringLiteral(": ") + m.error().detail());
                continue;
            }
            const auto same = std::find_if(m_plans.cbegin(), m_plans.cend(),
                                           [&](const DossierPlan &p) { return p.info.code == m->dossier.code; });
            if (same != m_plans.cend()) {
                m_report.manifestProblems.append(
                    rel + QStringLiteral(": a second manifest of dossier %1 (the first is in %2)")
                              .arg(m->dossier.code, same->folder + u'/' + same->manifestFile));
                continue;
            }
            addManifest(m.value(), folder, name);
        }
    }
}

void Rebuild::addManifest(const DossierManifest &m, const QString &folder, const QString &fileName)
{
    DossierPlan plan;
    plan.info = m.dossier;
    plan.folder = folder;
    plan.manifestFile = fileName;
    plan.pending = m.pending;
    plan.archivalFields = m.archivalFields;
    const QString rel = folder + u'/' + fileName;
    for (const ManifestComponent &mc : m.components) {
        ComponentPlan &c = plan.component(mc.name);
        c.createdAt = mc.createdAt;
        c.listed = true;
        for (const ManifestPage &mp : mc.pages) {
            if (m_listedBy.contains(mp.path)) {
                m_report.manifestProblems.append(
                    rel + QStringLiteral(": %1 is listed by %2 already").arg(mp.path, m_listedBy.value(mp.path)));
                continue;
            }
            m_listedBy.insert(mp.path, rel);
            PagePlan p;
            p.page = mp;
            p.abs = store::fileInStore(m_root, mp.path); // empty (missing) when it would leave the store
            p.listed = true;
            c.pages.append(p);
        }
    }
    // An origin component no longer in the list (cannot happen in a manifest we wrote) still gets a row.
    QStringList origins;
    for (const ComponentPlan &c : std::as_const(plan.components)) {
        for (const PagePlan &p : c.pages)
            origins.append(p.page.originComponent);
    }
    for (const QString &origin : std::as_const(origins))
        plan.component(origin);
    if (!plan.pending.isEmpty())
        m_report.pendingChanges.append(PendingChange{plan.info.code, plan.pending});
    m_plans.append(plan);
}

DossierPlan *Rebuild::dossierForFolder(const QString &folder)
{
    DossierPlan *any = nullptr;
    for (DossierPlan &p : m_plans) {
        if (p.folder != folder)
            continue;
        if (p.info.code == folder || p.manifestFile == DossierManifest::fileNameFor(folder))
            return &p;
        if (!any)
            any = &p;
    }
    if (any)
        return any;
    const DossierCode::Form form = DossierCode::classify(folder);
    if (form == DossierCode::Form::Invalid)
        return nullptr;
    DossierPlan plan;
    plan.info.code = folder;
    plan.info.freeForm = form == DossierCode::Form::FreeForm;
    plan.info.status = QStringLiteral("open");
    plan.folder = folder;
    m_plans.append(plan);
    return &m_plans.last();
}

void Rebuild::surveyFiles()
{
    QStringList unlisted;
    QDirIterator it(m_root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString abs = it.next();
        const QString rel = relative(abs);
        const QString name = it.fileName();
        if (rel.startsWith(QStringLiteral(".sohoa/")))
            continue; // the store's own working files (writers' leases)
        if (!rel.contains(u'/')) {
            // The index's own files, previous indexes moved aside, a rebuild's leftovers: not store content.
            if (!name.startsWith(indexFileName()))
                m_report.skippedFiles.append(rel);
            continue;
        }
        if (DossierManifest::isManifestName(name) && rel.count(u'/') == 1)
            continue;
        if (m_listedBy.contains(rel))
            continue;
        if (AtomicFileWriter::isTemporaryName(name) || !isPageImageName(name)) {
            m_report.skippedFiles.append(rel);
            continue;
        }
        unlisted.append(rel);
    }
    unlisted.sort();
    for (const QString &rel : std::as_const(unlisted)) {
        const QStringList parts = rel.split(u'/');
        DossierPlan *plan = dossierForFolder(parts.constFirst());
        if (!plan) {
            m_report.skippedFiles.append(rel);
            continue;
        }
        ComponentPlan &c = plan->componentInFolder(parts.size() >= 3 ? parts.at(1) : kDefaultComponent);
        PagePlan p;
        p.page.path = rel;
        p.page.originComponent = c.name;
        p.abs = m_root + u'/' + rel;
        c.unlisted.append(p);
        if (!plan->manifestFile.isEmpty())
            m_report.unlistedFiles.append(rel);
    }
}

// Reads every page file once: the checksum of listed ones is compared, unlisted ones are described.
Result<void> Rebuild::checkFiles()
{
    qint64 total = 0, done = 0;
    for (const DossierPlan &plan : std::as_const(m_plans)) {
        for (const ComponentPlan &c : plan.components)
            total += c.pages.size() + c.unlisted.size();
    }
    for (DossierPlan &plan : m_plans) {
        for (ComponentPlan &c : plan.components) {
            for (PagePlan &p : c.pages) {
                if (cancelRequested(m_control))
                    return Error(ErrorCode::Cancelled, QStringLiteral("store rebuild of ") + m_root);
                const QFileInfo fi(p.abs);
                if (!fi.exists()) {
                    p.file = QStringLiteral("missing");
                    m_report.missingFiles.append(p.page.path);
                } else if (auto h = sha256HexOfFile(p.abs); !h || h.value() != p.page.sha256) {
                    p.file = QStringLiteral("damaged");
                    m_report.damagedFiles.append(p.page.path);
                }
                reportProgress(m_control, ++done, total);
            }
            for (qsizetype i = 0; i < c.unlisted.size();) {
                if (cancelRequested(m_control))
                    return Error(ErrorCode::Cancelled, QStringLiteral("store rebuild of ") + m_root);
                PagePlan &p = c.unlisted[i];
                qint64 size = 0;
                auto hash = sha256HexOfFile(p.abs, &size);
                auto info = probeImageFile(p.abs);
                reportProgress(m_control, ++done, total);
                if (!hash || !info || info->kind == ImageFileInfo::Kind::Other) {
                    m_report.skippedFiles.append(p.page.path);
                    m_report.unlistedFiles.removeAll(p.page.path);
                    c.unlisted.removeAt(i);
                    continue;
                }
                ManifestPage &mp = p.page;
                mp.sha256 = hash.value();
                mp.size = size;
                mp.width = info->width;
                mp.height = info->height;
                mp.dpi = int(std::lround(info->dpiX));
                mp.mode = info->components >= 3         ? ColorMode::Color
                          : info->bitsPerComponent == 1 ? ColorMode::Lineart
                                                        : ColorMode::Gray;
                mp.bitDepth = info->bitsPerComponent;
                mp.format = info->kind == ImageFileInfo::Kind::Jpeg ? QStringLiteral("jpg") : QStringLiteral("png");
                p.fileTime = QFileInfo(p.abs).lastModified();
                mp.scannedAt = mp.savedAt = p.fileTime;
                mp.adopted = true; // its row was written by a recovery, not when it was saved
                ++i;
            }
        }
    }
    return {};
}

// Unlisted files get their number from their name where it is free, positions after the listed
// pages, in the order of their numbers; a dossier known from its folder alone is dated by its files.
void Rebuild::numberPages()
{
    static const QRegularExpression digits(QStringLiteral("^\\d{1,9}$"));
    // What only unreadable files made (a component, a dossier known from its folder) goes with them.
    for (DossierPlan &plan : m_plans) {
        plan.components.removeIf(
            [](const ComponentPlan &c) { return !c.listed && c.pages.isEmpty() && c.unlisted.isEmpty(); });
    }
    m_plans.removeIf([](const DossierPlan &p) { return p.manifestFile.isEmpty() && p.components.isEmpty(); });
    for (DossierPlan &plan : m_plans) {
        QHash<QString, QSet<int>> used; // per origin component
        for (ComponentPlan &c : plan.components) {
            for (PagePlan &p : c.pages) {
                QSet<int> &seqs = used[p.page.originComponent];
                if (p.page.seq <= 0 || seqs.contains(p.page.seq)) {
                    m_report.manifestProblems.append(
                        QStringLiteral("%1: page %2 has a number already used in %3; it gets a new one")
                            .arg(plan.folder + u'/' + plan.manifestFile, p.page.path, p.page.originComponent));
                    p.page.seq = 0;
                    continue;
                }
                seqs.insert(p.page.seq);
            }
        }
        for (ComponentPlan &c : plan.components) {
            const auto numberFromName = [&](const PagePlan &p) {
                const QString stem = QFileInfo(p.page.path).completeBaseName();
                return digits.match(stem).hasMatch() ? stem.toInt() : INT_MAX;
            };
            std::stable_sort(c.unlisted.begin(), c.unlisted.end(), [&](const PagePlan &a, const PagePlan &b) {
                const int na = numberFromName(a), nb = numberFromName(b);
                return na != nb ? na < nb : a.page.path < b.page.path;
            });
            QSet<int> &seqs = used[c.name];
            for (PagePlan &p : c.unlisted) {
                const int n = numberFromName(p);
                if (n != INT_MAX && n > 0 && !seqs.contains(n)) {
                    p.page.seq = n;
                    seqs.insert(n);
                }
            }
        }
        // Whatever has no number yet takes the next free one of its origin component.
        for (ComponentPlan &c : plan.components) {
            for (QList<PagePlan> *list : {&c.pages, &c.unlisted}) {
                for (PagePlan &p : *list) {
                    if (p.page.seq > 0)
                        continue;
                    QSet<int> &seqs = used[p.page.originComponent];
                    p.page.seq = nextFreeSeq(seqs);
                    seqs.insert(p.page.seq);
                }
            }
        }
        // Positions: listed visible pages in the manifest's order, then the unlisted ones.
        for (ComponentPlan &c : plan.components) {
            int position = 0;
            for (PagePlan &p : c.pages) {
                if (!p.page.deleted)
                    p.page.position = ++position;
                else if (p.page.position < 1)
                    p.page.position = 1;
            }
            for (PagePlan &p : c.unlisted)
                p.page.position = ++position;
            c.pages.append(c.unlisted);
            c.unlisted.clear();
        }
        if (!plan.manifestFile.isEmpty())
            continue;
        // From the folder alone: components in the order their first files were written.
        QDateTime first, last;
        for (ComponentPlan &c : plan.components) {
            for (const PagePlan &p : std::as_const(c.pages)) {
                if (!c.createdAt.isValid() || p.fileTime < c.createdAt)
                    c.createdAt = p.fileTime;
                if (!last.isValid() || p.fileTime > last)
                    last = p.fileTime;
            }
            if (!first.isValid() || c.createdAt < first)
                first = c.createdAt;
        }
        std::stable_sort(plan.components.begin(), plan.components.end(),
                         [](const ComponentPlan &a, const ComponentPlan &b) {
                             return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.name < b.name;
                         });
        plan.info.createdAt = first;
        plan.info.updatedAt = last;
    }
    // Dossiers in the order they were created, as the index lists them.
    std::stable_sort(m_plans.begin(), m_plans.end(),
                     [](const DossierPlan &a, const DossierPlan &b) { return a.info.createdAt < b.info.createdAt; });
}

QJsonObject pendingJson(const QList<PendingChange> &changes)
{
    QJsonObject o;
    for (const PendingChange &c : changes)
        o.insert(c.dossier, c.change);
    return o;
}

Result<void> Rebuild::writeIndex(const QString &path)
{
    StoreDatabase database;
    database.setPath(m_root, path);
    if (auto r = StoreSchema::prepare(database); !r)
        return r;
    {
        Transaction tx(database.db());
        if (!tx.ok())
            return sqlError(tx.error(), path);
        const QDateTime now = QDateTime::currentDateTime();
        const auto timeOr = [&](const QDateTime &t) {
            return isoTime(t.isValid() ? t : now);
        };
        const auto list = [](const QStringList &l) {
            return QJsonArray::fromStringList(l);
        };
        QJsonArray aside = list(m_report.movedAside);
        QJsonObject detail{{QStringLiteral("previous_index"), m_report.previousIndex},
                           {QStringLiteral("previous_index_problem"), m_report.previousIndexProblem},
                           {QStringLiteral("moved_aside"), aside},
                           {QStringLiteral("dossiers"), int(m_plans.size())},
                           {QStringLiteral("unlisted"), list(m_report.unlistedFiles)},
                           {QStringLiteral("missing"), list(m_report.missingFiles)},
                           {QStringLiteral("damaged"), list(m_report.damagedFiles)},
                           {QStringLiteral("manifest_problems"), list(m_report.manifestProblems)},
                           {QStringLiteral("skipped"), list(m_report.skippedFiles)},
                           {QStringLiteral("pending"), pendingJson(m_report.pendingChanges)}};
        if (auto a = database.audit(QStringLiteral("store-rebuilt"),
                                    QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)), 0, 0);
            !a)
            return a;
        for (const DossierPlan &plan : std::as_const(m_plans)) {
            const DossierInfo &d = plan.info;
            auto ins = database.exec(
                QStringLiteral("INSERT INTO dossiers (code, free_form, procedure, applicant, status, created_at,"
                               " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                {d.code, d.freeForm, d.procedure, d.applicant, d.status.isEmpty() ? QStringLiteral("open") : d.status,
                 timeOr(d.createdAt), timeOr(d.updatedAt)});
            if (!ins)
                return ins.error();
            const qint64 dossierId = ins->lastInsertId().toLongLong();
            RebuiltDossier rebuilt{d.code, plan.folder, !plan.manifestFile.isEmpty(), int(plan.components.size()), 0,
                                   0};
            QHash<QString, qint64> componentIds;
            for (qsizetype i = 0; i < plan.components.size(); ++i) {
                const ComponentPlan &c = plan.components.at(i);
                auto cins = database.exec(QStringLiteral("INSERT INTO components (dossier_id, name, position,"
                                                         " created_at) VALUES (?, ?, ?, ?)"),
                                          {dossierId, c.name, int(i + 1), timeOr(c.createdAt)});
                if (!cins)
                    return cins.error();
                componentIds.insert(c.name, cins->lastInsertId().toLongLong());
            }
            for (const DossierManifest::Field &f : std::as_const(plan.archivalFields)) {
                if (!f.component.isEmpty() && !componentIds.contains(f.component))
                    continue; // its component is gone with the index: nothing to attach the field to
                auto fins = database.exec(QStringLiteral("INSERT OR REPLACE INTO archival_metadata (dossier_id,"
                                                         " component_id, field, value, updated_at)"
                                                         " VALUES (?, ?, ?, ?, ?)"),
                                          {dossierId, f.component.isEmpty() ? 0 : componentIds.value(f.component),
                                           f.field, f.value, isoNow()});
                if (!fins)
                    return fins.error();
            }
            if (auto a = database.audit(QStringLiteral("dossier-rebuilt"),
                                        QStringLiteral("%1 (from %2 in %3)")
                                            .arg(d.code,
                                                 plan.manifestFile.isEmpty() ? QStringLiteral("folder names")
                                                                             : QStringLiteral("its manifest"),
                                                 plan.folder),
                                        dossierId, 0);
                !a)
                return a;
            for (const ComponentPlan &c : plan.components) {
                for (const PagePlan &p : c.pages) {
                    const ManifestPage &mp = p.page;
                    auto pins = database.exec(
                        QStringLiteral(
                            "INSERT INTO pages (component_id, origin_component_id, seq, position, rotation, deleted_at,"
                            " deleted_position, path, sha256, size, width, height, dpi, color_mode, bit_depth, format,"
                            " device, scanned_at, saved_at, batch_id, adopted)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {componentIds.value(c.name),
                         componentIds.value(mp.originComponent),
                         mp.seq,
                         mp.deleted ? QVariant() : QVariant(mp.position),
                         mp.rotation,
                         mp.deleted ? QVariant(timeOr(mp.deletedAt)) : QVariant(),
                         mp.deleted ? QVariant(mp.position) : QVariant(),
                         mp.path,
                         mp.sha256,
                         mp.size,
                         mp.width,
                         mp.height,
                         mp.dpi,
                         colorModeName(mp.mode),
                         mp.bitDepth,
                         mp.format,
                         mp.device,
                         mp.scannedAt.isValid() ? QVariant(isoTime(mp.scannedAt)) : QVariant(),
                         timeOr(mp.savedAt),
                         mp.batchId,
                         mp.adopted});
                    if (!pins)
                        return pins.error();
                    if (mp.cleanup.present) {
                        // The findings come back; the derived image only if its file is still there as listed.
                        const PageCleanupRecord &cl = mp.cleanup;
                        const QFileInfo derived(store::fileInStore(m_root, cl.relativePath));
                        const bool image = cl.hasImage() && derived.exists() && derived.size() == cl.size;
                        auto cins = database.exec(
                            QStringLiteral("INSERT INTO page_cleanups (page_id, options, operations, skew_detected_deg,"
                                           " skew_corrected_deg, rotated_deg, ink_percent, blank, blank_review, path,"
                                           " sha256, size, width, height, format, created_at)"
                                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                            {pins->lastInsertId(), cl.options, cl.operations.join(u'\n'), cl.skewDetectedDeg,
                             cl.skewCorrectedDeg, cl.rotatedDeg, cl.inkPercent, cl.blank ? 1 : 0, cl.blankReview,
                             image ? QVariant(cl.relativePath) : QVariant(), image ? QVariant(cl.sha256) : QVariant(),
                             image ? QVariant(cl.size) : QVariant(), image ? QVariant(cl.width) : QVariant(),
                             image ? QVariant(cl.height) : QVariant(), image ? QVariant(cl.format) : QVariant(),
                             timeOr(cl.at)});
                        if (!cins)
                            return cins.error();
                    }
                    ++m_report.pages;
                    ++(mp.deleted ? rebuilt.deletedPages : rebuilt.pages);
                    const QJsonObject pageDetail{
                        {QStringLiteral("path"), mp.path},
                        {QStringLiteral("sha256"), mp.sha256},
                        {QStringLiteral("source"), p.listed ? QStringLiteral("manifest") : QStringLiteral("folder")},
                        {QStringLiteral("file"), p.file}};
                    if (auto a =
                            database.audit(QStringLiteral("page-rebuilt"),
                                           QString::fromUtf8(QJsonDocument(pageDetail).toJson(QJsonDocument::Compact)),
                                           dossierId, pins->lastInsertId().toLongLong());
                        !a)
                        return a;
                }
            }
            m_report.dossiers.append(rebuilt);
        }
        if (!tx.commit())
            return sqlError(tx.error(), path);
    }
    // One self-contained file (no -wal beside it) that can be renamed into place; opening the store
    // turns WAL on again.
    if (auto q = database.exec(QStringLiteral("PRAGMA journal_mode=DELETE")); !q)
        return q.error();
    database.releaseThreadConnection();
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errorFromErrno(errno, ErrorCode::FileWriteFailed, path);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return errorFromErrno(err, ErrorCode::FileWriteFailed, path);
    return {};
}

// The previous index goes aside (a hard link first, so that some index is always in place), its
// -wal and -shm with it (left beside the new index they would be replayed into it), then the new one
// takes its name in one rename.
Result<void> Rebuild::putInPlace(const QString &built)
{
    const QString index = indexPath();
    const QByteArray to = QFile::encodeName(index);
    if (!m_aside.isEmpty()) {
        const QByteArray aside = QFile::encodeName(m_aside);
        if (QFileInfo::exists(index) && ::link(to.constData(), aside.constData()) != 0 &&
            ::rename(to.constData(), aside.constData()) != 0)
            return errorFromErrno(errno, ErrorCode::FileWriteFailed, index);
        for (const QString &suffix : indexSideSuffixes()) {
            if (QFileInfo::exists(index + suffix) && ::rename(QFile::encodeName(index + suffix).constData(),
                                                              QFile::encodeName(m_aside + suffix).constData()) != 0)
                return errorFromErrno(errno, ErrorCode::FileWriteFailed, index + suffix);
        }
    }
    if (::rename(QFile::encodeName(built).constData(), to.constData()) != 0)
        return errorFromErrno(errno, ErrorCode::FileWriteFailed, index);
    return fsyncDirectory(m_root);
}

// The manifests say what the new index says (pages found by their folder included, pending marks gone).
void Rebuild::refreshManifests()
{
    StoreDatabase database;
    database.setPath(m_root, indexPath());
    ManifestKeeper keeper(database);
    auto ids = database.exec(QStringLiteral("SELECT id FROM dossiers ORDER BY id"));
    QList<qint64> dossiers;
    while (ids && ids->next())
        dossiers.append(ids->value(0).toLongLong());
    if (ids)
        ids->finish();
    for (qint64 id : std::as_const(dossiers))
        keeper.refresh(id);
}

Result<RebuildReport> Rebuild::run(const RebuildOptions &options)
{
    if (!QFileInfo(m_root).isDir())
        return Error(ErrorCode::StoreNotFound, QStringLiteral("no store at %1 (no such folder)").arg(m_root));
    if (::access(QFile::encodeName(m_root).constData(), W_OK) != 0)
        return Error(ErrorCode::StoreReadOnly, m_root + QStringLiteral(": the index cannot be rebuilt here"));
    // Nothing to rebuild from: a mistyped path, not a store (and nothing is made there).
    if (indexState(indexPath()) == IndexState::Missing && findStoreContent(m_root).isEmpty() &&
        !QFileInfo::exists(indexPath() + QStringLiteral("-wal")))
        return Error(ErrorCode::StoreNotFound,
                     QStringLiteral("no store at %1 (no index, no dossier folders, no page files)").arg(m_root));
    // Held until the new index and the manifests are in place: no writer has the store open meanwhile
    // (a scan would write into an index about to be set aside), and none can open it (store-locked).
    auto sole = StoreLease::acquireSole(m_root);
    if (!sole)
        return sole.error();
    const std::unique_ptr<StoreLease> lease = std::move(sole).value();
    if (auto r = judgePreviousIndex(options.force); !r)
        return r.error();
    readManifests();
    surveyFiles();
    if (auto r = checkFiles(); !r)
        return r.error();
    numberPages();

    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString kind = m_report.previousIndex == u"healthy" ? QStringLiteral("previous") : QStringLiteral("damaged");
    for (const QString &suffix : QStringList{QString()} + indexSideSuffixes()) {
        if (!QFileInfo::exists(indexPath() + suffix))
            continue;
        if (m_aside.isEmpty()) {
            QString name = QStringLiteral("%1.%2-%3").arg(indexFileName(), kind, stamp);
            for (int n = 2; QFileInfo::exists(m_root + u'/' + name); ++n)
                name = QStringLiteral("%1.%2-%3-%4").arg(indexFileName(), kind, stamp).arg(n);
            m_aside = m_root + u'/' + name;
        }
        m_report.movedAside.append(relative(m_aside + suffix));
    }

    // Built beside the index under a name of its own (a leftover of an interrupted rebuild is ours).
    const QString built = indexPath() + QStringLiteral(".rebuilding");
    for (const QString &suffix : QStringList{QString()} + indexSideSuffixes())
        QFile::remove(built + suffix);
    if (cancelRequested(m_control))
        return Error(ErrorCode::Cancelled, QStringLiteral("store rebuild of ") + m_root);
    auto written = writeIndex(built);
    if (written)
        written = putInPlace(built);
    if (!written) {
        for (const QString &suffix : QStringList{QString()} + indexSideSuffixes())
            QFile::remove(built + suffix);
        return written.error();
    }
    refreshManifests();
    qCInfo(lcCore) << "store index rebuilt:" << m_root << m_report.pages << "pages";
    return m_report;
}

} // namespace

Result<RebuildReport> StoreRebuild::run(const QString &dir, const RebuildOptions &options, WorkControl *control)
{
    return Rebuild(QDir::cleanPath(QFileInfo(dir).absoluteFilePath()), control).run(options);
}

} // namespace sohoa
