#include "signing/Pkcs11Key.h"

#include "signing/Pkcs11Errors.h"
#include "signing/Pkcs11Internal_p.h"
#include "signing/SigningLogging.h"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>

namespace sohoa::signing {

namespace {

struct HashSpec
{
    const EVP_MD *md;
    CK_MECHANISM_TYPE mechanism;
    CK_RSA_PKCS_MGF_TYPE mgf;
    QByteArray digestInfoPrefix; // DER of DigestInfo up to the digest bytes
};

HashSpec hashSpec(HashAlgorithm hash)
{
    switch (hash) {
    case HashAlgorithm::Sha384:
        return {EVP_sha384(), CKM_SHA384, CKG_MGF1_SHA384,
                QByteArray::fromHex("3041300d060960864801650304020205000430")};
    case HashAlgorithm::Sha512:
        return {EVP_sha512(), CKM_SHA512, CKG_MGF1_SHA512,
                QByteArray::fromHex("3051300d060960864801650304020305000440")};
    case HashAlgorithm::Sha256:
        break;
    }
    return {EVP_sha256(), CKM_SHA256, CKG_MGF1_SHA256, QByteArray::fromHex("3031300d060960864801650304020105000420")};
}

// PKCS#11 returns ECDSA as r || s, each as wide as the order; CMS wants SEQUENCE { r, s }.
Result<QByteArray> ecdsaRawToDer(const QByteArray &raw)
{
    if (raw.isEmpty() || raw.size() % 2 != 0)
        return Error(ErrorCode::SigningFailed,
                     QStringLiteral("token returned an ECDSA signature of odd length %1").arg(raw.size()));
    const int half = int(raw.size() / 2);
    const auto *bytes = reinterpret_cast<const unsigned char *>(raw.constData());
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), &ECDSA_SIG_free);
    BIGNUM *r = BN_bin2bn(bytes, half, nullptr);
    BIGNUM *s = BN_bin2bn(bytes + half, half, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return Error(ErrorCode::SigningFailed, QStringLiteral("cannot encode the ECDSA signature"));
    }
    const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (len <= 0)
        return Error(ErrorCode::SigningFailed, QStringLiteral("cannot encode the ECDSA signature"));
    QByteArray der(len, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_ECDSA_SIG(sig.get(), &out);
    return der;
}

} // namespace

Pkcs11Key::Pkcs11Key(std::shared_ptr<pkcs11::SessionState> session, std::unique_ptr<pkcs11::KeyObject> key)
    : m_session(std::move(session)), m_key(std::move(key))
{}

Pkcs11Key::~Pkcs11Key() = default;

QByteArray Pkcs11Key::certificateDer() const
{
    return m_key->certificateDer;
}

QList<QByteArray> Pkcs11Key::chainDer() const
{
    return m_key->chainDer;
}

KeyType Pkcs11Key::keyType() const
{
    return m_key->type == CKK_EC ? KeyType::Ec : KeyType::Rsa;
}

int Pkcs11Key::keyBits() const
{
    return m_key->bits;
}

QString Pkcs11Key::label() const
{
    return m_key->label;
}

QByteArray Pkcs11Key::id() const
{
    return m_key->id;
}

bool Pkcs11Key::alwaysAuthenticate() const
{
    return m_key->alwaysAuthenticate;
}

Result<QByteArray> Pkcs11Key::sign(const QByteArray &data, HashAlgorithm hash, RsaPadding padding)
{
    const HashSpec spec = hashSpec(hash);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLen = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), digest, &digestLen, spec.md, nullptr) != 1)
        return Error(ErrorCode::SigningFailed, QStringLiteral("EVP_Digest failed"));
    const QByteArray digestBytes(reinterpret_cast<const char *>(digest), qsizetype(digestLen));

    CK_MECHANISM mechanism{};
    CK_RSA_PKCS_PSS_PARAMS pss{};
    QByteArray input;
    if (m_key->type == CKK_EC) {
        mechanism.mechanism = CKM_ECDSA;
        input = digestBytes;
    } else if (padding == RsaPadding::Pss) {
        pss.hashAlg = spec.mechanism;
        pss.mgf = spec.mgf;
        pss.sLen = digestLen;
        mechanism = {CKM_RSA_PKCS_PSS, &pss, sizeof pss};
        input = digestBytes;
    } else {
        mechanism.mechanism = CKM_RSA_PKCS;
        input = spec.digestInfoPrefix + digestBytes;
    }

    pkcs11::SessionState &s = *m_session;
    std::lock_guard lock(s.mutex);
    const QString what = QStringLiteral("key \"%1\" on token \"%2\"").arg(m_key->label, s.tokenLabel);
    CK_RV rv = s.fn->C_SignInit(s.handle, &mechanism, m_key->handle);
    if (rv != CKR_OK)
        return s.diagnose(
            pkcs11::operationError(rv, ErrorCode::SigningFailed, QStringLiteral("C_SignInit with ") + what));

    if (m_key->alwaysAuthenticate) {
        const bool usePinPad = s.pin.isEmpty() && s.protectedAuthPath;
        auto *pinBytes = usePinPad ? nullptr : reinterpret_cast<CK_UTF8CHAR *>(const_cast<char *>(s.pin.data()));
        rv = s.fn->C_Login(s.handle, CKU_CONTEXT_SPECIFIC, pinBytes, usePinPad ? 0 : CK_ULONG(s.pin.size()));
        if (rv != CKR_OK) {
            // PKCS#11 3.0 cancels the pending operation this way; older tokens just refuse it.
            s.fn->C_SignInit(s.handle, nullptr, CK_INVALID_HANDLE);
            CK_TOKEN_INFO ti{};
            const CK_FLAGS flags = s.fn->C_GetTokenInfo(s.slot, &ti) == CKR_OK ? ti.flags : 0;
            return s.diagnose(pkcs11::loginError(rv, flags, s.tokenLabel));
        }
    }

    QByteArray signature(1024, Qt::Uninitialized);
    CK_ULONG signatureLen = CK_ULONG(signature.size());
    auto *in = reinterpret_cast<CK_BYTE *>(input.data());
    rv = s.fn->C_Sign(s.handle, in, CK_ULONG(input.size()), reinterpret_cast<CK_BYTE *>(signature.data()),
                      &signatureLen);
    if (rv == CKR_BUFFER_TOO_SMALL) { // the operation stays active, so ask again with room
        signature.resize(qsizetype(signatureLen));
        rv = s.fn->C_Sign(s.handle, in, CK_ULONG(input.size()), reinterpret_cast<CK_BYTE *>(signature.data()),
                          &signatureLen);
    }
    if (rv != CKR_OK)
        return s.diagnose(pkcs11::operationError(rv, ErrorCode::SigningFailed, QStringLiteral("C_Sign with ") + what));
    signature.truncate(qsizetype(signatureLen));
    if (m_key->type == CKK_EC)
        return ecdsaRawToDer(signature);
    return signature;
}

} // namespace sohoa::signing
