#pragma once

#include "core/common/Result.h"

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

    // True once this process has initialised SANE (whatever the outcome). Backends then may have
    // cancelled reader threads asynchronously (sanei_thread uses PTHREAD_CANCEL_ASYNCHRONOUS), which
    // can leave a libc lock taken for good; a process that used SANE should end with std::_Exit
    // after flushing its output, not run every library's destructors (see app/cli/main.cpp).
    static bool wasInitialized();

    SaneRuntime() = delete;
};

} // namespace sohoa::scanner
