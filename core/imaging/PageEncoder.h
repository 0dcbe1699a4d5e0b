#pragma once

#include "core/common/Result.h"
#include "core/dossier/ScannedPage.h"

#include <QByteArray>
#include <QSize>
#include <QString>

namespace sohoa {

// How page images are stored. Auto: JPEG for 8-bit colour/gray, PNG (lossless) for lineart and
// for 16-bit pages, which JPEG cannot hold.
struct ImageProfile
{
    enum class Format
    {
        Auto,
        Jpeg,
        Png
    };
    Format format = Format::Auto;
    int jpegQuality = 85;

    static bool formatFromName(const QString &name, Format *format);
};

struct EncodedImage
{
    QByteArray data;
    QString extension; // "jpg" or "png"
    QSize size;        // pixels
};

class PageEncoder
{
public:
    static Result<EncodedImage> encode(const ScannedPage &page, const ImageProfile &profile);
};

} // namespace sohoa
