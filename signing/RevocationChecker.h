#pragma once

#include "core/common/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <memory>

namespace sohoa::signing {

enum class RevocationState
{
    Good,
    Revoked,
    Unknown,
    // The certificate names neither an OCSP responder (AIA) nor a CRL distribution point.
    NoSource,
};

// Unknown: a named source could not be reached, answered badly, could not be trusted or does not
// know the certificate; `detail` says which and why.
struct RevocationResult
{
    RevocationState state = RevocationState::Unknown;
    QDateTime revocationTime; // UTC, when Revoked
    QString revocationReason; // RFC 5280 CRLReason name ("keyCompromise"), when given
    QString source;           // "ocsp", "crl", "embedded-ocsp", "embedded-crl"
    QString url;              // where it was fetched, when fetched
    QDateTime producedAt;     // OCSP producedAt / CRL thisUpdate (UTC)
    QByteArray evidenceDer;   // the full OCSPResponse or the CRL (DER, even if served as PEM) that decided; for a DSS
    bool evidenceIsOcsp = false;
    QString detail; // English, for logs and reports; also says what failed before the deciding source

    // CertificateRevoked when Revoked, RevocationUnknown when Unknown (both with `detail`), no error
    // for Good and NoSource: whether a certificate without a source is acceptable is the caller's policy.
    Error toError() const;
};

struct RevocationPolicy
{
    bool offline = false;  // embedded evidence only: no network
    int timeoutMs = 10000; // for each request (an OCSP POST, a CRL GET with its redirects); at least 1
};

// Asks whether a certificate was revoked: RFC 6960 OCSP and RFC 5280 CRLs over HTTP, and evidence a
// file carries. Blocking, with no event loop: call it from worker threads. One checker may serve
// several threads at once; it is meant to live for one verification run, because it remembers:
// decisions from the network per certificate, CRLs per URL, and URLs that failed (so that a dead
// responder costs its timeout once per run, not once per signature). Two threads asking about the
// same certificate at the same moment may both fetch: no request waits for another's.
class RevocationChecker
{
public:
    explicit RevocationChecker(RevocationPolicy policy = {});
    ~RevocationChecker();
    RevocationChecker(const RevocationChecker &) = delete;
    RevocationChecker &operator=(const RevocationChecker &) = delete;

    // Evidence found in the file (a PDF's DSS, a CMS adbe-revocationInfoArchival attribute): used first.
    // Evidence for other certificates is ignored when checking; malformed evidence is logged and ignored.
    void addEmbeddedOcspResponse(const QByteArray &der); // full OCSPResponse
    void addEmbeddedCrl(const QByteArray &der);

    // The status of `certDer` issued by `issuerDer` (DER X.509). Order: embedded evidence (an OCSP
    // response before a CRL, the newest first), then, unless policy.offline, OCSP from the
    // certificate's AIA, then CRLs from its distribution points; the first source that says Good or
    // Revoked decides. Evidence is trusted when signed by the issuer, or for OCSP by a responder
    // certificate the issuer gave id-kp-OCSPSigning; it is checked at its own time (producedAt), so a
    // response saved years ago still verifies. Fetched evidence past its nextUpdate does not decide;
    // embedded evidence does, and `detail` says it is old. Worst case, a check waits timeoutMs for each
    // URL the certificate names.
    RevocationResult check(const QByteArray &certDer, const QByteArray &issuerDer);

    // The URIs the certificate names, in its order; check() reports non-HTTP ones (ldap://) as unusable.
    static QStringList ocspUrls(const QByteArray &certDer);
    static QStringList crlUrls(const QByteArray &certDer);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// "good", "revoked", "unknown", "no-source": for logs and JSON.
QString revocationStateName(RevocationState state);

} // namespace sohoa::signing
