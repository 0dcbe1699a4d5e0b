#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

namespace sohoa {

// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA extensions where present: several
// times faster than QCryptographicHash, and every saved page is hashed.
QString sha256Hex(const QByteArray &data);
// Streams the file; *size receives its length when given.
Result<QString> sha256HexOfFile(const QString &path, qint64 *size = nullptr);

} // namespace sohoa
