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
    Analysis a;
    a.factor = std::max(1, int(std::lround(double(std::max(dpi, 1)) / targetDpi)));
    a.dpi = double(std::max(dpi, 1)) / a.factor;
    const QImage src = image.format() == QImage::Format_RGB888 ? image : toWorkingFormat(image);
    const bool rgb = src.format() == QImage::Format_RGB888;
    const int f = a.factor;
    const int w = src.width() / f, h = src.height() / f;
    a.gray = QImage(std::max(w, 1), std::max(h, 1), QImage::Format_Grayscale8);
    if (w < 1 || h < 1) {
        a.gray.fill(255);
        return a;
    }
    std::vector<uint32_t> acc(static_cast<size_t>(w));
    const uint32_t div = uint32_t(f * f) * (rgb ? 256u : 1u);
    for (int y = 0; y < h; ++y) {
        std::fill(acc.begin(), acc.end(), 0u);
        for (int dy = 0; dy < f; ++dy) {
            const uchar *line = src.constScanLine(y * f + dy);
            if (rgb) {
                for (int x = 0; x < w; ++x) {
                    uint32_t sum = 0;
                    for (int dx = 0; dx < f; ++dx) {
                        const uchar *p = line + 3 * (x * f + dx);
                        sum += 77u * p[0] + 150u * p[1] + 29u * p[2]; // Rec. 601 luma, ×256
                    }
                    acc[size_t(x)] += sum;
                }
            } else {
                for (int x = 0; x < w; ++x) {
                    uint32_t sum = 0;
                    for (int dx = 0; dx < f; ++dx)
                        sum += line[x * f + dx];
                    acc[size_t(x)] += sum;
                }
            }
        }
        uchar *out = a.gray.scanLine(y);
        for (int x = 0; x < w; ++x)
            out[x] = uchar(acc[size_t(x)] / div);
    }
    return a;
}

QRgb paperColour(const QImage &working)
{
    std::array<std::array<int, 256>, 3> hist{};
    const bool rgb = working.format() == QImage::Format_RGB888;
    const int step = std::max(1, std::min(working.width(), working.height()) / 300);
    int n = 0;
    for (int y = 0; y < working.height(); y += step) {
        const uchar *line = working.constScanLine(y);
        for (int x = 0; x < working.width(); x += step, ++n) {
            if (rgb) {
                for (int c = 0; c < 3; ++c)
                    ++hist[size_t(c)][line[3 * x + c]];
            } else {
                ++hist[0][line[x]];
            }
        }
    }
    const auto median = [n](const std::array<int, 256> &h) {
        int seen = 0;
        for (int v = 0; v < 256; ++v) {
            seen += h[size_t(v)];
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

QImage rotateBilinear(const QImage &working, double degrees, QRgb fill)
{
    const bool rgb = working.format() == QImage::Format_RGB888;
    const int ch = rgb ? 3 : 1;
    const int w = working.width(), h = working.height();
    QImage out(w, h, working.format());
    if (out.isNull())
        return out;
    const double rad = qDegreesToRadians(degrees);
    const double c = std::cos(rad), s = std::sin(rad);
    const double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
    const uchar fillPx[3] = {uchar(rgb ? qRed(fill) : qGray(fill)), uchar(qGreen(fill)), uchar(qBlue(fill))};
    // Source of a destination pixel: the inverse rotation, stepped in 16.16 fixed point along a row.
    constexpr double one = 65536.0;
    const auto stepX = qint64(std::llround(c * one)), stepY = qint64(std::llround(s * one));
    const qsizetype bpl = working.bytesPerLine();
    const uchar *base = working.constBits();
    for (int y = 0; y < h; ++y) {
        const double dy = y - cy;
        auto sx = qint64(std::llround((-cx * c - dy * s + cx) * one));
        auto sy = qint64(std::llround((-cx * s + dy * c + cy) * one));
        uchar *o = out.scanLine(y);
        for (int x = 0; x < w; ++x, sx += stepX, sy += stepY, o += ch) {
            const qint64 ix = sx >> 16, iy = sy >> 16;
            if (ix < 0 || iy < 0 || ix >= w - 1 || iy >= h - 1) {
                // The last column and row are kept by their nearest pixel, not given up to the fill.
                const qint64 nx = (sx + 32768) >> 16, ny = (sy + 32768) >> 16;
                if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
                    const uchar *p = base + ny * bpl + nx * ch;
                    for (int k = 0; k < ch; ++k)
                        o[k] = p[k];
                } else {
                    for (int k = 0; k < ch; ++k)
                        o[k] = fillPx[k];
                }
                continue;
            }
            const auto fx = uint32_t((sx >> 8) & 255), fy = uint32_t((sy >> 8) & 255);
            const uchar *p0 = base + iy * bpl + ix * ch;
            const uchar *p1 = p0 + bpl;
            for (int k = 0; k < ch; ++k) {
                const uint32_t top = p0[k] * (256 - fx) + p0[k + ch] * fx;
                const uint32_t bottom = p1[k] * (256 - fx) + p1[k + ch] * fx;
                o[k] = uchar((top * (256 - fy) + bottom * fy + 32768) >> 16);
            }
        }
    }
    out.setDotsPerMeterX(working.dotsPerMeterX());
    out.setDotsPerMeterY(working.dotsPerMeterY());
    return out;
}

} // namespace sohoa::cleanup
