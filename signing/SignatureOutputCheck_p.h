#pragma once

// Private to signing/: what the signer and the document timestamper share after writing.

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"
#include "signing/SigningKey.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>

namespace sohoa::signing {

class PdfSignatureWriter;

QCryptographicHash::Algorithm qtHashOf(HashAlgorithm hash);

// The committed output read back independently of the writer, without a second full read. The
// digest needs none: it was taken of exactly the bytes written to the temporary, and finish() read
// the update back from it before the commit. Here a reader's view (qpdf: the last signature field,
// its /ByteRange and /Contents) and the signature's own bytes on disk (file size, the "<hex>" gap
// holding `contents`, "/ByteRange [...]" as written) must agree. Returns the output's size;
// VerificationFailed when anything differs.
Result<qint64> checkWrittenSignature(const QString &output, const SecureBuffer &password,
                                     const PdfSignatureWriter &writer, const QByteArray &contents);

} // namespace sohoa::signing
