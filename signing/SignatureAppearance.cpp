#include "signing/SignatureAppearance.h"

#include "core/pdf/internal/DocumentFont.h"
#include "core/pdf/internal/PdfFontSubset.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QList>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRawFont>
#include <QTextLayout>
#include <QTimeZone>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <optional>

namespace sohoa::signing {

namespace {

// QPdfWriter positions glyphs in device pixels; a fine device keeps the text's advances unhinted
// and exact, while the PDF itself stays in points.
constexpr int kResolution = 1200;
constexpr double kPxPerPt = kResolution / 72.0;
constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kPaddingPt = 2.0;
constexpr double kGapPt = 2.0;
constexpr double kDefaultImageDpi = 300.0;
constexpr double kMaxSignatureWidthMm = 70.0;
constexpr double kMaxSignatureHeightMm = 35.0;
constexpr int kVietnamOffsetSeconds = 7 * 3600;

struct TextItem
{
    QString text;
    QFont font;
    QPointF baselinePx;
};

struct ImageItem
{
    QImage image;
    QRectF rectPx;
};

struct Layout
{
    QSize sizePt; // whole points
    // Copy and attachment blocks: black text on an opaque white block. Placed over whatever the top
    // right of page 1 holds (a dark letterhead, a photo, a black scan border), text without a backing
    // disappears; the QR stamp keeps its quiet zone white for the same reason. Signer and organization
    // blocks stay transparent: their images sit over the page on purpose (the seal overlaps the
    // signature and the text beside it), which a white block would hide.
    bool whiteBacking = false;
    QList<TextItem> texts;
    QList<ImageItem> images; // drawn in order: signature, then the seal on top
};

// Liberation Serif 2.x (core/DocumentFont_p.h), registered by checkEnvironment() before any drawing.
QFont makeFont(double pointSize, bool bold)
{
    const auto family = documentFontFamily(ErrorCode::AppearanceFailed);
    QFont font(QStringList{family ? family.value() : QStringLiteral("Liberation Serif")});
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    font.setItalic(false);
    // No silent fallback to another family: a missing glyph is an error (checkGlyphs), not DejaVu.
    font.setStyleStrategy(QFont::StyleStrategy(QFont::PreferOutline | QFont::NoFontMerging));
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

// Word-wraps one logical line to maxWidthPx (anywhere if a single word is wider).
QStringList wrapText(const QString &text, const QFont &font, QPaintDevice *device, qreal maxWidthPx)
{
    QTextLayout layout(text, font, device);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine())
        line.setLineWidth(maxWidthPx);
    layout.endLayout();
    QStringList lines;
    for (int i = 0; i < layout.lineCount(); ++i) {
        const QTextLine line = layout.lineAt(i);
        const QString part = text.mid(line.textStart(), line.textLength()).trimmed();
        if (!part.isEmpty())
            lines.append(part);
    }
    return lines;
}

// A centred paragraph of lines starting at topPx; returns the lines' width and height.
struct Paragraph
{
    QStringList lines;
    QFont font;
    qreal widthPx = 0;
    qreal heightPx = 0;
};

Paragraph makeParagraph(const QStringList &logicalLines, const QFont &font, QPaintDevice *device)
{
    Paragraph p;
    p.font = font;
    const QFontMetricsF fm(font, device);
    const qreal maxWidthPx = SignatureAppearance::kMaxTextWidthMm * kPtPerMm * kPxPerPt;
    for (const QString &logical : logicalLines)
        p.lines += wrapText(logical.normalized(QString::NormalizationForm_C).simplified(), font, device, maxWidthPx);
    for (const QString &line : std::as_const(p.lines))
        p.widthPx = std::max(p.widthPx, fm.horizontalAdvance(line));
    p.heightPx = p.lines.size() * fm.lineSpacing();
    return p;
}

void placeParagraph(const Paragraph &p, QPaintDevice *device, qreal centreXPx, qreal topPx, QList<TextItem> &out)
{
    const QFontMetricsF fm(p.font, device);
    qreal baseline = topPx + fm.ascent();
    for (const QString &line : p.lines) {
        out.append({line, p.font, QPointF(centreXPx - fm.horizontalAdvance(line) / 2, baseline)});
        baseline += fm.lineSpacing();
    }
}

// The pHYs chunk of a PNG in dots per inch, if the file has one in metres.
std::optional<QPointF> pngDpi(const QByteArray &data)
{
    static const QByteArray signature("\x89PNG\r\n\x1a\n", 8);
    if (!data.startsWith(signature))
        return std::nullopt;
    qsizetype pos = 8;
    while (pos + 8 <= data.size()) {
        const quint32 length = qFromBigEndian<quint32>(data.constData() + pos);
        const QByteArray type = data.mid(pos + 4, 4);
        if (type == "IDAT" || type == "IEND")
            break;
        if (type == "pHYs" && length == 9 && pos + 8 + 9 <= data.size()) {
            const char *p = data.constData() + pos + 8;
            const quint32 x = qFromBigEndian<quint32>(p);
            const quint32 y = qFromBigEndian<quint32>(p + 4);
            if (p[8] == 1 && x > 0 && y > 0)
                return QPointF(x * 0.0254, y * 0.0254);
            return std::nullopt;
        }
        pos += 12 + qsizetype(length);
    }
    return std::nullopt;
}

// Liberation Serif 1.07 (Debian's fonts-liberation) has no Vietnamese letters; 2.x (fonts-liberation2)
// has. Refuse rather than draw boxes.
std::optional<Error> checkGlyphs(const QList<TextItem> &texts)
{
    for (const TextItem &item : texts) {
        const QRawFont raw = QRawFont::fromFont(item.font);
        for (const char32_t c : item.text.toUcs4()) {
            if (!QChar::isSpace(c) && !raw.supportsCharacter(c))
                return Error(ErrorCode::AppearanceFailed,
                             QStringLiteral("font %1 %2 has no glyph for U+%3 (install fonts-liberation2)")
                                 .arg(raw.familyName(), raw.styleName())
                                 .arg(uint(c), 4, 16, QLatin1Char('0')));
        }
    }
    return std::nullopt;
}

struct LoadedImage
{
    QImage image;
    QSizeF sizePx; // real size on the PDF device
};

Result<LoadedImage> loadImage(const QString &path, const QString &what)
{
    if (path.isEmpty())
        return Error(ErrorCode::InvalidArgument, what + QStringLiteral(" image path is empty"));
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    const QByteArray data = file.readAll();
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    QImage image = reader.read();
    if (image.isNull())
        return Error(ErrorCode::AppearanceFailed, path + QStringLiteral(": cannot read the ") + what +
                                                      QStringLiteral(" image: ") + reader.errorString());
    const QPointF dpi = pngDpi(data).value_or(QPointF(kDefaultImageDpi, kDefaultImageDpi));
    // Keep the alpha channel: QPdfWriter writes it as an SMask.
    image = image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    const QSizeF sizePx(image.width() / dpi.x() * kResolution, image.height() / dpi.y() * kResolution);
    return LoadedImage{image, sizePx};
}

Result<Layout> textBlockLayout(const QStringList &logicalLines, QPaintDevice *device)
{
    const Paragraph p = makeParagraph(logicalLines, makeFont(10, false), device);
    const qreal pad = kPaddingPt * kPxPerPt;
    Layout layout;
    layout.whiteBacking = true;
    layout.sizePt =
        QSize(int(std::ceil((p.widthPx + 2 * pad) / kPxPerPt)), int(std::ceil((p.heightPx + 2 * pad) / kPxPerPt)));
    placeParagraph(p, device, layout.sizePt.width() * kPxPerPt / 2, pad, layout.texts);
    return layout;
}

Result<Layout> signerLayout(const AppearanceSpec &spec, QPaintDevice *device)
{
    auto signature = loadImage(spec.signatureImagePath, QStringLiteral("signature"));
    if (!signature)
        return signature.error();
    std::optional<LoadedImage> seal;
    if (spec.kind == AppearanceKind::Organization) {
        auto loaded = loadImage(spec.sealImagePath, QStringLiteral("seal"));
        if (!loaded)
            return loaded.error();
        seal = std::move(loaded).value();
    }

    // Decree 30, Appendix I: title and name bold, 13-14 pt.
    const QFont font = makeFont(13, true);
    const Paragraph title = makeParagraph({spec.signerTitle}, font, device);
    const Paragraph name = makeParagraph({spec.signerName}, font, device);

    QSizeF sigSize = signature->sizePx;
    const qreal maxW = kMaxSignatureWidthMm * kPtPerMm * kPxPerPt;
    const qreal maxH = kMaxSignatureHeightMm * kPtPerMm * kPxPerPt;
    if (sigSize.width() > maxW || sigSize.height() > maxH)
        sigSize = sigSize.scaled(maxW, maxH, Qt::KeepAspectRatio);

    const qreal gap = kGapPt * kPxPerPt;
    const qreal columnWidth = std::max({title.widthPx, sigSize.width(), name.widthPx});
    const qreal centreX = columnWidth / 2;
    qreal y = 0;
    Layout layout;
    placeParagraph(title, device, centreX, y, layout.texts);
    y += title.heightPx + (title.lines.isEmpty() ? 0 : gap);
    const QRectF sigRect(centreX - sigSize.width() / 2, y, sigSize.width(), sigSize.height());
    layout.images.append({signature->image, sigRect});
    y += sigSize.height() + (name.lines.isEmpty() ? 0 : gap);
    placeParagraph(name, device, centreX, y, layout.texts);
    y += name.heightPx;

    QRectF bounds(0, 0, columnWidth, y);
    if (seal) {
        // The seal covers about the left third of the signature, centred on it vertically.
        QRectF sealRect(QPointF(0, 0), seal->sizePx);
        sealRect.moveRight(sigRect.left() + sigRect.width() / 3);
        sealRect.moveTop(sigRect.center().y() - sealRect.height() / 2);
        layout.images.append({seal->image, sealRect});
        bounds = bounds.united(sealRect);
    }

    const qreal pad = kPaddingPt * kPxPerPt;
    layout.sizePt = QSize(int(std::ceil((bounds.width() + 2 * pad) / kPxPerPt)),
                          int(std::ceil((bounds.height() + 2 * pad) / kPxPerPt)));
    const QPointF shift = QPointF(pad, pad) - bounds.topLeft();
    for (TextItem &t : layout.texts)
        t.baselinePx += shift;
    for (ImageItem &i : layout.images)
        i.rectPx.translate(shift);
    return layout;
}

Result<Layout> buildLayout(const AppearanceSpec &spec, QPaintDevice *device)
{
    switch (spec.kind) {
    case AppearanceKind::None:
        return Layout{};
    case AppearanceKind::Copy: {
        const QString form = spec.copyForm.normalized(QString::NormalizationForm_C).simplified();
        // Decree 30's copy forms are legal text of the document: Vietnamese whatever the UI language
        // (never translated), like everything an appearance draws.
        static const QStringList forms{QStringLiteral("SAO Y"), QStringLiteral("SAO LỤC"), QStringLiteral("TRÍCH SAO")};
        if (!forms.contains(form))
            return Error::withHint(
                ErrorCode::InvalidArgument, "sohoa::signing",
                QT_TRANSLATE_NOOP("sohoa::signing", "The copy form must be SAO Y, SAO LỤC or TRÍCH SAO, not \"%1\"."),
                {form});
        if (spec.organizationName.trimmed().isEmpty())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("copy appearance needs the organization's name"));
        if (!spec.signingTime.isValid())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("copy appearance needs the signing time"));
        return textBlockLayout({form, spec.organizationName, SignatureAppearance::formatSigningTime(spec.signingTime)},
                               device);
    }
    case AppearanceKind::Attachment:
        if (spec.documentNumber.trimmed().isEmpty())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("attachment appearance needs the document number"));
        if (!spec.signingTime.isValid())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("attachment appearance needs the signing time"));
        return textBlockLayout({spec.documentNumber, SignatureAppearance::formatSigningTime(spec.signingTime)}, device);
    case AppearanceKind::Signer:
    case AppearanceKind::Organization:
        return signerLayout(spec, device);
    }
    return Error(ErrorCode::InvalidArgument, QStringLiteral("unknown appearance kind"));
}

std::optional<Error> checkEnvironment()
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error(ErrorCode::AppearanceFailed, QStringLiteral("drawing an appearance needs a QGuiApplication"));
    const auto family = documentFontFamily(ErrorCode::AppearanceFailed);
    if (!family)
        return family.error();
    for (const bool bold : {false, true}) {
        const QFontInfo info(makeFont(10, bold));
        if (info.family() != family.value() || info.bold() != bold)
            return Error(ErrorCode::AppearanceFailed,
                         QStringLiteral("font %1%2 is not available (got %3)")
                             .arg(family.value(), bold ? QStringLiteral(" Bold") : QString(), info.family()));
    }
    return std::nullopt;
}

} // namespace

Result<RenderedAppearance> SignatureAppearance::render(const AppearanceSpec &spec)
{
    if (spec.kind == AppearanceKind::None)
        return RenderedAppearance{QByteArray(), QSizeF(0, 0)};
    if (auto error = checkEnvironment())
        return *error;

    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kResolution);
    writer.setCreator(QStringLiteral("SoHoa"));

    auto layout = buildLayout(spec, &writer);
    if (!layout)
        return layout.error();
    if (auto error = checkGlyphs(layout->texts))
        return *error;

    // ExactMatch: a fuzzy match would snap a block that is near a standard paper size onto it.
    const QPageSize pageSize(layout->sizePt, QString(), QPageSize::ExactMatch);
    if (!writer.setPageLayout(QPageLayout(pageSize, QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Point)))
        return Error(ErrorCode::AppearanceFailed, QStringLiteral("cannot set the appearance page size"));

    QPainter painter;
    if (!painter.begin(&writer))
        return Error(ErrorCode::AppearanceFailed, QStringLiteral("cannot start the appearance PDF"));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.setRenderHint(QPainter::LosslessImageRendering); // Flate, not JPEG, for the PNGs
    if (layout->whiteBacking) // a vector fill of the whole block, under the text: no image
        painter.fillRect(QRectF(QPointF(0, 0), QSizeF(layout->sizePt) * kPxPerPt), Qt::white);
    for (const ImageItem &item : std::as_const(layout->images))
        painter.drawImage(item.rectPx, item.image);
    painter.setPen(Qt::black);
    for (const TextItem &item : std::as_const(layout->texts)) {
        painter.setFont(item.font);
        painter.drawText(item.baselinePx, item.text);
    }
    if (!painter.end())
        return Error(ErrorCode::AppearanceFailed, QStringLiteral("cannot finish the appearance PDF"));
    buffer.close();
    if (pdf.isEmpty())
        return Error(ErrorCode::AppearanceFailed, QStringLiteral("the appearance PDF is empty"));
    return RenderedAppearance{pdf::tagSubsetFonts(pdf), QSizeF(layout->sizePt)};
}

QSizeF SignatureAppearance::defaultSizePt(const AppearanceSpec &spec)
{
    if (spec.kind == AppearanceKind::None)
        return QSizeF(0, 0);
    if (checkEnvironment())
        return QSizeF();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer); // only measured, never painted
    writer.setResolution(kResolution);
    const auto layout = buildLayout(spec, &writer);
    return layout && !checkGlyphs(layout->texts) ? QSizeF(layout->sizePt) : QSizeF();
}

QString SignatureAppearance::formatSigningTime(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    QDateTime vietnam = time.toTimeZone(QTimeZone(kVietnamOffsetSeconds));
    vietnam.setTime(QTime(vietnam.time().hour(), vietnam.time().minute(), vietnam.time().second()));
    return vietnam.toString(Qt::ISODate);
}

QRectF SignatureAppearance::placeRect(const QRectF &pageBoxPt, const QSizeF &blockPt, Corner corner, QPointF offsetMm)
{
    const QRectF box = pageBoxPt.normalized();
    const qreal dx = offsetMm.x() * kPtPerMm;
    const qreal dy = offsetMm.y() * kPtPerMm;
    const bool left = corner == Corner::TopLeft || corner == Corner::BottomLeft;
    const bool top = corner == Corner::TopLeft || corner == Corner::TopRight;
    // PDF user space: box.y() is the bottom edge, box.y() + height the top edge.
    const qreal x = left ? box.x() + dx : box.x() + box.width() - dx - blockPt.width();
    const qreal y = top ? box.y() + box.height() - dy - blockPt.height() : box.y() + dy;
    return QRectF(QPointF(x, y), blockPt);
}

QRectF SignatureAppearance::defaultPlaceRect(AppearanceKind kind, const QRectF &pageBoxPt, const QSizeF &blockPt)
{
    if (kind != AppearanceKind::Copy && kind != AppearanceKind::Attachment)
        return QRectF();
    return placeRect(pageBoxPt, blockPt, Corner::TopRight, QPointF(kDefaultMarginMm, kDefaultMarginMm));
}

} // namespace sohoa::signing
