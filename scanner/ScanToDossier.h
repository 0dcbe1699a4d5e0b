#pragma once

#include "core/dossier/DossierStore.h"
#include "core/imaging/PageEncoder.h"
#include "core/common/Result.h"
#include "scanner/ScannerDevice.h"
#include "core/barcode/Separation.h"

#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <memory>

namespace sohoa::scanner {

struct ScanJob
{
    QString deviceName;
    ScanSettings settings;
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
    SeparationSettings separation;
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
    // With separation: where the batch started (started callback) and, in the final report, where
    // it ended; savedPages may then belong to several dossiers and components.
    DossierInfo dossier;
    ComponentInfo component;
    QList<SeparationEvent> separations;
    QList<SeparationWarning> separationWarnings;
    QString batchId;
    QList<PageRecord> savedPages;
    int pagesAcquiredNotSaved = 0; // complete pages the store could not take (e.g. disk full)
    Error error;                   // None on a normal end of the batch
};

struct ScanCallbacks
{
    std::function<void(const ScanReport &)> started;   // dossier and component are known
    std::function<void(const PageRecord &)> pageSaved; // called only after the page is durable and committed
    std::function<void(int pageIndex, double fraction)> progress;
    // Called on the acquisition thread after page `pageIndex` (0-based) was read and before the
    // next sheet is started: the place to change device options between pages.
    std::function<void(int pageIndex, ScannerDevice &device)> betweenPages;
    // Called in sheet order on the saving thread, between the pageSaved calls of the pages around it.
    std::function<void(const SeparationEvent &)> separated;
    std::function<void(const SeparationWarning &)> separationWarning;
};

// Scans a batch straight into a dossier component: acquisition runs on its own thread while the
// calling thread encodes and saves each page (so the next sheet is read while the last is encoded).
// With separation, each page is searched for barcodes on a thread of its own while it is encoded;
// pages keep their order and none is dropped: separator sheets are recorded in the audit log
// ("separator-sheet", with the decoded value) instead of being saved as pages.
// A bounded queue keeps memory flat. A scanner fault ends the batch with a typed error after every
// page already read has been saved; a later run with the same dossier and component continues the
// numbering.
class ScanToDossier
{
public:
    explicit ScanToDossier(DossierStore &store);
    ~ScanToDossier();

    ScanReport run(const ScanJob &job, const ScanCallbacks &callbacks = {});
    // Thread-safe; may be called from a signal handler's relay or another thread.
    void cancel();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sohoa::scanner
