#include "signing/PdfRevisionScan_p.h"

#include "core/pdf/internal/PdfIncrementalUpdate.h"
#include "signing/SigningLogging.h"

#include <QTimeZone>

#include <qpdf/QPDFObjectHandle.hh>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <set>

namespace sohoa::signing::detail {


FdCloser::~FdCloser()
{
    if (fd >= 0)
        ::close(fd);
}



QString fieldNameOf(QPDFObjectHandle field)
{
    QStringList parts;
    for (int depth = 0; depth < 32 && field.isDictionary(); ++depth) {
        if (field.getKey("/T").isString())
            parts.prepend(QString::fromStdString(field.getKey("/T").getUTF8Value()));
        field = field.getKey("/Parent");
    }
    return parts.join(u'.');
}

std::string fieldTypeOf(QPDFObjectHandle field)
{
    for (int depth = 0; depth < 32 && field.isDictionary(); ++depth) {
        if (field.getKey("/FT").isName())
            return field.getKey("/FT").getName();
        field = field.getKey("/Parent");
    }
    return {};
}

// The signature fields with a value of one revision (or of the file as it is).
void forEachField(QPDFObjectHandle fields, const std::function<void(QPDFObjectHandle field)> &visit)
{
    std::deque<std::pair<QPDFObjectHandle, int>> queue;
    if (fields.isArray())
        for (int i = 0; i < fields.getArrayNItems(); ++i)
            queue.emplace_back(fields.getArrayItem(i), 0);
    std::set<QPDFObjGen> seen;
    while (!queue.empty()) {
        auto [f, depth] = queue.front();
        queue.pop_front();
        if (!f.isDictionary() || depth > 32 || (f.isIndirect() && !seen.insert(f.getObjGen()).second))
            continue;
        QPDFObjectHandle kids = f.getKey("/Kids");
        if (kids.isArray())
            for (int i = 0; i < kids.getArrayNItems(); ++i)
                queue.emplace_back(kids.getArrayItem(i), depth + 1);
        visit(f);
    }
}

QList<Found> signaturesOf(QPDF &qpdf)
{
    QList<Found> out;
    std::set<QPDFObjGen> values;
    forEachField(qpdf.getRoot().getKey("/AcroForm").getKey("/Fields"), [&](QPDFObjectHandle f) {
        QPDFObjectHandle v = f.getKey("/V");
        if (fieldTypeOf(f) != "/Sig" || v.isNull())
            return;
        Found s;
        s.field = fieldNameOf(f);
        s.dict = v.isIndirect() ? v.getObjGen() : QPDFObjGen();
        if (v.isIndirect() && !values.insert(s.dict).second)
            return;
        if (v.isDictionary()) {
            if (v.getKey("/SubFilter").isName())
                s.subFilter = QString::fromStdString(v.getKey("/SubFilter").getName()).mid(1);
            s.documentTimestamp = v.getKey("/Type").isNameAndEquals("/DocTimeStamp");
            QPDFObjectHandle c = v.getKey("/Contents");
            if (c.isString() && !c.isIndirect()) {
                const std::string bytes = c.getStringValue();
                s.contentsValue = QByteArray(bytes.data(), qsizetype(bytes.size()));
                s.contentsPresent = !s.contentsValue.isEmpty();
            }
            QPDFObjectHandle br = v.getKey("/ByteRange");
            s.byteRangeText = br.isInitialized() && !br.isNull() ? QString::fromStdString(br.unparse()) : QString();
            if (br.isArray() && !br.isIndirect()) {
                s.byteRangeUsable = br.getArrayNItems() == 4;
                for (int i = 0; i < br.getArrayNItems(); ++i) {
                    QPDFObjectHandle n = br.getArrayItem(i);
                    if (!n.isInteger() || n.isIndirect())
                        s.byteRangeUsable = false;
                    s.byteRange.append(n.isInteger() ? n.getIntValue() : -1);
                }
            }
            if (v.getKey("/M").isString())
                s.claimedTime = QString::fromStdString(v.getKey("/M").getUTF8Value());
        }
        out.append(s);
    });
    return out;
}

QList<QByteArray> dssStreams(QPDF &qpdf, const char *key)
{
    QList<QByteArray> out;
    QPDFObjectHandle list = qpdf.getRoot().getKey("/DSS").getKey(key);
    for (int i = 0; list.isArray() && i < list.getArrayNItems() && i < 4096; ++i) {
        QPDFObjectHandle s = list.getArrayItem(i);
        if (!s.isStream())
            continue;
        try {
            auto data = s.getStreamData(qpdf_dl_generalized);
            out.append(QByteArray(reinterpret_cast<const char *>(data->getBuffer()), qsizetype(data->getSize())));
        } catch (const std::exception &e) {
            // An unreadable stream is evidence we do not have.
            qCDebug(lcSigning) << "DSS: an unreadable stream is left out:" << e.what();
        }
    }
    return out;
}

// A PDF date "D:YYYYMMDDHHmmSS+HH'mm'" (ISO 32000-1 §7.9.4) in UTC; invalid when unreadable.
QDateTime parsePdfDate(QString s)
{
    if (s.startsWith(u"D:"))
        s = s.mid(2);
    if (s.size() < 4)
        return {};
    auto part = [&](int at, int len, int fallback) {
        bool ok = false;
        const int v = s.mid(at, len).toInt(&ok);
        return ok && s.size() >= at + len ? v : fallback;
    };
    QDateTime t(QDate(part(0, 4, 0), part(4, 2, 1), part(6, 2, 1)), QTime(part(8, 2, 0), part(10, 2, 0), part(12, 2, 0)),
                Qt::UTC);
    if (s.size() > 14 && (s[14] == u'+' || s[14] == u'-')) {
        const int minutes = part(15, 2, 0) * 60 + part(18, 2, 0);
        t = t.addSecs(s[14] == u'+' ? -minutes * 60 : minutes * 60);
    }
    return t.isValid() ? t : QDateTime();
}

// Opens [0, end) of the file strictly: no reconstruction of damaged cross-reference data.
Result<void> openRevision(QPDF &qpdf, int fd, qint64 end, const QString &path, const QString &password, bool strict)
{
    qpdf.setSuppressWarnings(true);
    qpdf.setAttemptRecovery(!strict);
    const QByteArray pw = password.toUtf8();
    return pdf::openInput(qpdf, fd, end, path, pw.isEmpty() ? nullptr : pw.constData());
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}


// One pass over the file: every signature's digest over its ranges, and where each "%%EOF" is.
Result<QList<qint64>> scanFile(int fd, qint64 size, const QString &path, std::vector<RangeHasher> &hashers)
{
    ::posix_fadvise(fd, 0, size, POSIX_FADV_SEQUENTIAL);
    QList<qint64> eofs;
    QByteArray buf(kChunk + 8, Qt::Uninitialized);
    char carry[4] = {};
    int carried = 0;
    for (qint64 pos = 0; pos < size;) {
        const qint64 n = std::min(kChunk, size - pos);
        if (auto r = pdf::readAllAt(fd, buf.data() + 4, n, pos, path); !r)
            return r.error();
        for (RangeHasher &h : hashers) {
            const QList<qint64> &br = h.sig->byteRange;
            for (qsizetype i = 0; i + 1 < br.size(); i += 2) {
                const qint64 from = std::max(pos, br[i]), to = std::min(pos + n, br[i] + br[i + 1]);
                if (to > from)
                    EVP_DigestUpdate(h.ctx.get(), buf.constData() + 4 + (from - pos), size_t(to - from));
            }
        }
        // "%%EOF" across chunk boundaries: the previous chunk's last four bytes go in front.
        std::memcpy(buf.data() + 4 - carried, carry, size_t(carried));
        const char *base = buf.constData() + 4 - carried;
        const qint64 len = n + carried;
        for (qint64 at = 0; at + 5 <= len;) {
            const void *hit = ::memmem(base + at, size_t(len - at), "%%EOF", 5);
            if (!hit)
                break;
            const qint64 off = static_cast<const char *>(hit) - base;
            eofs.append(pos - carried + off);
            at = off + 5;
        }
        carried = int(std::min<qint64>(4, n));
        std::memcpy(carry, buf.constData() + 4 + n - carried, size_t(carried));
        pos += n;
    }
    for (RangeHasher &h : hashers) {
        unsigned char out[EVP_MAX_MD_SIZE];
        unsigned int outLen = 0;
        if (EVP_DigestFinal_ex(h.ctx.get(), out, &outLen) == 1)
            h.sig->digest = QByteArray(reinterpret_cast<const char *>(out), int(outLen));
    }
    return eofs;
}

int Revisions::indexOf(qint64 end) const
{
    for (qsizetype i = 0; i < ends.size(); ++i)
        if (starts[i] <= end && end <= ends[i])
            return int(i) + 1;
    return 0;
}

Revisions findRevisions(int fd, qint64 size, const QList<qint64> &eofs, const QString &path)
{
    Revisions r;
    for (qint64 eof : eofs) {
        const qint64 from = std::max<qint64>(0, eof - 48);
        QByteArray before(eof - from, Qt::Uninitialized);
        if (!pdf::readAllAt(fd, before.data(), before.size(), from, path))
            continue;
        const QByteArray t = before.trimmed();
        const qsizetype sx = t.lastIndexOf("startxref");
        if (sx < 0)
            continue;
        bool ok = false;
        const qint64 offset = t.mid(sx + 9).trimmed().toLongLong(&ok);
        if (!ok || offset <= 0 || offset >= eof)
            continue;
        qint64 end = eof + 5;
        char eol[2] = {};
        const qint64 m = std::min<qint64>(2, size - end);
        if (m > 0 && pdf::readAllAt(fd, eol, m, end, path)) {
            if (eol[0] == '\r' && m > 1 && eol[1] == '\n')
                end += 2;
            else if (eol[0] == '\r' || eol[0] == '\n')
                end += 1;
        }
        r.starts.append(eof + 5);
        r.ends.append(end);
        if (r.ends.size() > kMaxRevisions)
            break;
    }
    if (!r.ends.isEmpty() && r.ends.last() < size) {
        const qint64 rest = std::min<qint64>(size - r.ends.last(), 1 << 20);
        QByteArray tail(rest, Qt::Uninitialized);
        if (pdf::readAllAt(fd, tail.data(), rest, r.ends.last(), path))
            r.trailing = tail.trimmed().isEmpty() ? 0 : size - r.ends.last();
    }
    return r;
}


} // namespace sohoa::signing::detail
