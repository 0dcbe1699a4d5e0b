#include "app/cli/ExitStatus.h"

namespace sohoa::cli {

int exitStatus(const Error &error)
{
    return error.exitStatus(); // TODO(i18n merge): the table moves here from core
}

} // namespace sohoa::cli
