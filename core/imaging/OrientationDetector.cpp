// Page orientation from the letters themselves: in Latin text, Vietnamese included, strokes rising above
// the x-height (ascenders, capitals, and for us the diacritics) far outnumber those falling below it
// (descenders). Leptonica's pixOrientDetect counts both with hit-miss patterns, upright and sideways.
//
// Measured on the corpus before choosing it over Tesseract's OSD (osd.traineddata, PSM_OSD_ONLY): OSD
// took 200–290 ms a page at 150 dpi (plus 340 ms to load), its confidence fell to 9 on an upside-down
// page and it turned pages the wrong way at 100 dpi; the counts here take a few tens of ms and found
// every corpus page in all four orientations.

#include "core/imaging/CleanupImage_p.h"
#include "core/imaging/PageCleanup.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace sohoa {

namespace {

struct PixDeleter
{
    void operator()(PIX *pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Below this the counts do not tell up from down: Leptonica's own default asks for 8 on clean,
// deskewed print; straightened scans of our forms give 7 to 14 the right way and under 3.5 the other.
constexpr double minConfidence = 5.0;
// And the winning direction must stand out from the other axis by this much.
constexpr double minRatio = 2.0;

} // namespace

namespace {

// Above this share of ink a page is not text (a test pattern, a photo, a full-page table's shading):
// ascender and descender counts mean nothing there, and on SANE's test pattern of coloured lines they
// read "upside down" with confidence 30. Printed and handwritten pages measure 2-12 %.
constexpr double maxTextInk = 0.25;

// The page's ink at about 200 dpi as Leptonica's 1-bit image: small print's ascenders are then a few
// pixels tall. At 150 dpi a 9 pt page's counts fell by half and its sideways reading came close to the
// upright one; at 100 dpi they were unreliable. Null when the page is not text.
PixPtr inkPix(const QImage &image, int dpi)
{
    const cleanup::Analysis a = cleanup::analysisImageReduced(image, dpi, std::max(1, dpi / 200));
    QImage gray = a.gray;
    double grayDpi = a.dpi;
    if (grayDpi > 240) {
        gray = cleanup::scaledGray(gray, int(gray.width() * 200 / grayDpi), int(gray.height() * 200 / grayDpi));
        grayDpi = 200;
    }
    const cleanup::Mask ink = cleanup::inkMask(gray, grayDpi, 48);
    const auto inked = std::count(ink.bits.cbegin(), ink.bits.cend(), uint8_t(1));
    if (ink.bits.empty() || double(inked) > maxTextInk * double(ink.bits.size()))
        return PixPtr();
    PixPtr pix(pixCreate(ink.width, ink.height, 1));
    if (!pix)
        return pix;
    l_uint32 *data = pixGetData(pix.get());
    const int wpl = pixGetWpl(pix.get());
    for (int y = 0; y < ink.height; ++y) {
        l_uint32 *line = data + size_t(y) * size_t(wpl);
        const uint8_t *row = ink.bits.data() + size_t(y) * size_t(ink.width);
        for (int x = 0; x < ink.width; ++x) {
            if (row[x])
                SET_DATA_BIT(line, x);
        }
    }
    pixSetResolution(pix.get(), int(grayDpi), int(grayDpi));
    return pix;
}

} // namespace

int PageCleanup::detectOrientation(const QImage &image, int dpi, double *confidence)
{
    if (confidence)
        *confidence = 0;
    if (image.isNull())
        return 0;
    const PixPtr pix = inkPix(image, dpi);
    l_float32 up = 0, left = 0;
    if (!pix || pixOrientDetect(pix.get(), &up, &left, 0, 0) != 0)
        return 0;
    const double upright = std::abs(up), sideways = std::abs(left);
    const double best = std::max(upright, sideways), other = std::min(upright, sideways);
    if (confidence)
        *confidence = best;
    if (best < minConfidence || best < minRatio * other)
        return 0;
    if (upright >= sideways)
        return up > 0 ? 0 : 180;
    // Text turned a quarter counter-clockwise ("left") needs a quarter clockwise.
    return left > 0 ? 90 : 270;
}

int cleanup::detectUpsideDown(const QImage &image, int dpi, double *confidence)
{
    if (confidence)
        *confidence = 0;
    if (image.isNull())
        return 0;
    const PixPtr pix = inkPix(image, dpi);
    l_float32 up = 0;
    // The arguments pixOrientDetect passes for its own upright reading (mincount 0: its default; npixels 0).
    if (!pix || pixUpDownDetect(pix.get(), &up, 0, 0, 0) != 0)
        return 0;
    if (confidence)
        *confidence = std::abs(up);
    if (std::abs(up) < minConfidence)
        return 0;
    return up > 0 ? 0 : 180;
}

} // namespace sohoa
