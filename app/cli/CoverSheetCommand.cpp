// `sohoa-cli coversheet`: printable A4 cover sheets for scanning with --separate qr (CoverSheetJob).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/Commands.h"
#include "app/workflows/CoverSheetJob.h"

#include <QJsonArray>
#include <QJsonObject>

namespace sohoa::cli {

int coverSheetCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("sohoa::cli", "Print A4 cover sheets for scanning with --separate qr."));
    parser.addOptions({
        option("dossier", QT_TRANSLATE_NOOP("sohoa::cli", "Dossier code."), "CODE"),
        option("component", QT_TRANSLATE_NOOP("sohoa::cli", "Component name (repeatable: one sheet each)."), "NAME"),
        option("out", QT_TRANSLATE_NOOP("sohoa::cli", "Output PDF file."), "FILE"),
        option("overwrite", QT_TRANSLATE_NOOP("sohoa::cli", "Replace an existing output file.")),
        option("free-form", QT_TRANSLATE_NOOP("sohoa::cli", "Accept a dossier code of no standard form.")),
        option("ec", QT_TRANSLATE_NOOP("sohoa::cli", "QR error correction L, M, Q or H (default H)."), "LEVEL"),
        jsonOption(),
    });
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    if (!parser.isSet(QStringLiteral("dossier")))
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--dossier is required"), json);
    if (!parser.isSet(QStringLiteral("out")))
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--out FILE.pdf is required"), json);
    CoverSheetSpec spec;
    spec.dossierCode = parser.value(QStringLiteral("dossier")).trimmed();
    spec.allowFreeFormCode = parser.isSet(QStringLiteral("free-form"));
    for (const QString &c : parser.values(QStringLiteral("component"))) {
        if (c.trimmed().isEmpty())
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--component needs a name"), json);
        spec.components.append(c.trimmed());
    }
    if (parser.isSet(QStringLiteral("ec"))) {
        const auto level = parseQrErrorCorrection(parser.value(QStringLiteral("ec")));
        if (!level)
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--ec must be L, M, Q or H"), json);
        spec.level = *level;
    }
    workflows::CoverSheetJob job(parser.value(QStringLiteral("out")), spec, parser.isSet(QStringLiteral("overwrite")));
    if (const Error e = runToEnd(job); e.isError())
        return fail(e, json);
    const CoverSheetOutput &written = job.report();
    if (json) {
        QJsonArray payloads;
        for (const QString &p : written.payloads)
            payloads.append(p);
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("coversheet")},
                              {QStringLiteral("dossier"), spec.dossierCode},
                              {QStringLiteral("path"), written.path},
                              {QStringLiteral("pages"), written.pages},
                              {QStringLiteral("size"), written.size},
                              {QStringLiteral("payloads"), payloads}});
    } else {
        printLine(written.path);
    }
    return 0;
}

} // namespace sohoa::cli
