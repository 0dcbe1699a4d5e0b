#include "Logging.h"

Q_LOGGING_CATEGORY(lcCore, "sohoa.core")
