#include "signing/PdfSigner.h"

#include "core/pdf/internal/PageBox.h" // first: defines POINTERHOLDER_TRANSITION before any qpdf header

#include "signing/CertificateInfo.h"
#include "signing/CmsBuilder.h"
#include "signing/CmsVerifier.h"
#include "signing/PdfSignatureWriter.h"
#include "signing/SignatureOutputCheck_p.h"
#include "signing/SigningLogging.h"
#include "signing/TimestampClient.h"

#include <QCryptographicHash>
#include <QFileInfo>

#include <openssl/x509.h>

#include <algorithm>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace sohoa::signing {

using pdf::VisiblePage;
using pdf::visiblePageOf;

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

// Bytes to reserve for the DER CMS in /Contents, from what goes into it: the certificates, the
// signature value (RSA: the modulus size; ECDSA: two integers), the issuer name twice (signer
// identifier and ESS signing-certificate-v2), the signed attributes and structure (~1500), and a
// timestamp token (~6000). Rounded up to 1 KB. A CMS that still does not fit is retried once with
// the exact size (signFile), so a tight estimate never fails a signature.
int estimateContentsSize(const SigningKey &key, bool timestamp)
{
    const QByteArray cert = key.certificateDer();
    qint64 bytes = cert.size();
    for (const QByteArray &der : key.chainDer())
        bytes += der.size();
    const qint64 keyBytes = (std::max(key.keyBits(), 256) + 7) / 8;
    bytes += 2 * keyBytes + 16;
    const auto *p = reinterpret_cast<const unsigned char *>(cert.constData());
    if (X509 *x = d2i_X509(nullptr, &p, long(cert.size()))) {
        bytes += 2 * qint64(std::max(0, i2d_X509_NAME(X509_get_issuer_name(x), nullptr)));
        X509_free(x);
    } else {
        bytes += cert.size();
    }
    bytes += 1500;
    if (timestamp)
        bytes += 6000;
    return int(std::min<qint64>((bytes + 1023) / 1024 * 1024, 1 << 22));
}

// The visible page box of page `index` (-1 = last), in default user space, and its /Rotate.
Result<QRectF> visiblePageBox(const QString &path, const SecureBuffer &password, int index, int *resolvedIndex,
                              int *rotation)
{
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processFile(QFile::encodeName(path).constData(), password.data());
        auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
        if (pages.empty())
            return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": no pages"));
        const int i = index < 0 ? int(pages.size()) - 1 : index;
        if (i >= int(pages.size()))
            return Error(ErrorCode::InvalidArgument, QStringLiteral("page %1 of %2").arg(i + 1).arg(pages.size()));
        *resolvedIndex = i;
        const VisiblePage visible = visiblePageOf(pages.at(size_t(i)).getObjectHandle());
        *rotation = visible.rotation;
        return visible.box;
    } catch (const QPDFExc &e) {
        if (e.getErrorCode() == qpdf_e_password)
            return Error(ErrorCode::PdfEncrypted,
                         path + (password.isEmpty() ? QStringLiteral(": a password is needed to open it")
                                                    : QStringLiteral(": the password given does not open it")));
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromLocal8Bit(e.what()));
    } catch (const std::exception &e) {
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromLocal8Bit(e.what()));
    }
}

} // namespace

PdfSigner::PdfSigner(SigningKey &key) : m_key(key) {}

Result<void> PdfSigner::checkOptions(const SignOptions &options)
{
    if (options.appearance.kind == AppearanceKind::None)
        return {};
    AppearanceSpec spec = options.appearance;
    spec.signingTime = QDateTime::currentDateTime();
    auto rendered = SignatureAppearance::render(spec);
    if (!rendered)
        return rendered.error();
    return {};
}

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
    field.contentsSize = estimateContentsSize(m_key, !options.tsaUrl.isEmpty());
    field.pdfPassword = options.pdfPassword;
    field.certifyLevel = options.certifyLevel;

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
        int rotation = 0;
        auto box =
            visiblePageBox(input, options.pdfPassword, defaultTopRight ? 0 : options.page, &pageIndex, &rotation);
        if (!box) {
            result.error = box.error();
            return result;
        }
        QSizeF sizePt = rendered->sizePt;
        if (!options.sizeMm.isEmpty())
            sizePt = options.sizeMm * kPtPerMm;
        // A block must stay visible: on a page too small for it (with its offset), it is scaled
        // down, keeping its proportions, and moved to the corner if even the offset does not fit.
        QPointF offsetMm = options.customPosition ? options.positionMm : QPointF(10, 10);
        QSizeF room(box->width() - offsetMm.x() * kPtPerMm, box->height() - offsetMm.y() * kPtPerMm);
        if (room.width() < sizePt.width() || room.height() < sizePt.height()) {
            if (room.width() < sizePt.width() / 4 || room.height() < sizePt.height() / 4) {
                offsetMm = QPointF(0, 0);
                room = box->size();
            }
            const double scale = std::min({1.0, room.width() / sizePt.width(), room.height() / sizePt.height()});
            sizePt *= scale;
        }
        field.pageIndex = pageIndex;
        field.pageRotation = rotation;
        // Corners and offsets are meant as the reader sees the page: map them into user space.
        using C = Corner;
        C corner = options.customPosition ? options.corner : C::TopRight;
        auto turn = [](C c) { // the user-space corner shown at display corner c, one quarter clockwise
            switch (c) {
            case C::TopRight:
                return C::TopLeft;
            case C::TopLeft:
                return C::BottomLeft;
            case C::BottomLeft:
                return C::BottomRight;
            case C::BottomRight:
                break;
            }
            return C::TopRight;
        };
        for (int r = 0; r < rotation; r += 90)
            corner = turn(corner);
        if (rotation == 90 || rotation == 270) {
            sizePt.transpose();
            offsetMm = QPointF(offsetMm.y(), offsetMm.x());
        }
        field.rectPt = SignatureAppearance::placeRect(box.value(), sizePt, corner, offsetMm);
        field.appearancePdf = rendered->pdf;
    }

    for (int attempt = 0;; ++attempt) {
        auto tooLarge = signOnce(input, output, field, options, now, result);
        if (tooLarge <= 0 || attempt > 0)
            break;
        // The CMS did not fit the estimate (a large timestamp token, say): once more, room for it.
        qCInfo(lcSigning) << input << ": CMS of" << tooLarge << "bytes, reserved" << field.contentsSize
                          << "; signing again with more room";
        field.contentsSize = int(std::min<qint64>((tooLarge + 2048 + 1023) / 1024 * 1024, 1 << 22));
        result.error = Error();
        result.timestamped = false;
    }
    return result;
}

// One prepare → digest → CMS → finish → check. Returns the CMS size when it did not fit the
// reserved /Contents (nothing written, result.error set), else 0.
qint64 PdfSigner::signOnce(const QString &input, const QString &output, const SignatureFieldOptions &field,
                           const SignOptions &options, const QDateTime &now, SignResult &result)
{
    auto writer = PdfSignatureWriter::prepare(input, output, field);
    if (!writer) {
        result.error = writer.error();
        return 0;
    }
    // One pass: the input is copied into the output's temporary and the bytes written are hashed.
    auto digest = writer.value()->digest(qtHashOf(options.hash));
    if (!digest) {
        result.error = digest.error();
        return 0;
    }
    CmsOptions cms;
    cms.hash = options.hash;
    cms.padding = options.padding;
    cms.pades = options.pades;
    cms.signingTime = now;
    auto signature = CmsBuilder::buildDetached(m_key, digest.value(), cms);
    if (!signature) {
        result.error = signature.error();
        return 0;
    }
    QByteArray cmsDer = signature.value();
    if (!options.tsaUrl.isEmpty()) {
        auto token = TimestampClient::requestToken(options.tsaUrl, CmsBuilder::signatureValue(cmsDer), options.hash);
        if (!token) {
            result.error = token.error();
            return 0;
        }
        auto stamped = CmsBuilder::addTimestampToken(cmsDer, token.value());
        if (!stamped) {
            result.error = stamped.error();
            return 0;
        }
        cmsDer = stamped.value();
        result.timestamped = true;
    }
    // Verify before the output becomes visible: the CMS over the digest of what we wrote.
    auto verified = CmsVerifier::verify(cmsDer, digest.value());
    if (!verified || !verified->signatureValid || !verified->digestMatches) {
        result.error = Error(ErrorCode::VerificationFailed, verified ? verified->detail : verified.error().detail());
        return 0;
    }
    if (auto done = writer.value()->finish(cmsDer); !done) {
        result.error = done.error();
        return done.error().code() == ErrorCode::SignatureTooLarge ? qint64(cmsDer.size()) : 0;
    }
    // And after: the file on disk, read back.
    auto written = checkWrittenSignature(output, options.pdfPassword, *writer.value(), cmsDer);
    if (!written) {
        result.error = written.error();
        return 0;
    }
    result.outputSize = written.value();
    return 0;
}

} // namespace sohoa::signing
