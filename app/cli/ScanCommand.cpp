// `sohoa-cli scan`: a batch from a scanner straight into a dossier (ScanBatchJob).

#include "app/cli/CliArgs.h"
#include "app/cli/CliJobs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStore.h"
#include "app/cli/ScanOutput.h"
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
               QT_TRANSLATE_NOOP(
                   "sohoa::cli",
                   "Clean each saved page up: deskew, orient, crop, blank (flag blank pages; blank=PERCENT sets "
                   "the most ink a blank page may carry, default 0.02), bilevel (text-only pages), "
                   "comma-separated. The original is kept as scanned."),
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
    printScanEvents(job, json);
    runToEnd(job);
    return printScanSummary(job, json);
}

} // namespace sohoa::cli
