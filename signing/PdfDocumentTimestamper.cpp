#include "signing/PdfDocumentTimestamper.h"

#include "signing/PdfSignatureWriter.h"
#include "signing/SignatureOutputCheck_p.h"
#include "signing/SigningLogging.h"
#include "signing/TimestampClient.h"

#include <algorithm>
#include <memory>

namespace sohoa::signing {

namespace {

// One prepare → digest → token → finish → check. *tokenSize is the token's size when it did not
// fit the room reserved (nothing written).
Result<DocumentTimestampResult> timestampOnce(const QString &input, const QString &output,
                                              const SignatureFieldOptions &field,
                                              const DocumentTimestampOptions &options, qint64 *tokenSize)
{
    auto writer = PdfSignatureWriter::prepare(input, output, field);
    if (!writer)
        return writer.error();
    auto digest = writer.value()->digest(qtHashOf(options.hash));
    if (!digest)
        return digest.error();
    // The client checks that the token stamps this very digest (imprint) and answers this request (nonce).
    auto token =
        TimestampClient::requestTokenForDigest(options.tsaUrl, digest.value(), options.hash, options.timeoutMs);
    if (!token)
        return token.error();
    if (auto done = writer.value()->finish(token.value()); !done) {
        if (done.error().code() == ErrorCode::SignatureTooLarge)
            *tokenSize = token->size();
        return done.error();
    }
    auto written = checkWrittenSignature(output, options.pdfPassword, *writer.value(), token.value());
    if (!written)
        return written.error();
    DocumentTimestampResult result;
    result.fieldName = writer.value()->fieldName();
    result.byteRange = writer.value()->byteRange();
    result.token = token.value();
    result.outputSize = written.value();
    return result;
}

} // namespace

Result<DocumentTimestampResult> PdfDocumentTimestamper::timestamp(const QString &input, const QString &output,
                                                                  const DocumentTimestampOptions &options)
{
    if (!options.tsaUrl.isValid() || options.tsaUrl.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a document timestamp needs a TSA URL"));
    SignatureFieldOptions field;
    field.documentTimestamp = true;
    field.fieldName = options.fieldName;
    field.contentsSize = options.contentsSize;
    field.pdfPassword = options.pdfPassword;
    field.overwrite = options.overwrite;
    for (int attempt = 0;; ++attempt) {
        qint64 tokenSize = 0;
        auto result = timestampOnce(input, output, field, options, &tokenSize);
        if (result || tokenSize == 0 || attempt > 0)
            return result;
        // A TSA that sends its whole chain can exceed the default: once more, with room for it (a
        // new token, since the room reserved is part of what is stamped).
        qCInfo(lcSigning) << input << ": timestamp token of" << tokenSize << "bytes, reserved" << field.contentsSize
                          << "; stamping again with more room";
        field.contentsSize = int(std::min<qint64>((tokenSize + 2048 + 1023) / 1024 * 1024, 1 << 22));
    }
}

} // namespace sohoa::signing
