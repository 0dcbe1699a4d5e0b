#include "app/workflows/SigningKeyOpener.h"

#include "signing/Pkcs11Key.h"
#include "signing/Pkcs11Module.h"
#include "signing/Pkcs11Uri.h"
#include "signing/Pkcs12Key.h"

namespace sohoa::workflows {

using namespace sohoa::signing;

KeySource KeySource::pkcs12(const QString &path)
{
    KeySource s;
    s.kind = Kind::Pkcs12File;
    s.pkcs12Path = path;
    return s;
}

Result<KeySource> KeySource::fromPkcs11Uri(const QString &uri, const QString &modulePath)
{
    auto parsed = Pkcs11Uri::parse(uri);
    if (!parsed)
        return parsed.error();
    KeySource s;
    s.kind = Kind::Pkcs11Token;
    s.token = parsed->tokenSelector();
    s.key = parsed->keySelector();
    s.modulePath = modulePath.isEmpty() ? parsed->modulePath : modulePath;
    return s;
}

namespace {

Result<OpenedKey> openPkcs12(const KeySource &source, const SecretAsker &ask)
{
    SecretRequest request;
    request.kind = SecretRequest::Kind::KeyFilePassword;
    request.subject = source.pkcs12Path;
    auto secret = ask(request);
    if (!secret)
        return secret.error();
    QByteArray password(secret->data(), static_cast<qsizetype>(secret->size()));
    auto loaded = Pkcs12Key::load(source.pkcs12Path, password);
    password.fill('\0');
    if (!loaded)
        return loaded.error();
    OpenedKey opened;
    opened.key = std::move(loaded).value();
    return opened;
}

Result<OpenedKey> openToken(const KeySource &source, const SecretAsker &ask)
{
    auto module = source.modulePath.isEmpty() ? Pkcs11Module::loadDefault() : Pkcs11Module::load(source.modulePath);
    if (!module)
        return module.error();
    auto session = Pkcs11Session::open(module.value(), source.token);
    if (!session && source.tokenLabelMayBeSerial && !source.token.label.isEmpty() && source.token.serial.isEmpty())
        session = Pkcs11Session::open(module.value(), TokenSelector{QString(), source.token.label});
    if (!session)
        return session.error();
    OpenedKey opened;
    opened.session = std::move(session).value();
    const TokenInfo token = opened.session->token();
    SecretRequest request;
    request.kind = SecretRequest::Kind::TokenPin;
    request.subject = token.label;
    request.pinPad = token.protectedAuthPath;
    request.pinCountLow = token.pinCountLow;
    request.pinFinalTry = token.pinFinalTry;
    auto pin = ask(request);
    if (!pin)
        return pin.error();
    if (auto login = opened.session->login(pin.value()); !login)
        return login.error();
    auto found = opened.session->findKey(source.key);
    if (!found)
        return found.error();
    opened.key = std::move(found).value();
    return opened;
}

} // namespace

Result<OpenedKey> openSigningKey(const KeySource &source, const SecretAsker &ask)
{
    return source.kind == KeySource::Kind::Pkcs12File ? openPkcs12(source, ask) : openToken(source, ask);
}

} // namespace sohoa::workflows
