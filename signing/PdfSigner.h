#pragma once

#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"
#include "signing/SignatureAppearance.h"
#include "signing/SigningKey.h"

#include <QDateTime>
#include <QList>
#include <QPointF>
#include <QString>
#include <QUrl>

namespace sohoa::signing {

struct SignatureFieldOptions;

struct SignOptions
{
    AppearanceSpec appearance;   // kind None = invisible
    int page = 0;                // 0-based; -1 = last
    bool customPosition = false; // else the Decree 30 default for the kind
    QPointF positionMm;          // offset from the corner
    Corner corner = Corner::TopRight;
    QSizeF sizeMm;     // empty: the block's natural size
    bool pades = true; // ETSI.CAdES.detached; false: adbe.pkcs7.detached
    HashAlgorithm hash = HashAlgorithm::Sha256;
    RsaPadding padding = RsaPadding::Pkcs1v15;
    QString reason, location, contactInfo;
    QUrl tsaUrl;              // empty: no timestamp (B-B); set: B-T
    SecureBuffer pdfPassword; // opens encrypted inputs (user or owner password); never logged
    bool overwrite = false;
    int certifyLevel = 0; // 1, 2, 3: a certification signature with that DocMDP /P; 0: approval signature
};

struct SignResult
{
    QString input;
    QString output;
    Error error; // None when signed and verified
    qint64 inputSize = 0;
    qint64 outputSize = 0;
    QDateTime signingTime;
    bool timestamped = false;
};

// Signs one file: appearance, incremental update, CMS through the key (file or token), optional
// RFC 3161 timestamp, then verifies the output (ByteRange, digest, CMS signature) before it is
// committed. The input is never modified; the output appears atomically or not at all.
class PdfSigner
{
public:
    explicit PdfSigner(SigningKey &key);

    // Checks what is the same for every file of a batch before any is signed (the appearance's
    // texts and images, drawn once): a batch with a missing --organization fails once, up front.
    static Result<void> checkOptions(const SignOptions &options);

    SignResult signFile(const QString &input, const QString &output, const SignOptions &options);

private:
    qint64 signOnce(const QString &input, const QString &output, const SignatureFieldOptions &field,
                    const SignOptions &options, const QDateTime &now, SignResult &result);

    SigningKey &m_key;
};

} // namespace sohoa::signing
