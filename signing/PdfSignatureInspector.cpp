#include "PdfSignatureInspector.h"

#define POINTERHOLDER_TRANSITION 4

#include <QFile>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <set>

namespace sohoa::signing {

namespace {

constexpr qint64 kChunkSize = 1 << 20;

// The DER value's own length, so that zero padding (and only padding) is dropped.
QByteArray trimDer(const QByteArray &raw)
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
            info.contents = trimDer(QByteArray(s.data(), qsizetype(s.size())));
        }
        auto text = [&](const char *key) {
            return v.getKey(key).isString() ? QString::fromStdString(v.getKey(key).getUTF8Value()) : QString();
        };
        info.signingTime = text("/M");
        info.reason = text("/Reason");
        info.location = text("/Location");
        info.signerName = text("/Name");
        const auto &b = info.byteRange;
        if (b.size() == 4) {
            info.revisionEnd = b[2] + b[3];
            info.coversWholeFile = b[0] == 0 && b[1] > 0 && b[2] > b[1] && b[3] >= 0 && info.revisionEnd == fileSize;
        }
        out.append(info);
    }
};

} // namespace

Result<QList<PdfSignatureInfo>> PdfSignatureInspector::signatures(const QString &path)
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
        qpdf.processFile(QFile::encodeName(path).constData());
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

Result<QByteArray> PdfSignatureInspector::digestOfRanges(const QString &path, const QList<qint64> &byteRange,
                                                         QCryptographicHash::Algorithm algorithm)
{
    if (byteRange.isEmpty() || byteRange.size() % 2 != 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("byte range needs offset/length pairs"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, path + QStringLiteral(": ") + file.errorString());
    const qint64 size = file.size();
    QCryptographicHash hash(algorithm);
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
            hash.addData(QByteArrayView(buf.constData(), got));
            left -= got;
        }
    }
    return hash.result();
}

} // namespace sohoa::signing
