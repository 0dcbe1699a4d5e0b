#include "scanner/SaneRuntime.h"

#include "scanner/SaneRuntime_p.h"
#include "scanner/SaneStatus_p.h"
#include "scanner/ScannerLogging.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <sane/sane.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <dlfcn.h>
#include <mutex>
#include <pthread.h>

// SANE backends built on sanei_thread (the `test` backend; real ones with a reader thread) make
// their reader threads cancellable ASYNCHRONOUSLY and cancel them at the end of every page, racing
// the thread's own exit. A thread cancelled at an arbitrary instruction inside libc leaves libc's
// locks taken for good; we saw exit() hang on the locale lock, pthread_create hang on the loader's
// TLS lock, and a scan hang after its last page. This definition interposes libc's for the whole
// process (it is exported from every executable that links sohoa_scanner, see CMakeLists.txt, so
// the backends' dlopen'ed references bind to it): asynchronous cancellation becomes deferred, so a
// reader thread is cancelled at its next cancellation point (the pipe write or read it blocks in),
// where libc's state is consistent. Nothing of ours uses asynchronous cancellation.
extern "C" int pthread_setcanceltype(int type, int *oldtype)
{
    using Fn = int (*)(int, int *);
    static const Fn real = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "pthread_setcanceltype"));
    if (!real)
        return ENOSYS;
    return real(type == PTHREAD_CANCEL_ASYNCHRONOUS ? PTHREAD_CANCEL_DEFERRED : type, oldtype);
}

namespace sohoa::scanner {

namespace {

std::once_flag g_initOnce;
SANE_Status g_initStatus = SANE_STATUS_GOOD;
std::atomic<bool> g_initialized{false};
SANE_Int g_version = 0;

} // namespace

std::mutex &detail::saneGlobalMutex()
{
    static std::mutex m;
    return m;
}

namespace {

// Network backends (magicolor, kodakaio) start net-snmp, which makes its persistent folder on first
// use and says so on stderr ("Created directory: /var/lib/snmp/cert_indexes"), in front of a
// script's output. Unless the user chose a folder, it gets one of ours that already has what it makes.
void quietSnmp()
{
    if (qEnvironmentVariableIsSet("SNMP_PERSISTENT_DIR"))
        return;
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (base.isEmpty())
        return;
    const QString dir = base + QStringLiteral("/sohoa/snmp");
    for (const char *sub : {"cert_indexes", "mib_indexes"}) {
        const QString path = dir + u'/' + QLatin1StringView(sub);
        if (!QDir().mkpath(path))
            return;
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    qputenv("SNMP_PERSISTENT_DIR", QFile::encodeName(dir));
}

} // namespace

Result<void> SaneRuntime::ensureInitialized()
{
    // sane_init is called once and sane_exit never: sane_exit unloads every backend through
    // dlclose(), and we measured it deadlocking there (scanimage hung forever in sane_dll_exit with
    // the `test` backend, whose reader threads and atexit state outlive the call). The OS frees
    // everything at process exit anyway, and a hung exit would lose nothing but would look like a
    // crash to the user. For the same reason SANE is never re-initialised to rescan the device
    // list: SANE_CONFIG_DIR and dll.conf are read once per process.
    std::call_once(g_initOnce, [] {
        g_initialized = true;
        // A backend's reader thread, cancelled at its next cancellation point (see
        // pthread_setcanceltype above), may first write into the pipe sane_cancel has just closed:
        // that write must fail with EPIPE, not kill the process (sanei_thread only ignores SIGPIPE
        // when nobody handles it; Qt Test's crash handler, for one, treats it as fatal).
        if (std::signal(SIGPIPE, SIG_IGN) == SIG_ERR)
            qCWarning(lcScanner) << "SIGPIPE could not be ignored; a cancelled scan may end the process";
        quietSnmp();
        g_initStatus = sane_init(&g_version, nullptr);
        if (g_initStatus == SANE_STATUS_GOOD)
            qCInfo(lcScanner) << "SANE initialised, version" << SANE_VERSION_MAJOR(g_version)
                              << SANE_VERSION_MINOR(g_version) << SANE_VERSION_BUILD(g_version);
        else
            qCWarning(lcScanner) << "sane_init failed:" << sane_strstatus(g_initStatus);
    });
    if (g_initStatus != SANE_STATUS_GOOD)
        return Error(ErrorCode::ScannerInitFailed, QString::fromLatin1(sane_strstatus(g_initStatus)));
    return {};
}

bool SaneRuntime::wasInitialized()
{
    return g_initialized.load();
}

Result<QList<DeviceInfo>> SaneRuntime::listDevices()
{
    if (auto init = ensureInitialized(); !init)
        return init.error();
    const std::lock_guard lock(detail::saneGlobalMutex());
    const SANE_Device **list = nullptr;
    const SANE_Status status = sane_get_devices(&list, SANE_FALSE);
    if (status != SANE_STATUS_GOOD)
        return detail::errorFromSaneStatus(status, {}, QStringLiteral("sane_get_devices"));
    QList<DeviceInfo> devices;
    for (int i = 0; list && list[i]; ++i) {
        const SANE_Device *d = list[i];
        devices.append({QString::fromUtf8(d->name), QString::fromUtf8(d->vendor), QString::fromUtf8(d->model),
                        QString::fromUtf8(d->type)});
    }
    qCDebug(lcScanner) << "found" << devices.size() << "SANE devices";
    return devices;
}

} // namespace sohoa::scanner
