#include "scanner/FrameAssembler_p.h"

#include <QtEndian>

#include <cstring>

namespace sohoa::scanner::detail {

namespace {

Error protocol(const QString &why)
{
    return Error(ErrorCode::ScannerProtocol, why);
}

// Whole lines that arrived, limited to the announced count when there is one.
int linesOf(const Frame &f)
{
    const int bpl = f.params.bytes_per_line;
    if (bpl <= 0)
        return 0;
    const int arrived = int(f.data.size() / bpl);
    return f.params.lines >= 0 ? std::min(arrived, f.params.lines) : arrived;
}

} // namespace

QImage directTarget(const SANE_Parameters &p)
{
    if (p.lines <= 0 || p.pixels_per_line <= 0 || p.bytes_per_line <= 0 || !p.last_frame ||
        qint64(p.lines) * p.bytes_per_line > kMaxUpfrontFrameBytes)
        return {};
    QImage::Format format = QImage::Format_Invalid;
    if (p.format == SANE_FRAME_GRAY)
        format = p.depth == 1   ? QImage::Format_Mono
                 : p.depth == 8 ? QImage::Format_Grayscale8
                                : QImage::Format_Grayscale16;
    else if (p.format == SANE_FRAME_RGB && p.depth == 8)
        format = QImage::Format_RGB888;
    if (format == QImage::Format_Invalid || (p.depth != 1 && p.depth != 8 && p.depth != 16))
        return {};
    QImage img(p.pixels_per_line, p.lines, format);
    if (img.isNull() || img.bytesPerLine() != p.bytes_per_line)
        return {};
    if (p.depth == 1)
        img.setColorTable({0xffffffffu, 0xff000000u}); // SANE: bit 1 = black
    return img;
}

Result<AssembledImage> assembleFrames(const std::vector<Frame> &frames)
{
    if (frames.empty())
        return protocol(QStringLiteral("no frame"));
    if (frames.size() == 1 && !frames.front().direct.isNull()) {
        const Frame &f = frames.front();
        const int lines = int(std::min<qint64>(f.directBytes / f.params.bytes_per_line, f.params.lines));
        if (lines <= 0)
            return protocol(QStringLiteral("the page has no image data"));
        AssembledImage out;
        out.image = lines < f.direct.height() ? f.direct.copy(0, 0, f.direct.width(), lines) : f.direct;
        return out;
    }
    const SANE_Parameters &p0 = frames.front().params;
    const int width = p0.pixels_per_line;
    const int depth = p0.depth;
    if (width <= 0)
        return protocol(QStringLiteral("pixels_per_line = %1").arg(width));
    if (depth != 1 && depth != 8 && depth != 16)
        return Error(ErrorCode::ScannerUnsupported, QStringLiteral("bit depth %1").arg(depth));

    AssembledImage out;
    out.heightWasUnknown = p0.lines < 0;
    int height = linesOf(frames.front());
    for (const Frame &f : frames) {
        if (f.params.pixels_per_line != width || f.params.depth != depth)
            return protocol(QStringLiteral("frames of one page differ in size or depth"));
        height = std::min(height, linesOf(f));
    }
    if (height <= 0)
        return protocol(QStringLiteral("the page has no image data"));

    const int bpl = p0.bytes_per_line;
    if (p0.format == SANE_FRAME_GRAY) {
        const int needed = depth == 1 ? (width + 7) / 8 : width * depth / 8;
        if (bpl < needed)
            return protocol(QStringLiteral("bytes_per_line %1 < %2").arg(bpl).arg(needed));
        QImage img;
        if (depth == 1) {
            img = QImage(width, height, QImage::Format_Mono);
            // SANE: bit 1 = black. Index 1 of the table is black, so the bits are copied as they are.
            img.setColorTable({0xffffffffu, 0xff000000u});
        } else {
            img = QImage(width, height, depth == 8 ? QImage::Format_Grayscale8 : QImage::Format_Grayscale16);
        }
        if (img.isNull())
            return Error(ErrorCode::ScannerNoMemory, QStringLiteral("image %1x%2").arg(width).arg(height));
        const char *src = frames.front().data.constData();
        for (int y = 0; y < height; ++y)
            std::memcpy(img.scanLine(y), src + qsizetype(y) * bpl, size_t(needed)); // 16 bit: host order both
        out.image = std::move(img);
        return out;
    }

    if (p0.format == SANE_FRAME_RGB) {
        if (frames.size() != 1)
            return protocol(QStringLiteral("RGB frame in a multi-frame page"));
        if (depth == 1)
            return Error(ErrorCode::ScannerUnsupported, QStringLiteral("1-bit RGB frames"));
        const int needed = width * 3 * depth / 8;
        if (bpl < needed)
            return protocol(QStringLiteral("bytes_per_line %1 < %2").arg(bpl).arg(needed));
        QImage img(width, height, depth == 8 ? QImage::Format_RGB888 : QImage::Format_RGBX64);
        if (img.isNull())
            return Error(ErrorCode::ScannerNoMemory, QStringLiteral("image %1x%2").arg(width).arg(height));
        const char *src = frames.front().data.constData();
        for (int y = 0; y < height; ++y) {
            const char *line = src + qsizetype(y) * bpl;
            if (depth == 8) {
                std::memcpy(img.scanLine(y), line, size_t(needed));
            } else {
                auto *dst = reinterpret_cast<quint16 *>(img.scanLine(y));
                for (int x = 0; x < width; ++x) {
                    std::memcpy(dst + x * 4, line + x * 6, 6);
                    dst[x * 4 + 3] = 0xffff;
                }
            }
        }
        out.image = std::move(img);
        return out;
    }

    // Three-pass colour: one channel per frame, each frame like a gray frame.
    if (depth == 1)
        return Error(ErrorCode::ScannerUnsupported, QStringLiteral("1-bit three-pass colour"));
    const Frame *channel[3] = {nullptr, nullptr, nullptr};
    for (const Frame &f : frames) {
        int c = -1;
        switch (f.params.format) {
        case SANE_FRAME_RED:
            c = 0;
            break;
        case SANE_FRAME_GREEN:
            c = 1;
            break;
        case SANE_FRAME_BLUE:
            c = 2;
            break;
        default:
            return protocol(QStringLiteral("unexpected frame format %1").arg(int(f.params.format)));
        }
        channel[c] = &f;
    }
    if (!channel[0] || !channel[1] || !channel[2])
        return protocol(QStringLiteral("three-pass page without all of red, green and blue"));
    const int bytesPerSample = depth / 8;
    for (const Frame *f : channel) {
        if (f->params.bytes_per_line < width * bytesPerSample)
            return protocol(QStringLiteral("bytes_per_line too small in a colour pass"));
    }
    QImage img(width, height, depth == 8 ? QImage::Format_RGB888 : QImage::Format_RGBX64);
    if (img.isNull())
        return Error(ErrorCode::ScannerNoMemory, QStringLiteral("image %1x%2").arg(width).arg(height));
    for (int y = 0; y < height; ++y) {
        uchar *dst = img.scanLine(y);
        for (int c = 0; c < 3; ++c) {
            const char *line = channel[c]->data.constData() + qsizetype(y) * channel[c]->params.bytes_per_line;
            if (depth == 8) {
                for (int x = 0; x < width; ++x)
                    dst[x * 3 + c] = uchar(line[x]);
            } else {
                auto *d16 = reinterpret_cast<quint16 *>(dst);
                for (int x = 0; x < width; ++x)
                    std::memcpy(d16 + x * 4 + c, line + x * 2, 2);
            }
        }
        if (depth == 16) {
            auto *d16 = reinterpret_cast<quint16 *>(dst);
            for (int x = 0; x < width; ++x)
                d16[x * 4 + 3] = 0xffff;
        }
    }
    out.image = std::move(img);
    return out;
}

} // namespace sohoa::scanner::detail
