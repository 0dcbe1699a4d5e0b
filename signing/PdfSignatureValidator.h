#pragma once

#include "core/common/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace sohoa::signing {

class RevocationChecker;
class TrustStore;

// One signature's verdict, worst first (a file's status is the worst of its signatures).
// Integrity comes first: an intact signature is never ChangedAfterSigning or Invalid because of trust
// or time, and a manipulated one is never anything but ChangedAfterSigning or Invalid.
enum class SignatureVerdict
{
    Invalid,             // the signature or its structure is broken: it proves nothing
    ChangedAfterSigning, // intact, but the document shown now differs from what was signed
    Revoked,             // the signer's (or an issuer's) certificate was revoked before the signing time
    Expired,             // a certificate was not valid at the signing time
    Indeterminate,       // intact and trusted, but revocation could not be decided
    ValidUntrusted,      // intact, but the certificate does not chain to a trusted root
    Valid,
};

QString verdictId(SignatureVerdict verdict); // "VALID", "CHANGED_AFTER_SIGNING", ...

// Why: a stable id ("byte-range-malformed", "page-content-changed"...) and one sentence in each
// language, with the particulars (object numbers, page numbers) filled in.
struct VerifyReason
{
    QString id;
    QString en;
    QString vi;
};

// One difference between the signed revision and the file as it is now.
struct Modification
{
    QString id;           // "signature-added", "annotation-added", "page-content-changed"...
    bool allowed = false; // permitted by the signature's rules (DocMDP level, or approval signature)
    QString en, vi;
};

struct RevocationSummary
{
    QString state;  // "good", "revoked", "unknown", "not-checked", "no-source"
    QString source; // "ocsp", "crl", "embedded-ocsp", "embedded-crl" (the signer's certificate)
    QDateTime revocationTime;
    QString detail;
};

struct SignatureTimestamp
{
    bool present = false;
    bool valid = false;   // the token's signature and imprint
    bool trusted = false; // and its TSA certificate chains to a trusted root
    QDateTime time;       // genTime, UTC
    QString tsa;          // the TSA certificate's subject
};

struct SignatureReport
{
    int index = 0;          // 1-based, oldest first
    QString field;          // fully qualified field name
    QString subFilter;      // "ETSI.CAdES.detached", "adbe.pkcs7.detached", "ETSI.RFC3161"
    bool documentTimestamp = false;
    bool presentNow = true; // false: found in an earlier revision but removed from the form since
    int certificationLevel = 0; // this signature's DocMDP /P when it certifies the document, else 0
    SignatureVerdict verdict = SignatureVerdict::Invalid;
    QList<VerifyReason> reasons;
    QString signer, signerOrganization, issuer, serialHex;
    QDateTime notBefore, notAfter;
    QDateTime signingTime;
    bool timeTrusted = false; // signingTime comes from a verified, trusted timestamp
    QString timeSource;       // "timestamp", "claimed-cms", "claimed-pdf", "none"
    SignatureTimestamp timestamp;
    QList<qint64> byteRange;
    qint64 revisionEnd = -1;
    bool coversWholeFile = false;
    int revision = 0; // 1-based index of the revision it signs
    int revisions = 0;
    QString hashAlgorithm; // "sha256"...
    QList<Modification> modifications;
    RevocationSummary revocation;
    QStringList chain; // subjects, signer first
    // For long-term validation (workflows' LTV): the certificates of the signer's chain and of its
    // timestamp's TSA (DER, leaf first, each chain up to its root when it was found), and the
    // signature's /Contents bytes as written (padding included: the key of its VRI entry).
    QList<QByteArray> chainDer, timestampChainDer;
    QByteArray contentsBytes;
};

enum class FileVerdict
{
    Signed,   // see the worst signature verdict
    Unsigned, // no signature at all: its own status, never valid
    Error,    // could not be read
};

struct PdfVerifyReport
{
    QString path;
    FileVerdict kind = FileVerdict::Error;
    Error error; // when kind == Error
    QList<SignatureReport> signatures;
    int revisions = 0;

    // "INVALID" ... "VALID", "UNSIGNED" or "ERROR".
    QString statusId() const;
    // Every signature Valid (false for unsigned and unreadable files).
    bool allValid() const;
    SignatureVerdict worst() const; // of the signatures; Invalid when there are none
};

struct VerifyPolicy
{
    bool offline = false;             // never fetch revocation data
    bool requireRevocation = false;   // a certificate naming no revocation source lowers the verdict
    bool allowSha1 = false;           // SHA-1 digests are refused unless allowed
    int minimumRsaBits = 2048;
    int networkTimeoutMs = 10000;
    QString password;                 // for encrypted files
};

// Verifies every signature and document timestamp of a PDF, oldest first: structure (fail closed),
// cryptography, changes after signing (an allow-list as pyHanko's difference analysis), certificate
// chain against `trust`, validity at the (trusted or claimed) signing time, revocation, timestamps.
// Thread-safe: one validator may verify several files at once.
class PdfSignatureValidator
{
public:
    PdfSignatureValidator(std::shared_ptr<const TrustStore> trust, std::shared_ptr<RevocationChecker> revocation,
                          VerifyPolicy policy);
    ~PdfSignatureValidator();

    PdfVerifyReport verify(const QString &path) const;

    // Writes the bytes [0, revisionEnd) of `path` (what a signature signed) to `output`, atomically.
    static Result<void> extractRevision(const QString &path, qint64 revisionEnd, const QString &output);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sohoa::signing
