#include "signing/TrustStore.h"

#include "signing/OpenSslSupport_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>

namespace sohoa::signing {

namespace {

using detail::toDateTime;
using detail::toDer;

struct X509Free
{
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(X509_STORE *p) const { X509_STORE_free(p); }
    void operator()(X509_STORE_CTX *p) const { X509_STORE_CTX_free(p); }
    void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
};
template <typename T> using Owned = std::unique_ptr<T, X509Free>;

Owned<X509> parseCert(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return Owned<X509>(d2i_X509(nullptr, &p, long(der.size())));
}

// Every certificate in `data`: PEM blocks, or one DER certificate.
QList<QByteArray> certificatesIn(const QByteArray &data)
{
    QList<QByteArray> out;
    if (data.contains("-----BEGIN")) {
        Owned<BIO> bio(BIO_new_mem_buf(data.constData(), int(data.size())));
        while (X509 *c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
            out.append(toDer(c));
            X509_free(c);
        }
    } else if (parseCert(data)) {
        out.append(data);
    }
    ERR_clear_error();
    return out;
}

QString subjectOf(X509 *cert)
{
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), X509_get_subject_name(cert), 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, n);
}

} // namespace

struct TrustStore::Private
{
    mutable QMutex mutex;
    QList<QByteArray> anchors;
    mutable Owned<X509_STORE> store; // built on first use, rebuilt after an addition
};

TrustStore::TrustStore() : d(std::make_unique<Private>()) {}
TrustStore::~TrustStore() = default;

void TrustStore::addCertificate(const QByteArray &der)
{
    QMutexLocker lock(&d->mutex);
    if (!d->anchors.contains(der))
        d->anchors.append(der);
    d->store.reset();
}

Result<int> TrustStore::addPath(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error(ErrorCode::FileNotFound, path);
    QStringList files;
    if (info.isDir()) {
        for (const QFileInfo &f : QDir(path).entryInfoList(QDir::Files | QDir::Readable, QDir::Name))
            files.append(f.filePath());
    } else {
        files.append(path);
    }
    int added = 0;
    for (const QString &file : files) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            if (!info.isDir())
                return Error(ErrorCode::FileReadFailed, file + QStringLiteral(": ") + f.errorString());
            continue;
        }
        const QList<QByteArray> certs = certificatesIn(f.read(16 << 20));
        for (const QByteArray &der : certs)
            addCertificate(der);
        added += int(certs.size());
    }
    if (added == 0)
        return Error::withHint(ErrorCode::InvalidArgument, "sohoa::signing::TrustStore",
                               QT_TRANSLATE_NOOP("sohoa::signing::TrustStore", "%1 holds no certificate."), {path});
    return added;
}

Result<std::shared_ptr<TrustStore>> TrustStore::fromPaths(const QStringList &paths, bool system)
{
    auto trust = std::make_shared<TrustStore>();
    for (const QString &path : paths)
        if (auto added = trust->addPath(path); !added)
            return added.error();
    if (system)
        if (auto added = trust->addSystem(); !added)
            return added.error();
    return trust;
}

Result<int> TrustStore::addSystem()
{
    return addPath(QStringLiteral("/etc/ssl/certs/ca-certificates.crt"));
}

int TrustStore::size() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->anchors.size());
}

QList<QByteArray> TrustStore::anchorsDer() const
{
    QMutexLocker lock(&d->mutex);
    return d->anchors;
}

void *TrustStore::nativeStore() const
{
    QMutexLocker lock(&d->mutex);
    if (!d->store) {
        d->store.reset(X509_STORE_new());
        for (const QByteArray &der : d->anchors)
            if (Owned<X509> c = parseCert(der))
                X509_STORE_add_cert(d->store.get(), c.get());
        ERR_clear_error();
    }
    return d->store.get();
}

ChainValidation validateChain(const TrustStore &trust, const QByteArray &leafDer,
                              const QList<QByteArray> &intermediatesDer, const QDateTime &at, CertificatePurpose purpose)
{
    ChainValidation v;
    Owned<X509> leaf = parseCert(leafDer);
    if (!leaf) {
        v.detail = QStringLiteral("the certificate cannot be read");
        v.usageOk = false;
        ERR_clear_error();
        return v;
    }
    Owned<STACK_OF(X509)> untrusted(sk_X509_new_null());
    for (const QByteArray &der : intermediatesDer)
        if (X509 *c = parseCert(der).release())
            if (sk_X509_push(untrusted.get(), c) <= 0)
                X509_free(c);

    auto *store = static_cast<X509_STORE *>(trust.nativeStore());
    Owned<X509_STORE_CTX> ctx(X509_STORE_CTX_new());
    if (ctx && X509_STORE_CTX_init(ctx.get(), store, leaf.get(), untrusted.get()) == 1) {
        // Time is judged below, apart from trust; a user's intermediate may be the anchor.
        X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_NO_CHECK_TIME | X509_V_FLAG_PARTIAL_CHAIN);
        if (purpose == CertificatePurpose::Timestamping)
            X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_TIMESTAMP_SIGN);
        v.trusted = trust.size() > 0 && X509_verify_cert(ctx.get()) == 1;
        if (!v.trusted)
            v.detail = trust.size() == 0
                           ? QStringLiteral("no trusted root was given")
                           : QString::fromLatin1(X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())));
        Owned<STACK_OF(X509)> chain(X509_STORE_CTX_get1_chain(ctx.get()));
        for (int i = 0; chain && i < sk_X509_num(chain.get()); ++i)
            v.chain.append(toDer(sk_X509_value(chain.get(), i)));
    }
    if (v.chain.isEmpty()) {
        // Not even started (no anchors): leaf, then issuers found among the helpers by name.
        v.chain.append(leafDer);
        X509 *current = leaf.get();
        for (int depth = 0; depth < 8; ++depth) {
            X509 *issuer = nullptr;
            for (int i = 0; i < sk_X509_num(untrusted.get()); ++i)
                if (X509_check_issued(sk_X509_value(untrusted.get(), i), current) == X509_V_OK)
                    issuer = sk_X509_value(untrusted.get(), i);
            if (!issuer || issuer == current)
                break;
            v.chain.append(toDer(issuer));
            current = issuer;
        }
    }
    for (const QByteArray &der : std::as_const(v.chain)) {
        Owned<X509> c = parseCert(der);
        if (!c)
            continue;
        v.subjects.append(subjectOf(c.get()));
        const QDateTime from = toDateTime(X509_get0_notBefore(c.get())), until = toDateTime(X509_get0_notAfter(c.get()));
        if (v.timeOk && at.isValid() && (at < from || at > until)) {
            v.timeOk = false;
            v.outOfTimeSubject = v.subjects.last();
            v.outOfTimeFrom = from;
            v.outOfTimeUntil = until;
        }
    }
    if (purpose == CertificatePurpose::Signing) {
        const uint32_t ku = X509_get_key_usage(leaf.get());
        v.usageOk = ku == UINT32_MAX || (ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) != 0;
    } else {
        v.usageOk = (X509_get_extension_flags(leaf.get()) & EXFLAG_XKUSAGE) &&
                    (X509_get_extended_key_usage(leaf.get()) & XKU_TIMESTAMP);
    }
    ERR_clear_error();
    return v;
}

} // namespace sohoa::signing
