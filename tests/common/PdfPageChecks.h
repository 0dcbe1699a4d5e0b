#pragma once

// What independent tools (Poppler's pdfinfo, pdftoppm, pdfimages) see of a PDF's pages.

#include "ToolRunner.h"

#include <QDir>
#include <QImage>
#include <QRegularExpression>
#include <QSizeF>
#include <QStringList>
#include <QTemporaryDir>

namespace sohoa::test {

struct PdfPageInfo
{
    QSizeF size; // points, as stored (before /Rotate)
    int rotation = -1;
};

// `pdfinfo -f 1 -l N`: the size and /Rotate of every page.
inline QList<PdfPageInfo> pdfPageInfo(const QString &pdf)
{
    const ToolResult count = runTool(QStringLiteral("pdfinfo"), {pdf});
    const int pages = QRegularExpression(QStringLiteral("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption)
                          .match(count.out)
                          .captured(1)
                          .toInt();
    QList<PdfPageInfo> out(pages);
    if (pages == 0)
        return out;
    const ToolResult r = runTool(QStringLiteral("pdfinfo"), {QStringLiteral("-f"), QStringLiteral("1"),
                                                             QStringLiteral("-l"), QString::number(pages), pdf});
    static const QRegularExpression size(QStringLiteral("^Page\\s+(\\d+) size:\\s+([\\d.]+) x ([\\d.]+) pts"),
                                         QRegularExpression::MultilineOption);
    static const QRegularExpression rot(QStringLiteral("^Page\\s+(\\d+) rot:\\s+(\\d+)"),
                                        QRegularExpression::MultilineOption);
    for (auto it = size.globalMatch(r.out); it.hasNext();) {
        const auto m = it.next();
        out[m.captured(1).toInt() - 1].size = QSizeF(m.captured(2).toDouble(), m.captured(3).toDouble());
    }
    for (auto it = rot.globalMatch(r.out); it.hasNext();) {
        const auto m = it.next();
        out[m.captured(1).toInt() - 1].rotation = m.captured(2).toInt();
    }
    return out;
}

// One page rendered by pdftoppm (1-based), as it is shown: /Rotate applied.
inline QImage renderPage(const QString &pdf, int page, int dpi = 36)
{
    QTemporaryDir dir;
    const QString prefix = dir.filePath(QStringLiteral("page"));
    const ToolResult r =
        runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
                                             QString::number(page), QStringLiteral("-r"), QString::number(dpi),
                                             QStringLiteral("-singlefile"), QStringLiteral("-png"), pdf, prefix});
    if (r.exitCode != 0)
        return {};
    return QImage(prefix + QStringLiteral(".png"));
}

// The corner holding the darkest eighth-of-a-side square: "top-left", "top-right",
// "bottom-right" or "bottom-left". Pages made with a black mark at the top left of the scan tell
// their rotation this way.
inline QString darkestCorner(const QImage &image)
{
    const QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    const int w = gray.width() / 8, h = gray.height() / 8;
    const auto mean = [&](int x0, int y0) {
        qint64 sum = 0;
        for (int y = y0; y < y0 + h; ++y)
            for (int x = x0; x < x0 + w; ++x)
                sum += gray.constScanLine(y)[x];
        return sum / qMax(1, w * h);
    };
    const QList<QPair<qint64, QString>> corners{
        {mean(0, 0), QStringLiteral("top-left")},
        {mean(gray.width() - w, 0), QStringLiteral("top-right")},
        {mean(gray.width() - w, gray.height() - h), QStringLiteral("bottom-right")},
        {mean(0, gray.height() - h), QStringLiteral("bottom-left")}};
    return std::min_element(corners.begin(), corners.end())->second;
}

// `pdfimages -all`: the images of the PDF in page order, as files in `dir` (JPEGs byte for byte).
inline QStringList extractImages(const QString &pdf, const QString &dir)
{
    const ToolResult r =
        runTool(QStringLiteral("pdfimages"), {QStringLiteral("-all"), pdf, dir + QStringLiteral("/img")});
    if (r.exitCode != 0)
        return {};
    QStringList files = QDir(dir).entryList({QStringLiteral("img-*")}, QDir::Files, QDir::Name);
    for (QString &f : files)
        f = dir + u'/' + f;
    return files;
}

} // namespace sohoa::test
