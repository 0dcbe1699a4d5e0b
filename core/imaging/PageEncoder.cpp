#include "core/imaging/PageEncoder.h"

#include "core/common/EnumNames.h"

#include <QBuffer>
#include <QImageWriter>

#include <cmath>

namespace sohoa {

bool ImageProfile::formatFromName(const QString &name, Format *format)
{
    static constexpr EnumName<Format> kNames[] = {
        {Format::Auto, QLatin1StringView("auto")},
        {Format::Jpeg, QLatin1StringView("jpeg")},
        {Format::Jpeg, QLatin1StringView("jpg")},
        {Format::Png, QLatin1StringView("png")},
    };
    const auto f = enumFromName(kNames, name);
    if (f)
        *format = *f;
    return f.has_value();
}

Result<EncodedImage> PageEncoder::encode(const ScannedPage &page, const ImageProfile &profile)
{
    if (page.image.isNull())
        return Error(ErrorCode::ImageEncodeFailed, QStringLiteral("empty image"));

    bool png = false;
    switch (profile.format) {
    case ImageProfile::Format::Png:
        png = true;
        break;
    case ImageProfile::Format::Jpeg:
        png = false;
        break;
    case ImageProfile::Format::Auto:
        png = page.mode == ColorMode::Lineart || page.bitDepth > 8 || page.image.depth() == 1;
        break;
    }

    QImage image = page.image;
    if (page.dpi > 0) {
        const int dpm = static_cast<int>(std::lround(page.dpi / 0.0254));
        image.setDotsPerMeterX(dpm);
        image.setDotsPerMeterY(dpm);
    }
    if (!png) {
        // JPEG holds 8-bit gray or RGB only.
        if (image.depth() == 1 || image.format() == QImage::Format_Grayscale16)
            image = image.convertToFormat(QImage::Format_Grayscale8);
        else if (image.format() == QImage::Format_RGBX64 || image.format() == QImage::Format_RGBA64)
            image = image.convertToFormat(QImage::Format_RGB888);
    }

    EncodedImage out;
    out.size = image.size();
    out.extension = png ? QStringLiteral("png") : QStringLiteral("jpg");
    QBuffer buffer(&out.data);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, png ? QByteArrayLiteral("png") : QByteArrayLiteral("jpeg"));
    if (png)
        writer.setCompression(1); // fast zlib level: scanning must keep up with the feeder
    else
        writer.setQuality(profile.jpegQuality);
    if (!writer.write(image))
        return Error(ErrorCode::ImageEncodeFailed, writer.errorString());
    return out;
}

} // namespace sohoa
