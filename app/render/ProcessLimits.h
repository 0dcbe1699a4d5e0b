#pragma once

namespace sohoa::render {

// What sohoa-render does to itself before it touches a PDF, so that a hostile file (Poppler has spun
// for minutes and taken gigabytes on 2.5 KB of input) ends the helper, never the window:
// - RLIMIT_AS (address space) of memoryLimitMb: an allocation past it fails instead of swapping the
//   machine; a failed operator new ends the process at once with ExitOutOfMemory and its error line;
// - RLIMIT_CPU of cpuSeconds: SIGXCPU ends it even if the caller's wall clock has stopped (a suspended
//   laptop, a caller that died without killing it);
// - no core files (a 1.5 GB core of a hostile render helps nobody and fills the disk);
// - SIGKILL when the thread that started it ends (the caller crashed).
// Returns false with a reason when a limit cannot be set.
bool applyProcessLimits(long long memoryLimitMb, int cpuSeconds, const char **failure);

} // namespace sohoa::render
