#include "scanner/SaneStatus_p.h"

#include <sane/sane.h>

namespace sohoa::scanner::detail {

Error errorFromSaneStatus(int status, const QString &deviceName, const QString &context)
{
    ErrorCode code = ErrorCode::ScannerUnknownStatus;
    switch (static_cast<SANE_Status>(status)) {
    case SANE_STATUS_GOOD:
        return {};
    case SANE_STATUS_DEVICE_BUSY:
        code = ErrorCode::ScannerBusy;
        break;
    case SANE_STATUS_JAMMED:
        code = ErrorCode::ScannerJammed;
        break;
    case SANE_STATUS_COVER_OPEN:
        code = ErrorCode::ScannerCoverOpen;
        break;
    case SANE_STATUS_NO_DOCS:
        code = ErrorCode::FeederEmpty;
        break;
    case SANE_STATUS_IO_ERROR:
        code = ErrorCode::ScannerIoError;
        break;
    case SANE_STATUS_ACCESS_DENIED:
        code = ErrorCode::ScannerAccessDenied;
        break;
    case SANE_STATUS_NO_MEM:
        code = ErrorCode::ScannerNoMemory;
        break;
    case SANE_STATUS_UNSUPPORTED:
        code = ErrorCode::ScannerUnsupported;
        break;
    case SANE_STATUS_INVAL:
        code = ErrorCode::ScannerInvalidValue;
        break;
    case SANE_STATUS_CANCELLED:
        code = ErrorCode::Cancelled;
        break;
    case SANE_STATUS_EOF:
        // EOF is only ever a normal status at the end of a frame; anywhere else the backend broke
        // the protocol.
        code = ErrorCode::ScannerProtocol;
        break;
    }
    QString detail = QString::fromLatin1(sane_strstatus(static_cast<SANE_Status>(status)));
    if (code == ErrorCode::ScannerUnknownStatus)
        detail = QStringLiteral("SANE status %1").arg(status);
    if (!context.isEmpty())
        detail = context + u": " + detail;
    if (!deviceName.isEmpty())
        detail += u" [" + deviceName + u']';
    return Error(code, detail);
}

} // namespace sohoa::scanner::detail
