#include "signing/CmsBuilder.h"

#include "signing/OpenSslSupport_p.h"

#include <QList>
#include <QStringList>

#include <openssl/asn1.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace sohoa::signing {

namespace {

using detail::mdFor;
using detail::takeOpensslErrors;

struct OsslFree
{
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(CMS_ContentInfo *p) const { CMS_ContentInfo_free(p); }
    void operator()(ASN1_TIME *p) const { ASN1_TIME_free(p); }
    void operator()(X509_ALGOR *p) const { X509_ALGOR_free(p); }
    void operator()(RSA_PSS_PARAMS *p) const { RSA_PSS_PARAMS_free(p); }
};
template <typename T> using Owned = std::unique_ptr<T, OsslFree>;

Error failure(const char *what)
{
    return Error(ErrorCode::SigningFailed, QString::fromLatin1(what) + u": " + takeOpensslErrors());
}

int ecdsaNid(HashAlgorithm hash)
{
    switch (hash) {
    case HashAlgorithm::Sha256:
        return NID_ecdsa_with_SHA256;
    case HashAlgorithm::Sha384:
        return NID_ecdsa_with_SHA384;
    case HashAlgorithm::Sha512:
        return NID_ecdsa_with_SHA512;
    }
    return NID_ecdsa_with_SHA256;
}

template <typename T> Owned<T> decodeDer(const QByteArray &der, T *(*d2i)(T **, const unsigned char **, long))
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    return Owned<T>(d2i(nullptr, &p, der.size()));
}

template <typename T> QByteArray encodeDer(T *object, int (*i2d)(const T *, unsigned char **))
{
    const int len = i2d(object, nullptr);
    if (len <= 0)
        return {};
    QByteArray der(len, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    i2d(object, &p);
    return der;
}

QByteArray derHeader(unsigned char tag, qsizetype length)
{
    QByteArray h(1, char(tag));
    if (length < 0x80) {
        h.append(char(length));
        return h;
    }
    QByteArray bytes;
    for (qsizetype l = length; l > 0; l >>= 8)
        bytes.prepend(char(l & 0xff));
    h.append(char(0x80 | bytes.size()));
    return h + bytes;
}

// The DER of the signed attributes as a SET OF (tag 0x31), elements sorted as X.690 11.6 wants:
// the exact bytes OpenSSL (and every verifier) hashes.
QByteArray signedAttributesDer(CMS_SignerInfo *si)
{
    QList<QByteArray> encoded;
    for (int i = 0; i < CMS_signed_get_attr_count(si); ++i)
        encoded.append(encodeDer(CMS_signed_get_attr(si, i), i2d_X509_ATTRIBUTE));
    std::sort(encoded.begin(), encoded.end(), [](const QByteArray &a, const QByteArray &b) {
        const int c = std::memcmp(a.constData(), b.constData(), size_t(std::min(a.size(), b.size())));
        return c != 0 ? c < 0 : a.size() < b.size();
    });
    QByteArray content;
    for (const QByteArray &e : std::as_const(encoded))
        content += e;
    return derHeader(0x31, content.size()) + content;
}

// RSASSA-PSS-params (RFC 4055): hash, MGF1 with the same hash, salt length = hash length.
bool setPssAlgorithm(X509_ALGOR *sigAlg, const EVP_MD *md)
{
    Owned<RSA_PSS_PARAMS> params(RSA_PSS_PARAMS_new());
    Owned<X509_ALGOR> mgfHash(X509_ALGOR_new());
    if (!params || !mgfHash)
        return false;
    params->hashAlgorithm = X509_ALGOR_new();
    params->maskGenAlgorithm = X509_ALGOR_new();
    params->saltLength = ASN1_INTEGER_new();
    if (!params->hashAlgorithm || !params->maskGenAlgorithm || !params->saltLength)
        return false;
    X509_ALGOR_set_md(params->hashAlgorithm, md);
    X509_ALGOR_set_md(mgfHash.get(), md);
    ASN1_STRING *mgfParam = ASN1_item_pack(mgfHash.get(), ASN1_ITEM_rptr(X509_ALGOR), nullptr);
    if (!mgfParam || !X509_ALGOR_set0(params->maskGenAlgorithm, OBJ_nid2obj(NID_mgf1), V_ASN1_SEQUENCE, mgfParam) ||
        !ASN1_INTEGER_set(params->saltLength, EVP_MD_get_size(md)))
        return false;
    ASN1_STRING *packed = ASN1_item_pack(params.get(), ASN1_ITEM_rptr(RSA_PSS_PARAMS), nullptr);
    return packed && X509_ALGOR_set0(sigAlg, OBJ_nid2obj(NID_rsassaPss), V_ASN1_SEQUENCE, packed);
}

CMS_SignerInfo *firstSignerInfo(CMS_ContentInfo *cms)
{
    if (!cms || OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed)
        return nullptr;
    STACK_OF(CMS_SignerInfo) *infos = CMS_get0_SignerInfos(cms);
    return infos && sk_CMS_SignerInfo_num(infos) > 0 ? sk_CMS_SignerInfo_value(infos, 0) : nullptr;
}

} // namespace

Result<QByteArray> CmsBuilder::buildDetached(SigningKey &key, const QByteArray &messageDigest,
                                             const CmsOptions &options)
{
    ERR_clear_error();
    const EVP_MD *md = mdFor(options.hash);
    if (messageDigest.size() != EVP_MD_get_size(md))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("message digest has %1 bytes, %2 expects %3")
                                                     .arg(messageDigest.size())
                                                     .arg(QString::fromLatin1(EVP_MD_get0_name(md)))
                                                     .arg(EVP_MD_get_size(md)));

    Owned<X509> signer = decodeDer(key.certificateDer(), d2i_X509);
    if (!signer)
        return failure("signer certificate");

    Owned<CMS_ContentInfo> cms(CMS_ContentInfo_new());
    if (!cms || CMS_SignedData_init(cms.get()) != 1 || CMS_set_detached(cms.get(), 1) != 1)
        return failure("CMS SignedData");

    // CMS_add1_signer() only compares the key with the certificate, so the public key will do: the
    // private key may be on a token. CMS_CADES adds signing-certificate-v2 (v1 for SHA-1); the
    // signature itself is left empty (CMS_PARTIAL) and made below through key.sign().
    EVP_PKEY *publicKey = X509_get0_pubkey(signer.get());
    CMS_SignerInfo *si =
        CMS_add1_signer(cms.get(), signer.get(), publicKey, md, CMS_PARTIAL | CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES);
    if (!si)
        return failure("CMS_add1_signer");
    for (const QByteArray &der : key.chainDer()) {
        Owned<X509> cert = decodeDer(der, d2i_X509);
        if (!cert || CMS_add1_cert(cms.get(), cert.get()) != 1)
            return failure("chain certificate");
    }

    if (CMS_signed_add1_attr_by_NID(si, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data), -1) != 1 ||
        CMS_signed_add1_attr_by_NID(si, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, messageDigest.constData(),
                                    int(messageDigest.size())) != 1)
        return failure("signed attributes");
    if (!options.pades) {
        const QDateTime when = options.signingTime.isValid() ? options.signingTime : QDateTime::currentDateTimeUtc();
        Owned<ASN1_TIME> t(ASN1_TIME_set(nullptr, time_t(when.toSecsSinceEpoch())));
        if (!t || CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime, ASN1_STRING_type(t.get()), t.get(), -1) != 1)
            return failure("signing-time attribute");
    }
    if (CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1) < 0)
        return failure("signing-certificate-v2 attribute missing");

    X509_ALGOR *sigAlg = nullptr;
    CMS_SignerInfo_get0_algs(si, nullptr, nullptr, nullptr, &sigAlg);
    bool algOk = false;
    if (key.keyType() == KeyType::Ec)
        algOk = X509_ALGOR_set0(sigAlg, OBJ_nid2obj(ecdsaNid(options.hash)), V_ASN1_UNDEF, nullptr) == 1;
    else if (options.padding == RsaPadding::Pss)
        algOk = setPssAlgorithm(sigAlg, md);
    else
        algOk = X509_ALGOR_set0(sigAlg, OBJ_nid2obj(NID_rsaEncryption), V_ASN1_NULL, nullptr) == 1;
    if (!algOk)
        return failure("signature algorithm");

    Result<QByteArray> signature = key.sign(signedAttributesDer(si), options.hash, options.padding);
    if (!signature)
        return signature.error();
    if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), signature->constData(), int(signature->size())) != 1)
        return failure("signature value");

    QByteArray der = encodeDer(cms.get(), i2d_CMS_ContentInfo);
    if (der.isEmpty())
        return failure("i2d_CMS_ContentInfo");

    // Catch a key that signed with something other than the certificate's key (a token with
    // several keys, a wrong padding) before the signature goes into a document. Checked on the
    // encoded result: OpenSSL 3.0's CMS_SignerInfo_verify() fails on the in-memory SignerInfo
    // built with CMS_PARTIAL even when the encoded signature is valid.
    Owned<CMS_ContentInfo> check = decodeDer(der, d2i_CMS_ContentInfo);
    CMS_SignerInfo *checkSi = firstSignerInfo(check.get());
    if (!checkSi || (CMS_SignerInfo_set1_signer_cert(checkSi, signer.get()), CMS_SignerInfo_verify(checkSi) != 1))
        return failure("the new signature does not verify with the signer certificate");
    return der;
}

Result<QByteArray> CmsBuilder::addTimestampToken(const QByteArray &cmsDer, const QByteArray &timestampTokenDer)
{
    ERR_clear_error();
    Owned<CMS_ContentInfo> cms = decodeDer(cmsDer, d2i_CMS_ContentInfo);
    CMS_SignerInfo *si = firstSignerInfo(cms.get());
    if (!si)
        return Error(ErrorCode::TimestampFailed, u"not CMS SignedData with a signer: " + takeOpensslErrors());
    Owned<CMS_ContentInfo> token = decodeDer(timestampTokenDer, d2i_CMS_ContentInfo);
    if (!token || OBJ_obj2nid(CMS_get0_type(token.get())) != NID_pkcs7_signed ||
        OBJ_obj2nid(CMS_get0_eContentType(token.get())) != NID_id_smime_ct_TSTInfo)
        return Error(ErrorCode::TimestampFailed, u"not a TimeStampToken: " + takeOpensslErrors());
    // V_ASN1_SEQUENCE: the bytes are the complete encoding of the ContentInfo, copied as they are.
    if (CMS_unsigned_add1_attr_by_NID(si, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE,
                                      timestampTokenDer.constData(), int(timestampTokenDer.size())) != 1)
        return Error(ErrorCode::TimestampFailed, u"adding the timestamp attribute: " + takeOpensslErrors());
    QByteArray der = encodeDer(cms.get(), i2d_CMS_ContentInfo);
    if (der.isEmpty())
        return Error(ErrorCode::TimestampFailed, u"i2d_CMS_ContentInfo: " + takeOpensslErrors());
    return der;
}

QByteArray CmsBuilder::signatureValue(const QByteArray &cmsDer)
{
    Owned<CMS_ContentInfo> cms = decodeDer(cmsDer, d2i_CMS_ContentInfo);
    CMS_SignerInfo *si = firstSignerInfo(cms.get());
    ERR_clear_error();
    if (!si)
        return {};
    const ASN1_OCTET_STRING *sig = CMS_SignerInfo_get0_signature(si);
    return QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(sig)), ASN1_STRING_length(sig));
}

} // namespace sohoa::signing
