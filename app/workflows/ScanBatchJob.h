#pragma once

#include "app/workflows/Job.h"
#include "core/barcode/Separation.h"
#include "core/dossier/DossierStore.h"
#include "core/imaging/PageCleanup.h"
#include "core/imaging/PageEncoder.h"
#include "scanner/ScannerDevice.h"

#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <memory>

namespace sohoa::scanner {
class DeviceSession;
}

namespace sohoa::workflows {

// What to scan and where it goes.
struct ScanRequest
{
    QString deviceName; // used when the job opens its own device session
    scanner::ScanSettings settings;
    QList<QPair<QString, QString>> rawOptions; // applied after the friendly settings, in order
    // With separation, an empty code continues where the last separated batch of this store ended
    // (its dossier, component and page count), so a flatbed can be fed one sheet per batch.
    QString dossierCode;
    bool allowFreeFormCode = false;
    // Data, not UI text: the component's name is stored in the dossier and names its folder, so the
    // default is the same Vietnamese name whatever the UI language (not translated).
    QString component = QStringLiteral("Tài liệu");
    ImageProfile profile;
    int maxPages = 0; // 0: until the feeder is empty (one page on a flatbed)
    // 1-based position in the component where the batch's pages go (later pages move down); 0
    // appends. Not with separation. With replace, each page takes the place of the page there,
    // which is deleted (restorable): a rescan in place, e.g. of a page whose file went missing.
    int insertAt = 0;
    bool replace = false;
    SeparationSettings separation;
    // Cleanup of each saved page (deskew, orientation, crop, blank flag, bilevel) on a stage of its own,
    // off the acquisition thread: the original is saved first, the cleaned image is recorded beside it.
    CleanupOptions cleanup;
};

// A separator sheet (not saved, recorded in the audit log) or an every:N split.
struct SeparationEvent
{
    int sheet = 0;  // 1-based index of the sheet in the batch, counting separator sheets
    QString kind;   // "cover", "receipt", "patch-t", "every"
    QString value;  // decoded barcode text (empty for "every")
    QString format; // "qr", "code39", ... (empty for "every")
    QString dossierCode;
    QString component; // where the following pages go
    bool dossierCreated = false;
};

// A sheet that looked like a separator but could not be used; it was saved as an ordinary page.
struct SeparationWarning
{
    int sheet = 0;
    QString value;
    Error error;
};

struct ScanReport
{
    // With separation: where the batch started (batchStarted) and, in the final report, where it
    // ended; savedPages may then belong to several dossiers and components.
    DossierInfo dossier;
    ComponentInfo component;
    QList<SeparationEvent> separations;
    QList<SeparationWarning> separationWarnings;
    QString batchId;
    QList<PageRecord> savedPages;
    int pagesAcquiredNotSaved = 0; // complete pages the store could not take (e.g. disk full)
    int pagesCleaned = 0;          // with ScanRequest::cleanup: cleanup recorded (pageCleaned emitted)
    int blankPages = 0;            // of those, flagged blank (for a person to review)
    QList<Error> cleanupErrors;    // pages saved whose cleanup failed (they stay, as scanned)
    // The scanner was started (settings accepted): an error from here on is a fault of the batch,
    // which the same request continues once fixed; before, nothing happened and nothing was made.
    bool scannerStarted = false;
    Error error; // None on a normal end of the batch
};

// Scans a batch straight into a dossier component. The dossier and component are made when the
// first page is saved, so a batch that fails before (an unknown device, a refused option, an empty
// feeder) leaves nothing behind. Three stages on three threads: acquisition on
// the device session's thread, encoding (and, with separation, the barcode search on a thread of its
// own) on another, saving (fsync and commit) on the job's thread, with bounded queues between them,
// so the scanner reads the next sheet while the last one is encoded and saved. pageSaved() is
// emitted only for pages that are durable and committed. Pages keep their order and none is
// dropped: separator sheets are recorded in the audit log ("separator-sheet", with the decoded
// value) instead of being saved. A scanner fault ends the batch with a typed error after every page
// already read has been saved; a later batch with the same dossier and component continues the
// numbering. cancel() ends the batch at once; pages already read are still saved.
class ScanBatchJob : public Job
{
    Q_OBJECT
public:
    // Without a session the job opens request.deviceName in a session of its own.
    ScanBatchJob(DossierStore &store, ScanRequest request, std::shared_ptr<scanner::DeviceSession> session = {},
                 QObject *parent = nullptr);
    ~ScanBatchJob() override;

    const ScanRequest &request() const { return m_request; }
    // Complete once finished() was emitted.
    const ScanReport &report() const { return m_report; }

    // Called on the device thread after page `pageIndex` (0-based) was read and before the next
    // sheet is started: the place to change device options between pages (tests inject faults here).
    void setBetweenPagesHook(std::function<void(int pageIndex, scanner::ScannerDevice &device)> hook);

    static void registerMetaTypes();

Q_SIGNALS:
    // The dossier and component are known (created if needed) and the device is ready.
    void batchStarted(const sohoa::DossierInfo &dossier, const sohoa::ComponentInfo &component, const QString &batchId);
    void pageSaved(const sohoa::PageRecord &page);
    // With ScanRequest::cleanup: the page's cleanup is recorded (after its pageSaved, from another thread).
    void pageCleaned(const sohoa::PageRecord &page);
    // Fraction 0..1 of the page being read (throttled by the device to about 1 % or 100 ms).
    void pageProgress(int pageIndex, double fraction);
    // With separation, in sheet order between the pageSaved() signals of the pages around it.
    void separated(const sohoa::workflows::SeparationEvent &event);
    void separationWarning(const sohoa::workflows::SeparationWarning &warning);

protected:
    Error run() override;
    void cancelled() override;

private:
    friend class ScanPipeline;
    struct Private;
    std::unique_ptr<Private> d;
    DossierStore &m_store;
    ScanRequest m_request;
    ScanReport m_report;
};

} // namespace sohoa::workflows

Q_DECLARE_METATYPE(sohoa::workflows::ScanReport)
Q_DECLARE_METATYPE(sohoa::workflows::SeparationEvent)
Q_DECLARE_METATYPE(sohoa::workflows::SeparationWarning)
