#pragma once

// The QR options `stamp-qr` and `sign --qr` share.

#include "core/pdf/PdfQrStamper.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

#include <optional>

namespace sohoa::cli {

// Layout options named with a prefix ("" for stamp-qr, "qr-" for sign): pages, position, size-mm,
// caption, ec; and the values --dossier-code, --doc-number, --url.
Result<void> parseQrLayout(const QCommandLineParser &parser, const QString &prefix, QrStampOptions *options);

// --qr TEMPLATE, --qr-pages, --qr-position, --qr-size-mm, --qr-caption, --qr-ec, --dossier-code, --url
// (--doc-number is sign's own option).
QList<QCommandLineOption> qrSignOptions();
// nullopt without --qr; the template is checked at once (before any key is opened).
Result<std::optional<QrStampOptions>> qrOptionsForSign(const QCommandLineParser &parser);

} // namespace sohoa::cli
