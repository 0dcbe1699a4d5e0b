#include "core/pdf/PdfWriter.h"

#include "SohoaVersion.h"
#include "core/common/DurableFile.h"
#include "core/imaging/ImageFileInfo.h"
#include "core/pdf/CcittG4.h"
#include "core/pdf/internal/PdfTextLayer.h"
#include "core/pdf/internal/PdfXmp.h"

#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QUuid>

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

namespace sohoa {

namespace {

constexpr int kCatalogObject = 1;
constexpr int kPagesObject = 2;
constexpr int kInfoObject = 3;
constexpr int kMetadataObject = 4;
constexpr int kFirstPageObject = 5; // then per page: page, content stream, image XObject
constexpr int kObjectsPerPage = 3;
constexpr double kDefaultDpi = 300;
constexpr qint64 kCopyChunk = 1024 * 1024;

int pageObject(int page)
{
    return kFirstPageObject + page * kObjectsPerPage;
}
int contentObject(int page)
{
    return pageObject(page) + 1;
}
int imageObject(int page)
{
    return pageObject(page) + 2;
}

QByteArray num(int v)
{
    return QByteArray::number(v);
}
QByteArray num(qint64 v)
{
    return QByteArray::number(v);
}

QByteArray num(double v)
{
    QByteArray s = QByteArray::number(v, 'f', 4);
    while (s.endsWith('0'))
        s.chop(1);
    if (s.endsWith('.'))
        s.chop(1);
    return s == "-0" ? QByteArrayLiteral("0") : s;
}

QByteArray ref(int object)
{
    return num(object) + QByteArrayLiteral(" 0 R");
}

// PDF text string: a literal for printable ASCII, else UTF-16BE with a byte order mark in hex.
QByteArray pdfTextString(const QString &text)
{
    bool ascii = true;
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7E) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        QByteArray out = QByteArrayLiteral("(");
        for (const QChar c : text) {
            const char ch = char(c.unicode());
            if (ch == '(' || ch == ')' || ch == '\\')
                out += '\\';
            out += ch;
        }
        return out + ')';
    }
    QByteArray utf16 = QByteArrayLiteral("\xFE\xFF");
    utf16.reserve(2 + text.size() * 2);
    for (const QChar c : text) {
        utf16 += char(c.unicode() >> 8);
        utf16 += char(c.unicode() & 0xFF);
    }
    return '<' + utf16.toHex().toUpper() + '>';
}

QDateTime wholeSeconds(const QDateTime &dt)
{
    QDateTime out = dt;
    out.setTime(QTime(dt.time().hour(), dt.time().minute(), dt.time().second()));
    return out;
}

// "+07'00'"; "Z" for UTC.
QString offsetText(const QDateTime &dt)
{
    const int offset = dt.offsetFromUtc();
    if (offset == 0)
        return QStringLiteral("Z");
    const int minutes = std::abs(offset) / 60;
    const QString hh = QString::number(minutes / 60).rightJustified(2, u'0');
    const QString mm = QString::number(minutes % 60).rightJustified(2, u'0');
    const QChar sign = offset < 0 ? u'-' : u'+';
    return sign + hh + u'\'' + mm + u'\'';
}

QByteArray pdfDate(const QDateTime &dt)
{
    return (QStringLiteral("(D:") + dt.toString(QStringLiteral("yyyyMMddHHmmss")) + offsetText(dt) + u')').toLatin1();
}

// One image XObject ready to write: either bytes in memory or a JPEG file copied as it is.
struct EncodedImage
{
    QByteArray dict; // entries other than /Length
    QByteArray data;
    QString copyFromFile;
    qint64 length = 0;
    QString encoding;
};

QByteArray imageDictHead(int width, int height, const QByteArray &colorSpace, int bpc)
{
    return QByteArrayLiteral("/Type /XObject /Subtype /Image /Width ") + num(width) + QByteArrayLiteral(" /Height ") +
           num(height) + QByteArrayLiteral(" /ColorSpace ") + colorSpace + QByteArrayLiteral(" /BitsPerComponent ") +
           num(bpc);
}

EncodedImage jpegImage(const QString &path, const ImageFileInfo &info)
{
    EncodedImage e;
    const QByteArray cs = info.components == 1   ? QByteArrayLiteral("/DeviceGray")
                          : info.components == 3 ? QByteArrayLiteral("/DeviceRGB")
                                                 : QByteArrayLiteral("/DeviceCMYK");
    e.dict = imageDictHead(info.width, info.height, cs, 8) + QByteArrayLiteral(" /Filter /DCTDecode");
    // Adobe (Photoshop) writes CMYK and YCCK JPEGs with inverted samples and says so with APP14.
    if (info.components == 4 && info.adobe)
        e.dict += QByteArrayLiteral(" /Decode [1 0 1 0 1 0 1 0]");
    e.copyFromFile = path;
    e.length = info.fileSize;
    e.encoding = QStringLiteral("DCTDecode");
    return e;
}

std::optional<QByteArray> deflate(const QByteArray &raw)
{
    uLongf outLen = compressBound(uLong(raw.size()));
    QByteArray out(qsizetype(outLen), Qt::Uninitialized);
    if (compress2(reinterpret_cast<Bytef *>(out.data()), &outLen, reinterpret_cast<const Bytef *>(raw.constData()),
                  uLong(raw.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
        return std::nullopt;
    out.truncate(qsizetype(outLen));
    return out;
}

// Rows of packed samples, big-endian for 16 bits. No PNG predictor: measured on the corpus
// scans and real-scans PNGs, the "Up" predictor made Flate output 3-20 % larger (scanner noise
// defeats it); it only wins on synthetic gradients.
class RowBuffer
{
public:
    RowBuffer(int rows, qsizetype rowBytes) : m_rowBytes(rowBytes), m_data(rowBytes * rows, Qt::Uninitialized) {}
    uchar *row(int y) { return reinterpret_cast<uchar *>(m_data.data()) + y * m_rowBytes; }
    const QByteArray &data() const { return m_data; }

private:
    qsizetype m_rowBytes;
    QByteArray m_data;
};

Result<EncodedImage> flateImage(const QString &path, int width, int height, int colors, int bpc, RowBuffer &rows)
{
    const std::optional<QByteArray> z = deflate(rows.data());
    if (!z)
        return Error(ErrorCode::PdfWriteFailed, path + QStringLiteral(": zlib compression failed"));
    EncodedImage e;
    e.dict = imageDictHead(width, height,
                           colors == 1 ? QByteArrayLiteral("/DeviceGray") : QByteArrayLiteral("/DeviceRGB"), bpc) +
             QByteArrayLiteral(" /Filter /FlateDecode");
    e.data = *z;
    e.length = e.data.size();
    e.encoding = QStringLiteral("FlateDecode");
    return e;
}

bool isBlackOrWhite(QRgb c)
{
    const int g = qGray(c);
    return (g == 0 || g == 255) && qRed(c) == qGreen(c) && qGreen(c) == qBlue(c);
}

bool isBilevel(const QImage &img)
{
    if (img.format() == QImage::Format_Mono || img.format() == QImage::Format_MonoLSB)
        return true;
    if (img.format() != QImage::Format_Indexed8 || img.colorCount() > 2)
        return false;
    const QList<QRgb> table = img.colorTable();
    return std::all_of(table.begin(), table.end(), isBlackOrWhite);
}

bool hasGrayPalette(const QImage &img)
{
    const QList<QRgb> table = img.colorTable();
    return img.format() == QImage::Format_Indexed8 && !img.hasAlphaChannel() &&
           std::all_of(table.begin(), table.end(),
                       [](QRgb c) { return qRed(c) == qGreen(c) && qGreen(c) == qBlue(c); });
}

Result<EncodedImage> bilevelImage(const QString &path, const QImage &source)
{
    const QImage mono = source.convertToFormat(QImage::Format_Mono);
    const int w = mono.width(), h = mono.height();
    const qsizetype rowBytes = (qsizetype(w) + 7) / 8;
    const QList<QRgb> table = mono.colorTable();
    // Packed rows with 1 = black for the fax coder, whichever index the image calls black.
    const bool oneIsBlack = table.size() < 2 || qGray(table.at(1)) < qGray(table.at(0));
    // The bits after the last pixel of a row are whatever QImage's conversion left there (not always
    // written: the sanitizer build's allocator showed it); they are set to white, or the Flate stream and
    // so the file would differ from one export of the same page to the next.
    const uchar lastByteMask = uchar(0xFF << ((8 - w % 8) % 8));
    QByteArray blackIs1(rowBytes * h, Qt::Uninitialized);
    for (int y = 0; y < h; ++y) {
        const uchar *src = mono.constScanLine(y);
        auto *dst = reinterpret_cast<uchar *>(blackIs1.data()) + y * rowBytes;
        for (qsizetype i = 0; i < rowBytes; ++i)
            dst[i] = oneIsBlack ? src[i] : uchar(~src[i]);
        dst[rowBytes - 1] &= lastByteMask;
    }
    const QByteArray g4 = encodeCcittG4(reinterpret_cast<const uchar *>(blackIs1.constData()), w, h, rowBytes);

    // DeviceGray samples have 0 = black: the complement.
    QByteArray gray = blackIs1;
    for (char &c : gray)
        c = char(~uchar(c));
    const std::optional<QByteArray> z = deflate(gray);
    if (!z && g4.isEmpty())
        return Error(ErrorCode::PdfWriteFailed, path + QStringLiteral(": bilevel compression failed"));

    EncodedImage e;
    if (z && (g4.isEmpty() || z->size() < g4.size())) {
        e.dict = imageDictHead(w, h, QByteArrayLiteral("/DeviceGray"), 1) + QByteArrayLiteral(" /Filter /FlateDecode");
        e.data = *z;
        e.encoding = QStringLiteral("FlateDecode");
    } else { // G4 when it is no larger (ties go to G4), or when Flate failed
        e.dict = imageDictHead(w, h, QByteArrayLiteral("/DeviceGray"), 1) +
                 QByteArrayLiteral(" /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ") + num(w) +
                 QByteArrayLiteral(" /Rows ") + num(h) + QByteArrayLiteral(" /BlackIs1 false >>");
        e.data = g4;
        e.encoding = QStringLiteral("CCITTFaxDecode");
    }
    e.length = e.data.size();
    return e;
}

Result<EncodedImage> decodedImage(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(false);
    QImage img = reader.read();
    if (img.isNull())
        return Error(ErrorCode::ImageDecodeFailed, path + QStringLiteral(": ") + reader.errorString());
    const int w = img.width(), h = img.height();

    if (isBilevel(img))
        return bilevelImage(path, img);
    if (hasGrayPalette(img))
        img.convertTo(QImage::Format_Grayscale8);

    switch (img.format()) {
    case QImage::Format_Grayscale8: {
        RowBuffer rows(h, w);
        for (int y = 0; y < h; ++y)
            std::memcpy(rows.row(y), img.constScanLine(y), size_t(w));
        return flateImage(path, w, h, 1, 8, rows);
    }
    case QImage::Format_Grayscale16: {
        RowBuffer rows(h, qsizetype(w) * 2);
        for (int y = 0; y < h; ++y) {
            const auto *src = reinterpret_cast<const quint16 *>(img.constScanLine(y));
            uchar *dst = rows.row(y);
            for (int x = 0; x < w; ++x) {
                dst[2 * x] = uchar(src[x] >> 8);
                dst[2 * x + 1] = uchar(src[x]);
            }
        }
        return flateImage(path, w, h, 1, 16, rows);
    }
    case QImage::Format_RGBX64:
    case QImage::Format_RGBA64:
    case QImage::Format_RGBA64_Premultiplied: {
        // Transparent parts are composited on white paper: premultiplied colour + (1 - alpha).
        if (img.format() != QImage::Format_RGBX64)
            img.convertTo(QImage::Format_RGBA64_Premultiplied);
        RowBuffer rows(h, qsizetype(w) * 6);
        for (int y = 0; y < h; ++y) {
            const auto *src = reinterpret_cast<const QRgba64 *>(img.constScanLine(y));
            uchar *dst = rows.row(y);
            for (int x = 0; x < w; ++x) {
                const QRgba64 p = src[x];
                const quint16 white = quint16(65535 - p.alpha());
                const quint16 c[3] = {quint16(p.red() + white), quint16(p.green() + white), quint16(p.blue() + white)};
                for (int k = 0; k < 3; ++k) {
                    dst[6 * x + 2 * k] = uchar(c[k] >> 8);
                    dst[6 * x + 2 * k + 1] = uchar(c[k]);
                }
            }
        }
        return flateImage(path, w, h, 3, 16, rows);
    }
    default:
        break;
    }

    RowBuffer rows(h, qsizetype(w) * 3);
    if (img.hasAlphaChannel()) {
        img.convertTo(QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < h; ++y) {
            const auto *src = reinterpret_cast<const QRgb *>(img.constScanLine(y));
            uchar *dst = rows.row(y);
            for (int x = 0; x < w; ++x) {
                const QRgb p = src[x];
                const int white = 255 - qAlpha(p);
                dst[3 * x] = uchar(qRed(p) + white);
                dst[3 * x + 1] = uchar(qGreen(p) + white);
                dst[3 * x + 2] = uchar(qBlue(p) + white);
            }
        }
    } else {
        img.convertTo(QImage::Format_RGB888);
        for (int y = 0; y < h; ++y)
            std::memcpy(rows.row(y), img.constScanLine(y), size_t(w) * 3);
    }
    return flateImage(path, w, h, 3, 8, rows);
}

// Counts offsets for the cross-reference table.
class PdfStream
{
public:
    PdfStream(AtomicFileWriter &file, int objectCount) : m_file(file), m_offsets(objectCount + 1, 0) {}

    Result<void> write(const QByteArray &bytes) { return writeUnhashed(bytes.constData(), bytes.size()); }
    Result<void> writeUnhashed(const char *data, qint64 size)
    {
        m_offset += size;
        return m_file.write(data, size);
    }
    Result<void> object(int number, const QByteArray &body)
    {
        m_offsets[number] = m_offset;
        return write(num(number) + QByteArrayLiteral(" 0 obj\n") + body + QByteArrayLiteral("\nendobj\n"));
    }
    Result<void> streamObject(int number, const QByteArray &dict, const QByteArray &data)
    {
        m_offsets[number] = m_offset;
        if (auto r = write(num(number) + QByteArrayLiteral(" 0 obj\n<< ") + dict + QByteArrayLiteral(" /Length ") +
                           num(qint64(data.size())) + QByteArrayLiteral(" >>\nstream\n"));
            !r)
            return r;
        if (auto r = writeUnhashed(data.constData(), data.size()); !r)
            return r;
        return write(QByteArrayLiteral("\nendstream\nendobj\n"));
    }
    void markObject(int number) { m_offsets[number] = m_offset; }
    qint64 offset() const { return m_offset; }

    Result<void> finish(int rootObject, int infoObject, const QByteArray &documentId, const QByteArray &instanceId)
    {
        const qint64 xref = m_offset;
        QByteArray table = QByteArrayLiteral("xref\n0 ") + num(qint64(m_offsets.size())) +
                           QByteArrayLiteral("\n0000000000 65535 f\r\n");
        for (qsizetype i = 1; i < m_offsets.size(); ++i)
            table += QByteArray::number(m_offsets.at(i)).rightJustified(10, '0') + QByteArrayLiteral(" 00000 n\r\n");
        table += QByteArrayLiteral("trailer\n<< /Size ") + num(qint64(m_offsets.size())) +
                 QByteArrayLiteral(" /Root ") + ref(rootObject) + QByteArrayLiteral(" /Info ") + ref(infoObject) +
                 QByteArrayLiteral(" /ID [<") + documentId + QByteArrayLiteral("> <") + instanceId +
                 QByteArrayLiteral(">] >>\nstartxref\n") + num(xref) + QByteArrayLiteral("\n%%EOF\n");
        return writeUnhashed(table.constData(), table.size());
    }

private:
    AtomicFileWriter &m_file;
    QList<qint64> m_offsets;
    qint64 m_offset = 0;
};

Result<void> copyFile(PdfStream &out, const QString &path, qint64 length)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + f.errorString());
    QByteArray chunk(qsizetype(std::min(length, kCopyChunk)), Qt::Uninitialized);
    qint64 left = length;
    while (left > 0) {
        const qint64 n = f.read(chunk.data(), std::min<qint64>(left, chunk.size()));
        if (n <= 0)
            return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": file shorter than when it was opened"));
        if (auto r = out.writeUnhashed(chunk.constData(), n); !r)
            return r;
        left -= n;
    }
    return {};
}

struct PageSetup
{
    ImageFileInfo info;
    double dpiX = kDefaultDpi;
    double dpiY = kDefaultDpi;
};

struct ResolvedMetadata
{
    PdfMetadata m;
    QString producer;
};

bool cancelled(const PdfWriteOptions &options)
{
    return cancelRequested(options.control);
}

// Object numbers: catalog, pages, info, metadata, then three per page, then what the pages share: the
// glyph-less font (six objects) when a page has text, the output intent's ICC profile when archival.
struct ObjectLayout
{
    int pageCount = 0;
    bool text = false;
    bool archival = false;

    int shared() const { return kFirstPageObject + pageCount * kObjectsPerPage; }
    int type0Font() const { return shared(); }
    int cidFont() const { return shared() + 1; }
    int fontDescriptor() const { return shared() + 2; }
    int fontFile() const { return shared() + 3; }
    int cidToGidMap() const { return shared() + 4; }
    int toUnicode() const { return shared() + 5; }
    int iccProfile() const { return shared() + (text ? 6 : 0); }
    int objectCount() const { return shared() - 1 + (text ? 6 : 0) + (archival ? 1 : 0); }
};

// The same dossier exported again (same title, creation time and pages) keeps its document id.
QString derivedDocumentId(const PdfMetadata &m, const QList<PdfPageSource> &pages)
{
    QCryptographicHash h(QCryptographicHash::Md5);
    h.addData(m.title.toUtf8());
    h.addData(QByteArrayView("\n"));
    h.addData(m.created.toString(Qt::ISODate).toUtf8());
    for (const PdfPageSource &p : pages) {
        h.addData(QByteArrayView("\n"));
        h.addData(p.imagePath.toUtf8());
    }
    return QString::fromLatin1(h.result().toHex());
}

bool isHexId(const QString &id)
{
    if (id.size() != 32)
        return false;
    return std::all_of(id.begin(), id.end(),
                       [](QChar c) { return c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f'); });
}

Result<void> writeFlateStream(PdfStream &out, int object, const QByteArray &dict, const QByteArray &raw)
{
    const std::optional<QByteArray> z = deflate(raw);
    if (!z)
        return Error(ErrorCode::PdfWriteFailed, QStringLiteral("zlib compression failed"));
    return out.streamObject(object, dict + QByteArrayLiteral(" /Filter /FlateDecode"), *z);
}

// The glyph-less Type 0 font of the text layer, as Tesseract's PDF renderer makes it: CIDs are BMP code
// points (Identity-H), all drawn with one blank glyph as wide as /DW.
Result<qint64> writeGlyphlessFont(PdfStream &out, const ObjectLayout &layout)
{
    Result<QByteArray> program = pdf::glyphlessFontProgram();
    if (!program)
        return program.error();
    const qint64 before = out.offset();
    const QByteArray name = QByteArrayLiteral("/GlyphLessFont");
    if (auto r = out.object(layout.type0Font(), QByteArrayLiteral("<< /Type /Font /Subtype /Type0 /BaseFont ") + name +
                                                    QByteArrayLiteral(" /Encoding /Identity-H /DescendantFonts [") +
                                                    ref(layout.cidFont()) + QByteArrayLiteral("] /ToUnicode ") +
                                                    ref(layout.toUnicode()) + QByteArrayLiteral(" >>"));
        !r)
        return r.error();
    if (auto r =
            out.object(layout.cidFont(),
                       QByteArrayLiteral("<< /Type /Font /Subtype /CIDFontType2 /BaseFont ") + name +
                           QByteArrayLiteral(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
                                             "/Supplement 0 >> /FontDescriptor ") +
                           ref(layout.fontDescriptor()) + QByteArrayLiteral(" /DW ") + num(pdf::kGlyphlessWidth) +
                           QByteArrayLiteral(" /CIDToGIDMap ") + ref(layout.cidToGidMap()) + QByteArrayLiteral(" >>"));
        !r)
        return r.error();
    // Flags 4 (symbolic): the font has no standard Latin glyph set. The box and metrics are pdf.ttf's.
    if (auto r = out.object(layout.fontDescriptor(),
                            QByteArrayLiteral("<< /Type /FontDescriptor /FontName ") + name +
                                QByteArrayLiteral(" /Flags 4 /FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent 1000 "
                                                  "/Descent 0 /CapHeight 1000 /StemV 80 /FontFile2 ") +
                                ref(layout.fontFile()) + QByteArrayLiteral(" >>"));
        !r)
        return r.error();
    if (auto r = writeFlateStream(out, layout.fontFile(), QByteArrayLiteral("/Length1 ") + num(qint64(program->size())),
                                  program.value());
        !r)
        return r.error();
    if (auto r = writeFlateStream(out, layout.cidToGidMap(), QByteArray(), pdf::glyphlessCidToGidMap()); !r)
        return r.error();
    if (auto r = writeFlateStream(out, layout.toUnicode(), QByteArray(), pdf::identityToUnicodeCMap()); !r)
        return r.error();
    return out.offset() - before;
}

Result<QByteArray> srgbProfile()
{
    QFile f(QStringLiteral(":/sohoa/pdf/srgb.icc"));
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("the sRGB ICC profile resource is missing from the build"));
    return f.readAll();
}

} // namespace

Result<PdfWriteReport> PdfWriter::write(const QString &outputPath, const QList<PdfPageSource> &pages,
                                        const PdfMetadata &metadata, const PdfWriteOptions &options)
{
    if (pages.isEmpty())
        return Error(ErrorCode::NoPages, outputPath);
    if (!options.overwrite && QFile::exists(outputPath))
        return Error(ErrorCode::OutputExists, outputPath);
    if (!metadata.documentId.isEmpty() && !isHexId(metadata.documentId))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("document id %1 (32 hexadecimal digits)").arg(metadata.documentId));

    // Headers first: a missing or unusable page fails before any output exists, and the PDF
    // version (1.5 for 16-bit samples) is known before the header is written.
    const int pageCount = int(pages.size());
    QList<PageSetup> setups;
    setups.reserve(pageCount);
    bool sixteenBit = false;
    ObjectLayout layout{pageCount, false, options.archival};
    for (const PdfPageSource &page : pages) {
        if (cancelled(options))
            return Error(ErrorCode::Cancelled, outputPath);
        if (page.rotation != 0 && page.rotation != 90 && page.rotation != 180 && page.rotation != 270)
            return Error(ErrorCode::InvalidArgument,
                         QStringLiteral("%1: rotation %2 (0, 90, 180 or 270)").arg(page.imagePath).arg(page.rotation));
        Result<ImageFileInfo> info = probeImageFile(page.imagePath);
        if (!info)
            return info.error();
        PageSetup s;
        s.info = info.value();
        if (page.dpi > 0) {
            s.dpiX = s.dpiY = page.dpi;
        } else if (s.info.dpiX > 0 && s.info.dpiY > 0) {
            s.dpiX = s.info.dpiX;
            s.dpiY = s.info.dpiY;
        }
        sixteenBit = sixteenBit || s.info.bitsPerComponent == 16;
        layout.text = layout.text || !page.text.isEmpty();
        setups.append(s);
    }

    ResolvedMetadata meta{metadata, QStringLiteral("SoHoa " SOHOA_VERSION_STRING)};
    if (!meta.m.created.isValid())
        meta.m.created = QDateTime::currentDateTime();
    meta.m.created = wholeSeconds(meta.m.created);
    meta.m.modified = meta.m.modified.isValid() ? wholeSeconds(meta.m.modified) : meta.m.created;
    const QString documentId =
        (metadata.documentId.isEmpty() ? derivedDocumentId(meta.m, pages) : metadata.documentId).toUpper();
    const QString instanceId = QString::fromLatin1(QUuid::createUuid().toRfc4122().toHex()).toUpper();

    AtomicFileWriter file(outputPath, options.overwrite);
    if (auto r = file.open(); !r)
        return r.error();
    PdfStream out(file, layout.objectCount());
    auto fail = [&](const Error &e) -> Result<PdfWriteReport> {
        file.discard();
        return e;
    };
#define SOHOA_TRY(expr)                                                                                                \
    if (auto r_ = (expr); !r_)                                                                                         \
        return fail(r_.error());

    // PDF/A-2 is PDF 1.7; otherwise the lowest version that has what the file uses.
    const QByteArray version = options.archival ? QByteArrayLiteral("%PDF-1.7\n")
                               : sixteenBit     ? QByteArrayLiteral("%PDF-1.5\n")
                                                : QByteArrayLiteral("%PDF-1.4\n");
    SOHOA_TRY(out.write(version + QByteArrayLiteral("%\xE2\xE3\xCF\xD3\n")));

    QByteArray catalog = QByteArrayLiteral("<< /Type /Catalog /Pages ") + ref(kPagesObject) +
                         QByteArrayLiteral(" /Metadata ") + ref(kMetadataObject);
    if (!meta.m.language.isEmpty())
        catalog += QByteArrayLiteral(" /Lang ") + pdfTextString(meta.m.language);
    if (options.archival)
        catalog += QByteArrayLiteral(" /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 "
                                     "/OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) "
                                     "/RegistryName (http://www.color.org) /DestOutputProfile ") +
                   ref(layout.iccProfile()) + QByteArrayLiteral(" >>]");
    SOHOA_TRY(out.object(kCatalogObject, catalog + QByteArrayLiteral(" >>")));

    QByteArray kids;
    for (int i = 0; i < pageCount; ++i)
        kids += (i ? QByteArrayLiteral(" ") : QByteArray()) + ref(pageObject(i));
    SOHOA_TRY(out.object(kPagesObject, QByteArrayLiteral("<< /Type /Pages /Kids [") + kids +
                                           QByteArrayLiteral("] /Count ") + num(pageCount) + QByteArrayLiteral(" >>")));

    QByteArray info = QByteArrayLiteral("<<");
    auto infoEntry = [&](const char *key, const QString &value) {
        if (!value.isEmpty())
            info += QByteArrayLiteral("\n/") + key + ' ' + pdfTextString(value);
    };
    infoEntry("Title", meta.m.title);
    infoEntry("Subject", meta.m.subject);
    infoEntry("Author", meta.m.author);
    infoEntry("Keywords", meta.m.keywords);
    infoEntry("Creator", meta.m.creator);
    infoEntry("Producer", meta.producer);
    info += QByteArrayLiteral("\n/CreationDate ") + pdfDate(meta.m.created) + QByteArrayLiteral("\n/ModDate ") +
            pdfDate(meta.m.modified) + QByteArrayLiteral("\n>>");
    SOHOA_TRY(out.object(kInfoObject, info));
    // Never compressed: PDF/A wants the document's XMP readable by tools that know no PDF filter.
    SOHOA_TRY(out.streamObject(kMetadataObject, QByteArrayLiteral("/Type /Metadata /Subtype /XML"),
                               pdf::xmpPacket({meta.m, meta.producer, documentId, instanceId, options.archival})));

    PdfWriteReport report;
    report.pageCount = pageCount;
    report.documentId = documentId;
    report.instanceId = instanceId;
    for (int i = 0; i < pageCount; ++i) {
        if (cancelled(options))
            return fail(Error(ErrorCode::Cancelled, outputPath));
        const PageSetup &s = setups.at(i);
        const PdfPageSource &source = pages.at(i);
        const QString &path = source.imagePath;

        EncodedImage image;
        const int width = s.info.width, height = s.info.height;
        // PDF/A allows DeviceCMYK only with a CMYK output intent: an archival CMYK JPEG is decoded to RGB.
        const bool passThrough =
            s.info.kind == ImageFileInfo::Kind::Jpeg && !(options.archival && s.info.components == 4);
        if (passThrough) {
            image = jpegImage(path, s.info);
        } else {
            Result<EncodedImage> decoded = decodedImage(path);
            if (!decoded)
                return fail(decoded.error());
            image = std::move(decoded).value();
        }
        // The page is the image at 100 % scale.
        const double wPt = width * 72.0 / s.dpiX, hPt = height * 72.0 / s.dpiY;
        const QByteArray text =
            pdf::textLayerOperators(source.text, QSizeF(wPt, hPt), QSize(width, height), QByteArrayLiteral("FOcr"));
        QByteArray pageDict = QByteArrayLiteral("<< /Type /Page /Parent ") + ref(kPagesObject) +
                              QByteArrayLiteral(" /MediaBox [0 0 ") + num(wPt) + ' ' + num(hPt) + ']';
        // A turned page is a viewing instruction: the image stays as scanned, byte for byte.
        if (source.rotation)
            pageDict += QByteArrayLiteral(" /Rotate ") + num(source.rotation);
        pageDict +=
            QByteArrayLiteral(" /Resources << /XObject << /Im0 ") + ref(imageObject(i)) + QByteArrayLiteral(" >>");
        if (!text.isEmpty())
            pageDict += QByteArrayLiteral(" /Font << /FOcr ") + ref(layout.type0Font()) + QByteArrayLiteral(" >>");
        pageDict += QByteArrayLiteral(" >> /Contents ") + ref(contentObject(i)) + QByteArrayLiteral(" >>");
        SOHOA_TRY(out.object(pageObject(i), pageDict));
        const QByteArray drawImage = QByteArrayLiteral("q\n") + num(wPt) + QByteArrayLiteral(" 0 0 ") + num(hPt) +
                                     QByteArrayLiteral(" 0 0 cm\n/Im0 Do\nQ\n");
        if (text.isEmpty()) {
            SOHOA_TRY(out.streamObject(contentObject(i), QByteArray(), drawImage));
        } else {
            const qint64 before = out.offset();
            SOHOA_TRY(writeFlateStream(out, contentObject(i), QByteArray(), drawImage + text));
            // The text's share: the page's content as it would be without it.
            report.textLayerBytes += out.offset() - before - (drawImage.size() + 40);
        }
        if (image.copyFromFile.isEmpty()) {
            SOHOA_TRY(out.streamObject(imageObject(i), image.dict, image.data));
        } else {
            // A JPEG goes in byte for byte, streamed: never decoded, never held whole in memory.
            out.markObject(imageObject(i));
            SOHOA_TRY(out.write(num(imageObject(i)) + QByteArrayLiteral(" 0 obj\n<< ") + image.dict +
                                QByteArrayLiteral(" /Length ") + num(image.length) +
                                QByteArrayLiteral(" >>\nstream\n")));
            SOHOA_TRY(copyFile(out, path, image.length));
            SOHOA_TRY(out.write(QByteArrayLiteral("\nendstream\nendobj\n")));
        }
        report.pageEncodings.append(image.encoding);
        reportProgress(options.control, i + 1, pageCount);
    }
    if (layout.text) {
        Result<qint64> fontBytes = writeGlyphlessFont(out, layout);
        if (!fontBytes)
            return fail(fontBytes.error());
        report.textLayerBytes += fontBytes.value();
    }
    if (options.archival) {
        Result<QByteArray> icc = srgbProfile();
        if (!icc)
            return fail(icc.error());
        SOHOA_TRY(writeFlateStream(out, layout.iccProfile(), QByteArrayLiteral("/N 3"), icc.value()));
    }
    if (cancelled(options))
        return fail(Error(ErrorCode::Cancelled, outputPath));
    SOHOA_TRY(out.finish(kCatalogObject, kInfoObject, documentId.toLatin1(), instanceId.toLatin1()));
    SOHOA_TRY(file.commit());
#undef SOHOA_TRY
    report.fileSize = file.bytesWritten();
    return report;
}

} // namespace sohoa
