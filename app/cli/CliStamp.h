#pragma once

// `sohoa-cli stamp-qr`, and the QR options that `sohoa-cli sign --qr` shares with it.

#include "core/pdf/PdfQrStamper.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

#include <optional>

namespace sohoa::cli {

int cmdStampQr(const QStringList &args);

// --qr TEMPLATE, --qr-pages, --qr-position, --qr-size-mm, --qr-caption, --qr-ec, --dossier-code, --url
// (--doc-number is sign's own option).
QList<QCommandLineOption> qrSignOptions();
// nullopt without --qr.
Result<std::optional<QrStampOptions>> qrOptionsForSign(const QCommandLineParser &parser);

// Stamps input into a fresh temporary next to output (".NAME.qr.tmp-XXXXXX"), to be signed into output
// and removed by the caller.
Result<QString> stampBeforeSigning(const QString &input, const QString &output, const QrStampOptions &options);

} // namespace sohoa::cli
