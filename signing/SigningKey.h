#pragma once

#include "core/common/EnumNames.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace sohoa::signing {

enum class HashAlgorithm { Sha256, Sha384, Sha512 };
// The names users type and settings keep (sohoa-cli --hash, the signing desk).
inline constexpr EnumName<HashAlgorithm> kHashNames[] = {
    {HashAlgorithm::Sha256, QLatin1StringView("sha256")},
    {HashAlgorithm::Sha384, QLatin1StringView("sha384")},
    {HashAlgorithm::Sha512, QLatin1StringView("sha512")},
};
enum class KeyType { Rsa, Ec };
// How an RSA key signs; EC keys always use ECDSA.
enum class RsaPadding { Pkcs1v15, Pss };

// A private key that can sign, with its certificate and chain, wherever it lives: a PKCS#12 file
// (Pkcs12Key) or a PKCS#11 token (Pkcs11Key). DER everywhere so no OpenSSL type leaks out.
class SigningKey
{
public:
    virtual ~SigningKey() = default;

    virtual QByteArray certificateDer() const = 0;
    // The issuing chain (without the signer's own certificate), nearest issuer first.
    virtual QList<QByteArray> chainDer() const = 0;
    virtual KeyType keyType() const = 0;
    virtual int keyBits() const = 0;

    // Hashes `data` with `hash` and signs it. RSA: PKCS#1 v1.5 (DigestInfo) or PSS (salt = hash
    // length, MGF1 with the same hash). EC: ECDSA, returned DER-encoded (SEQUENCE { r, s }).
    virtual Result<QByteArray> sign(const QByteArray &data, HashAlgorithm hash, RsaPadding padding) = 0;
};

} // namespace sohoa::signing
