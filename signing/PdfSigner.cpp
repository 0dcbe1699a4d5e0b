#include "PdfSigner.h"

#include "CertificateInfo.h"
#include "CmsBuilder.h"
#include "CmsVerifier.h"
#include "PdfSignatureInspector.h"
#include "PdfSignatureWriter.h"
#include "SigningLogging.h"
#include "TimestampClient.h"

#include <QCryptographicHash>
#include <QFileInfo>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace sohoa::signing {

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

QCryptographicHash::Algorithm qtHash(HashAlgorithm h)
{
    switch (h) {
    case HashAlgorithm::Sha384:
        return QCryptographicHash::Sha384;
    case HashAlgorithm::Sha512:
        return QCryptographicHash::Sha512;
    case HashAlgorithm::Sha256:
        break;
    }
    return QCryptographicHash::Sha256;
}

// The visible page box (CropBox, else MediaBox) of page `index` (-1 = last), in default user space.
Result<QRectF> visiblePageBox(const QString &path, int index, int *resolvedIndex)
{
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processFile(QFile::encodeName(path).constData());
        auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
        if (pages.empty())
            return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": no pages"));
        const int i = index < 0 ? int(pages.size()) - 1 : index;
        if (i >= int(pages.size()))
            return Error(ErrorCode::InvalidArgument, QStringLiteral("page %1 of %2").arg(i + 1).arg(pages.size()));
        *resolvedIndex = i;
        const QPDFObjectHandle::Rectangle r = pages.at(size_t(i)).getCropBox(false, false).getArrayAsRectangle();
        return QRectF(QPointF(std::min(r.llx, r.urx), std::min(r.lly, r.ury)),
                      QPointF(std::max(r.llx, r.urx), std::max(r.lly, r.ury)));
    } catch (const std::exception &e) {
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromLocal8Bit(e.what()));
    }
}

} // namespace

PdfSigner::PdfSigner(SigningKey &key) : m_key(key) {}

SignResult PdfSigner::signFile(const QString &input, const QString &output, const SignOptions &options)
{
    SignResult result;
    result.input = input;
    result.output = output;
    result.inputSize = QFileInfo(input).size();
    const QDateTime now = QDateTime::currentDateTime();
    result.signingTime = now;

    if (auto usable = checkUsableForSigning(m_key.certificateDer(), now); !usable) {
        result.error = usable.error();
        return result;
    }

    SignatureFieldOptions field;
    field.subFilter = options.pades ? QStringLiteral("ETSI.CAdES.detached") : QStringLiteral("adbe.pkcs7.detached");
    field.reason = options.reason;
    field.location = options.location;
    field.contactInfo = options.contactInfo;
    field.signingTime = now;
    field.overwrite = options.overwrite;
    field.contentsSize = options.tsaUrl.isEmpty() ? 16384 : 32768;

    AppearanceSpec spec = options.appearance;
    spec.signingTime = now;
    if (spec.kind != AppearanceKind::None) {
        auto rendered = SignatureAppearance::render(spec);
        if (!rendered) {
            result.error = rendered.error();
            return result;
        }
        int pageIndex = 0;
        const bool defaultTopRight =
            !options.customPosition && (spec.kind == AppearanceKind::Copy || spec.kind == AppearanceKind::Attachment);
        auto box = visiblePageBox(input, defaultTopRight ? 0 : options.page, &pageIndex);
        if (!box) {
            result.error = box.error();
            return result;
        }
        QSizeF sizePt = rendered->sizePt;
        if (!options.sizeMm.isEmpty())
            sizePt = options.sizeMm * kPtPerMm;
        field.pageIndex = pageIndex;
        field.rectPt = SignatureAppearance::placeRect(
            box.value(), sizePt, options.customPosition ? options.corner : SignatureAppearance::Corner::TopRight,
            options.customPosition ? options.positionMm : QPointF(10, 10));
        field.appearancePdf = rendered->pdf;
    }

    auto writer = PdfSignatureWriter::prepare(input, output, field);
    if (!writer) {
        result.error = writer.error();
        return result;
    }
    auto digest = writer.value()->digest(qtHash(options.hash));
    if (!digest) {
        result.error = digest.error();
        return result;
    }
    CmsOptions cms;
    cms.hash = options.hash;
    cms.padding = options.padding;
    cms.pades = options.pades;
    cms.signingTime = now;
    auto signature = CmsBuilder::buildDetached(m_key, digest.value(), cms);
    if (!signature) {
        result.error = signature.error();
        return result;
    }
    QByteArray cmsDer = signature.value();
    if (!options.tsaUrl.isEmpty()) {
        auto token = TimestampClient::requestToken(options.tsaUrl, CmsBuilder::signatureValue(cmsDer), options.hash);
        if (!token) {
            result.error = token.error();
            return result;
        }
        auto stamped = CmsBuilder::addTimestampToken(cmsDer, token.value());
        if (!stamped) {
            result.error = stamped.error();
            return result;
        }
        cmsDer = stamped.value();
        result.timestamped = true;
    }
    // Verify before the output becomes visible: the CMS over the digest of what we wrote.
    auto verified = CmsVerifier::verify(cmsDer, digest.value());
    if (!verified || !verified->signatureValid || !verified->digestMatches) {
        result.error = Error(ErrorCode::VerificationFailed, verified ? verified->detail : verified.error().detail());
        return result;
    }
    if (auto done = writer.value()->finish(cmsDer); !done) {
        result.error = done.error();
        return result;
    }
    // And after: the file on disk, read back independently of the writer.
    auto sigs = PdfSignatureInspector::signatures(output);
    if (!sigs || sigs->isEmpty() || !sigs->constLast().coversWholeFile) {
        result.error =
            Error(ErrorCode::VerificationFailed, output + QStringLiteral(": new signature does not cover the file"));
        return result;
    }
    auto onDisk = PdfSignatureInspector::digestOfRanges(output, sigs->constLast().byteRange, qtHash(options.hash));
    if (!onDisk || onDisk.value() != digest.value()) {
        result.error =
            Error(ErrorCode::VerificationFailed, output + QStringLiteral(": digest of the written file differs"));
        return result;
    }
    result.outputSize = QFileInfo(output).size();
    return result;
}

QList<SignResult> PdfSigner::signBatch(const QList<QPair<QString, QString>> &inputsAndOutputs,
                                       const SignOptions &options,
                                       const std::function<void(const SignResult &)> &onResult,
                                       const std::atomic<bool> *cancel)
{
    QList<SignResult> results;
    Error stopReason;
    for (const auto &[in, out] : inputsAndOutputs) {
        SignResult r;
        if (stopReason.isError() || (cancel && cancel->load())) {
            r.input = in;
            r.output = out;
            r.error = stopReason.isError() ? stopReason : Error(ErrorCode::Cancelled, in);
        } else {
            r = signFile(in, out, options);
            const ErrorCode c = r.error.code();
            if (c == ErrorCode::TokenRemoved || c == ErrorCode::PinLocked || c == ErrorCode::WrongPin)
                stopReason = Error(c, QStringLiteral("not signed: the batch stopped at %1").arg(in));
        }
        if (onResult)
            onResult(r);
        results.append(r);
    }
    return results;
}

} // namespace sohoa::signing
