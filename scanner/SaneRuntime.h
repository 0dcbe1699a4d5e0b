#pragma once

#include "Result.h"

#include <QList>
#include <QString>

namespace sohoa::scanner {

struct DeviceInfo
{
    QString name; // SANE device name, e.g. "test:0", "fujitsu:fi-7160:1234"
    QString vendor;
    QString model;
    QString type;
};

// The process-wide SANE library. sane_init runs exactly once per process, on first use, from any
// thread. SANE is never shut down (see SaneRuntime.cpp for why).
class SaneRuntime
{
public:
    // Initialises SANE if needed; ScannerInitFailed if that failed (the failure is remembered).
    static Result<void> ensureInitialized();
    static Result<QList<DeviceInfo>> listDevices();

    SaneRuntime() = delete;
};

} // namespace sohoa::scanner
