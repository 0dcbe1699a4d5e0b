#include "core/pdf/internal/PdfTextLayer.h"

#include <QFile>

#include <algorithm>
#include <cmath>

namespace sohoa::pdf {

namespace {

QByteArray num(double v)
{
    QByteArray s = QByteArray::number(v, 'f', 3);
    while (s.endsWith('0'))
        s.chop(1);
    if (s.endsWith('.'))
        s.chop(1);
    return s == "-0" ? QByteArrayLiteral("0") : s;
}

// The code points the font and its ToUnicode cover: the BMP without controls, surrogates (a character
// beyond the BMP is dropped: Vietnamese never needs one) and the byte-order mark and non-characters.
bool isShowable(char16_t c)
{
    return c >= 0x20 && !(c >= 0xD800 && c <= 0xDFFF) && c != 0xFEFF && c != 0xFFFE && c != 0xFFFF;
}

// A word as Identity-H codes: two bytes per character, the code point itself.
QByteArray hexCodes(const QString &text, int *count)
{
    QByteArray hex;
    *count = 0;
    for (const QChar c : text) {
        if (!isShowable(c.unicode()))
            continue;
        hex += QByteArray::number(c.unicode(), 16).rightJustified(4, '0').toUpper();
        ++*count;
    }
    return hex;
}

// The line's letters' height: the median word height, less the rise a skewed baseline adds to a box.
double lineTextHeight(const TextLine &line)
{
    QList<double> heights;
    for (const TextWord &w : line.words)
        heights.append(std::max(w.box.height() - w.box.width() * std::abs(line.baselineSlope), w.box.height() * 0.5));
    if (heights.isEmpty())
        return line.box.height();
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    return heights.at(heights.size() / 2);
}

} // namespace

QByteArray textLayerOperators(const PageText &text, const QSizeF &pageSizePt, const QSize &imageSize,
                              const QByteArray &font)
{
    const QSize pixels = text.imageSize.isValid() && !text.imageSize.isEmpty() ? text.imageSize : imageSize;
    if (text.lines.isEmpty() || pixels.isEmpty())
        return {};
    const double sx = pageSizePt.width() / pixels.width();
    const double sy = pageSizePt.height() / pixels.height();
    QByteArray out;
    for (const TextLine &line : text.lines) {
        if (line.words.isEmpty())
            continue;
        // Each line is laid horizontally at its baseline's height in the middle of the line, not turned
        // with a skewed baseline: pdftotext (Poppler) cuts turned text into columns and mixes up the lines
        // of a skewed page. Measured on the corpus at 200 dpi: with the text turned along the baseline,
        // pdftotext gave back 25 % of a page skewed by 3.9° and 71 % of one skewed by 1°, where OCR had read
        // 96 %; laid flat, every page comes back as OCR read it. The cost is a selection up to half the
        // line's rise off the printed words at the ends of a skewed line: nothing once pages are deskewed
        // before OCR, as the archival export does.
        const double middle = line.box.center().x();
        const double baseline =
            line.box.bottom() + line.baselineSlope * (middle - line.box.left()) + line.baselineOffset;
        const double y = pageSizePt.height() - baseline * sy;
        const double fontSize = std::max(lineTextHeight(line) * sy, 1.0);
        out += QByteArrayLiteral("BT\n3 Tr\n/") + font + ' ' + num(fontSize) + QByteArrayLiteral(" Tf\n");
        for (qsizetype i = 0; i < line.words.size(); ++i) {
            const TextWord &word = line.words.at(i);
            int count = 0;
            const QByteArray hex = hexCodes(word.text, &count);
            if (count == 0)
                continue;
            // Stretched (Tz) so that the word covers its box: selection and search highlight the printed word.
            const double natural = fontSize * kGlyphlessWidth / 1000.0 * count;
            const double scale = std::clamp(100.0 * word.box.width() * sx / natural, 1.0, 10000.0);
            out += QByteArrayLiteral("1 0 0 1 ") + num(word.box.left() * sx) + ' ' + num(y) +
                   QByteArrayLiteral(" Tm ") + num(scale) + QByteArrayLiteral(" Tz <") + hex +
                   QByteArrayLiteral("> Tj");
            // A real space after each word but the last: pdftotext (and a reader's copy) separate words by it.
            if (i + 1 < line.words.size())
                out += QByteArrayLiteral(" <0020> Tj");
            out += '\n';
        }
        out += QByteArrayLiteral("ET\n");
    }
    return out;
}

Result<QByteArray> glyphlessFontProgram()
{
    QFile f(QStringLiteral(":/sohoa/pdf/glyphless.ttf"));
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Internal, QStringLiteral("the glyph-less font resource is missing from the build"));
    return f.readAll();
}

QByteArray glyphlessCidToGidMap()
{
    QByteArray map(2 * 65536, '\0');
    for (qsizetype i = 1; i < map.size(); i += 2)
        map[i] = 1;
    return map;
}

QByteArray identityToUnicodeCMap()
{
    // bfrange entries may only differ in their last byte: one range per high byte.
    QList<QByteArray> ranges;
    for (int high = 0; high < 256; ++high) {
        if (high >= 0xD8 && high <= 0xDF)
            continue;
        auto code = [high](int low) {
            return QByteArray::number(high * 256 + low, 16).rightJustified(4, '0').toUpper();
        };
        auto range = [&](int first, int last) {
            ranges.append('<' + code(first) + QByteArrayLiteral("> <") + code(last) + QByteArrayLiteral("> <") +
                          code(first) + '>');
        };
        if (high == 0)
            range(0x20, 0xFF);
        else if (high == 0xFE)
            range(0x00, 0xFE); // FEFF is the byte-order mark
        else if (high == 0xFF)
            range(0x00, 0xFD);
        else
            range(0x00, 0xFF);
    }
    QByteArray cmap = QByteArrayLiteral("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                                        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                                        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                                        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    // At most 100 entries per section (PDF 32000-1 §9.10.3, PostScript's CMap limits).
    for (qsizetype i = 0; i < ranges.size(); i += 100) {
        const qsizetype n = std::min<qsizetype>(100, ranges.size() - i);
        cmap += QByteArray::number(n) + QByteArrayLiteral(" beginbfrange\n");
        for (qsizetype k = i; k < i + n; ++k)
            cmap += ranges.at(k) + '\n';
        cmap += QByteArrayLiteral("endbfrange\n");
    }
    cmap += QByteArrayLiteral("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    return cmap;
}

} // namespace sohoa::pdf
