#include "core/common/Error.h"

#include "core/common/Translations.h"

#include <QtGlobal>

namespace sohoa {

namespace {

// The translation context of every sentence below (lupdate reads it from QT_TRANSLATE_NOOP).
constexpr char kContext[] = "sohoa::Error";

struct ErrorText
{
    ErrorCode code;
    const char *id; // stable, in JSON output: never translated
    const char *en; // the source text; its Vietnamese is in resources/translations/sohoa_vi.ts
};

// Each sentence says what happened and what to do, in the formal register of administrative
// Vietnamese once translated (see the existing translations before adding one).
// (sohoa-cli's exit status of each code is the CLI's business: app/cli/ExitStatus.cpp.)
constexpr ErrorText kTexts[] = {
    {ErrorCode::None, "ok", QT_TRANSLATE_NOOP("sohoa::Error", "No error.")},
    {ErrorCode::InvalidArgument, "invalid-argument",
     QT_TRANSLATE_NOOP("sohoa::Error", "A value given to the program is not valid. Check the command and try again.")},
    {ErrorCode::Cancelled, "cancelled",
     QT_TRANSLATE_NOOP("sohoa::Error", "The operation was cancelled. Pages already saved are kept.")},
    {ErrorCode::Internal, "internal",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "An unexpected internal error occurred. Pages already saved are kept; please report this problem.")},

    {ErrorCode::ScannerInitFailed, "scanner-init-failed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The scanner system (SANE) could not be started. Check that the scanner drivers "
                                       "are installed, then restart the program.")},
    {ErrorCode::ScannerNotFound, "scanner-not-found",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The scanner was not found. Check that it is switched on and connected, then list the devices again.")},
    {ErrorCode::ScannerBusy, "scanner-busy",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The scanner is busy or used by another program. Close the other program or wait, then try again.")},
    {ErrorCode::ScannerJammed, "scanner-jammed",
     QT_TRANSLATE_NOOP("sohoa::Error", "Paper is jammed in the scanner. Remove the jammed sheet, put the remaining "
                                       "pages back in the feeder and continue the batch.")},
    {ErrorCode::ScannerCoverOpen, "scanner-cover-open",
     QT_TRANSLATE_NOOP("sohoa::Error", "The scanner cover is open. Close the cover, then continue the batch.")},
    {ErrorCode::FeederEmpty, "feeder-empty",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The document feeder is empty. Put the pages in the feeder, then start the scan again.")},
    {ErrorCode::ScannerIoError, "scanner-io-error",
     QT_TRANSLATE_NOOP("sohoa::Error", "Communication with the scanner failed. Check the cable and power, switch the "
                                       "scanner off and on, then continue the batch.")},
    {ErrorCode::ScannerAccessDenied, "scanner-access-denied",
     QT_TRANSLATE_NOOP("sohoa::Error", "Access to the scanner was denied. Ask the administrator for permission to use "
                                       "the scanner (for example the \"scanner\" group).")},
    {ErrorCode::ScannerNoMemory, "scanner-no-memory",
     QT_TRANSLATE_NOOP("sohoa::Error", "The scanner or the computer ran out of memory. Lower the resolution or close "
                                       "other programs, then continue the batch.")},
    {ErrorCode::ScannerUnsupported, "scanner-unsupported",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The scanner does not support this operation or setting. Choose another setting and try again.")},
    {ErrorCode::ScannerInvalidValue, "scanner-invalid-value",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The scanner rejected a setting. Check the scan settings (mode, resolution, page size) and try again.")},
    {ErrorCode::ScannerProtocol, "scanner-protocol",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The scanner sent data the program cannot use. Switch the scanner off and on, then continue the batch.")},
    {ErrorCode::ScannerUnknownStatus, "scanner-unknown-status",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The scanner reported an unknown problem. Check the scanner's display or lights, then continue the batch.")},
    {ErrorCode::OptionNotFound, "option-not-found",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The scanner has no such option. List the device's options and check the name.")},
    {ErrorCode::OptionInactive, "option-inactive",
     QT_TRANSLATE_NOOP("sohoa::Error", "This scanner option is not available with the current settings. Change the "
                                       "related setting first (for example the mode or source).")},
    {ErrorCode::OptionReadOnly, "option-read-only",
     QT_TRANSLATE_NOOP("sohoa::Error", "This scanner option can only be read, not changed.")},
    {ErrorCode::OptionInvalidValue, "option-invalid-value",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The value is not allowed for this scanner option. Use one of the values the device offers.")},

    {ErrorCode::StoreOpenFailed, "store-open-failed",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The dossier store could not be opened. Check that the folder exists and that you may write to it.")},
    {ErrorCode::StoreCorrupt, "store-corrupt",
     QT_TRANSLATE_NOOP("sohoa::Error", "The dossier database is damaged. Do not delete anything: make a copy of the "
                                       "store folder, then rebuild the index from the page files (sohoa-cli store "
                                       "rebuild) or contact support.")},
    {ErrorCode::StoreLocked, "store-locked",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The dossier store is being used by another program. Wait a moment and try again.")},
    {ErrorCode::DiskFull, "disk-full",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The disk is full. Pages already saved are kept; free some space, then continue the batch.")},
    {ErrorCode::FileWriteFailed, "file-write-failed",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "A file could not be written. Check free space and write permission of the folder, then try again.")},
    {ErrorCode::FileReadFailed, "file-read-failed",
     QT_TRANSLATE_NOOP("sohoa::Error", "A file could not be read. Check that it exists and that you may read it.")},
    {ErrorCode::InvalidDossierCode, "invalid-dossier-code",
     QT_TRANSLATE_NOOP("sohoa::Error", "The dossier code is not valid. Use the form H15.50.05.13-261008-0975 or "
                                       "MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX (YYMMDD the date, AAXXXX six or more "
                                       "digits), or allow a free-form code explicitly.")},
    {ErrorCode::DossierNotFound, "dossier-not-found",
     QT_TRANSLATE_NOOP("sohoa::Error", "No dossier has this code in the store. Check the code or list the dossiers.")},
    {ErrorCode::ComponentNotFound, "component-not-found",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The dossier has no component with this name. Check the name or show the dossier.")},
    {ErrorCode::PageFileMissing, "page-file-missing",
     QT_TRANSLATE_NOOP("sohoa::Error", "A saved page image is missing from the store. Restore the file from a "
                                       "backup, or delete the page or scan it again in its place; then continue.")},
    {ErrorCode::PageFileDamaged, "page-file-damaged",
     QT_TRANSLATE_NOOP("sohoa::Error", "A saved page image has been changed or damaged (its checksum differs). Restore "
                                       "the file from a backup, or delete the page or scan it again in its place.")},
    {ErrorCode::ImageEncodeFailed, "image-encode-failed",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The page image could not be encoded. Try another image format, then scan the page again.")},
    {ErrorCode::ImageDecodeFailed, "image-decode-failed",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "A page image could not be read. The file may be damaged; restore it or scan the page again.")},

    {ErrorCode::NoPages, "no-pages",
     QT_TRANSLATE_NOOP("sohoa::Error", "There are no pages to put in the PDF. Scan pages into the dossier first.")},
    {ErrorCode::OutputExists, "output-exists",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The output file already exists and was not overwritten. Choose another name or allow overwriting.")},
    {ErrorCode::PdfWriteFailed, "pdf-write-failed",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The PDF could not be written. Check free space and write permission of the output folder, then try again.")},

    {ErrorCode::PdfDamaged, "pdf-damaged",
     QT_TRANSLATE_NOOP("sohoa::Error", "The PDF file is damaged and cannot be read safely. Ask the sender for a new "
                                       "copy or repair it, then try again. The file was not changed.")},
    {ErrorCode::PdfEncrypted, "pdf-encrypted",
     QT_TRANSLATE_NOOP("sohoa::Error", "The PDF is encrypted and cannot be signed or stamped without its password. "
                                       "Give its password (the owner password if its permissions do not allow the "
                                       "change) or remove the protection, then try again. The file was not changed.")},
    {ErrorCode::PdfUnsupported, "pdf-unsupported",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "This PDF uses a structure the signer does not support. Save it again as a standard PDF, then sign it.")},
    {ErrorCode::PdfCertifiedNoChanges, "pdf-certified-no-changes",
     QT_TRANSLATE_NOOP("sohoa::Error", "The PDF is certified by its author with no changes allowed (DocMDP level 1): "
                                       "another signature would break that certification, so it was not signed. Ask "
                                       "the author for a version that allows signing. The file was not changed.")},
    {ErrorCode::KeyFileUnreadable, "key-file-unreadable",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The key file (.p12/.pfx) cannot be read. Check the path and that the file is a PKCS#12 file.")},
    {ErrorCode::WrongPassword, "wrong-password",
     QT_TRANSLATE_NOOP("sohoa::Error", "The password of the key file is wrong. Enter it again.")},
    {ErrorCode::Pkcs11ModuleNotFound, "pkcs11-module-not-found",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The token driver (PKCS#11 module) was not found. Install the driver of your USB token or give its path.")},
    {ErrorCode::TokenNotFound, "token-not-found",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "No matching USB token is plugged in. Plug in the token (check its label or serial), then try again.")},
    {ErrorCode::KeyNotFound, "key-not-found",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The signing key or its certificate was not found on the token or in the file. Check the key label or id.")},
    {ErrorCode::WrongPin, "wrong-pin",
     QT_TRANSLATE_NOOP("sohoa::Error", "The PIN is wrong. It was not tried again automatically; check the remaining "
                                       "tries before entering it again.")},
    {ErrorCode::PinLocked, "pin-locked",
     QT_TRANSLATE_NOOP("sohoa::Error", "The token's PIN is locked after too many wrong tries. Ask the certificate "
                                       "provider to unlock it with the PUK/SO PIN.")},
    {ErrorCode::TokenRemoved, "token-removed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The USB token was removed. Files already signed are complete; plug the token "
                                       "in again and sign the remaining files.")},
    {ErrorCode::TokenError, "token-error",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The USB token reported an error. Unplug and plug it in again, then try again.")},
    {ErrorCode::CertificateNotYetValid, "certificate-not-yet-valid",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The signing certificate is not valid yet. Check the computer's date and time.")},
    {ErrorCode::CertificateExpired, "certificate-expired",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The signing certificate has expired. Renew it with the certificate provider before signing.")},
    {ErrorCode::CertificateKeyUsage, "certificate-key-usage",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The certificate is not allowed to make digital signatures (key usage). Use a signing certificate.")},
    {ErrorCode::SigningFailed, "signing-failed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The signature could not be made. The input was not changed; try again, and "
                                       "report the problem if it persists.")},
    {ErrorCode::SignatureTooLarge, "signature-too-large",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The signature is larger than the space reserved for it. Try again; if it persists, report the problem.")},
    {ErrorCode::TimestampFailed, "timestamp-failed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The timestamp service did not answer correctly. Check the network and the TSA "
                                       "address, or sign without a timestamp.")},
    {ErrorCode::VerificationFailed, "verification-failed",
     QT_TRANSLATE_NOOP(
         "sohoa::Error",
         "The signed file did not pass verification and was not kept. The input was not changed; try again.")},
    {ErrorCode::AppearanceFailed, "appearance-failed",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The visible signature block could not be drawn. Check the images and texts given for it.")},

    {ErrorCode::QrPayloadTooLarge, "qr-payload-too-large",
     QT_TRANSLATE_NOOP("sohoa::Error", "The text for the QR code is too long for a QR symbol at this error-correction "
                                       "level. Shorten the text or choose a lower level (L or M).")},
    {ErrorCode::CoverSheetInvalid, "cover-sheet-invalid",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "A page carries a SoHoa cover-sheet code that cannot be used (unknown version or invalid "
                       "dossier code). The page was kept as an ordinary page of the current dossier; print a new cover "
                       "sheet with sohoa-cli coversheet and rescan that dossier.")},
    {ErrorCode::CoverSheetFailed, "cover-sheet-failed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The cover sheet PDF could not be drawn. Check that the Liberation Serif 2 font "
                                       "(fonts-liberation2) is installed and the output folder is writable.")},
    {ErrorCode::QrStampFailed, "qr-stamp-failed",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The QR code or its caption could not be drawn. Check the caption text (Vietnamese needs the "
                       "fonts-liberation2 package), then try again. The input was not changed.")},

    {ErrorCode::StoreTooNew, "store-too-new",
     QT_TRANSLATE_NOOP("sohoa::Error", "The dossier store was written by a newer version of SoHoa and this version "
                                       "cannot read it safely. Update SoHoa to open it; nothing in the store was "
                                       "changed.")},
    {ErrorCode::PageNotFound, "page-not-found",
     QT_TRANSLATE_NOOP("sohoa::Error", "The page was not found in the dossier: it may have been moved or deleted "
                                       "meanwhile. Show the dossier again and choose the page from the list.")},

    {ErrorCode::QrTooDense, "qr-too-dense",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The QR code would be too dense to be read from paper: its squares would be too small. Shorten "
                       "the text, make the code larger or choose a lower error-correction level (L or M), and leave "
                       "out pages too small for a readable code. Nothing was written.")},
    {ErrorCode::FileNotFound, "file-not-found",
     QT_TRANSLATE_NOOP("sohoa::Error", "The file does not exist, or it is a folder. Check its name and folder and "
                                       "try again.")},
    {ErrorCode::FolderNotFound, "folder-not-found",
     QT_TRANSLATE_NOOP("sohoa::Error", "The folder does not exist. Create it first or choose an existing folder; "
                                       "nothing was written.")},

    {ErrorCode::StoreNotFound, "store-not-found",
     QT_TRANSLATE_NOOP("sohoa::Error", "There is no dossier store in this folder. Check the store path (--store or "
                                       "SOHOA_STORE); only scanning creates a new store.")},
    {ErrorCode::StoreIndexMissing, "store-index-missing",
     QT_TRANSLATE_NOOP("sohoa::Error", "The store folder holds dossiers and page files, but its index (sohoa.sqlite) "
                                       "is missing or empty, so nothing was opened and nothing was changed. Rebuild "
                                       "the index from the files with sohoa-cli store rebuild before scanning into "
                                       "this store again.")},
    {ErrorCode::StoreReadOnly, "store-read-only",
     QT_TRANSLATE_NOOP("sohoa::Error", "The dossier store is open read-only (a mounted archive or a folder you may "
                                       "not write to): it can be listed, shown, verified and exported from, but "
                                       "nothing in it can be changed. Open it with write access to change it.")},
    {ErrorCode::StoreNeedsUpgrade, "store-needs-upgrade",
     QT_TRANSLATE_NOOP("sohoa::Error", "The dossier store was written by an older version of SoHoa and must be "
                                       "upgraded before it can be read, which a read-only store does not allow. "
                                       "Copy the store to a folder you may write to and open it there once (any "
                                       "command upgrades it); nothing in this store was changed.")},
    {ErrorCode::StoreRebuildNotNeeded, "store-rebuild-not-needed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The store's index opens without error, so there is nothing to rebuild and "
                                       "nothing was changed. To rebuild it anyway from the files (the current index "
                                       "is kept aside), add --force.")},

    {ErrorCode::PreviewTimedOut, "preview-timed-out",
     QT_TRANSLATE_NOOP("sohoa::Error", "Showing the page took too long and was stopped: the PDF may be damaged or "
                                       "made to overload programs that open it. The file was not changed; open it "
                                       "with another program or ask the sender for a new copy.")},
    {ErrorCode::PreviewTooLarge, "preview-too-large",
     QT_TRANSLATE_NOOP("sohoa::Error", "The page is too large to show within the memory allowed for previews. Show "
                                       "it smaller (a lower zoom or resolution); the file was not changed.")},
    {ErrorCode::PreviewDamaged, "preview-damaged",
     QT_TRANSLATE_NOOP("sohoa::Error", "The PDF file is damaged or is not a PDF, so its page cannot be shown. Ask the "
                                       "sender for a new copy; the file was not changed.")},
    {ErrorCode::PreviewNeedsPassword, "preview-needs-password",
     QT_TRANSLATE_NOOP("sohoa::Error", "The PDF is protected by a password and its pages cannot be shown without it. "
                                       "Enter the password (the user or the owner password), then try again.")},
    {ErrorCode::PreviewPageOutOfRange, "preview-page-out-of-range",
     QT_TRANSLATE_NOOP("sohoa::Error",
                       "The PDF has no page with this number. Choose a page from 1 to the number of pages.")},
    {ErrorCode::PreviewHelperMissing, "preview-helper-missing",
     QT_TRANSLATE_NOOP("sohoa::Error", "The page preview program (sohoa-render) was not found or could not be "
                                       "started, so pages cannot be shown. Reinstall SoHoa; other work is not "
                                       "affected.")},

    {ErrorCode::PdfAlreadySigned, "pdf-already-signed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The PDF already holds a signature, and a certification must be a document's "
                                       "first signature, so it was not certified. Certify the unsigned original, or "
                                       "add an ordinary signature without certification. The file was not changed.")},
    {ErrorCode::CertificateRevoked, "certificate-revoked",
     QT_TRANSLATE_NOOP("sohoa::Error", "The certificate was revoked by its issuer: signatures it made after the "
                                       "revocation time are not valid. Ask the signer for a document signed with a "
                                       "valid certificate.")},
    {ErrorCode::RevocationUnknown, "revocation-unknown",
     QT_TRANSLATE_NOOP("sohoa::Error", "Whether the certificate was revoked could not be checked: its issuer's "
                                       "revocation service did not answer or gave an answer that cannot be trusted. "
                                       "Check the network connection and try again later.")},
    {ErrorCode::TargetNotFound, "target-not-found",
     QT_TRANSLATE_NOOP("sohoa::Error", "There is no upload target of that name. List the targets (sohoa-cli target "
                                       "list) or add one.")},
    {ErrorCode::UploadUnreachable, "upload-unreachable",
     QT_TRANSLATE_NOOP("sohoa::Error", "The server could not be reached, or the connection broke during the "
                                       "transfer. The file stays in the queue and is sent again when the network is "
                                       "back.")},
    {ErrorCode::UploadServerBusy, "upload-server-busy",
     QT_TRANSLATE_NOOP("sohoa::Error", "The server is busy or has a temporary fault. The file stays in the queue and "
                                       "is sent again later.")},
    {ErrorCode::UploadUnauthorized, "upload-unauthorized",
     QT_TRANSLATE_NOOP("sohoa::Error", "The server refused the user name, password or token. Correct the target's "
                                       "credentials, then retry the upload.")},
    {ErrorCode::UploadRejected, "upload-rejected",
     QT_TRANSLATE_NOOP("sohoa::Error", "The server refused the file. Check the target's address and name template "
                                       "with the server's administrator, then retry the upload.")},
    {ErrorCode::UploadTlsFailed, "upload-tls-failed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The server's certificate could not be trusted, so nothing was sent. Give the "
                                       "target the certificate authority of the server (--ca), or check that the "
                                       "address is the right server.")},
    {ErrorCode::RemoteFileDiffers, "remote-file-differs",
     QT_TRANSLATE_NOOP("sohoa::Error", "A different file already has this name on the server; it is never "
                                       "overwritten. Ask the server's administrator, or change the target's name "
                                       "template.")},
    {ErrorCode::UploadFileChanged, "upload-file-changed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The file changed after it was put in the upload queue, so it was not sent. "
                                       "Put the new version in the queue again.")},
    {ErrorCode::OcrLanguageMissing, "ocr-language-missing",
     QT_TRANSLATE_NOOP("sohoa::Error", "The text recognition (OCR) data for a language is not installed, so the "
                                       "pages cannot be read. Install the language's package (for Vietnamese: "
                                       "tesseract-ocr-vie), or choose another language.")},
    {ErrorCode::OcrFailed, "ocr-failed",
     QT_TRANSLATE_NOOP("sohoa::Error", "The text recognition (OCR) could not read the page. The page image is kept; "
                                       "export it without a text layer, or check the OCR installation "
                                       "(tesseract-ocr) and try again.")},
};

const ErrorText &textOf(ErrorCode code)
{
    for (const auto &t : kTexts) {
        if (t.code == code)
            return t;
    }
    return kTexts[3]; // Internal
}

} // namespace

QString Error::idOf(ErrorCode code)
{
    return QString::fromLatin1(textOf(code).id);
}
Error Error::fromId(const QString &id, const QString &detail)
{
    for (const auto &t : kTexts)
        if (id == QLatin1StringView(t.id))
            return Error(t.code, detail);
    return Error(ErrorCode::Internal, detail.isEmpty() ? id : id + QStringLiteral(": ") + detail);
}
QString Error::messageEnOf(ErrorCode code)
{
    return translated(Language::English, kContext, textOf(code).en);
}
QString Error::messageViOf(ErrorCode code)
{
    return translated(Language::Vietnamese, kContext, textOf(code).en);
}

bool Error::isUiLocaleVietnamese()
{
    return uiLanguage() == Language::Vietnamese;
}

QString Error::id() const
{
    return idOf(m_code);
}

Error Error::withSpecifics(QString vi, QString en) const
{
    Error e = *this;
    e.m_specificsVi = std::move(vi);
    e.m_specificsEn = std::move(en);
    return e;
}

namespace {

QString followedBy(const QString &sentence, const QString &specifics)
{
    return specifics.isEmpty() ? sentence : sentence + u' ' + specifics;
}

} // namespace

QString Error::messageEn() const
{
    return followedBy(messageEnOf(m_code), m_specificsEn);
}
QString Error::messageVi() const
{
    return followedBy(messageViOf(m_code), m_specificsVi);
}
QString Error::message() const
{
    return uiLanguage() == Language::Vietnamese ? messageVi() : messageEn();
}
Error Error::withHint(ErrorCode code, const char *context, const char *sourceText, const QStringList &args)
{
    const auto say = [&](Language language) {
        // %1..%9 in one pass: a value that itself holds "%2" (a path) stays as it is.
        const QString text = translated(language, context, sourceText);
        QString out;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const int n = i + 1 < text.size() ? text.at(i + 1).digitValue() : -1;
            if (text.at(i) == u'%' && n >= 1 && n <= args.size()) {
                out += args.at(n - 1);
                ++i;
            } else {
                out += text.at(i);
            }
        }
        return out;
    };
    const QString en = say(Language::English);
    return Error(code, en).withSpecifics(say(Language::Vietnamese), en);
}

QString Error::fullText() const
{
    // Both languages whatever the UI language: terminals and logs are read by both kinds of reader.
    QString text = messageVi() + u'\n' + messageEn();
    if (!m_detail.isEmpty() && m_detail != m_specificsEn)
        text += QStringLiteral("\n(") + m_detail + u')';
    return text;
}

} // namespace sohoa
