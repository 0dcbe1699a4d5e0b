#pragma once

#include "DossierStore.h"
#include "PageEncoder.h"
#include "Result.h"
#include "ScannerDevice.h"

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
    QString dossierCode;
    bool allowFreeFormCode = false;
    QString component = QStringLiteral("Tài liệu");
    ImageProfile profile;
    int maxPages = 0; // 0: until the feeder is empty (one page on a flatbed)
};

struct ScanReport
{
    DossierInfo dossier;
    ComponentInfo component;
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
};

// Scans a batch straight into a dossier component: acquisition runs on its own thread while the
// calling thread encodes and saves each page (so the next sheet is read while the last is encoded).
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
