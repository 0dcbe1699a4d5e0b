#pragma once

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"
#include "signing/SigningKey.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace sohoa::signing {

struct DocumentTimestampOptions
{
    QUrl tsaUrl; // the RFC 3161 service
    HashAlgorithm hash = HashAlgorithm::Sha256;
    QString fieldName;        // empty: "Timestamp<N>", unique among the form's top-level fields
    int contentsSize = 16384; // bytes reserved for the token; one larger retry when the token does not fit
    int timeoutMs = 15000;
    SecureBuffer pdfPassword; // opens an encrypted input (its user or owner password); never logged
    bool overwrite = false;
};

struct DocumentTimestampResult
{
    QString fieldName;
    QList<qint64> byteRange; // in the output
    QByteArray token;        // the TimeStampToken (DER) in /Contents
    qint64 outputSize = 0;
};

// Adds a document timestamp (ISO 32000-2 §12.8.5; the archive timestamp of PAdES B-LTA): an
// incremental update with a new invisible field whose value is a /DocTimeStamp dictionary, its
// /Contents the TSA's token over the digest of the /ByteRange. It protects everything before it,
// earlier signatures and the DSS included. The input is never modified; the output appears
// atomically, after it was read back, or not at all. Blocking (network): call it from a worker.
class PdfDocumentTimestamper
{
public:
    static Result<DocumentTimestampResult> timestamp(const QString &input, const QString &output,
                                                     const DocumentTimestampOptions &options);
};

} // namespace sohoa::signing
