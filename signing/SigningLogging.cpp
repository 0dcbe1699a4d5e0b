#include "signing/SigningLogging.h"

Q_LOGGING_CATEGORY(lcSigning, "sohoa.signing")
