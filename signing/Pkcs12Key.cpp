#include "signing/Pkcs12Key.h"

#include "signing/OpenSslSupport_p.h"

#include "signing/SigningLogging.h"

#include <QFile>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <mutex>
#include <utility>

namespace sohoa::signing {

namespace {

using detail::mdFor;
using detail::takeOpensslErrors;
using detail::toDer;

struct OsslFree
{
    void operator()(PKCS12 *p) const { PKCS12_free(p); }
    void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); }
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); }
    void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};
template <typename T> using Owned = std::unique_ptr<T, OsslFree>;

// Files exported by older Windows/Java tools encrypt the certificates with RC2-40 or 3DES-SHA1,
// which OpenSSL 3 only offers in the "legacy" provider.
void loadLegacyProviderOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Loading any provider explicitly stops the implicit "default" one: load both.
        OSSL_PROVIDER_load(nullptr, "default");
        if (!OSSL_PROVIDER_load(nullptr, "legacy"))
            qCWarning(lcSigning) << "OpenSSL legacy provider unavailable:" << takeOpensslErrors();
    });
}

bool parse(PKCS12 *p12, const char *pass, EVP_PKEY **key, X509 **cert, STACK_OF(X509) * *ca)
{
    return PKCS12_parse(p12, pass, key, cert, ca) == 1;
}

} // namespace

struct Pkcs12Key::Private
{
    Owned<EVP_PKEY> key;
    QByteArray certDer;
    QList<QByteArray> chain;
};

Pkcs12Key::Pkcs12Key(std::unique_ptr<Private> dd) : d(std::move(dd)) {}
Pkcs12Key::~Pkcs12Key() = default;

Result<std::unique_ptr<Pkcs12Key>> Pkcs12Key::load(const QString &path, const QByteArray &password)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::KeyFileUnreadable, path + u": " + file.errorString());
    QByteArray bytes = file.readAll();
    file.close();

    ERR_clear_error();
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    Owned<PKCS12> p12(d2i_PKCS12(nullptr, &p, bytes.size()));
    OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
    if (!p12)
        return Error(ErrorCode::KeyFileUnreadable, path + u": not a PKCS#12 file (" + takeOpensslErrors() + u')');

    // QByteArray is always NUL-terminated, so constData() is the C string OpenSSL wants without
    // a copy that would need cleansing. An empty password may mean "" or no password at all.
    const char *pass = password.constData();
    if (PKCS12_mac_present(p12.get())) {
        if (!PKCS12_verify_mac(p12.get(), pass, int(password.size()))) {
            if (!password.isEmpty() || !PKCS12_verify_mac(p12.get(), nullptr, 0)) {
                ERR_clear_error();
                return Error(ErrorCode::WrongPassword, path);
            }
            pass = nullptr;
        }
    }

    EVP_PKEY *rawKey = nullptr;
    X509 *rawCert = nullptr;
    STACK_OF(X509) *rawCa = nullptr;
    if (!parse(p12.get(), pass, &rawKey, &rawCert, &rawCa)) {
        const QString first = takeOpensslErrors();
        loadLegacyProviderOnce();
        if (!parse(p12.get(), pass, &rawKey, &rawCert, &rawCa)) {
            const QString detail = path + u": " + first + u"; " + takeOpensslErrors();
            // Without a MAC the password is only checked by decryption.
            return Error(PKCS12_mac_present(p12.get()) ? ErrorCode::KeyFileUnreadable : ErrorCode::WrongPassword,
                         detail);
        }
    }
    Owned<EVP_PKEY> key(rawKey);
    Owned<X509> cert(rawCert);
    Owned<STACK_OF(X509)> ca(rawCa);
    if (!key)
        return Error(ErrorCode::KeyNotFound, path + u": no private key");
    if (!cert)
        return Error(ErrorCode::KeyNotFound, path + u": no certificate for the private key");
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        return Error(ErrorCode::KeyNotFound, path + u": the certificate does not match the private key");
    }

    auto priv = std::make_unique<Private>();
    priv->certDer = toDer(cert.get());

    // Order the extra certificates by walking issuers up from the signer; whatever does not fit
    // the path (other roots, cross certificates) follows in file order.
    QList<X509 *> pool;
    for (int i = 0; ca && i < sk_X509_num(ca.get()); ++i) {
        X509 *c = sk_X509_value(ca.get(), i);
        if (X509_cmp(c, cert.get()) != 0)
            pool.append(c);
    }
    X509 *current = cert.get();
    while (!pool.isEmpty()) {
        qsizetype found = -1;
        for (qsizetype i = 0; i < pool.size(); ++i) {
            if (X509_check_issued(pool[i], current) == X509_V_OK) {
                found = i;
                break;
            }
        }
        if (found < 0)
            break;
        current = pool.takeAt(found);
        priv->chain.append(toDer(current));
        if (X509_check_issued(current, current) == X509_V_OK)
            break; // self-signed root: the path ends here
    }
    for (X509 *c : std::as_const(pool))
        priv->chain.append(toDer(c));

    priv->key = std::move(key);
    ERR_clear_error();
    return std::unique_ptr<Pkcs12Key>(new Pkcs12Key(std::move(priv)));
}

QByteArray Pkcs12Key::certificateDer() const
{
    return d->certDer;
}

QList<QByteArray> Pkcs12Key::chainDer() const
{
    return d->chain;
}

KeyType Pkcs12Key::keyType() const
{
    return EVP_PKEY_get_base_id(d->key.get()) == EVP_PKEY_EC ? KeyType::Ec : KeyType::Rsa;
}

int Pkcs12Key::keyBits() const
{
    return EVP_PKEY_get_bits(d->key.get());
}

Result<QByteArray> Pkcs12Key::sign(const QByteArray &data, HashAlgorithm hash, RsaPadding padding)
{
    ERR_clear_error();
    const int type = EVP_PKEY_get_base_id(d->key.get());
    if (type != EVP_PKEY_RSA && type != EVP_PKEY_RSA_PSS && type != EVP_PKEY_EC)
        return Error(ErrorCode::SigningFailed, QStringLiteral("unsupported key type %1").arg(type));

    Owned<EVP_MD_CTX> mctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr; // owned by mctx
    const EVP_MD *md = mdFor(hash);
    if (!mctx || EVP_DigestSignInit(mctx.get(), &pctx, md, nullptr, d->key.get()) != 1)
        return Error(ErrorCode::SigningFailed, u"EVP_DigestSignInit: " + takeOpensslErrors());

    if (type != EVP_PKEY_EC) {
        const bool pss = padding == RsaPadding::Pss;
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) != 1 ||
            (pss && (EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 ||
                     EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1)))
            return Error(ErrorCode::SigningFailed, u"RSA padding: " + takeOpensslErrors());
    }

    const auto *in = reinterpret_cast<const unsigned char *>(data.constData());
    size_t len = 0;
    if (EVP_DigestSign(mctx.get(), nullptr, &len, in, size_t(data.size())) != 1)
        return Error(ErrorCode::SigningFailed, u"EVP_DigestSign: " + takeOpensslErrors());
    QByteArray sig(qsizetype(len), Qt::Uninitialized);
    if (EVP_DigestSign(mctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, in, size_t(data.size())) != 1)
        return Error(ErrorCode::SigningFailed, u"EVP_DigestSign: " + takeOpensslErrors());
    sig.truncate(qsizetype(len)); // ECDSA signatures vary in length
    return sig;
}

} // namespace sohoa::signing
