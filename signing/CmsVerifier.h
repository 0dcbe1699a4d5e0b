#pragma once

#include "signing/SigningKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace sohoa::signing {

// What a detached CMS signature says about itself. Certificate trust is not judged here: the
// certificates are reported for a caller that has a trust store.
struct CmsVerification
{
    bool signatureValid = false; // the signer's signature over the signed attributes
    bool digestMatches = false;  // message-digest == the digest of the signed data
    QByteArray signerCertDer;
    QList<QByteArray> certificatesDer; // every certificate in the SignedData, signer excluded
    HashAlgorithm hash = HashAlgorithm::Sha256;
    bool hasSigningTime = false;
    QDateTime signingTime; // UTC, when hasSigningTime
    bool hasSigningCertificateV2 = false;
    bool signingCertificateMatches = false; // ESS signing-certificate(-v2) names the signer cert
    bool hasTimestamp = false;
    QDateTime timestampTime;     // UTC genTime of the token
    bool timestampValid = false; // token signature valid and imprint = hash(signature value)
    QString detail;              // what failed, for logs
};

class CmsVerifier
{
public:
    // `dataDigest`: the digest of the signed bytes with the signature's own digest algorithm
    // (see CmsVerification::hash; hashAlgorithmOf() tells it before hashing).
    // VerificationFailed only when `cmsDer` cannot be read as SignedData with a signer and its
    // certificate; a bad signature is reported in the fields, not as an error.
    static Result<CmsVerification> verify(const QByteArray &cmsDer, const QByteArray &dataDigest);

    // The first SignerInfo's digest algorithm. VerificationFailed when unreadable or not SHA-2.
    static Result<HashAlgorithm> hashAlgorithmOf(const QByteArray &cmsDer);
};

} // namespace sohoa::signing
