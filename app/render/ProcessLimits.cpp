#include "app/render/ProcessLimits.h"

#include "app/render/RenderProtocol.h"

#include <new>

#include <csignal>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace sohoa::render {

namespace {

[[noreturn]] void outOfMemory()
{
    // No allocation here: the heap is what just failed. write() and _exit() are safe anywhere.
    static const char line[] = "{\"error\":\"out-of-memory\",\"detail\":\"an allocation failed under the memory "
                               "limit (RLIMIT_AS)\"}\n";
    [[maybe_unused]] const auto written = ::write(STDERR_FILENO, line, sizeof line - 1);
    ::_exit(ExitOutOfMemory);
}

bool setLimit(int resource, rlim_t soft, rlim_t hard)
{
    const rlimit limit{soft, hard};
    return ::setrlimit(resource, &limit) == 0;
}

} // namespace

bool applyProcessLimits(long long memoryLimitMb, int cpuSeconds, const char **failure)
{
    std::set_new_handler(outOfMemory);
    // Best effort (a caller that died before this line is not noticed): the RLIMIT_CPU below ends
    // the helper anyway.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);

    if (!setLimit(RLIMIT_CORE, 0, 0)) {
        *failure = "setrlimit(RLIMIT_CORE) failed";
        return false;
    }
    // The hard limit a little above the soft one: SIGXCPU (which we can tell from a crash) comes
    // first, SIGKILL only if something catches it.
    if (!setLimit(RLIMIT_CPU, rlim_t(cpuSeconds), rlim_t(cpuSeconds) + 2)) {
        *failure = "setrlimit(RLIMIT_CPU) failed";
        return false;
    }
#ifndef SOHOA_SANITIZE_BUILD
    // AddressSanitizer reserves terabytes of address space for its shadow memory and cannot start
    // under any RLIMIT_AS; a sanitizer build relies on the CPU limit and the caller's timeout.
    const rlim_t bytes = rlim_t(memoryLimitMb) * 1024 * 1024;
    if (!setLimit(RLIMIT_AS, bytes, bytes)) {
        *failure = "setrlimit(RLIMIT_AS) failed";
        return false;
    }
#else
    (void)memoryLimitMb;
#endif
    return true;
}

} // namespace sohoa::render
