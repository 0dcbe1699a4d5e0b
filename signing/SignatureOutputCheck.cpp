#include "signing/SignatureOutputCheck_p.h"

#include "signing/PdfSignatureInspector.h"
#include "signing/PdfSignatureWriter.h"

#include <QFileInfo>

namespace sohoa::signing {

QCryptographicHash::Algorithm qtHashOf(HashAlgorithm hash)
{
    switch (hash) {
    case HashAlgorithm::Sha384:
        return QCryptographicHash::Sha384;
    case HashAlgorithm::Sha512:
        return QCryptographicHash::Sha512;
    case HashAlgorithm::Sha256:
        break;
    }
    return QCryptographicHash::Sha256;
}

Result<qint64> checkWrittenSignature(const QString &output, const SecureBuffer &password,
                                     const PdfSignatureWriter &writer, const QByteArray &contents)
{
    const QList<qint64> byteRange = writer.byteRange();
    auto sigs = PdfSignatureInspector::signatures(output, password);
    if (!sigs || sigs->isEmpty() || !sigs->constLast().coversWholeFile || sigs->constLast().byteRange != byteRange ||
        sigs->constLast().contents != contents)
        return Error(ErrorCode::VerificationFailed, output + QStringLiteral(": new signature does not cover the file"));
    if (auto region = PdfSignatureInspector::checkSignatureRegion(output, byteRange, contents); !region)
        return Error(ErrorCode::VerificationFailed, region.error().detail());
    const qint64 size = QFileInfo(output).size();
    if (size != writer.outputSize())
        return Error(ErrorCode::VerificationFailed, output + QStringLiteral(": unexpected size"));
    return size;
}

} // namespace sohoa::signing
