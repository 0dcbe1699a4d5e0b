#pragma once

// Private to core/dossier: DossierStore's state, shared by the files DossierStore is split into
// (DossierStore.cpp: opening, recovery, dossiers, saving; DossierStorePages.cpp: page order and edits).

#include "core/dossier/DossierStore.h"
#include "core/dossier/StoreNotifier.h"
#include "core/dossier/internal/StoreDatabase.h"
#include "core/dossier/internal/StoreLease.h"

#include <QJsonObject>
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
    std::unique_ptr<store::StoreLease> lease; // held while the store is open for writing

    const QString &root() const { return database.root(); }

    void recover(bool verifyChecksums);
    Result<PageRecord> adoptIntent(const QSqlRecord &intent);

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
};

} // namespace sohoa
