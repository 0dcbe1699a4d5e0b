#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace sohoa {

// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA extensions where present: several
// times faster than QCryptographicHash, and every saved page is hashed.
QString sha256Hex(const QByteArray &data);
// Streams the file; *size receives its length when given.
Result<QString> sha256HexOfFile(const QString &path, qint64 *size = nullptr);

// The same, fed piece by piece (a file hashed while it is sent or copied).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    // The digest of what was added so far, in lower-case hex; adding may go on after it.
    QString hexResult() const;
    void reset();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sohoa
