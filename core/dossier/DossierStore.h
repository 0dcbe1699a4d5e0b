#pragma once

#include "core/common/Result.h"
#include "core/common/WorkControl.h"
#include "core/dossier/ScannedPage.h"
#include "core/dossier/SeparationState.h"
#include "core/imaging/PageEncoder.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace sohoa {

struct DossierInfo
{
    qint64 id = 0;
    QString code;
    bool freeForm = false;
    QString procedure;
    QString applicant;
    QString status; // "open", "closed"
    QDateTime createdAt;
    QDateTime updatedAt;
    int pageCount = 0; // visible (not deleted) pages of all components
};

struct ComponentInfo
{
    qint64 id = 0;
    qint64 dossierId = 0;
    QString name;
    int position = 0;
};

// What cleanup (deskew, orientation, crop, blank flag, bilevel) made of a page. The original file stays
// what the scanner delivered (stored and hashed as scanned); the cleaned image is a derived file beside
// it, `<original name>.cleaned.<ext>`, with its own checksum, used for archival output.
struct PageCleanupRecord
{
    bool present = false;   // cleanup ran on this page
    QString options;        // what was asked for: "deskew,orient,crop,blank"
    QStringList operations; // what was applied, for people and the audit log: "deskew -3.92°", "rotate 180°"
    double skewDetectedDeg = 0;  // counter-clockwise positive
    double skewCorrectedDeg = 0; // the rotation applied to straighten it (0: none)
    int rotatedDeg = 0;          // clockwise quarter turns applied to make it upright
    double inkPercent = 0;
    bool blank = false;  // flagged by blank detection: never deleted by it, a person reviews it
    QString blankReview; // "" (not reviewed) or "kept"; a page a person removed is deleted (restorable)
    // The derived image; empty relativePath: none (nothing changed the pixels, e.g. only a blank check).
    QString relativePath;
    QString absolutePath;
    QString sha256;
    qint64 size = 0;
    int width = 0;
    int height = 0;
    QString format; // "jpg", "png"
    QDateTime at;

    bool hasImage() const { return !relativePath.isEmpty(); }
    bool awaitsBlankReview() const { return blank && blankReview.isEmpty(); }
};

// One Decree 30 (Appendix VI) metadata field of a dossier (componentId 0) or of one of its documents.
struct ArchivalField
{
    qint64 componentId = 0;
    QString field; // "Title", "CodeNumber", …
    QString value;
    QDateTime updatedAt;
};

struct PageRecord
{
    qint64 id = 0;
    qint64 componentId = 0; // where the page is now
    // The component the file was made for: its folder and number. A page moved to another component
    // keeps its file, so `seq` is unique per origin component, not per component.
    qint64 originComponentId = 0;
    int seq = 0;
    QString relativePath; // to the store root
    QString absolutePath;
    QString sha256; // hex
    qint64 size = 0;
    int width = 0;
    int height = 0;
    int dpi = 0;
    ColorMode mode = ColorMode::Color;
    int bitDepth = 8;
    QString format; // "jpg", "png"
    QString device;
    QDateTime scannedAt;
    QDateTime savedAt;
    bool adopted = false; // saved by recovery after a crash between file and row
    // 1-based order among the visible pages of the component (what the user sees); for a deleted
    // page, the position it had when it was deleted (where restorePage puts it back).
    int position = 0;
    int rotation = 0;     // clockwise degrees to apply when showing or exporting: 0, 90, 180, 270
    bool deleted = false; // soft-deleted: the file stays, the page leaves the order and the export
    QDateTime deletedAt;
    PageCleanupRecord cleanup;
};

// What opening a store found and did. Nothing is dropped silently: every problem is listed here.
// A store opened read-only changes nothing: the lists then say what recovery WOULD do (notDone) the
// next time the store is opened for writing.
struct RecoveryReport
{
    bool notDone = false;           // read-only: nothing was adopted or removed, these are findings only
    QStringList removedTemporaries; // incomplete files of pages never reported as saved
    QList<PageRecord> adoptedPages; // complete files whose row was not yet committed
    QList<PageRecord> missingPages; // rows whose file is gone
    QList<PageRecord> damagedPages; // rows whose file has another size (or checksum, when verified)
    bool isClean() const
    {
        return removedTemporaries.isEmpty() && adoptedPages.isEmpty() && missingPages.isEmpty() &&
               damagedPages.isEmpty();
    }
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString action;
    QString detail;
    qint64 dossierId = 0;
    qint64 pageId = 0;
};

// A signed PDF made from a dossier (the counter's certified copy of its export): where it is, what was
// signed, by whom, and what its own verification said. Kept in the index beside the pages; the file
// itself lives wherever the face wrote it (the export folder).
struct SignedDocumentRecord
{
    qint64 id = 0;
    qint64 dossierId = 0;
    QString path;       // absolute
    QString sourcePath; // the export it was signed from
    QString sha256;     // of the signed file, hex
    qint64 size = 0;
    QString kind;       // "copy" (Decree 30 copy block), "signed"
    QString signer;     // the signing certificate's subject
    QString verdict;    // the status id of its verification: VALID, VALID_UNTRUSTED, ...
    QString lookupCode; // the QR code's text, empty without one
    QDateTime signedAt;
};

// A file waiting for, or done with, delivery to an upload target (the queue lives in the index, so
// that it survives restarts: a job is written before anything is sent).
struct UploadJobRecord
{
    qint64 id = 0;
    QString target;       // the target's name
    qint64 dossierId = 0; // 0: a file of no dossier
    QString path;         // absolute local path
    QString sha256;       // when queued: a file changed since is not sent
    qint64 size = 0;
    QString remoteName;
    QString idempotencyKey;
    QString state = QStringLiteral("queued"); // queued, sending, delivered, failed, paused, cancelled
    int attempts = 0;
    QString lastErrorId; // the error's stable id
    QString lastError;   // its technical detail
    QString remoteUrl;
    QDateTime createdAt, updatedAt, nextAttemptAt, deliveredAt;
};

class StoreNotifier;

// How DossierStore::open treats the folder. In every mode a folder that holds dossier folders or page
// files but whose index (sohoa.sqlite) is missing, empty or not a database is refused with
// store-index-missing: a fresh index there would hide the pages (StoreRebuild re-creates it).
enum class StoreOpenMode
{
    Create,   // writing (a scan): makes the folder and a new index where there is no store yet
    Existing, // writing to a store that must exist (page edits): anything else is store-not-found
    ReadOnly, // reading only: nothing is written (SQLite read-only, no migration, recovery only reported)
    // Reading from a store that must exist: Existing where the folder and index may be written,
    // ReadOnly where they may not (a mounted archive, a folder of another user).
    ExistingOrReadOnly,
};

struct StoreOptions
{
    // Placeholders: {dossier} {component} {seq} {seq:N} (zero-padded to N digits) {ext} {date} {time} {device}
    // {barcode} (the value of the separator sheet that started the page's document; empty without one)
    QString nameTemplate = QStringLiteral("{dossier}/{component}/{seq:04}.{ext}");
    StoreOpenMode mode = StoreOpenMode::Create;
};

// The embedded store: a folder with a SQLite database (WAL, synchronous=FULL) and one folder per
// dossier. A page is saved only when its file is durable (AtomicFileWriter) and its row committed.
// Each thread that calls into the store gets its own database connection; writes may come from
// a worker thread while the UI thread reads.
//
// Opening a store written by an older version migrates it (PRAGMA user_version, one transaction,
// audit entry "store-migrated"); a store written by a newer version is refused (store-too-new).
// A store opened read-only is never migrated (store-needs-upgrade) and refuses every change
// (store-read-only).
//
// Each dossier also keeps a manifest beside its pages (DossierManifest: `.sohoa-dossier.json` in the
// dossier's folder), rewritten after every committed change of the dossier (saved pages: a little
// later, see writeManifests), so that the index can be rebuilt from the folders (StoreRebuild) with
// what file names cannot say.
//
// Pages are edited without touching their files: page files are never renamed, reused or
// overwritten. Every edit (move, rotate, delete, restore) is one transaction with its audit entry
// (JSON detail) and the dossier's updated_at, and is announced by notifier() after the commit.
class DossierStore
{
public:
    ~DossierStore();

    // The default location: $SOHOA_STORE, else <XDG data>/sohoa/store.
    static QString defaultLocation();
    static Result<std::unique_ptr<DossierStore>> open(const QString &dir, const StoreOptions &options = {});

    const QString &rootPath() const;
    const RecoveryReport &recoveryReport() const;
    // Opened read-only (StoreOpenMode::ReadOnly, or ExistingOrReadOnly on a store that cannot be written).
    bool isReadOnly() const;

    Result<DossierInfo> createOrGetDossier(const QString &code, bool allowFreeForm, const QString &procedure = {},
                                           const QString &applicant = {});
    Result<DossierInfo> dossier(const QString &code) const;
    Result<DossierInfo> dossierById(qint64 dossierId) const;
    Result<QList<DossierInfo>> dossiers() const;
    Result<ComponentInfo> createOrGetComponent(qint64 dossierId, const QString &name);
    Result<ComponentInfo> component(qint64 dossierId, const QString &name) const;
    Result<ComponentInfo> componentById(qint64 componentId) const;
    Result<QList<ComponentInfo>> components(qint64 dossierId) const;
    // Visible pages in position order: what export and `dossier show` use.
    Result<QList<PageRecord>> pages(qint64 componentId) const;
    Result<QList<PageRecord>> dossierPages(qint64 dossierId) const; // component position, then page position
    // Soft-deleted pages of a component, oldest deletion first (for a "restore" view).
    Result<QList<PageRecord>> deletedPages(qint64 componentId) const;
    // Any page, deleted or not (page-not-found if the id is unknown).
    Result<PageRecord> page(qint64 pageId) const;
    // The visible page at a 1-based position (page-not-found outside 1..n).
    Result<PageRecord> pageAt(qint64 componentId, int position) const;

    // Encodes nothing: writes the already-encoded image durably under the next sequence number of
    // the component, then commits its row. Returns only when the page is saved. insertAt (1-based,
    // at most the page count + 1) puts the page there and shifts the later pages down; 0 appends.
    // With replace, the page now at insertAt (if any) is deleted (soft: restorable, audited as
    // page-replaced) in the same transaction and the new one takes its place: a rescan in place.
    Result<PageRecord> savePage(const ComponentInfo &component, const ScannedPage &page, const EncodedImage &image,
                                const QString &batchId = {}, int insertAt = 0, bool replace = false);
    // A saved page does not wait for its dossier's manifest: the manifest follows a batch at most
    // kManifestLagPages pages or kManifestLagMs behind (written before the next page is reserved, never
    // between a page's commit and its report), and is brought up to date here: at the end of a batch,
    // and when the store is closed. A page the manifest does not list yet is still found by a rebuild
    // (by its folder and file name). Failures are logged and audited (manifest-write-failed).
    void writeManifests();
    static constexpr int kManifestLagPages = 10;
    static constexpr int kManifestLagMs = 5000;

    // Page edits; the page id is the handle, positions are 1-based as the user sees them.
    // Moves a visible page to toPosition of the same component (1..n) or of another component of the
    // same dossier (1..n+1); anything else is invalid-argument. Moving a page where it is changes nothing.
    Result<PageRecord> movePage(qint64 pageId, qint64 toComponentId, int toPosition);
    // Turns a visible page clockwise by 90, 180 or 270 degrees (added to its rotation modulo 360).
    Result<PageRecord> rotatePage(qint64 pageId, int degrees);
    // Soft delete: the file and the row stay, the page leaves the order (later pages move up).
    Result<PageRecord> deletePage(qint64 pageId);
    // Brings a deleted page back at the position it had, or at the end if the component is shorter now.
    Result<PageRecord> restorePage(qint64 pageId);

    // Where the last separated batch of this store ended (one state per store); nullopt before the
    // first one. Saving also writes a "separation-state" audit entry as the trace; the log is never
    // read back for the state.
    Result<std::optional<SeparationState>> separationState() const;
    Result<void> saveSeparationState(const SeparationState &state);

    // Re-reads every page file of a dossier (deleted pages too: their files are kept) and compares its
    // SHA-256 with the recorded one. Returns the pages checked, visible ones first in order. `control`
    // follows it page by page and may stop it (Cancelled).
    Result<QList<PageRecord>> verifyDossier(qint64 dossierId, QList<PageRecord> *damaged, QList<PageRecord> *missing,
                                            WorkControl *control = nullptr) const;

    // Cleanup and archival metadata (DossierStoreArchival.cpp).
    // Records what cleanup made of a page: the derived image (written durably beside the original, then
    // the row committed; null `derived`: findings only) and the findings. Replaces an earlier cleanup of
    // the page (its derived file is removed after the commit). Audited as "page-cleaned"; pageUpdated.
    Result<PageRecord> saveCleanup(qint64 pageId, const PageCleanupRecord &findings, const EncodedImage *derived);
    // A person looked at a page flagged blank: keep it (review "kept") or remove it (a soft delete,
    // restorable, as deletePage). Audited as "blank-page-kept" / "page-deleted"; pageUpdated / pageDeleted.
    Result<PageRecord> reviewBlankPage(qint64 pageId, bool keep);
    Result<QList<ArchivalField>> archivalFields(qint64 dossierId) const;
    // Sets fields of the dossier (componentId 0) or of one of its components; an empty value removes
    // the field. One transaction, audited as "metadata-changed"; dossierUpdated.
    Result<void> setArchivalFields(qint64 dossierId, qint64 componentId,
                                   const QList<std::pair<QString, QString>> &fields);

    // Records a signed file of the dossier: its row and a "pdf-signed" audit entry (JSON detail) in one
    // transaction, the dossier's updated_at touched. The same path signed again is a new row (the
    // history stays). invalid-argument without a dossier or a path.
    Result<SignedDocumentRecord> recordSignedDocument(const SignedDocumentRecord &record);
    // The dossier's signed files, oldest first.
    Result<QList<SignedDocumentRecord>> signedDocuments(qint64 dossierId) const;

    // Upload targets (name → configuration JSON, no secret) and the upload queue.
    Result<void> saveUploadTarget(const QString &name, const QString &configJson);
    Result<QList<std::pair<QString, QString>>> uploadTargets() const;
    Result<void> removeUploadTarget(const QString &name); // target-not-found
    // Queues a file (state "queued", audit "upload-queued"); the same file (target, remote name,
    // SHA-256) already queued or delivered is not queued twice: that job is returned.
    Result<UploadJobRecord> enqueueUpload(const UploadJobRecord &job);
    Result<QList<UploadJobRecord>> uploadJobs(qint64 dossierId = -1) const; // -1: all
    Result<UploadJobRecord> uploadJob(qint64 id) const;
    // Takes the oldest queued job due at `now` for sending (state "sending", one more attempt), in one
    // transaction: two runners never take the same job.
    Result<std::optional<UploadJobRecord>> takeNextUpload(const QDateTime &now);
    // The outcome of an attempt: "delivered" (audit "upload-delivered"), "queued" again with
    // nextAttemptAt (a transient error), or "failed" (audit "upload-failed"). Only "delivered" replaces
    // a state a person set while the job was being sent (paused, cancelled); the job is returned as it is.
    Result<UploadJobRecord> finishUpload(qint64 id, const QString &state, const QString &errorId,
                                         const QString &error, const QDateTime &nextAttemptAt,
                                         const QString &remoteUrl);
    // queued/sending → paused → queued, failed → queued (retry), queued → queued (a job waiting for its
    // next retry is due now: a person says the network is back), anything not delivered → cancelled (a
    // job being sent is stopped by its runner); "sending" jobs of a runner that died go back to
    // "queued" with requeueInterruptedUploads().
    Result<UploadJobRecord> setUploadState(qint64 id, const QString &state);
    // Every job that may become `state` ("paused": the queued and the one being sent; "queued": the
    // paused) changed, one by one with their audit entries; the ones changed.
    Result<QList<UploadJobRecord>> setAllUploadStates(const QString &state);
    Result<int> requeueInterruptedUploads();

    // `action` is a stable id and `detail` a technical English record (not translated): the log is
    // evidence, read back by support and tools, not UI text; a GUI words its entries itself.
    Result<void> audit(const QString &action, const QString &detail, qint64 dossierId = 0, qint64 pageId = 0);
    Result<QList<AuditEntry>> auditLog(qint64 dossierId = 0) const;
    // The newest entry with this action, if any.
    Result<std::optional<AuditEntry>> lastAuditEntry(const QString &action) const;
    Result<QString> integrityCheck() const; // "ok" when PRAGMA integrity_check is clean

    // Closes the calling thread's database connection (call before a worker thread ends).
    void releaseThreadConnection();

    // Change notifications of this store object (owned by it, living in the thread that opened it).
    StoreNotifier *notifier() const;

    // Makes commits by other processes (or other DossierStore objects on this folder) known through
    // notifier()->changedElsewhere: every intervalMs the notifier's thread asks SQLite whether anyone
    // else committed (PRAGMA data_version, no table read) and, when so, reads the new audit log entries
    // (each committed change writes one in its transaction) minus this object's own. Off by default
    // (a short-lived command needs none); a read-only store watches too. Call from the thread that
    // opened the store; calling again changes the interval.
    void watchForOutsideChanges(int intervalMs = kDefaultWatchIntervalMs);
    void stopWatchingForOutsideChanges();
    bool isWatchingForOutsideChanges() const;
    static constexpr int kDefaultWatchIntervalMs = 300;

    QString expandTemplate(const DossierInfo &dossier, const ComponentInfo &component, int seq, const QString &ext,
                           const ScannedPage &page) const;
    static QString sanitizeName(const QString &name);
    // A file name template is refused (InvalidArgument, saying what is wrong) when it has a brace that
    // is not one of the placeholders {dossier} {component} {seq} {seq:N} {ext} {date} {time} {device}
    // {barcode}, or no {seq} (without it two pages would want one name).
    static Result<void> checkNameTemplate(const QString &nameTemplate);

private:
    DossierStore();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sohoa

Q_DECLARE_METATYPE(sohoa::DossierInfo)
Q_DECLARE_METATYPE(sohoa::ComponentInfo)
Q_DECLARE_METATYPE(sohoa::PageRecord)
Q_DECLARE_METATYPE(sohoa::SignedDocumentRecord)
Q_DECLARE_METATYPE(sohoa::UploadJobRecord)
