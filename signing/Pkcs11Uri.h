#pragma once

#include "signing/Pkcs11Session.h"
#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

namespace sohoa::signing {

// A PKCS#11 URI (RFC 7512), e.g.
//   pkcs11:token=My%20Token;serial=1234;object=sign;id=%01%02;type=private
//       ?module-path=/usr/lib/libcastle.so.1.0.0&pin-source=file:/run/pin
// Values are percent-decoded; string attributes are UTF-8. Attributes we do not use are ignored.
class Pkcs11Uri
{
public:
    // InvalidArgument for a missing "pkcs11:" scheme, bad percent-encoding, a repeated path
    // attribute or an unknown object type.
    static Result<Pkcs11Uri> parse(const QString &uri);

    QString token;        // token label
    QString serial;       // token serial number
    QString manufacturer; // token manufacturer
    QString model;        // token model
    QString object;       // object label (CKA_LABEL)
    QByteArray id;        // CKA_ID
    QString type;         // "private", "public", "cert", "secret-key", "data" or empty
    QString modulePath;   // query: module-path
    QString moduleName;   // query: module-name
    QString pinSource;    // query: pin-source (e.g. "file:/path")
    QString pinValue;     // query: pin-value (discouraged: the PIN in clear)

    TokenSelector tokenSelector() const { return {token, serial}; }
    KeySelector keySelector() const { return {object, id, {}}; }

    // The PIN from pin-value, or from the file named by pin-source ("file:/path" or a plain path;
    // one trailing newline dropped). Empty when the URI gives neither. FileReadFailed if the
    // file cannot be read; InvalidArgument for a pin-source scheme other than file.
    Result<SecureBuffer> pin() const;

    // Canonical text of the set attributes (path then query), percent-encoding what needs it.
    QString toString() const;
};

} // namespace sohoa::signing
