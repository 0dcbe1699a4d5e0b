#pragma once

// What `sohoa-cli sign` reads from its command line: the options every file of the batch shares,
// and where the key is.

#include "app/workflows/SigningKeyOpener.h"
#include "signing/PdfSigner.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

namespace sohoa::cli {

QList<QCommandLineOption> signOptions();
// Appearance, placement, reason/location/contact, timestamp, CMS flavour, hash, overwrite. The first
// problem as an InvalidArgument error naming the option.
Result<signing::SignOptions> signOptionsFrom(const QCommandLineParser &parser);
// --p12 FILE, or a token (--pkcs11-module/--token/--key LABEL, or --key pkcs11:URI).
Result<workflows::KeySource> keySourceFrom(const QCommandLineParser &parser);

} // namespace sohoa::cli
