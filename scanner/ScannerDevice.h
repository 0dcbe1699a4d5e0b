#pragma once

#include "core/common/Result.h"
#include "core/dossier/ScannedPage.h"
#include "scanner/ScanOption.h"
#include "scanner/ScannerTypes.h"

#include <QList>
#include <QMetaType>
#include <QSizeF>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace sohoa::scanner {

namespace detail {
class DeviceCore;
}

QString sourceName(Source source);                        // "flatbed", "adf", "duplex"
bool sourceFromName(const QString &name, Source *source); // false if unknown

// The friendly settings of the GUI and the CLI; unset fields leave the device as it is.
struct ScanSettings
{
    std::optional<Source> source;
    std::optional<ColorMode> mode;
    std::optional<int> resolution; // dpi; the nearest value the device allows is used
    std::optional<QSizeF> pageSizeMm;
};

struct BatchCallbacks
{
    std::function<void(int pageIndex)> pageStarted;
    // fraction 0..1 of the page; throttled to about every 1 % or 100 ms.
    std::function<void(int pageIndex, double fraction)> progress;
    // Return false to stop the batch after this page.
    std::function<bool(ScannedPage &&page)> pageAcquired;
};

struct BatchOutcome
{
    int pagesAcquired = 0;
    Error error; // ErrorCode::None on a normal end (feeder empty after >= 1 page, flatbed page, maxPages)
};

// An open SANE device. Not thread-safe except cancel(); scanBatch blocks and belongs on a worker
// thread (see ScanWorker).
class ScannerDevice
{
public:
    // ScannerNotFound, ScannerBusy, ScannerAccessDenied or ScannerInitFailed.
    static Result<std::unique_ptr<ScannerDevice>> open(const QString &name);
    ~ScannerDevice();
    ScannerDevice(const ScannerDevice &) = delete;
    ScannerDevice &operator=(const ScannerDevice &) = delete;

    QString name() const;

    // In SANE order, without groups. Pointers stay valid while the device is open.
    QList<ScanOption *> options() const;
    ScanOption *option(const QString &name) const;
    // Grows each time the backend re-describes its options (SANE_INFO_RELOAD_OPTIONS after a write,
    // or opening): observers compare it before and after a change to know that OTHER options changed.
    quint64 optionsGeneration() const;
    // `--option NAME=VALUE`; OptionNotFound if the device has no such option.
    Result<void> setOption(const QString &name, const QString &value);

    // Order: source, mode (and depth), resolution, page size. ScannerUnsupported if the device
    // does not offer what is asked.
    Result<void> apply(const ScanSettings &settings);
    bool isFeederSelected() const;
    int resolution() const; // dpi, 0 if unknown

    // "A4", "A5", "Letter" (any case) or "WxHmm" such as "100x150mm"; invalid QSizeF if unknown.
    static QSizeF pageSizeFromName(const QString &name);

    // Feeder selected: pages until the feeder is empty (or maxPages > 0 pages); flatbed: one page.
    BatchOutcome scanBatch(const BatchCallbacks &callbacks, int maxPages = 0);
    // Thread-safe; ends the running batch with ErrorCode::Cancelled (delivered pages stay
    // delivered). If no batch runs, the next one ends at once.
    void cancel();
    // Forgets a cancel() that came too late for the batch it was meant for.
    void clearCancelRequest();

private:
    explicit ScannerDevice(std::unique_ptr<detail::DeviceCore> core);
    Result<void> applySource(Source source);
    Result<void> applyMode(ColorMode mode);
    Result<void> applyResolution(int dpi);
    Result<void> applyPageSize(const QSizeF &mm);

    std::unique_ptr<detail::DeviceCore> d;
};

} // namespace sohoa::scanner

Q_DECLARE_METATYPE(sohoa::scanner::ScanSettings)
