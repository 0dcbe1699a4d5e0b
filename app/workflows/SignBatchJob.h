#pragma once

#include "app/workflows/Job.h"
#include "app/workflows/SigningKeyOpener.h"
#include "core/pdf/PdfQrStamper.h"
#include "signing/PdfSignatureValidator.h"
#include "signing/PdfSigner.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace sohoa::signing {
class RevocationChecker;
class TrustStore;
} // namespace sohoa::signing

namespace sohoa::workflows {

struct SignBatchRequest
{
    QList<QPair<QString, QString>> files; // input -> output (see planSignOutputs)
    KeySource key;
    signing::SignOptions options;
    // Stamped on each input before it is signed, so the signature covers the code.
    std::optional<QrStampOptions> qr;
    // Long-term validation after each signature (addLongTermValidation: B-LT, B-LTA with options.tsaUrl);
    // a file whose validation data cannot be had is reported failed and its output removed.
    bool ltv = false;
    QStringList trustPaths; // trusted roots for LTV and for verifying outputs
    // Each signed output is verified as `sohoa-cli verify` would (trustPaths, the system's store,
    // revocation online unless verifyOffline) and its report handed back with the file: a clerk sees
    // the verdict of what was made, not only that something was written.
    bool verifyOutputs = false;
    bool systemTrust = false;
    bool verifyOffline = true;
};

// One input's outcome. A file that failed before the signer saw it (its QR stamp) has no sizes.
struct SignedFile
{
    signing::SignResult result;
    bool failedBeforeSigning = false;
    std::optional<signing::PdfVerifyReport> verification; // with verifyOutputs, for a signed output
    QString qrPayload; // the text of the QR code stamped before signing, if any
};

struct SignBatchSummary
{
    int signedCount = 0;
    int failedCount = 0;
    Error firstError;
};

// Stamps input into a fresh temporary next to output (".NAME.qr.tmp-XXXXXX"), to be signed into
// output and removed by the caller; *payload gets the code's text when given.
Result<QString> stampBeforeSigning(const QString &input, const QString &output, const QrStampOptions &options,
                                   QString *payload = nullptr);

// Outputs for a batch, checked before anything is opened or written: every input must be an existing
// file (FileNotFound). Several inputs, or `out` an existing folder or ending in '/', go into the folder
// `out` keeping each input's name: the folder must exist unless createFolder (FolderNotFound), two
// inputs may not share a name there (InvalidArgument). One input and any other `out`: that file,
// whose folder must exist. InvalidArgument when an output would replace its input; FileWriteFailed
// when the folder cannot be made.
Result<QList<QPair<QString, QString>>> planSignOutputs(const QStringList &inputs, const QString &out,
                                                       bool createFolder = false);

// What an appearance needs from the user that it does not have, checked once for the whole batch.
enum class MissingAppearanceField
{
    None,
    Organization,           // copy
    DocumentNumber,         // attachment
    SignatureImage,         // signer
    SignatureAndSealImages, // organization
};
MissingAppearanceField missingAppearanceField(const signing::AppearanceSpec &spec);

// Signs a batch: checks `qr` (checkQrTemplate: refused before the key is opened), opens the key (one
// PIN or password, asked through the job), then each file in turn (stamped first with `qr`), verifying
// every output before it is committed. The batch goes on past a failing file; a removed token or a PIN
// problem stops it (the rest are reported as not signed). An input that needs a password the request
// does not have is asked for through the job (a face may decline: that file is then not signed).
// Inputs are never modified; an output appears whole or not at all. finished() carries None when
// every file was signed, else the first file's error (Cancelled when cancelled).
class SignBatchJob : public Job
{
    Q_OBJECT
public:
    SignBatchJob(SignBatchRequest request, QObject *parent = nullptr);
    ~SignBatchJob() override;

    const SignBatchSummary &summary() const { return m_summary; }
    // Every input's outcome so far, in order (complete once finished).
    const QList<SignedFile> &files() const { return m_files; }
    // The certificate of the key that signed (DER), once the key was opened.
    QByteArray signerCertificate() const;

    static void registerMetaTypes();

Q_SIGNALS:
    void keyOpened(const QByteArray &certificateDer);
    // One per input, in order, whether signed or not.
    void fileSigned(const sohoa::workflows::SignedFile &file);

protected:
    Error run() override;

private:
    Error makeLongTerm(const QString &output, const std::shared_ptr<signing::TrustStore> &trust,
                       const std::shared_ptr<signing::RevocationChecker> &revocation) const;
    SignedFile signOne(signing::PdfSigner &signer, const QString &input, const QString &output);
    Result<SecureBuffer> askPdfPassword(const QString &input, bool retry);

    SignBatchRequest m_request;
    SignBatchSummary m_summary;
    QList<SignedFile> m_files;
    QByteArray m_certificate;
};

} // namespace sohoa::workflows

Q_DECLARE_METATYPE(sohoa::workflows::SignedFile)
