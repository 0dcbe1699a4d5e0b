#include "signing/PdfSignatureWriter.h"

// qpdf 11: std::shared_ptr instead of PointerHolder, no deprecation warnings.
#define POINTERHOLDER_TRANSITION 4

#include "core/common/DurableFile.h"
#include "core/pdf/internal/PdfIncrementalUpdate.h"
#include "signing/DocMdp_p.h"
#include "signing/FormAppearances_p.h"
#include "signing/PadesExtension_p.h"
#include "signing/SigningLogging.h"

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

#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <functional>
#include <map>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace sohoa::signing {

using pdf::Crypt;
using pdf::FileIdentity;
using pdf::fromStd;
using pdf::pdfDate;
using pdf::pdfNumber;
using pdf::readAllAt;
using pdf::readTail;
using pdf::Tail;
using pdf::writeAllAt;

namespace {

constexpr qint64 kChunkSize = 1 << 20;
constexpr qint64 kWritebackChunk = 32 << 20;
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

// A hash over OpenSSL's EVP (SHA-NI where the CPU has it: several times faster than
// QCryptographicHash), falling back to Qt for algorithms OpenSSL does not name here.
class Hasher
{
public:
    explicit Hasher(QCryptographicHash::Algorithm algorithm) : m_algorithm(algorithm)
    {
        const EVP_MD *md = nullptr;
        switch (algorithm) {
        case QCryptographicHash::Sha1:
            md = EVP_sha1();
            break;
        case QCryptographicHash::Sha224:
            md = EVP_sha224();
            break;
        case QCryptographicHash::Sha256:
            md = EVP_sha256();
            break;
        case QCryptographicHash::Sha384:
            md = EVP_sha384();
            break;
        case QCryptographicHash::Sha512:
            md = EVP_sha512();
            break;
        default:
            break;
        }
        if (md) {
            m_ctx.reset(EVP_MD_CTX_new());
            if (m_ctx && EVP_DigestInit_ex(m_ctx.get(), md, nullptr) != 1)
                m_ctx.reset();
        }
        if (!m_ctx)
            m_qt = std::make_unique<QCryptographicHash>(algorithm);
    }

    QCryptographicHash::Algorithm algorithm() const { return m_algorithm; }

    void add(const char *data, qint64 size)
    {
        if (size <= 0)
            return;
        if (m_ctx)
            m_ok = m_ok && EVP_DigestUpdate(m_ctx.get(), data, size_t(size)) == 1;
        else
            m_qt->addData(QByteArrayView(data, size));
    }

    Result<QByteArray> result()
    {
        if (!m_ctx)
            return m_qt->result();
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int length = 0;
        if (!m_ok || EVP_DigestFinal_ex(m_ctx.get(), md, &length) != 1)
            return Error(ErrorCode::Internal, QStringLiteral("digest failed"));
        return QByteArray(reinterpret_cast<const char *>(md), qsizetype(length));
    }

private:
    struct CtxDeleter
    {
        void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
    };
    QCryptographicHash::Algorithm m_algorithm;
    std::unique_ptr<EVP_MD_CTX, CtxDeleter> m_ctx;
    std::unique_ptr<QCryptographicHash> m_qt;
    bool m_ok = true;
};

} // namespace

// The output is built in the temporary in ONE pass: the input is read once, each chunk is hashed
// and written to the temporary (the digest is of the bytes written, not re-read), then the update
// with a zero-filled /Contents follows. finish() only patches /Contents in place, checks the
// temporary's update bytes, fsyncs and commits.
struct PdfSignatureWriter::Private
{
    QString inputPath;
    QString outputPath;
    SignatureFieldOptions options;
    QString fieldName;
    qint64 inputSize = 0;
    FileIdentity inputIdentity; // at prepare(), before qpdf reads the file
    bool addEol = false;
    QByteArray update;       // everything after the input (and the added EOL)
    qint64 contentsPos = -1; // of "<" in update
    qint64 contentsEnd = -1; // after ">" in update
    QList<qint64> byteRange;
    qint64 tailOffset = 0;             // the input's last bytes as prepare() read them (startxref, EOL) ...
    QByteArray tailBytes;              // ... the copy must hold the same
    int inputFd = -1;                  // open from prepare() to the end of the copy: the inode qpdf parsed
    int tempFd = -1;                   // our own descriptor on the AtomicFileWriter's temporary
    bool copied = false;               // the temporary holds input + EOL + update (zero /Contents)
    std::map<int, QByteArray> digests; // by QCryptographicHash::Algorithm, of the covered bytes written
    std::unique_ptr<AtomicFileWriter> writer;

    ~Private() { closeFds(); }

    void closeFds()
    {
        if (inputFd >= 0)
            ::close(inputFd);
        if (tempFd >= 0)
            ::close(tempFd);
        inputFd = tempFd = -1;
    }

    qint64 base() const { return inputSize + (addEol ? 1 : 0); }
    qint64 total() const { return base() + update.size(); }

    Error changed() const
    {
        return Error(ErrorCode::SigningFailed, inputPath + QStringLiteral(": the input changed during signing"));
    }

    // The input (by descriptor and by path) is still the file prepare() parsed.
    Result<void> checkInputUnchanged() const
    {
        struct stat st = {};
        if (inputFd >= 0 && (::fstat(inputFd, &st) != 0 || !(FileIdentity::of(st) == inputIdentity)))
            return changed();
        if (::stat(QFile::encodeName(inputPath).constData(), &st) != 0 || !(FileIdentity::of(st) == inputIdentity))
            return changed();
        return {};
    }

    // The single pass: input → (hashers, extra sink, temporary), then EOL and update likewise.
    Result<void> copy(std::vector<Hasher *> hashers, const Sink &extra)
    {
        // Once only: after a failed pass (input changed, disk full) the writer stays failed.
        if (copied || tempFd >= 0 || inputFd < 0 || !writer)
            return Error(ErrorCode::Internal, QStringLiteral("the output was already built or failed"));
        if (auto r = checkInputUnchanged(); !r)
            return r;
        tempFd = ::open(QFile::encodeName(writer->temporaryPath()).constData(), O_RDWR | O_CLOEXEC);
        if (tempFd < 0)
            return errorFromErrno(errno, ErrorCode::FileWriteFailed, writer->temporaryPath());
        const QString tempPath = writer->temporaryPath();
        ::posix_fadvise(inputFd, 0, 0, POSIX_FADV_SEQUENTIAL);
        auto put = [&](const char *data, qint64 size, qint64 at) -> Result<void> {
            for (Hasher *h : hashers)
                h->add(data, size);
            if (extra)
                if (auto r = extra(data, size); !r)
                    return r;
            return writeAllAt(tempFd, data, size, at, tempPath);
        };
        QByteArray buf(kChunkSize, Qt::Uninitialized);
        qint64 done = 0, flushed = 0;
        while (done < inputSize) {
            const qint64 n = std::min<qint64>(inputSize - done, kChunkSize);
            if (auto r = readAllAt(inputFd, buf.data(), n, done, inputPath); !r)
                return r;
            if (auto r = put(buf.constData(), n, done); !r)
                return r;
            done += n;
            // Start the write-back early so that the final fsync has little left to do.
            if (done - flushed >= kWritebackChunk) {
                ::sync_file_range(tempFd, flushed, done - flushed, SYNC_FILE_RANGE_WRITE);
                flushed = done;
            }
        }
        // The whole read saw the file prepare() parsed: same inode, size and times after the pass,
        // and the same last bytes (startxref, EOL) as prepare() read them.
        if (auto r = checkInputUnchanged(); !r)
            return r;
        QByteArray tailNow(tailBytes.size(), Qt::Uninitialized);
        if (auto r = readAllAt(tempFd, tailNow.data(), tailNow.size(), tailOffset, tempPath); !r)
            return r;
        if (tailNow != tailBytes)
            return changed();
        ::close(inputFd);
        inputFd = -1;
        qint64 at = inputSize;
        if (addEol) {
            if (auto r = put("\n", 1, at); !r)
                return r;
            ++at;
        }
        // The update: covered bytes go through the hashers, /Contents (zeros) only to the file.
        if (auto r = put(update.constData(), contentsPos, at); !r)
            return r;
        if (auto r = writeAllAt(tempFd, update.constData() + contentsPos, contentsEnd - contentsPos, at + contentsPos,
                                tempPath);
            !r)
            return r;
        if (auto r = put(update.constData() + contentsEnd, update.size() - contentsEnd, at + contentsEnd); !r)
            return r;
        copied = true;
        for (Hasher *h : hashers) {
            auto dg = h->result();
            if (!dg)
                return dg.error();
            digests[int(h->algorithm())] = dg.value();
        }
        return {};
    }

    // The covered bytes as they are in the temporary (after the copy).
    Result<void> streamWritten(const Sink &sink)
    {
        QByteArray buf(kChunkSize, Qt::Uninitialized);
        const qint64 ranges[2][2] = {{0, base() + contentsPos}, {base() + contentsEnd, total()}};
        for (const auto &range : ranges) {
            for (qint64 off = range[0]; off < range[1];) {
                const qint64 n = std::min<qint64>(range[1] - off, kChunkSize);
                if (auto r = readAllAt(tempFd, buf.data(), n, off, writer->temporaryPath()); !r)
                    return r;
                if (auto r = sink(buf.constData(), n); !r)
                    return r;
                off += n;
            }
        }
        return {};
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
    if (options.certifyLevel < 0 || options.certifyLevel > 3)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("certification level %1 (1, 2 or 3)").arg(options.certifyLevel));
    if (options.documentTimestamp && options.certifyLevel != 0)
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a document timestamp cannot certify"));
    if (!options.overwrite && QFileInfo::exists(outputPath))
        return Error(ErrorCode::OutputExists, outputPath);

    std::unique_ptr<PdfSignatureWriter> w(new PdfSignatureWriter);
    Private &p = *w->d;
    p.inputPath = inputPath;
    p.outputPath = outputPath;
    p.options = options;
    if (options.documentTimestamp)
        p.options.subFilter = QStringLiteral("ETSI.RFC3161");

    // Our descriptor stays open until the copy: the copy reads the inode qpdf parses, and its
    // identity (size, mtime, ctime) taken now must hold until the copy is done.
    p.inputFd = ::open(QFile::encodeName(inputPath).constData(), O_RDONLY | O_CLOEXEC);
    if (p.inputFd < 0)
        return errorFromErrno(errno, ErrorCode::FileReadFailed, inputPath);
    struct stat st = {};
    if (::fstat(p.inputFd, &st) != 0)
        return errorFromErrno(errno, ErrorCode::FileReadFailed, inputPath);
    if (!S_ISREG(st.st_mode))
        return Error(ErrorCode::FileReadFailed, inputPath + QStringLiteral(": not a regular file"));
    p.inputIdentity = FileIdentity::of(st);
    p.inputSize = qint64(st.st_size);
    QFile in;
    if (!in.open(p.inputFd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return Error(ErrorCode::FileReadFailed, inputPath + QStringLiteral(": ") + in.errorString());
    auto tail = readTail(in, p.inputSize, inputPath);
    if (!tail)
        return tail.error();
    in.close();
    p.addEol = !tail->endsWithEol;
    p.tailOffset = tail->endOffset;
    p.tailBytes = tail->end;

    QPDF qpdf;
    QPDF appearanceDoc; // must outlive serialization: copied streams read their data from it
    qpdf.setSuppressWarnings(true);
    appearanceDoc.setSuppressWarnings(true);
    // The password opens the file (user or owner password): the update is encrypted like it.
    if (auto opened = pdf::openInput(qpdf, p.inputFd, p.inputSize, inputPath, options.pdfPassword.data()); !opened)
        return opened.error();
    // Signing needs form filling allowed.
    auto crypt = pdf::cryptFor(qpdf, inputPath, !options.pdfPassword.isEmpty(), &QPDF::allowModifyForm,
                               QStringLiteral("its permissions do not allow signing"));
    if (!crypt)
        return crypt.error();

    try {
        if (auto r = p.build(qpdf, appearanceDoc, tail.value(), crypt.value()); !r)
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

    // qpdf read the file we opened, unchanged since.
    if (auto r = p.checkInputUnchanged(); !r)
        return r.error();

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
    // A certification states what may change after it, so nothing may come before it.
    if (options.certifyLevel != 0 && holdsSignature(qpdf))
        return Error(ErrorCode::PdfAlreadySigned,
                     inputPath + QStringLiteral(": a certification must be the first signature"));
    // A document certified with "no changes allowed" cannot take another signature without
    // breaking its certification (levels 2 and 3 allow signing). A document timestamp is not a
    // change there: ISO 32000-2 (DocMDP /P) lets updates that only add DSS data and document
    // timestamps through at every level, so that certified documents can be kept valid for long.
    if (!options.documentTimestamp && docMdpPermission(qpdf) == 1)
        return Error(ErrorCode::PdfCertifiedNoChanges,
                     inputPath + QStringLiteral(": /Perms /DocMDP with /P 1 (no changes allowed)"));
    // A form asking viewers to redraw its fields (/NeedAppearances) gets real appearances first:
    // viewers would otherwise redraw the new signature's widget too, and hide its block.
    auto formUpdate = generateNeededAppearances(qpdf, lastOldObject);
    if (!formUpdate)
        return formUpdate.error();
    for (const QPDFObjectHandle &o : formUpdate->changed)
        markChanged(o);
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
        const QString pattern =
            options.documentTimestamp ? QStringLiteral("Timestamp%1") : QStringLiteral("Signature%1");
        for (int n = 1;; ++n) {
            fieldName = pattern.arg(n);
            if (!names.contains(fieldName))
                break;
        }
    } else if (names.contains(fieldName)) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a field named '%1' already exists").arg(fieldName));
    } else if (fieldName.contains(u'.')) {
        return Error(ErrorCode::InvalidArgument, QStringLiteral("a field name cannot contain '.': ") + fieldName);
    }

    // Appearance.
    const QRectF rect = options.documentTimestamp ? QRectF() : options.rectPt.normalized();
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
            // On a rotated page the block is drawn upright in display space (width and height
            // swapped for 90/270) and the form's /Matrix turns it with the page.
            const int rot = ((options.pageRotation % 360) + 360) % 360;
            const bool swapped = rot == 90 || rot == 270;
            const double dw = swapped ? h : w, dh = swapped ? w : h;
            const double sx = dw / bw, sy = dh / bh;
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
    {
        const int rot = ((options.pageRotation % 360) + 360) % 360;
        const bool swapped = rot == 90 || rot == 270;
        ap.getDict().replaceKey(
            "/BBox", QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(0, 0, swapped ? h : w, swapped ? w : h)));
        if (rot != 0) {
            const double c = rot == 180 ? -1 : 0, sn = rot == 90 ? 1 : rot == 270 ? -1 : 0;
            ap.getDict().replaceKey("/Matrix",
                                    QPDFObjectHandle::newArray(QPDFObjectHandle::Matrix(c, sn, -sn, c, 0, 0)));
        }
    }
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
    // The certification: the catalog names its signature dictionary (/Perms /DocMDP), next to any
    // usage rights (/UR3) already there.
    if (options.certifyLevel != 0) {
        QPDFObjectHandle perms = root.getKey("/Perms");
        if (perms.isDictionary()) {
            perms.replaceKey("/DocMDP", sig);
            markChanged(perms.isIndirect() ? perms : root);
        } else {
            perms = QPDFObjectHandle::newDictionary();
            perms.replaceKey("/DocMDP", sig);
            root.replaceKey("/Perms", perms);
            markChanged(root);
        }
    }
    if (options.documentTimestamp)
        for (const QPDFObjectHandle &o : declareEsicExtension(qpdf))
            markChanged(o);
    const long long sigFlags =
        acroForm.getKey("/SigFlags").isInteger() ? acroForm.getKey("/SigFlags").getIntValue() : 0;
    if ((sigFlags & 3) != 3) {
        acroForm.replaceKey("/SigFlags", QPDFObjectHandle::newInteger(sigFlags | 3));
        markChanged(acroHolder);
    }

    // Every new object reachable from what we made (qpdf numbered the copied appearance objects).
    // New objects hanging off changed input objects (generated field appearances) are roots too: the
    // walk stops at input objects.
    std::vector<QPDFObjectHandle> roots{sig, field, ap, acroForm};
    roots.insert(roots.end(), formUpdate->created.begin(), formUpdate->created.end());
    const pdf::ObjectMap created = pdf::collectCreated(std::move(roots), lastOldObject);

    // The update; the signature dictionary is written by hand, to know where /ByteRange and /Contents are.
    qint64 byteRangePos = -1;
    auto writeSignature = [&](const QPDFObjectHandle &o, pdf::UpdateBuilder &u) {
        if (o.getObjectID() != sig.getObjectID())
            return false;
        const QPDFObjGen og = o.getObjGen();
        auto text = [&](const QString &t) {
            return pdfLiteralOrHex(crypt.encrypt(pdfTextBytes(t), og, crypt.stringMethod));
        };
        if (options.documentTimestamp) {
            // The time and the signer are the token's (its genTime and TSA certificate).
            u.bytes += "<</Type/DocTimeStamp/Filter/Adobe.PPKLite/SubFilter/" + options.subFilter.toLatin1();
        } else {
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
        }
        if (options.certifyLevel != 0)
            u.bytes += "/Reference[<</Type/SigRef/TransformMethod/DocMDP/TransformParams<</Type/TransformParams/P " +
                       QByteArray::number(options.certifyLevel) + "/V/1.2>>>>]";
        u.bytes += "/ByteRange";
        byteRangePos = u.bytes.size();
        u.bytes += QByteArray(kByteRangeWidth, ' ');
        u.bytes += "/Contents";
        contentsPos = u.bytes.size();
        u.bytes += '<' + QByteArray(2 * qsizetype(options.contentsSize), '0') + '>';
        contentsEnd = u.bytes.size();
        u.bytes += ">>\nendobj\n";
        return true;
    };
    pdf::UpdateSection section;
    section.changed = &changed;
    section.created = &created;
    section.trailer = trailer;
    section.tail = tail;
    section.base = inputSize + (addEol ? 1 : 0);
    section.oldSize = oldSize;
    section.crypt = &crypt;
    section.path = inputPath;
    section.hook = writeSignature;
    auto bytes = pdf::serializeUpdate(section);
    if (!bytes)
        return bytes.error();
    // /ByteRange counts from byte 0 of the file, not from the header like the update's xref: Poppler
    // reads the ranges from the file's first byte (while it counts xref offsets from the header), and
    // ranges from byte 0 sign any bytes before "%PDF-" too. A verifier that counted the ranges from
    // the header would hash other bytes and reject the signature; none can accept unsigned bytes.
    const qint64 base0 = section.base;

    update = std::move(bytes).value();
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
    if (!d->copied) {
        // The copy pass hashes SHA-256 too: a later digest(Sha256) costs nothing.
        Hasher wanted(algorithm), sha256(QCryptographicHash::Sha256);
        std::vector<Hasher *> hashers{&wanted};
        if (algorithm != QCryptographicHash::Sha256)
            hashers.push_back(&sha256);
        if (auto r = d->copy(hashers, {}); !r)
            return r.error();
    }
    if (auto it = d->digests.find(int(algorithm)); it != d->digests.end())
        return it->second;
    if (!d->writer)
        return Error(ErrorCode::Internal, QStringLiteral("digest() after finish()"));
    // Another algorithm later: hash the covered bytes as the temporary holds them.
    Hasher hash(algorithm);
    auto r = d->streamWritten([&](const char *data, qint64 size) -> Result<void> {
        hash.add(data, size);
        return {};
    });
    if (!r)
        return r.error();
    auto dg = hash.result();
    if (dg)
        d->digests[int(algorithm)] = dg.value();
    return dg;
}

Result<void> PdfSignatureWriter::writeCoveredBytes(QIODevice *device)
{
    auto sink = [&](const char *data, qint64 size) -> Result<void> {
        if (device->write(data, size) != size)
            return Error(ErrorCode::FileWriteFailed, device->errorString());
        return {};
    };
    if (!d->copied) {
        Hasher sha256(QCryptographicHash::Sha256);
        return d->copy({&sha256}, sink);
    }
    if (!d->writer)
        return Error(ErrorCode::Internal, QStringLiteral("writeCoveredBytes() after finish()"));
    return d->streamWritten(sink);
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
    if (!d->copied)
        if (auto r = d->copy({}, {}); !r)
            return r;
    // The input must still be the file we copied (as the caller's digest was taken of it).
    if (auto r = d->checkInputUnchanged(); !r)
        return r;

    std::unique_ptr<AtomicFileWriter> writer = std::move(d->writer);
    const QString tempPath = writer->temporaryPath();
    QByteArray update = d->update;
    const QByteArray hex = cmsDer.toHex().toUpper();
    update.replace(d->contentsPos + 1, hex.size(), hex);
    const qint64 base = d->base();
    if (auto r = writeAllAt(d->tempFd, hex.constData(), hex.size(), base + d->contentsPos + 1, tempPath); !r)
        return r;
    // The temporary ends exactly with the update we hashed, now with the CMS: read it back.
    struct stat st = {};
    if (::fstat(d->tempFd, &st) != 0)
        return errorFromErrno(errno, ErrorCode::FileWriteFailed, tempPath);
    QByteArray onDisk(update.size(), Qt::Uninitialized);
    if (auto r = readAllAt(d->tempFd, onDisk.data(), onDisk.size(), base, tempPath); !r)
        return r;
    if (qint64(st.st_size) != base + update.size() || onDisk != update)
        return Error(ErrorCode::FileWriteFailed, tempPath + QStringLiteral(": the update reads back differently"));
    if (::fsync(d->tempFd) != 0)
        return errorFromErrno(errno, ErrorCode::FileWriteFailed, tempPath);
    d->closeFds();
    return writer->commit(); // fsync (nothing left to write), link/rename, fsync of the folder
}

} // namespace sohoa::signing
