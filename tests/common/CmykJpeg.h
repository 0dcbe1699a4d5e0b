#pragma once

// A CMYK JPEG for tests (Qt 6.4 cannot write CMYK): made with libjpeg when the test links it
// (SOHOA_HAVE_LIBJPEG, see tests/pdf/CMakeLists.txt).

#ifdef SOHOA_HAVE_LIBJPEG
#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdio>
#include <jpeglib.h>

namespace sohoa::test {

// An Adobe-style CMYK JPEG (libjpeg writes the APP14 marker for CMYK): samples are stored
// inverted, as Photoshop does: 255 = no ink. Left half: no ink (white); right half: full cyan.
inline bool writeAdobeCmykJpeg(const QString &file, int w, int h)
{
    FILE *out = std::fopen(QFile::encodeName(file).constData(), "wb");
    if (!out)
        return false;
    jpeg_compress_struct cinfo;
    jpeg_error_mgr jerr;
    cinfo.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&cinfo);
    jpeg_stdio_dest(&cinfo, out);
    cinfo.image_width = JDIMENSION(w);
    cinfo.image_height = JDIMENSION(h);
    cinfo.input_components = 4;
    cinfo.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, 90, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    QByteArray row(w * 4, char(255));
    for (int x = w / 2; x < w; ++x)
        row[x * 4] = 0; // cyan: full ink
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW r = reinterpret_cast<JSAMPROW>(row.data());
        jpeg_write_scanlines(&cinfo, &r, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    return std::fclose(out) == 0;
}

} // namespace sohoa::test
#endif
