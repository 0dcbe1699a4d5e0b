// The paper's edge on a flatbed scan: a bright sheet on the darker lid or background. Rows and columns
// that cross the sheet are mostly bright, those beyond it mostly dark; the crop is kept only when that
// contrast is clear, so a page with no visible edge is never cut.

#include "core/imaging/CleanupImage_p.h"
#include "core/imaging/PageCleanup.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace sohoa {

namespace {

int percentile(const std::array<int, 256> &hist, double p)
{
    int total = 0;
    for (const int n : hist)
        total += n;
    const auto want = int(total * p);
    int seen = 0;
    for (int v = 0; v < 256; ++v) {
        seen += hist[size_t(v)];
        if (seen > want)
            return v;
    }
    return 255;
}

} // namespace

QRect PageCleanup::detectPaper(const QImage &image, int dpi)
{
    if (image.isNull())
        return {};
    const cleanup::Analysis a = cleanup::analysisImage(image, dpi, 100.0);
    const QImage &g = a.gray;
    const int w = g.width(), h = g.height();
    if (w < 20 || h < 20)
        return {};
    std::array<int, 256> all{};
    for (int y = 0; y < h; ++y) {
        const uchar *line = g.constScanLine(y);
        for (int x = 0; x < w; ++x)
            ++all[line[x]];
    }
    const int paper = percentile(all, 0.9);
    // Each side's outer band (1.5 % of the page): background where it is well darker than the paper.
    const int band = std::max(2, std::min(w, h) * 15 / 1000);
    const std::array<QRect, 4> sides{QRect(0, 0, w, band), QRect(0, h - band, w, band), QRect(0, 0, band, h),
                                     QRect(w - band, 0, band, h)};
    int darkest = 255;
    for (const QRect &s : sides) {
        std::array<int, 256> hist{};
        for (int y = s.top(); y <= s.bottom(); ++y) {
            const uchar *line = g.constScanLine(y);
            for (int x = s.left(); x <= s.right(); ++x)
                ++hist[line[x]];
        }
        darkest = std::min(darkest, percentile(hist, 0.5));
    }
    if (paper - darkest < 60)
        return {};
    const int threshold = (paper + darkest) / 2;
    std::vector<int> rows(size_t(h), 0), cols(size_t(w), 0);
    for (int y = 0; y < h; ++y) {
        const uchar *line = g.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            if (line[x] > threshold) {
                ++rows[size_t(y)];
                ++cols[size_t(x)];
            }
        }
    }
    // A line of the sheet is bright over at least half of the sheet's width, text and all.
    const auto span = [](const std::vector<int> &counts, int &first, int &last) {
        const int most = *std::max_element(counts.begin(), counts.end());
        first = -1;
        last = -1;
        for (int i = 0; i < int(counts.size()); ++i) {
            if (counts[size_t(i)] * 2 >= most) {
                if (first < 0)
                    first = i;
                last = i;
            }
        }
        return most > 0;
    };
    int top = 0, bottom = 0, left = 0, right = 0;
    if (!span(rows, top, bottom) || !span(cols, left, right))
        return {};
    const QRect sheet(QPoint(left, top), QPoint(right, bottom));
    if (double(sheet.width()) * sheet.height() < 0.25 * double(w) * h)
        return {};
    // The edge must be real: bright inside; outside, the scanner's background, dark and even (0.5 % light
    // pixels allowed for lint and dust). A dark picture or a black header bar printed to the page's edge
    // has texture or light text in it (a bar with one line of white letters: 2 %).
    qint64 brightIn = 0, brightOut = 0;
    std::array<int, 256> outside{};
    for (int y = 0; y < h; ++y) {
        const uchar *line = g.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            if (sheet.contains(x, y)) {
                brightIn += line[x] > threshold;
            } else {
                brightOut += line[x] > threshold;
                ++outside[line[x]];
            }
        }
    }
    const double inside = double(sheet.width()) * sheet.height();
    const double outsideArea = double(w) * h - inside;
    if (outsideArea < 1 || brightIn < 0.6 * inside || brightOut > 0.005 * outsideArea)
        return {};
    const int middle = percentile(outside, 0.5);
    double deviation = 0;
    for (int v = 0; v < 256; ++v)
        deviation += double(outside[size_t(v)]) * std::abs(v - middle);
    if (deviation / outsideArea > 20)
        return {};
    // Back to the page's pixels; a line less on each cut side keeps the crop off the background's fringe.
    const int f = a.factor;
    const int x0 = left > 0 ? (left + 1) * f : 0, y0 = top > 0 ? (top + 1) * f : 0;
    const int x1 = right < w - 1 ? right * f - 1 : image.width() - 1;
    const int y1 = bottom < h - 1 ? bottom * f - 1 : image.height() - 1;
    const QRect rect(QPoint(x0, y0), QPoint(x1, y1));
    // Less than half a millimetre around: nothing worth cutting.
    const int minCut = std::max(1, int(dpi * 0.5 / 25.4));
    if (x0 < minCut && y0 < minCut && image.width() - 1 - x1 < minCut && image.height() - 1 - y1 < minCut)
        return {};
    return rect;
}

} // namespace sohoa
