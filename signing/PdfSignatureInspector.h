#pragma once

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QString>

namespace sohoa::signing {

struct PdfSignatureInfo
{
    QString fieldName;            // fully qualified
    QString subFilter;            // e.g. "ETSI.CAdES.detached"
    QList<qint64> byteRange;      // as written (normally 4 numbers)
    QByteArray contents;          // the DER CMS without the zero padding
    qint64 revisionEnd = -1;      // end of the last range: where the signed revision ends
    bool coversWholeFile = false; // ranges start at 0, leave out exactly /Contents and end at end of file
    QString signingTime;          // /M as written
    QString reason, location, signerName;
};

// What a signing desk shows about an input before it is signed.
struct PdfFacts
{
    qint64 size = 0;
    int pages = 0;              // 0 when it could not be opened without a password
    bool encrypted = false;     // any encryption (an owner password alone included)
    bool needsPassword = false; // cannot be opened without the user's password
    int signatures = 0;         // signed fields (signatures and document timestamps)
    bool certified = false;     // a certification signature (DocMDP) forbids or limits more signing
};

// Reads the signatures of a PDF (for verification and tests): every field of type /Sig with a value.
class PdfSignatureInspector
{
public:
    // password: for an encrypted file (user or owner password); empty for none.
    static Result<QList<PdfSignatureInfo>> signatures(const QString &path, const SecureBuffer &password = {});
    // Pages, encryption and signatures of a PDF; PdfDamaged when qpdf cannot read it, FileReadFailed.
    // A file that needs a password is no error: needsPassword, and the rest unknown.
    static Result<PdfFacts> facts(const QString &path);
    // Digest of the file's bytes in the given [offset length]... pairs, read in chunks.
    static Result<QByteArray> digestOfRanges(const QString &path, const QList<qint64> &byteRange,
                                             QCryptographicHash::Algorithm algorithm);
    // A /Contents value without its zero padding: the DER value's own length (only trailing zeros when
    // it is not a DER SEQUENCE).
    static QByteArray derWithoutPadding(const QByteArray &contents);
    // Reads only the signature's own bytes, not the file: the file ends where byteRange says, the
    // gap is exactly "<" hex ">" holding cmsDer then zeros, and the "/ByteRange [...]" written just
    // before "/Contents" holds these numbers. For a check after writing that costs no full read.
    static Result<void> checkSignatureRegion(const QString &path, const QList<qint64> &byteRange,
                                             const QByteArray &cmsDer);
};

} // namespace sohoa::signing
