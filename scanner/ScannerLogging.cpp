#include "scanner/ScannerLogging.h"

Q_LOGGING_CATEGORY(lcScanner, "sohoa.scanner")
