#pragma once

// Private to the scanner library (and its tests): the one table that turns SANE statuses into
// SoHoa errors.

#include "core/common/Error.h"

namespace sohoa::scanner::detail {

// Maps a SANE_Status to an Error whose detail holds sane_strstatus() and the device name.
// SANE_STATUS_GOOD maps to no error. NO_DOCS maps to FeederEmpty; whether that is an error at all
// (it is the normal end of a feeder batch after the first page) is the batch loop's decision.
Error errorFromSaneStatus(int status, const QString &deviceName = {}, const QString &context = {});

} // namespace sohoa::scanner::detail
