// `sohoa-cli scan`: its events and summary, as lines or JSON.

#include "app/cli/ScanOutput.h"

#include "app/cli/CliOutput.h"
#include "app/cli/ExitStatus.h"
#include "app/workflows/ScanBatchJob.h"

#include <QJsonObject>

#include <memory>

namespace sohoa::cli {

void printScanEvents(workflows::ScanBatchJob &job, bool json)
{
    // Where pages go, for the page events of a separated batch (events arrive in sheet order).
    auto current = std::make_shared<std::pair<QString, QString>>();
    const bool separated = job.request().separation.isEnabled();
    QObject::connect(&job, &workflows::ScanBatchJob::batchStarted, &job,
                     [&job, json, current](const DossierInfo &d, const ComponentInfo &c, const QString &batch) {
                         *current = {d.code, c.name};
                         if (!json)
                             return;
                         QJsonObject o{{QStringLiteral("event"), QStringLiteral("started")},
                                       {QStringLiteral("dossier"), d.code},
                                       {QStringLiteral("component"), c.name},
                                       {QStringLiteral("batch"), batch},
                                       {QStringLiteral("device"), job.request().deviceName}};
                         if (job.request().separation.isEnabled())
                             o.insert(QStringLiteral("separate"), job.request().separation.name());
                         printJson(o);
                     });
    QObject::connect(&job, &workflows::ScanBatchJob::pageSaved, &job, [json, separated, current](const PageRecord &p) {
        if (!json) {
            printLine(QStringLiteral("saved %1 %2").arg(p.absolutePath, p.sha256));
            return;
        }
        QJsonObject o = pageJson(p);
        o.insert(QStringLiteral("event"), QStringLiteral("page"));
        if (separated) {
            o.insert(QStringLiteral("dossier"), current->first);
            o.insert(QStringLiteral("component"), current->second);
        }
        printJson(o);
    });
    QObject::connect(&job, &workflows::ScanBatchJob::pageCleaned, &job, [json](const PageRecord &p) {
        if (!json) {
            QString line = QStringLiteral("cleaned %1").arg(p.relativePath);
            if (!p.cleanup.operations.isEmpty())
                line += QStringLiteral(" (%1)").arg(p.cleanup.operations.join(QStringLiteral(", ")));
            if (p.cleanup.blank)
                line += QStringLiteral(" BLANK?");
            printLine(line);
            return;
        }
        QJsonObject o = pageJson(p);
        o.insert(QStringLiteral("event"), QStringLiteral("cleaned"));
        printJson(o);
    });
    QObject::connect(&job, &workflows::ScanBatchJob::separated, &job,
                     [json, current](const workflows::SeparationEvent &ev) {
                         *current = {ev.dossierCode, ev.component};
                         if (!json) {
                             printLine(QStringLiteral("separator %1 (%2) -> %3 / %4")
                                           .arg(ev.kind, ev.value, ev.dossierCode, ev.component));
                             return;
                         }
                         printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("separator")},
                                               {QStringLiteral("sheet"), ev.sheet},
                                               {QStringLiteral("kind"), ev.kind},
                                               {QStringLiteral("value"), ev.value},
                                               {QStringLiteral("format"), ev.format},
                                               {QStringLiteral("dossier"), ev.dossierCode},
                                               {QStringLiteral("component"), ev.component},
                                               {QStringLiteral("dossier_created"), ev.dossierCreated}});
                     });
    QObject::connect(&job, &workflows::ScanBatchJob::separationWarning, &job,
                     [json](const workflows::SeparationWarning &w) {
                         if (json)
                             printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("warning")},
                                                   {QStringLiteral("sheet"), w.sheet},
                                                   {QStringLiteral("value"), w.value},
                                                   {QStringLiteral("error"), errorJson(w.error)}});
                         printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "Sheet %1")).arg(w.sheet) +
                                      QStringLiteral(":\n") + w.error.fullText());
                     });
}

int printScanSummary(const workflows::ScanBatchJob &job, bool json)
{
    const workflows::ScanReport &report = job.report();
    const int saved = static_cast<int>(report.savedPages.size());
    if (json) {
        QJsonObject summary{
            {QStringLiteral("event"), QStringLiteral("summary")},
            {QStringLiteral("dossier"), report.dossier.code},
            {QStringLiteral("component"), report.component.name},
            {QStringLiteral("batch"), report.batchId},
            {QStringLiteral("pages_saved"), saved},
            {QStringLiteral("pages_read_not_saved"), report.pagesAcquiredNotSaved},
            {QStringLiteral("pages_cleaned"), report.pagesCleaned},
            {QStringLiteral("blank_pages"), report.blankPages},
            {QStringLiteral("cleanup_errors"), int(report.cleanupErrors.size())},
            {QStringLiteral("status"), report.error.isError() ? QStringLiteral("error") : QStringLiteral("ok")}};
        if (job.request().separation.isEnabled()) {
            summary.insert(QStringLiteral("separators"), static_cast<int>(report.separations.size()));
            summary.insert(QStringLiteral("warnings"), static_cast<int>(report.separationWarnings.size()));
        }
        if (report.error.isError())
            summary.insert(QStringLiteral("error"), errorJson(report.error));
        printJson(summary);
    } else {
        printLine(
            QStringLiteral("%1 page(s) saved into %2 / %3").arg(saved).arg(report.dossier.code, report.component.name));
        if (job.request().cleanup.any())
            printLine(QStringLiteral("%1 page(s) cleaned up, %2 flagged blank for review")
                          .arg(report.pagesCleaned)
                          .arg(report.blankPages));
    }
    if (!report.cleanupErrors.isEmpty())
        printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli",
                                                 "%1 page(s) are saved as scanned but could not be cleaned up; run "
                                                 "dossier cleanup to try again."))
                         .arg(report.cleanupErrors.size()));
    if (!report.error.isError())
        return 0;
    printWarning(bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "Error")) +
                 QStringLiteral(" [%1]:\n").arg(report.error.id()) + report.error.fullText());
    // Only when the batch got going: an unknown device or a refused option made nothing to continue.
    if (saved > 0 || (report.scannerStarted && report.error.code() != ErrorCode::FeederEmpty))
        printWarning(
            bilingual(QT_TRANSLATE_NOOP(
                          "sohoa::cli",
                          "%1 page(s) are saved; run the same command again to continue into the same dossier."))
                .arg(saved));
    if (report.pagesAcquiredNotSaved > 0)
        printWarning(
            bilingual(QT_TRANSLATE_NOOP("sohoa::cli", "%1 page(s) were read but NOT saved and must be scanned again."))
                .arg(report.pagesAcquiredNotSaved));
    return exitStatus(report.error);
}

} // namespace sohoa::cli
