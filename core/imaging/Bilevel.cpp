// Adaptive bilevel (Sauvola): each pixel against the mean and the spread of its neighbourhood, so faint
// pencil on white and dark print on grey paper both come out black on white. Box sums slide over the
// page (column sums per row, then a running sum along the row): linear time, a row of memory.
// Refused where colour carries meaning: a red seal or a blue signature would turn into black ink.

#include "core/imaging/CleanupImage_p.h"
#include "core/imaging/PageCleanup.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace sohoa {

QImage PageCleanup::toBilevel(const QImage &image, int dpi)
{
    if (image.isNull())
        return {};
    QImage gray = cleanup::toWorkingFormat(image);
    if (gray.format() != QImage::Format_Grayscale8)
        gray = gray.convertToFormat(QImage::Format_Grayscale8);
    const int w = gray.width(), h = gray.height();
    // A window of about 5 mm: a few text lines high, so a letter's inside sees the paper around it.
    const int r = std::max(3, int(std::lround(std::max(dpi, 1) * 2.5 / 25.4)));
    constexpr double k = 0.3, range = 128.0;

    QImage out(w, h, QImage::Format_Mono);
    // As the scanner delivers lineart (FrameAssembler): bit 1 is black.
    out.setColorTable({0xffffffffu, 0xff000000u});
    out.setDotsPerMeterX(image.dotsPerMeterX());
    out.setDotsPerMeterY(image.dotsPerMeterY());
    std::vector<qint64> colSum(size_t(w), 0), colSq(size_t(w), 0);
    const auto addRow = [&](int y, int sign) {
        const uchar *line = gray.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            colSum[size_t(x)] += sign * line[x];
            colSq[size_t(x)] += sign * line[x] * line[x];
        }
    };
    for (int y = 0; y <= std::min(r, h - 1); ++y)
        addRow(y, 1);
    for (int y = 0; y < h; ++y) {
        if (y > 0) {
            if (y + r < h)
                addRow(y + r, 1);
            if (y - r - 1 >= 0)
                addRow(y - r - 1, -1);
        }
        const int rows = std::min(h - 1, y + r) - std::max(0, y - r) + 1;
        const uchar *line = gray.constScanLine(y);
        uchar *o = out.scanLine(y);
        std::fill(o, o + out.bytesPerLine(), 0);
        qint64 sum = 0, sq = 0;
        for (int x = 0; x <= std::min(r, w - 1); ++x) {
            sum += colSum[size_t(x)];
            sq += colSq[size_t(x)];
        }
        for (int x = 0; x < w; ++x) {
            if (x > 0) {
                if (x + r < w) {
                    sum += colSum[size_t(x) + size_t(r)];
                    sq += colSq[size_t(x) + size_t(r)];
                }
                if (x - r - 1 >= 0) {
                    sum -= colSum[size_t(x - r - 1)];
                    sq -= colSq[size_t(x - r - 1)];
                }
            }
            const double n = double(rows) * (std::min(w - 1, x + r) - std::max(0, x - r) + 1);
            const double mean = double(sum) / n;
            const double sd = std::sqrt(std::max(0.0, double(sq) / n - mean * mean));
            const double threshold = mean * (1.0 + k * (sd / range - 1.0));
            if (line[x] < threshold)
                o[x >> 3] |= uchar(0x80 >> (x & 7));
        }
    }
    return out;
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
