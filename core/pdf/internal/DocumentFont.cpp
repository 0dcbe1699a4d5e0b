#include "core/pdf/internal/DocumentFont.h"

#include <QFile>
#include <QFontDatabase>
#include <QStringList>

#include <mutex>

namespace sohoa {

namespace {

const QString kFontDirectory = QStringLiteral("/usr/share/fonts/truetype/liberation2/");
const QString kOriginalFamily = QStringLiteral("Liberation Serif");
const QString kOwnFamily = QStringLiteral("SoHoa Liberation Serif");

// Big-endian fields of the font's tables, byte by byte from bounds the callers checked. (Through
// qFromBigEndian, GCC 12 with -O2 and the sanitizers wrongly warned that a read could hit
// QByteArray's one-byte empty buffer.)
quint16 u16(const QByteArray &b, qsizetype at)
{
    return quint16(quint16(uchar(b[at])) << 8 | uchar(b[at + 1]));
}
quint32 u32(const QByteArray &b, qsizetype at)
{
    return quint32(u16(b, at)) << 16 | u16(b, at + 2);
}
void put16(QByteArray &b, qsizetype at, quint16 v)
{
    b[at] = char(v >> 8);
    b[at + 1] = char(v & 0xff);
}
void put32(QByteArray &b, qsizetype at, quint32 v)
{
    put16(b, at, quint16(v >> 16));
    put16(b, at + 2, quint16(v & 0xffff));
}

bool utf16Encoded(quint16 platform, quint16 encoding)
{
    return platform == 0 || (platform == 3 && (encoding == 0 || encoding == 1 || encoding == 10));
}

QString decodeName(const QByteArray &raw, bool utf16)
{
    if (!utf16)
        return QString::fromLatin1(raw);
    QString s;
    for (qsizetype i = 0; i + 1 < raw.size(); i += 2)
        s += QChar(u16(raw, i));
    return s;
}

QByteArray encodeName(const QString &s, bool utf16)
{
    if (!utf16)
        return s.toLatin1();
    QByteArray out(s.size() * 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < s.size(); ++i)
        put16(out, 2 * i, s.at(i).unicode());
    return out;
}

} // namespace

QByteArray renameFontFamily(const QByteArray &ttf, const QString &oldFamily, const QString &family)
{
    // Offset table, then 16-byte table records: tag, checksum, offset, length (OpenType "Font file").
    if (ttf.size() < 12)
        return {};
    const int numTables = u16(ttf, 4);
    if (ttf.size() < 12 + 16 * qsizetype(numTables))
        return {};
    qsizetype record = -1;
    for (int i = 0; i < numTables; ++i)
        if (ttf.mid(12 + 16 * i, 4) == "name")
            record = 12 + 16 * i;
    if (record < 0)
        return {};
    const qsizetype tableOffset = u32(ttf, record + 8), tableLength = u32(ttf, record + 12);
    if (tableOffset + tableLength > ttf.size() || tableLength < 6)
        return {};
    const QByteArray name = ttf.mid(tableOffset, tableLength);
    // 'name' format 0: format, count, stringOffset, then 12-byte name records.
    const int count = u16(name, 2);
    const qsizetype stringOffset = u16(name, 4);
    if (u16(name, 0) != 0 || 6 + 12 * qsizetype(count) > stringOffset || stringOffset > name.size())
        return {};
    QByteArray records = name.mid(6, 12 * qsizetype(count));
    QByteArray strings;
    for (int i = 0; i < count; ++i) {
        const qsizetype r = 12 * qsizetype(i);
        const quint16 platform = u16(records, r), encoding = u16(records, r + 2), nameId = u16(records, r + 6);
        const qsizetype length = u16(records, r + 8), offset = u16(records, r + 10);
        if (stringOffset + offset + length > name.size())
            return {};
        QByteArray raw = name.mid(stringOffset + offset, length);
        if (nameId == 1 || nameId == 4 || nameId == 16) {
            const bool utf16 = utf16Encoded(platform, encoding);
            QString text = decodeName(raw, utf16);
            if (text.startsWith(oldFamily))
                raw = encodeName(family + text.mid(oldFamily.size()), utf16);
        }
        if (strings.size() + raw.size() > 0xffff)
            return {};
        put16(records, r + 8, quint16(raw.size()));
        put16(records, r + 10, quint16(strings.size()));
        strings += raw;
    }
    QByteArray table(6, '\0');
    put16(table, 2, quint16(count));
    put16(table, 4, quint16(6 + records.size()));
    table += records + strings;

    // The new table goes at the end, 4-byte aligned; only its record changes.
    QByteArray out = ttf;
    while (out.size() % 4 != 0)
        out += '\0';
    const qsizetype newOffset = out.size();
    out += table;
    while (out.size() % 4 != 0)
        out += '\0';
    quint32 checksum = 0;
    for (qsizetype i = newOffset; i < out.size(); i += 4)
        checksum += u32(out, i);
    put32(out, record + 4, checksum);
    put32(out, record + 8, quint32(newOffset));
    put32(out, record + 12, quint32(table.size()));
    return out;
}

Result<QString> documentFontFamily(ErrorCode failure)
{
    static std::once_flag once;
    static QString error;
    std::call_once(once, [] {
        for (const char *file : {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"}) {
            QFile f(kFontDirectory + QLatin1String(file));
            if (!f.open(QIODevice::ReadOnly)) {
                error = f.fileName() + QStringLiteral(": ") + f.errorString() +
                        QStringLiteral(" (install fonts-liberation2)");
                return;
            }
            const QByteArray renamed = renameFontFamily(f.readAll(), kOriginalFamily, kOwnFamily);
            const int id = renamed.isEmpty() ? -1 : QFontDatabase::addApplicationFontFromData(renamed);
            if (id < 0 || !QFontDatabase::applicationFontFamilies(id).contains(kOwnFamily)) {
                error = f.fileName() + QStringLiteral(": cannot register the font");
                return;
            }
        }
    });
    if (!error.isEmpty())
        return Error(failure, error);
    return kOwnFamily;
}

} // namespace sohoa
