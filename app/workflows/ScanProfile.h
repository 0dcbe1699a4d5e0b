#pragma once

#include "app/workflows/ScanBatchJob.h"
#include "core/common/Result.h"
#include "scanner/SaneRuntime.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace sohoa::workflows {

// A named way of scanning that an archivist sets up once and picks with Ctrl+1…9: which device, how
// (source, mode, resolution, page size), how pages are kept (format, JPEG quality) and how a batch is
// split (separator sheets). Stored in the settings as a map of plain values, so that a profile written
// by one version reads in the next (unknown keys are ignored, missing ones keep their defaults).
struct ScanProfile
{
    QString name;
    // The device as the user chose it. A USB device's SANE name carries its bus path, which changes
    // between plug-ins: the vendor and model find it again (see pickDevice()).
    QString deviceName;
    QString deviceVendor;
    QString deviceModel;
    QString source = QStringLiteral("adf"); // "flatbed", "adf", "duplex"; empty: the device's own
    QString mode = QStringLiteral("color"); // "color", "gray", "lineart"
    int resolution = 300;
    QString pageSize = QStringLiteral("A4"); // as ScannerDevice::pageSizeFromName; empty: the device's
    QString format = QStringLiteral("auto"); // "auto", "jpeg", "png"
    int jpegQuality = 85;
    QString separation; // empty, "qr", "patch-t" or "every:N"
    // Cleanup of every saved page: "deskew,orient,crop,blank[,bilevel]" (CleanupOptions); empty: none.
    QString cleanup;
    // Archival output of the dossiers scanned with this profile: PDF/A-2b with an OCR text layer in
    // these languages ("vie", "vie+eng"; empty: no OCR).
    bool archival = false;
    QString ocrLanguages = QStringLiteral("vie");
    // The device's own options, "name=value", applied after the settings above (as sohoa-cli's
    // --option): what a particular scanner needs (a backend's paper feed mode, the pnm file).
    QStringList options;

    QVariantMap toVariant() const;
    static ScanProfile fromVariant(const QVariantMap &map);
    // Checks every field; the first problem as an InvalidArgument with its words.
    Result<void> check() const;
    // A scan request for `dossierCode` / `component` (the request's other fields at their defaults).
    Result<ScanRequest> toRequest(const QString &deviceName, const QString &dossierCode, const QString &component) const;

    // What a new installation offers: a counter-desk profile and two archive profiles (QR cover
    // sheets, patch-T), all for the first device found.
    static QList<ScanProfile> defaults();
};

// The device to use for a profile among those found: the same SANE name, else the same vendor and
// model (the bus path changed), else none (an empty name).
scanner::DeviceInfo pickDevice(const ScanProfile &profile, const QList<scanner::DeviceInfo> &found);

} // namespace sohoa::workflows
