#include "core/barcode/CoverSheet.h"

#include "core/pdf/internal/DocumentFont.h"

#include "core/barcode/Separation.h"
#include "core/common/DurableFile.h"
#include "core/dossier/DossierCode.h"
#include "core/pdf/internal/PdfFontSubset.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRawFont>

#include <optional>

namespace sohoa {

namespace {

constexpr int kResolution = 1200; // device units per inch of the PDF writer

double mm(double v)
{
    return v * kResolution / 25.4;
}

QFont makeFont(const QString &family, double pointSize)
{
    QFont font(QStringList{family});
    font.setPointSizeF(pointSize);
    font.setStyleStrategy(QFont::StyleStrategy(QFont::PreferOutline | QFont::NoFontMerging));
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

std::optional<Error> checkGlyphs(const QFont &font, const QString &text)
{
    const QRawFont raw = QRawFont::fromFont(font);
    if (!raw.isValid())
        return Error(ErrorCode::CoverSheetFailed, QStringLiteral("font %1 cannot be used").arg(font.family()));
    for (const QChar c : text) {
        if (c.isSpace())
            continue;
        if (!raw.supportsCharacter(c))
            return Error(ErrorCode::CoverSheetFailed,
                         QStringLiteral("font %1 %2 has no glyph for U+%3 (install fonts-liberation2)")
                             .arg(raw.familyName(), raw.styleName())
                             .arg(c.unicode(), 4, 16, QLatin1Char('0')));
    }
    return std::nullopt;
}

// Draws one line centred on the page; shrinks the font until the line fits the printable width.
Result<void> drawCentred(QPainter &painter, const QString &family, double pointSize, double baselineMm,
                         const QString &text)
{
    const double pageWidth = mm(210);
    const double maxWidth = mm(180);
    QFont font = makeFont(family, pointSize);
    for (int i = 0; i < 20; ++i) {
        if (QFontMetricsF(font, painter.device()).horizontalAdvance(text) <= maxWidth)
            break;
        font.setPointSizeF(font.pointSizeF() * 0.9);
    }
    if (auto e = checkGlyphs(font, text))
        return *e;
    painter.setFont(font);
    const double width = QFontMetricsF(font, painter.device()).horizontalAdvance(text);
    painter.drawText(QPointF((pageWidth - width) / 2, mm(baselineMm)), text);
    return {};
}

void drawQr(QPainter &painter, const QrMatrix &m, const QRectF &rect)
{
    // One path of horizontal runs, filled once: no seams between modules in any renderer.
    const double module = rect.width() / m.size();
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    m.forEachDarkRun([&](QrMatrix::Run r) {
        path.addRect(QRectF(rect.left() + r.x * module, rect.top() + r.y * module, r.length * module, module));
    });
    painter.fillPath(path, Qt::black);
}

} // namespace

Result<QByteArray> CoverSheet::render(const CoverSheetSpec &spec)
{
    if (auto form = DossierCode::validate(spec.dossierCode, spec.allowFreeFormCode); !form)
        return form.error();
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error(ErrorCode::CoverSheetFailed, QStringLiteral("drawing a cover sheet needs a QGuiApplication"));
    if (spec.qrSizeMm < 20 || spec.qrSizeMm > 150)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("QR size must be 20-150 mm"));
    // Every string drawn is also checked glyph by glyph (checkGlyphs): no silent fallback font.
    auto family = documentFontFamily(ErrorCode::CoverSheetFailed);
    if (!family)
        return family.error();

    QStringList components = spec.components;
    if (components.isEmpty())
        components.append(QString());

    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(kResolution);
    writer.setCreator(QStringLiteral("SoHoa"));
    // What the sheet says is printed content, not UI text: Vietnamese with English, the same whatever
    // the UI language, so none of it is translated (its title and lines below alike).
    writer.setTitle(QStringLiteral("Tờ bìa hồ sơ ") + spec.dossierCode);
    if (!writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0))))
        return Error(ErrorCode::CoverSheetFailed, QStringLiteral("cannot set the A4 page"));

    QPainter painter;
    if (!painter.begin(&writer))
        return Error(ErrorCode::CoverSheetFailed, QStringLiteral("cannot start the cover sheet PDF"));
    const double qrTopMm = 40;
    for (qsizetype i = 0; i < components.size(); ++i) {
        if (i > 0 && !writer.newPage())
            return Error(ErrorCode::CoverSheetFailed, QStringLiteral("cannot add a page"));
        const QString component = components.at(i).trimmed();
        const QString payload = Separation::coverPayload(spec.dossierCode, component);
        auto matrix = encodeQr(payload, spec.level);
        if (!matrix)
            return matrix.error();
        painter.setRenderHint(QPainter::Antialiasing, false);
        drawQr(painter, matrix.value(),
               QRectF(mm((210 - spec.qrSizeMm) / 2), mm(qrTopMm), mm(spec.qrSizeMm), mm(spec.qrSizeMm)));
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(Qt::black);
        const double below = qrTopMm + spec.qrSizeMm;
        struct Line
        {
            double pointSize;
            double baselineMm;
            QString text;
        };
        const Line content[] = {
            {20, 25, QStringLiteral("TỜ BÌA HỒ SƠ / DOSSIER COVER SHEET")},
            {32, below + 22, spec.dossierCode},
            {20, below + 37,
             component.isEmpty() ? QStringLiteral("Toàn bộ hồ sơ / Whole dossier")
                                 : QStringLiteral("Thành phần / Component: ") + component},
            {12, below + 55,
             QStringLiteral("Đặt tờ này lên trước hồ sơ khi quét; tờ bìa không được lưu thành trang của hồ sơ.")},
            {12, below + 62,
             QStringLiteral("Place this sheet in front of the dossier when scanning; the sheet itself is not saved.")},
            {9, 285,
             QStringLiteral("SoHoa · %1 · %2/%3")
                 .arg(payload, QString::number(i + 1), QString::number(components.size()))},
        };
        for (const Line &line : content) {
            if (auto r = drawCentred(painter, family.value(), line.pointSize, line.baselineMm, line.text); !r)
                return r.error();
        }
    }
    if (!painter.end())
        return Error(ErrorCode::CoverSheetFailed, QStringLiteral("cannot finish the cover sheet PDF"));
    buffer.close();
    if (pdf.isEmpty())
        return Error(ErrorCode::CoverSheetFailed, QStringLiteral("the cover sheet PDF is empty"));
    return pdf::tagSubsetFonts(pdf);
}

Result<CoverSheetOutput> CoverSheet::write(const QString &path, const CoverSheetSpec &spec, bool overwrite)
{
    if (!overwrite && QFileInfo::exists(path))
        return Error(ErrorCode::OutputExists, path);
    auto pdf = render(spec);
    if (!pdf)
        return pdf.error();
    if (auto r = writeFileDurably(path, pdf.value(), overwrite); !r)
        return r.error();
    CoverSheetOutput out;
    out.path = path;
    out.pages = spec.components.isEmpty() ? 1 : int(spec.components.size());
    out.size = pdf->size();
    if (spec.components.isEmpty())
        out.payloads.append(Separation::coverPayload(spec.dossierCode, QString()));
    for (const QString &c : spec.components)
        out.payloads.append(Separation::coverPayload(spec.dossierCode, c.trimmed()));
    return out;
}

} // namespace sohoa
