#pragma once

#include <mutex>

namespace sohoa::scanner::detail {

// Serialises the SANE calls that touch process-wide backend state (sane_get_devices, sane_open,
// sane_close): the dll meta-backend and many backends keep global lists without locks.
std::mutex &saneGlobalMutex();

} // namespace sohoa::scanner::detail
