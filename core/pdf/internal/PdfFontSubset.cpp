#include "core/pdf/internal/PdfFontSubset.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>

#include <utility>

namespace sohoa::pdf {

namespace {

QByteArray pdfNameAt(const QByteArray &pdf, qsizetype pos)
{
    qsizetype end = pos;
    while (end < pdf.size() && !QByteArrayView(" \t\r\n/<>[]()%").contains(pdf.at(end)))
        ++end;
    return pdf.mid(pos, end - pos);
}

} // namespace

QByteArray tagSubsetFonts(const QByteArray &pdf)
{
    static const QByteArray fontNameKey("/FontName /");
    static const QByteArray baseFontKey("/BaseFont /");
    QHash<QByteArray, QByteArray> tagged;
    for (qsizetype pos = pdf.indexOf(fontNameKey); pos >= 0; pos = pdf.indexOf(fontNameKey, pos + 1)) {
        const QByteArray name = pdfNameAt(pdf, pos + fontNameKey.size());
        if (name.size() > 7 && name.at(6) == '+')
            tagged.insert(name.mid(7), name);
    }
    QList<std::pair<qsizetype, qsizetype>> insertions; // original offset, bytes added there
    QByteArray out;
    qsizetype copied = 0;
    for (qsizetype pos = pdf.indexOf(baseFontKey); pos >= 0; pos = pdf.indexOf(baseFontKey, pos + 1)) {
        const qsizetype namePos = pos + baseFontKey.size();
        const QByteArray name = pdfNameAt(pdf, namePos);
        const auto it = tagged.constFind(name);
        if (it == tagged.constEnd())
            continue;
        out += pdf.mid(copied, namePos - copied);
        out += it->left(7);
        copied = namePos;
        insertions.append({namePos, 7});
    }
    if (insertions.isEmpty())
        return pdf;
    out += pdf.mid(copied);

    const auto shifted = [&insertions](qsizetype offset) {
        qsizetype shift = 0;
        for (const auto &[at, added] : insertions)
            if (at < offset)
                shift += added;
        return offset + shift;
    };
    static const QByteArray startxrefKey("startxref");
    const qsizetype startxrefPos = out.lastIndexOf(startxrefKey);
    if (startxrefPos < 0)
        return pdf;
    bool ok = false;
    const qsizetype oldXref =
        out.mid(startxrefPos + startxrefKey.size()).trimmed().split('\n').value(0).trimmed().toLongLong(&ok);
    const qsizetype xref = shifted(oldXref);
    if (!ok || !out.mid(xref).startsWith("xref"))
        return pdf;
    // Subsections: "first count" then count entries of exactly 20 bytes "oooooooooo ggggg n\r\n".
    qsizetype pos = out.indexOf('\n', xref) + 1;
    while (pos > 0 && pos < out.size() && !out.mid(pos).startsWith("trailer")) {
        const qsizetype lineEnd = out.indexOf('\n', pos);
        const QList<QByteArray> header = out.mid(pos, lineEnd - pos).trimmed().split(' ');
        const int count = header.value(1).toInt(&ok);
        if (lineEnd < 0 || header.size() != 2 || !ok)
            return pdf;
        pos = lineEnd + 1;
        for (int i = 0; i < count; ++i, pos += 20) {
            if (pos + 20 > out.size())
                return pdf;
            if (out.at(pos + 17) == 'n') {
                const qsizetype offset = out.mid(pos, 10).toLongLong(&ok);
                if (!ok)
                    return pdf;
                out.replace(pos, 10, QByteArray::number(shifted(offset)).rightJustified(10, '0'));
            }
        }
    }
    const qsizetype numberPos = startxrefPos + startxrefKey.size();
    const qsizetype numberEnd = out.indexOf("%%EOF", numberPos);
    if (numberEnd < 0)
        return pdf;
    out.replace(numberPos, numberEnd - numberPos, QByteArray("\n" + QByteArray::number(xref) + "\n"));
    return out;
}

} // namespace sohoa::pdf
