#pragma once

// The SHA-256 of a file as lower-case hex, as the store and the CLI report it.

#include <QCryptographicHash>
#include <QFile>
#include <QString>

namespace sohoa::test {

// Empty when the file cannot be read.
inline QString sha256OfFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

} // namespace sohoa::test
