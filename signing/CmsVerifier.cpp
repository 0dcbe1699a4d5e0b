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

QByteArray toDer(X509 *cert)
{
    const int len = i2d_X509(cert, nullptr);
    if (len <= 0)
        return {};
    QByteArray der(len, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    i2d_X509(cert, &p);
    return der;
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

// Checks a signature timestamp token: its own signature (not its certificate's trust) and that
// it stamps `signatureValue`.
void checkTimestamp(const QByteArray &tokenDer, const QByteArray &signatureValue, CmsVerification &v,
                    QStringList &problems)
{
    Owned<CMS_ContentInfo> token = decodeDer(tokenDer, d2i_CMS_ContentInfo);
    if (!token || OBJ_obj2nid(CMS_get0_eContentType(token.get())) != NID_id_smime_ct_TSTInfo) {
        problems.append(QStringLiteral("timestamp token unreadable"));
        return;
    }
    ASN1_OCTET_STRING **content = CMS_get0_content(token.get());
    Owned<TS_TST_INFO> tst;
    if (content && *content)
        tst = decodeDer(ASN1_STRING_get0_data(*content), ASN1_STRING_length(*content), d2i_TS_TST_INFO);
    if (!tst) {
        problems.append(QStringLiteral("timestamp TSTInfo unreadable"));
        return;
    }
    v.timestampTime = toDateTime(TS_TST_INFO_get_time(tst.get()));

    bool ok = true;
    Owned<BIO> sink(BIO_new(BIO_s_null()));
    if (CMS_verify(token.get(), nullptr, nullptr, nullptr, sink.get(), CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1) {
        problems.append(u"timestamp token signature invalid: " + takeOpensslErrors());
        ok = false;
    }
    TS_MSG_IMPRINT *imprint = TS_TST_INFO_get_msg_imprint(tst.get());
    const EVP_MD *md = EVP_get_digestbyobj(TS_MSG_IMPRINT_get_algo(imprint)->algorithm);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLen = 0;
    if (!md ||
        EVP_Digest(signatureValue.constData(), size_t(signatureValue.size()), digest, &digestLen, md, nullptr) != 1 ||
        bytesOf(TS_MSG_IMPRINT_get_msg(imprint)) !=
            QByteArray::fromRawData(reinterpret_cast<const char *>(digest), int(digestLen))) {
        problems.append(QStringLiteral("timestamp imprint does not match the signature value"));
        ok = false;
    }
    v.timestampValid = ok;
}

} // namespace

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
        Owned<ESS_SIGNING_CERT> ss;
        Owned<ESS_SIGNING_CERT_V2> ssv2;
        if (v1Idx >= 0)
            ss = decodeDer(sequenceValue(CMS_signed_get_attr(si, v1Idx)), d2i_ESS_SIGNING_CERT);
        if (v2Idx >= 0)
            ssv2 = decodeDer(sequenceValue(CMS_signed_get_attr(si, v2Idx)), d2i_ESS_SIGNING_CERT_V2);
        Owned<STACK_OF(X509)> chain(sk_X509_new_null());
        if (chain && X509_up_ref(signer) == 1 && sk_X509_push(chain.get(), signer) <= 0)
            X509_free(signer);
        v.signingCertificateMatches =
            (ss || ssv2) && chain && OSSL_ESS_check_signing_certs(ss.get(), ssv2.get(), chain.get(), 1) == 1;
        if (!v.signingCertificateMatches)
            problems.append(u"signing-certificate attribute does not name the signer: " + takeOpensslErrors());
    }

    const int tsIdx = CMS_unsigned_get_attr_by_NID(si, NID_id_smime_aa_timeStampToken, -1);
    v.hasTimestamp = tsIdx >= 0;
    if (v.hasTimestamp)
        checkTimestamp(sequenceValue(CMS_unsigned_get_attr(si, tsIdx)), bytesOf(CMS_SignerInfo_get0_signature(si)), v,
                       problems);

    v.detail = problems.join(u"; ");
    ERR_clear_error();
    return v;
}

} // namespace sohoa::signing
