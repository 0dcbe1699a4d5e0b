#pragma once

// Pages for separation tests: cover sheets printed by `sohoa-cli coversheet` and rendered by
// pdftoppm (a renderer we did not write), patch-T sheets drawn from ZXing's Code 39 writer, and the
// corpus scans. Skew and lineart are applied with Qt.

#include "ToolRunner.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QTransform>

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

namespace sohoa::test {

// Rotated about the centre by `degrees` (counter-clockwise positive, like truth.json), same size,
// white where the rotation uncovers the background (as paper on a scanner's white lid).
inline QImage skewed(const QImage &page, double degrees)
{
    if (degrees == 0)
        return page;
    const QImage src = page.convertToFormat(QImage::Format_RGB888);
    QImage out(src.size(), QImage::Format_RGB888);
    out.fill(Qt::white);
    QPainter p(&out);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.translate(src.width() / 2.0, src.height() / 2.0);
    p.rotate(-degrees);
    p.translate(-src.width() / 2.0, -src.height() / 2.0);
    p.drawImage(0, 0, src);
    p.end();
    return out;
}

// 1-bit lineart as our scanner code delivers it: Format_Mono, colour table {white, black}.
inline QImage lineart(const QImage &page)
{
    const QImage gray = page.convertToFormat(QImage::Format_Grayscale8);
    QImage mono(gray.size(), QImage::Format_Mono);
    mono.setColorTable({qRgb(255, 255, 255), qRgb(0, 0, 0)});
    mono.fill(0);
    for (int y = 0; y < gray.height(); ++y) {
        const uchar *in = gray.constScanLine(y);
        uchar *out = mono.scanLine(y);
        for (int x = 0; x < gray.width(); ++x)
            if (in[x] < 128)
                out[x >> 3] |= uchar(0x80 >> (x & 7));
    }
    return mono;
}

// Renders every page of a PDF with pdftoppm (colour PPM) at `dpi`.
inline QList<QImage> renderPdf(const QString &pdf, int dpi, const QString &workDir)
{
    const QString prefix = QDir(workDir).filePath(QStringLiteral("render-%1").arg(dpi));
    const ToolResult r =
        runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QString::number(dpi), pdf, prefix}, 300000);
    QList<QImage> pages;
    if (r.exitCode != 0)
        return pages;
    const QDir dir(workDir);
    const QStringList files = dir.entryList({QStringLiteral("render-%1-*.ppm").arg(dpi)}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        pages.append(QImage(dir.filePath(f)).convertToFormat(QImage::Format_RGB888));
    return pages;
}

// An A4 patch-T sheet at `dpi`: Code 39 "PATCHT" from ZXing's writer, bars 0.5 mm a module, 25 mm
// high, in the middle of the page, with a caption-free white page around it.
inline QImage patchTSheet(int dpi)
{
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::Code39);
    writer.setMargin(0);
    const ZXing::BitMatrix bits = writer.encode(L"PATCHT", 0, 1);
    const double moduleMm = 0.5;
    const double px = dpi / 25.4;
    QImage page(int(210 * px), int(297 * px), QImage::Format_RGB888);
    page.fill(Qt::white);
    QPainter p(&page);
    const double width = bits.width() * moduleMm * px;
    const double left = (page.width() - width) / 2;
    const double top = 120 * px;
    for (int x = 0; x < bits.width(); ++x)
        if (bits.get(x, 0))
            p.fillRect(QRectF(left + x * moduleMm * px, top, moduleMm * px, 25 * px), Qt::black);
    p.end();
    return page;
}

} // namespace sohoa::test
