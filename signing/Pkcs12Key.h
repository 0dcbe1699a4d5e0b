#pragma once

#include "signing/SigningKey.h"

#include <memory>

namespace sohoa::signing {

// A private key, its certificate and chain read from a PKCS#12 (.p12/.pfx) file. Everything is
// decoded once in load(); the password is not kept.
class Pkcs12Key : public SigningKey
{
public:
    // KeyFileUnreadable: missing, unreadable or not PKCS#12. WrongPassword: the integrity MAC or
    // decryption fails with this password. KeyNotFound: no private key, or no certificate for it.
    static Result<std::unique_ptr<Pkcs12Key>> load(const QString &path, const QByteArray &password);

    ~Pkcs12Key() override;
    Pkcs12Key(const Pkcs12Key &) = delete;
    Pkcs12Key &operator=(const Pkcs12Key &) = delete;

    QByteArray certificateDer() const override;
    QList<QByteArray> chainDer() const override;
    KeyType keyType() const override;
    int keyBits() const override;
    Result<QByteArray> sign(const QByteArray &data, HashAlgorithm hash, RsaPadding padding) override;

private:
    struct Private;
    explicit Pkcs12Key(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace sohoa::signing
