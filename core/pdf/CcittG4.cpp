#include "core/pdf/CcittG4.h"

#include <tiffio.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace sohoa {

namespace {

// A growable in-memory file for TIFFClientOpen.
struct MemoryFile
{
    QByteArray data;
    qint64 pos = 0;
};

tmsize_t memRead(thandle_t h, void *buf, tmsize_t size)
{
    auto *m = static_cast<MemoryFile *>(h);
    const qint64 n = std::clamp<qint64>(m->data.size() - m->pos, 0, size);
    if (n > 0)
        std::memcpy(buf, m->data.constData() + m->pos, size_t(n));
    m->pos += n;
    return tmsize_t(n);
}

tmsize_t memWrite(thandle_t h, void *buf, tmsize_t size)
{
    auto *m = static_cast<MemoryFile *>(h);
    const qint64 end = m->pos + size;
    if (end > m->data.size())
        m->data.resize(qsizetype(end));
    std::memcpy(m->data.data() + m->pos, buf, size_t(size));
    m->pos = end;
    return size;
}

toff_t memSeek(thandle_t h, toff_t off, int whence)
{
    auto *m = static_cast<MemoryFile *>(h);
    qint64 base = 0;
    if (whence == SEEK_CUR)
        base = m->pos;
    else if (whence == SEEK_END)
        base = m->data.size();
    const qint64 p = base + qint64(off);
    if (p < 0)
        return toff_t(-1);
    m->pos = p;
    return toff_t(p);
}

int memClose(thandle_t)
{
    return 0;
}
toff_t memSize(thandle_t h)
{
    return toff_t(static_cast<MemoryFile *>(h)->data.size());
}
int memMap(thandle_t, void **, toff_t *)
{
    return 0;
}
void memUnmap(thandle_t, void *, toff_t) {}

// Errors come back as an empty result; libtiff's default handlers would print to stderr.
int quietHandler(TIFF *, void *, const char *, const char *, va_list)
{
    return 1;
}

struct TiffCloser
{
    void operator()(TIFF *t) const { TIFFClose(t); }
};
struct OptionsFreer
{
    void operator()(TIFFOpenOptions *o) const { TIFFOpenOptionsFree(o); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

TiffPtr openMemory(MemoryFile &file, const char *mode)
{
    std::unique_ptr<TIFFOpenOptions, OptionsFreer> opts(TIFFOpenOptionsAlloc());
    TIFFOpenOptionsSetErrorHandlerExtR(opts.get(), quietHandler, nullptr);
    TIFFOpenOptionsSetWarningHandlerExtR(opts.get(), quietHandler, nullptr);
    return TiffPtr(TIFFClientOpenExt("memory", mode, &file, memRead, memWrite, memSeek, memClose, memSize, memMap,
                                     memUnmap, opts.get()));
}

} // namespace

QByteArray encodeCcittG4(const uchar *bits, int width, int height, qsizetype bytesPerLine)
{
    if (width <= 0 || height <= 0)
        return {};
    MemoryFile file;
    {
        TiffPtr out = openMemory(file, "w");
        if (!out)
            return {};
        TIFF *t = out.get();
        TIFFSetField(t, TIFFTAG_IMAGEWIDTH, uint32_t(width));
        TIFFSetField(t, TIFFTAG_IMAGELENGTH, uint32_t(height));
        TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 1);
        TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, uint32_t(height));
        TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
        // The coder writes 0 bits as white runs; with MINISWHITE our 1 = black is what it expects,
        // so the code stream holds the true colours and PDF needs /BlackIs1 false.
        TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
        TIFFSetField(t, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
        TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(t, TIFFTAG_GROUP4OPTIONS, 0);
        const qsizetype rowBytes = (qsizetype(width) + 7) / 8;
        QByteArray packed;
        const uchar *src = bits;
        if (bytesPerLine != rowBytes) {
            packed.resize(rowBytes * height);
            for (int y = 0; y < height; ++y)
                std::memcpy(packed.data() + y * rowBytes, bits + y * bytesPerLine, size_t(rowBytes));
            src = reinterpret_cast<const uchar *>(packed.constData());
        }
        if (TIFFWriteEncodedStrip(t, 0, const_cast<uchar *>(src), tmsize_t(rowBytes * height)) < 0)
            return {};
    } // TIFFClose writes the directory
    file.pos = 0;
    TiffPtr in = openMemory(file, "r");
    if (!in)
        return {};
    uint64_t *counts = nullptr;
    if (!TIFFGetField(in.get(), TIFFTAG_STRIPBYTECOUNTS, &counts) || !counts || counts[0] == 0)
        return {};
    QByteArray strip(static_cast<qsizetype>(counts[0]), Qt::Uninitialized);
    const tmsize_t n = TIFFReadRawStrip(in.get(), 0, strip.data(), tmsize_t(strip.size()));
    if (n < 0)
        return {};
    strip.truncate(qsizetype(n));
    return strip;
}

} // namespace sohoa
