#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

namespace sohoa {

// The namespace's meta-object: enums that cross signals (inside Error, say) are known to Qt by name
// (QMetaEnum for a window's messages, readable names in logs and test failures).
Q_NAMESPACE

// Every failure a user can meet has a code here and one sentence that says what happened and what to
// do: written in English in Error.cpp (the source text), translated into Vietnamese in
// resources/translations/sohoa_vi.ts. Codes are stable: their names appear in the CLI's JSON output and
// exit statuses.
enum class ErrorCode
{
    None = 0,

    // General
    InvalidArgument,
    Cancelled,
    Internal,

    // Scanner
    ScannerInitFailed,
    ScannerNotFound,
    ScannerBusy,
    ScannerJammed,
    ScannerCoverOpen,
    FeederEmpty,
    ScannerIoError,
    ScannerAccessDenied,
    ScannerNoMemory,
    ScannerUnsupported,
    ScannerInvalidValue,
    ScannerProtocol,
    ScannerUnknownStatus,
    OptionNotFound,
    OptionInactive,
    OptionReadOnly,
    OptionInvalidValue,

    // Store
    StoreOpenFailed,
    StoreCorrupt,
    StoreLocked,
    DiskFull,
    FileWriteFailed,
    FileReadFailed,
    InvalidDossierCode,
    DossierNotFound,
    ComponentNotFound,
    PageFileMissing,
    PageFileDamaged,
    ImageEncodeFailed,
    ImageDecodeFailed,

    // PDF
    NoPages,
    OutputExists,
    PdfWriteFailed,

    // Signing
    PdfDamaged,
    PdfEncrypted,
    PdfUnsupported,
    PdfCertifiedNoChanges,
    KeyFileUnreadable,
    WrongPassword,
    Pkcs11ModuleNotFound,
    TokenNotFound,
    KeyNotFound,
    WrongPin,
    PinLocked,
    TokenRemoved,
    TokenError,
    CertificateNotYetValid,
    CertificateExpired,
    CertificateKeyUsage,
    SigningFailed,
    SignatureTooLarge,
    TimestampFailed,
    VerificationFailed,
    AppearanceFailed,

    // QR codes and separation
    QrPayloadTooLarge,
    CoverSheetInvalid,
    CoverSheetFailed,
    QrStampFailed,

    // Store (schema versions, page editing)
    StoreTooNew,
    PageNotFound,

    // QR codes: a symbol too fine to be read where it is printed
    QrTooDense,

    // Files named by the user
    FileNotFound,
    FolderNotFound,

    // Store (opening modes, index rebuild)
    StoreNotFound,
    StoreIndexMissing,
    StoreReadOnly,
    StoreNeedsUpgrade,
    StoreRebuildNotNeeded,

    // PDF preview (issue 11): a page rendered by the sohoa-render helper under a time and memory limit
    PreviewTimedOut,
    PreviewTooLarge,
    PreviewDamaged,
    PreviewNeedsPassword,
    PreviewPageOutOfRange,
    PreviewHelperMissing,

    // Signing (issue 12): a certification must be the document's first signature
    PdfAlreadySigned,
    // Revocation of a signer's certificate (issue 12)
    CertificateRevoked,
    RevocationUnknown,
    // Upload (issue 14): delivery to a records or TTHC system
    TargetNotFound,
    UploadUnreachable, // transient: no connection, a timeout, a connection cut mid-transfer
    UploadServerBusy,  // transient: 5xx, 429
    UploadUnauthorized,
    UploadRejected,
    UploadTlsFailed,
    RemoteFileDiffers,
    UploadFileChanged,
    // OCR (issue 15): Tesseract and its language data
    OcrLanguageMissing,
    OcrFailed,
};
Q_ENUM_NS(ErrorCode)

class Error
{
public:
    Error() = default;
    explicit Error(ErrorCode code, QString detail = {}) : m_code(code), m_detail(std::move(detail)) {}

    // An error whose specifics (below) are one sentence about this very case ("--max-pages must be a
    // whole number from 1, not 0", "The folder /x does not exist."): sourceText is English, marked for
    // lupdate where it is written (QT_TRANSLATE_NOOP(context, ...)); %1, %2... are filled from args in
    // one pass (paths and values, the same in both languages). Its English is also the detail.
    static Error withHint(ErrorCode code, const char *context, const char *sourceText, const QStringList &args = {});

    ErrorCode code() const { return m_code; }
    bool isError() const { return m_code != ErrorCode::None; }

    // Technical detail for logs and support (file path, backend message); not translated.
    const QString &detail() const { return m_detail; }

    // This occurrence in words, in both languages: what the code's sentence can only say in general (the
    // sizes, the pages, the smallest value that would work). Built from a translatable source text
    // (QT_TRANSLATE_NOOP + translated()), each language with its own number format; the messages below
    // say it after the code's sentence.
    Error withSpecifics(QString vi, QString en) const;
    const QString &specificsVi() const { return m_specificsVi; }
    const QString &specificsEn() const { return m_specificsEn; }

    // Stable identifier, e.g. "scanner-jammed"; used in JSON output.
    QString id() const;
    // The sentence in one language, whatever the locale (translated(), see core/common/Translations.h),
    // followed by the specifics when there are any.
    QString messageEn() const;
    QString messageVi() const;
    // In uiLanguage(): Vietnamese when the UI locale is Vietnamese, English otherwise.
    QString message() const;
    // Both languages, Vietnamese first, with the detail (unless it only repeats the specifics), for
    // terminals and logs.
    QString fullText() const;

    static QString idOf(ErrorCode code);
    // The error a stable id names (kept in the store, as the upload queue keeps a job's last error), with
    // its detail; an id this version does not know is Internal, the id kept in the detail.
    static Error fromId(const QString &id, const QString &detail = {});
    static QString messageEnOf(ErrorCode code);
    static QString messageViOf(ErrorCode code);
    static bool isUiLocaleVietnamese(); // uiLanguage() == Language::Vietnamese

private:
    ErrorCode m_code = ErrorCode::None;
    QString m_detail;
    QString m_specificsVi;
    QString m_specificsEn;
};

} // namespace sohoa

Q_DECLARE_METATYPE(sohoa::Error)
