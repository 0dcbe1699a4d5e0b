#pragma once

// Private helpers shared by the OpenSSL-based parts of the signing library. Never include this from a
// public header: it brings OpenSSL types with it.

#include "signing/SigningKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace sohoa::signing::detail {

// Empties OpenSSL's error queue of this thread into one line for an Error's detail.
inline QString takeOpensslErrors()
{
    QStringList parts;
    unsigned long e = 0;
    while ((e = ERR_get_error()) != 0) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        parts.append(QString::fromLatin1(buf));
    }
    return parts.join(u"; ");
}

inline QByteArray bytesOf(const ASN1_STRING *s)
{
    if (!s)
        return {};
    return QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
}

// UTC; invalid for a missing or unreadable time.
inline QDateTime toDateTime(const ASN1_TIME *t)
{
    struct tm tm = {};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                     Qt::UTC);
}

// A certificate's DER encoding; empty when it cannot be encoded.
inline QByteArray toDer(X509 *cert)
{
    const int len = i2d_X509(cert, nullptr);
    if (len <= 0)
        return {};
    QByteArray der(len, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    i2d_X509(cert, &p);
    return der;
}

inline const EVP_MD *mdFor(HashAlgorithm hash)
{
    switch (hash) {
    case HashAlgorithm::Sha256:
        return EVP_sha256();
    case HashAlgorithm::Sha384:
        return EVP_sha384();
    case HashAlgorithm::Sha512:
        return EVP_sha512();
    }
    return EVP_sha256();
}

} // namespace sohoa::signing::detail
