#pragma once

// Private to core/dossier: DossierStore's state, shared by the files DossierStore is split into
// (DossierStore.cpp: opening, recovery, dossiers, saving; DossierStorePages.cpp: page order and edits;
// DossierStoreOpening.cpp: open modes, read-only stores, keeping the dossier manifests).

#include "core/dossier/DossierStore.h"
#include "core/dossier/StoreNotifier.h"
#include "core/dossier/internal/ManifestKeeper.h"
#include "core/dossier/internal/StoreDatabase.h"
#include "core/dossier/internal/StoreLease.h"
#include "core/dossier/internal/StoreWatcher.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QSqlRecord>

#include <functional>
#include <memory>

namespace sohoa {

struct DossierStore::Private
{
    store::StoreDatabase database;
    StoreOptions options;
    RecoveryReport report;
    std::unique_ptr<StoreNotifier> notifier = std::make_unique<StoreNotifier>();
    store::ManifestKeeper manifests{database};
    std::unique_ptr<store::StoreLease> lease; // held while the store is open for writing

    // Dossiers whose manifest lags behind saved pages: how many, since when (see writeManifests).
    struct ManifestLag
    {
        int pages = 0;
        QElapsedTimer since;
    };
    QMutex manifestLagMutex;
    QHash<qint64, ManifestLag> manifestLag;
    // catchUpNext: the save also changed what the manifest lists (a page replaced in place).
    void pageSaved(qint64 dossierId, bool catchUpNext = false);
    // Before a page is reserved: the dossier's manifest is written if it lags too far behind.
    void catchUpManifest(qint64 dossierId);

    const QString &root() const { return database.root(); }

    // Finds the store in `root` as options.mode says (creating, refusing or going read-only) and
    // prepares its database; a store whose index is lost is refused (store-index-missing).
    Result<void> openIndex(const QString &root);
    void recover(bool verifyChecksums);
    Result<PageRecord> adoptIntent(const QSqlRecord &intent);
    // Read-only: what recover() would do, reported and not done (keep the two in step).
    void inspectRecovery(bool verifyChecksums);
    // Recovery's last step, both ways: every recorded page must still be there, unchanged.
    void checkPageFiles(bool verifyChecksums);
    // After recovery of a writable store: the manifests of dossiers whose pages were adopted, of
    // dossiers that have none yet (stores older than manifests, a write that failed), and of dossiers
    // changed after their manifest was written (a writer that ended before its manifest caught up).
    void keepManifests();

    // One page edit: what it did, for the audit log (no action: nothing changed, nothing written).
    struct PageEdit
    {
        QString action;
        QJsonObject detail; // the page's id and path are added
    };
    struct PageChange
    {
        PageRecord before;
        PageRecord after;
        DossierInfo dossier; // as committed: page count, updated_at
        bool changed = false;
    };
    // Runs `edit` on the page inside one BEGIN IMMEDIATE transaction, then records the audit entry
    // and the dossier's updated_at with it. Notifications are the caller's, after this returns.
    Result<PageChange> changePage(qint64 pageId, const std::function<Result<PageEdit>(const PageRecord &)> &edit);

    // Last member: stopped and destroyed first, while the database and the notifier still exist.
    std::unique_ptr<store::StoreWatcher> watcher;
};

} // namespace sohoa
