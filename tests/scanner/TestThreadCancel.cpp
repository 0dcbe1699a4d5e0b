#include "scanner/SaneRuntime.h"
#include "ScannerTestSupport.h"

#include <dlfcn.h>
#include <pthread.h>
#include <thread>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// SANE backends built on sanei_thread ask for asynchronous cancellation of their reader threads;
// the process-wide pthread_setcanceltype in SaneRuntime.cpp turns that into deferred cancellation
// (an asynchronously cancelled thread can leave libc's locks taken: hung exits and scans).
class TestThreadCancel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dlopenedModuleGetsDeferredCancellation()
    {
        QVERIFY(SaneRuntime::ensureInitialized().ok());
        // A module loaded at run time, as the dll backend loads libsane-test.so: its reference to
        // pthread_setcanceltype must bind to ours, exported from this executable.
        void *module = dlopen(SOHOA_CANCEL_PROBE_PATH, RTLD_NOW | RTLD_LOCAL);
        QVERIFY2(module, dlerror());
        using Probe = int (*)();
        const auto probe = reinterpret_cast<Probe>(dlsym(module, "sohoa_probe_cancel_type"));
        QVERIFY(probe);
        int inForce = -1;
        std::thread([&] { inForce = probe(); }).join();
        QCOMPARE(inForce, int(PTHREAD_CANCEL_DEFERRED));
        dlclose(module);
    }

    void libcItselfStillHonoursAsynchronous()
    {
        // The check above could pass by accident if this libc ignored the request: ask libc directly.
        using Fn = int (*)(int, int *);
        const auto libc = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, "pthread_setcanceltype"));
        const auto global = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, "pthread_setcanceltype"));
        QVERIFY(libc);
        QVERIFY(global);
        QVERIFY(libc != global);
        int inForce = -1;
        std::thread([&] {
            int old = 0;
            libc(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
            libc(PTHREAD_CANCEL_DEFERRED, &inForce);
        }).join();
        QCOMPARE(inForce, int(PTHREAD_CANCEL_ASYNCHRONOUS));
    }
};

SOHOA_REGISTER_TEST(TestThreadCancel);
#include "TestThreadCancel.moc"
