#pragma once

#include "app/workflows/Job.h"
#include "signing/Pkcs11Session.h"
#include "signing/SigningKey.h"

#include <QString>

#include <functional>
#include <memory>

namespace sohoa::workflows {

// Where the signing key lives.
struct KeySource
{
    enum class Kind
    {
        Pkcs12File,
        Pkcs11Token,
    };
    Kind kind = Kind::Pkcs12File;
    QString pkcs12Path;
    QString modulePath; // empty: the known token drivers (Pkcs11Module::defaultModulePaths)
    signing::TokenSelector token;
    signing::KeySelector key;
    // A token label that may also be the token's serial number (a user types what the token shows).
    bool tokenLabelMayBeSerial = true;

    static KeySource pkcs12(const QString &path);
    // A pkcs11: URI (RFC 7512): its token, object and module-path; `modulePath` wins when given.
    static Result<KeySource> fromPkcs11Uri(const QString &uri, const QString &modulePath = {});
};

// An open key, and the token session it needs (kept open, logged in, for the whole batch).
struct OpenedKey
{
    std::unique_ptr<signing::Pkcs11Session> session; // null for a PKCS#12 file
    std::unique_ptr<signing::SigningKey> key;
};

using SecretAsker = std::function<Result<SecureBuffer>(const SecretRequest &)>;

// Opens the key, asking for the key-file password or the token PIN exactly once (a wrong PIN is
// never retried: it costs the user a try). On a worker thread; `ask` is the job's askSecret.
Result<OpenedKey> openSigningKey(const KeySource &source, const SecretAsker &ask);

} // namespace sohoa::workflows
