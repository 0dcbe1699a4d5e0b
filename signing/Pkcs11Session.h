#pragma once

#include "signing/Pkcs11Module.h"
#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace sohoa::signing {

class Pkcs11Key;

namespace pkcs11 {
struct SessionState;
}

// Which token: by label and/or serial. Both empty = the only initialized token present.
struct TokenSelector
{
    QString label;
    QString serial;
};

// Which key on the token. Set fields must all match; all empty = the only private key that has
// a certificate.
struct KeySelector
{
    QString label;             // CKA_LABEL of the private key (or of its certificate)
    QByteArray id;             // CKA_ID
    QByteArray certificateDer; // the key whose certificate is exactly this
};

// A certificate object on a token (public: readable before login).
struct TokenCertificate
{
    QString label;
    QByteArray id; // CKA_ID: the key with the same id is its key
    QByteArray der;
};

// One open session on one token, logged in once for a whole batch. Keys found here keep the
// session (and the module) alive while they exist.
class Pkcs11Session
{
public:
    ~Pkcs11Session();
    Pkcs11Session(const Pkcs11Session &) = delete;
    Pkcs11Session &operator=(const Pkcs11Session &) = delete;

    // TokenNotFound when no token matches, or several do (the detail lists them).
    static Result<std::unique_ptr<Pkcs11Session>> open(std::shared_ptr<Pkcs11Module> module,
                                                       const TokenSelector &token);

    TokenInfo token() const;

    // Exactly one C_Login attempt; a failure is never retried here, so a wrong PIN costs the
    // user one try, not several. WrongPin says what the token reports about the tries left;
    // PinLocked when it is locked. Already logged in is success. An empty PIN on a token with
    // a PIN pad lets the token ask for it.
    Result<void> login(const SecureBuffer &pin);
    void logout();

    Result<std::unique_ptr<Pkcs11Key>> findKey(const KeySelector &selector);

    // The X.509 certificates on the token (no login needed), for choosers and certificate panels.
    Result<QList<TokenCertificate>> certificates();
    // Labels of the private keys visible in this session (after login), for choosers.
    Result<QStringList> keyLabels();

private:
    explicit Pkcs11Session(std::shared_ptr<pkcs11::SessionState> state);
    std::shared_ptr<pkcs11::SessionState> m_state;
};

} // namespace sohoa::signing
