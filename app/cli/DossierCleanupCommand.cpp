// `sohoa-cli dossier cleanup CODE --cleanup STEPS [--component NAME] [--jpeg-quality Q] [--redo]`: cleans up
// pages already in a dossier (CleanupJob); the originals stay as scanned.

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/Commands.h"
#include "app/workflows/CleanupJob.h"

#include <QJsonObject>

namespace sohoa::cli {

int dossierCleanupCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({
        option("cleanup",
               QT_TRANSLATE_NOOP("sohoa::cli", "Steps: deskew, orient, crop, blank, bilevel (comma-separated); "
                                               "blank=PERCENT sets the most ink a blank "
                                               "page may carry (default 0.02)."),
               "STEPS"),
        option("component", QT_TRANSLATE_NOOP("sohoa::cli", "Only this component."), "NAME"),
        option("jpeg-quality", QT_TRANSLATE_NOOP("sohoa::cli", "JPEG quality 1-100 of cleaned pages (default 85)."),
               "Q"),
        option("redo", QT_TRANSLATE_NOOP("sohoa::cli", "Clean pages up again even if done with the same steps.")),
    });
    int exitCode = 0;
    auto opened =
        openDossierCommand(parser, args, QStringLiteral("dossier cleanup"), StoreOpenMode::Existing, &exitCode);
    if (!opened)
        return exitCode;
    const bool json = opened->json;
    if (!parser.isSet(QStringLiteral("cleanup")))
        return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--cleanup STEPS is required"), json);
    auto options = CleanupOptions::fromList(parser.value(QStringLiteral("cleanup")));
    if (!options)
        return fail(options.error(), json);
    workflows::CleanupRequest request;
    request.dossierCode = opened->dossier.code;
    request.component = parser.value(QStringLiteral("component"));
    request.options = options.value();
    request.redo = parser.isSet(QStringLiteral("redo"));
    if (parser.isSet(QStringLiteral("jpeg-quality"))) {
        bool ok = false;
        request.jpegQuality = parser.value(QStringLiteral("jpeg-quality")).toInt(&ok);
        if (!ok || request.jpegQuality < 1 || request.jpegQuality > 100)
            return usageError(QT_TRANSLATE_NOOP("sohoa::cli", "--jpeg-quality must be a whole number from 1 to 100"),
                              json);
    }
    workflows::CleanupJob job(*opened->store, request);
    QObject::connect(&job, &workflows::CleanupJob::pageCleaned, &job, [json](const PageRecord &p) {
        if (json) {
            QJsonObject o = pageJson(p);
            o.insert(QStringLiteral("event"), QStringLiteral("cleaned"));
            printJson(o);
        } else {
            printLine(QStringLiteral("cleaned %1 (%2)%3")
                          .arg(p.relativePath, p.cleanup.operations.join(QStringLiteral(", ")),
                               p.cleanup.blank ? QStringLiteral(" BLANK?") : QString()));
        }
    });
    if (const Error e = runToEnd(job); e.isError())
        return fail(e, json);
    const workflows::CleanupReport &r = job.report();
    if (json)
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("summary")},
                              {QStringLiteral("dossier"), r.dossier.code},
                              {QStringLiteral("pages"), r.pages},
                              {QStringLiteral("cleaned"), r.cleaned},
                              {QStringLiteral("skipped"), r.skipped},
                              {QStringLiteral("blank_pages"), r.blank}});
    else
        printLine(QStringLiteral("%1 page(s) cleaned up, %2 already done, %3 blank page(s) to review")
                      .arg(r.cleaned)
                      .arg(r.skipped)
                      .arg(r.blank));
    return 0;
}

} // namespace sohoa::cli
