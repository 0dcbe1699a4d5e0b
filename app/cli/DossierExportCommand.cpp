// `sohoa-cli dossier export CODE --out FILE.pdf`: the dossier (or one component) as one PDF (ExportJob).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/Commands.h"
#include "app/workflows/ExportJob.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

int dossierExportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({
        option("out", QT_TRANSLATE_NOOP("sohoa::cli", "Output PDF file."), "FILE"),
        option("component", QT_TRANSLATE_NOOP("sohoa::cli", "Export only this component."), "NAME"),
        option("overwrite", QT_TRANSLATE_NOOP("sohoa::cli", "Replace an existing output file.")),
        option("pdfa",
               QT_TRANSLATE_NOOP("sohoa::cli", "Archival PDF/A-2b with the Decree 30 metadata, and an XML sidecar "
                                               "(metadata and SHA-256 of every file) beside it.")),
        option("ocr",
               QT_TRANSLATE_NOOP("sohoa::cli", "Add a searchable text layer recognized in these languages: vie, eng "
                                               "or vie+eng."),
               "LANGS"),
        option("original", QT_TRANSLATE_NOOP("sohoa::cli", "Use the pages as scanned, not their cleaned images.")),
    });
    int exitCode = 0;
    auto opened = openDossierCommand(parser, args, QStringLiteral("dossier export"), StoreOpenMode::ExistingOrReadOnly,
                                     &exitCode);
    if (!opened)
        return exitCode;
    const bool json = opened->json;
    if (!parser.isSet(QStringLiteral("out")))
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--out FILE.pdf is required"), json);
    workflows::ExportRequest request;
    request.dossierCode = opened->dossier.code;
    request.component = parser.value(QStringLiteral("component"));
    request.outputPath = parser.value(QStringLiteral("out"));
    request.overwrite = parser.isSet(QStringLiteral("overwrite"));
    request.archival = parser.isSet(QStringLiteral("pdfa"));
    request.ocrLanguages = parser.value(QStringLiteral("ocr"));
    request.originals = parser.isSet(QStringLiteral("original"));
    if (parser.isSet(QStringLiteral("ocr"))) {
        static const QStringList known{QStringLiteral("vie"), QStringLiteral("eng"), QStringLiteral("vie+eng"),
                                       QStringLiteral("eng+vie")};
        if (!known.contains(request.ocrLanguages))
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--ocr must be vie, eng or vie+eng"), json);
    }
    workflows::ExportJob job(*opened->store, request);
    if (const Error e = runToEnd(job); e.isError())
        return fail(e, json);
    const workflows::ExportReport &r = job.report();
    if (json) {
        QJsonArray enc;
        for (const QString &e : r.pdf.pageEncodings)
            enc.append(e);
        QJsonObject o{{QStringLiteral("event"), QStringLiteral("exported")},
                      {QStringLiteral("dossier"), r.dossier.code},
                      {QStringLiteral("path"), r.path},
                      {QStringLiteral("pages"), r.pdf.pageCount},
                      {QStringLiteral("size"), r.pdf.fileSize},
                      {QStringLiteral("encodings"), enc},
                      {QStringLiteral("archival"), request.archival},
                      {QStringLiteral("cleaned_pages"), r.cleanedPages},
                      {QStringLiteral("ocr_pages"), r.ocrPages},
                      {QStringLiteral("audited"), !r.auditError.isError()}};
        if (r.ocrPages > 0) {
            o.insert(QStringLiteral("ocr_languages"), request.ocrLanguages);
            o.insert(QStringLiteral("ocr_confidence"), qRound(r.ocrConfidence * 10) / 10.0);
            o.insert(QStringLiteral("ocr_ms"), r.ocrMs);
        }
        if (!r.sidecarPath.isEmpty())
            o.insert(QStringLiteral("sidecar"), r.sidecarPath);
        if (r.auditError.isError())
            o.insert(QStringLiteral("audit_error"), errorJson(r.auditError));
        printJson(o);
    } else {
        printLine(r.path);
        if (!r.sidecarPath.isEmpty())
            printLine(r.sidecarPath);
    }
    // Reading a store must not depend on writing to it (a mounted archive): the PDF stands, exit 0.
    if (r.auditError.isError())
        printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "The export is not recorded in the store's audit log")) +
                     QStringLiteral(":\n") + r.auditError.fullText());
    return 0;
}

} // namespace sohoa::cli
