#include "core/common/CoreLogging.h"

Q_LOGGING_CATEGORY(lcCore, "sohoa.core")
