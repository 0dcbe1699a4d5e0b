#pragma once

// Private to signing/: qpdf and OpenSSL types. The file-level reading of a signed PDF for
// PdfSignatureValidator: its signatures as the form holds them, its revisions (where each %%EOF
// closes a startxref), one pass over the bytes for every signature's digest, strict opening of a
// revision, and the DSS streams.

#ifndef POINTERHOLDER_TRANSITION
#define POINTERHOLDER_TRANSITION 4
#endif

#include "core/common/Result.h"
#include "signing/CmsVerifier.h"
#include "signing/PdfSignatureValidator.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjGen.hh>

#include <openssl/evp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sohoa::signing::detail {

constexpr qint64 kChunk = 4 << 20;
constexpr int kMaxRevisions = 256;
constexpr qint64 kMaxContentsGap = 1 << 24;

struct FdCloser
{
    int fd = -1;
    ~FdCloser();
};

struct MdCtxFree
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};

// A signature (or document timestamp) as found in some revision of the file.
struct Found
{
    QPDFObjGen dict;
    QString field;
    bool presentNow = true;
    QString subFilter;
    bool documentTimestamp = false;
    bool contentsPresent = false; // a non-empty string
    QByteArray contentsValue;     // as qpdf read it (for the cross-check with the gap)
    bool byteRangeUsable = false; // a direct array of four direct integers
    QString byteRangeText;
    QList<qint64> byteRange;
    QString claimedTime; // /M
    // Filled while checking:
    QByteArray cms;      // the DER in the gap
    std::optional<TimestampTokenCheck> token; // a document timestamp's token, read once
    QByteArray contentsRaw; // the gap's bytes, zero padding included
    QString digestName;  // the algorithm to hash the ranges with
    QByteArray digest;   // of the ranges
    QList<VerifyReason> invalid; // structural or cryptographic failures
};

// The fully qualified name of a form field, and its (inherited) /FT.
QString fieldNameOf(QPDFObjectHandle field);
std::string fieldTypeOf(QPDFObjectHandle field);

// Calls visit(field) for every field dictionary of the form `fields` (an /AcroForm /Fields array) and
// their /Kids, breadth first, each indirect object once, at most 32 levels deep.
void forEachField(QPDFObjectHandle fields, const std::function<void(QPDFObjectHandle field)> &visit);

// The signature fields with a value of one revision (or of the file as it is).
QList<Found> signaturesOf(QPDF &qpdf);
// The decoded streams of the catalog's /DSS entry `key` (/Certs, /OCSPs, /CRLs).
QList<QByteArray> dssStreams(QPDF &qpdf, const char *key);
// A PDF date "D:YYYYMMDDHHmmSS+HH'mm'" (ISO 32000-1 §7.9.4) in UTC; invalid when unreadable.
QDateTime parsePdfDate(QString s);
// Opens [0, end) of the file: strictly (no reconstruction of damaged cross-reference data) or not.
Result<void> openRevision(QPDF &qpdf, int fd, qint64 end, const QString &path, const QString &password, bool strict);
bool isHex(char c);

struct RangeHasher
{
    Found *sig = nullptr;
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx;
};

// One pass over the file: every signature's digest over its ranges, and where each "%%EOF" is.
Result<QList<qint64>> scanFile(int fd, qint64 size, const QString &path, std::vector<RangeHasher> &hashers);

// Revision ends: after each "%%EOF" that closes a "startxref n" (and its end-of-line), oldest first.
struct Revisions
{
    QList<qint64> ends;
    QList<qint64> starts; // the position right after "%%EOF" of each end
    qint64 headerOffset = 0; // bytes before "%PDF-": cross-reference offsets count from there
    qint64 trailing = 0;  // bytes after the last end that are not whitespace

    // The revision that ends at `end` (right after its %%EOF or after the end-of-line), 1-based; 0: none.
    int indexOf(qint64 end) const;
};

Revisions findRevisions(int fd, qint64 size, const QList<qint64> &eofs, const QString &path);

} // namespace sohoa::signing::detail
