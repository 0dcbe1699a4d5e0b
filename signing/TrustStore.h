#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace sohoa::signing {

// The certificates a verifier trusts as roots (trust anchors): those the user names (a PEM file with one
// or more certificates, a DER file, or a folder of them) and, on request, the system's store. An
// intermediate certificate given here is an anchor too (partial chains end at it).
// Thread-safe once filled: many verifications may read it at once.
class TrustStore
{
public:
    TrustStore();
    ~TrustStore();
    TrustStore(const TrustStore &) = delete;
    TrustStore &operator=(const TrustStore &) = delete;

    // How many certificates were added. FileNotFound / FileReadFailed, or InvalidArgument when a file
    // holds no certificate.
    Result<int> addPath(const QString &path);
    // Debian's bundle (/etc/ssl/certs/ca-certificates.crt).
    Result<int> addSystem();
    void addCertificate(const QByteArray &der);

    // A store of the certificates in `paths` (addPath), and the system's when `system`; the first
    // path's error when one holds no certificate.
    static Result<std::shared_ptr<TrustStore>> fromPaths(const QStringList &paths, bool system);

    int size() const;
    QList<QByteArray> anchorsDer() const;

    // The OpenSSL store, for signing/ internals (X509_STORE *); built once, shared.
    void *nativeStore() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

enum class CertificatePurpose
{
    Signing,      // keyUsage (when present) allows digitalSignature or nonRepudiation
    Timestamping, // extendedKeyUsage timeStamping (RFC 3161 §2.3)
};

struct ChainValidation
{
    bool trusted = false;     // the chain ends at an anchor of the store
    QList<QByteArray> chain;  // leaf first; up to the anchor when trusted, else as far as it was built
    QStringList subjects;     // of chain
    bool usageOk = true;      // for the purpose
    bool timeOk = true;       // every certificate of the chain valid at `at`
    QString outOfTimeSubject; // the first that was not
    QDateTime outOfTimeFrom, outOfTimeUntil;
    QString detail;           // why it is not trusted, for logs and reasons
};

// Builds and checks the chain of `leafDer` with `intermediatesDer` (from the signature, the file's DSS)
// as untrusted helpers. Trust and time are judged apart: `trusted` ignores validity periods, `timeOk`
// reports them at `at`, so that a caller can tell "not trusted" from "expired".
ChainValidation validateChain(const TrustStore &trust, const QByteArray &leafDer,
                              const QList<QByteArray> &intermediatesDer, const QDateTime &at, CertificatePurpose purpose);

} // namespace sohoa::signing
