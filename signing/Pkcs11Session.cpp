#include "signing/Pkcs11Session.h"

#include "signing/Pkcs11Errors.h"
#include "signing/Pkcs11Internal_p.h"
#include "signing/Pkcs11Key.h"
#include "signing/SigningLogging.h"

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <vector>

namespace sohoa::signing {

namespace pkcs11 {

SessionState::~SessionState()
{
    if (fn && handle != CK_INVALID_HANDLE)
        fn->C_CloseSession(handle); // the token logs us out when its last session closes
    pin.clear();
}

Error SessionState::diagnose(Error error) const
{
    if (error.code() == ErrorCode::TokenRemoved)
        return error;
    CK_SESSION_INFO si{};
    CK_RV rv = fn->C_GetSessionInfo(handle, &si);
    QString found;
    if (rv != CKR_OK) {
        found = QStringLiteral("C_GetSessionInfo: ") + rvName(rv);
    } else {
        CK_TOKEN_INFO ti{};
        rv = fn->C_GetTokenInfo(slot, &ti);
        if (rv != CKR_OK)
            found = QStringLiteral("C_GetTokenInfo: ") + rvName(rv);
        else if (!(ti.flags & CKF_TOKEN_INITIALIZED) || paddedString(ti.serialNumber) != tokenSerial)
            found = QStringLiteral("slot now holds token \"%1\" (serial %2)")
                        .arg(paddedString(ti.label), paddedString(ti.serialNumber));
    }
    if (found.isEmpty())
        return error;
    return Error(ErrorCode::TokenRemoved, error.detail() + QStringLiteral("; ") + found);
}

} // namespace pkcs11

namespace {

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

X509Ptr parseCertificate(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return X509Ptr(d2i_X509(nullptr, &p, long(der.size())), &X509_free);
}

Result<std::vector<CK_OBJECT_HANDLE>> findObjects(CK_FUNCTION_LIST *fn, CK_SESSION_HANDLE session,
                                                  std::vector<CK_ATTRIBUTE> templ)
{
    CK_RV rv = fn->C_FindObjectsInit(session, templ.data(), CK_ULONG(templ.size()));
    if (rv != CKR_OK)
        return pkcs11::operationError(rv, ErrorCode::TokenError, QStringLiteral("C_FindObjectsInit"));
    std::vector<CK_OBJECT_HANDLE> found;
    for (;;) {
        CK_OBJECT_HANDLE batch[32];
        CK_ULONG n = 0;
        rv = fn->C_FindObjects(session, batch, 32, &n);
        if (rv != CKR_OK) {
            fn->C_FindObjectsFinal(session);
            return pkcs11::operationError(rv, ErrorCode::TokenError, QStringLiteral("C_FindObjects"));
        }
        if (n == 0)
            break;
        found.insert(found.end(), batch, batch + n);
    }
    fn->C_FindObjectsFinal(session);
    return found;
}

struct CertObject
{
    QString label;
    QByteArray id;
    QByteArray der;
};

QString describeKey(const pkcs11::KeyObject &k)
{
    return QStringLiteral("\"%1\" (id %2)").arg(k.label, QString::fromLatin1(k.id.toHex()));
}

// Issuers of `leaf` among `pool`, nearest first, stopping at a self-signed certificate.
QList<QByteArray> buildChain(const QByteArray &leafDer, const QList<CertObject> &pool)
{
    QList<QByteArray> chain;
    X509Ptr current = parseCertificate(leafDer);
    QByteArray currentDer = leafDer;
    while (current && chain.size() < 10) {
        if (X509_check_issued(current.get(), current.get()) == X509_V_OK)
            break; // self-signed: the root
        bool found = false;
        for (const CertObject &c : pool) {
            if (c.der == currentDer || chain.contains(c.der))
                continue;
            X509Ptr candidate = parseCertificate(c.der);
            if (candidate && X509_check_issued(candidate.get(), current.get()) == X509_V_OK) {
                chain.append(c.der);
                currentDer = c.der;
                current = std::move(candidate);
                found = true;
                break;
            }
        }
        if (!found)
            break;
    }
    return chain;
}

} // namespace

Pkcs11Session::Pkcs11Session(std::shared_ptr<pkcs11::SessionState> state) : m_state(std::move(state)) {}

Pkcs11Session::~Pkcs11Session() = default;

Result<std::unique_ptr<Pkcs11Session>> Pkcs11Session::open(std::shared_ptr<Pkcs11Module> module,
                                                           const TokenSelector &token)
{
    if (!module)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("Pkcs11Session::open without a module"));
    auto tokens = module->tokens();
    if (!tokens)
        return tokens.error();
    QList<TokenInfo> matches;
    QStringList present;
    for (const TokenInfo &t : tokens.value()) {
        present.append(QStringLiteral("\"%1\" (serial %2)").arg(t.label, t.serial));
        if ((token.label.isEmpty() || t.label == token.label) && (token.serial.isEmpty() || t.serial == token.serial))
            matches.append(t);
    }
    const QString wanted = QStringLiteral("label \"%1\" serial \"%2\"").arg(token.label, token.serial);
    if (matches.isEmpty())
        return Error(ErrorCode::TokenNotFound,
                     QStringLiteral("no token with %1 in %2; present: %3")
                         .arg(wanted, module->path(),
                              present.isEmpty() ? QStringLiteral("none") : present.join(QStringLiteral(", "))));
    if (matches.size() > 1)
        return Error(ErrorCode::TokenNotFound,
                     QStringLiteral("several tokens match %1: %2; choose one by label or serial")
                         .arg(wanted, present.join(QStringLiteral(", "))));

    auto state = std::make_shared<pkcs11::SessionState>();
    state->module = std::move(module);
    state->fn = state->module->impl().fn;
    state->slot = matches.first().slotId;
    state->tokenLabel = matches.first().label;
    state->tokenSerial = matches.first().serial;
    state->protectedAuthPath = matches.first().protectedAuthPath;
    const CK_RV rv = state->fn->C_OpenSession(state->slot, CKF_SERIAL_SESSION, nullptr, nullptr, &state->handle);
    if (rv != CKR_OK) {
        state->handle = CK_INVALID_HANDLE;
        return pkcs11::operationError(rv, ErrorCode::TokenError,
                                      QStringLiteral("C_OpenSession on token \"%1\"").arg(state->tokenLabel));
    }
    return std::unique_ptr<Pkcs11Session>(new Pkcs11Session(std::move(state)));
}

TokenInfo Pkcs11Session::token() const
{
    TokenInfo t;
    t.slotId = m_state->slot;
    t.label = m_state->tokenLabel;
    CK_TOKEN_INFO ti{};
    if (m_state->fn->C_GetTokenInfo(m_state->slot, &ti) == CKR_OK) {
        t.label = pkcs11::paddedString(ti.label);
        t.serial = pkcs11::paddedString(ti.serialNumber);
        t.manufacturer = pkcs11::paddedString(ti.manufacturerID);
        t.model = pkcs11::paddedString(ti.model);
        t.loginRequired = ti.flags & CKF_LOGIN_REQUIRED;
        t.pinCountLow = ti.flags & CKF_USER_PIN_COUNT_LOW;
        t.pinFinalTry = ti.flags & CKF_USER_PIN_FINAL_TRY;
        t.pinLocked = ti.flags & CKF_USER_PIN_LOCKED;
        t.protectedAuthPath = ti.flags & CKF_PROTECTED_AUTHENTICATION_PATH;
        t.present = true;
    }
    return t;
}

Result<void> Pkcs11Session::login(const SecureBuffer &pin)
{
    pkcs11::SessionState &s = *m_state;
    std::lock_guard lock(s.mutex);
    const bool usePinPad = pin.isEmpty() && s.protectedAuthPath;
    auto *pinBytes = usePinPad ? nullptr : reinterpret_cast<CK_UTF8CHAR *>(const_cast<char *>(pin.data()));
    // One attempt only: a retry with the same wrong PIN would burn another of the user's tries.
    const CK_RV rv = s.fn->C_Login(s.handle, CKU_USER, pinBytes, usePinPad ? 0 : CK_ULONG(pin.size()));
    if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN) {
        s.pin = pin;
        return {};
    }
    CK_TOKEN_INFO ti{};
    const CK_FLAGS flags = s.fn->C_GetTokenInfo(s.slot, &ti) == CKR_OK ? ti.flags : 0;
    Error error = pkcs11::loginError(rv, flags, s.tokenLabel);
    qCWarning(lcSigning) << "PKCS#11 login failed:" << error.detail();
    return error;
}

void Pkcs11Session::logout()
{
    std::lock_guard lock(m_state->mutex);
    m_state->fn->C_Logout(m_state->handle);
    m_state->pin.clear();
}

Result<QList<TokenCertificate>> Pkcs11Session::certificates()
{
    pkcs11::SessionState &s = *m_state;
    std::lock_guard lock(s.mutex);
    CK_OBJECT_CLASS certClass = CKO_CERTIFICATE;
    CK_CERTIFICATE_TYPE certType = CKC_X_509;
    auto handles =
        findObjects(s.fn, s.handle,
                    {{CKA_CLASS, &certClass, sizeof certClass}, {CKA_CERTIFICATE_TYPE, &certType, sizeof certType}});
    if (!handles)
        return handles.error();
    QList<TokenCertificate> out;
    for (CK_OBJECT_HANDLE h : handles.value()) {
        TokenCertificate c;
        c.der = pkcs11::attribute(s.fn, s.handle, h, CKA_VALUE).value_or(QByteArray());
        if (c.der.isEmpty())
            continue;
        c.label = QString::fromUtf8(pkcs11::attribute(s.fn, s.handle, h, CKA_LABEL).value_or(QByteArray()));
        c.id = pkcs11::attribute(s.fn, s.handle, h, CKA_ID).value_or(QByteArray());
        out.append(c);
    }
    return out;
}

Result<QStringList> Pkcs11Session::keyLabels()
{
    pkcs11::SessionState &s = *m_state;
    std::lock_guard lock(s.mutex);
    CK_OBJECT_CLASS keyClass = CKO_PRIVATE_KEY;
    auto keys = findObjects(s.fn, s.handle, {{CKA_CLASS, &keyClass, sizeof keyClass}});
    if (!keys)
        return keys.error();
    QStringList labels;
    for (CK_OBJECT_HANDLE h : keys.value())
        labels.append(QString::fromUtf8(pkcs11::attribute(s.fn, s.handle, h, CKA_LABEL).value_or(QByteArray())));
    return labels;
}

Result<std::unique_ptr<Pkcs11Key>> Pkcs11Session::findKey(const KeySelector &selector)
{
    pkcs11::SessionState &s = *m_state;
    std::unique_lock lock(s.mutex);

    CK_OBJECT_CLASS certClass = CKO_CERTIFICATE;
    CK_CERTIFICATE_TYPE certType = CKC_X_509;
    auto certHandles =
        findObjects(s.fn, s.handle,
                    {{CKA_CLASS, &certClass, sizeof certClass}, {CKA_CERTIFICATE_TYPE, &certType, sizeof certType}});
    if (!certHandles)
        return certHandles.error();
    QList<CertObject> certs;
    for (CK_OBJECT_HANDLE h : certHandles.value()) {
        CertObject c;
        c.der = pkcs11::attribute(s.fn, s.handle, h, CKA_VALUE).value_or(QByteArray());
        if (c.der.isEmpty())
            continue;
        c.label = QString::fromUtf8(pkcs11::attribute(s.fn, s.handle, h, CKA_LABEL).value_or(QByteArray()));
        c.id = pkcs11::attribute(s.fn, s.handle, h, CKA_ID).value_or(QByteArray());
        certs.append(c);
    }

    CK_OBJECT_CLASS keyClass = CKO_PRIVATE_KEY;
    auto keyHandles = findObjects(s.fn, s.handle, {{CKA_CLASS, &keyClass, sizeof keyClass}});
    if (!keyHandles)
        return keyHandles.error();

    std::vector<std::unique_ptr<pkcs11::KeyObject>> candidates;
    QStringList allKeys;
    for (CK_OBJECT_HANDLE h : keyHandles.value()) {
        auto k = std::make_unique<pkcs11::KeyObject>();
        k->handle = h;
        k->label = QString::fromUtf8(pkcs11::attribute(s.fn, s.handle, h, CKA_LABEL).value_or(QByteArray()));
        k->id = pkcs11::attribute(s.fn, s.handle, h, CKA_ID).value_or(QByteArray());
        k->type = pkcs11::ulongAttribute(s.fn, s.handle, h, CKA_KEY_TYPE).value_or(CK_UNAVAILABLE_INFORMATION);
        k->alwaysAuthenticate = pkcs11::boolAttribute(s.fn, s.handle, h, CKA_ALWAYS_AUTHENTICATE);
        allKeys.append(describeKey(*k));
        if (k->type != CKK_RSA && k->type != CKK_EC)
            continue;

        // The certificate of a key is the one with the same CKA_ID (PKCS#11 convention).
        QString certLabel;
        for (const CertObject &c : certs) {
            if (!k->id.isEmpty() && c.id == k->id) {
                k->certificateDer = c.der;
                certLabel = c.label;
                break;
            }
        }
        if (!selector.label.isEmpty() && selector.label != k->label && selector.label != certLabel)
            continue;
        if (!selector.id.isEmpty() && selector.id != k->id)
            continue;
        if (!selector.certificateDer.isEmpty() && selector.certificateDer != k->certificateDer)
            continue;
        if (k->certificateDer.isEmpty())
            continue; // nothing to put in a signature
        candidates.push_back(std::move(k));
    }

    const QString keysOnToken =
        allKeys.isEmpty() ? QStringLiteral("none (not logged in?)") : allKeys.join(QStringLiteral(", "));
    if (candidates.empty())
        return Error(
            ErrorCode::KeyNotFound,
            QStringLiteral("no private key with a certificate matches label \"%1\" id %2%3 on token \"%4\"; keys: %5")
                .arg(selector.label, QString::fromLatin1(selector.id.toHex()),
                     selector.certificateDer.isEmpty() ? QString() : QStringLiteral(" and the given certificate"),
                     s.tokenLabel, keysOnToken));
    if (candidates.size() > 1) {
        QStringList labels;
        for (const auto &k : candidates)
            labels.append(describeKey(*k));
        return Error(ErrorCode::KeyNotFound,
                     QStringLiteral("several keys match on token \"%1\": %2; choose one by label or id")
                         .arg(s.tokenLabel, labels.join(QStringLiteral(", "))));
    }

    std::unique_ptr<pkcs11::KeyObject> key = std::move(candidates.front());
    key->chainDer = buildChain(key->certificateDer, certs);
    if (X509Ptr cert = parseCertificate(key->certificateDer)) {
        if (EVP_PKEY *pub = X509_get0_pubkey(cert.get()))
            key->bits = EVP_PKEY_get_bits(pub);
    }
    if (key->bits == 0 && key->type == CKK_RSA)
        key->bits = int(pkcs11::attribute(s.fn, s.handle, key->handle, CKA_MODULUS).value_or(QByteArray()).size() * 8);
    lock.unlock();
    return std::make_unique<Pkcs11Key>(m_state, std::move(key));
}

} // namespace sohoa::signing
