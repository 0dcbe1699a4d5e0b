// `sohoa-cli verify FILE.pdf|DIR...`: every signature and document timestamp of each PDF (VerifyPdfJob).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/Commands.h"
#include "app/workflows/VerifyPdfJob.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace sohoa::cli {

namespace {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QStringLiteral("?");
}

void printText(const signing::PdfVerifyReport &report)
{
    printLine(report.path + QStringLiteral(": ") + report.statusId());
    if (report.kind == signing::FileVerdict::Error) {
        printLine(QStringLiteral("  ") + report.error.fullText());
        return;
    }
    if (report.kind == signing::FileVerdict::Unsigned) {
        printLine(QStringLiteral("  ") +
                  bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "The file holds no signature; it proves nothing.")));
        return;
    }
    for (const signing::SignatureReport &s : report.signatures) {
        const QString time = s.timeTrusted ? timeText(s.signingTime)
                                           : timeText(s.signingTime) + QStringLiteral(" (claimed)");
        printLine(QStringLiteral("  #%1 %2 [%3] %4: %5")
                      .arg(s.index)
                      .arg(s.documentTimestamp ? QStringLiteral("timestamp") : QStringLiteral("signature"), s.field,
                           s.subFilter, signing::verdictId(s.verdict)));
        if (!s.signer.isEmpty())
            printLine(QStringLiteral("     signer: %1%2, issuer: %3, time: %4")
                          .arg(s.signer,
                               s.signerOrganization.isEmpty() ? QString() : QStringLiteral(" (") + s.signerOrganization + u')',
                               s.issuer, time));
        printLine(QStringLiteral("     covers revision %1 of %2%3, revocation: %4")
                      .arg(s.revision)
                      .arg(s.revisions)
                      .arg(s.coversWholeFile ? QStringLiteral(" (whole file)") : QString(),
                           s.revocation.state.isEmpty() ? QStringLiteral("-") : s.revocation.state));
        for (const signing::VerifyReason &r : s.reasons)
            printLine(QStringLiteral("     - [%1] %2 / %3").arg(r.id, r.vi, r.en));
        for (const signing::Modification &m : s.modifications)
            printLine(QStringLiteral("     %1 [%2] %3 / %4")
                          .arg(m.allowed ? QStringLiteral("~ allowed:") : QStringLiteral("! changed:"), m.id, m.vi,
                               m.en));
    }
}

} // namespace

int verifyCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "sohoa::cli", "Verify the signatures and document timestamps of PDFs: structure, cryptography, changes after "
                      "signing, certificate trust, validity at the signing time and revocation."));
    parser.addPositionalArgument(QStringLiteral("FILE.pdf|DIR"),
                                 QCoreApplication::translate("sohoa::cli", "PDFs, or folders searched for *.pdf."));
    parser.addOptions({
        option("offline",
               QT_TRANSLATE_NOOP("sohoa::cli", "Use only the revocation data in the files; never ask OCSP or CRL "
                                               "servers.")),
        option("require-revocation",
               QT_TRANSLATE_NOOP("sohoa::cli", "A certificate that names no OCSP or CRL source makes the signature "
                                               "INDETERMINATE.")),
        option("allow-sha1", QT_TRANSLATE_NOOP("sohoa::cli", "Accept SHA-1 digests (refused by default).")),
        option("extract-signed-revision",
               QT_TRANSLATE_NOOP("sohoa::cli", "Write what each signature signed (its revision) into this folder."),
               "DIR"),
        option("jobs", QT_TRANSLATE_NOOP("sohoa::cli", "Files verified at once (default: one per core)."), "N"),
        jsonOption(),
    });
    parser.addOptions(trustOptions());
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    workflows::VerifyPdfRequest request;
    request.inputs = parser.positionalArguments();
    if (request.inputs.isEmpty())
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "give at least one PDF or folder to verify"), json);
    request.trustPaths = parser.values(QStringLiteral("trust"));
    request.systemTrust = parser.isSet(QStringLiteral("system-trust"));
    request.policy.offline = parser.isSet(QStringLiteral("offline"));
    request.policy.requireRevocation = parser.isSet(QStringLiteral("require-revocation"));
    request.policy.allowSha1 = parser.isSet(QStringLiteral("allow-sha1"));
    request.extractFolder = parser.value(QStringLiteral("extract-signed-revision"));
    const Result<int> timeout = networkTimeoutMs(parser, request.policy.networkTimeoutMs);
    if (!timeout)
        return fail(timeout.error(), json);
    request.policy.networkTimeoutMs = timeout.value();
    if (parser.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        request.threads = parser.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || request.threads < 1 || request.threads > 64)
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--jobs must be a whole number from 1 to 64"), json);
    }

    workflows::VerifyPdfJob job(request);
    QObject::connect(&job, &workflows::VerifyPdfJob::fileVerified, &job,
                     [json](const signing::PdfVerifyReport &report) {
                         if (json) {
                             QJsonObject o = workflows::verifyReportToJson(report);
                             o.insert(QStringLiteral("event"), QStringLiteral("file"));
                             printJson(o);
                         } else {
                             printText(report);
                         }
                     });
    if (const Error e = runToEnd(job); e.isError())
        return fail(e, json);
    const workflows::VerifyPdfSummary &s = job.summary();
    if (json)
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("summary")},
                              {QStringLiteral("files"), s.files},
                              {QStringLiteral("valid"), s.valid},
                              {QStringLiteral("not_valid"), s.notValid},
                              {QStringLiteral("unsigned"), s.unsigned_},
                              {QStringLiteral("unreadable"), s.unreadable}});
    else
        printLine(QStringLiteral("%1 file(s): %2 valid, %3 not valid, %4 unsigned, %5 unreadable")
                      .arg(s.files)
                      .arg(s.valid)
                      .arg(s.notValid)
                      .arg(s.unsigned_)
                      .arg(s.unreadable));
    // 2: a file could not be read; 1: some signature is not VALID (or a file has none); 0: all VALID.
    if (s.unreadable > 0)
        return 2;
    return s.valid == s.files ? 0 : 1;
}

} // namespace sohoa::cli
