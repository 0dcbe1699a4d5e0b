// Blank pages: marks of a meaningful size are counted, after the paper itself (its tint, its shadows,
// JPEG noise and dust) has been set aside.

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

} // namespace sohoa
