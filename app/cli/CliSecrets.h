#pragma once

// Secrets on the command line of `sign` and `stamp-qr`: a token PIN, a key-file password, the password
// of encrypted input PDFs. They come from an environment variable, the first line of a file or a
// prompt on the terminal, never from argv; they travel in SecureBuffer and are never printed.

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

namespace sohoa::cli {

// --pdf-password-env VAR and --pdf-password-file F.
QList<QCommandLineOption> pdfPasswordOptions();
// The password of encrypted input PDFs (user or owner); empty when neither option is given.
Result<SecureBuffer> readPdfPassword(const QCommandLineParser &parser);

// --pin-env VAR and --pin-file F.
QList<QCommandLineOption> pinOptions();
// The PIN or key-file password: from --pin-env, --pin-file or, without either, a prompt on the
// terminal without echo.
Result<SecureBuffer> readPin(const QCommandLineParser &parser, const QString &prompt);

// A secret to keep (a target's password for the keyring): typed on the terminal without echo, or the
// first line of standard input when it is not a terminal (a pipe from a password manager).
Result<SecureBuffer> readSecretToKeep(const QString &prompt);

} // namespace sohoa::cli
