#include "signing/PdfSignatureInspector.h"

#define POINTERHOLDER_TRANSITION 4

#include <QFile>
#include <QtNumeric>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <set>

namespace sohoa::signing {

namespace {

constexpr qint64 kChunkSize = 1 << 20;

struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// OpenSSL's digest for a Qt algorithm (several times faster than QCryptographicHash), or null.
const EVP_MD *evpOf(QCryptographicHash::Algorithm algorithm)
{
    switch (algorithm) {
    case QCryptographicHash::Sha1:
        return EVP_sha1();
    case QCryptographicHash::Sha224:
        return EVP_sha224();
    case QCryptographicHash::Sha256:
        return EVP_sha256();
    case QCryptographicHash::Sha384:
        return EVP_sha384();
    case QCryptographicHash::Sha512:
        return EVP_sha512();
    default:
        return nullptr;
    }
}

} // namespace

QByteArray PdfSignatureInspector::derWithoutPadding(const QByteArray &raw)
{
    if (raw.size() >= 2 && quint8(raw[0]) == 0x30) {
        const quint8 l = quint8(raw[1]);
        qint64 total = -1;
        if (l < 0x80) {
            total = 2 + l;
        } else if ((l & 0x7f) >= 1 && (l & 0x7f) <= 4 && raw.size() >= 2 + (l & 0x7f)) {
            qint64 len = 0;
            for (int i = 0; i < (l & 0x7f); ++i)
                len = (len << 8) | quint8(raw[2 + i]);
            total = 2 + (l & 0x7f) + len;
        }
        if (total > 0 && total <= raw.size())
            return raw.left(total);
    }
    qsizetype n = raw.size();
    while (n > 0 && raw[n - 1] == 0)
        --n;
    return raw.left(n);
}

namespace {

struct Walker
{
    qint64 fileSize = 0;
    QList<PdfSignatureInfo> out;
    std::set<QPDFObjGen> seen;

    void walk(QPDFObjectHandle field, const QString &prefix, const std::string &inheritedFt, int depth)
    {
        if (!field.isDictionary() || depth > 32)
            return;
        if (field.isIndirect()) {
            if (seen.count(field.getObjGen()))
                return;
            seen.insert(field.getObjGen());
        }
        QString name = prefix;
        if (field.getKey("/T").isString()) {
            const QString t = QString::fromStdString(field.getKey("/T").getUTF8Value());
            name = prefix.isEmpty() ? t : prefix + u'.' + t;
        }
        const std::string ft = field.getKey("/FT").isName() ? field.getKey("/FT").getName() : inheritedFt;
        QPDFObjectHandle kids = field.getKey("/Kids");
        if (kids.isArray()) {
            for (int i = 0; i < kids.getArrayNItems(); ++i)
                walk(kids.getArrayItem(i), name, ft, depth + 1);
        }
        QPDFObjectHandle v = field.getKey("/V");
        if (ft != "/Sig" || !v.isDictionary())
            return;
        PdfSignatureInfo info;
        info.fieldName = name;
        if (v.getKey("/SubFilter").isName())
            info.subFilter = QString::fromStdString(v.getKey("/SubFilter").getName()).mid(1);
        QPDFObjectHandle br = v.getKey("/ByteRange");
        if (br.isArray())
            for (int i = 0; i < br.getArrayNItems(); ++i)
                info.byteRange.append(br.getArrayItem(i).isInteger() ? br.getArrayItem(i).getIntValue() : -1);
        if (v.getKey("/Contents").isString()) {
            const std::string s = v.getKey("/Contents").getStringValue();
            info.contents = PdfSignatureInspector::derWithoutPadding(QByteArray(s.data(), qsizetype(s.size())));
        }
        auto text = [&](const char *key) {
            return v.getKey(key).isString() ? QString::fromStdString(v.getKey(key).getUTF8Value()) : QString();
        };
        info.signingTime = text("/M");
        info.reason = text("/Reason");
        info.location = text("/Location");
        info.signerName = text("/Name");
        const auto &b = info.byteRange;
        // The numbers are the file's: their sum may not fit in 64 bits; revisionEnd stays -1 then.
        if (b.size() == 4 && !qAddOverflow(b[2], b[3], &info.revisionEnd)) {
            info.coversWholeFile = b[0] == 0 && b[1] > 0 && b[2] > b[1] && b[3] >= 0 && info.revisionEnd == fileSize;
        } else {
            info.revisionEnd = -1;
        }
        out.append(info);
    }
};

} // namespace

Result<QList<PdfSignatureInfo>> PdfSignatureInspector::signatures(const QString &path, const SecureBuffer &password)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    Walker walker;
    walker.fileSize = file.size();
    file.close();
    try {
        QPDF qpdf;
        qpdf.setSuppressWarnings(true);
        qpdf.processFile(QFile::encodeName(path).constData(), password.data());
        QPDFObjectHandle fields = qpdf.getRoot().getKey("/AcroForm").getKey("/Fields");
        if (fields.isArray())
            for (int i = 0; i < fields.getArrayNItems(); ++i)
                walker.walk(fields.getArrayItem(i), QString(), std::string(), 0);
    } catch (const QPDFExc &e) {
        if (e.getErrorCode() == qpdf_e_password)
            return Error(ErrorCode::PdfEncrypted, path + QStringLiteral(": ") + QString::fromStdString(e.what()));
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromStdString(e.what()));
    } catch (const std::exception &e) {
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromStdString(e.what()));
    }
    return walker.out;
}

Result<PdfFacts> PdfSignatureInspector::facts(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    PdfFacts facts;
    facts.size = file.size();
    file.close();
    Walker walker;
    walker.fileSize = facts.size;
    try {
        QPDF qpdf;
        qpdf.setSuppressWarnings(true);
        qpdf.processFile(QFile::encodeName(path).constData(), "");
        facts.encrypted = qpdf.isEncrypted();
        QPDFObjectHandle pages = qpdf.getRoot().getKey("/Pages").getKey("/Count");
        facts.pages = pages.isInteger() ? int(pages.getIntValue()) : 0;
        QPDFObjectHandle fields = qpdf.getRoot().getKey("/AcroForm").getKey("/Fields");
        if (fields.isArray())
            for (int i = 0; i < fields.getArrayNItems(); ++i)
                walker.walk(fields.getArrayItem(i), QString(), std::string(), 0);
        facts.signatures = int(walker.out.size());
        facts.certified = qpdf.getRoot().getKey("/Perms").isDictionary() &&
                          qpdf.getRoot().getKey("/Perms").hasKey("/DocMDP");
    } catch (const QPDFExc &e) {
        if (e.getErrorCode() != qpdf_e_password)
            return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromStdString(e.what()));
        facts.encrypted = true;
        facts.needsPassword = true;
    } catch (const std::exception &e) {
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": ") + QString::fromStdString(e.what()));
    }
    return facts;
}

Result<QByteArray> PdfSignatureInspector::digestOfRanges(const QString &path, const QList<qint64> &byteRange,
                                                         QCryptographicHash::Algorithm algorithm)
{
    if (byteRange.isEmpty() || byteRange.size() % 2 != 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("byte range needs offset/length pairs"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    const qint64 size = file.size();
    const EVP_MD *md = evpOf(algorithm);
    QCryptographicHash hash(algorithm);
    MdCtx ctx(md ? EVP_MD_CTX_new() : nullptr);
    if (md && (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1))
        return Error(ErrorCode::Internal, QStringLiteral("digest unavailable"));
    QByteArray buf(kChunkSize, Qt::Uninitialized);
    for (qsizetype i = 0; i < byteRange.size(); i += 2) {
        const qint64 offset = byteRange[i], length = byteRange[i + 1];
        if (offset < 0 || length < 0 || offset > size || length > size - offset)
            return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": byte range outside the file"));
        if (!file.seek(offset))
            return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
        qint64 left = length;
        while (left > 0) {
            const qint64 got = file.read(buf.data(), std::min(left, kChunkSize));
            if (got <= 0)
                return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
            if (md)
                EVP_DigestUpdate(ctx.get(), buf.constData(), size_t(got));
            else
                hash.addData(QByteArrayView(buf.constData(), got));
            left -= got;
        }
    }
    if (!md)
        return hash.result();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(ctx.get(), out, &length) != 1)
        return Error(ErrorCode::Internal, QStringLiteral("digest failed"));
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

Result<void> PdfSignatureInspector::checkSignatureRegion(const QString &path, const QList<qint64> &byteRange,
                                                         const QByteArray &cmsDer)
{
    auto bad = [&](const QString &why) {
        return Error(ErrorCode::VerificationFailed, path + QStringLiteral(": ") + why);
    };
    if (byteRange.size() != 4 || cmsDer.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("byte range needs four numbers"));
    const qint64 a = byteRange[0], b = byteRange[1], c = byteRange[2], n = byteRange[3];
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    const qint64 size = file.size();
    if (a != 0 || b <= 0 || c <= b || n < 0 || n != size - c) // c + n may overflow: the numbers are the file's
        return bad(QStringLiteral("the byte range does not cover the file"));
    const qint64 gap = c - b;
    if (gap < 2 + 2 * qint64(cmsDer.size()) || gap > (qint64(1) << 24))
        return bad(QStringLiteral("the /Contents gap has the wrong size"));
    // A window before the gap for "/ByteRange [...] /Contents", then the gap itself.
    const qint64 before = std::min<qint64>(b, 256);
    if (!file.seek(b - before))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    const QByteArray bytes = file.read(before + gap);
    if (bytes.size() != before + gap)
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    const QByteArray head = bytes.left(before);
    const QByteArray hex = bytes.mid(before);
    if (!hex.startsWith('<') || !hex.endsWith('>'))
        return bad(QStringLiteral("no hex string where the byte range leaves its gap"));
    const QByteArray body = hex.mid(1, hex.size() - 2);
    const QByteArray wanted = cmsDer.toHex().toUpper();
    if (!body.startsWith(wanted))
        return bad(QStringLiteral("/Contents does not hold the signature"));
    for (qsizetype i = wanted.size(); i < body.size(); ++i)
        if (body[i] != '0')
            return bad(QStringLiteral("/Contents is not zero padded"));
    // "/ByteRange[0 b c n]" (spaces allowed) then "/Contents" right before the gap.
    QByteArray h = head.trimmed();
    if (!h.endsWith("/Contents"))
        return bad(QStringLiteral("/Contents does not precede the gap"));
    const qsizetype at = h.lastIndexOf("/ByteRange");
    if (at < 0)
        return bad(QStringLiteral("no /ByteRange next to /Contents"));
    QByteArray arr = h.mid(at + 10, h.size() - 9 - (at + 10)).trimmed();
    if (!arr.startsWith('[') || !arr.endsWith(']'))
        return bad(QStringLiteral("/ByteRange is not an array next to /Contents"));
    const QList<QByteArray> parts = arr.mid(1, arr.size() - 2).simplified().split(' ');
    QList<qint64> written;
    for (const QByteArray &part : parts) {
        bool ok = false;
        written.append(part.toLongLong(&ok));
        if (!ok)
            return bad(QStringLiteral("/ByteRange holds a non-integer"));
    }
    if (written != byteRange)
        return bad(QStringLiteral("/ByteRange as written differs"));
    return {};
}

} // namespace sohoa::signing
