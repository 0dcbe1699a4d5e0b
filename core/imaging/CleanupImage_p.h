#pragma once

// The pieces the cleanup steps share (core/imaging/PageCleanup.h): a small grey copy to analyse, the colour
// around the page's edge, an ink mask relative to the local paper, connected components and the rotation.
// Private to sohoa_core.

#include <QImage>
#include <QRect>

#include <cstdint>
#include <vector>

namespace sohoa::cleanup {

// The formats the steps work on: Grayscale8 or RGB888 (Mono, 16-bit and others converted).
QImage toWorkingFormat(const QImage &image);
bool isColour(const QImage &working);

// A grey copy of the page at about targetDpi, reduced by an integer factor with box averaging (it keeps
// thin strokes grey rather than dropping them, as nearest sampling would). factor: source pixels per
// analysis pixel.
struct Analysis
{
    QImage gray; // Grayscale8
    int factor = 1;
    double dpi = 0;
};
Analysis analysisImage(const QImage &image, int dpi, double targetDpi = 150.0);
Analysis analysisImageReduced(const QImage &image, int dpi, int factor);
// A Grayscale8 image resampled (bilinear) to width × height.
QImage scaledGray(const QImage &gray, int width, int height);

// The per-channel median of the page's outer band: what a rotation's uncovered corners are filled with.
QRgb edgeColour(const QImage &working);

// A byte per pixel, 1 where the pixel is darker than its local paper by `contrast` grey levels. The
// local paper is the bright percentile of blocks of about 4 mm, widened to the neighbouring blocks, so a
// tint, a shadow or uneven lighting is paper, while a bold title or a filled seal is still ink.
struct Mask
{
    int width = 0, height = 0;
    std::vector<uint8_t> bits;
    uint8_t at(int x, int y) const { return bits[size_t(y) * size_t(width) + size_t(x)]; }
};
Mask inkMask(const QImage &gray, double dpi, int contrast);

// Connected components (8-neighbourhood) of a mask: bounding box and pixel count.
struct Component
{
    QRect box;
    int pixels = 0;
};
std::vector<Component> components(const Mask &mask, const QRect &area);

// Bilinear rotation, counter-clockwise by `degrees`, about the centre, same size; uncovered pixels `fill`.
QImage rotateBilinear(const QImage &working, double degrees, QRgb fill);

// Which way the lines of a page run as it lies, when there are lines to go by.
enum class LineAxis
{
    None,   // no lines (blank, a photo): nothing known
    Across, // the page is upright or upside down
    Down    // the page lies on its side
};

// PageCleanup::detectSkew, also saying which way the lines it went by run.
double detectSkew(const QImage &image, int dpi, double maxDeg, double *confidence, LineAxis *axis);
// PageCleanup::detectOrientation for a page whose lines are known to run across it: 0 or 180 (half the
// work: the sideways reading is not needed).
int detectUpsideDown(const QImage &image, int dpi, double *confidence);

} // namespace sohoa::cleanup
