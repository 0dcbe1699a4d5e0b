// `sohoa-cli sign INPUT.pdf... --out DIR|FILE`: PAdES signatures with a .p12 file or a token (SignBatchJob).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliSecrets.h"
#include "app/cli/Commands.h"
#include "app/cli/ExitStatus.h"
#include "app/cli/QrArguments.h"
#include "app/cli/SignArguments.h"
#include "app/workflows/SignBatchJob.h"
#include "core/common/DurableFile.h"

#include <QJsonObject>

namespace sohoa::cli {

namespace {

using workflows::MissingAppearanceField;
using workflows::SecretRequest;

// The command line's words for what an appearance lacks.
const char *missingOptionText(MissingAppearanceField missing)
{
    switch (missing) {
    case MissingAppearanceField::Organization:
        return QT_TRANSLATE_NOOP("sohoa::cli", "--appearance copy needs --organization NAME");
    case MissingAppearanceField::DocumentNumber:
        return QT_TRANSLATE_NOOP("sohoa::cli", "--appearance attachment needs --doc-number TEXT");
    case MissingAppearanceField::SignatureImage:
        return QT_TRANSLATE_NOOP("sohoa::cli", "--appearance signer needs --signature-image PNG");
    case MissingAppearanceField::SignatureAndSealImages:
        return QT_TRANSLATE_NOOP("sohoa::cli",
                                 "--appearance organization needs --signature-image PNG and --seal-image PNG");
    case MissingAppearanceField::None:
        break;
    }
    return "";
}

// The key's password or PIN from --pin-env, --pin-file or the terminal; PDF passwords only come from
// --pdf-password-*, which the request already carries (a script is never stopped by a prompt).
SecretAnswer secretsFrom(const QCommandLineParser &parser)
{
    return [&parser](const SecretRequest &request) -> Result<SecureBuffer> {
        switch (request.kind) {
        case SecretRequest::Kind::KeyFilePassword:
            return readPin(parser,
                           bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "Key file password")) + QStringLiteral(": "));
        case SecretRequest::Kind::TokenPin:
            return readPin(parser, bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "Token PIN")) + QStringLiteral(": "));
        case SecretRequest::Kind::PdfPassword:
            break;
        }
        return Error(ErrorCode::PdfEncrypted, request.subject);
    };
}

void printResult(const workflows::SignedFile &file, bool json)
{
    const signing::SignResult &r = file.result;
    if (json) {
        QJsonObject o{{QStringLiteral("event"), QStringLiteral("signed")},
                      {QStringLiteral("input"), r.input},
                      {QStringLiteral("output"), r.output},
                      {QStringLiteral("status"), r.error.isError() ? QStringLiteral("error") : QStringLiteral("ok")}};
        if (!file.failedBeforeSigning) {
            o.insert(QStringLiteral("input_size"), r.inputSize);
            o.insert(QStringLiteral("output_size"), r.outputSize);
            o.insert(QStringLiteral("timestamped"), r.timestamped);
        }
        if (r.error.isError())
            o.insert(QStringLiteral("error"), errorJson(r.error));
        printJson(o);
    } else if (r.error.isError()) {
        // The sentence once, in both languages, on stderr; the line on stdout names the file and the code.
        printLine(QStringLiteral("FAILED %1: [%2]").arg(r.input, r.error.id()));
        printWarning(r.error.fullText());
    } else {
        printLine(QStringLiteral("signed %1 -> %2").arg(r.input, r.output));
    }
}

// Everything the batch shares, checked before the key is opened: one message for a batch, not one
// per file.
Result<workflows::SignBatchRequest> signRequestFrom(const QCommandLineParser &parser)
{
    const QStringList inputs = parser.positionalArguments();
    if (inputs.isEmpty())
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "no input PDF given"));
    if (!parser.isSet(QStringLiteral("out")))
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--out FOLDER (or FILE for one input) is required"));
    workflows::SignBatchRequest request;
    auto files =
        workflows::planSignOutputs(inputs, parser.value(QStringLiteral("out")), parser.isSet(QStringLiteral("mkdir")));
    if (!files)
        return files.error();
    request.files = files.value();
    auto options = signOptionsFrom(parser);
    if (!options)
        return options.error();
    request.options = std::move(options).value();
    auto qr = qrOptionsForSign(parser);
    if (!qr)
        return qr.error();
    request.qr = qr.value();
    request.ltv = parser.isSet(QStringLiteral("ltv"));
    request.trustPaths = parser.values(QStringLiteral("trust"));
    if (const auto missing = workflows::missingAppearanceField(request.options.appearance);
        missing != MissingAppearanceField::None)
        return usage(missingOptionText(missing));
    if (auto checked = signing::PdfSigner::checkOptions(request.options); !checked)
        return checked.error();
    auto pdfPassword = readPdfPassword(parser);
    if (!pdfPassword)
        return pdfPassword.error();
    request.options.pdfPassword = std::move(pdfPassword).value();
    auto key = keySourceFrom(parser);
    if (!key)
        return key.error();
    if (parser.isSet(QStringLiteral("pin-file"))) {
        if (auto exists = checkInputFile(parser.value(QStringLiteral("pin-file"))); !exists)
            return exists.error();
    }
    request.key = key.value();
    return request;
}

} // namespace

int signCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("sohoa::cli", "Sign PDF files (PAdES) with a PKCS#12 file or a PKCS#11 token."));
    parser.addPositionalArgument(QStringLiteral("INPUT.pdf"),
                                 QCoreApplication::translate("sohoa::cli", "Files to sign."),
                                 QStringLiteral("INPUT.pdf..."));
    parser.addOptions(signOptions());
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    auto request = signRequestFrom(parser);
    if (!request)
        return fail(request.error(), json);

    workflows::SignBatchJob job(std::move(request).value());
    bool keyOpened = false;
    QObject::connect(&job, &workflows::SignBatchJob::keyOpened, &job, [&keyOpened] { keyOpened = true; });
    QObject::connect(&job, &workflows::SignBatchJob::fileSigned, &job,
                     [json](const workflows::SignedFile &file) { printResult(file, json); });
    const Error error = runToEnd(job, secretsFrom(parser));
    if (!keyOpened) // the key could not be opened: nothing was signed
        return fail(error, json);
    const workflows::SignBatchSummary &summary = job.summary();
    if (json) {
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("summary")},
                              {QStringLiteral("signed"), summary.signedCount},
                              {QStringLiteral("failed"), summary.failedCount}});
    } else {
        printLine(QStringLiteral("%1 signed, %2 failed").arg(summary.signedCount).arg(summary.failedCount));
    }
    return summary.failedCount == 0 ? 0 : exitStatus(summary.firstError);
}

} // namespace sohoa::cli
