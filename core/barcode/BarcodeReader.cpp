#include "core/barcode/BarcodeReader.h"

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace sohoa {

namespace {

// A gray page at the analysis resolution. `data` points into `owned` or into the caller's image.
struct GrayView
{
    std::vector<uint8_t> owned;
    const uint8_t *data = nullptr;
    int width = 0;
    int height = 0;
    int rowStride = 0;
};

inline uint8_t luma(uint8_t r, uint8_t g, uint8_t b)
{
    return uint8_t((r * 77 + g * 150 + b * 29) >> 8);
}

// Averages blocks of factor x factor pixels into one (an area average keeps thin strokes and 1-bit
// dither readable, where picking every n-th pixel would alias). Past 2x2 only the central 2x2 of a
// block is read: a 600 dpi colour page is 100 MB, and reading all of it costs more than decoding.
template <typename PixelGray> GrayView boxDownscale(int srcW, int srcH, int factor, PixelGray gray)
{
    GrayView out;
    out.width = srcW / factor;
    out.height = srcH / factor;
    out.rowStride = out.width;
    out.owned.resize(size_t(out.width) * size_t(out.height));
    const int taps = std::min(factor, 2);
    const int first = (factor - taps) / 2;
    const uint32_t area = uint32_t(taps * taps);
    for (int oy = 0; oy < out.height; ++oy) {
        uint8_t *row = out.owned.data() + size_t(oy) * size_t(out.width);
        const int y0 = oy * factor + first;
        for (int ox = 0; ox < out.width; ++ox) {
            const int x0 = ox * factor + first;
            uint32_t s = 0;
            for (int dy = 0; dy < taps; ++dy)
                for (int dx = 0; dx < taps; ++dx)
                    s += gray(x0 + dx, y0 + dy);
            row[ox] = uint8_t(s / area);
        }
    }
    out.data = out.owned.data();
    return out;
}

// The RGB case of boxDownscale, by rows: the channels of the (up to) 2x2 taps are summed first and
// turned into one luma per output pixel. A third of the per-tap version's time (about 3 ms instead of
// 10 ms for an A4 page at 300 dpi), which is most of the search's cost on a page without a code.
GrayView rgbDownscale(const QImage &source, int factor)
{
    GrayView out;
    out.width = source.width() / factor;
    out.height = source.height() / factor;
    out.rowStride = out.width;
    out.owned.resize(size_t(out.width) * size_t(out.height));
    const int taps = std::min(factor, 2);
    const int first = (factor - taps) / 2;
    const uchar *bits = source.constBits();
    const qsizetype bpl = source.bytesPerLine();
    for (int oy = 0; oy < out.height; ++oy) {
        const uchar *r0 = bits + qsizetype(oy * factor + first) * bpl + 3 * first;
        const uchar *r1 = taps == 2 ? r0 + bpl : r0;
        uint8_t *row = out.owned.data() + size_t(oy) * size_t(out.width);
        if (taps == 1) {
            for (int ox = 0; ox < out.width; ++ox) {
                const uchar *p = r0 + 3 * ox * factor;
                row[ox] = luma(p[0], p[1], p[2]);
            }
            continue;
        }
        for (int ox = 0; ox < out.width; ++ox) {
            const int o = 3 * ox * factor;
            const uint32_t r = r0[o] + r0[o + 3] + r1[o] + r1[o + 3];
            const uint32_t g = r0[o + 1] + r0[o + 4] + r1[o + 1] + r1[o + 4];
            const uint32_t b = r0[o + 2] + r0[o + 5] + r1[o + 2] + r1[o + 5];
            row[ox] = uint8_t((r * 77 + g * 150 + b * 29) >> 10); // the luma of the 4-tap mean
        }
    }
    out.data = out.owned.data();
    return out;
}

GrayView analysisView(const QImage &source, int factor)
{
    const int w = source.width();
    const int h = source.height();
    switch (source.format()) {
    case QImage::Format_Grayscale8: {
        if (factor == 1)
            return GrayView{{}, source.constBits(), w, h, int(source.bytesPerLine())};
        const uchar *bits = source.constBits();
        const qsizetype bpl = source.bytesPerLine();
        return boxDownscale(w, h, factor, [&](int x, int y) { return bits[y * bpl + x]; });
    }
    case QImage::Format_RGB888:
        return rgbDownscale(source, factor);
    case QImage::Format_Mono:
    case QImage::Format_MonoLSB: {
        // The colour table says which bit is black (scanned pages: {white, black}).
        const QList<QRgb> table = source.colorTable();
        uint8_t level[2] = {255, 0};
        for (int i = 0; i < 2 && i < table.size(); ++i)
            level[i] = uint8_t(qGray(table.at(i)));
        const uchar *bits = source.constBits();
        const qsizetype bpl = source.bytesPerLine();
        const bool msb = source.format() == QImage::Format_Mono;
        return boxDownscale(w, h, factor, [&](int x, int y) {
            const uchar byte = bits[y * bpl + (x >> 3)];
            const int bit = msb ? (byte >> (7 - (x & 7))) & 1 : (byte >> (x & 7)) & 1;
            return level[bit];
        });
    }
    default: {
        // 16-bit, 32-bit and indexed pages are rare here: convert once, then average. The result
        // owns its pixels, as the converted image ends with this scope.
        const QImage gray = source.convertToFormat(QImage::Format_Grayscale8);
        const uchar *bits = gray.constBits();
        const qsizetype bpl = gray.bytesPerLine();
        return boxDownscale(w, h, factor, [&](int x, int y) { return bits[y * bpl + x]; });
    }
    }
}

ZXing::BarcodeFormats zxFormats(BarcodeFormats formats)
{
    ZXing::BarcodeFormats out;
    if (formats.testFlag(BarcodeFormat::QrCode))
        out |= ZXing::BarcodeFormat::QRCode;
    if (formats.testFlag(BarcodeFormat::Code39))
        out |= ZXing::BarcodeFormat::Code39;
    if (formats.testFlag(BarcodeFormat::Code128))
        out |= ZXing::BarcodeFormat::Code128;
    return out;
}

} // namespace

QString barcodeFormatName(BarcodeFormat format)
{
    switch (format) {
    case BarcodeFormat::QrCode:
        return QStringLiteral("qr");
    case BarcodeFormat::Code39:
        return QStringLiteral("code39");
    case BarcodeFormat::Code128:
        return QStringLiteral("code128");
    }
    return QStringLiteral("unknown");
}

QList<Barcode> BarcodeReader::read(const QImage &image, int dpi, const BarcodeReadOptions &options)
{
    QList<Barcode> out;
    if (image.isNull() || !options.formats)
        return out;
    int factor = 1;
    if (dpi > 0 && options.analysisDpi > 0 && dpi > options.analysisDpi)
        factor = std::max(1, dpi / options.analysisDpi); // never below the analysis resolution
    factor = std::min(factor, std::max(1, std::min(image.width(), image.height()) / 64));
    const GrayView gray = analysisView(image, factor);
    if (gray.width <= 0 || gray.height <= 0)
        return out;

    ZXing::DecodeHints hints;
    hints.setFormats(zxFormats(options.formats));
    hints.setTryHarder(options.tryHarder);
    hints.setTryRotate(options.tryHarder);
    // The page is already at the analysis resolution; ZXing's own pyramid would mostly repeat work.
    hints.setTryDownscale(false);
    hints.setTryCode39ExtendedMode(false);
    const ZXing::ImageView view(gray.data, gray.width, gray.height, ZXing::ImageFormat::Lum, gray.rowStride);
    const ZXing::Results results = ZXing::ReadBarcodes(view, hints);
    for (const ZXing::Result &r : results) {
        if (!r.isValid())
            continue;
        Barcode b;
        b.text = QString::fromStdString(r.text());
        switch (r.format()) {
        case ZXing::BarcodeFormat::QRCode:
            b.format = BarcodeFormat::QrCode;
            break;
        case ZXing::BarcodeFormat::Code39:
            b.format = BarcodeFormat::Code39;
            break;
        case ZXing::BarcodeFormat::Code128:
            b.format = BarcodeFormat::Code128;
            break;
        default:
            continue;
        }
        const auto &pos = r.position();
        const double half = (factor - 1) / 2.0;
        for (const auto &p : {pos.topLeft(), pos.topRight(), pos.bottomRight(), pos.bottomLeft()})
            b.position.append(QPointF(p.x * factor + half, p.y * factor + half));
        out.append(b);
    }
    return out;
}

} // namespace sohoa
