#pragma once

// Building the published attacks on PDF signatures from a signed file, byte by byte, the way an
// attacker would: an appended incremental update (Incremental Saving, Shadow, certification attacks)
// or an edit in place that keeps every offset (Universal Signature Forgery, Signature Wrapping).
// Sources: Mladenov et al., "1 Trillion Dollar Refund" (CCS 2019); Mainka et al., "Shadow Attacks"
// (NDSS 2021) and "Breaking the Specification: PDF Certification" (S&P 2021).

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QRegularExpression>

namespace sohoa::test {

inline QByteArray pdfStream(const QByteArray &dict, const QByteArray &data)
{
    QByteArray d = dict.trimmed();
    if (d.endsWith(">>"))
        d.chop(2);
    return d + " /Length " + QByteArray::number(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

// The value of the last "startxref" and of the last trailer's /Size and /Root.
struct TrailerFacts
{
    qint64 startXref = -1;
    int size = 0;
    QByteArray root;
};

inline TrailerFacts trailerFacts(const QByteArray &pdf)
{
    TrailerFacts t;
    const qsizetype sx = pdf.lastIndexOf("startxref");
    if (sx >= 0)
        t.startXref = pdf.mid(sx + 9, 32).trimmed().split('\n').first().trimmed().toLongLong();
    static const QRegularExpression size(QStringLiteral("/Size\\s+(\\d+)"));
    static const QRegularExpression root(QStringLiteral("/Root\\s+(\\d+\\s+\\d+\\s+R)"));
    const QString text = QString::fromLatin1(pdf.right(std::min<qsizetype>(pdf.size(), 8192)));
    for (auto it = size.globalMatch(text); it.hasNext();)
        t.size = it.next().captured(1).toInt();
    for (auto it = root.globalMatch(text); it.hasNext();)
        t.root = it.next().captured(1).toLatin1();
    return t;
}

// Appends an incremental update with a classic cross-reference table: `objects` (number -> body,
// generation 0) and `freed` object numbers. extraTrailer goes into the new trailer.
inline QByteArray appendUpdate(const QByteArray &pdf, const QMap<int, QByteArray> &objects,
                               const QList<int> &freed = {}, const QByteArray &extraTrailer = {})
{
    const TrailerFacts facts = trailerFacts(pdf);
    QByteArray out = pdf;
    if (!out.endsWith('\n'))
        out += '\n';
    QMap<int, qint64> offsets;
    int size = facts.size;
    for (auto it = objects.begin(); it != objects.end(); ++it) {
        offsets[it.key()] = out.size();
        out += QByteArray::number(it.key()) + " 0 obj\n" + it.value() + "\nendobj\n";
        size = std::max(size, it.key() + 1);
    }
    const qint64 xref = out.size();
    out += "xref\n0 1\n0000000000 65535 f\r\n";
    for (auto it = offsets.begin(); it != offsets.end(); ++it)
        out += QByteArray::number(it.key()) + " 1\n" + QByteArray::number(it.value()).rightJustified(10, '0') +
               " 00000 n\r\n";
    for (int n : freed)
        out += QByteArray::number(n) + " 1\n0000000000 00001 f\r\n";
    out += "trailer\n<< /Size " + QByteArray::number(size) + " /Root " + facts.root + " /Prev " +
           QByteArray::number(facts.startXref) + ' ' + extraTrailer + " >>\nstartxref\n" + QByteArray::number(xref) +
           "\n%%EOF\n";
    return out;
}

// Replaces `from` (its last occurrence, or the one at `at`) by `to` padded with spaces to the same
// length: every offset of the file stays where it was. Empty result when `to` is longer or `from` is
// not there.
inline QByteArray replaceInPlace(const QByteArray &pdf, const QByteArray &from, const QByteArray &to,
                                 qsizetype at = -1)
{
    const qsizetype i = at >= 0 ? at : pdf.lastIndexOf(from);
    if (i < 0 || to.size() > from.size() || pdf.mid(i, from.size()) != from)
        return {};
    QByteArray out = pdf;
    out.replace(i, from.size(), QByteArray(to + QByteArray(from.size() - to.size(), ' ')));
    return out;
}

// The last signature dictionary's "/ByteRange [ ... ]" (with the writer's padding) and
// "/Contents <...>" as written.
struct SignatureText
{
    qsizetype byteRangeAt = -1;
    QByteArray byteRange; // "/ByteRange [0 a b c]   "
    QList<qint64> numbers;
    qsizetype contentsAt = -1;
    QByteArray contents; // "/Contents <...>"
    int objectNumber = 0;
};

inline SignatureText lastSignatureText(const QByteArray &pdf)
{
    SignatureText s;
    s.byteRangeAt = pdf.lastIndexOf("/ByteRange");
    if (s.byteRangeAt < 0)
        return s;
    const qsizetype close = pdf.indexOf(']', s.byteRangeAt);
    qsizetype end = close + 1;
    while (end < pdf.size() && pdf[end] == ' ')
        ++end;
    s.byteRange = pdf.mid(s.byteRangeAt, end - s.byteRangeAt);
    const qsizetype open = pdf.indexOf('[', s.byteRangeAt);
    for (const QByteArray &n : pdf.mid(open + 1, close - open - 1).simplified().split(' '))
        s.numbers.append(n.toLongLong());
    s.contentsAt = pdf.indexOf("/Contents", s.byteRangeAt);
    const qsizetype gt = pdf.indexOf('>', s.contentsAt);
    s.contents = pdf.mid(s.contentsAt, gt + 1 - s.contentsAt);
    static const QRegularExpression obj(QStringLiteral("(\\d+) 0 obj"));
    const QString before = QString::fromLatin1(pdf.mid(std::max<qsizetype>(0, s.byteRangeAt - 4096),
                                                       std::min<qsizetype>(s.byteRangeAt, 4096)));
    for (auto it = obj.globalMatch(before); it.hasNext();)
        s.objectNumber = it.next().captured(1).toInt();
    return s;
}

} // namespace sohoa::test
