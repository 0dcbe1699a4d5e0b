#include "core/imaging/ImageFileInfo.h"

#include <QFile>
#include <QImageReader>

#include <cmath>

namespace sohoa {

namespace {

quint16 be16(const uchar *p)
{
    return quint16((p[0] << 8) | p[1]);
}
quint32 be32(const uchar *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
}

// Densities are stored as integers per inch or per centimetre; a value within 0.05 of an integer
// dpi is that dpi (300 dpi written as 118 px/cm or 11811 px/m must stay 300).
double snapDpi(double dpi)
{
    const double r = std::round(dpi);
    return std::abs(dpi - r) < 0.05 ? r : dpi;
}

double densityToDpi(double value, int unit /* 1: per inch, 2: per cm, 3: per metre */)
{
    if (value <= 1)
        return 0;
    switch (unit) {
    case 1:
        return value;
    case 2:
        return snapDpi(value * 2.54);
    case 3:
        return snapDpi(value * 0.0254);
    default:
        return 0;
    }
}

Error decodeError(const QString &path, const QString &why)
{
    return Error(ErrorCode::ImageDecodeFailed, path + QStringLiteral(": ") + why);
}

// EXIF APP1 payload after "Exif\0\0": a little TIFF file; IFD0 XResolution/YResolution/ResolutionUnit.
void parseExifDensity(const QByteArray &tiff, ImageFileInfo &info)
{
    const auto *d = reinterpret_cast<const uchar *>(tiff.constData());
    const qsizetype n = tiff.size();
    if (n < 8)
        return;
    const bool le = d[0] == 'I' && d[1] == 'I';
    if (!le && !(d[0] == 'M' && d[1] == 'M'))
        return;
    auto u16 = [&](qsizetype o) -> quint32 {
        return le ? (d[o] | (d[o + 1] << 8)) : be16(d + o);
    };
    auto u32 = [&](qsizetype o) -> quint32 {
        return le ? (quint32(d[o]) | (quint32(d[o + 1]) << 8) | (quint32(d[o + 2]) << 16) | (quint32(d[o + 3]) << 24))
                  : be32(d + o);
    };
    const quint32 ifd = u32(4);
    if (qsizetype(ifd) + 2 > n) // in 64 bits: an offset near 4 GiB wrapped around and passed (read out of bounds)
        return;
    const quint32 count = u16(ifd);
    double xres = 0, yres = 0;
    int unit = 2; // TIFF default: inch
    for (quint32 i = 0; i < count; ++i) {
        const qsizetype e = qsizetype(ifd) + 2 + qsizetype(i) * 12;
        if (e + 12 > n)
            break;
        const quint32 tag = u16(e), type = u16(e + 2);
        if ((tag == 0x011A || tag == 0x011B) && type == 5) { // RATIONAL
            const quint32 off = u32(e + 8);
            if (qsizetype(off) + 8 > n)
                continue;
            const quint32 num = u32(off), den = u32(off + 4);
            if (den != 0)
                (tag == 0x011A ? xres : yres) = double(num) / den;
        } else if (tag == 0x0128 && type == 3) {
            unit = int(u16(e + 8));
        }
    }
    if (unit != 2 && unit != 3)
        return;
    const int u = unit == 2 ? 1 : 2;
    info.dpiX = densityToDpi(xres, u);
    info.dpiY = densityToDpi(yres > 0 ? yres : xres, u);
}

Result<ImageFileInfo> probeJpeg(QFile &f, ImageFileInfo info)
{
    const QString path = f.fileName();
    bool haveJfifDensity = false;
    if (!f.seek(2))
        return Error(ErrorCode::FileReadFailed, path);
    for (;;) {
        char c = 0;
        // Markers may be preceded by any number of 0xFF fill bytes.
        if (!f.getChar(&c))
            return decodeError(path, QStringLiteral("JPEG ends before its frame header"));
        if (uchar(c) != 0xFF)
            return decodeError(path, QStringLiteral("JPEG marker expected"));
        uchar marker = 0xFF;
        while (marker == 0xFF) {
            if (!f.getChar(&c))
                return decodeError(path, QStringLiteral("JPEG ends before its frame header"));
            marker = uchar(c);
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            continue; // no length
        if (marker == 0xD9 || marker == 0xDA)
            return decodeError(path, QStringLiteral("JPEG has no frame header before its scan"));
        const QByteArray lenBytes = f.read(2);
        if (lenBytes.size() != 2)
            return decodeError(path, QStringLiteral("truncated JPEG segment"));
        const int len = be16(reinterpret_cast<const uchar *>(lenBytes.constData()));
        if (len < 2)
            return decodeError(path, QStringLiteral("bad JPEG segment length"));
        const bool isSof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        const bool wanted = isSof || marker == 0xE0 || marker == 0xE1 || marker == 0xEE;
        if (!wanted) {
            if (!f.seek(f.pos() + len - 2))
                return decodeError(path, QStringLiteral("truncated JPEG segment"));
            continue;
        }
        const QByteArray seg = f.read(len - 2);
        if (seg.size() != len - 2)
            return decodeError(path, QStringLiteral("truncated JPEG segment"));
        const auto *s = reinterpret_cast<const uchar *>(seg.constData());
        if (isSof) {
            if (seg.size() < 6)
                return decodeError(path, QStringLiteral("short JPEG frame header"));
            info.bitsPerComponent = s[0];
            info.height = be16(s + 1);
            info.width = be16(s + 3);
            info.components = s[5];
            if (info.width == 0 || info.height == 0)
                return decodeError(path,
                                   QStringLiteral("JPEG without its size in the frame header (DNL) is not supported"));
            if (info.components != 1 && info.components != 3 && info.components != 4)
                return decodeError(path,
                                   QStringLiteral("JPEG with %1 components is not supported").arg(info.components));
            if (info.bitsPerComponent != 8)
                return decodeError(path,
                                   QStringLiteral("%1-bit JPEG is not supported in PDF").arg(info.bitsPerComponent));
            return info;
        }
        if (marker == 0xE0 && seg.size() >= 12 && seg.startsWith(QByteArrayLiteral("JFIF\0"))) {
            const int units = s[7];
            const double dx = densityToDpi(be16(s + 8), units), dy = densityToDpi(be16(s + 10), units);
            if (dx > 0 && dy > 0) {
                info.dpiX = dx;
                info.dpiY = dy;
                haveJfifDensity = true;
            }
        } else if (marker == 0xE1 && !haveJfifDensity && seg.startsWith(QByteArrayLiteral("Exif\0\0"))) {
            parseExifDensity(seg.mid(6), info);
        } else if (marker == 0xEE && seg.size() >= 12 && seg.startsWith(QByteArrayLiteral("Adobe"))) {
            info.adobe = true;
            info.adobeTransform = s[11];
        }
    }
}

Result<ImageFileInfo> probePng(QFile &f, ImageFileInfo info)
{
    const QString path = f.fileName();
    if (!f.seek(8))
        return Error(ErrorCode::FileReadFailed, path);
    bool haveHeader = false;
    for (;;) {
        const QByteArray head = f.read(8);
        if (head.size() != 8)
            return decodeError(path, QStringLiteral("PNG ends before its image data"));
        const auto *h = reinterpret_cast<const uchar *>(head.constData());
        const quint32 len = be32(h);
        const QByteArray type = head.mid(4, 4);
        if (type == "IHDR") {
            const QByteArray d = f.read(13);
            if (d.size() != 13)
                return decodeError(path, QStringLiteral("truncated PNG header"));
            const auto *p = reinterpret_cast<const uchar *>(d.constData());
            info.width = int(be32(p));
            info.height = int(be32(p + 4));
            info.bitsPerComponent = p[8];
            info.pngColorType = p[9];
            static const int comps[] = {1, 0, 3, 1, 2, 0, 4};
            info.components = info.pngColorType >= 0 && info.pngColorType <= 6 ? comps[info.pngColorType] : 0;
            if (info.width <= 0 || info.height <= 0 || info.components == 0)
                return decodeError(path, QStringLiteral("bad PNG header"));
            haveHeader = true;
            if (!f.seek(f.pos() + len - 13 + 4))
                return decodeError(path, QStringLiteral("truncated PNG"));
            continue;
        }
        if (!haveHeader)
            return decodeError(path, QStringLiteral("PNG does not start with IHDR"));
        if (type == "IDAT" || type == "IEND")
            return info;
        if (type == "pHYs" && len >= 9) {
            const QByteArray d = f.read(9);
            if (d.size() != 9)
                return decodeError(path, QStringLiteral("truncated PNG"));
            const auto *p = reinterpret_cast<const uchar *>(d.constData());
            if (p[8] == 1) { // per metre
                info.dpiX = densityToDpi(be32(p), 3);
                info.dpiY = densityToDpi(be32(p + 4), 3);
            }
            if (!f.seek(f.pos() + len - 9 + 4))
                return decodeError(path, QStringLiteral("truncated PNG"));
            continue;
        }
        if (!f.seek(f.pos() + qint64(len) + 4))
            return decodeError(path, QStringLiteral("truncated PNG"));
    }
}

} // namespace

Result<ImageFileInfo> probeImageFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + f.errorString());
    ImageFileInfo info;
    info.fileSize = f.size();
    const QByteArray magic = f.peek(8);
    if (magic.startsWith(QByteArrayLiteral("\xFF\xD8"))) {
        info.kind = ImageFileInfo::Kind::Jpeg;
        return probeJpeg(f, info);
    }
    if (magic == QByteArrayLiteral("\x89PNG\r\n\x1A\n")) {
        info.kind = ImageFileInfo::Kind::Png;
        return probePng(f, info);
    }
    QImageReader reader(&f);
    const QSize size = reader.size();
    if (!reader.canRead() || !size.isValid())
        return decodeError(path, reader.errorString());
    info.width = size.width();
    info.height = size.height();
    const QImage::Format fmt = reader.imageFormat();
    info.bitsPerComponent = (fmt == QImage::Format_Grayscale16 || fmt == QImage::Format_RGBX64 ||
                             fmt == QImage::Format_RGBA64 || fmt == QImage::Format_RGBA64_Premultiplied)
                                ? 16
                                : 8;
    return info;
}

} // namespace sohoa
