#pragma once

#include "signing/SigningKey.h"

#include <memory>

namespace sohoa::signing {

namespace pkcs11 {
struct SessionState;
struct KeyObject;
} // namespace pkcs11

// A private key on a PKCS#11 token (from Pkcs11Session::findKey). The data is hashed here and
// only the digest goes to the token: CKM_RSA_PKCS over a DigestInfo, CKM_RSA_PKCS_PSS, or
// CKM_ECDSA. Keys marked CKA_ALWAYS_AUTHENTICATE get the session's PIN again for each signature.
class Pkcs11Key : public SigningKey
{
public:
    Pkcs11Key(std::shared_ptr<pkcs11::SessionState> session, std::unique_ptr<pkcs11::KeyObject> key);
    ~Pkcs11Key() override;

    QByteArray certificateDer() const override;
    QList<QByteArray> chainDer() const override;
    KeyType keyType() const override;
    int keyBits() const override;
    Result<QByteArray> sign(const QByteArray &data, HashAlgorithm hash, RsaPadding padding) override;

    QString label() const;
    QByteArray id() const;
    bool alwaysAuthenticate() const;

private:
    std::shared_ptr<pkcs11::SessionState> m_session;
    std::unique_ptr<pkcs11::KeyObject> m_key;
};

} // namespace sohoa::signing
