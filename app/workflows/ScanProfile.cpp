#include "app/workflows/ScanProfile.h"

#include "core/barcode/Separation.h"
#include "core/dossier/ScannedPage.h"
#include "core/imaging/PageEncoder.h"
#include "scanner/ScannerDevice.h"

#include <QCoreApplication>

namespace sohoa::workflows {

namespace {

Error profileError(const char *sourceText, const QStringList &args = {})
{
    return Error::withHint(ErrorCode::InvalidArgument, "sohoa::workflows::ScanProfile", sourceText, args);
}

} // namespace

QVariantMap ScanProfile::toVariant() const
{
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("device"), deviceName},
        {QStringLiteral("vendor"), deviceVendor},
        {QStringLiteral("model"), deviceModel},
        {QStringLiteral("source"), source},
        {QStringLiteral("mode"), mode},
        {QStringLiteral("resolution"), resolution},
        {QStringLiteral("pageSize"), pageSize},
        {QStringLiteral("format"), format},
        {QStringLiteral("jpegQuality"), jpegQuality},
        {QStringLiteral("separation"), separation},
        {QStringLiteral("cleanup"), cleanup},
        {QStringLiteral("archival"), archival},
        {QStringLiteral("ocr"), ocrLanguages},
        {QStringLiteral("options"), options},
    };
}

ScanProfile ScanProfile::fromVariant(const QVariantMap &map)
{
    ScanProfile p;
    const auto text = [&](const char *key, QString *field) {
        if (const auto it = map.find(QLatin1String(key)); it != map.end())
            *field = it->toString();
    };
    const auto number = [&](const char *key, int *field) {
        bool ok = false;
        if (const auto it = map.find(QLatin1String(key)); it != map.end()) {
            const int v = it->toInt(&ok);
            if (ok)
                *field = v;
        }
    };
    text("name", &p.name);
    text("device", &p.deviceName);
    text("vendor", &p.deviceVendor);
    text("model", &p.deviceModel);
    text("source", &p.source);
    text("mode", &p.mode);
    number("resolution", &p.resolution);
    text("pageSize", &p.pageSize);
    text("format", &p.format);
    number("jpegQuality", &p.jpegQuality);
    text("separation", &p.separation);
    text("cleanup", &p.cleanup);
    p.archival = map.value(QStringLiteral("archival"), false).toBool();
    text("ocr", &p.ocrLanguages);
    p.options = map.value(QStringLiteral("options")).toStringList();
    return p;
}

Result<void> ScanProfile::check() const
{
    if (name.trimmed().isEmpty())
        return profileError(QT_TRANSLATE_NOOP("sohoa::workflows::ScanProfile", "A scan profile needs a name."));
    scanner::Source s;
    if (!source.isEmpty() && !scanner::sourceFromName(source, &s))
        return profileError(
            QT_TRANSLATE_NOOP("sohoa::workflows::ScanProfile", "The source must be flatbed, adf or duplex, not %1."),
            {source});
    ColorMode m;
    if (!mode.isEmpty() && !colorModeFromName(mode, &m))
        return profileError(
            QT_TRANSLATE_NOOP("sohoa::workflows::ScanProfile", "The mode must be color, gray or lineart, not %1."),
            {mode});
    if (resolution < 50 || resolution > 2400)
        return profileError(
            QT_TRANSLATE_NOOP("sohoa::workflows::ScanProfile", "The resolution must be from 50 to 2400 dpi, not %1."),
            {QString::number(resolution)});
    if (!pageSize.isEmpty() && scanner::ScannerDevice::pageSizeFromName(pageSize).isEmpty())
        return profileError(
            QT_TRANSLATE_NOOP("sohoa::workflows::ScanProfile", "The page size must be A4, A5, Letter or WxHmm, not %1."),
            {pageSize});
    ImageProfile::Format f;
    if (!ImageProfile::formatFromName(format, &f))
        return profileError(
            QT_TRANSLATE_NOOP("sohoa::workflows::ScanProfile", "The format must be auto, jpeg or png, not %1."),
            {format});
    if (jpegQuality < 1 || jpegQuality > 100)
        return profileError(
            QT_TRANSLATE_NOOP("sohoa::workflows::ScanProfile", "The JPEG quality must be from 1 to 100, not %1."),
            {QString::number(jpegQuality)});
    if (!separation.isEmpty()) {
        if (auto sep = SeparationSettings::parse(separation); !sep)
            return sep.error();
    }
    if (!cleanup.isEmpty()) {
        if (auto c = CleanupOptions::fromList(cleanup); !c)
            return c.error();
    }
    for (const QString &option : options) {
        if (option.indexOf(u'=') <= 0)
            return profileError(
                QT_TRANSLATE_NOOP("sohoa::workflows::ScanProfile", "A device option needs NAME=VALUE, not %1."),
                {option});
    }
    return {};
}

Result<ScanRequest> ScanProfile::toRequest(const QString &device, const QString &dossierCode,
                                           const QString &component) const
{
    if (auto ok = check(); !ok)
        return ok.error();
    ScanRequest r;
    r.deviceName = device;
    r.dossierCode = dossierCode;
    if (!component.isEmpty())
        r.component = component;
    if (!source.isEmpty()) {
        scanner::Source s;
        scanner::sourceFromName(source, &s);
        r.settings.source = s;
    }
    if (!mode.isEmpty()) {
        ColorMode m;
        colorModeFromName(mode, &m);
        r.settings.mode = m;
    }
    r.settings.resolution = resolution;
    if (!pageSize.isEmpty())
        r.settings.pageSizeMm = scanner::ScannerDevice::pageSizeFromName(pageSize);
    ImageProfile::formatFromName(format, &r.profile.format);
    r.profile.jpegQuality = jpegQuality;
    if (!separation.isEmpty())
        r.separation = SeparationSettings::parse(separation).value();
    if (!cleanup.isEmpty())
        r.cleanup = CleanupOptions::fromList(cleanup).value();
    for (const QString &option : options) {
        const qsizetype eq = option.indexOf(u'=');
        r.rawOptions.append({option.left(eq).trimmed(), option.mid(eq + 1)});
    }
    return r;
}

QList<ScanProfile> ScanProfile::defaults()
{
    // Names are data the user renames; they start in the user's language.
    ScanProfile counter;
    counter.name = QCoreApplication::translate("sohoa::workflows::ScanProfile", "Counter desk: colour 300 dpi");
    ScanProfile archiveQr;
    archiveQr.name = QCoreApplication::translate("sohoa::workflows::ScanProfile", "Archive: QR cover sheets");
    archiveQr.separation = QStringLiteral("qr");
    ScanProfile archivePatch;
    archivePatch.name = QCoreApplication::translate("sohoa::workflows::ScanProfile", "Archive: patch-T, gray 300 dpi");
    archivePatch.mode = QStringLiteral("gray");
    archivePatch.separation = QStringLiteral("patch-t");
    return {counter, archiveQr, archivePatch};
}

scanner::DeviceInfo pickDevice(const ScanProfile &profile, const QList<scanner::DeviceInfo> &found)
{
    for (const scanner::DeviceInfo &d : found) {
        if (!profile.deviceName.isEmpty() && d.name == profile.deviceName)
            return d;
    }
    for (const scanner::DeviceInfo &d : found) {
        if (!profile.deviceVendor.isEmpty() && d.vendor == profile.deviceVendor && d.model == profile.deviceModel)
            return d;
    }
    return {};
}

} // namespace sohoa::workflows
