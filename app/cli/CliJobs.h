#pragma once

// Running a job of the application library from the command line.

#include "app/workflows/Job.h"

#include <functional>

namespace sohoa::cli {

using SecretAnswer = std::function<Result<SecureBuffer>(const workflows::SecretRequest &)>;

// Starts the job and waits for its finished() in this thread's event loop (the only one: the CLI
// has no other), so its events reach the caller's connections in order, here. Ctrl+C and SIGTERM
// cancel it: pages and files already committed stay. A secret the job asks for is answered with
// `answer` (an error declines it, and the job ends with that error); without one it is declined.
Error runToEnd(workflows::Job &job, const SecretAnswer &answer = {});

} // namespace sohoa::cli
