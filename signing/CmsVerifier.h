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
    QByteArray timestampTokenDer;          // the signature timestamp token, when hasTimestamp
    QByteArray timestampSignerDer;         // its TSA certificate
    QList<QByteArray> timestampCertificatesDer; // the token's other certificates
    int signerInfoCount = 0;               // PAdES wants exactly one
    int signerKeyBits = 0;                 // of the signer's public key
    bool signerKeyIsRsa = false;
    QList<QByteArray> embeddedOcspDer; // adbe-revocationInfoArchival (signed attribute), OCSPResponse DER
    QList<QByteArray> embeddedCrlDer;  // ...and its CRLs
    QString detail;              // what failed, for logs
};

// An RFC 3161 TimeStampToken checked on its own: its signature, what it stamps, who made it.
struct TimestampTokenCheck
{
    bool signatureValid = false; // CMS signature of the TSA (trust is the caller's business)
    QDateTime time;              // genTime, UTC
    QString imprintAlgorithm;    // "sha256"...
    QByteArray imprint;          // the hash it stamps
    QByteArray signerDer;        // the TSA's certificate
    QList<QByteArray> certificatesDer;
    bool signingCertificateMatches = false; // ESS signing-certificate(-v2) names the TSA certificate
    QString detail;
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

    // The first SignerInfo's digest algorithm by name ("sha1", "sha256", "md5"...), empty when unreadable.
    static QString digestNameOf(const QByteArray &cmsDer);

    // VerificationFailed when `tokenDer` is not a TimeStampToken (SignedData of a TSTInfo).
    static Result<TimestampTokenCheck> checkTimestampToken(const QByteArray &tokenDer);
};

} // namespace sohoa::signing
