#pragma once

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QList>
#include <QRectF>
#include <QString>

#include <memory>

class QIODevice;

namespace sohoa::signing {

struct SignatureFieldOptions
{
    QString fieldName;        // empty: "Signature<N>", unique among the form's top-level fields
    int pageIndex = 0;        // 0-based; -1 = last page
    QRectF rectPt;            // in the page's default user space; empty = invisible signature (/Rect [0 0 0 0])
    QByteArray appearancePdf; // optional one-page PDF drawn into rectPt as the widget's /AP /N
    int pageRotation = 0;     // the page's /Rotate (0, 90, 180, 270): the appearance is turned so it reads upright
    QString subFilter = QStringLiteral("ETSI.CAdES.detached"); // or "adbe.pkcs7.detached"
    QString reason, location, contactInfo, signerName;
    QDateTime signingTime;    // /M; invalid = now
    int contentsSize = 16384; // bytes reserved for the DER CMS (the hex string is twice as long)
    SecureBuffer pdfPassword; // opens an encrypted input (its user or owner password); never logged
    bool overwrite = false;
    // A certification (author) signature with DocMDP permission /P 1, 2 or 3 (ISO 32000-1 §12.8.2.2): the
    // signature dictionary gets the DocMDP reference and the catalog /Perms /DocMDP names it. 0 = an
    // approval signature. A certification must be the document's first signature: PdfAlreadySigned else.
    int certifyLevel = 0;
    // A document timestamp (ISO 32000-2 §12.8.5, PAdES B-LTA): /Type /DocTimeStamp, /SubFilter
    // /ETSI.RFC3161, always invisible; /Contents takes an RFC 3161 TimeStampToken over the /ByteRange
    // digest. subFilter, the texts, signingTime and the appearance are not used.
    bool documentTimestamp = false;
};

// Signs a PDF in two phases with an incremental update (ISO 32000-1 §7.5.6, §12.8): prepare() reads
// the input with qpdf and builds the update (signature dictionary, field/widget, page, AcroForm) with
// a zero-filled /Contents; the first digest() or writeCoveredBytes() reads the input ONCE, writing
// each chunk to the output's temporary and hashing the very bytes written, then the update; the
// caller makes the CMS and finish() patches /Contents in place, checks the update read back from the
// temporary, fsyncs and commits atomically. The input is never modified and is read in chunks: its
// size does not matter for memory. The input must stay the file prepare() parsed (same inode, size,
// mtime and ctime) until finish(), else SigningFailed "the input changed during signing".
class PdfSignatureWriter
{
public:
    ~PdfSignatureWriter();
    PdfSignatureWriter(const PdfSignatureWriter &) = delete;
    PdfSignatureWriter &operator=(const PdfSignatureWriter &) = delete;

    static Result<std::unique_ptr<PdfSignatureWriter>> prepare(const QString &inputPath, const QString &outputPath,
                                                               const SignatureFieldOptions &options);

    // Digest of the bytes covered by /ByteRange, as written to the temporary (OpenSSL EVP).
    Result<QByteArray> digest(QCryptographicHash::Algorithm algorithm);
    // The bytes covered by /ByteRange, for signers that need the data rather than its digest.
    Result<void> writeCoveredBytes(QIODevice *device);

    // Writes cmsDer as hex into /Contents (zero padded) and commits the output (fsync, rename that
    // never replaces an existing file unless options.overwrite). SignatureTooLarge if it does not fit.
    Result<void> finish(const QByteArray &cmsDer);

    // [0, start of /Contents' "<", end after ">", rest]: final offsets in the output.
    QList<qint64> byteRange() const;
    QString fieldName() const; // the name actually used
    qint64 outputSize() const;

private:
    PdfSignatureWriter();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace sohoa::signing
