#pragma once

#include "core/common/Error.h"

namespace sohoa::cli {

// The process exit status of sohoa-cli for an error (0 only for none): 2 usage, 3 scanner, 4 store,
// 5 PDF output, 6 input PDF, 7 keys and signing, 70 internal, 130 cancelled (as after SIGINT).
// Scripts rely on these numbers: they are part of the CLI's contract, not of the engine.
int exitStatus(const Error &error);

} // namespace sohoa::cli
