#include "signing/PdfSignatureValidator.h"

#include "core/common/DurableFile.h"
#include "core/pdf/internal/PdfIncrementalUpdate.h"
#include "signing/CertificateInfo.h"
#include "signing/CmsVerifier.h"
#include "signing/DocMdp_p.h"
#include "signing/PdfChangeAnalysis_p.h"
#include "signing/PdfRevisionScan_p.h"
#include "signing/PdfSignatureInspector.h"
#include "signing/RevocationChecker.h"
#include "signing/SigningLogging.h"
#include "signing/TrustStore.h"
#include "signing/VerifyReasons_p.h"

#include <QFile>
#include <QTimeZone>
#include <QtNumeric>

#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include <openssl/evp.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <set>

namespace sohoa::signing {

using detail::reason;

QString verdictId(SignatureVerdict verdict)
{
    switch (verdict) {
    case SignatureVerdict::Invalid:
        return QStringLiteral("INVALID");
    case SignatureVerdict::ChangedAfterSigning:
        return QStringLiteral("CHANGED_AFTER_SIGNING");
    case SignatureVerdict::Revoked:
        return QStringLiteral("REVOKED");
    case SignatureVerdict::Expired:
        return QStringLiteral("EXPIRED");
    case SignatureVerdict::Indeterminate:
        return QStringLiteral("INDETERMINATE");
    case SignatureVerdict::ValidUntrusted:
        return QStringLiteral("VALID_UNTRUSTED");
    case SignatureVerdict::Valid:
        return QStringLiteral("VALID");
    }
    return QStringLiteral("INVALID");
}

SignatureVerdict PdfVerifyReport::worst() const
{
    if (signatures.isEmpty())
        return SignatureVerdict::Invalid;
    SignatureVerdict w = SignatureVerdict::Valid;
    for (const SignatureReport &s : signatures)
        w = std::min(w, s.verdict);
    return w;
}

QString PdfVerifyReport::statusId() const
{
    switch (kind) {
    case FileVerdict::Error:
        return QStringLiteral("ERROR");
    case FileVerdict::Unsigned:
        return QStringLiteral("UNSIGNED");
    case FileVerdict::Signed:
        break;
    }
    return verdictId(worst());
}

bool PdfVerifyReport::allValid() const
{
    return kind == FileVerdict::Signed && worst() == SignatureVerdict::Valid;
}

namespace {

using namespace detail;

// The common name of an RFC 2253 subject ("CN=Nguyễn Văn A,O=..." -> "Nguyễn Văn A"), else the subject.
QString commonNameOf(const QString &subject)
{
    for (const QString &part : subject.split(u','))
        if (part.trimmed().startsWith(u"CN="))
            return part.trimmed().mid(3);
    return subject;
}

QString displayName(const QByteArray &der, const QString &fallback)
{
    const Result<CertificateInfo> info = CertificateInfo::parse(der);
    return info && !info->subjectCommonName.isEmpty() ? info->subjectCommonName : commonNameOf(fallback);
}

// Where a /ByteRange's last range ends; -1 unless it has four numbers whose end fits in 64 bits (the
// numbers are the file's, checked later: an unchecked sum overflowed).
qint64 rangeEnd(const QList<qint64> &byteRange)
{
    qint64 end = -1;
    if (byteRange.size() != 4 || qAddOverflow(byteRange[2], byteRange[3], &end))
        return -1;
    return end;
}

QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QStringLiteral("?");
}

} // namespace

struct PdfSignatureValidator::Private
{
    std::shared_ptr<const TrustStore> trust;
    std::shared_ptr<RevocationChecker> revocation;
    VerifyPolicy policy;

    void verifyFile(PdfVerifyReport &report) const;
    void judge(PdfVerifyReport &report, Found &sig, SignatureReport &out, int fd, qint64 size,
               const Revisions &revisions, QPDF &current, const std::map<QPDFObjGen, QPDFXRefEntry> &currentTable,
               const std::set<QPDFObjGen> &signatureDicts, const QList<QByteArray> &dssCerts,
               const QList<const SignatureReport *> &laterTimestamps) const;
    void judgeCertificates(SignatureReport &out, const QByteArray &signerDer, const QList<QByteArray> &extraCerts,
                           const CmsVerification *cms, const TimestampTokenCheck *docTs, const QString &claimedPdfTime,
                           const QList<const SignatureReport *> &laterTimestamps) const;
};

PdfSignatureValidator::PdfSignatureValidator(std::shared_ptr<const TrustStore> trust,
                                             std::shared_ptr<RevocationChecker> revocation, VerifyPolicy policy)
    : d(std::make_unique<Private>())
{
    d->trust = trust ? std::move(trust) : std::make_shared<TrustStore>();
    d->revocation = std::move(revocation);
    d->policy = std::move(policy);
}

PdfSignatureValidator::~PdfSignatureValidator() = default;

PdfVerifyReport PdfSignatureValidator::verify(const QString &path) const
{
    PdfVerifyReport report;
    report.path = path;
    try {
        d->verifyFile(report);
    } catch (const std::exception &e) {
        // qpdf throws on structures it cannot follow; for a signature that is a failure, not a crash.
        if (report.signatures.isEmpty()) {
            report.kind = FileVerdict::Error;
            report.error = Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromStdString(e.what()));
        } else {
            for (SignatureReport &s : report.signatures)
                if (s.verdict != SignatureVerdict::Invalid) {
                    s.verdict = SignatureVerdict::Invalid;
                    s.reasons.append(reason("xref-damaged", {QString::fromStdString(e.what())}));
                }
        }
    }
    return report;
}

void PdfSignatureValidator::Private::verifyFile(PdfVerifyReport &report) const
{
    const QString &path = report.path;
    if (auto r = checkInputFile(path); !r) {
        report.error = r.error();
        return;
    }
    FdCloser file{::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC)};
    struct stat st = {};
    if (file.fd < 0 || ::fstat(file.fd, &st) != 0) {
        report.error = errorFromErrno(errno, ErrorCode::FileReadFailed, path);
        return;
    }
    const qint64 size = st.st_size;

    QPDF current;
    bool damaged = false;
    QString damage;
    if (auto r = openRevision(current, file.fd, size, path, policy.password, true); !r) {
        if (r.error().code() == ErrorCode::PdfEncrypted) {
            report.error = r.error();
            return;
        }
        // Read it again with repair, only to say which signatures cannot be relied on.
        damaged = true;
        damage = r.error().detail();
    }
    QPDF repaired;
    QPDF &doc = damaged ? repaired : current;
    if (damaged) {
        if (auto r = openRevision(repaired, file.fd, size, path, policy.password, false); !r) {
            report.error = r.error();
            return;
        }
    }
    QList<Found> found = signaturesOf(doc);
    // A file with one revision and no signature is unsigned; with updates, an earlier revision may
    // have held a signature that was removed since, which is looked for below.
    if (found.isEmpty() && (damaged || !doc.getTrailer().hasKey("/Prev"))) {
        report.kind = FileVerdict::Unsigned;
        return;
    }
    report.kind = FileVerdict::Signed;
    if (damaged) {
        int i = 0;
        for (const Found &f : std::as_const(found)) {
            SignatureReport s;
            s.index = ++i;
            s.field = f.field;
            s.subFilter = f.subFilter;
            s.documentTimestamp = f.documentTimestamp;
            s.byteRange = f.byteRange;
            s.verdict = SignatureVerdict::Invalid;
            s.reasons.append(reason("xref-damaged", {damage.section(QStringLiteral(": "), -1)}));
            report.signatures.append(s);
        }
        return;
    }

    // Structure that needs no reading of the file, then one pass: digests and revision ends.
    std::vector<RangeHasher> hashers;
    auto prepare = [&](Found &f) {
        if (!f.contentsPresent)
            f.invalid.append(reason("contents-missing"));
        if (f.byteRange.isEmpty() && !f.byteRangeUsable)
            f.invalid.append(reason("byte-range-missing"));
        else if (!f.byteRangeUsable)
            f.invalid.append(reason("byte-range-malformed", {f.byteRangeText}));
        else {
            const QList<qint64> &b = f.byteRange;
            // b[2] + b[3] may not fit in 64 bits: the numbers are the file's.
            if (b[0] != 0 || b[1] <= 0 || b[2] <= b[1] || b[3] < 0 || b[2] > size || b[3] > size - b[2] ||
                b[2] - b[1] > kMaxContentsGap)
                f.invalid.append(reason("byte-range-malformed", {f.byteRangeText}));
        }
        static const QStringList allowed{QStringLiteral("adbe.pkcs7.detached"), QStringLiteral("ETSI.CAdES.detached"),
                                          QStringLiteral("ETSI.RFC3161")};
        if (f.subFilter == u"adbe.pkcs7.sha1" && !policy.allowSha1)
            f.invalid.append(reason("weak-digest", {QStringLiteral("SHA-1 (adbe.pkcs7.sha1)")}));
        else if (!allowed.contains(f.subFilter) || f.documentTimestamp != (f.subFilter == u"ETSI.RFC3161"))
            f.invalid.append(reason("subfilter-unsupported", {f.subFilter.isEmpty() ? QStringLiteral("?") : f.subFilter}));
        if (!f.invalid.isEmpty())
            return;
        // The signed DER is what the gap holds, whatever a parser made of /Contents.
        const qint64 gap = f.byteRange[2] - f.byteRange[1];
        QByteArray hex(gap, Qt::Uninitialized);
        if (!pdf::readAllAt(file.fd, hex.data(), gap, f.byteRange[1], path)) {
            f.invalid.append(reason("contents-gap-mismatch"));
            return;
        }
        bool hexOk = hex.size() >= 2 && hex.startsWith('<') && hex.endsWith('>') && (hex.size() - 2) % 2 == 0;
        for (qsizetype i = 1; hexOk && i + 1 < hex.size(); ++i)
            hexOk = isHex(hex[i]);
        const QByteArray raw = hexOk ? QByteArray::fromHex(hex.mid(1, hex.size() - 2)) : QByteArray();
        if (!hexOk || (!doc.isEncrypted() && raw != f.contentsValue)) {
            f.invalid.append(reason("contents-gap-mismatch"));
            return;
        }
        f.cms = PdfSignatureInspector::derWithoutPadding(raw);
        f.contentsRaw = raw;
        if (f.documentTimestamp) {
            Result<TimestampTokenCheck> token = CmsVerifier::checkTimestampToken(f.cms);
            if (!token) {
                f.invalid.append(reason("cms-unreadable", {token.error().detail()}));
                return;
            }
            f.token = std::move(token).value();
            f.digestName = f.token->imprintAlgorithm;
        } else {
            f.digestName = CmsVerifier::digestNameOf(f.cms);
        }
        if (f.digestName.isEmpty() || f.digestName == u"unknown") {
            f.invalid.append(reason("cms-unreadable", {QStringLiteral("no readable digest algorithm")}));
            return;
        }
        if ((f.digestName == u"sha1" && !policy.allowSha1) || f.digestName == u"md5") {
            f.invalid.append(reason("weak-digest", {f.digestName.toUpper()}));
            return;
        }
        RangeHasher h;
        h.sig = &f;
        h.ctx.reset(EVP_MD_CTX_new());
        const EVP_MD *md = EVP_get_digestbyname(f.digestName.toLatin1().constData());
        if (!md || !h.ctx || EVP_DigestInit_ex(h.ctx.get(), md, nullptr) != 1) {
            f.invalid.append(reason("weak-digest", {f.digestName}));
            return;
        }
        hashers.push_back(std::move(h));
    };
    for (Found &f : found)
        prepare(f);
    const Result<QList<qint64>> eofs = scanFile(file.fd, size, path, hashers);
    if (!eofs) {
        report.kind = FileVerdict::Error;
        report.error = eofs.error();
        return;
    }
    Revisions revisions = findRevisions(file.fd, size, eofs.value(), path);
    {
        QFile f(path);
        const Result<pdf::Tail> tail = f.open(QIODevice::ReadOnly) ? pdf::readTail(f, size, path)
                                                                    : Result<pdf::Tail>(Error(ErrorCode::FileReadFailed));
        revisions.headerOffset = tail ? tail->headerOffset : 0;
    }
    report.revisions = int(revisions.ends.size());

    // Signatures of earlier revisions that the form no longer holds.
    std::set<QPDFObjGen> dicts;
    for (const Found &f : std::as_const(found))
        dicts.insert(f.dict);
    QList<Found> removed;
    for (qsizetype i = 0; i + 1 < revisions.ends.size(); ++i) {
        QPDF earlier;
        if (!openRevision(earlier, file.fd, revisions.ends[i], path, policy.password, true))
            continue;
        try {
            for (Found &f : signaturesOf(earlier)) {
                if (dicts.count(f.dict))
                    continue;
                dicts.insert(f.dict);
                f.presentNow = false;
                removed.append(f);
            }
        } catch (const std::exception &e) {
            // An earlier revision that cannot be walked holds nothing we can report on.
            qCDebug(lcSigning) << "an earlier revision cannot be walked:" << e.what();
        }
    }
    if (!removed.isEmpty()) {
        std::vector<RangeHasher> more;
        const size_t before = hashers.size();
        for (Found &f : removed)
            prepare(f);
        for (size_t i = before; i < hashers.size(); ++i)
            more.push_back(std::move(hashers[i]));
        if (!more.empty())
            (void)scanFile(file.fd, size, path, more);
        found.append(removed);
    }

    if (found.isEmpty()) {
        report.kind = FileVerdict::Unsigned;
        return;
    }
    // Oldest first: by the end of what they sign.
    std::stable_sort(found.begin(), found.end(), [](const Found &a, const Found &b) {
        return rangeEnd(a.byteRange) < rangeEnd(b.byteRange);
    });
    std::set<QPDFObjGen> signatureDicts;
    for (const Found &f : std::as_const(found))
        if (f.invalid.isEmpty() && f.dict.isIndirect())
            signatureDicts.insert(f.dict);
    const std::map<QPDFObjGen, QPDFXRefEntry> table = current.getXRefTable();
    QList<QByteArray> dssCerts = dssStreams(current, "/Certs");
    if (revocation) {
        for (const QByteArray &der : dssStreams(current, "/OCSPs"))
            revocation->addEmbeddedOcspResponse(der);
        for (const QByteArray &der : dssStreams(current, "/CRLs"))
            revocation->addEmbeddedCrl(der);
    }
    report.signatures.resize(found.size());
    // Newest first, so that a signature can lean on the document timestamps made after it.
    QList<const SignatureReport *> laterTimestamps;
    for (qsizetype i = found.size() - 1; i >= 0; --i) {
        SignatureReport &out = report.signatures[i];
        out.index = int(i) + 1;
        judge(report, found[i], out, file.fd, size, revisions, current, table, signatureDicts, dssCerts,
              laterTimestamps);
        if (out.documentTimestamp && out.verdict >= SignatureVerdict::ValidUntrusted && out.timestamp.trusted)
            laterTimestamps.append(&out);
    }
}

void PdfSignatureValidator::Private::judge(PdfVerifyReport &report, Found &sig, SignatureReport &out, int fd,
                                           qint64 size, const Revisions &revisions, QPDF &current,
                                           const std::map<QPDFObjGen, QPDFXRefEntry> &currentTable,
                                           const std::set<QPDFObjGen> &signatureDicts,
                                           const QList<QByteArray> &dssCerts,
                                           const QList<const SignatureReport *> &laterTimestamps) const
{
    const QString &path = report.path;
    out.field = sig.field;
    out.subFilter = sig.subFilter;
    out.documentTimestamp = sig.documentTimestamp;
    out.presentNow = sig.presentNow;
    out.byteRange = sig.byteRange;
    out.revisions = int(revisions.ends.size());
    out.hashAlgorithm = sig.digestName;
    out.reasons = sig.invalid;
    out.contentsBytes = sig.contentsRaw;
    auto finish = [&](SignatureVerdict v) { out.verdict = v; };
    if (!sig.invalid.isEmpty())
        return finish(SignatureVerdict::Invalid);

    const QList<qint64> &b = sig.byteRange;
    out.revisionEnd = b[2] + b[3];
    out.coversWholeFile = out.revisionEnd == size;
    out.revision = revisions.indexOf(out.revisionEnd);
    if (out.revision == 0) {
        out.reasons.append(reason("revision-end-mismatch"));
        return finish(SignatureVerdict::Invalid);
    }

    // The signed revision, read strictly; the file as it is now when the signature covers all of it.
    QPDF signedRevisionStorage;
    const bool whole = out.revision == revisions.ends.size();
    if (!whole) {
        if (auto r = openRevision(signedRevisionStorage, fd, out.revisionEnd, path, policy.password, true); !r) {
            out.reasons.append(reason("signed-revision-unreadable", {r.error().detail().section(QStringLiteral(": "), -1)}));
            return finish(SignatureVerdict::Invalid);
        }
    }
    QPDF &signedRevision = whole ? current : signedRevisionStorage;
    std::map<QPDFObjGen, QPDFXRefEntry> earlierTable;
    if (!whole)
        earlierTable = signedRevision.getXRefTable();
    const std::map<QPDFObjGen, QPDFXRefEntry> &signedTable = whole ? currentTable : earlierTable;
    const qint64 header = revisions.headerOffset;

    // The signature dictionary: an uncompressed object of the signed revision, holding the gap, untouched since.
    auto entry = signedTable.find(sig.dict);
    bool placed = entry != signedTable.end() && entry->second.getType() == 1 &&
                  header + entry->second.getOffset() < b[1];
    if (placed) {
        const qint64 at = header + entry->second.getOffset();
        for (const auto &[og, e] : signedTable)
            if (e.getType() == 1 && header + e.getOffset() > at && header + e.getOffset() < b[1])
                placed = false; // another object starts between the dictionary and its gap
    }
    if (!placed) {
        out.reasons.append(reason("signature-dictionary-misplaced"));
        return finish(SignatureVerdict::Invalid);
    }
    for (const auto *t : {&signedTable, &currentTable})
        for (const auto &[og, e] : *t)
            if (e.getType() == 1 && header + e.getOffset() >= b[1] && header + e.getOffset() < b[2]) {
                out.reasons.append(reason("xref-into-gap", {QString::number(og.getObj())}));
                return finish(SignatureVerdict::Invalid);
            }
    if (sig.presentNow) {
        auto now = currentTable.find(sig.dict);
        if (now == currentTable.end() || now->second.getType() != 1 ||
            now->second.getOffset() != entry->second.getOffset()) {
            out.reasons.append(reason("signature-dictionary-changed"));
            return finish(SignatureVerdict::Invalid);
        }
    }

    // Cryptography.
    std::optional<CmsVerification> cms;
    std::optional<TimestampTokenCheck> docTs;
    // The signer's certificate and the certificates the signature carries, from whichever was checked.
    QByteArray signerDer;
    QList<QByteArray> carried;
    if (sig.documentTimestamp) {
        // Read while preparing: a token that could not be read made the signature invalid there already.
        if (!sig.token) {
            out.reasons.append(reason("signature-invalid"));
            return finish(SignatureVerdict::Invalid);
        }
        docTs = *sig.token;
        signerDer = docTs->signerDer;
        carried = docTs->certificatesDer;
        if (docTs->imprint != sig.digest) {
            out.reasons.append(reason("document-timestamp-mismatch", {QStringLiteral("imprint")}));
            return finish(SignatureVerdict::Invalid);
        }
        if (!docTs->signatureValid) {
            out.reasons.append(reason("signature-invalid"));
            return finish(SignatureVerdict::Invalid);
        }
    } else {
        Result<CmsVerification> v = CmsVerifier::verify(sig.cms, sig.digest);
        if (!v) {
            out.reasons.append(reason("cms-unreadable", {v.error().detail()}));
            return finish(SignatureVerdict::Invalid);
        }
        cms = v.value();
        signerDer = cms->signerCertDer;
        carried = cms->certificatesDer;
        if (cms->signerInfoCount != 1)
            out.reasons.append(reason("cms-signer-count", {QString::number(cms->signerInfoCount)}));
        if (!cms->digestMatches)
            out.reasons.append(reason("digest-mismatch"));
        if (!cms->signatureValid)
            out.reasons.append(reason("signature-invalid"));
        if (sig.subFilter == u"ETSI.CAdES.detached" && !cms->hasSigningCertificateV2 && !cms->signingCertificateMatches)
            out.reasons.append(reason("signing-certificate-missing"));
        else if (!cms->signingCertificateMatches && cms->detail.contains(u"signing-certificate"))
            out.reasons.append(reason("signing-certificate-mismatch"));
        if (cms->signerKeyIsRsa && cms->signerKeyBits < policy.minimumRsaBits)
            out.reasons.append(reason("weak-key", {QString::number(cms->signerKeyBits),
                                                    QString::number(policy.minimumRsaBits)}));
        if (!out.reasons.isEmpty())
            return finish(SignatureVerdict::Invalid);
    }

    // Who and when (reported whatever the verdict turns out to be).
    if (const Result<CertificateInfo> info = CertificateInfo::parse(signerDer)) {
        out.signer = info->subjectCommonName.isEmpty() ? info->subjectDn : info->subjectCommonName;
        out.signerOrganization = info->subjectOrganization;
        out.issuer = info->issuerCommonName.isEmpty() ? info->issuerDn : info->issuerCommonName;
        out.serialHex = info->serialHex;
        out.notBefore = info->notBefore;
        out.notAfter = info->notAfter;
    }

    // Changes after signing.
    detail::ChangeContext context;
    context.certificationLevel = docMdpPermission(signedRevision);
    context.signatureDictionaries = signatureDicts;
    {
        QPDFObjectHandle perms = signedRevision.getRoot().getKey("/Perms").getKey("/DocMDP");
        if (perms.isIndirect() && perms.getObjGen() == sig.dict)
            out.certificationLevel = context.certificationLevel;
    }
    if (!whole)
        out.modifications = detail::analyseChanges(signedRevision, current, context);
    if (revisions.trailing > 0)
        out.modifications.append(detail::modification("trailing-data", false, {QString::number(revisions.trailing)}));
    bool changed = !sig.presentNow;
    if (!sig.presentNow)
        out.reasons.append(reason("signature-removed"));
    for (const Modification &m : std::as_const(out.modifications))
        changed = changed || !m.allowed;
    if (changed && sig.presentNow) {
        out.reasons.append(reason("changed-after-signing"));
        if (context.certificationLevel > 0)
            out.reasons.append(reason("certification-forbids", {QString::number(context.certificationLevel)}));
    }

    QList<QByteArray> extra = dssCerts;
    extra += carried;
    if (revocation && cms) {
        for (const QByteArray &der : std::as_const(cms->embeddedOcspDer))
            revocation->addEmbeddedOcspResponse(der);
        for (const QByteArray &der : std::as_const(cms->embeddedCrlDer))
            revocation->addEmbeddedCrl(der);
    }
    judgeCertificates(out, signerDer, extra, cms ? &*cms : nullptr, docTs ? &*docTs : nullptr, sig.claimedTime,
                      laterTimestamps);
    if (changed)
        out.verdict = SignatureVerdict::ChangedAfterSigning; // integrity first, whatever the certificate
}

void PdfSignatureValidator::Private::judgeCertificates(SignatureReport &out, const QByteArray &signerDer,
                                                       const QList<QByteArray> &extraCerts, const CmsVerification *cms,
                                                       const TimestampTokenCheck *docTs, const QString &claimedPdfTime,
                                                       const QList<const SignatureReport *> &laterTimestamps) const
{
    // When: a trusted timestamp, else what the signer claimed.
    if (cms && cms->hasTimestamp) {
        out.timestamp.present = true;
        out.timestamp.valid = cms->timestampValid;
        out.timestamp.time = cms->timestampTime;
        if (cms->timestampValid) {
            const ChainValidation tsa = validateChain(*trust, cms->timestampSignerDer,
                                                      cms->timestampCertificatesDer + extraCerts, cms->timestampTime,
                                                      CertificatePurpose::Timestamping);
            out.timestamp.tsa = tsa.subjects.value(0);
            out.timestamp.trusted = tsa.trusted && tsa.usageOk && tsa.timeOk;
            out.timestampChainDer = tsa.chain;
            if (!out.timestamp.trusted)
                out.reasons.append(reason("timestamp-untrusted", {tsa.detail.isEmpty() ? QStringLiteral("usage or validity")
                                                                                      : tsa.detail}));
        } else {
            out.reasons.append(reason("timestamp-invalid", {cms->detail}));
        }
    }
    if (docTs) {
        out.timestamp.present = true;
        out.timestamp.valid = true;
        out.timestamp.time = docTs->time;
        const ChainValidation tsa = validateChain(*trust, docTs->signerDer, extraCerts, docTs->time,
                                                  CertificatePurpose::Timestamping);
        out.timestamp.tsa = tsa.subjects.value(0);
        out.timestamp.trusted = tsa.trusted && tsa.usageOk && tsa.timeOk;
    }
    if (out.timestamp.trusted) {
        out.signingTime = out.timestamp.time;
        out.timeTrusted = true;
        out.timeSource = QStringLiteral("timestamp");
    } else if (!laterTimestamps.isEmpty()) {
        // A trusted document timestamp made later proves the signature existed by then (PAdES B-LTA).
        out.signingTime = laterTimestamps.last()->timestamp.time;
        out.timeTrusted = true;
        out.timeSource = QStringLiteral("document-timestamp");
    } else if (cms && cms->hasSigningTime) {
        out.signingTime = cms->signingTime;
        out.timeSource = QStringLiteral("claimed-cms");
    } else if (const QDateTime m = parsePdfDate(claimedPdfTime); m.isValid()) {
        out.signingTime = m;
        out.timeSource = QStringLiteral("claimed-pdf");
    } else {
        out.signingTime = QDateTime::currentDateTimeUtc();
        out.timeSource = QStringLiteral("none");
    }
    if (!out.timeTrusted && !docTs)
        out.reasons.append(reason("time-claimed", {isoTime(out.signingTime)}));

    const ChainValidation chain =
        validateChain(*trust, signerDer, extraCerts, out.signingTime,
                      docTs ? CertificatePurpose::Timestamping : CertificatePurpose::Signing);
    out.chain = chain.subjects;
    out.chainDer = chain.chain;
    if (!chain.usageOk) {
        out.reasons.append(reason("key-usage"));
        out.verdict = SignatureVerdict::Indeterminate;
        return;
    }
    if (!chain.timeOk) {
        out.reasons.append(reason("certificate-expired", {commonNameOf(chain.outOfTimeSubject), isoTime(out.signingTime),
                                                          isoTime(chain.outOfTimeFrom), isoTime(chain.outOfTimeUntil)}));
        out.verdict = SignatureVerdict::Expired;
        return;
    }
    if (!chain.trusted) {
        out.reasons.append(reason("chain-untrusted", {chain.detail}));
        out.revocation.state = QStringLiteral("not-checked");
        out.verdict = SignatureVerdict::ValidUntrusted;
        return;
    }

    // Revocation of every certificate but the anchor, the signer's reported.
    out.verdict = SignatureVerdict::Valid;
    if (!revocation) {
        out.revocation.state = QStringLiteral("not-checked");
        return;
    }
    for (qsizetype i = 0; i + 1 < chain.chain.size(); ++i) {
        const RevocationResult r = revocation->check(chain.chain[i], chain.chain[i + 1]);
        const QString who = displayName(chain.chain[i], chain.subjects.value(i));
        if (i == 0) {
            out.revocation.source = r.source;
            out.revocation.detail = r.detail;
            out.revocation.revocationTime = r.revocationTime;
        }
        QString state;
        switch (r.state) {
        case RevocationState::Good:
            state = QStringLiteral("good");
            break;
        case RevocationState::Revoked:
            state = QStringLiteral("revoked");
            if (out.timeTrusted && r.revocationTime.isValid() && r.revocationTime > out.signingTime) {
                out.reasons.append(reason("revoked-after-signing", {who, isoTime(r.revocationTime)}));
            } else {
                out.reasons.append(reason("revoked", {who, isoTime(r.revocationTime),
                                                      r.revocationReason.isEmpty() ? QStringLiteral("?")
                                                                                   : r.revocationReason}));
                out.verdict = std::min(out.verdict, SignatureVerdict::Revoked);
            }
            break;
        case RevocationState::Unknown:
            state = QStringLiteral("unknown");
            out.reasons.append(reason("revocation-unknown", {who, r.detail}));
            out.verdict = std::min(out.verdict, SignatureVerdict::Indeterminate);
            break;
        case RevocationState::NoSource:
            state = QStringLiteral("no-source");
            out.reasons.append(reason("revocation-no-source", {who}));
            if (policy.requireRevocation)
                out.verdict = std::min(out.verdict, SignatureVerdict::Indeterminate);
            break;
        }
        if (i == 0)
            out.revocation.state = state;
    }
}

Result<void> PdfSignatureValidator::extractRevision(const QString &path, qint64 revisionEnd, const QString &output)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + in.errorString());
    if (revisionEnd <= 0 || revisionEnd > in.size())
        return Error(ErrorCode::InvalidArgument, path + QStringLiteral(": no such revision"));
    AtomicFileWriter writer(output);
    if (auto r = writer.open(); !r)
        return r;
    for (qint64 left = revisionEnd; left > 0;) {
        const QByteArray chunk = in.read(std::min<qint64>(left, kChunk));
        if (chunk.isEmpty())
            return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + in.errorString());
        if (auto r = writer.write(chunk); !r)
            return r;
        left -= chunk.size();
    }
    return writer.commit();
}

} // namespace sohoa::signing
