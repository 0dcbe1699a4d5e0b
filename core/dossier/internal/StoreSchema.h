#pragma once

// Private to core/dossier: the store's tables and their migrations.

#include "core/common/Result.h"

#include <functional>

namespace sohoa::store {

class StoreDatabase;

// The schema version lives in PRAGMA user_version (and, for people reading the file, in the meta
// table's schema_version). Schema-1 code never set user_version, so 0 means "schema 1 or empty".
//   1  dossiers, components, pages (numbered per component), page_intents, audit_log, meta
//   2  pages get an order of their own (position), rotation, soft deletion and the component their
//      file was made for (origin_component_id, which numbering is unique in); separation_state
//   3  page_intents.lease: the writer's lease (StoreLease), so that recovery in another process
//      leaves a live writer's reservations alone
//   4  signed_documents: signed PDFs made from a dossier (the counter's certified copy)
//   5  upload_targets and upload_jobs: the delivery queue
struct PrepareOptions
{
    // Read only: the version is checked and nothing is written (no journal mode, no migration): an
    // older store is store-needs-upgrade, a database without tables store-not-found.
    bool readOnly = false;
    // Asked before a database without tables gets the schema (or, read-only, before it is refused):
    // an error stops there, nothing written. DossierStore refuses to put a new index beside dossiers.
    std::function<Result<void>()> beforeCreating;
};

class StoreSchema
{
public:
    static constexpr int kCurrentVersion = 6;

    // Brings the database to the current version in one transaction (an empty file gets the whole
    // schema; an older store is migrated and the audit log says so). A newer version is refused
    // before anything is written (store-too-new); a file that is no database is store-corrupt.
    static Result<void> prepare(const StoreDatabase &database, const PrepareOptions &options = {});
};

} // namespace sohoa::store
