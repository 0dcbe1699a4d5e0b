#include "app/workflows/SignBatchJob.h"

#include "app/workflows/LtvJob.h"
#include "app/workflows/StampQrJob.h"
#include "core/common/DurableFile.h"
#include "signing/RevocationChecker.h"
#include "signing/TrustStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <cstdio>
#include <QTemporaryFile>

namespace sohoa::workflows {

using namespace sohoa::signing;

namespace {

// A wrong PDF password may be typed again; a token PIN never is (see SigningKeyOpener).
constexpr int kPdfPasswordAttempts = 3;

bool stopsTheBatch(ErrorCode c)
{
    return c == ErrorCode::TokenRemoved || c == ErrorCode::PinLocked || c == ErrorCode::WrongPin;
}

} // namespace

Result<QString> stampBeforeSigning(const QString &input, const QString &output, const QrStampOptions &options,
                                   QString *payload)
{
    const QFileInfo fi(output);
    QTemporaryFile temp(fi.absolutePath() + QStringLiteral("/.") + fi.fileName() + QStringLiteral(".qr.tmp-XXXXXX"));
    temp.setAutoRemove(false);
    if (!temp.open())
        return Error(ErrorCode::FileWriteFailed, temp.fileTemplate() + QStringLiteral(": ") + temp.errorString());
    const QString path = temp.fileName();
    temp.close();
    QrStampOptions o = options;
    o.overwrite = true; // the empty file reserved above
    auto stamped = PdfQrStamper::stamp(input, path, o);
    if (!stamped) {
        QFile::remove(path);
        return stamped.error();
    }
    if (payload)
        *payload = stamped->payload;
    return path;
}

Result<QList<QPair<QString, QString>>> planSignOutputs(const QStringList &inputs, const QString &out, bool createFolder)
{
    const QFileInfo outInfo(out);
    const bool outIsDir = outInfo.isDir() || inputs.size() > 1 || out.endsWith(u'/');
    if (outIsDir && outInfo.exists() && !outInfo.isDir())
        return Error::withHint(ErrorCode::InvalidArgument, "sohoa::workflows",
                               QT_TRANSLATE_NOOP("sohoa::workflows",
                                                 "Several inputs are signed into a folder, and %1 is a file. Give "
                                                 "an existing folder as the output, or sign one file at a time."),
                               {out});
    // A trailing '/' says "a folder" as plainly as --mkdir does.
    if (outIsDir && !outInfo.exists() && !createFolder && !out.endsWith(u'/'))
        return Error::withHint(ErrorCode::FolderNotFound, "sohoa::workflows",
                               QT_TRANSLATE_NOOP("sohoa::workflows",
                                                 "Several inputs are signed into a folder, and the folder %1 does not "
                                                 "exist. Create it, or ask for it to be created (sohoa-cli: --mkdir)."),
                               {out});
    QList<QPair<QString, QString>> files;
    QSet<QString> targets;
    for (const QString &in : inputs) {
        if (auto exists = checkInputFile(in); !exists)
            return exists.error();
        const QString target = outIsDir ? QDir(out).filePath(QFileInfo(in).fileName()) : out;
        const QString absoluteTarget = QFileInfo(target).absoluteFilePath();
        if (absoluteTarget == QFileInfo(in).absoluteFilePath())
            return Error::withHint(ErrorCode::InvalidArgument, "sohoa::workflows",
                                   QT_TRANSLATE_NOOP("sohoa::workflows", "The output would replace the input %1."),
                                   {in});
        if (targets.contains(absoluteTarget))
            return Error::withHint(ErrorCode::InvalidArgument, "sohoa::workflows",
                                   QT_TRANSLATE_NOOP("sohoa::workflows",
                                                     "Two inputs would be signed into the same output %1: give each "
                                                     "input once, and inputs of the same name in separate batches."),
                                   {target});
        targets.insert(absoluteTarget);
        files.append({in, target});
    }
    if (!outIsDir) {
        if (auto folder = checkOutputFolder(out); !folder)
            return folder.error();
    } else if (!outInfo.exists()) {
        if (auto made = makeDirectoryDurably(out); !made)
            return made.error();
    }
    return files;
}

MissingAppearanceField missingAppearanceField(const AppearanceSpec &spec)
{
    const auto blank = [](const QString &s) {
        return s.trimmed().isEmpty();
    };
    switch (spec.kind) {
    case AppearanceKind::Copy:
        return blank(spec.organizationName) ? MissingAppearanceField::Organization : MissingAppearanceField::None;
    case AppearanceKind::Attachment:
        return blank(spec.documentNumber) ? MissingAppearanceField::DocumentNumber : MissingAppearanceField::None;
    case AppearanceKind::Signer:
        return blank(spec.signatureImagePath) ? MissingAppearanceField::SignatureImage : MissingAppearanceField::None;
    case AppearanceKind::Organization:
        return blank(spec.signatureImagePath) || blank(spec.sealImagePath)
                   ? MissingAppearanceField::SignatureAndSealImages
                   : MissingAppearanceField::None;
    case AppearanceKind::None:
        break;
    }
    return MissingAppearanceField::None;
}

SignBatchJob::SignBatchJob(SignBatchRequest request, QObject *parent) : Job(parent), m_request(std::move(request))
{
    registerMetaTypes();
}

SignBatchJob::~SignBatchJob()
{
    stop();
}

void SignBatchJob::registerMetaTypes()
{
    Job::registerMetaTypes();
    qRegisterMetaType<sohoa::workflows::SignedFile>();
}

QByteArray SignBatchJob::signerCertificate() const
{
    return m_certificate;
}

Result<SecureBuffer> SignBatchJob::askPdfPassword(const QString &input, bool retry)
{
    SecretRequest request;
    request.kind = SecretRequest::Kind::PdfPassword;
    request.subject = input;
    request.retry = retry;
    return askSecret(request);
}

SignedFile SignBatchJob::signOne(PdfSigner &signer, const QString &input, const QString &output)
{
    SignOptions options = m_request.options;
    // The request's password (if any) is the user's answer for every file; otherwise an encrypted
    // input that needs one is asked for, once per attempt.
    const bool mayAsk = options.pdfPassword.isEmpty();
    for (int attempt = 0;; ++attempt) {
        SignedFile file;
        QString temporary;
        QString toSign = input;
        if (m_request.qr && (options.overwrite || !QFileInfo::exists(output))) {
            QrStampOptions qr = *m_request.qr;
            qr.pdfPassword = options.pdfPassword; // the stamp opens the input before the signer does
            auto stamped = stampBeforeSigning(input, output, qr, &file.qrPayload);
            if (!stamped) {
                file.result.input = input;
                file.result.output = output;
                file.result.error = stamped.error();
                file.failedBeforeSigning = true;
            } else {
                temporary = stamped.value();
                toSign = temporary;
            }
        }
        if (!file.failedBeforeSigning) {
            file.result = signer.signFile(toSign, output, options);
            file.result.input = input;
        }
        if (!temporary.isEmpty())
            QFile::remove(temporary);
        if (file.result.error.code() != ErrorCode::PdfEncrypted || !mayAsk || attempt >= kPdfPasswordAttempts ||
            isCancelRequested())
            return file;
        auto password = askPdfPassword(input, attempt > 0);
        if (!password)
            return file; // declined: this file stays unsigned with its own error
        options.pdfPassword = std::move(password).value();
    }
}

Error SignBatchJob::run()
{
    // A QR code no file could get (an unknown placeholder, a text too long, or too dense to read at its
    // size) is one answer for the whole batch, given before a PIN or password is asked for.
    if (m_request.qr) {
        if (auto checked = checkQrTemplate(*m_request.qr); !checked)
            return checked.error();
    }
    auto opened = openSigningKey(m_request.key, [this](const SecretRequest &r) { return askSecret(r); });
    if (!opened)
        return opened.error();
    m_certificate = opened->key->certificateDer();
    Q_EMIT keyOpened(m_certificate);

    PdfSigner signer(*opened->key);
    std::shared_ptr<signing::TrustStore> trust;
    std::shared_ptr<signing::RevocationChecker> revocation;
    if (m_request.ltv) {
        const auto made = signing::TrustStore::fromPaths(m_request.trustPaths, false);
        if (!made)
            return made.error();
        trust = made.value();
        revocation = std::make_shared<signing::RevocationChecker>();
    }
    std::unique_ptr<signing::PdfSignatureValidator> validator;
    if (m_request.verifyOutputs) {
        const auto made = signing::TrustStore::fromPaths(m_request.trustPaths, m_request.systemTrust);
        if (!made)
            return made.error();
        signing::RevocationPolicy revocationPolicy;
        revocationPolicy.offline = m_request.verifyOffline;
        signing::VerifyPolicy policy;
        policy.offline = m_request.verifyOffline;
        validator = std::make_unique<signing::PdfSignatureValidator>(
            made.value(), std::make_shared<signing::RevocationChecker>(revocationPolicy), policy);
    }
    Error stopReason;
    const qint64 total = m_request.files.size();
    qint64 done = 0;
    for (const auto &[input, output] : std::as_const(m_request.files)) {
        reportProgress(done, total, QCoreApplication::translate("sohoa::workflows::SignBatchJob", "Signing"));
        SignedFile file;
        if (stopReason.isError() || isCancelRequested()) {
            file.result.input = input;
            file.result.output = output;
            file.result.error = stopReason.isError() ? stopReason : Error(ErrorCode::Cancelled, input);
        } else {
            file = signOne(signer, input, output);
            if (m_request.ltv && !file.result.error.isError())
                file.result.error = makeLongTerm(output, trust, revocation);
            if (validator && !file.result.error.isError())
                file.verification = validator->verify(output);
            if (stopsTheBatch(file.result.error.code()))
                stopReason =
                    Error(file.result.error.code(), QStringLiteral("not signed: the batch stopped at %1").arg(input));
        }
        if (file.result.error.isError()) {
            ++m_summary.failedCount;
            if (!m_summary.firstError.isError())
                m_summary.firstError = file.result.error;
        } else {
            ++m_summary.signedCount;
        }
        m_files.append(file);
        Q_EMIT fileSigned(file);
        reportProgress(++done, total, QString());
    }
    if (isCancelRequested() && m_summary.failedCount > 0)
        return Error(ErrorCode::Cancelled, QStringLiteral("%1 of %2 signed").arg(m_summary.signedCount).arg(total));
    return m_summary.firstError;
}

Error SignBatchJob::makeLongTerm(const QString &output, const std::shared_ptr<signing::TrustStore> &trust,
                                 const std::shared_ptr<signing::RevocationChecker> &revocation) const
{
    const QFileInfo info(output);
    const QString staged = info.dir().filePath(QStringLiteral(".%1.ltv.tmp").arg(info.fileName()));
    LtvOptions options;
    options.tsaUrl = m_request.options.tsaUrl;
    options.overwrite = true;
    const LtvResult r = addLongTermValidation(output, staged, options, trust, revocation);
    if (!r.error.isError() && ::rename(QFile::encodeName(staged).constData(), QFile::encodeName(output).constData()) == 0)
        return fsyncDirectory(info.absolutePath()).error();
    Error e = r.error.isError() ? r.error : errorFromErrno(errno, ErrorCode::FileWriteFailed, output);
    QFile::remove(staged);
    QFile::remove(output); // signed, but not what was asked for
    return e;
}

} // namespace sohoa::workflows
