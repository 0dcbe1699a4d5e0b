#include "core/imaging/CleanupImage_p.h"

#include <QtMath>

#include <algorithm>
#include <array>
#include <cmath>

namespace sohoa::cleanup {

QImage toWorkingFormat(const QImage &image)
{
    switch (image.format()) {
    case QImage::Format_Grayscale8:
    case QImage::Format_RGB888:
        return image;
    case QImage::Format_Mono:
    case QImage::Format_MonoLSB:
    case QImage::Format_Grayscale16:
    case QImage::Format_Alpha8:
        return image.convertToFormat(QImage::Format_Grayscale8);
    case QImage::Format_Indexed8:
        return image.isGrayscale() ? image.convertToFormat(QImage::Format_Grayscale8)
                                   : image.convertToFormat(QImage::Format_RGB888);
    default:
        return image.convertToFormat(QImage::Format_RGB888);
    }
}

bool isColour(const QImage &working)
{
    return working.format() == QImage::Format_RGB888;
}

Analysis analysisImage(const QImage &image, int dpi, double targetDpi)
{
    return analysisImageReduced(image, dpi, std::max(1, int(std::lround(double(std::max(dpi, 1)) / targetDpi))));
}

namespace {

// Rec. 601 luma of an RGB888 image, a byte a pixel.
QImage lumaOf(const QImage &rgb)
{
    QImage out(rgb.width(), rgb.height(), QImage::Format_Grayscale8);
    if (out.isNull())
        return out;
    const int w = rgb.width(), h = rgb.height();
    for (int y = 0; y < h; ++y) {
        const uchar *s = rgb.constScanLine(y);
        uchar *o = out.scanLine(y);
        for (int x = 0; x < w; ++x, s += 3)
            o[x] = uchar((77u * s[0] + 150u * s[1] + 29u * s[2] + 128u) >> 8);
    }
    return out;
}

// The rows y·f … y·f+f−1 of `gray` summed over blocks of F columns (F known at compile time for the
// common factors, so that the loop unrolls).
template <int F> void addBlockRows(const QImage &gray, int y, int f, int w, std::vector<uint32_t> &acc)
{
    const int n = F > 0 ? F : f;
    for (int dy = 0; dy < n; ++dy) {
        const uchar *line = gray.constScanLine(y * n + dy);
        for (int x = 0; x < w; ++x) {
            uint32_t sum = 0;
            for (int dx = 0; dx < n; ++dx)
                sum += line[x * n + dx];
            acc[size_t(x)] += sum;
        }
    }
}

// The mean of each f × f block of a Grayscale8 image (box averaging keeps thin strokes grey rather
// than dropping them, as nearest sampling would).
QImage boxReduced(const QImage &gray, int f)
{
    if (f <= 1)
        return gray;
    const int w = gray.width() / f, h = gray.height() / f;
    QImage out(std::max(w, 1), std::max(h, 1), QImage::Format_Grayscale8);
    if (w < 1 || h < 1) {
        out.fill(255);
        return out;
    }
    std::vector<uint32_t> acc(static_cast<size_t>(w));
    const auto div = uint32_t(f * f);
    for (int y = 0; y < h; ++y) {
        std::fill(acc.begin(), acc.end(), 0u);
        if (f == 2)
            addBlockRows<2>(gray, y, f, w, acc);
        else if (f == 3)
            addBlockRows<3>(gray, y, f, w, acc);
        else
            addBlockRows<0>(gray, y, f, w, acc);
        uchar *o = out.scanLine(y);
        for (int x = 0; x < w; ++x)
            o[x] = uchar((acc[size_t(x)] + div / 2) / div);
    }
    return out;
}

// The last few reductions this thread made: the steps of one run() look at the same page at several
// factors (skew and paper at 100 dpi, blank at 150, orientation at 200), all made from one grey copy at
// full resolution, so that a 300 dpi colour page's 26 MB are read once. An image's cacheKey changes
// whenever its pixels do, and is never reused.
class ReductionCache
{
public:
    Analysis get(const QImage &image, int dpi, int factor)
    {
        for (const Entry &e : m_entries) {
            if (e.key == image.cacheKey() && e.dpi == dpi && e.factor == factor && !e.analysis.gray.isNull())
                return e.analysis;
        }
        Analysis a;
        a.factor = factor;
        a.dpi = double(std::max(dpi, 1)) / factor;
        if (image.format() == QImage::Format_RGB888) {
            a.gray = factor == 1 ? lumaOf(image) : boxReduced(get(image, dpi, 1).gray, factor);
        } else if (image.format() == QImage::Format_Grayscale8) {
            a.gray = boxReduced(image, factor);
        } else { // Mono, 16-bit, indexed: converted here, not cached under a temporary's key
            const QImage working = toWorkingFormat(image);
            a.gray = boxReduced(working.format() == QImage::Format_RGB888 ? lumaOf(working) : working, factor);
        }
        m_entries[m_next] = {image.cacheKey(), dpi, factor, a};
        m_next = (m_next + 1) % m_entries.size();
        return a;
    }

private:
    struct Entry
    {
        qint64 key = 0;
        int dpi = 0, factor = 0;
        Analysis analysis;
    };
    std::array<Entry, 4> m_entries;
    size_t m_next = 0;
};

} // namespace

Analysis analysisImageReduced(const QImage &image, int dpi, int factor)
{
    thread_local ReductionCache cache;
    return cache.get(image, dpi, std::max(1, factor));
}

QImage scaledGray(const QImage &gray, int width, int height)
{
    QImage out(width, height, QImage::Format_Grayscale8);
    if (out.isNull() || gray.isNull())
        return out;
    // Bilinear, 16.16 fixed point: for reductions under 2× (300 → 200 dpi) each source pixel still
    // counts, and it takes a tenth of QImage::scaled's smooth path, which goes through 32-bit pixels.
    const int gw = gray.width(), gh = gray.height();
    const qint64 stepX = (qint64(gw - 1) << 16) / std::max(1, width - 1);
    const qint64 stepY = (qint64(gh - 1) << 16) / std::max(1, height - 1);
    const int lastX = std::max(0, gw - 2), lastY = std::max(0, gh - 2);
    for (int y = 0; y < height; ++y) {
        const qint64 sy = y * stepY;
        const int iy = std::min(int(sy >> 16), lastY);
        const auto fy = uint32_t((sy >> 8) & 255);
        const uchar *r0 = gray.constScanLine(iy);
        const uchar *r1 = gh > 1 ? gray.constScanLine(iy + 1) : r0;
        uchar *o = out.scanLine(y);
        qint64 sx = 0;
        for (int x = 0; x < width; ++x, sx += stepX) {
            const int ix = std::min(int(sx >> 16), lastX);
            const int ix1 = std::min(ix + 1, gw - 1);
            const auto fx = uint32_t((sx >> 8) & 255);
            const uint32_t top = r0[ix] * (256 - fx) + r0[ix1] * fx;
            const uint32_t bottom = r1[ix] * (256 - fx) + r1[ix1] * fx;
            o[x] = uchar((top * (256 - fy) + bottom * fy + 32768) >> 16);
        }
    }
    return out;
}

QRgb edgeColour(const QImage &working)
{
    std::array<std::array<int, 256>, 3> hist{};
    const bool rgb = working.format() == QImage::Format_RGB888;
    const int w = working.width(), h = working.height();
    // The outer band, 2 % of the shorter side: a plain scan's paper margin, or the scanner's background
    // around a smaller sheet. A rotation's uncovered corners then continue what surrounds them.
    const int band = std::max(1, std::min(w, h) / 50);
    const int step = std::max(1, band / 8);
    int n = 0;
    for (const QRect &side : {QRect(0, 0, w, band), QRect(0, h - band, w, band), QRect(0, band, band, h - 2 * band),
                              QRect(w - band, band, band, h - 2 * band)}) {
        for (int y = side.top(); y <= side.bottom(); y += step) {
            const uchar *line = working.constScanLine(y);
            for (int x = side.left(); x <= side.right(); x += step, ++n) {
                if (rgb) {
                    for (int c = 0; c < 3; ++c)
                        ++hist[size_t(c)][line[3 * x + c]];
                } else {
                    ++hist[0][line[x]];
                }
            }
        }
    }
    const auto median = [n](const std::array<int, 256> &hh) {
        int seen = 0;
        for (int v = 0; v < 256; ++v) {
            seen += hh[size_t(v)];
            if (2 * seen >= n)
                return v;
        }
        return 255;
    };
    if (!rgb) {
        const int g = median(hist[0]);
        return qRgb(g, g, g);
    }
    return qRgb(median(hist[0]), median(hist[1]), median(hist[2]));
}

Mask inkMask(const QImage &gray, double dpi, int contrast)
{
    Mask m;
    m.width = gray.width();
    m.height = gray.height();
    m.bits.assign(size_t(m.width) * size_t(m.height), 0);
    const int block = std::max(8, int(std::lround(dpi * 4.0 / 25.4)));
    const int bw = (m.width + block - 1) / block, bh = (m.height + block - 1) / block;
    std::vector<int> level(size_t(bw) * size_t(bh), 255);
    std::array<int, 256> hist{};
    for (int by = 0; by < bh; ++by) {
        for (int bx = 0; bx < bw; ++bx) {
            hist.fill(0);
            const int x0 = bx * block, y0 = by * block;
            const int x1 = std::min(m.width, x0 + block), y1 = std::min(m.height, y0 + block);
            for (int y = y0; y < y1; ++y) {
                const uchar *line = gray.constScanLine(y);
                for (int x = x0; x < x1; ++x)
                    ++hist[line[x]];
            }
            // The 90th percentile: paper even where text covers a good part of the block, yet not a
            // single bright JPEG ringing pixel.
            const int want = (x1 - x0) * (y1 - y0) / 10;
            int seen = 0, v = 255;
            for (; v > 0; --v) {
                seen += hist[size_t(v)];
                if (seen > want)
                    break;
            }
            level[size_t(by) * size_t(bw) + size_t(bx)] = v;
        }
    }
    std::vector<int> paper(level.size());
    for (int by = 0; by < bh; ++by) {
        for (int bx = 0; bx < bw; ++bx) {
            int best = 0;
            for (int ny = std::max(0, by - 1); ny <= std::min(bh - 1, by + 1); ++ny)
                for (int nx = std::max(0, bx - 1); nx <= std::min(bw - 1, bx + 1); ++nx)
                    best = std::max(best, level[size_t(ny) * size_t(bw) + size_t(nx)]);
            paper[size_t(by) * size_t(bw) + size_t(bx)] = best - contrast;
        }
    }
    for (int y = 0; y < m.height; ++y) {
        const uchar *line = gray.constScanLine(y);
        const int *row = paper.data() + size_t(y / block) * size_t(bw);
        uint8_t *out = m.bits.data() + size_t(y) * size_t(m.width);
        for (int x = 0; x < m.width; ++x)
            out[x] = line[x] < row[x / block] ? 1 : 0;
    }
    return m;
}

std::vector<Component> components(const Mask &mask, const QRect &area)
{
    std::vector<Component> out;
    const QRect r = area.intersected(QRect(0, 0, mask.width, mask.height));
    if (r.isEmpty())
        return out;
    const int w = r.width(), h = r.height();
    std::vector<uint8_t> todo(size_t(w) * size_t(h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            todo[size_t(y) * size_t(w) + size_t(x)] = mask.at(r.x() + x, r.y() + y);
    std::vector<int> stack;
    for (int start = 0; start < w * h; ++start) {
        if (!todo[size_t(start)])
            continue;
        todo[size_t(start)] = 0;
        stack.assign(1, start);
        int x0 = w, y0 = h, x1 = -1, y1 = -1, n = 0;
        while (!stack.empty()) {
            const int p = stack.back();
            stack.pop_back();
            const int px = p % w, py = p / w;
            ++n;
            x0 = std::min(x0, px);
            x1 = std::max(x1, px);
            y0 = std::min(y0, py);
            y1 = std::max(y1, py);
            for (int ny = std::max(0, py - 1); ny <= std::min(h - 1, py + 1); ++ny) {
                for (int nx = std::max(0, px - 1); nx <= std::min(w - 1, px + 1); ++nx) {
                    const int q = ny * w + nx;
                    if (todo[size_t(q)]) {
                        todo[size_t(q)] = 0;
                        stack.push_back(q);
                    }
                }
            }
        }
        out.push_back({QRect(QPoint(r.x() + x0, r.y() + y0), QPoint(r.x() + x1, r.y() + y1)), n});
    }
    return out;
}

namespace {

// One row of the rotation for CH channels: the source of each destination pixel is stepped in 16.16
// fixed point; pixels whose 2×2 neighbourhood is inside the source are interpolated, the others take
// their nearest source pixel when there is one (the outermost rows and columns) or the fill.
template <int CH>
void rotateRow(const uchar *base, qsizetype bpl, int w, int h, qint64 sx, qint64 sy, qint64 stepX, qint64 stepY,
               uchar *o, const uchar *fill)
{
    const qint64 maxX = qint64(w - 1) << 16, maxY = qint64(h - 1) << 16;
    const auto inside = [&](int x) {
        const qint64 px = sx + x * stepX, py = sy + x * stepY;
        return px >= 0 && py >= 0 && px < maxX && py < maxY;
    };
    const auto edge = [&](int x) {
        const qint64 nx = (sx + x * stepX + 32768) >> 16, ny = (sy + x * stepY + 32768) >> 16;
        const uchar *p = (nx >= 0 && ny >= 0 && nx < w && ny < h) ? base + ny * bpl + nx * CH : fill;
        for (int k = 0; k < CH; ++k)
            o[x * CH + k] = p[k];
    };
    // The pixels whose 2×2 source is inside form one run [first, last) along the row (a line crosses a
    // rectangle once): found by solving the four bounds, then nudged to what the fixed point says.
    double lo = 0, hi = w;
    const auto bound = [&](double start, double step, double limit) {
        if (step == 0) {
            if (start < 0 || start >= limit)
                hi = lo;
            return;
        }
        double a = -start / step, b = (limit - start) / step;
        if (a > b)
            std::swap(a, b);
        lo = std::max(lo, std::ceil(a));
        hi = std::min(hi, std::floor(b) + 1);
    };
    bound(double(sx), double(stepX), double(maxX));
    bound(double(sy), double(stepY), double(maxY));
    int first = int(std::clamp(lo, 0.0, double(w))), last = int(std::clamp(hi, double(first), double(w)));
    while (first < last && !inside(first))
        ++first;
    while (last > first && !inside(last - 1))
        --last;
    for (int x = 0; x < first; ++x)
        edge(x);
    qint64 px = sx + first * stepX, py = sy + first * stepY;
    for (int x = first; x < last; ++x, px += stepX, py += stepY) {
        const auto fx = uint32_t((px >> 8) & 255), fy = uint32_t((py >> 8) & 255);
        const uchar *p0 = base + (py >> 16) * bpl + (px >> 16) * CH;
        const uchar *p1 = p0 + bpl;
        const uint32_t w00 = (256 - fx) * (256 - fy), w01 = fx * (256 - fy), w10 = (256 - fx) * fy, w11 = fx * fy;
        uchar *d = o + x * CH;
        for (int k = 0; k < CH; ++k)
            d[k] = uchar((p0[k] * w00 + p0[k + CH] * w01 + p1[k] * w10 + p1[k + CH] * w11 + 32768) >> 16);
    }
    for (int x = last; x < w; ++x)
        edge(x);
}

} // namespace

QImage rotateBilinear(const QImage &working, double degrees, QRgb fill)
{
    const bool rgb = working.format() == QImage::Format_RGB888;
    const int w = working.width(), h = working.height();
    QImage out(w, h, working.format());
    if (out.isNull())
        return out;
    const double rad = qDegreesToRadians(degrees);
    const double c = std::cos(rad), s = std::sin(rad);
    const double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
    const uchar fillPx[3] = {uchar(rgb ? qRed(fill) : qGray(fill)), uchar(qGreen(fill)), uchar(qBlue(fill))};
    // A destination pixel's source is the inverse rotation: counter-clockwise on screen (y downwards).
    constexpr double one = 65536.0;
    const auto stepX = qint64(std::llround(c * one)), stepY = qint64(std::llround(s * one));
    for (int y = 0; y < h; ++y) {
        const double dy = y - cy;
        const auto sx = qint64(std::llround((-cx * c - dy * s + cx) * one));
        const auto sy = qint64(std::llround((-cx * s + dy * c + cy) * one));
        if (rgb)
            rotateRow<3>(working.constBits(), working.bytesPerLine(), w, h, sx, sy, stepX, stepY, out.scanLine(y),
                         fillPx);
        else
            rotateRow<1>(working.constBits(), working.bytesPerLine(), w, h, sx, sy, stepX, stepY, out.scanLine(y),
                         fillPx);
    }
    out.setDotsPerMeterX(working.dotsPerMeterX());
    out.setDotsPerMeterY(working.dotsPerMeterY());
    return out;
}

} // namespace sohoa::cleanup
