#pragma once

#include "core/common/Result.h"

#include <QString>

namespace sohoa {

// What a page image file is, read from its headers only (no pixel decoding): enough to embed a
// JPEG byte for byte and to size a page. Private helper of PdfWriter.
struct ImageFileInfo
{
    enum class Kind
    {
        Jpeg,
        Png,
        Other
    };
    Kind kind = Kind::Other;
    int width = 0;
    int height = 0;
    double dpiX = 0; // 0: the file does not say
    double dpiY = 0;
    int components = 0;       // JPEG: 1, 3 or 4; PNG: from the colour type (alpha included)
    int bitsPerComponent = 0; // JPEG: sample precision; PNG: bit depth
    bool adobe = false;       // JPEG: Adobe APP14 marker present
    int adobeTransform = -1;  // JPEG: APP14 transform (0 none/CMYK, 1 YCbCr, 2 YCCK)
    int pngColorType = -1;
    qint64 fileSize = 0;
};

// FileReadFailed when the file cannot be opened or read, ImageDecodeFailed when its headers are
// not a usable image; the path is in the detail.
Result<ImageFileInfo> probeImageFile(const QString &path);

} // namespace sohoa
