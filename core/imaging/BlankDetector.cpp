// Blank pages and coloured marks: both count marks of a meaningful size, after the paper itself (its
// tint, its shadows, JPEG noise and dust) has been set aside.

#include "core/imaging/CleanupImage_p.h"
#include "core/imaging/PageCleanup.h"

#include <algorithm>
#include <cmath>

namespace sohoa {

bool PageCleanup::isBlank(const QImage &image, int dpi, const CleanupOptions &options, double *inkPercent)
{
    if (inkPercent)
        *inkPercent = 0;
    if (image.isNull())
        return true;
    // 150 dpi: a 0.5 mm speck is still three pixels, so the speck limit below can tell it from a dot.
    const cleanup::Analysis a = cleanup::analysisImage(image, dpi, 150.0);
    const double pxPerMm = a.dpi / 25.4;
    // On a flatbed the scanner's lid or background lies beyond the paper: only the paper is looked at.
    QRect paper = detectPaper(image, dpi);
    paper = paper.isNull() ? a.gray.rect()
                           : QRect(paper.x() / a.factor, paper.y() / a.factor, paper.width() / a.factor,
                                   paper.height() / a.factor);
    const int margin = int(std::lround(options.blankMarginMm * pxPerMm));
    const QRect area = paper.adjusted(margin, margin, -margin, -margin);
    if (area.width() < 4 || area.height() < 4)
        return true;
    const cleanup::Mask ink = cleanup::inkMask(a.gray, a.dpi, options.blankInkContrast);
    const double minSpeck = options.blankMinSpeckMm * pxPerMm;
    qint64 inked = 0;
    for (const cleanup::Component &c : cleanup::components(ink, area)) {
        if (std::max(c.box.width(), c.box.height()) > minSpeck)
            inked += c.pixels;
    }
    const double percent = 100.0 * double(inked) / (double(area.width()) * double(area.height()));
    if (inkPercent)
        *inkPercent = percent;
    return percent < options.blankMaxInkPercent;
}

bool PageCleanup::hasColourMarks(const QImage &image, int dpi)
{
    const QImage rgb = image.format() == QImage::Format_RGB888 ? image : cleanup::toWorkingFormat(image);
    if (rgb.format() != QImage::Format_RGB888)
        return false; // grey or bilevel: no colour to lose
    // 100 dpi averages JPEG's chroma noise away while a pen stroke (0.3 mm and more) keeps its hue.
    const int f = std::max(1, int(std::lround(std::max(dpi, 1) / 100.0)));
    const double adpi = double(std::max(dpi, 1)) / f;
    cleanup::Mask mask;
    mask.width = rgb.width() / f;
    mask.height = rgb.height() / f;
    mask.bits.assign(size_t(mask.width) * size_t(mask.height), 0);
    std::vector<int> acc(size_t(mask.width) * 3);
    for (int y = 0; y < mask.height; ++y) {
        std::fill(acc.begin(), acc.end(), 0);
        for (int dy = 0; dy < f; ++dy) {
            const uchar *line = rgb.constScanLine(y * f + dy);
            for (int x = 0; x < mask.width * f; ++x) {
                for (int c = 0; c < 3; ++c)
                    acc[size_t(x / f) * 3 + size_t(c)] += line[3 * x + c];
            }
        }
        uint8_t *out = mask.bits.data() + size_t(y) * size_t(mask.width);
        for (int x = 0; x < mask.width; ++x) {
            const int r = acc[size_t(x) * 3] / (f * f), g = acc[size_t(x) * 3 + 1] / (f * f),
                      b = acc[size_t(x) * 3 + 2] / (f * f);
            const int hi = std::max({r, g, b}), lo = std::min({r, g, b});
            // Saturated and dominated by red or blue (seals, pen): tinted paper is far less saturated,
            // and a yellowed or green tint is not what a seal or a signature is made of.
            const bool reddish = r == hi && r - std::max(g, b) >= 50;
            const bool bluish = b == hi && b - std::max(r, g) >= 40;
            out[x] = (hi - lo >= 60 && (reddish || bluish)) ? 1 : 0;
        }
    }
    // Meaningful: marks of at least 1 mm adding up to 10 mm² (a short signature stroke is about that).
    const double pxPerMm = adpi / 25.4;
    double area = 0;
    for (const cleanup::Component &c : cleanup::components(mask, QRect(0, 0, mask.width, mask.height))) {
        if (std::max(c.box.width(), c.box.height()) >= pxPerMm)
            area += c.pixels;
    }
    return area / (pxPerMm * pxPerMm) >= 10.0;
}

} // namespace sohoa
