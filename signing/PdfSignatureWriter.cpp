#include "PdfSignatureWriter.h"

// qpdf 11: std::shared_ptr instead of PointerHolder, no deprecation warnings.
#define POINTERHOLDER_TRANSITION 4

#include "DurableFile.h"
#include "SigningLogging.h"

#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QSet>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFCryptoImpl.hh>
#include <qpdf/QPDFCryptoProvider.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFMatrix.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace sohoa::signing {

namespace {

constexpr qint64 kChunkSize = 1 << 20;
// "[0 a b c]" with up to 13 digits each (offsets up to 10 TB), padded with spaces after "]":
// patching never moves a byte.
constexpr int kByteRangeWidth = 3 + 3 * 14 + 1;

using Sink = std::function<Result<void>(const char *, qint64)>;

// A text string's bytes: PDFDocEncoding when plain ASCII, UTF-16BE with a BOM otherwise.
QByteArray pdfTextBytes(const QString &s)
{
    bool ascii = true;
    for (const QChar c : s)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            ascii = false;
    if (ascii)
        return s.toLatin1();
    QByteArray utf16 = "\xFE\xFF";
    for (const QChar c : s) {
        utf16 += char(c.unicode() >> 8);
        utf16 += char(c.unicode() & 0xff);
    }
    return utf16;
}

QByteArray pdfLiteralOrHex(const QByteArray &bytes)
{
    bool plain = true;
    for (const char c : bytes)
        if (uchar(c) < 0x20 || uchar(c) > 0x7e)
            plain = false;
    if (!plain)
        return '<' + bytes.toHex().toUpper() + '>';
    QByteArray out = "(";
    for (const char ch : bytes) {
        if (ch == '(' || ch == ')' || ch == '\\')
            out += '\\';
        out += ch;
    }
    return out + ')';
}

bool isPlainName(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (const QChar c : s)
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != u'.' && c != u'-' && c != u'_')
            return false;
    return true;
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

QByteArray fromStd(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

struct Tail
{
    qint64 startXref = -1;
    bool xrefStream = false;
    bool endsWithEol = false;
};

// The last startxref and the kind of section it points to: the update continues that style.
Result<Tail> readTail(QFile &file, qint64 size, const QString &path)
{
    Tail tail;
    const qint64 n = std::min<qint64>(size, 4096);
    if (n <= 0 || !file.seek(size - n))
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": empty file"));
    const QByteArray end = file.read(n);
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
    if (!ok || tail.startXref <= 0 || tail.startXref >= size)
        return Error(ErrorCode::PdfDamaged, path + QStringLiteral(": startxref is not a valid offset"));
    if (!file.seek(tail.startXref))
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

// Builds the update bytes and remembers each object's offset in it.
struct UpdateBuilder
{
    QByteArray bytes;
    std::map<int, std::pair<qint64, int>> offsets; // object number -> (offset in update, generation)

    void beginObject(QPDFObjGen og)
    {
        offsets[og.getObj()] = {bytes.size(), og.getGen()};
        bytes += QByteArray::number(og.getObj()) + ' ' + QByteArray::number(og.getGen()) + " obj\n";
    }
};

// Runs of consecutive object numbers: one xref subsection each.
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

// Encrypts the update's strings and streams like the input's (ISO 32000-1 §7.6): an input that opens
// without a password (owner-password "protection" only) can still be signed. The signature's
// /Contents and the cross-reference stream stay in clear, as the standard requires.
struct Crypt
{
    bool on = false;
    int V = 0, R = 0;
    std::string key;
    QPDF::encryption_method_e streamMethod = QPDF::e_none, stringMethod = QPDF::e_none;

    QByteArray encrypt(const QByteArray &plain, QPDFObjGen og, QPDF::encryption_method_e method) const
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

    // Replaces every direct string inside o (not behind references) by its encrypted bytes.
    void encryptStrings(QPDFObjectHandle o, QPDFObjGen og) const
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
};

} // namespace

struct PdfSignatureWriter::Private
{
    QString inputPath;
    QString outputPath;
    SignatureFieldOptions options;
    QString fieldName;
    qint64 inputSize = 0;
    QDateTime inputModified;
    bool addEol = false;
    QByteArray update;       // everything after the input (and the added EOL)
    qint64 contentsPos = -1; // of "<" in update
    qint64 contentsEnd = -1; // after ">" in update
    QList<qint64> byteRange;
    QByteArray inputSha256; // of the input bytes as hashed for the digest; finish() checks it again
    std::unique_ptr<AtomicFileWriter> writer;

    qint64 base() const { return inputSize + (addEol ? 1 : 0); }

    Result<void> streamInput(const Sink &sink, QByteArray *sha256)
    {
        QFile in(inputPath);
        if (!in.open(QIODevice::ReadOnly))
            return Error(ErrorCode::FileReadFailed, inputPath + QStringLiteral(": ") + in.errorString());
        if (in.size() != inputSize || QFileInfo(in).lastModified() != inputModified)
            return Error(ErrorCode::SigningFailed, inputPath + QStringLiteral(": the input changed during signing"));
        QCryptographicHash hash(QCryptographicHash::Sha256);
        QByteArray buf(kChunkSize, Qt::Uninitialized);
        qint64 left = inputSize;
        while (left > 0) {
            const qint64 got = in.read(buf.data(), std::min<qint64>(left, kChunkSize));
            if (got <= 0)
                return Error(ErrorCode::FileReadFailed, inputPath + QStringLiteral(": ") + in.errorString());
            hash.addData(QByteArrayView(buf.constData(), got));
            if (auto r = sink(buf.constData(), got); !r)
                return r;
            left -= got;
        }
        *sha256 = hash.result();
        if (addEol)
            return sink("\n", 1);
        return {};
    }

    Result<void> streamCovered(const Sink &sink)
    {
        QByteArray sha;
        if (auto r = streamInput(sink, &sha); !r)
            return r;
        if (!inputSha256.isEmpty() && sha != inputSha256)
            return Error(ErrorCode::SigningFailed, inputPath + QStringLiteral(": the input changed during signing"));
        inputSha256 = sha;
        if (auto r = sink(update.constData(), contentsPos); !r)
            return r;
        return sink(update.constData() + contentsEnd, update.size() - contentsEnd);
    }

    Result<void> build(QPDF &qpdf, QPDF &appearanceDoc, const Tail &tail, const Crypt &crypt);
};

PdfSignatureWriter::PdfSignatureWriter() : d(std::make_unique<Private>()) {}
PdfSignatureWriter::~PdfSignatureWriter() = default;

QList<qint64> PdfSignatureWriter::byteRange() const
{
    return d->byteRange;
}
QString PdfSignatureWriter::fieldName() const
{
    return d->fieldName;
}
qint64 PdfSignatureWriter::outputSize() const
{
    return d->base() + d->update.size();
}

Result<std::unique_ptr<PdfSignatureWriter>>
PdfSignatureWriter::prepare(const QString &inputPath, const QString &outputPath, const SignatureFieldOptions &options)
{
    if (options.contentsSize < 256 || options.contentsSize > (1 << 22))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("contentsSize %1").arg(options.contentsSize));
    if (!isPlainName(options.subFilter))
        return Error(ErrorCode::InvalidArgument, QStringLiteral("subFilter ") + options.subFilter);
    if (!options.overwrite && QFileInfo::exists(outputPath))
        return Error(ErrorCode::OutputExists, outputPath);

    std::unique_ptr<PdfSignatureWriter> w(new PdfSignatureWriter);
    Private &p = *w->d;
    p.inputPath = inputPath;
    p.outputPath = outputPath;
    p.options = options;

    QFile in(inputPath);
    if (!in.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileReadFailed, inputPath + QStringLiteral(": ") + in.errorString());
    p.inputSize = in.size();
    p.inputModified = QFileInfo(in).lastModified();
    auto tail = readTail(in, p.inputSize, inputPath);
    if (!tail)
        return tail.error();
    in.close();
    p.addEol = !tail->endsWithEol;

    QPDF qpdf;
    QPDF appearanceDoc; // must outlive serialization: copied streams read their data from it
    qpdf.setSuppressWarnings(true);
    appearanceDoc.setSuppressWarnings(true);
    try {
        qpdf.processFile(QFile::encodeName(inputPath).constData());
    } catch (const QPDFExc &e) {
        if (e.getErrorCode() == qpdf_e_password)
            return Error(ErrorCode::PdfEncrypted, inputPath + QStringLiteral(": ") + QString::fromStdString(e.what()));
        return Error(ErrorCode::PdfDamaged, inputPath + QStringLiteral(": ") + QString::fromStdString(e.what()));
    } catch (const std::exception &e) {
        return Error(ErrorCode::PdfDamaged, inputPath + QStringLiteral(": ") + QString::fromStdString(e.what()));
    }
    Crypt crypt;
    if (qpdf.isEncrypted()) {
        // Opened without a password: only "owner" restrictions. Signing needs form filling allowed.
        int R = 0, P = 0, V = 0;
        QPDF::encryption_method_e fileMethod = QPDF::e_none;
        qpdf.isEncrypted(R, P, V, crypt.streamMethod, crypt.stringMethod, fileMethod);
        if (V < 4) // no crypt filters before V4: qpdf reports "none", the method is RC4
            crypt.streamMethod = crypt.stringMethod = QPDF::e_rc4;
        if (!qpdf.allowModifyForm() || crypt.streamMethod == QPDF::e_unknown || crypt.stringMethod == QPDF::e_unknown)
            return Error(ErrorCode::PdfEncrypted, inputPath + QStringLiteral(": its permissions do not allow signing"));
        crypt.on = true;
        crypt.V = V;
        crypt.R = R;
        crypt.key = qpdf.getEncryptionKey();
    }
    if (qpdf.anyWarnings())
        return Error(ErrorCode::PdfDamaged,
                     inputPath + QStringLiteral(": the cross-reference data is damaged (qpdf had to repair it: ") +
                         QString::fromStdString(qpdf.getWarnings().front().what()) + u')');

    try {
        if (auto r = p.build(qpdf, appearanceDoc, tail.value(), crypt); !r)
            return r.error();
        // A repair while resolving the objects we rewrite (a wrong offset, a reconstructed table)
        // means the numbers and offsets we relied on are not the ones a reader will find.
        if (qpdf.anyWarnings())
            return Error(ErrorCode::PdfDamaged,
                         inputPath + QStringLiteral(": ") + QString::fromStdString(qpdf.getWarnings().front().what()));
    } catch (const QPDFExc &e) {
        return Error(ErrorCode::PdfDamaged, inputPath + QStringLiteral(": ") + QString::fromStdString(e.what()));
    } catch (const std::exception &e) {
        return Error(ErrorCode::PdfDamaged, inputPath + QStringLiteral(": ") + QString::fromStdString(e.what()));
    }

    // Claim the temporary next to the output now: an unwritable folder fails before signing.
    p.writer = std::make_unique<AtomicFileWriter>(outputPath, options.overwrite);
    if (auto r = p.writer->open(); !r)
        return r.error();
    return w;
}

Result<void> PdfSignatureWriter::Private::build(QPDF &qpdf, QPDF &appearanceDoc, const Tail &tail, const Crypt &crypt)
{
    QPDFObjectHandle trailer = qpdf.getTrailer();
    QPDFObjectHandle root = qpdf.getRoot();
    if (!root.isDictionary() || !root.isIndirect())
        return Error(ErrorCode::PdfDamaged, inputPath + QStringLiteral(": no document catalog"));
    const int objectsInFile = int(qpdf.getObjectCount());
    const std::vector<QPDFObjectHandle> &pages = qpdf.getAllPages();
    if (pages.empty())
        return Error(ErrorCode::PdfDamaged, inputPath + QStringLiteral(": no pages"));
    if (qpdf.anyWarnings())
        return Error(ErrorCode::PdfDamaged, inputPath + QStringLiteral(": damaged page tree: ") +
                                                QString::fromStdString(qpdf.getWarnings().front().what()));
    const int pageCount = int(pages.size());
    const int pageIndex = options.pageIndex < 0 ? pageCount - 1 : options.pageIndex;
    if (pageIndex >= pageCount)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("page %1 of a %2-page document").arg(options.pageIndex + 1).arg(pageCount));
    QPDFObjectHandle page = pages[size_t(pageIndex)];
    if (!page.isIndirect())
        return Error(ErrorCode::PdfUnsupported, inputPath + QStringLiteral(": direct page object"));
    // qpdf copies a page object that the page tree lists twice; the copy is not in the file.
    if (page.getObjectID() > objectsInFile)
        return Error(ErrorCode::PdfUnsupported,
                     inputPath + QStringLiteral(": the page appears twice in the page tree"));

    // Every object number up to here belongs to the input; new ones come after.
    const int lastOldObject = int(qpdf.getObjectCount());
    const qint64 oldSize = trailer.getKey("/Size").isInteger() ? trailer.getKey("/Size").getIntValue() : 0;

    // AcroForm and the field name.
    std::map<QPDFObjGen, QPDFObjectHandle> changed;
    auto markChanged = [&](QPDFObjectHandle h) {
        changed[h.getObjGen()] = h;
    };
    QPDFObjectHandle acroForm = root.getKey("/AcroForm");
    if (!acroForm.isDictionary()) {
        acroForm = qpdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
        root.replaceKey("/AcroForm", acroForm);
        markChanged(root);
    }
    QPDFObjectHandle acroHolder = acroForm.isIndirect() ? acroForm : root;
    QPDFObjectHandle fields = acroForm.getKey("/Fields");
    QSet<QString> names;
    if (fields.isArray()) {
        for (int i = 0; i < fields.getArrayNItems(); ++i) {
            QPDFObjectHandle f = fields.getArrayItem(i);
            if (f.isDictionary() && f.getKey("/T").isString())
                names.insert(QString::fromStdString(f.getKey("/T").getUTF8Value()));
        }
    }
    fieldName = options.fieldName;
    if (fieldName.isEmpty()) {
        for (int n = 1;; ++n) {
            fieldName = QStringLiteral("Signature%1").arg(n);
            if (!names.contains(fieldName))
                break;
        }
    } else if (names.contains(fieldName)) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a field named '%1' already exists").arg(fieldName));
    } else if (fieldName.contains(u'.')) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a field name cannot contain '.': ") + fieldName);
    }

    // Appearance.
    const QRectF rect = options.rectPt.normalized();
    const bool invisible = !(rect.width() > 0 && rect.height() > 0);
    const double w = invisible ? 0 : rect.width();
    const double h = invisible ? 0 : rect.height();
    std::string content;
    QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
    if (!invisible && !options.appearancePdf.isEmpty()) {
        try {
            appearanceDoc.processMemoryFile("appearance", options.appearancePdf.constData(),
                                            size_t(options.appearancePdf.size()));
            const std::vector<QPDFObjectHandle> &apPages = appearanceDoc.getAllPages();
            if (apPages.empty())
                return Error(ErrorCode::AppearanceFailed, QStringLiteral("the appearance PDF has no page"));
            QPDFObjectHandle foreign = QPDFPageObjectHelper(apPages.front()).getFormXObjectForPage();
            QPDFObjectHandle fx = qpdf.copyForeignObject(foreign);
            QPDFObjectHandle fxDict = fx.getDict();
            QPDFObjectHandle::Rectangle bbox = fxDict.getKey("/BBox").getArrayAsRectangle();
            if (fxDict.getKey("/Matrix").isArray())
                bbox = QPDFMatrix(fxDict.getKey("/Matrix").getArrayAsMatrix()).transformRectangle(bbox);
            const double bw = bbox.urx - bbox.llx, bh = bbox.ury - bbox.lly;
            if (!(bw > 0 && bh > 0))
                return Error(ErrorCode::AppearanceFailed, QStringLiteral("the appearance page is empty"));
            const double sx = w / bw, sy = h / bh;
            content = QByteArray("q " + pdfNumber(sx) + " 0 0 " + pdfNumber(sy) + ' ' + pdfNumber(-bbox.llx * sx) +
                                 ' ' + pdfNumber(-bbox.lly * sy) + " cm /Fx Do Q\n")
                          .toStdString();
            QPDFObjectHandle xobjects = QPDFObjectHandle::newDictionary();
            xobjects.replaceKey("/Fx", fx);
            resources.replaceKey("/XObject", xobjects);
        } catch (const std::exception &e) {
            return Error(ErrorCode::AppearanceFailed, QString::fromStdString(e.what()));
        }
    }
    QPDFObjectHandle ap = qpdf.newStream(content);
    ap.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
    ap.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/Form"));
    ap.getDict().replaceKey("/BBox", QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(0, 0, w, h)));
    ap.getDict().replaceKey("/Resources", resources);

    // Signature dictionary (serialized by hand below) and the merged field/widget.
    QPDFObjectHandle sig = qpdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
    QPDFObjectHandle field = qpdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
    field.replaceKey("/Type", QPDFObjectHandle::newName("/Annot"));
    field.replaceKey("/Subtype", QPDFObjectHandle::newName("/Widget"));
    field.replaceKey("/FT", QPDFObjectHandle::newName("/Sig"));
    field.replaceKey("/T", QPDFObjectHandle::newUnicodeString(fieldName.toStdString()));
    field.replaceKey("/V", sig);
    const QRectF r = invisible ? QRectF() : rect;
    field.replaceKey("/Rect", QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(
                                  r.left(), r.top(), r.left() + r.width(), r.top() + r.height())));
    field.replaceKey("/F", QPDFObjectHandle::newInteger(132)); // Print | Locked
    field.replaceKey("/P", page);
    QPDFObjectHandle apDict = QPDFObjectHandle::newDictionary();
    apDict.replaceKey("/N", ap);
    field.replaceKey("/AP", apDict);

    // The page's /Annots (the array object itself when it is indirect).
    QPDFObjectHandle annots = page.getKey("/Annots");
    if (annots.isArray()) {
        annots.appendItem(field);
        markChanged(annots.isIndirect() ? annots : page);
    } else {
        page.replaceKey("/Annots", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{field}));
        markChanged(page);
    }
    // The form's /Fields and /SigFlags.
    if (fields.isArray()) {
        fields.appendItem(field);
        markChanged(fields.isIndirect() ? fields : acroHolder);
    } else {
        acroForm.replaceKey("/Fields", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{field}));
        markChanged(acroHolder);
    }
    const long long sigFlags =
        acroForm.getKey("/SigFlags").isInteger() ? acroForm.getKey("/SigFlags").getIntValue() : 0;
    if ((sigFlags & 3) != 3) {
        acroForm.replaceKey("/SigFlags", QPDFObjectHandle::newInteger(sigFlags | 3));
        markChanged(acroHolder);
    }

    // Every new object reachable from what we made (qpdf numbered the copied appearance objects).
    std::map<QPDFObjGen, QPDFObjectHandle> created;
    std::vector<QPDFObjectHandle> queue{sig, field, ap, acroForm};
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
    for (auto [og, o] : changed)
        if (o.isStream())
            return Error(ErrorCode::PdfUnsupported,
                         inputPath + QStringLiteral(": a stream where a dictionary belongs"));

    // Serialize: changed input objects, then the new ones, in object-number order.
    std::map<int, QPDFObjectHandle> all;
    for (const auto &[og, o] : changed)
        all[og.getObj()] = o;
    for (const auto &[og, o] : created)
        all[og.getObj()] = o;

    UpdateBuilder u;
    qint64 byteRangePos = -1;
    for (auto &[num, o] : all) {
        u.beginObject(o.getObjGen());
        const QPDFObjGen og = o.getObjGen();
        auto text = [&](const QString &t) {
            return pdfLiteralOrHex(crypt.encrypt(pdfTextBytes(t), og, crypt.stringMethod));
        };
        if (num == sig.getObjectID()) {
            u.bytes += "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/" + options.subFilter.toLatin1();
            u.bytes += "/M" + text(QString::fromLatin1(pdfDate(options.signingTime)));
            if (!options.signerName.isEmpty())
                u.bytes += "/Name" + text(options.signerName);
            if (!options.reason.isEmpty())
                u.bytes += "/Reason" + text(options.reason);
            if (!options.location.isEmpty())
                u.bytes += "/Location" + text(options.location);
            if (!options.contactInfo.isEmpty())
                u.bytes += "/ContactInfo" + text(options.contactInfo);
            u.bytes += "/ByteRange";
            byteRangePos = u.bytes.size();
            u.bytes += QByteArray(kByteRangeWidth, ' ');
            u.bytes += "/Contents";
            contentsPos = u.bytes.size();
            u.bytes += '<' + QByteArray(2 * qsizetype(options.contentsSize), '0') + '>';
            contentsEnd = u.bytes.size();
            u.bytes += ">>\nendobj\n";
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

    // Cross-reference section in the input's last style, and the trailer.
    const qint64 base0 = inputSize + (addEol ? 1 : 0);
    const int maxNum = all.rbegin()->first;
    QPDFObjectHandle newTrailer = QPDFObjectHandle::newDictionary();
    static const std::set<std::string> skipped{"/XRefStm", "/Prev",        "/Size",   "/Index", "/W",
                                               "/Filter",  "/DecodeParms", "/Length", "/Type",  "/DL"};
    for (const std::string &key : trailer.getKeys())
        if (!skipped.count(key))
            newTrailer.replaceKey(key, trailer.getKey(key));
    newTrailer.replaceKey("/Prev", QPDFObjectHandle::newInteger(tail.startXref));

    qint64 xrefOffset = 0;
    if (!tail.xrefStream) {
        newTrailer.replaceKey("/Size", QPDFObjectHandle::newInteger(std::max<qint64>(oldSize, maxNum + 1)));
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
        newTrailer.replaceKey("/Size", QPDFObjectHandle::newInteger(std::max<qint64>(oldSize, xrefNum + 1)));
        newTrailer.replaceKey("/Index", index);
        newTrailer.replaceKey("/W", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{
                                        QPDFObjectHandle::newInteger(1), QPDFObjectHandle::newInteger(w2),
                                        QPDFObjectHandle::newInteger(w3)}));
        newTrailer.replaceKey("/Length", QPDFObjectHandle::newInteger(data.size()));
        u.bytes += QByteArray::number(xrefNum) + " 0 obj\n" + fromStd(newTrailer.unparse()) + "\nstream\n" + data +
                   "\nendstream\nendobj\n";
    }
    u.bytes += "startxref\n" + QByteArray::number(xrefOffset) + "\n%%EOF\n";

    update = std::move(u.bytes);
    const qint64 total = base0 + update.size();
    byteRange = {0, base0 + contentsPos, base0 + contentsEnd, total - (base0 + contentsEnd)};
    QByteArray br = "[0 " + QByteArray::number(byteRange[1]) + ' ' + QByteArray::number(byteRange[2]) + ' ' +
                    QByteArray::number(byteRange[3]) + ']';
    if (br.size() > kByteRangeWidth)
        return Error(ErrorCode::PdfUnsupported, inputPath + QStringLiteral(": file too large"));
    update.replace(byteRangePos, br.size(), br);
    qCDebug(lcSigning) << "prepared signature" << fieldName << "for" << inputPath << "byte range" << byteRange
                       << (tail.xrefStream ? "xref stream" : "xref table");
    return {};
}

Result<QByteArray> PdfSignatureWriter::digest(QCryptographicHash::Algorithm algorithm)
{
    QCryptographicHash hash(algorithm);
    auto r = d->streamCovered([&](const char *data, qint64 size) -> Result<void> {
        hash.addData(QByteArrayView(data, size));
        return {};
    });
    if (!r)
        return r.error();
    return hash.result();
}

Result<void> PdfSignatureWriter::writeCoveredBytes(QIODevice *device)
{
    return d->streamCovered([&](const char *data, qint64 size) -> Result<void> {
        if (device->write(data, size) != size)
            return Error(ErrorCode::FileWriteFailed, device->errorString());
        return {};
    });
}

Result<void> PdfSignatureWriter::finish(const QByteArray &cmsDer)
{
    if (!d->writer)
        return Error(ErrorCode::Internal, QStringLiteral("finish() called twice"));
    if (cmsDer.isEmpty())
        return Error(ErrorCode::SigningFailed, QStringLiteral("empty signature"));
    if (cmsDer.size() > d->options.contentsSize)
        return Error(ErrorCode::SignatureTooLarge,
                     QStringLiteral("%1 bytes, %2 reserved").arg(cmsDer.size()).arg(d->options.contentsSize));
    QByteArray update = d->update;
    const QByteArray hex = cmsDer.toHex().toUpper();
    update.replace(d->contentsPos + 1, hex.size(), hex);

    std::unique_ptr<AtomicFileWriter> writer = std::move(d->writer);
    QByteArray sha;
    auto r = d->streamInput([&](const char *data, qint64 size) { return writer->write(data, size); }, &sha);
    if (!r)
        return r;
    if (!d->inputSha256.isEmpty() && sha != d->inputSha256)
        return Error(ErrorCode::SigningFailed, d->inputPath + QStringLiteral(": the input changed during signing"));
    if (auto w = writer->write(update); !w)
        return w;
    return writer->commit();
}

} // namespace sohoa::signing
