#include "app/cli/ExitStatus.h"

namespace sohoa::cli {

int exitStatus(const Error &error)
{
    // No default: a new ErrorCode does not compile (-Wswitch, -Werror) until it has its status here.
    switch (error.code()) {
    // success
    case ErrorCode::None:
        return 0;
    // usage: a value on the command line, an option of the scanner
    case ErrorCode::InvalidArgument:
    case ErrorCode::OptionNotFound:
    case ErrorCode::OptionInactive:
    case ErrorCode::OptionReadOnly:
    case ErrorCode::OptionInvalidValue:
    case ErrorCode::InvalidDossierCode:
    case ErrorCode::QrPayloadTooLarge:
    case ErrorCode::QrTooDense:
    case ErrorCode::FileNotFound:
    case ErrorCode::FolderNotFound:
    case ErrorCode::StoreRebuildNotNeeded: // nothing to do unless asked with --force
    case ErrorCode::TargetNotFound:
    case ErrorCode::PreviewPageOutOfRange:
        return 2;
    // the scanner
    case ErrorCode::ScannerInitFailed:
    case ErrorCode::ScannerNotFound:
    case ErrorCode::ScannerBusy:
    case ErrorCode::ScannerJammed:
    case ErrorCode::ScannerCoverOpen:
    case ErrorCode::FeederEmpty:
    case ErrorCode::ScannerIoError:
    case ErrorCode::ScannerAccessDenied:
    case ErrorCode::ScannerNoMemory:
    case ErrorCode::ScannerUnsupported:
    case ErrorCode::ScannerInvalidValue:
    case ErrorCode::ScannerProtocol:
    case ErrorCode::ScannerUnknownStatus:
        return 3;
    // the store and files
    case ErrorCode::StoreOpenFailed:
    case ErrorCode::StoreCorrupt:
    case ErrorCode::StoreLocked:
    case ErrorCode::DiskFull:
    case ErrorCode::FileWriteFailed:
    case ErrorCode::FileReadFailed:
    case ErrorCode::DossierNotFound:
    case ErrorCode::ComponentNotFound:
    case ErrorCode::PageFileMissing:
    case ErrorCode::PageFileDamaged:
    case ErrorCode::ImageEncodeFailed:
    case ErrorCode::ImageDecodeFailed:
    case ErrorCode::CoverSheetInvalid:
    case ErrorCode::StoreTooNew:
    case ErrorCode::PageNotFound:
    case ErrorCode::StoreNotFound:
    case ErrorCode::StoreIndexMissing:
    case ErrorCode::StoreReadOnly:
    case ErrorCode::StoreNeedsUpgrade:
        return 4;
    // the PDF we write
    case ErrorCode::NoPages:
    case ErrorCode::OutputExists:
    case ErrorCode::PdfWriteFailed:
    case ErrorCode::CoverSheetFailed:
    case ErrorCode::QrStampFailed:
        return 5;
    // the PDF we read
    case ErrorCode::PdfDamaged:
    case ErrorCode::PdfEncrypted:
    case ErrorCode::PdfUnsupported:
    case ErrorCode::PdfCertifiedNoChanges:
    case ErrorCode::PdfAlreadySigned:
    case ErrorCode::PreviewTimedOut:
    case ErrorCode::PreviewTooLarge:
    case ErrorCode::PreviewDamaged:
    case ErrorCode::PreviewNeedsPassword:
        return 6;
    // keys and signing
    case ErrorCode::KeyFileUnreadable:
    case ErrorCode::WrongPassword:
    case ErrorCode::Pkcs11ModuleNotFound:
    case ErrorCode::TokenNotFound:
    case ErrorCode::KeyNotFound:
    case ErrorCode::WrongPin:
    case ErrorCode::PinLocked:
    case ErrorCode::TokenRemoved:
    case ErrorCode::TokenError:
    case ErrorCode::CertificateNotYetValid:
    case ErrorCode::CertificateExpired:
    case ErrorCode::CertificateKeyUsage:
    case ErrorCode::SigningFailed:
    case ErrorCode::SignatureTooLarge:
    case ErrorCode::TimestampFailed:
    case ErrorCode::VerificationFailed:
    case ErrorCode::AppearanceFailed:
    case ErrorCode::CertificateRevoked:
    case ErrorCode::RevocationUnknown:
        return 7;
    // delivery to a server or folder
    case ErrorCode::UploadUnreachable:
    case ErrorCode::UploadServerBusy:
    case ErrorCode::UploadUnauthorized:
    case ErrorCode::UploadRejected:
    case ErrorCode::UploadTlsFailed:
    case ErrorCode::RemoteFileDiffers:
    case ErrorCode::UploadFileChanged:
        return 8;
    // a bug, or a broken installation
    case ErrorCode::Internal:
    case ErrorCode::PreviewHelperMissing:
    case ErrorCode::OcrLanguageMissing:
    case ErrorCode::OcrFailed:
        return 70;
    // cancelled, as after SIGINT
    case ErrorCode::Cancelled:
        return 130;
    }
    return 70;
}

} // namespace sohoa::cli
