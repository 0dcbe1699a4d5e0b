#pragma once

#include "core/common/Result.h"
#include "core/common/WorkerThread.h"
#include "scanner/ScanOption.h"
#include "scanner/ScannerDevice.h"

#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QVariant>

#include <memory>

namespace sohoa::scanner {

// A copy of one option's description and value, safe to read on any thread (an options panel
// shows these; the live ScanOption objects belong to the device thread).
struct ScanOptionInfo
{
    QString name, title, description, group;
    OptionType type = OptionType::Int;
    OptionUnit unit = OptionUnit::None;
    bool active = false;
    bool settable = false;
    bool advanced = false;
    OptionConstraint constraint = OptionConstraint::None;
    double rangeMin = 0, rangeMax = 0, rangeQuant = 0;
    QVariantList allowedValues;
    QVariant value;
    QString valueText;
};

// A scanner kept open across batches, so that the options a user sets are the ones the next scan
// uses (ksanecore's device-per-session idea). Every SANE call of the device runs on the session's
// own long-lived thread, made before the device is opened (see core/common/WorkerThread.h); nothing
// else ever touches the handle.
//
// Two ways in: the request*() calls return at once and report through signals (for a window), the
// blocking calls wait for the device thread (for jobs' workers; never call them on a UI thread: a
// network scanner may take seconds to answer, and a running batch holds the thread for its length).
// After every change optionsChanged() is emitted with a fresh snapshot; optionsReloaded() as well
// when the backend re-described other options (SANE_INFO_RELOAD_OPTIONS: e.g. a mode switch makes
// `depth` inactive). Jobs that use the session hold it by shared_ptr, so it outlives them.
class DeviceSession : public QObject
{
    Q_OBJECT
public:
    explicit DeviceSession(QString deviceName, QObject *parent = nullptr);
    ~DeviceSession() override; // closes the device on its thread

    const QString &deviceName() const { return m_deviceName; }
    bool isOpen() const;
    QList<ScanOptionInfo> options() const;            // the last snapshot; empty before open
    ScanOptionInfo option(const QString &name) const; // name empty when unknown

    // Asynchronous.
    void requestOpen();
    void requestSetOption(const QString &name, const QString &value);
    void requestApply(const ScanSettings &settings);

    // Blocking (from a worker thread). Opening is idempotent.
    Result<void> open();
    Result<void> setOption(const QString &name, const QString &value);
    Result<void> apply(const ScanSettings &settings);

    // Runs work(device) on the device thread once the device is open (opening it if needed) and
    // returns at once; the future holds what work returned. The scan pipeline's acquisition stage
    // runs this way. The snapshot is refreshed afterwards.
    template <typename F> auto submit(F &&work) -> std::future<Result<std::invoke_result_t<F, ScannerDevice &>>>
    {
        using R = Result<std::invoke_result_t<F, ScannerDevice &>>;
        return m_thread->submit([this, work = std::forward<F>(work)]() mutable -> R {
            if (auto opened = openHere(); !opened)
                return opened.error();
            auto result = work(*m_device);
            refreshSnapshot();
            return result;
        });
    }

Q_SIGNALS:
    void opened(const sohoa::Error &error);
    void optionsChanged();
    void optionsReloaded();
    void optionFailed(const QString &name, const sohoa::Error &error);

private:
    Result<void> openHere(); // on the device thread
    void refreshSnapshot();  // on the device thread
    Result<void> setOptionHere(const QString &name, const QString &value);
    Result<void> applyHere(const ScanSettings &settings);

    QString m_deviceName;
    std::unique_ptr<ScannerDevice> m_device; // device thread only (a batch is cancelled through the job)
    quint64 m_generation = 0;                // device thread only
    mutable QMutex m_mutex;                  // guards the snapshot and m_open
    QList<ScanOptionInfo> m_snapshot;
    bool m_open = false;
    std::unique_ptr<WorkerThread> m_thread; // last: the thread ends before the members above go
};

} // namespace sohoa::scanner

Q_DECLARE_METATYPE(sohoa::scanner::ScanOptionInfo)
