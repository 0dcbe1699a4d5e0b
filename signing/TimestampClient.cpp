#include "signing/TimestampClient.h"

#include "signing/HttpTransport_p.h"
#include "signing/OpenSslSupport_p.h"
#include "signing/SigningLogging.h"
#include "signing/TimestampResponse_p.h"

#include <QStringList>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <memory>

namespace sohoa::signing {

namespace {

using detail::bytesOf;
using detail::mdFor;
using detail::takeOpensslErrors;

constexpr qsizetype MaxResponseBytes = 4 * 1024 * 1024;

struct OsslFree
{
    void operator()(TS_REQ *p) const { TS_REQ_free(p); }
    void operator()(TS_RESP *p) const { TS_RESP_free(p); }
    void operator()(TS_MSG_IMPRINT *p) const { TS_MSG_IMPRINT_free(p); }
    void operator()(X509_ALGOR *p) const { X509_ALGOR_free(p); }
    void operator()(BIGNUM *p) const { BN_free(p); }
    void operator()(ASN1_INTEGER *p) const { ASN1_INTEGER_free(p); }
};
template <typename T> using Owned = std::unique_ptr<T, OsslFree>;

Error failed(const QString &detail)
{
    return Error(ErrorCode::TimestampFailed, detail);
}

QString statusText(TS_STATUS_INFO *info)
{
    static const char *const statusNames[] = {"granted", "grantedWithMods",   "rejection",
                                              "waiting", "revocationWarning", "revocationNotification"};
    const long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(info));
    QString text =
        status >= 0 && status < 6 ? QString::fromLatin1(statusNames[status]) : QStringLiteral("status %1").arg(status);
    const STACK_OF(ASN1_UTF8STRING) *texts = TS_STATUS_INFO_get0_text(info);
    for (int i = 0; texts && i < sk_ASN1_UTF8STRING_num(texts); ++i)
        text += u" \"" + QString::fromUtf8(bytesOf(sk_ASN1_UTF8STRING_value(texts, i))) + u'"';
    static const struct
    {
        int bit;
        const char *name;
    } failures[] = {{TS_INFO_BAD_ALG, "badAlg"},
                    {TS_INFO_BAD_REQUEST, "badRequest"},
                    {TS_INFO_BAD_DATA_FORMAT, "badDataFormat"},
                    {TS_INFO_TIME_NOT_AVAILABLE, "timeNotAvailable"},
                    {TS_INFO_UNACCEPTED_POLICY, "unacceptedPolicy"},
                    {TS_INFO_UNACCEPTED_EXTENSION, "unacceptedExtension"},
                    {TS_INFO_ADD_INFO_NOT_AVAILABLE, "addInfoNotAvailable"},
                    {TS_INFO_SYSTEM_FAILURE, "systemFailure"}};
    if (const ASN1_BIT_STRING *bits = TS_STATUS_INFO_get0_failure_info(info)) {
        for (const auto &f : failures)
            if (ASN1_BIT_STRING_get_bit(bits, f.bit))
                text += u' ' + QString::fromLatin1(f.name);
    }
    return text;
}

// One definite-length DER TLV at `pos`: header and content length, or false.
bool readTlv(const QByteArray &der, qsizetype pos, qsizetype &headerLen, qsizetype &contentLen)
{
    if (pos + 2 > der.size())
        return false;
    const auto first = uchar(der[pos + 1]);
    if (first < 0x80) {
        headerLen = 2;
        contentLen = first;
    } else {
        const int n = first & 0x7f;
        if (n == 0 || n > 4 || pos + 2 + n > der.size())
            return false; // indefinite length or absurd
        contentLen = 0;
        for (int i = 0; i < n; ++i)
            contentLen = (contentLen << 8) | uchar(der[pos + 2 + i]);
        headerLen = 2 + n;
    }
    return pos + headerLen + contentLen <= der.size();
}

// The timeStampToken's bytes exactly as sent: TimeStampResp ::= SEQUENCE { status, token }.
QByteArray tokenBytes(const QByteArray &respDer, TS_RESP *resp)
{
    qsizetype outerHeader = 0, outerLen = 0, statusHeader = 0, statusLen = 0;
    if (readTlv(respDer, 0, outerHeader, outerLen) && readTlv(respDer, outerHeader, statusHeader, statusLen)) {
        const qsizetype tokenPos = outerHeader + statusHeader + statusLen;
        qsizetype tokenHeader = 0, tokenLen = 0;
        if (readTlv(respDer, tokenPos, tokenHeader, tokenLen) &&
            tokenPos + tokenHeader + tokenLen == outerHeader + outerLen)
            return respDer.mid(tokenPos, tokenHeader + tokenLen);
    }
    // BER from the TSA: re-encode (the token's signature covers its signed attributes, which
    // verifiers re-encode as DER anyway).
    PKCS7 *token = TS_RESP_get_token(resp);
    const int len = token ? i2d_PKCS7(token, nullptr) : 0;
    if (len <= 0)
        return {};
    QByteArray der(len, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    i2d_PKCS7(token, &p);
    return der;
}

} // namespace

Result<QByteArray> TimestampClient::requestToken(const QUrl &tsaUrl, const QByteArray &dataToStamp, HashAlgorithm hash,
                                                 int timeoutMs)
{
    ERR_clear_error();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLen = 0;
    if (EVP_Digest(dataToStamp.constData(), size_t(dataToStamp.size()), digest, &digestLen, mdFor(hash), nullptr) != 1)
        return failed(u"digest: " + takeOpensslErrors());
    return requestTokenForDigest(tsaUrl, QByteArray(reinterpret_cast<const char *>(digest), int(digestLen)), hash,
                                 timeoutMs);
}

Result<QByteArray> TimestampClient::requestTokenForDigest(const QUrl &tsaUrl, const QByteArray &digestBytes,
                                                          HashAlgorithm hash, int timeoutMs)
{
    ERR_clear_error();
    if (!tsaUrl.isValid() || (tsaUrl.scheme() != u"http" && tsaUrl.scheme() != u"https") || tsaUrl.host().isEmpty())
        return failed(u"unsupported TSA URL: " + tsaUrl.toString(QUrl::RemoveUserInfo));

    const EVP_MD *md = mdFor(hash);
    if (digestBytes.size() != EVP_MD_get_size(md))
        return failed(
            QStringLiteral("a digest of %1 bytes for a %2-byte hash").arg(digestBytes.size()).arg(EVP_MD_get_size(md)));
    QByteArray imprintBytes = digestBytes; // OpenSSL takes a non-const buffer
    auto *digest = reinterpret_cast<unsigned char *>(imprintBytes.data());
    const auto digestLen = unsigned(imprintBytes.size());

    unsigned char nonceBytes[8];
    if (RAND_bytes(nonceBytes, sizeof nonceBytes) != 1)
        return failed(u"RAND_bytes: " + takeOpensslErrors());
    nonceBytes[0] &= 0x7f;
    nonceBytes[0] |= 0x01; // positive and 8 bytes long: fixed size on the wire
    Owned<BIGNUM> nonceBn(BN_bin2bn(nonceBytes, sizeof nonceBytes, nullptr));
    Owned<ASN1_INTEGER> nonce(nonceBn ? BN_to_ASN1_INTEGER(nonceBn.get(), nullptr) : nullptr);

    Owned<TS_REQ> req(TS_REQ_new());
    Owned<TS_MSG_IMPRINT> imprint(TS_MSG_IMPRINT_new());
    Owned<X509_ALGOR> algo(X509_ALGOR_new());
    // Parameters NULL as `openssl ts -query` sends: some TSAs refuse an absent one.
    if (!req || !imprint || !algo || !nonce ||
        !X509_ALGOR_set0(algo.get(), OBJ_nid2obj(EVP_MD_get_type(md)), V_ASN1_NULL, nullptr) ||
        !TS_MSG_IMPRINT_set_algo(imprint.get(), algo.get()) ||
        !TS_MSG_IMPRINT_set_msg(imprint.get(), digest, int(digestLen)) || !TS_REQ_set_version(req.get(), 1) ||
        !TS_REQ_set_msg_imprint(req.get(), imprint.get()) || !TS_REQ_set_nonce(req.get(), nonce.get()) ||
        !TS_REQ_set_cert_req(req.get(), 1))
        return failed(u"building the request: " + takeOpensslErrors());
    const int reqLen = i2d_TS_REQ(req.get(), nullptr);
    QByteArray reqDer(reqLen > 0 ? reqLen : 0, Qt::Uninitialized);
    auto *rp = reinterpret_cast<unsigned char *>(reqDer.data());
    if (reqLen <= 0 || i2d_TS_REQ(req.get(), &rp) != reqLen)
        return failed(u"encoding the request: " + takeOpensslErrors());

    const QString where = tsaUrl.toString(QUrl::RemoveUserInfo);
    detail::HttpRequest request;
    request.url = tsaUrl;
    request.contentType = QByteArrayLiteral("application/timestamp-query");
    request.accept = QByteArrayLiteral("application/timestamp-reply");
    request.body = reqDer;
    request.timeoutMs = timeoutMs;
    request.maxResponseBytes = MaxResponseBytes;
    request.failureCode = ErrorCode::TimestampFailed;
    Result<detail::HttpResponse> http = detail::httpPost(request);
    if (!http)
        return http.error();
    if (http->status != 200)
        return failed(where + u": HTTP " + QString::number(http->status) + u' ' + QString::fromLatin1(http->reason));

    Result<QByteArray> token = detail::tokenFromTimestampResponse(
        http->body, QByteArray(reinterpret_cast<const char *>(nonceBytes), sizeof nonceBytes), digestBytes, hash, where,
        http->contentType);
    if (!token)
        return token;
    qCDebug(lcSigning) << "timestamp from" << where << "bytes" << token->size();
    return token;
}

namespace detail {

Result<QByteArray> tokenFromTimestampResponse(const QByteArray &respDer, const QByteArray &nonceBytes,
                                              const QByteArray &digestBytes, HashAlgorithm hash, const QString &where,
                                              const QByteArray &contentType)
{
    ERR_clear_error();
    const EVP_MD *md = mdFor(hash);
    Owned<BIGNUM> nonceBn(BN_bin2bn(reinterpret_cast<const unsigned char *>(nonceBytes.constData()),
                                    int(nonceBytes.size()), nullptr));
    Owned<ASN1_INTEGER> nonce(nonceBn ? BN_to_ASN1_INTEGER(nonceBn.get(), nullptr) : nullptr);
    if (!nonce)
        return failed(where + u": " + takeOpensslErrors());
    const auto *digest = reinterpret_cast<const unsigned char *>(digestBytes.constData());
    const auto digestLen = unsigned(digestBytes.size());

    const auto *p = reinterpret_cast<const unsigned char *>(respDer.constData());
    Owned<TS_RESP> resp(d2i_TS_RESP(nullptr, &p, respDer.size()));
    if (!resp)
        return failed(where + u": not a timestamp response (" + QString::fromLatin1(contentType) + u"): " +
                      takeOpensslErrors());
    TS_STATUS_INFO *status = TS_RESP_get_status_info(resp.get());
    const long pkiStatus = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(status));
    if (pkiStatus != 0 && pkiStatus != 1)
        return failed(where + u": TSA refused: " + statusText(status));

    TS_TST_INFO *tst = TS_RESP_get_tst_info(resp.get());
    if (!tst || !TS_RESP_get_token(resp.get()))
        return failed(where + u": granted without a token");
    const ASN1_INTEGER *gotNonce = TS_TST_INFO_get_nonce(tst);
    if (!gotNonce || ASN1_INTEGER_cmp(gotNonce, nonce.get()) != 0)
        return failed(where + u": nonce mismatch (a replayed or foreign response)");
    TS_MSG_IMPRINT *gotImprint = TS_TST_INFO_get_msg_imprint(tst);
    if (OBJ_obj2nid(TS_MSG_IMPRINT_get_algo(gotImprint)->algorithm) != EVP_MD_get_type(md) ||
        bytesOf(TS_MSG_IMPRINT_get_msg(gotImprint)) !=
            QByteArray::fromRawData(reinterpret_cast<const char *>(digest), int(digestLen)))
        return failed(where + u": the token stamps other data");

    QByteArray token = tokenBytes(respDer, resp.get());
    if (token.isEmpty())
        return failed(where + u": token unreadable: " + takeOpensslErrors());
    return token;
}

} // namespace detail

} // namespace sohoa::signing
