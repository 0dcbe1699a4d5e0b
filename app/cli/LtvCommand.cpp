// `sohoa-cli ltv FILE.pdf... --out DIR [--tsa URL]`: validation data (B-LT) and a document timestamp
// (B-LTA) so that signed files verify offline years later (LtvJob).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/Commands.h"
#include "app/cli/ExitStatus.h"
#include "app/workflows/LtvJob.h"
#include "app/workflows/SignBatchJob.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace sohoa::cli {

int ltvCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "sohoa::cli", "Add the certificates and OCSP/CRL answers of every signature (PAdES B-LT) and, with --tsa, a "
                      "document timestamp (B-LTA), so that the files verify offline (verify --offline)."));
    parser.addPositionalArgument(QStringLiteral("FILE.pdf"),
                                 QCoreApplication::translate("sohoa::cli", "Signed PDFs (not modified)."));
    parser.addOptions({
        option("out", QT_TRANSLATE_NOOP("sohoa::cli", "Output folder (or file, for one input)."), "DIR|FILE"),
        option("tsa", QT_TRANSLATE_NOOP("sohoa::cli", "RFC 3161 timestamp service for the document timestamp."), "URL"),
        option("mkdir", QT_TRANSLATE_NOOP("sohoa::cli", "Create the output folder when it does not exist.")),
        option("overwrite", QT_TRANSLATE_NOOP("sohoa::cli", "Replace an existing output file.")),
        jsonOption(),
    });
    parser.addOptions(trustOptions());
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    const QStringList inputs = parser.positionalArguments();
    if (inputs.isEmpty())
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "give at least one signed PDF"), json);
    if (!parser.isSet(QStringLiteral("out")))
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--out FILE is required"), json);
    auto planned = workflows::planSignOutputs(inputs, parser.value(QStringLiteral("out")),
                                              parser.isSet(QStringLiteral("mkdir")));
    if (!planned)
        return fail(planned.error(), json);
    workflows::LtvRequest request;
    request.files = planned.value();
    request.trustPaths = parser.values(QStringLiteral("trust"));
    request.systemTrust = parser.isSet(QStringLiteral("system-trust"));
    request.options.overwrite = parser.isSet(QStringLiteral("overwrite"));
    if (parser.isSet(QStringLiteral("tsa"))) {
        request.options.tsaUrl = QUrl(parser.value(QStringLiteral("tsa")));
        if (!request.options.tsaUrl.isValid() || request.options.tsaUrl.host().isEmpty())
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--tsa must be an http:// or https:// address"), json);
    }
    const Result<int> timeout = networkTimeoutMs(parser, request.options.timeoutMs);
    if (!timeout)
        return fail(timeout.error(), json);
    request.options.timeoutMs = timeout.value();
    workflows::LtvJob job(request);
    QObject::connect(&job, &workflows::LtvJob::fileDone, &job, [json](const workflows::LtvResult &r) {
        if (json) {
            QJsonObject o{{QStringLiteral("event"), r.error.isError() ? QStringLiteral("failed") : QStringLiteral("ltv")},
                          {QStringLiteral("input"), r.input},
                          {QStringLiteral("output"), r.output},
                          {QStringLiteral("signatures"), r.signatures},
                          {QStringLiteral("certificates"), r.certificates},
                          {QStringLiteral("ocsp_responses"), r.ocspResponses},
                          {QStringLiteral("crls"), r.crls},
                          {QStringLiteral("timestamped"), r.timestamped}};
            if (r.error.isError())
                o.insert(QStringLiteral("error"), errorJson(r.error));
            printJson(o);
        } else if (r.error.isError()) {
            printLine(r.input + QStringLiteral(": ") + r.error.fullText());
        } else {
            printLine(QStringLiteral("%1 -> %2: %3 certificate(s), %4 OCSP, %5 CRL%6")
                          .arg(r.input, r.output)
                          .arg(r.certificates)
                          .arg(r.ocspResponses)
                          .arg(r.crls)
                          .arg(r.timestamped ? QStringLiteral(", document timestamp") : QString()));
        }
    });
    if (const Error e = runToEnd(job); e.isError())
        return json ? exitStatus(e) : fail(e, false);
    return 0;
}

} // namespace sohoa::cli
