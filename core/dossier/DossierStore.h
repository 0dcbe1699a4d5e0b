#pragma once

#include "core/imaging/PageEncoder.h"
#include "core/common/Result.h"
#include "core/dossier/ScannedPage.h"

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
};

struct ComponentInfo
{
    qint64 id = 0;
    qint64 dossierId = 0;
    QString name;
    int position = 0;
};

struct PageRecord
{
    qint64 id = 0;
    qint64 componentId = 0;
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
};

// What opening a store found and did. Nothing is dropped silently: every problem is listed here.
struct RecoveryReport
{
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

struct StoreOptions
{
    // Placeholders: {dossier} {component} {seq} {seq:N} (zero-padded to N digits) {ext} {date} {time} {device}
    // {barcode} (the value of the separator sheet that started the page's document; empty without one)
    QString nameTemplate = QStringLiteral("{dossier}/{component}/{seq:04}.{ext}");
};

// The embedded store: a folder with a SQLite database (WAL, synchronous=FULL) and one folder per
// dossier. A page is saved only when its file is durable (AtomicFileWriter) and its row committed.
// Each thread that calls into the store gets its own database connection; writes may come from
// a worker thread while the UI thread reads.
class DossierStore
{
public:
    ~DossierStore();

    // The default location: $SOHOA_STORE, else <XDG data>/sohoa/store.
    static QString defaultLocation();
    static Result<std::unique_ptr<DossierStore>> open(const QString &dir, const StoreOptions &options = {});

    const QString &rootPath() const;
    const RecoveryReport &recoveryReport() const;

    Result<DossierInfo> createOrGetDossier(const QString &code, bool allowFreeForm, const QString &procedure = {},
                                           const QString &applicant = {});
    Result<DossierInfo> dossier(const QString &code) const;
    Result<QList<DossierInfo>> dossiers() const;
    Result<ComponentInfo> createOrGetComponent(qint64 dossierId, const QString &name);
    Result<ComponentInfo> component(qint64 dossierId, const QString &name) const;
    Result<QList<ComponentInfo>> components(qint64 dossierId) const;
    Result<QList<PageRecord>> pages(qint64 componentId) const;
    Result<QList<PageRecord>> dossierPages(qint64 dossierId) const; // component order, then page order

    // Encodes nothing: writes the already-encoded image durably under the next sequence number of
    // the component, then commits its row. Returns only when the page is saved.
    Result<PageRecord> savePage(const ComponentInfo &component, const ScannedPage &page, const EncodedImage &image,
                                const QString &batchId = {});

    // Re-reads every page file of a dossier and compares its SHA-256 with the recorded one.
    Result<QList<PageRecord>> verifyDossier(qint64 dossierId, QList<PageRecord> *damaged,
                                            QList<PageRecord> *missing) const;

    // `action` is a stable id and `detail` a technical English record (not translated): the log is
    // evidence, read back by support and tools, not UI text; a GUI words its entries itself.
    Result<void> audit(const QString &action, const QString &detail, qint64 dossierId = 0, qint64 pageId = 0);
    Result<QList<AuditEntry>> auditLog(qint64 dossierId = 0) const;
    // The newest entry with this action, if any.
    Result<std::optional<AuditEntry>> lastAuditEntry(const QString &action) const;
    Result<QString> integrityCheck() const; // "ok" when PRAGMA integrity_check is clean

    // Closes the calling thread's database connection (call before a worker thread ends).
    void releaseThreadConnection();

    QString expandTemplate(const DossierInfo &dossier, const ComponentInfo &component, int seq, const QString &ext,
                           const ScannedPage &page) const;
    static QString sanitizeName(const QString &name);

private:
    DossierStore();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sohoa
