// `sohoa-cli scan`: a batch from a scanner straight into a dossier (ScanBatchJob).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/Commands.h"
#include "app/cli/ExitStatus.h"
#include "app/workflows/ScanBatchJob.h"
#include "core/dossier/DossierCode.h"

#include <QJsonObject>

namespace sohoa::cli {

namespace {

using workflows::ScanRequest;

void addScanOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("sohoa::cli", "Scan a batch straight into a dossier component."));
    parser.addOptions({
        option("device", QT_TRANSLATE_NOOP("sohoa::cli", "SANE device name (see devices)."), "NAME"),
        option("source", QT_TRANSLATE_NOOP("sohoa::cli", "flatbed, adf or duplex."), "SOURCE"),
        option("mode", QT_TRANSLATE_NOOP("sohoa::cli", "color, gray or lineart."), "MODE"),
        option("resolution", QT_TRANSLATE_NOOP("sohoa::cli", "Resolution in dpi."), "DPI"),
        option("page-size", QT_TRANSLATE_NOOP("sohoa::cli", "A4, A5, Letter or WxHmm."), "SIZE"),
        option("option", QT_TRANSLATE_NOOP("sohoa::cli", "Raw SANE option NAME=VALUE (repeatable)."), "NAME=VALUE"),
        option("dossier", QT_TRANSLATE_NOOP("sohoa::cli", "Dossier code."), "CODE"),
        option("free-form", QT_TRANSLATE_NOOP("sohoa::cli", "Accept a dossier code of no standard form.")),
        option("component", QT_TRANSLATE_NOOP("sohoa::cli", "Component name (default \"Tài liệu\")."), "NAME"),
        option("at", QT_TRANSLATE_NOOP("sohoa::cli", "Insert the pages at this position of the component (from 1)."),
               "N"),
        option("replace",
               QT_TRANSLATE_NOOP("sohoa::cli", "With --at N: each page takes the place of the page there (a rescan in "
                                               "place); the page it replaces is deleted and can be restored.")),
        option("format", QT_TRANSLATE_NOOP("sohoa::cli", "Page image format: auto, jpeg or png."), "FORMAT"),
        option("jpeg-quality", QT_TRANSLATE_NOOP("sohoa::cli", "JPEG quality 1-100 (default 85)."), "Q"),
        option("max-pages", QT_TRANSLATE_NOOP("sohoa::cli", "Stop after N pages."), "N"),
        option("name-template",
               QT_TRANSLATE_NOOP("sohoa::cli", "File name template (default {dossier}/{component}/{seq:04}.{ext})."),
               "TEMPLATE"),
        option("separate",
               QT_TRANSLATE_NOOP("sohoa::cli",
                                 "Split the batch: qr (cover sheets and receipts open dossiers), patch-t (patch-T "
                                 "sheets start a new document) or every:N (a new document every N pages)."),
               "MODE"),
        option("cleanup",
               QT_TRANSLATE_NOOP("sohoa::cli",
                                 "Clean each saved page up: deskew, orient, crop, blank (flag blank pages), bilevel "
                                 "(text-only pages), comma-separated. The original is kept as scanned."),
               "STEPS"),
        storeOption(),
        jsonOption(),
    });
}

// A positive whole number within [min, max], or nullopt.
std::optional<int> intOption(const QCommandLineParser &parser, const QString &name, int min, int max)
{
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    return ok && v >= min && v <= max ? std::optional<int>(v) : std::nullopt;
}

// The request as the command line gives it; the first problem as a usage error (the order of the
// checks is the order of the messages users and scripts have seen since the first release).
Result<ScanRequest> scanRequestFrom(const QCommandLineParser &parser)
{
    const auto value = [&](const char *name) {
        return parser.value(QString::fromLatin1(name));
    };
    const auto isSet = [&](const char *name) {
        return parser.isSet(QString::fromLatin1(name));
    };
    if (!isSet("device"))
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--device is required"));
    ScanRequest r;
    if (isSet("separate")) {
        auto settings = SeparationSettings::parse(value("separate"));
        if (!settings)
            return settings.error();
        r.separation = settings.value();
    }
    // With --separate, no --dossier continues where the store's last separated batch ended.
    if (!isSet("dossier") && !r.separation.isEnabled())
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--dossier is required"));
    r.deviceName = value("device");
    r.dossierCode = value("dossier").trimmed();
    r.allowFreeFormCode = isSet("free-form");
    if (isSet("component"))
        r.component = value("component");
    if (isSet("cleanup")) {
        auto cleanup = CleanupOptions::fromList(value("cleanup"));
        if (!cleanup)
            return cleanup.error();
        r.cleanup = cleanup.value();
    }
    if (isSet("source")) {
        scanner::Source s;
        if (!scanner::sourceFromName(value("source"), &s))
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--source must be flatbed, adf or duplex"));
        r.settings.source = s;
    }
    if (isSet("mode")) {
        ColorMode m;
        if (!colorModeFromName(value("mode"), &m))
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--mode must be color, gray or lineart"));
        r.settings.mode = m;
    }
    if (isSet("resolution")) {
        // Whether the device can is the device's answer (ScannerOutOfRange names its range).
        r.settings.resolution = intOption(parser, QStringLiteral("resolution"), 1, std::numeric_limits<int>::max());
        if (!r.settings.resolution)
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--resolution must be a whole number of dpi, not %1"),
                         {value("resolution")});
    }
    if (isSet("page-size")) {
        const QSizeF size = scanner::ScannerDevice::pageSizeFromName(value("page-size"));
        if (size.isEmpty())
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--page-size must be A4, A5, Letter or WxHmm"));
        r.settings.pageSizeMm = size;
    }
    for (const QString &raw : parser.values(QStringLiteral("option"))) {
        const qsizetype eq = raw.indexOf(u'=');
        if (eq <= 0)
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--option needs NAME=VALUE, not %1"), {raw});
        r.rawOptions.append({raw.left(eq), raw.mid(eq + 1)});
    }
    if (isSet("format") && !ImageProfile::formatFromName(value("format"), &r.profile.format))
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--format must be auto, jpeg or png"));
    if (isSet("jpeg-quality")) {
        const auto q = intOption(parser, QStringLiteral("jpeg-quality"), 1, 100);
        if (!q)
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--jpeg-quality must be a whole number from 1 to 100"));
        r.profile.jpegQuality = *q;
    }
    if (isSet("max-pages")) {
        const auto n = intOption(parser, QStringLiteral("max-pages"), 1, std::numeric_limits<int>::max());
        if (!n)
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--max-pages must be a whole number from 1, not %1"),
                         {value("max-pages")});
        r.maxPages = *n;
    }
    if (isSet("at")) {
        const auto at = intOption(parser, QStringLiteral("at"), 1, std::numeric_limits<int>::max());
        if (!at || r.separation.isEnabled())
            return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--at must be a position from 1, without --separate"));
        r.insertAt = *at;
    }
    if (isSet("replace")) {
        if (!isSet("at"))
            return usage(
                QT_TRANSLATE_NOOP("sohoa::cli", "--replace needs --at N: the position of the first page to replace"));
        r.replace = true;
    }
    if (isSet("component") && DossierStore::sanitizeName(r.component.trimmed()).isEmpty())
        return usage(QT_TRANSLATE_NOOP("sohoa::cli", "--component needs a name (letters or digits), not \"%1\""),
                     {r.component});
    // The code before the store or the scanner: a typo must not cost a sheet of paper.
    if (isSet("dossier")) {
        if (auto form = DossierCode::validate(r.dossierCode, r.allowFreeFormCode); !form)
            return form.error();
    }
    return r;
}

// Prints the job's events as they come: a page line is printed only once the page is saved.
void printEvents(workflows::ScanBatchJob &job, bool json)
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

int printSummary(const workflows::ScanBatchJob &job, bool json)
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

} // namespace

int scanCommand(const QStringList &args)
{
    QCommandLineParser parser;
    addScanOptions(parser);
    const bool json = wantsJson(args);
    if (int code = 0; !parseArguments(parser, args, &code, json))
        return code;
    auto request = scanRequestFrom(parser);
    if (!request)
        return fail(request.error(), json);
    StoreOptions storeOptions;
    if (parser.isSet(QStringLiteral("name-template"))) {
        storeOptions.nameTemplate = parser.value(QStringLiteral("name-template"));
        if (auto checked = DossierStore::checkNameTemplate(storeOptions.nameTemplate); !checked)
            return fail(checked.error(), json);
    }
    auto store = openStore(parser, json, storeOptions, request->dossierCode);
    if (!store)
        return fail(store.error(), json);
    workflows::ScanBatchJob job(*store.value(), std::move(request).value());
    printEvents(job, json);
    runToEnd(job);
    return printSummary(job, json);
}

} // namespace sohoa::cli
