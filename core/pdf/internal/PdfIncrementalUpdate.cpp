#include "core/pdf/internal/PdfIncrementalUpdate.h"

#include "core/common/DurableFile.h"

#include <fcntl.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDFCryptoImpl.hh>
#include <qpdf/QPDFCryptoProvider.hh>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <set>
#include <stdexcept>
#include <unistd.h>

namespace sohoa::pdf {

QByteArray fromStd(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

QByteArray pdfNumber(double v)
{
    if (std::abs(v) < 1e-9)
        return "0";
    QByteArray s = QByteArray::number(v, 'f', 5);
    while (s.endsWith('0'))
        s.chop(1);
    if (s.endsWith('.'))
        s.chop(1);
    return s;
}

QByteArray pdfDate(QDateTime t)
{
    if (!t.isValid())
        t = QDateTime::currentDateTime();
    const int offset = t.offsetFromUtc();
    const int absMinutes = std::abs(offset) / 60;
    return "D:" + t.toString(QStringLiteral("yyyyMMddHHmmss")).toLatin1() + (offset < 0 ? '-' : '+') +
           QByteArray::number(absMinutes / 60).rightJustified(2, '0') + '\'' +
           QByteArray::number(absMinutes % 60).rightJustified(2, '0') + '\'';
}

namespace {

// Where the header is, as qpdf and Poppler find it: Poppler takes the first "%PDF-" that starts in the
// first 1019 bytes (whatever follows), qpdf the first one in the first 1024 bytes followed by a
// version "digits.digits". Where both agree, that is the offset; where they would not, PdfDamaged.
// No header at all: 0 (qpdf then warns, and the input is refused as damaged when it is opened).
Result<qint64> findHeader(QFile &file, qint64 size, const QString &path)
{
    constexpr qint64 kSearch = 1024;
    if (!file.seek(0))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    const QByteArray head = file.read(std::min(size, kSearch));
    const qsizetype at = head.indexOf("%PDF-");
    if (at < 0)
        return qint64(0);
    qsizetype p = at + 5;
    const auto digits = [&] {
        const qsizetype s = p;
        while (p < head.size() && head[p] >= '0' && head[p] <= '9')
            ++p;
        return p > s;
    };
    bool version = digits() && p < head.size() && head[p] == '.';
    if (version) {
        ++p;
        version = digits();
    }
    constexpr qsizetype kPopplerLast = kSearch - 6; // Poppler: i < bytesRead - 5
    if (!version || at > kPopplerLast)
        return Error(ErrorCode::PdfDamaged,
                     path + QStringLiteral(": the \"%PDF-\" header at byte %1 is not one every reader takes for the "
                                           "header (offsets would be counted from different places)")
                                .arg(at));
    return qint64(at);
}

} // namespace

Result<Tail> readTail(QFile &file, qint64 size, const QString &path)
{
    Tail tail;
    if (size <= 0)
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": empty file"));
    auto header = findHeader(file, size, path);
    if (!header)
        return header.error();
    tail.headerOffset = header.value();
    const qint64 n = std::min<qint64>(size, 4096);
    if (!file.seek(size - n))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    const QByteArray end = file.read(n);
    if (end.size() != n)
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    tail.endOffset = size - n;
    tail.end = end;
    tail.endsWithEol = end.endsWith('\n') || end.endsWith('\r');
    const qsizetype at = end.lastIndexOf("startxref");
    if (at < 0)
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": no startxref at the end"));
    qsizetype i = at + 9;
    while (i < end.size() && QByteArrayView(" \t\r\n\f").contains(end[i]))
        ++i;
    qsizetype j = i;
    while (j < end.size() && end[j] >= '0' && end[j] <= '9')
        ++j;
    bool ok = false;
    tail.startXref = end.mid(i, j - i).toLongLong(&ok);
    // Compared without adding: the file's number may be near the 64-bit limit (a signed overflow).
    if (!ok || tail.startXref <= 0 || tail.startXref >= size - tail.headerOffset)
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": startxref is not a valid offset"));
    if (!file.seek(tail.headerOffset + tail.startXref))
        return Error(ErrorCode::PdfDamaged, path);
    const QByteArray head = file.read(64);
    qsizetype k = 0;
    while (k < head.size() && QByteArrayView(" \t\r\n\f").contains(head[k]))
        ++k;
    const QByteArray h = head.mid(k);
    if (h.startsWith("xref")) {
        tail.xrefStream = false;
    } else {
        // "n g obj"
        qsizetype p = 0;
        auto digits = [&] {
            const qsizetype s = p;
            while (p < h.size() && h[p] >= '0' && h[p] <= '9')
                ++p;
            return p > s;
        };
        auto spaces = [&] {
            const qsizetype s = p;
            while (p < h.size() && QByteArrayView(" \t\r\n\f").contains(h[p]))
                ++p;
            return p > s;
        };
        if (!(digits() && spaces() && digits() && spaces() && h.mid(p).startsWith("obj")))
            return Error(ErrorCode::PdfDamaged,
                         path + QStringLiteral(": startxref does not point to a cross-reference section"));
        tail.xrefStream = true;
    }
    return tail;
}

QList<std::pair<int, int>> runsOf(const std::map<int, std::pair<qint64, int>> &offsets)
{
    QList<std::pair<int, int>> runs;
    for (const auto &[num, entry] : offsets) {
        Q_UNUSED(entry);
        if (!runs.isEmpty() && runs.last().first + runs.last().second == num)
            ++runs.last().second;
        else
            runs.append({num, 1});
    }
    return runs;
}

QByteArray Crypt::encrypt(const QByteArray &plain, QPDFObjGen og, QPDF::encryption_method_e method) const
{
    if (!on || method == QPDF::e_none)
        return plain;
    const bool aes = method == QPDF::e_aes || method == QPDF::e_aesv3;
    const std::string k = QPDF::compute_data_key(key, og.getObj(), og.getGen(), aes, V, R);
    const auto *kd = reinterpret_cast<const unsigned char *>(k.data());
    if (!aes) {
        // RC4 by hand: qpdf's crypto provider crashes on it here (OpenSSL 3 keeps RC4 in the legacy
        // provider), and it is ten lines.
        quint8 S[256];
        for (int i = 0; i < 256; ++i)
            S[i] = quint8(i);
        for (int i = 0, j = 0; i < 256; ++i) {
            j = (j + S[i] + kd[size_t(i) % k.size()]) & 0xff;
            std::swap(S[i], S[j]);
        }
        QByteArray out(plain.size(), Qt::Uninitialized);
        for (qsizetype n = 0, i = 0, j = 0; n < plain.size(); ++n) {
            i = (i + 1) & 0xff;
            j = (j + S[i]) & 0xff;
            std::swap(S[i], S[j]);
            out[n] = char(quint8(plain[n]) ^ S[(S[i] + S[j]) & 0xff]);
        }
        return out;
    }
    // AES-CBC, random IV first, PKCS#5 padding.
    constexpr int block = int(QPDFCryptoImpl::rijndael_buf_size);
    QByteArray iv(block, Qt::Uninitialized);
    QPDFCryptoProvider::getImpl()->provideRandomData(reinterpret_cast<unsigned char *>(iv.data()), size_t(block));
    QByteArray padded = plain;
    const int pad = block - int(plain.size() % block);
    padded.append(QByteArray(pad, char(pad)));
    QByteArray out = iv;
    out.resize(block + padded.size());
    auto impl = QPDFCryptoProvider::getImpl();
    QByteArray cbc = iv;
    impl->rijndael_init(true, kd, k.size(), true, reinterpret_cast<unsigned char *>(cbc.data()));
    for (qsizetype i = 0; i < padded.size(); i += block)
        impl->rijndael_process(reinterpret_cast<unsigned char *>(padded.data() + i),
                               reinterpret_cast<unsigned char *>(out.data() + block + i));
    impl->rijndael_finalize();
    return out;
}

void Crypt::encryptStrings(QPDFObjectHandle o, QPDFObjGen og) const
{
    auto fix = [&](QPDFObjectHandle v) -> QPDFObjectHandle {
        if (v.isIndirect())
            return v;
        if (v.isString()) {
            const std::string plain = v.getStringValue();
            const QByteArray enc = encrypt(QByteArray(plain.data(), qsizetype(plain.size())), og, stringMethod);
            return QPDFObjectHandle::newString(enc.toStdString());
        }
        if (v.isDictionary() || v.isArray())
            encryptStrings(v, og);
        return v;
    };
    if (o.isDictionary()) {
        for (const std::string &key : o.getKeys())
            o.replaceKey(key, fix(o.getKey(key)));
    } else if (o.isArray()) {
        for (int i = 0; i < o.getArrayNItems(); ++i)
            o.setArrayItem(i, fix(o.getArrayItem(i)));
    }
}

FileIdentity FileIdentity::of(const struct stat &st)
{
    FileIdentity id;
    id.dev = st.st_dev;
    id.ino = st.st_ino;
    id.size = st.st_size;
    id.mtime = st.st_mtim;
    id.ctime = st.st_ctim;
    return id;
}

bool FileIdentity::operator==(const FileIdentity &o) const
{
    return dev == o.dev && ino == o.ino && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
           mtime.tv_nsec == o.mtime.tv_nsec && ctime.tv_sec == o.ctime.tv_sec && ctime.tv_nsec == o.ctime.tv_nsec;
}

Result<void> writeAllAt(int fd, const char *data, qint64 size, qint64 offset, const QString &path)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, data, size_t(size), off_t(offset));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errorFromErrno(errno, ErrorCode::FileWriteFailed, path);
        }
        data += n;
        size -= n;
        offset += n;
    }
    return {};
}

Result<void> readAllAt(int fd, char *data, qint64 size, qint64 offset, const QString &path)
{
    while (size > 0) {
        const ssize_t n = ::pread(fd, data, size_t(size), off_t(offset));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errorFromErrno(errno, ErrorCode::FileReadFailed, path);
        }
        if (n == 0)
            return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": file shorter than expected"));
        data += n;
        size -= n;
        offset += n;
    }
    return {};
}

UpdateInput::~UpdateInput()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<void> UpdateInput::open(const QString &path)
{
    m_path = path;
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        return errorFromErrno(errno, ErrorCode::FileReadFailed, path);
    struct stat st = {};
    if (::fstat(m_fd, &st) != 0)
        return errorFromErrno(errno, ErrorCode::FileReadFailed, path);
    if (!S_ISREG(st.st_mode))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": not a regular file"));
    m_identity = FileIdentity::of(st);
    m_size = qint64(st.st_size);
    QFile file;
    if (!file.open(m_fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    auto tail = readTail(file, m_size, path);
    if (!tail)
        return tail.error();
    m_tail = tail.value();
    return {};
}

Result<void> UpdateInput::checkUnchanged(const QString &whileDoing) const
{
    struct stat now = {};
    if (::fstat(m_fd, &now) != 0 || !(FileIdentity::of(now) == m_identity) ||
        ::stat(QFile::encodeName(m_path).constData(), &now) != 0 || !(FileIdentity::of(now) == m_identity))
        return Error(ErrorCode::FileReadFailed, m_path + QStringLiteral(": the input changed ") + whileDoing);
    return {};
}

Result<void> UpdateInput::copyWithUpdate(AtomicFileWriter &writer, const QByteArray &update,
                                         const std::function<bool()> &cancelled) const
{
    constexpr qint64 kChunk = 1 << 20;
    ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    QByteArray buf(kChunk, Qt::Uninitialized);
    for (qint64 done = 0; done < m_size;) {
        if (cancelled && cancelled())
            return Error(ErrorCode::Cancelled);
        const qint64 n = std::min<qint64>(m_size - done, kChunk);
        if (auto r = readAllAt(m_fd, buf.data(), n, done, m_path); !r)
            return r;
        // The last bytes must be the ones readTail() parsed: the update continues that file.
        const qint64 overlapStart = std::max(done, m_tail.endOffset);
        if (overlapStart < done + n &&
            QByteArrayView(buf.constData() + (overlapStart - done), done + n - overlapStart) !=
                QByteArrayView(m_tail.end).sliced(overlapStart - m_tail.endOffset, done + n - overlapStart))
            return Error(ErrorCode::FileReadFailed, m_path + QStringLiteral(": the input changed while it was read"));
        if (auto r = writer.write(buf.constData(), n); !r)
            return r;
        done += n;
    }
    if (!m_tail.endsWithEol)
        if (auto r = writer.write("\n", 1); !r)
            return r;
    return writer.write(update);
}

PreadInputSource::PreadInputSource(int fd, qint64 size, std::string name)
    : m_fd(fd), m_size(size), m_name(std::move(name))
{}

void PreadInputSource::seek(qpdf_offset_t offset, int whence)
{
    qint64 to = offset;
    if (whence == SEEK_CUR)
        to += m_pos;
    else if (whence == SEEK_END)
        to += m_size;
    if (to < 0)
        throw std::runtime_error(m_name + ": seek before the start of the file");
    m_pos = to;
}

void PreadInputSource::unreadCh(char)
{
    if (m_pos > 0)
        --m_pos;
}

size_t PreadInputSource::read(char *buffer, size_t length)
{
    last_offset = m_pos;
    if (m_pos >= m_size || length == 0)
        return 0;
    const qint64 want = std::min<qint64>(qint64(length), m_size - m_pos);
    if (want > kBlock) {
        // Stream data and the like: straight into the caller's buffer.
        if (auto r = readAllAt(m_fd, buffer, want, m_pos, QString::fromStdString(m_name)); !r)
            throw std::runtime_error(r.error().detail().toStdString());
        m_pos += want;
        return size_t(want);
    }
    qint64 done = 0;
    while (done < want) {
        if (m_blockStart < 0 || m_pos < m_blockStart || m_pos >= m_blockStart + m_block.size()) {
            m_blockStart = m_pos - m_pos % kBlock;
            m_block.resize(std::min<qint64>(kBlock, m_size - m_blockStart));
            if (auto r = readAllAt(m_fd, m_block.data(), m_block.size(), m_blockStart, QString::fromStdString(m_name));
                !r) {
                m_blockStart = -1;
                throw std::runtime_error(r.error().detail().toStdString());
            }
        }
        const qint64 n = std::min(want - done, m_blockStart + m_block.size() - m_pos);
        std::memcpy(buffer + done, m_block.constData() + (m_pos - m_blockStart), size_t(n));
        done += n;
        m_pos += n;
    }
    return size_t(done);
}

qpdf_offset_t PreadInputSource::findAndSkipNextEOL()
{
    // As qpdf's FileInputSource: the offset of the next CR or LF, leaving the position after the
    // whole run of CR and LF; the end of the file when there is none.
    char buf[4096];
    while (true) {
        const qint64 start = m_pos;
        const size_t n = read(buf, sizeof buf);
        if (n == 0)
            return m_pos;
        const char *cr = static_cast<const char *>(std::memchr(buf, '\r', n));
        const char *lf = static_cast<const char *>(std::memchr(buf, '\n', n));
        const char *p = cr && lf ? std::min(cr, lf) : cr ? cr : lf;
        if (!p)
            continue;
        const qint64 eol = start + (p - buf);
        m_pos = eol + 1;
        char ch = 0;
        while (read(&ch, 1) == 1) {
            if (ch != '\r' && ch != '\n') {
                unreadCh(ch);
                break;
            }
        }
        return eol;
    }
}

ObjectMap collectCreated(std::vector<QPDFObjectHandle> roots, int lastOldObject)
{
    ObjectMap created;
    std::vector<QPDFObjectHandle> queue = std::move(roots);
    while (!queue.empty()) {
        QPDFObjectHandle o = queue.back();
        queue.pop_back();
        if (o.isIndirect()) {
            if (o.getObjectID() <= lastOldObject || created.count(o.getObjGen()))
                continue;
            created[o.getObjGen()] = o;
        }
        if (o.isStream()) {
            queue.push_back(o.getDict());
        } else if (o.isDictionary()) {
            for (const std::string &key : o.getKeys())
                queue.push_back(o.getKey(key));
        } else if (o.isArray()) {
            for (int i = 0; i < o.getArrayNItems(); ++i)
                queue.push_back(o.getArrayItem(i));
        }
    }
    return created;
}

Result<QByteArray> serializeUpdate(const UpdateSection &section)
{
    static const ObjectMap none;
    const ObjectMap &changed = section.changed ? *section.changed : none;
    const ObjectMap &created = section.created ? *section.created : none;
    static const Crypt clear;
    const Crypt &crypt = section.crypt ? *section.crypt : clear;
    const Tail &tail = section.tail;
    for (auto [og, o] : changed)
        if (o.isStream())
            return Error(ErrorCode::PdfUnsupported,
                         section.path + QStringLiteral(": a stream where a dictionary belongs"));

    // Changed input objects, then the new ones, in object-number order.
    std::map<int, QPDFObjectHandle> all;
    for (const auto &[og, o] : changed)
        all[og.getObj()] = o;
    for (const auto &[og, o] : created)
        all[og.getObj()] = o;
    if (all.empty())
        return Error(ErrorCode::Internal, QStringLiteral("an update without objects"));

    UpdateBuilder u;
    for (auto &[num, o] : all) {
        u.beginObject(o.getObjGen());
        const QPDFObjGen og = o.getObjGen();
        if (section.hook && section.hook(o, u)) {
            continue;
        } else if (o.isStream()) {
            const std::shared_ptr<Buffer> raw = o.getRawStreamData();
            const QByteArray data =
                crypt.encrypt(QByteArray(reinterpret_cast<const char *>(raw->getBuffer()), qsizetype(raw->getSize())),
                              og, crypt.streamMethod);
            QPDFObjectHandle dict = o.getDict().shallowCopy();
            dict.replaceKey("/Length", QPDFObjectHandle::newInteger(data.size()));
            if (crypt.on)
                crypt.encryptStrings(dict, og);
            u.bytes += fromStd(dict.unparse()) + "\nstream\n" + data;
            u.bytes += "\nendstream\nendobj\n";
        } else {
            if (crypt.on)
                crypt.encryptStrings(o, og);
            u.bytes += fromStd(o.unparseResolved()) + "\nendobj\n";
        }
    }

    // Cross-reference section in the input's last style, and the trailer. Offsets in the file count
    // from its header, as readers count them (see Tail::headerOffset).
    const qint64 base0 = section.base - tail.headerOffset;
    const int maxNum = all.rbegin()->first;
    QPDFObjectHandle newTrailer = QPDFObjectHandle::newDictionary();
    static const std::set<std::string> skipped{"/XRefStm", "/Prev",        "/Size",   "/Index", "/W",
                                               "/Filter",  "/DecodeParms", "/Length", "/Type",  "/DL"};
    QPDFObjectHandle trailer = section.trailer;
    for (const std::string &key : trailer.getKeys())
        if (!skipped.count(key))
            newTrailer.replaceKey(key, trailer.getKey(key));
    newTrailer.replaceKey("/Prev", QPDFObjectHandle::newInteger(tail.startXref));

    qint64 xrefOffset = 0;
    if (!tail.xrefStream) {
        newTrailer.replaceKey("/Size", QPDFObjectHandle::newInteger(std::max<qint64>(section.oldSize, maxNum + 1)));
        xrefOffset = base0 + u.bytes.size();
        u.bytes += "xref\n";
        for (const auto &[first, count] : runsOf(u.offsets)) {
            u.bytes += QByteArray::number(first) + ' ' + QByteArray::number(count) + '\n';
            for (int n = first; n < first + count; ++n) {
                const auto &[off, gen] = u.offsets.at(n);
                u.bytes += QByteArray::number(base0 + off).rightJustified(10, '0') + ' ' +
                           QByteArray::number(gen).rightJustified(5, '0') + " n\r\n";
            }
        }
        u.bytes += "trailer\n" + fromStd(newTrailer.unparse()) + '\n';
    } else {
        const int xrefNum = maxNum + 1;
        xrefOffset = base0 + u.bytes.size();
        u.offsets[xrefNum] = {u.bytes.size(), 0};
        int maxGen = 0;
        for (const auto &[num, entry] : u.offsets)
            maxGen = std::max(maxGen, entry.second);
        int w2 = 1;
        while (w2 < 8 && (xrefOffset >> (8 * w2)) != 0)
            ++w2;
        const int w3 = maxGen > 255 ? 2 : 1;
        QByteArray data;
        QPDFObjectHandle index = QPDFObjectHandle::newArray();
        for (const auto &[first, count] : runsOf(u.offsets)) {
            index.appendItem(QPDFObjectHandle::newInteger(first));
            index.appendItem(QPDFObjectHandle::newInteger(count));
            for (int n = first; n < first + count; ++n) {
                const auto &[off, gen] = u.offsets.at(n);
                data += char(1);
                for (int b = w2 - 1; b >= 0; --b)
                    data += char(((base0 + off) >> (8 * b)) & 0xff);
                for (int b = w3 - 1; b >= 0; --b)
                    data += char((gen >> (8 * b)) & 0xff);
            }
        }
        newTrailer.replaceKey("/Type", QPDFObjectHandle::newName("/XRef"));
        newTrailer.replaceKey("/Size", QPDFObjectHandle::newInteger(std::max<qint64>(section.oldSize, xrefNum + 1)));
        newTrailer.replaceKey("/Index", index);
        newTrailer.replaceKey("/W", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
                                        QPDFObjectHandle::newInteger(1), QPDFObjectHandle::newInteger(w2),
                                        QPDFObjectHandle::newInteger(w3)}));
        newTrailer.replaceKey("/Length", QPDFObjectHandle::newInteger(data.size()));
        u.bytes += QByteArray::number(xrefNum) + " 0 obj\n" + fromStd(newTrailer.unparse()) + "\nstream\n" + data +
                   "\nendstream\nendobj\n";
    }
    u.bytes += "startxref\n" + QByteArray::number(xrefOffset) + "\n%%EOF\n";
    return std::move(u.bytes);
}

Result<void> openInput(QPDF &qpdf, int fd, qint64 size, const QString &path, const char *password)
{
    const bool passwordGiven = password && *password;
    try {
        qpdf.processInputSource(std::make_shared<PreadInputSource>(fd, size, QFile::encodeName(path).toStdString()),
                                password);
    } catch (const QPDFExc &e) {
        if (e.getErrorCode() == qpdf_e_password)
            return Error(ErrorCode::PdfEncrypted,
                         path + (passwordGiven ? QStringLiteral(": the password given does not open it")
                                               : QStringLiteral(": a password is needed to open it")));
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromStdString(e.what()));
    } catch (const std::exception &e) {
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromStdString(e.what()));
    }
    return {};
}

Result<Crypt> cryptFor(QPDF &qpdf, const QString &path, bool passwordGiven, bool (QPDF::*allowed)(),
                       const QString &refusal)
{
    Crypt crypt;
    if (qpdf.isEncrypted()) {
        int R = 0, P = 0, V = 0;
        QPDF::encryption_method_e fileMethod = QPDF::e_none;
        qpdf.isEncrypted(R, P, V, crypt.streamMethod, crypt.stringMethod, fileMethod);
        if (V < 4) // no crypt filters before V4: qpdf reports "none", the method is RC4
            crypt.streamMethod = crypt.stringMethod = QPDF::e_rc4;
        // Owner rights only for an owner password the user gave: a file whose owner password is empty
        // also "matches" it, and its restrictions are still meant for whoever opens it without one.
        const bool ownerRights = passwordGiven && qpdf.ownerPasswordMatched();
        if ((!ownerRights && !(qpdf.*allowed)()) || crypt.streamMethod == QPDF::e_unknown ||
            crypt.stringMethod == QPDF::e_unknown)
            return Error(ErrorCode::PdfEncrypted, path + QStringLiteral(": ") + refusal);
        crypt.on = true;
        crypt.V = V;
        crypt.R = R;
        crypt.key = qpdf.getEncryptionKey();
    }
    if (qpdf.anyWarnings())
        return Error(ErrorCode::PdfDamaged,
                     path + QStringLiteral(": the cross-reference data is damaged (qpdf had to repair it: ") +
                         QString::fromStdString(qpdf.getWarnings().front().what()) + u')');
    return crypt;
}

} // namespace sohoa::pdf
