#include "signing/RevocationChecker.h"

#include "signing/HttpTransport_p.h"
#include "signing/OpenSslSupport_p.h"
#include "signing/SigningLogging.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QUrl>

#include <openssl/bio.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <iterator>
#include <memory>
#include <optional>

namespace sohoa::signing {

namespace {

using detail::takeOpensslErrors;
using detail::toDateTime;

constexpr qsizetype MaxOcspResponseBytes = 1024 * 1024;
constexpr qsizetype MaxCrlBytes = 10 * 1024 * 1024;
constexpr int MaxCrlRedirects = 3;
// Responders and CAs stamp their own clocks; five minutes is what RFC 6960 deployments commonly allow.
constexpr int ClockSkewSeconds = 300;

struct OsslFree
{
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(X509_CRL *p) const { X509_CRL_free(p); }
    void operator()(X509_STORE *p) const { X509_STORE_free(p); }
    void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
    void operator()(STACK_OF(OPENSSL_STRING) * p) const { X509_email_free(p); }
    void operator()(STACK_OF(DIST_POINT) * p) const { CRL_DIST_POINTS_free(p); }
    void operator()(ISSUING_DIST_POINT *p) const { ISSUING_DIST_POINT_free(p); }
    void operator()(ASN1_ENUMERATED *p) const { ASN1_ENUMERATED_free(p); }
    void operator()(OCSP_REQUEST *p) const { OCSP_REQUEST_free(p); }
    void operator()(OCSP_RESPONSE *p) const { OCSP_RESPONSE_free(p); }
    void operator()(OCSP_BASICRESP *p) const { OCSP_BASICRESP_free(p); }
    void operator()(OCSP_CERTID *p) const { OCSP_CERTID_free(p); }
    void operator()(BIO *p) const { BIO_free(p); }
};
template <typename T> using Owned = std::unique_ptr<T, OsslFree>;

// The whole of `der` must be the object: trailing bytes mean it is something else.
template <typename T> Owned<T> decodeDer(const QByteArray &der, T *(*d2i)(T **, const unsigned char **, long))
{
    const auto *begin = reinterpret_cast<const unsigned char *>(der.constData());
    const unsigned char *p = begin;
    Owned<T> object(d2i(nullptr, &p, long(der.size())));
    if (!object || p != begin + der.size()) {
        ERR_clear_error();
        return {};
    }
    return object;
}

template <typename T> QByteArray encodeDer(T *object, int (*i2d)(const T *, unsigned char **))
{
    const int len = i2d(object, nullptr);
    if (len <= 0)
        return {};
    QByteArray der(len, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    return i2d(object, &p) == len ? der : QByteArray();
}

QString utc(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QStringLiteral("(no date)");
}

// RFC 5280 5.3.1 CRLReason, also used by OCSP's RevokedInfo.
QString reasonName(long code)
{
    static const char *const names[] = {"unspecified",        "keyCompromise", "cACompromise",
                                        "affiliationChanged", "superseded",    "cessationOfOperation",
                                        "certificateHold",    nullptr,         "removeFromCRL",
                                        "privilegeWithdrawn", "aACompromise"};
    if (code < 0)
        return {};
    if (code < long(std::size(names)) && names[code])
        return QString::fromLatin1(names[code]);
    return QStringLiteral("reason %1").arg(code);
}

// What one piece of evidence says about one certificate.
struct Assessment
{
    enum Verdict
    {
        NotAbout, // evidence about other certificates
        Unusable, // about this certificate but untrusted, malformed, stale, or "unknown"; result.detail says why
        Decisive, // Good or Revoked
    } verdict = Unusable;
    RevocationResult result;
};

Assessment unusable(const QString &why)
{
    Assessment a;
    a.result.detail = why;
    return a;
}

struct Evidence
{
    QByteArray der;
    QString source; // RevocationResult::source
    QString url;    // fetched from

    bool embedded() const { return source.startsWith(u"embedded"); }
    QString describe(const QString &kind) const
    {
        if (embedded())
            return u"embedded " + kind;
        return kind + u" from " + url;
    }
};

// Shared by OCSP and CRLs: evidence from the future is wrong everywhere; evidence past its
// nextUpdate says nothing about today but still tells what was known at its time.
struct Freshness
{
    bool fromTheFuture = false;
    bool stale = false;
};

Freshness freshnessOf(const QDateTime &thisUpdate, const QDateTime &nextUpdate)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Freshness f;
    f.fromTheFuture = !thisUpdate.isValid() || thisUpdate > now.addSecs(ClockSkewSeconds);
    f.stale = nextUpdate.isValid() && nextUpdate < now.addSecs(-ClockSkewSeconds);
    return f;
}

RevocationResult decided(const Evidence &e, RevocationState state, const QDateTime &producedAt, bool isOcsp)
{
    RevocationResult r;
    r.state = state;
    r.source = e.source;
    r.url = e.url;
    r.producedAt = producedAt;
    r.evidenceDer = e.der;
    r.evidenceIsOcsp = isOcsp;
    return r;
}

QString decisionText(const RevocationResult &r, const QString &by)
{
    if (r.state == RevocationState::Good)
        return u"not revoked according to the " + by + u" of " + utc(r.producedAt);
    QString text = u"revoked on " + utc(r.revocationTime);
    if (!r.revocationReason.isEmpty())
        text += u" (" + r.revocationReason + u')';
    return text + u" according to the " + by + u" of " + utc(r.producedAt);
}

// ---- OCSP (RFC 6960) ----

// The single response about this certificate, whichever hash its CertID uses (responders answer
// with the hash they were asked with; other software may have asked with SHA-256).
OCSP_SINGLERESP *singleResponseFor(OCSP_BASICRESP *basic, X509 *cert, X509 *issuer)
{
    for (int i = 0; i < OCSP_resp_count(basic); ++i) {
        OCSP_SINGLERESP *single = OCSP_resp_get0(basic, i);
        const OCSP_CERTID *theirs = OCSP_SINGLERESP_get0_id(single);
        ASN1_OBJECT *hashOid = nullptr;
        if (!OCSP_id_get0_info(nullptr, &hashOid, nullptr, nullptr, const_cast<OCSP_CERTID *>(theirs)))
            continue;
        const EVP_MD *md = EVP_get_digestbyobj(hashOid);
        Owned<OCSP_CERTID> ours(md ? OCSP_cert_to_id(md, cert, issuer) : nullptr);
        if (ours && OCSP_id_cmp(ours.get(), theirs) == 0)
            return single;
    }
    ERR_clear_error();
    return nullptr;
}

// Signed by the issuer, or by a responder certificate the issuer gave id-kp-OCSPSigning
// (OCSP_basic_verify's issuer check), with certificates valid when the response was produced: an
// embedded response must still verify after its responder certificate has expired.
bool ocspSignatureTrusted(OCSP_BASICRESP *basic, X509 *issuer, const QDateTime &producedAt, QString *why)
{
    Owned<X509_STORE> store(X509_STORE_new());
    Owned<STACK_OF(X509)> certs(sk_X509_new_null());
    if (!store || !certs || !X509_STORE_add_cert(store.get(), issuer) || !X509_up_ref(issuer)) {
        *why = takeOpensslErrors();
        return false;
    }
    sk_X509_push(certs.get(), issuer);
    X509_VERIFY_PARAM *param = X509_STORE_get0_param(store.get());
    // The issuer may be an intermediate CA: it is the anchor here, its own chain is the caller's business.
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    X509_VERIFY_PARAM_set_time(param, time_t(producedAt.toSecsSinceEpoch()));
    if (OCSP_basic_verify(basic, certs.get(), store.get(), 0) > 0)
        return true;
    *why = takeOpensslErrors();
    return false;
}

Assessment assessOcsp(const Evidence &e, X509 *cert, X509 *issuer, OCSP_REQUEST *sent)
{
    const QString what = e.describe(QStringLiteral("OCSP response"));
    Owned<OCSP_RESPONSE> response = decodeDer(e.der, d2i_OCSP_RESPONSE);
    if (!response)
        return unusable(what + u" is not an OCSP response");
    const int status = OCSP_response_status(response.get());
    if (status != OCSP_RESPONSE_STATUS_SUCCESSFUL)
        return unusable(what + u": the responder answered " + QString::fromLatin1(OCSP_response_status_str(status)));
    Owned<OCSP_BASICRESP> basic(OCSP_response_get1_basic(response.get()));
    if (!basic)
        return unusable(what + u" is not a basic OCSP response: " + takeOpensslErrors());

    OCSP_SINGLERESP *single = singleResponseFor(basic.get(), cert, issuer);
    if (!single) {
        Assessment a = unusable(what + u" is about other certificates");
        a.verdict = e.embedded() ? Assessment::NotAbout : Assessment::Unusable;
        return a;
    }
    // A replayed response carries another nonce; a responder that sends none (many pre-sign their
    // answers) is accepted, its thisUpdate bounds the replay window.
    if (sent && OCSP_check_nonce(sent, basic.get()) == 0)
        return unusable(what + u": the nonce is not the one sent (a replayed or foreign response)");

    QDateTime producedAt = toDateTime(OCSP_resp_get0_produced_at(basic.get()));
    if (!producedAt.isValid())
        producedAt = QDateTime::currentDateTimeUtc();
    QString why;
    if (!ocspSignatureTrusted(basic.get(), issuer, producedAt, &why))
        return unusable(what + u" is not signed by the issuer or a responder it authorized: " + why);

    QString note;
    int reason = -1;
    ASN1_GENERALIZEDTIME *revokedAt = nullptr, *thisUpdate = nullptr, *nextUpdate = nullptr;
    const int certStatus = OCSP_single_get0_status(single, &reason, &revokedAt, &thisUpdate, &nextUpdate);
    if (!OCSP_check_validity(thisUpdate, nextUpdate, ClockSkewSeconds, -1)) {
        const QString validity = takeOpensslErrors();
        const Freshness f = freshnessOf(toDateTime(thisUpdate), toDateTime(nextUpdate));
        if (!e.embedded() || f.fromTheFuture || !f.stale)
            return unusable(what + u" is not current (thisUpdate " + utc(toDateTime(thisUpdate)) + u", nextUpdate " +
                            utc(toDateTime(nextUpdate)) + u"): " + validity);
        note = u"; the response is past its nextUpdate " + utc(toDateTime(nextUpdate));
    }
    ERR_clear_error();

    if (certStatus == V_OCSP_CERTSTATUS_UNKNOWN)
        return unusable(what + u": the responder does not know this certificate");
    Assessment a;
    a.verdict = Assessment::Decisive;
    a.result = decided(e, certStatus == V_OCSP_CERTSTATUS_REVOKED ? RevocationState::Revoked : RevocationState::Good,
                       producedAt, true);
    if (certStatus == V_OCSP_CERTSTATUS_REVOKED) {
        a.result.revocationTime = toDateTime(revokedAt);
        a.result.revocationReason = reasonName(reason);
    }
    a.result.detail = decisionText(a.result, what) + note;
    return a;
}

QByteArray ocspRequestDer(X509 *cert, X509 *issuer, Owned<OCSP_REQUEST> &request)
{
    // SHA-1 CertIDs are what responders index by (RFC 5019); the hash is not a security property here.
    Owned<OCSP_CERTID> id(OCSP_cert_to_id(EVP_sha1(), cert, issuer));
    request.reset(OCSP_REQUEST_new());
    if (!id || !request || !OCSP_request_add0_id(request.get(), id.get()))
        return {};
    [[maybe_unused]] OCSP_CERTID *const handedOver = id.release(); // owned by the request now
    if (!OCSP_request_add1_nonce(request.get(), nullptr, -1))
        return {};
    return encodeDer(request.get(), i2d_OCSP_REQUEST);
}

// ---- CRLs (RFC 5280) ----

Owned<X509_CRL> decodeCrl(const QByteArray &data, QByteArray *der)
{
    if (Owned<X509_CRL> crl = decodeDer(data, d2i_X509_CRL)) {
        *der = data;
        return crl;
    }
    // Some CAs publish PEM; keep DER as evidence, which is what a DSS holds.
    Owned<BIO> bio(BIO_new_mem_buf(data.constData(), int(data.size())));
    Owned<X509_CRL> crl(bio ? PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    ERR_clear_error();
    if (crl)
        *der = encodeDer(crl.get(), i2d_X509_CRL);
    return crl;
}

// Delta CRLs and partitioned or indirect CRLs need the base CRL or other issuers to be complete;
// our issuers publish full CRLs, and anything else is reported rather than half-understood.
QString unsupportedScope(X509_CRL *crl)
{
    if (X509_CRL_get_ext_by_NID(crl, NID_delta_crl, -1) >= 0)
        return QStringLiteral("it is a delta CRL");
    Owned<ISSUING_DIST_POINT> idp(
        static_cast<ISSUING_DIST_POINT *>(X509_CRL_get_ext_d2i(crl, NID_issuing_distribution_point, nullptr, nullptr)));
    if (idp && (idp->indirectCRL || idp->onlyCA > 0 || idp->onlyattr > 0 || idp->onlysomereasons))
        return QStringLiteral("its issuingDistributionPoint limits its scope");
    return {};
}

Assessment assessCrl(const Evidence &given, X509 *cert, X509 *issuer)
{
    Evidence e = given;
    const QString what = e.describe(QStringLiteral("CRL"));
    Owned<X509_CRL> crl = decodeCrl(given.der, &e.der);
    if (!crl)
        return unusable(what + u" is not a CRL");
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl.get()), X509_get_issuer_name(cert)) != 0) {
        Assessment a = unusable(what + u" is issued by another CA");
        a.verdict = e.embedded() ? Assessment::NotAbout : Assessment::Unusable;
        return a;
    }
    EVP_PKEY *issuerKey = X509_get0_pubkey(issuer);
    if (!issuerKey || X509_CRL_verify(crl.get(), issuerKey) != 1)
        return unusable(what + u": its signature does not verify with the issuer's key " + takeOpensslErrors());
    if (const QString scope = unsupportedScope(crl.get()); !scope.isEmpty())
        return unusable(what + u" cannot decide alone: " + scope);

    const QDateTime thisUpdate = toDateTime(X509_CRL_get0_lastUpdate(crl.get()));
    const QDateTime nextUpdate = toDateTime(X509_CRL_get0_nextUpdate(crl.get()));
    const Freshness f = freshnessOf(thisUpdate, nextUpdate);
    QString note;
    if (f.fromTheFuture || (f.stale && !e.embedded()))
        return unusable(what + u" is not current (thisUpdate " + utc(thisUpdate) + u", nextUpdate " + utc(nextUpdate) +
                        u')');
    if (f.stale)
        note = u"; the CRL is past its nextUpdate " + utc(nextUpdate);

    X509_REVOKED *entry = nullptr;
    // 2: listed with removeFromCRL, which a base CRL uses for a hold that was lifted.
    const bool revoked = X509_CRL_get0_by_cert(crl.get(), &entry, cert) == 1;
    ERR_clear_error();
    Assessment a;
    a.verdict = Assessment::Decisive;
    a.result = decided(e, revoked ? RevocationState::Revoked : RevocationState::Good, thisUpdate, false);
    if (revoked) {
        a.result.revocationTime = toDateTime(X509_REVOKED_get0_revocationDate(entry));
        Owned<ASN1_ENUMERATED> reason(
            static_cast<ASN1_ENUMERATED *>(X509_REVOKED_get_ext_d2i(entry, NID_crl_reason, nullptr, nullptr)));
        if (reason)
            a.result.revocationReason = reasonName(ASN1_ENUMERATED_get(reason.get()));
    }
    a.result.detail = decisionText(a.result, what) + note;
    return a;
}

// ---- certificates ----

Owned<X509> decodeCertificate(const QByteArray &der)
{
    return decodeDer(der, d2i_X509);
}

QStringList uriNames(GENERAL_NAMES *names)
{
    QStringList uris;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_URI)
            uris.append(QString::fromLatin1(detail::bytesOf(name->d.uniformResourceIdentifier)));
    }
    return uris;
}

QByteArray cacheKey(const QByteArray &certDer, const QByteArray &issuerDer)
{
    return QCryptographicHash::hash(certDer, QCryptographicHash::Sha256) +
           QCryptographicHash::hash(issuerDer, QCryptographicHash::Sha256);
}

RevocationResult unknown(const QString &detail)
{
    RevocationResult r;
    r.state = RevocationState::Unknown;
    r.detail = detail;
    return r;
}

} // namespace

struct RevocationChecker::Private
{
    RevocationPolicy policy;

    QMutex mutex; // guards everything below; never held across a network request
    QList<QByteArray> embeddedOcsp;
    QList<QByteArray> embeddedCrls;
    QHash<QByteArray, RevocationResult> decisions; // by cacheKey()
    QHash<QString, QByteArray> crlBodies;          // by URL
    QHash<QString, QString> unreachable;           // URL → why

    std::optional<RevocationResult> fromEmbedded(X509 *cert, X509 *issuer);
    RevocationResult online(X509 *cert, X509 *issuer, const QStringList &ocsp, const QStringList &crl);
    using Transport = Result<detail::HttpResponse> (*)(const detail::HttpRequest &);
    // The body of a 200 answer, or why there is none ("OCSP responder http://…: Connection refused").
    Result<QByteArray> fetch(const QString &service, detail::HttpRequest request, Transport transport);
    Assessment askResponder(const QString &url, X509 *cert, X509 *issuer);
    Assessment consultCrl(const QString &url, X509 *cert, X509 *issuer);
    std::optional<QString> knownUnreachable(const QString &url);
    void rememberUnreachable(const QString &url, const QString &why);
};

std::optional<RevocationResult> RevocationChecker::Private::fromEmbedded(X509 *cert, X509 *issuer)
{
    QList<QByteArray> ocsp, crls;
    {
        const QMutexLocker lock(&mutex);
        ocsp = embeddedOcsp;
        crls = embeddedCrls;
    }
    const auto newest = [&](const QList<QByteArray> &evidence, const QString &source,
                            const auto &assess) -> std::optional<RevocationResult> {
        std::optional<RevocationResult> best;
        for (const QByteArray &der : evidence) {
            const Assessment a = assess(Evidence{der, source, {}}, cert, issuer);
            if (a.verdict == Assessment::Unusable)
                qCInfo(lcSigning).noquote() << "ignored:" << a.result.detail;
            if (a.verdict == Assessment::Decisive && (!best || a.result.producedAt > best->producedAt))
                best = a.result;
        }
        return best;
    };
    if (auto r = newest(ocsp, QStringLiteral("embedded-ocsp"),
                        [](const Evidence &e, X509 *c, X509 *i) { return assessOcsp(e, c, i, nullptr); }))
        return r;
    return newest(crls, QStringLiteral("embedded-crl"), assessCrl);
}

std::optional<QString> RevocationChecker::Private::knownUnreachable(const QString &url)
{
    const QMutexLocker lock(&mutex);
    const auto it = unreachable.constFind(url);
    return it == unreachable.constEnd() ? std::nullopt : std::optional<QString>(*it);
}

void RevocationChecker::Private::rememberUnreachable(const QString &url, const QString &why)
{
    const QMutexLocker lock(&mutex);
    unreachable.insert(url, why);
}

Result<QByteArray> RevocationChecker::Private::fetch(const QString &service, detail::HttpRequest request,
                                                     Transport transport)
{
    const QString url = request.url.toString();
    if (const auto why = knownUnreachable(url))
        return Error(ErrorCode::RevocationUnknown, *why + u" (earlier in this run)");
    request.timeoutMs = qMax(1, policy.timeoutMs); // QDeadlineTimer reads a negative time as "forever"
    request.failureCode = ErrorCode::RevocationUnknown;
    const Result<detail::HttpResponse> http = transport(request);
    if (!http) {
        const QString why = service + u' ' + http.error().detail();
        rememberUnreachable(url, why);
        return Error(ErrorCode::RevocationUnknown, why);
    }
    if (http->status != 200)
        return Error(ErrorCode::RevocationUnknown, service + u' ' + request.url.toString(QUrl::RemoveUserInfo) +
                                                       u": HTTP " + QString::number(http->status) + u' ' +
                                                       QString::fromLatin1(http->reason));
    return http->body;
}

Assessment RevocationChecker::Private::askResponder(const QString &url, X509 *cert, X509 *issuer)
{
    Owned<OCSP_REQUEST> sent;
    detail::HttpRequest request;
    request.url = QUrl(url);
    request.contentType = QByteArrayLiteral("application/ocsp-request");
    request.accept = QByteArrayLiteral("application/ocsp-response");
    request.body = ocspRequestDer(cert, issuer, sent);
    request.maxResponseBytes = MaxOcspResponseBytes;
    if (request.body.isEmpty())
        return unusable(u"building the OCSP request: " + takeOpensslErrors());
    const Result<QByteArray> body = fetch(QStringLiteral("OCSP responder"), request, detail::httpPost);
    if (!body)
        return unusable(body.error().detail());
    return assessOcsp(Evidence{body.value(), QStringLiteral("ocsp"), url}, cert, issuer, sent.get());
}

Assessment RevocationChecker::Private::consultCrl(const QString &url, X509 *cert, X509 *issuer)
{
    QByteArray body;
    {
        const QMutexLocker lock(&mutex);
        body = crlBodies.value(url);
    }
    if (body.isEmpty()) {
        detail::HttpRequest request;
        request.url = QUrl(url);
        request.accept = QByteArrayLiteral("application/pkix-crl");
        request.maxResponseBytes = MaxCrlBytes;
        request.maxRedirects = MaxCrlRedirects;
        Result<QByteArray> fetched = fetch(QStringLiteral("CRL distribution point"), request, detail::httpGet);
        if (!fetched)
            return unusable(fetched.error().detail());
        body = fetched.value();
        const QMutexLocker lock(&mutex);
        crlBodies.insert(url, body);
    }
    return assessCrl(Evidence{body, QStringLiteral("crl"), url}, cert, issuer);
}

RevocationResult RevocationChecker::Private::online(X509 *cert, X509 *issuer, const QStringList &ocsp,
                                                    const QStringList &crl)
{
    QStringList failures;
    const auto settle = [&](Assessment a) -> std::optional<RevocationResult> {
        if (a.verdict != Assessment::Decisive) {
            failures.append(a.result.detail);
            return std::nullopt;
        }
        if (!failures.isEmpty())
            a.result.detail = failures.join(u"; ") + u"; then " + a.result.detail;
        return a.result;
    };
    for (const QString &url : ocsp)
        if (auto r = settle(askResponder(url, cert, issuer)))
            return *r;
    for (const QString &url : crl)
        if (auto r = settle(consultCrl(url, cert, issuer)))
            return *r;
    return unknown(failures.join(u"; "));
}

RevocationChecker::RevocationChecker(RevocationPolicy policy) : d(std::make_unique<Private>())
{
    d->policy = policy;
}

RevocationChecker::~RevocationChecker() = default;

void RevocationChecker::addEmbeddedOcspResponse(const QByteArray &der)
{
    Owned<OCSP_RESPONSE> response = decodeDer(der, d2i_OCSP_RESPONSE);
    if (!response) {
        qCWarning(lcSigning) << "embedded OCSP response ignored: not a DER OCSPResponse," << der.size() << "bytes";
        return;
    }
    const QMutexLocker lock(&d->mutex);
    d->embeddedOcsp.append(der);
}

void RevocationChecker::addEmbeddedCrl(const QByteArray &der)
{
    QByteArray normalized;
    if (!decodeCrl(der, &normalized)) {
        qCWarning(lcSigning) << "embedded CRL ignored: not a CRL," << der.size() << "bytes";
        return;
    }
    const QMutexLocker lock(&d->mutex);
    d->embeddedCrls.append(normalized);
}

RevocationResult RevocationChecker::check(const QByteArray &certDer, const QByteArray &issuerDer)
{
    const Owned<X509> cert = decodeCertificate(certDer);
    const Owned<X509> issuer = decodeCertificate(issuerDer);
    if (!cert || !issuer)
        return unknown(!cert ? QStringLiteral("the certificate is not DER X.509")
                             : QStringLiteral("the issuer certificate is not DER X.509"));
    if (const int why = X509_check_issued(issuer.get(), cert.get()); why != X509_V_OK)
        return unknown(u"the certificate given as issuer did not issue this certificate: " +
                       QString::fromLatin1(X509_verify_cert_error_string(why)));

    if (auto r = d->fromEmbedded(cert.get(), issuer.get()))
        return *r;

    const QStringList ocsp = ocspUrls(certDer);
    const QStringList crl = crlUrls(certDer);
    if (ocsp.isEmpty() && crl.isEmpty()) {
        RevocationResult r;
        r.state = RevocationState::NoSource;
        r.detail = QStringLiteral("the certificate names neither an OCSP responder nor a CRL distribution point");
        return r;
    }
    if (d->policy.offline)
        return unknown(u"no embedded evidence about this certificate, and the network is not used (offline); it "
                       u"names " +
                       (ocsp + crl).join(u", "));

    const QByteArray key = cacheKey(certDer, issuerDer);
    {
        const QMutexLocker lock(&d->mutex);
        if (const auto it = d->decisions.constFind(key); it != d->decisions.constEnd())
            return *it;
    }
    RevocationResult r = d->online(cert.get(), issuer.get(), ocsp, crl);
    qCDebug(lcSigning).noquote() << "revocation:" << revocationStateName(r.state) << r.detail;
    if (r.state == RevocationState::Good || r.state == RevocationState::Revoked) {
        const QMutexLocker lock(&d->mutex);
        d->decisions.insert(key, r);
    }
    return r;
}

QStringList RevocationChecker::ocspUrls(const QByteArray &certDer)
{
    const Owned<X509> cert = decodeCertificate(certDer);
    const Owned<STACK_OF(OPENSSL_STRING)> urls(cert ? X509_get1_ocsp(cert.get()) : nullptr);
    QStringList out;
    for (int i = 0; urls && i < sk_OPENSSL_STRING_num(urls.get()); ++i)
        out.append(QString::fromLatin1(sk_OPENSSL_STRING_value(urls.get(), i)));
    return out;
}

QStringList RevocationChecker::crlUrls(const QByteArray &certDer)
{
    const Owned<X509> cert = decodeCertificate(certDer);
    const Owned<STACK_OF(DIST_POINT)> points(cert ? static_cast<STACK_OF(DIST_POINT) *>(X509_get_ext_d2i(
                                                        cert.get(), NID_crl_distribution_points, nullptr, nullptr))
                                                  : nullptr);
    QStringList out;
    for (int i = 0; points && i < sk_DIST_POINT_num(points.get()); ++i) {
        const DIST_POINT *point = sk_DIST_POINT_value(points.get(), i);
        // A relative name would be resolved against the CRL issuer's name: LDAP territory, not HTTP.
        if (point->distpoint && point->distpoint->type == 0)
            out += uriNames(point->distpoint->name.fullname);
    }
    ERR_clear_error();
    return out;
}

Error RevocationResult::toError() const
{
    switch (state) {
    case RevocationState::Revoked:
        return Error(ErrorCode::CertificateRevoked, detail);
    case RevocationState::Unknown:
        return Error(ErrorCode::RevocationUnknown, detail);
    case RevocationState::Good:
    case RevocationState::NoSource:
        break;
    }
    return {};
}

QString revocationStateName(RevocationState state)
{
    switch (state) {
    case RevocationState::Good:
        return QStringLiteral("good");
    case RevocationState::Revoked:
        return QStringLiteral("revoked");
    case RevocationState::Unknown:
        return QStringLiteral("unknown");
    case RevocationState::NoSource:
        return QStringLiteral("no-source");
    }
    return {};
}

} // namespace sohoa::signing
