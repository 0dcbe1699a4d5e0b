#pragma once

#include "core/common/Result.h"
#include "core/common/WorkControl.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace sohoa {

struct RebuildOptions
{
    // Rebuild even when the index opens and passes SQLite's quick check (it is moved aside all the same).
    bool force = false;
};

struct RebuiltDossier
{
    QString code;
    QString folder;            // relative to the store root
    bool fromManifest = false; // else from folder and file names alone
    int components = 0;
    int pages = 0; // visible
    int deletedPages = 0;
};

// A change that was being committed when the dossier's manifest was last written (see DossierManifest):
// it may or may not be in the lost index. The rebuilt dossier is as it was before it.
struct PendingChange
{
    QString dossier;
    QJsonObject change; // {action, detail, at}
};

// What a rebuild found and did; every file below the store that is not in the new index as what it
// was is listed here (and in the new index's audit log).
struct RebuildReport
{
    QString root;
    QString previousIndex;        // "missing", "empty", "not-a-database", "damaged", "healthy"
    QString previousIndexProblem; // what SQLite said of a damaged one
    QStringList movedAside;       // where the previous index (and its -wal, -shm) went, relative to root
    QList<RebuiltDossier> dossiers;
    int pages = 0; // rows written, deleted pages included
    // Page files no manifest lists: added from their folder and file name (a page saved after the
    // manifest was last written, or a file put there by hand).
    QStringList unlistedFiles;
    // Listed in a manifest, file gone: kept as pages whose file is missing (as opening reports them).
    QStringList missingFiles;
    // The file's SHA-256 differs from the manifest's: kept with the manifest's (verify reports it).
    QStringList damagedFiles;
    // "path: what": manifests that could not be read or contradict others; their folder is read as
    // if it had none.
    QStringList manifestProblems;
    // Left alone: not page images (exports, notes), unreadable images, temporaries of interrupted
    // writes, files outside any dossier folder.
    QStringList skippedFiles;
    QList<PendingChange> pendingChanges;

    bool isClean() const
    {
        const bool allFromManifests =
            std::all_of(dossiers.cbegin(), dossiers.cend(), [](const RebuiltDossier &d) { return d.fromManifest; });
        return allFromManifests && unlistedFiles.isEmpty() && missingFiles.isEmpty() && damagedFiles.isEmpty() &&
               manifestProblems.isEmpty() && pendingChanges.isEmpty();
    }
};

// Re-creates a store's index (sohoa.sqlite) from what is on disk: each dossier from its manifest
// (DossierManifest) where it has one, else from the default layout `{dossier}/{component}/{seq}.{ext}`
// (folder names as codes and components, order from the numbers in the file names, components in
// the order their first files were written). Every page file is read again: SHA-256 recomputed,
// size and resolution from its headers. The audit log of the new index starts with "store-rebuilt"
// and has one "page-rebuilt" entry per page.
//
// The previous index is never deleted: it is moved aside, with its -wal and -shm, as
// `sohoa.sqlite.damaged-<time>` (`sohoa.sqlite.previous-<time>` when it was healthy and the rebuild
// forced), and the new one takes its place in one rename. Until then nothing in the store changes:
// a failure or a cancel leaves it as it was. The rebuild runs only when no other process has the store
// open for writing (a scan, a window, a page edit, a reading command on a writable store), and no
// writer can open the store until it is done: both are refused with store-locked. Readers of a store
// opened read-only keep reading the index they opened.
class StoreRebuild
{
public:
    // store-not-found without a folder; store-rebuild-not-needed when the index is healthy and not `force`;
    // store-read-only when the folder cannot be written; store-locked while another process has the
    // store open for writing; cancelled through `control`.
    static Result<RebuildReport> run(const QString &dir, const RebuildOptions &options = {},
                                     WorkControl *control = nullptr);
};

} // namespace sohoa
