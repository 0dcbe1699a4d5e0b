#include "signing/CmsVerifier.h"

#include "signing/OpenSslSupport_p.h"

#include <QStringList>
#include <QTimeZone>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <memory>

namespace sohoa::signing {

namespace {

using detail::bytesOf;
using detail::mdFor;
using detail::takeOpensslErrors;
using detail::toDateTime;
using detail::toDer;

struct OsslFree
{
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
    void operator()(CMS_ContentInfo *p) const { CMS_ContentInfo_free(p); }
    void operator()(ESS_SIGNING_CERT *p) const { ESS_SIGNING_CERT_free(p); }
    void operator()(ESS_SIGNING_CERT_V2 *p) const { ESS_SIGNING_CERT_V2_free(p); }
    void operator()(TS_TST_INFO *p) const { TS_TST_INFO_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
};
template <typename T> using Owned = std::unique_ptr<T, OsslFree>;

template <typename T>
Owned<T> decodeDer(const unsigned char *data, int len, T *(*d2i)(T **, const unsigned char **, long))
{
    const unsigned char *p = data;
    return Owned<T>(d2i(nullptr, &p, len));
}

template <typename T> Owned<T> decodeDer(const QByteArray &der, T *(*d2i)(T **, const unsigned char **, long))
{
    return decodeDer(reinterpret_cast<const unsigned char *>(der.constData()), int(der.size()), d2i);
}

CMS_SignerInfo *firstSignerInfo(CMS_ContentInfo *cms)
{
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed)
        return nullptr;
    STACK_OF(CMS_SignerInfo) *infos = CMS_get0_SignerInfos(cms);
    return infos && sk_CMS_SignerInfo_num(infos) > 0 ? sk_CMS_SignerInfo_value(infos, 0) : nullptr;
}

Result<HashAlgorithm> hashOf(CMS_SignerInfo *si)
{
    X509_ALGOR *digestAlg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digestAlg, nullptr);
    switch (digestAlg ? OBJ_obj2nid(digestAlg->algorithm) : NID_undef) {
    case NID_sha256:
        return HashAlgorithm::Sha256;
    case NID_sha384:
        return HashAlgorithm::Sha384;
    case NID_sha512:
        return HashAlgorithm::Sha512;
    default:
        return Error(ErrorCode::VerificationFailed, QStringLiteral("unsupported digest algorithm"));
    }
}

// The single value of an attribute whose value is a SEQUENCE, as its complete DER encoding.
QByteArray sequenceValue(X509_ATTRIBUTE *attr)
{
    const ASN1_TYPE *value = attr ? X509_ATTRIBUTE_get0_type(attr, 0) : nullptr;
    if (!value || value->type != V_ASN1_SEQUENCE)
        return {};
    return bytesOf(value->value.sequence);
}

// Whether the signer's ESS signing-certificate(-v2) attribute names `signer` (RFC 5035); false
// without such an attribute.
bool signingCertificateNames(CMS_SignerInfo *si, X509 *signer)
{
    const int v2Idx = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1);
    const int v1Idx = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificate, -1);
    Owned<ESS_SIGNING_CERT> ss;
    Owned<ESS_SIGNING_CERT_V2> ssv2;
    if (v1Idx >= 0)
        ss = decodeDer(sequenceValue(CMS_signed_get_attr(si, v1Idx)), d2i_ESS_SIGNING_CERT);
    if (v2Idx >= 0)
        ssv2 = decodeDer(sequenceValue(CMS_signed_get_attr(si, v2Idx)), d2i_ESS_SIGNING_CERT_V2);
    Owned<STACK_OF(X509)> chain(sk_X509_new_null());
    if (chain && X509_up_ref(signer) == 1 && sk_X509_push(chain.get(), signer) <= 0)
        X509_free(signer);
    return (ss || ssv2) && chain && OSSL_ESS_check_signing_certs(ss.get(), ssv2.get(), chain.get(), 1) == 1;
}

// One DER element: tag byte, where its content starts, and its length (definite lengths only).
struct DerElement
{
    quint8 tag = 0;
    qsizetype contentStart = 0;
    qsizetype length = 0;
    qsizetype end() const { return contentStart + length; }
};

bool readDer(const QByteArray &der, qsizetype at, qsizetype limit, DerElement &e)
{
    if (at + 2 > limit)
        return false;
    e.tag = quint8(der[at]);
    const quint8 l = quint8(der[at + 1]);
    qsizetype p = at + 2;
    if (l < 0x80) {
        e.length = l;
    } else {
        const int n = l & 0x7f;
        if (n < 1 || n > 4 || p + n > limit)
            return false;
        qsizetype len = 0;
        for (int i = 0; i < n; ++i)
            len = (len << 8) | quint8(der[p + i]);
        p += n;
        e.length = len;
    }
    e.contentStart = p;
    return e.length >= 0 && e.end() <= limit;
}

// adbe-revocationInfoArchival (Adobe's signed attribute 1.2.840.113583.1.1.8): SEQUENCE {
// crl [0] EXPLICIT SEQUENCE OF CertificateList OPTIONAL, ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse
// OPTIONAL, ... }: the revocation data the signer embedded, each element as its complete DER.
void readRevocationArchival(const QByteArray &value, QList<QByteArray> &crls, QList<QByteArray> &ocsps)
{
    DerElement seq;
    if (!readDer(value, 0, value.size(), seq) || seq.tag != 0x30)
        return;
    for (qsizetype at = seq.contentStart; at < seq.end();) {
        DerElement tagged;
        if (!readDer(value, at, seq.end(), tagged))
            return;
        at = tagged.end();
        if (tagged.tag != 0xa0 && tagged.tag != 0xa1)
            continue;
        DerElement list;
        if (!readDer(value, tagged.contentStart, tagged.end(), list) || list.tag != 0x30)
            continue;
        for (qsizetype i = list.contentStart; i < list.end();) {
            DerElement item;
            if (!readDer(value, i, list.end(), item))
                break;
            const qsizetype start = i;
            i = item.end();
            (tagged.tag == 0xa0 ? crls : ocsps).append(value.mid(start, i - start));
        }
    }
}

const char *digestName(const EVP_MD *md)
{
    switch (md ? EVP_MD_get_type(md) : NID_undef) {
    case NID_sha1:
        return "sha1";
    case NID_sha224:
        return "sha224";
    case NID_sha256:
        return "sha256";
    case NID_sha384:
        return "sha384";
    case NID_sha512:
        return "sha512";
    case NID_md5:
        return "md5";
    default:
        return "unknown";
    }
}

} // namespace

Result<TimestampTokenCheck> CmsVerifier::checkTimestampToken(const QByteArray &tokenDer)
{
    ERR_clear_error();
    Owned<CMS_ContentInfo> token = decodeDer(tokenDer, d2i_CMS_ContentInfo);
    if (!token || OBJ_obj2nid(CMS_get0_type(token.get())) != NID_pkcs7_signed ||
        OBJ_obj2nid(CMS_get0_eContentType(token.get())) != NID_id_smime_ct_TSTInfo) {
        ERR_clear_error();
        return Error(ErrorCode::VerificationFailed, QStringLiteral("not a timestamp token"));
    }
    ASN1_OCTET_STRING **content = CMS_get0_content(token.get());
    Owned<TS_TST_INFO> tst;
    if (content && *content)
        tst = decodeDer(ASN1_STRING_get0_data(*content), ASN1_STRING_length(*content), d2i_TS_TST_INFO);
    if (!tst) {
        ERR_clear_error();
        return Error(ErrorCode::VerificationFailed, QStringLiteral("timestamp TSTInfo unreadable"));
    }
    TimestampTokenCheck check;
    check.time = toDateTime(TS_TST_INFO_get_time(tst.get()));
    TS_MSG_IMPRINT *imprint = TS_TST_INFO_get_msg_imprint(tst.get());
    check.imprintAlgorithm =
        QString::fromLatin1(digestName(EVP_get_digestbyobj(TS_MSG_IMPRINT_get_algo(imprint)->algorithm)));
    check.imprint = bytesOf(TS_MSG_IMPRINT_get_msg(imprint));

    QStringList problems;
    STACK_OF(CMS_SignerInfo) *infos = CMS_get0_SignerInfos(token.get());
    CMS_SignerInfo *si = infos && sk_CMS_SignerInfo_num(infos) == 1 ? sk_CMS_SignerInfo_value(infos, 0) : nullptr;
    Owned<STACK_OF(X509)> certs(CMS_get1_certs(token.get()));
    X509 *signer = nullptr;
    for (int i = 0; si && certs && i < sk_X509_num(certs.get()); ++i) {
        X509 *c = sk_X509_value(certs.get(), i);
        if (!signer && CMS_SignerInfo_cert_cmp(si, c) == 0)
            signer = c;
        else
            check.certificatesDer.append(toDer(c));
    }
    if (!si)
        problems.append(QStringLiteral("the token has no single signer"));
    else if (!signer)
        problems.append(QStringLiteral("the TSA certificate is not in the token"));
    Owned<BIO> sink(BIO_new(BIO_s_null()));
    if (signer) {
        check.signerDer = toDer(signer);
        if (CMS_verify(token.get(), nullptr, nullptr, nullptr, sink.get(), CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) == 1)
            check.signatureValid = true;
        else
            problems.append(u"timestamp token signature invalid: " + takeOpensslErrors());
        check.signingCertificateMatches = signingCertificateNames(si, signer);
        if (!check.signingCertificateMatches)
            problems.append(QStringLiteral("the token's signing-certificate attribute does not name its signer"));
    }
    check.detail = problems.join(u"; ");
    ERR_clear_error();
    return check;
}

QString CmsVerifier::digestNameOf(const QByteArray &cmsDer)
{
    Owned<CMS_ContentInfo> cms = decodeDer(cmsDer, d2i_CMS_ContentInfo);
    CMS_SignerInfo *si = firstSignerInfo(cms.get());
    QString name;
    if (si) {
        X509_ALGOR *digestAlg = nullptr;
        CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digestAlg, nullptr);
        if (digestAlg)
            name = QString::fromLatin1(digestName(EVP_get_digestbyobj(digestAlg->algorithm)));
    }
    ERR_clear_error();
    return name;
}

Result<HashAlgorithm> CmsVerifier::hashAlgorithmOf(const QByteArray &cmsDer)
{
    Owned<CMS_ContentInfo> cms = decodeDer(cmsDer, d2i_CMS_ContentInfo);
    CMS_SignerInfo *si = firstSignerInfo(cms.get());
    ERR_clear_error();
    if (!si)
        return Error(ErrorCode::VerificationFailed, QStringLiteral("not CMS SignedData with a signer"));
    return hashOf(si);
}

Result<CmsVerification> CmsVerifier::verify(const QByteArray &cmsDer, const QByteArray &dataDigest)
{
    ERR_clear_error();
    Owned<CMS_ContentInfo> cms = decodeDer(cmsDer, d2i_CMS_ContentInfo);
    CMS_SignerInfo *si = firstSignerInfo(cms.get());
    if (!si)
        return Error(ErrorCode::VerificationFailed, u"not CMS SignedData with a signer: " + takeOpensslErrors());
    const Result<HashAlgorithm> hash = hashOf(si);
    if (!hash)
        return hash.error();

    CmsVerification v;
    v.hash = hash.value();
    v.signerInfoCount = sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms.get()));
    Owned<STACK_OF(X509)> certs(CMS_get1_certs(cms.get()));
    X509 *signer = nullptr;
    for (int i = 0; certs && i < sk_X509_num(certs.get()); ++i) {
        X509 *c = sk_X509_value(certs.get(), i);
        if (!signer && CMS_SignerInfo_cert_cmp(si, c) == 0)
            signer = c;
        else
            v.certificatesDer.append(toDer(c));
    }
    if (!signer)
        return Error(ErrorCode::VerificationFailed, QStringLiteral("the signer's certificate is not in the signature"));
    v.signerCertDer = toDer(signer);
    if (EVP_PKEY *key = X509_get0_pubkey(signer)) {
        v.signerKeyBits = EVP_PKEY_get_bits(key);
        v.signerKeyIsRsa = EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA || EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA_PSS;
    }

    QStringList problems;
    const auto *md = static_cast<const ASN1_OCTET_STRING *>(
        CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
    v.digestMatches = md && bytesOf(md) == dataDigest;
    if (!v.digestMatches)
        problems.append(md ? QStringLiteral("message digest does not match the data")
                           : QStringLiteral("no message-digest attribute"));

    CMS_SignerInfo_set1_signer_cert(si, signer);
    v.signatureValid = CMS_SignerInfo_verify(si) == 1;
    if (!v.signatureValid)
        problems.append(u"signature invalid: " + takeOpensslErrors());

    const int timeIdx = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    v.hasSigningTime = timeIdx >= 0;
    if (v.hasSigningTime) {
        const ASN1_TYPE *t = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, timeIdx), 0);
        if (t && (t->type == V_ASN1_UTCTIME || t->type == V_ASN1_GENERALIZEDTIME))
            v.signingTime = toDateTime(t->value.asn1_string);
    }

    const int v2Idx = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1);
    const int v1Idx = CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificate, -1);
    v.hasSigningCertificateV2 = v2Idx >= 0;
    if (v1Idx >= 0 || v2Idx >= 0) {
        v.signingCertificateMatches = signingCertificateNames(si, signer);
        if (!v.signingCertificateMatches)
            problems.append(u"signing-certificate attribute does not name the signer: " + takeOpensslErrors());
    }

    static const ASN1_OBJECT *const archival = OBJ_txt2obj("1.2.840.113583.1.1.8", 1);
    const int archivalIdx = archival ? CMS_signed_get_attr_by_OBJ(si, archival, -1) : -1;
    if (archivalIdx >= 0)
        readRevocationArchival(sequenceValue(CMS_signed_get_attr(si, archivalIdx)), v.embeddedCrlDer,
                               v.embeddedOcspDer);

    const int tsIdx = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
    v.hasTimestamp = tsIdx >= 0;
    if (v.hasTimestamp) {
        v.timestampTokenDer = sequenceValue(CMS_unsigned_get_attr(si, tsIdx));
        const Result<TimestampTokenCheck> token = checkTimestampToken(v.timestampTokenDer);
        if (!token) {
            problems.append(token.error().detail());
        } else {
            v.timestampTime = token->time;
            v.timestampSignerDer = token->signerDer;
            v.timestampCertificatesDer = token->certificatesDer;
            // The token stamps the signature value (RFC 3161 appendix A, CAdES-T).
            const EVP_MD *imprintMd = EVP_get_digestbyname(token->imprintAlgorithm.toLatin1().constData());
            const QByteArray value = bytesOf(CMS_SignerInfo_get0_signature(si));
            unsigned char digest[EVP_MAX_MD_SIZE];
            unsigned int digestLen = 0;
            const bool imprintOk =
                imprintMd &&
                EVP_Digest(value.constData(), size_t(value.size()), digest, &digestLen, imprintMd, nullptr) == 1 &&
                token->imprint == QByteArray(reinterpret_cast<const char *>(digest), int(digestLen));
            if (!imprintOk)
                problems.append(QStringLiteral("timestamp imprint does not match the signature value"));
            if (!token->signatureValid)
                problems.append(token->detail);
            v.timestampValid = imprintOk && token->signatureValid;
        }
    }

    v.detail = problems.join(u"; ");
    ERR_clear_error();
    return v;
}

} // namespace sohoa::signing
