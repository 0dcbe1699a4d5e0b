#include "signing/CertificateInfo.h"

#include "signing/OpenSslSupport_p.h"

#include <QTimeZone>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace sohoa::signing {

namespace {

using detail::toDateTime;

struct OsslFree
{
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
    void operator()(char *p) const { OPENSSL_free(p); }
};
template <typename T> using Owned = std::unique_ptr<T, OsslFree>;

Owned<X509> decode(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    Owned<X509> cert(d2i_X509(nullptr, &p, der.size()));
    if (!cert || p != reinterpret_cast<const unsigned char *>(der.constData()) + der.size()) {
        ERR_clear_error();
        return {};
    }
    return cert;
}

QString nameEntry(const X509_NAME *name, int nid)
{
    const int idx = X509_NAME_get_index_by_NID(name, nid, -1);
    if (idx < 0)
        return {};
    const ASN1_STRING *value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx));
    unsigned char *utf8 = nullptr;
    const int len = ASN1_STRING_to_UTF8(&utf8, value);
    if (len < 0)
        return {};
    QString s = QString::fromUtf8(reinterpret_cast<const char *>(utf8), len);
    OPENSSL_free(utf8);
    return s;
}

QString nameText(const X509_NAME *name)
{
    Owned<BIO> bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
        return {};
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, qsizetype(len));
}

} // namespace

Result<CertificateInfo> CertificateInfo::parse(const QByteArray &der)
{
    Owned<X509> cert = decode(der);
    if (!cert)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("not a DER X.509 certificate"));

    CertificateInfo info;
    const X509_NAME *subject = X509_get_subject_name(cert.get());
    const X509_NAME *issuer = X509_get_issuer_name(cert.get());
    info.subjectCommonName = nameEntry(subject, NID_commonName);
    info.subjectOrganization = nameEntry(subject, NID_organizationName);
    info.subjectDn = nameText(subject);
    info.issuerCommonName = nameEntry(issuer, NID_commonName);
    info.issuerDn = nameText(issuer);

    Owned<BIGNUM> serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr));
    if (serial) {
        Owned<char> hex(BN_bn2hex(serial.get()));
        if (hex)
            info.serialHex = QString::fromLatin1(hex.get());
    }
    info.notBefore = toDateTime(X509_get0_notBefore(cert.get()));
    info.notAfter = toDateTime(X509_get0_notAfter(cert.get()));

    // X509_get_extension_flags() also caches the decoded extensions.
    info.hasKeyUsage = (X509_get_extension_flags(cert.get()) & EXFLAG_KUSAGE) != 0;
    const uint32_t usage = X509_get_key_usage(cert.get());
    info.digitalSignature = (usage & KU_DIGITAL_SIGNATURE) != 0;
    info.nonRepudiation = (usage & KU_NON_REPUDIATION) != 0;

    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdLen = 0;
    if (X509_digest(cert.get(), EVP_sha256(), md, &mdLen) == 1)
        info.sha256Fingerprint = QByteArray(reinterpret_cast<const char *>(md), int(mdLen));
    ERR_clear_error();
    return info;
}

Result<void> checkUsableForSigning(const QByteArray &certDer, const QDateTime &at)
{
    const Result<CertificateInfo> info = CertificateInfo::parse(certDer);
    if (!info)
        return info.error();
    const QString who = info->subjectCommonName;
    if (at < info->notBefore)
        return Error(ErrorCode::CertificateNotYetValid, who + u": valid from " + info->notBefore.toString(Qt::ISODate));
    if (at > info->notAfter)
        return Error(ErrorCode::CertificateExpired, who + u": expired " + info->notAfter.toString(Qt::ISODate));
    if (info->hasKeyUsage && !info->digitalSignature && !info->nonRepudiation)
        return Error(ErrorCode::CertificateKeyUsage, who + u": keyUsage allows neither digitalSignature nor "
                                                           u"nonRepudiation");
    return {};
}

} // namespace sohoa::signing
