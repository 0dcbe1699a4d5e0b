#include "app/cli/CliCommands.h"

#include "app/cli/CliArgs.h"
#include "app/cli/CliOutput.h"
#include "app/cli/CliStamp.h"
#include "core/barcode/CoverSheet.h"
#include "core/dossier/DossierCode.h"
#include "core/dossier/DossierStore.h"
#include "core/pdf/PdfWriter.h"
#include "scanner/SaneRuntime.h"
#include "scanner/ScanToDossier.h"
#include "scanner/ScannerDevice.h"
#include "SohoaVersion.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <atomic>
#include <chrono>
#include <csignal>
#include <optional>
#include <thread>

namespace sohoa::cli {

namespace {

std::atomic<int> g_signal{0};

extern "C" void onSignal(int sig)
{
    g_signal.store(sig);
}

const QString kUsage = QStringLiteral(
    "Usage: sohoa-cli COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  devices [--json]                       list scanners\n"
    "  scan --device NAME --dossier CODE ...  scan a batch into a dossier (see scan --help)\n"
    "  dossier list [--json]                  list dossiers in the store\n"
    "  dossier show CODE [--json]             show a dossier with its components and pages\n"
    "  dossier export CODE --out FILE.pdf [--component NAME] [--overwrite]\n"
    "  dossier verify CODE [--json]           re-check every page file against its SHA-256\n"
    "  sign INPUT.pdf... --out DIR|FILE ...   sign PDFs with a .p12 file or a token (see sign --help)\n"
    "  coversheet --dossier CODE [--component NAME]... --out FILE.pdf [--overwrite]\n"
    "                                         print A4 cover sheets for scanning with --separate qr\n"
    "  stamp-qr IN.pdf --out OUT.pdf --text T stamp a QR code on pages (see stamp-qr --help)\n"
    "\n"
    "Common options: --store DIR (default $SOHOA_STORE or the XDG data folder), --json, --version, --help\n");

QCommandLineOption storeOption()
{
    return {QStringLiteral("store"), QStringLiteral("Dossier store folder."), QStringLiteral("DIR")};
}

QCommandLineOption jsonOption()
{
    return {QStringLiteral("json"), QStringLiteral("One JSON object per line.")};
}

int usageError(const QString &text, bool json)
{
    return fail(Error(ErrorCode::InvalidArgument, text), json);
}

Result<std::unique_ptr<DossierStore>> openStore(const QCommandLineParser &parser, bool json,
                                                const StoreOptions &options = {})
{
    const QString dir =
        parser.isSet(QStringLiteral("store")) ? parser.value(QStringLiteral("store")) : DossierStore::defaultLocation();
    auto store = DossierStore::open(dir, options);
    if (!store)
        return store;
    const RecoveryReport &rep = store.value()->recoveryReport();
    if (!rep.isClean()) {
        QJsonArray adopted, missing, damaged, removed;
        for (const auto &p : rep.adoptedPages)
            adopted.append(p.relativePath);
        for (const auto &p : rep.missingPages)
            missing.append(p.relativePath);
        for (const auto &p : rep.damagedPages)
            damaged.append(p.relativePath);
        for (const auto &t : rep.removedTemporaries)
            removed.append(t);
        if (json) {
            printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("recovery")},
                                  {QStringLiteral("adopted"), adopted},
                                  {QStringLiteral("missing"), missing},
                                  {QStringLiteral("damaged"), damaged},
                                  {QStringLiteral("removed_temporaries"), removed}});
        }
        for (const auto &p : rep.adoptedPages)
            printWarning(QStringLiteral("Khôi phục trang đã ghi trọn vẹn / Recovered a complete page: ") +
                         p.relativePath);
        for (const auto &t : rep.removedTemporaries)
            printWarning(QStringLiteral("Đã xóa tệp tạm chưa hoàn tất / Removed an incomplete temporary file: ") + t);
        for (const auto &p : rep.missingPages)
            printWarning(Error(ErrorCode::PageFileMissing, p.relativePath).fullText());
        for (const auto &p : rep.damagedPages)
            printWarning(Error(ErrorCode::PageFileDamaged, p.relativePath).fullText());
    }
    return store;
}

int cmdDevices(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(jsonOption());
    int code = 0;
    const bool json = args.contains(QStringLiteral("--json"));
    if (!parseArguments(parser, args, &code, json))
        return code;
    auto devices = scanner::SaneRuntime::listDevices();
    if (!devices)
        return fail(devices.error(), json);
    QJsonArray list;
    for (const auto &dev : devices.value()) {
        if (json) {
            list.append(QJsonObject{{QStringLiteral("name"), dev.name},
                                    {QStringLiteral("vendor"), dev.vendor},
                                    {QStringLiteral("model"), dev.model},
                                    {QStringLiteral("type"), dev.type}});
        } else {
            printLine(QStringLiteral("%1\t%2 %3 (%4)").arg(dev.name, dev.vendor, dev.model, dev.type));
        }
    }
    if (json)
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("devices")}, {QStringLiteral("devices"), list}});
    else if (devices->isEmpty())
        printWarning(QStringLiteral("Không tìm thấy máy quét nào. / No scanners found."));
    return 0;
}

int cmdScan(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Scan a batch straight into a dossier component."));
    const QCommandLineOption device(QStringLiteral("device"), QStringLiteral("SANE device name (see devices)."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption source(QStringLiteral("source"), QStringLiteral("flatbed, adf or duplex."),
                                    QStringLiteral("SOURCE"));
    const QCommandLineOption mode(QStringLiteral("mode"), QStringLiteral("color, gray or lineart."),
                                  QStringLiteral("MODE"));
    const QCommandLineOption resolution(QStringLiteral("resolution"), QStringLiteral("Resolution in dpi."),
                                        QStringLiteral("DPI"));
    const QCommandLineOption pageSize(QStringLiteral("page-size"), QStringLiteral("A4, A5, Letter or WxHmm."),
                                      QStringLiteral("SIZE"));
    const QCommandLineOption rawOption(QStringLiteral("option"),
                                       QStringLiteral("Raw SANE option NAME=VALUE (repeatable)."),
                                       QStringLiteral("NAME=VALUE"));
    const QCommandLineOption dossier(QStringLiteral("dossier"), QStringLiteral("Dossier code."),
                                     QStringLiteral("CODE"));
    const QCommandLineOption freeForm(QStringLiteral("free-form"),
                                      QStringLiteral("Accept a dossier code of no standard form."));
    const QCommandLineOption component(
        QStringLiteral("component"), QStringLiteral("Component name (default \"Tài liệu\")."), QStringLiteral("NAME"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Page image format: auto, jpeg or png."),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption quality(QStringLiteral("jpeg-quality"), QStringLiteral("JPEG quality 1-100 (default 85)."),
                                     QStringLiteral("Q"));
    const QCommandLineOption maxPages(QStringLiteral("max-pages"), QStringLiteral("Stop after N pages."),
                                      QStringLiteral("N"));
    const QCommandLineOption nameTemplate(
        QStringLiteral("name-template"),
        QStringLiteral("File name template (default {dossier}/{component}/{seq:04}.{ext})."),
        QStringLiteral("TEMPLATE"));
    const QCommandLineOption separate(
        QStringLiteral("separate"),
        QStringLiteral("Split the batch: qr (cover sheets and receipts open dossiers), patch-t (patch-T sheets "
                       "start a new document) or every:N (a new document every N pages)."),
        QStringLiteral("MODE"));
    parser.addOptions({device, source, mode, resolution, pageSize, rawOption, dossier, freeForm, component, format,
                       quality, maxPages, nameTemplate, separate, storeOption(), jsonOption()});
    const bool json = args.contains(QStringLiteral("--json"));
    int code = 0;
    if (!parseArguments(parser, args, &code, json))
        return code;
    if (!parser.isSet(device))
        return usageError(QStringLiteral("--device is required"), json);
    scanner::ScanJob job;
    if (parser.isSet(separate)) {
        auto settings = SeparationSettings::parse(parser.value(separate));
        if (!settings)
            return fail(settings.error(), json);
        job.separation = settings.value();
    }
    // With --separate, no --dossier continues where the store's last separated batch ended.
    if (!parser.isSet(dossier) && !job.separation.isEnabled())
        return usageError(QStringLiteral("--dossier is required"), json);

    job.deviceName = parser.value(device);
    job.dossierCode = parser.value(dossier).trimmed();
    job.allowFreeFormCode = parser.isSet(freeForm);
    if (parser.isSet(component))
        job.component = parser.value(component);
    if (parser.isSet(source)) {
        const QString s = parser.value(source).toLower();
        if (s == u"flatbed")
            job.settings.source = scanner::Source::Flatbed;
        else if (s == u"adf")
            job.settings.source = scanner::Source::Adf;
        else if (s == u"duplex")
            job.settings.source = scanner::Source::AdfDuplex;
        else
            return usageError(QStringLiteral("--source must be flatbed, adf or duplex"), json);
    }
    if (parser.isSet(mode)) {
        ColorMode m;
        if (!colorModeFromName(parser.value(mode), &m))
            return usageError(QStringLiteral("--mode must be color, gray or lineart"), json);
        job.settings.mode = m;
    }
    if (parser.isSet(resolution)) {
        bool ok = false;
        const int dpi = parser.value(resolution).toInt(&ok);
        if (!ok || dpi < 10 || dpi > 19200)
            return usageError(QStringLiteral("--resolution must be a number of dpi"), json);
        job.settings.resolution = dpi;
    }
    if (parser.isSet(pageSize)) {
        const QSizeF size = scanner::ScannerDevice::pageSizeFromName(parser.value(pageSize));
        if (size.isEmpty())
            return usageError(QStringLiteral("--page-size must be A4, A5, Letter or WxHmm"), json);
        job.settings.pageSizeMm = size;
    }
    for (const QString &raw : parser.values(rawOption)) {
        const qsizetype eq = raw.indexOf(u'=');
        if (eq <= 0)
            return usageError(QStringLiteral("--option needs NAME=VALUE: ") + raw, json);
        job.rawOptions.append({raw.left(eq), raw.mid(eq + 1)});
    }
    if (parser.isSet(format) && !ImageProfile::formatFromName(parser.value(format), &job.profile.format))
        return usageError(QStringLiteral("--format must be auto, jpeg or png"), json);
    if (parser.isSet(quality)) {
        bool ok = false;
        job.profile.jpegQuality = parser.value(quality).toInt(&ok);
        if (!ok || job.profile.jpegQuality < 1 || job.profile.jpegQuality > 100)
            return usageError(QStringLiteral("--jpeg-quality must be 1-100"), json);
    }
    if (parser.isSet(maxPages)) {
        bool ok = false;
        job.maxPages = parser.value(maxPages).toInt(&ok);
        if (!ok || job.maxPages < 0)
            return usageError(QStringLiteral("--max-pages must be a positive number"), json);
    }
    // Validate the code before touching the store or the scanner.
    if (parser.isSet(dossier)) {
        if (auto form = DossierCode::validate(job.dossierCode, job.allowFreeFormCode); !form)
            return fail(form.error(), json);
    }

    StoreOptions storeOptions;
    if (parser.isSet(nameTemplate))
        storeOptions.nameTemplate = parser.value(nameTemplate);
    auto store = openStore(parser, json, storeOptions);
    if (!store)
        return fail(store.error(), json);

    scanner::ScanToDossier pipeline(*store.value());

    // Ctrl+C / SIGTERM: cancel the scan; pages already read are still saved.
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::atomic<bool> running{true};
    std::thread watcher([&] {
        while (running.load()) {
            if (g_signal.load() != 0) {
                pipeline.cancel();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });

    scanner::ScanCallbacks callbacks;
    // Where pages go, for the page events of a separated batch (callbacks arrive in sheet order).
    QString currentDossier, currentComponent;
    callbacks.started = [&](const scanner::ScanReport &r) {
        currentDossier = r.dossier.code;
        currentComponent = r.component.name;
        if (json) {
            QJsonObject o{{QStringLiteral("event"), QStringLiteral("started")},
                          {QStringLiteral("dossier"), r.dossier.code},
                          {QStringLiteral("component"), r.component.name},
                          {QStringLiteral("batch"), r.batchId},
                          {QStringLiteral("device"), job.deviceName}};
            if (job.separation.isEnabled())
                o.insert(QStringLiteral("separate"), job.separation.name());
            printJson(o);
        }
    };
    callbacks.pageSaved = [&](const PageRecord &page) {
        if (json) {
            QJsonObject o = pageJson(page);
            o.insert(QStringLiteral("event"), QStringLiteral("page"));
            if (job.separation.isEnabled()) {
                o.insert(QStringLiteral("dossier"), currentDossier);
                o.insert(QStringLiteral("component"), currentComponent);
            }
            printJson(o);
        } else {
            printLine(QStringLiteral("saved %1 %2").arg(page.absolutePath, page.sha256));
        }
    };
    callbacks.separated = [&](const scanner::SeparationEvent &ev) {
        currentDossier = ev.dossierCode;
        currentComponent = ev.component;
        if (json) {
            printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("separator")},
                                  {QStringLiteral("sheet"), ev.sheet},
                                  {QStringLiteral("kind"), ev.kind},
                                  {QStringLiteral("value"), ev.value},
                                  {QStringLiteral("format"), ev.format},
                                  {QStringLiteral("dossier"), ev.dossierCode},
                                  {QStringLiteral("component"), ev.component},
                                  {QStringLiteral("dossier_created"), ev.dossierCreated}});
        } else {
            printLine(
                QStringLiteral("separator %1 (%2) -> %3 / %4").arg(ev.kind, ev.value, ev.dossierCode, ev.component));
        }
    };
    callbacks.separationWarning = [&](const scanner::SeparationWarning &w) {
        if (json)
            printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("warning")},
                                  {QStringLiteral("sheet"), w.sheet},
                                  {QStringLiteral("value"), w.value},
                                  {QStringLiteral("error"), errorJson(w.error)}});
        printWarning(QStringLiteral("Tờ %1 / Sheet %1:\n").arg(w.sheet) + w.error.fullText());
    };
    const scanner::ScanReport report = pipeline.run(job, callbacks);
    running = false;
    watcher.join();

    const int saved = static_cast<int>(report.savedPages.size());
    if (json) {
        QJsonObject summary{
            {QStringLiteral("event"), QStringLiteral("summary")},
            {QStringLiteral("dossier"), report.dossier.code},
            {QStringLiteral("component"), report.component.name},
            {QStringLiteral("batch"), report.batchId},
            {QStringLiteral("pages_saved"), saved},
            {QStringLiteral("pages_read_not_saved"), report.pagesAcquiredNotSaved},
            {QStringLiteral("status"), report.error.isError() ? QStringLiteral("error") : QStringLiteral("ok")}};
        if (job.separation.isEnabled()) {
            summary.insert(QStringLiteral("separators"), static_cast<int>(report.separations.size()));
            summary.insert(QStringLiteral("warnings"), static_cast<int>(report.separationWarnings.size()));
        }
        if (report.error.isError())
            summary.insert(QStringLiteral("error"), errorJson(report.error));
        printJson(summary);
    } else {
        printLine(
            QStringLiteral("%1 page(s) saved into %2 / %3").arg(saved).arg(report.dossier.code, report.component.name));
    }
    if (report.error.isError()) {
        printWarning(QStringLiteral("Lỗi / Error [%1]:\n").arg(report.error.id()) + report.error.fullText());
        if (saved > 0 || report.error.code() != ErrorCode::FeederEmpty)
            printWarning(
                QStringLiteral("Đã lưu %1 trang; chạy lại cùng lệnh để quét tiếp vào cùng hồ sơ. / "
                               "%1 page(s) are saved; run the same command again to continue into the same dossier.")
                    .arg(saved));
        if (report.pagesAcquiredNotSaved > 0)
            printWarning(QStringLiteral("%1 trang đã quét nhưng CHƯA được lưu, cần quét lại. / "
                                        "%1 page(s) were read but NOT saved and must be scanned again.")
                             .arg(report.pagesAcquiredNotSaved));
        return report.error.exitStatus();
    }
    return 0;
}

int cmdDossierList(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({storeOption(), jsonOption()});
    const bool json = args.contains(QStringLiteral("--json"));
    int code = 0;
    if (!parseArguments(parser, args, &code, json))
        return code;
    auto store = openStore(parser, json);
    if (!store)
        return fail(store.error(), json);
    auto list = store.value()->dossiers();
    if (!list)
        return fail(list.error(), json);
    QJsonArray arr;
    for (const DossierInfo &d : list.value()) {
        auto pages = store.value()->dossierPages(d.id);
        const int count = pages ? static_cast<int>(pages->size()) : 0;
        if (json) {
            QJsonObject o = dossierJson(d);
            o.insert(QStringLiteral("page_count"), count);
            arr.append(o);
        } else {
            printLine(QStringLiteral("%1\t%2 page(s)\t%3\t%4")
                          .arg(d.code)
                          .arg(count)
                          .arg(d.status, d.updatedAt.toString(Qt::ISODate)));
        }
    }
    if (json)
        printJson(
            QJsonObject{{QStringLiteral("event"), QStringLiteral("dossiers")}, {QStringLiteral("dossiers"), arr}});
    return 0;
}

struct OpenedDossier
{
    std::unique_ptr<DossierStore> store;
    DossierInfo dossier;
    bool json = false;
};

// The common start of `dossier show|export|verify CODE`: parses the arguments (the command's own
// options already added to the parser), opens the store and finds the dossier. On nullopt the
// command ends with *exitCode.
std::optional<OpenedDossier> openDossierCommand(QCommandLineParser &parser, const QStringList &args,
                                                const QString &command, int *exitCode)
{
    parser.addOptions({storeOption(), jsonOption()});
    parser.addPositionalArgument(QStringLiteral("CODE"), QStringLiteral("Dossier code."));
    OpenedDossier opened;
    opened.json = args.contains(QStringLiteral("--json"));
    if (!parseArguments(parser, args, exitCode, opened.json))
        return std::nullopt;
    if (parser.positionalArguments().size() != 1) {
        *exitCode = usageError(command + QStringLiteral(" needs exactly one CODE"), opened.json);
        return std::nullopt;
    }
    auto store = openStore(parser, opened.json);
    if (!store) {
        *exitCode = fail(store.error(), opened.json);
        return std::nullopt;
    }
    auto dossier = store.value()->dossier(parser.positionalArguments().constFirst());
    if (!dossier) {
        *exitCode = fail(dossier.error(), opened.json);
        return std::nullopt;
    }
    opened.store = std::move(store).value();
    opened.dossier = dossier.value();
    return opened;
}

int cmdDossierShow(const QStringList &args)
{
    QCommandLineParser parser;
    int exitCode = 0;
    auto opened = openDossierCommand(parser, args, QStringLiteral("dossier show"), &exitCode);
    if (!opened)
        return exitCode;
    const bool json = opened->json;
    DossierStore *store = opened->store.get();
    const DossierInfo *dossier = &opened->dossier;
    auto comps = store->components(dossier->id);
    if (!comps)
        return fail(comps.error(), json);
    QJsonArray compArr;
    if (!json)
        printLine(QStringLiteral("%1 (%2) created %3")
                      .arg(dossier->code, dossier->status, dossier->createdAt.toString(Qt::ISODate)));
    for (const ComponentInfo &c : comps.value()) {
        auto pages = store->pages(c.id);
        if (!pages)
            return fail(pages.error(), json);
        QJsonArray pageArr;
        if (!json)
            printLine(QStringLiteral("  %1. %2: %3 page(s)").arg(c.position).arg(c.name).arg(pages->size()));
        for (const PageRecord &p : pages.value()) {
            if (json)
                pageArr.append(pageJson(p));
            else
                printLine(QStringLiteral("     %1 %2x%3 %4dpi %5 %6")
                              .arg(p.relativePath)
                              .arg(p.width)
                              .arg(p.height)
                              .arg(p.dpi)
                              .arg(colorModeName(p.mode), p.sha256));
        }
        compArr.append(QJsonObject{{QStringLiteral("name"), c.name},
                                   {QStringLiteral("position"), c.position},
                                   {QStringLiteral("page_count"), pageArr.size()},
                                   {QStringLiteral("pages"), pageArr}});
    }
    if (json) {
        QJsonObject o = dossierJson(*dossier);
        o.insert(QStringLiteral("event"), QStringLiteral("dossier"));
        o.insert(QStringLiteral("components"), compArr);
        printJson(o);
    }
    return 0;
}

int cmdDossierExport(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Output PDF file."), QStringLiteral("FILE"));
    const QCommandLineOption component(QStringLiteral("component"), QStringLiteral("Export only this component."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption overwrite(QStringLiteral("overwrite"), QStringLiteral("Replace an existing output file."));
    parser.addOptions({out, component, overwrite});
    int exitCode = 0;
    auto opened = openDossierCommand(parser, args, QStringLiteral("dossier export"), &exitCode);
    if (!opened)
        return exitCode;
    const bool json = opened->json;
    if (!parser.isSet(out))
        return usageError(QStringLiteral("--out FILE.pdf is required"), json);
    DossierStore *store = opened->store.get();
    const DossierInfo *dossier = &opened->dossier;

    QList<PageRecord> pages;
    QString title = dossier->code;
    if (parser.isSet(component)) {
        auto comp = store->component(dossier->id, parser.value(component));
        if (!comp)
            return fail(comp.error(), json);
        auto list = store->pages(comp->id);
        if (!list)
            return fail(list.error(), json);
        pages = list.value();
        title += QStringLiteral(" — ") + comp->name;
    } else {
        auto list = store->dossierPages(dossier->id);
        if (!list)
            return fail(list.error(), json);
        pages = list.value();
    }
    // A page whose file is gone or changed must not slip silently out of the PDF.
    for (const PageRecord &p : std::as_const(pages)) {
        const QFileInfo fi(p.absolutePath);
        if (!fi.exists())
            return fail(Error(ErrorCode::PageFileMissing, p.relativePath), json);
        if (fi.size() != p.size)
            return fail(Error(ErrorCode::PageFileDamaged, p.relativePath), json);
    }

    QList<PdfPageSource> sources;
    for (const PageRecord &p : std::as_const(pages))
        sources.append({p.absolutePath, p.dpi});
    PdfMetadata meta;
    meta.title = title;
    meta.subject = dossier->procedure.isEmpty() ? QStringLiteral("Hồ sơ số hóa") : dossier->procedure;
    meta.author = dossier->applicant;
    meta.keywords = dossier->code;
    meta.created = dossier->createdAt;
    meta.modified = QDateTime::currentDateTime();
    PdfWriteOptions options;
    options.overwrite = parser.isSet(overwrite);
    const QString outPath = QFileInfo(parser.value(out)).absoluteFilePath();
    auto written = PdfWriter::write(outPath, sources, meta, options);
    if (!written)
        return fail(written.error(), json);
    (void)store->audit(
        QStringLiteral("pdf-exported"),
        QStringLiteral("%1 (%2 pages, %3 bytes)").arg(outPath).arg(written->pageCount).arg(written->fileSize),
        dossier->id);
    if (json) {
        QJsonArray enc;
        for (const QString &e : written->pageEncodings)
            enc.append(e);
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("exported")},
                              {QStringLiteral("dossier"), dossier->code},
                              {QStringLiteral("path"), outPath},
                              {QStringLiteral("pages"), written->pageCount},
                              {QStringLiteral("size"), written->fileSize},
                              {QStringLiteral("encodings"), enc}});
    } else {
        printLine(outPath);
    }
    return 0;
}

int cmdDossierVerify(const QStringList &args)
{
    QCommandLineParser parser;
    int exitCode = 0;
    auto opened = openDossierCommand(parser, args, QStringLiteral("dossier verify"), &exitCode);
    if (!opened)
        return exitCode;
    const bool json = opened->json;
    DossierStore *store = opened->store.get();
    const DossierInfo *dossier = &opened->dossier;
    QList<PageRecord> damaged, missing;
    auto all = store->verifyDossier(dossier->id, &damaged, &missing);
    if (!all)
        return fail(all.error(), json);
    if (json) {
        QJsonArray d, m;
        for (const auto &p : damaged)
            d.append(p.relativePath);
        for (const auto &p : missing)
            m.append(p.relativePath);
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("verified")},
                              {QStringLiteral("dossier"), dossier->code},
                              {QStringLiteral("pages"), static_cast<int>(all->size())},
                              {QStringLiteral("damaged"), d},
                              {QStringLiteral("missing"), m}});
    } else {
        printLine(QStringLiteral("%1 page(s) checked, %2 damaged, %3 missing")
                      .arg(all->size())
                      .arg(damaged.size())
                      .arg(missing.size()));
    }
    if (!missing.isEmpty())
        return fail(Error(ErrorCode::PageFileMissing, missing.constFirst().relativePath), false);
    if (!damaged.isEmpty())
        return fail(Error(ErrorCode::PageFileDamaged, damaged.constFirst().relativePath), false);
    return 0;
}

int cmdCoverSheet(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print A4 cover sheets for scanning with --separate qr."));
    const QCommandLineOption dossier(QStringLiteral("dossier"), QStringLiteral("Dossier code."),
                                     QStringLiteral("CODE"));
    const QCommandLineOption component(QStringLiteral("component"),
                                       QStringLiteral("Component name (repeatable: one sheet each)."),
                                       QStringLiteral("NAME"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Output PDF file."), QStringLiteral("FILE"));
    const QCommandLineOption overwrite(QStringLiteral("overwrite"), QStringLiteral("Replace an existing output file."));
    const QCommandLineOption freeForm(QStringLiteral("free-form"),
                                      QStringLiteral("Accept a dossier code of no standard form."));
    const QCommandLineOption ec(QStringLiteral("ec"), QStringLiteral("QR error correction L, M, Q or H (default H)."),
                                QStringLiteral("LEVEL"));
    parser.addOptions({dossier, component, out, overwrite, freeForm, ec, jsonOption()});
    const bool json = args.contains(QStringLiteral("--json"));
    int code = 0;
    if (!parseArguments(parser, args, &code, json))
        return code;
    if (!parser.isSet(dossier))
        return usageError(QStringLiteral("--dossier is required"), json);
    if (!parser.isSet(out))
        return usageError(QStringLiteral("--out FILE.pdf is required"), json);
    CoverSheetSpec spec;
    spec.dossierCode = parser.value(dossier).trimmed();
    spec.allowFreeFormCode = parser.isSet(freeForm);
    for (const QString &c : parser.values(component)) {
        if (c.trimmed().isEmpty())
            return usageError(QStringLiteral("--component needs a name"), json);
        spec.components.append(c.trimmed());
    }
    if (parser.isSet(ec)) {
        const auto level = parseQrErrorCorrection(parser.value(ec));
        if (!level)
            return usageError(QStringLiteral("--ec must be L, M, Q or H"), json);
        spec.level = *level;
    }
    if (auto form = DossierCode::validate(spec.dossierCode, spec.allowFreeFormCode); !form)
        return fail(form.error(), json);
    const QString outPath = QFileInfo(parser.value(out)).absoluteFilePath();
    auto written = CoverSheet::write(outPath, spec, parser.isSet(overwrite));
    if (!written)
        return fail(written.error(), json);
    if (json) {
        QJsonArray payloads;
        for (const QString &p : written->payloads)
            payloads.append(p);
        printJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("coversheet")},
                              {QStringLiteral("dossier"), spec.dossierCode},
                              {QStringLiteral("path"), outPath},
                              {QStringLiteral("pages"), written->pages},
                              {QStringLiteral("size"), written->size},
                              {QStringLiteral("payloads"), payloads}});
    } else {
        printLine(outPath);
    }
    return 0;
}

} // namespace

QString versionString()
{
    return QStringLiteral(SOHOA_VERSION_STRING);
}

int run(const QStringList &arguments)
{
    if (arguments.size() < 2 || arguments.at(1) == u"--help" || arguments.at(1) == u"-h" ||
        arguments.at(1) == u"help") {
        printLine(kUsage);
        return arguments.size() < 2 ? 2 : 0;
    }
    const QString command = arguments.at(1);
    if (command == u"--version" || command == u"-v" || command == u"version") {
        printLine(QStringLiteral("sohoa-cli ") + versionString());
        return 0;
    }
    // Sub-command arguments, with the program name in front for QCommandLineParser.
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.at(0));
    if (command == u"devices")
        return cmdDevices(rest);
    if (command == u"scan")
        return cmdScan(rest);
    if (command == u"sign")
        return cmdSign(rest);
    if (command == u"coversheet")
        return cmdCoverSheet(rest);
    if (command == u"stamp-qr")
        return cmdStampQr(rest);
    if (command == u"dossier") {
        const QString sub = arguments.size() > 2 ? arguments.at(2) : QString();
        QStringList subArgs = arguments.mid(3);
        subArgs.prepend(arguments.at(0));
        if (sub == u"list")
            return cmdDossierList(subArgs);
        if (sub == u"show")
            return cmdDossierShow(subArgs);
        if (sub == u"export")
            return cmdDossierExport(subArgs);
        if (sub == u"verify")
            return cmdDossierVerify(subArgs);
        return usageError(QStringLiteral("dossier needs list, show, export or verify"),
                          arguments.contains(QStringLiteral("--json")));
    }
    return usageError(QStringLiteral("unknown command: ") + command + QStringLiteral("\n") + kUsage,
                      arguments.contains(QStringLiteral("--json")));
}

} // namespace sohoa::cli
