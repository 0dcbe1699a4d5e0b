// PdfSignatureWriter against real-world PDFs, checked by tools we did not write: the CMS comes from
// the openssl CLI, qpdf --check judges the structure, pdfsig the signature, pdfinfo/pdftoppm the pages.

#include "signing/PdfSignatureInspector.h"
#include "signing/PdfSignatureWriter.h"
#include "ToolRunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace sohoa;
using namespace sohoa::signing;
using sohoa::test::runTool;

namespace {

const QString kClean = QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean");
const QString kBroken = QStringLiteral(SOHOA_CORPUS_DIR "/pdf/broken");

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// One "Signature #N" block of pdfsig's output per signature, in pdfsig's order.
QStringList pdfsigBlocks(const QString &path)
{
    const auto r = runTool(QStringLiteral("pdfsig"), {path}, 60000);
    QStringList blocks =
        r.out.split(QRegularExpression(QStringLiteral("^Signature #\\d+:"), QRegularExpression::MultilineOption));
    blocks.removeFirst(); // the "Digital Signature Info of" header
    return blocks;
}

QString lineWith(const QString &block, const QString &prefix)
{
    for (const QString &line : block.split(u'\n'))
        if (line.trimmed().startsWith(prefix))
            return line.trimmed();
    return {};
}

bool isValid(const QString &block)
{
    return block.contains(QStringLiteral("Signature Validation: Signature is Valid."));
}
bool isTotal(const QString &block)
{
    return block.contains(QStringLiteral("- Total document signed"));
}

int pageCount(const QString &path)
{
    const auto r = runTool(QStringLiteral("pdfinfo"), {path}, 60000);
    const auto m =
        QRegularExpression(QStringLiteral("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption).match(r.out);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// Files in dir whose name mentions base (the output or its temporary).
QStringList leftovers(const QString &dir, const QString &base)
{
    QStringList out;
    const auto entries = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    for (const QString &e : entries)
        if (e.contains(base))
            out << e;
    return out;
}

} // namespace

class TestPdfSignatureWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cert, m_key;

    // prepare → covered bytes → openssl cms → finish. Returns the error, or None on success.
    Error sign(const QString &in, const QString &out, const SignatureFieldOptions &opts = {},
               QList<qint64> *byteRange = nullptr, QByteArray *cmsOut = nullptr)
    {
        auto w = PdfSignatureWriter::prepare(in, out, opts);
        if (!w)
            return w.error();
        const QString data = out + QStringLiteral(".data");
        const QString cms = out + QStringLiteral(".cms");
        {
            QFile f(data);
            if (!f.open(QIODevice::WriteOnly))
                return Error(ErrorCode::Internal, data);
            if (auto r = w.value()->writeCoveredBytes(&f); !r)
                return r.error();
        }
        auto digest = w.value()->digest(QCryptographicHash::Sha256);
        if (!digest)
            return digest.error();
        if (digest.value() != QCryptographicHash::hash(readAll(data), QCryptographicHash::Sha256))
            return Error(ErrorCode::Internal, QStringLiteral("digest() differs from the covered bytes"));
        const auto r =
            runTool(QStringLiteral("openssl"),
                    {QStringLiteral("cms"), QStringLiteral("-sign"), QStringLiteral("-binary"),
                     QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-nosmimecap"),
                     QStringLiteral("-md"), QStringLiteral("sha256"), QStringLiteral("-signer"), m_cert,
                     QStringLiteral("-inkey"), m_key, QStringLiteral("-in"), data, QStringLiteral("-out"), cms});
        QFile::remove(data);
        if (r.exitCode != 0)
            return Error(ErrorCode::Internal, QStringLiteral("openssl: ") + r.describe());
        const QByteArray der = readAll(cms);
        QFile::remove(cms);
        if (byteRange)
            *byteRange = w.value()->byteRange();
        if (cmsOut)
            *cmsOut = der;
        if (auto f = w.value()->finish(der); !f)
            return f.error();
        return Error();
    }

    // The full set of checks of the brief for one signed file; returns "" when all pass.
    QString checkSigned(const QString &in, const QString &out, const QList<qint64> &byteRange, const QByteArray &cms)
    {
        const QByteArray input = readAll(in), output = readAll(out);
        if (!output.startsWith(input))
            return QStringLiteral("output does not start with the input's bytes");
        const auto checkIn = runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), in});
        const auto checkOut = runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), out});
        // Warnings (3) or errors (2) only where qpdf already finds them in the input.
        if (!(checkOut.exitCode == 0 || checkOut.exitCode == checkIn.exitCode))
            return QStringLiteral("qpdf --check: ") + checkOut.describe();
        const QStringList before = pdfsigBlocks(in), after = pdfsigBlocks(out);
        if (after.size() != before.size() + 1)
            return QStringLiteral("pdfsig sees %1 signatures, expected %2").arg(after.size()).arg(before.size() + 1);
        if (!isValid(after.last()) || !isTotal(after.last()))
            return QStringLiteral("pdfsig on the new signature:\n") + after.last();
        for (qsizetype i = 0; i < before.size(); ++i)
            if (lineWith(before[i], QStringLiteral("- Signature Validation")) !=
                lineWith(after[i], QStringLiteral("- Signature Validation")))
                return QStringLiteral("old signature %1 changed:\n%2\n---\n%3").arg(i).arg(before[i], after[i]);
        // (Poppler cannot count the pages of some broken inputs: then there is nothing to compare.)
        if (const int pages = pageCount(in); pages > 0 && pageCount(out) != pages)
            return QStringLiteral("page count changed: %1 -> %2").arg(pages).arg(pageCount(out));
        // Our own inspector agrees.
        auto sigs = PdfSignatureInspector::signatures(out);
        if (!sigs || sigs->isEmpty())
            return QStringLiteral("inspector: ") + sigs.error().fullText();
        const PdfSignatureInfo &last = sigs->last();
        if (last.byteRange != byteRange || !last.coversWholeFile || last.contents != cms ||
            last.revisionEnd != output.size())
            return QStringLiteral("inspector disagrees");
        auto dg = PdfSignatureInspector::digestOfRanges(out, byteRange, QCryptographicHash::Sha256);
        QByteArray covered = output.left(byteRange[1]) + output.mid(byteRange[2]);
        if (!dg || dg.value() != QCryptographicHash::hash(covered, QCryptographicHash::Sha256))
            return QStringLiteral("digestOfRanges differs");
        return {};
    }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("sohoa.signing.debug=false"));
        SOHOA_REQUIRE_TOOL("openssl");
        SOHOA_REQUIRE_TOOL("qpdf");
        SOHOA_REQUIRE_TOOL("pdfsig");
        SOHOA_REQUIRE_TOOL("pdfinfo");
        SOHOA_REQUIRE_TOOL("pdftoppm");
        QVERIFY(m_dir.isValid());
        m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("SOHOA_KEEP_TEST_OUTPUT"));
        m_cert = m_dir.filePath(QStringLiteral("cert.pem"));
        m_key = m_dir.filePath(QStringLiteral("key.pem"));
        const auto r = runTool(QStringLiteral("openssl"),
                               {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), m_key,
                                QStringLiteral("-out"), m_cert, QStringLiteral("-days"), QStringLiteral("2"),
                                QStringLiteral("-subj"), QStringLiteral("/CN=SoHoa PDF signing test")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY(QDir(kClean).entryList({QStringLiteral("*.pdf")}).size() >= 90);
    }

    // Every clean corpus file, signed invisibly and then checked by qpdf, pdfsig, pdfinfo.
    void signsEveryCleanFile()
    {
        const QStringList files = QDir(kClean).entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name);
        const QString outDir = m_dir.filePath(QStringLiteral("clean"));
        QVERIFY(QDir().mkpath(outDir));
        const QStringList failures =
            QtConcurrent::blockingMapped<QStringList>(files, [&](const QString &name) -> QString {
                const QString in = kClean + u'/' + name, out = outDir + u'/' + name;
                QList<qint64> br;
                QByteArray cms;
                SignatureFieldOptions opts;
                opts.reason = QStringLiteral("Kiểm thử ký số");
                opts.location = QStringLiteral("Hà Nội");
                opts.signerName = QStringLiteral("SoHoa (test)");
                opts.signingTime = QDateTime(QDate(2026, 11, 21), QTime(14, 5, 9), QTimeZone(7 * 3600));
                const Error e = sign(in, out, opts, &br, &cms);
                if (e.isError())
                    return name + QStringLiteral(": ") + e.id() + u' ' + e.detail();
                const QString problem = checkSigned(in, out, br, cms);
                return problem.isEmpty() ? QString() : name + QStringLiteral(": ") + problem;
            });
        QStringList real;
        for (const QString &f : failures) {
            if (!f.isEmpty())
                real << f;
        }
        qInfo("%lld of %lld clean files signed and verified", qlonglong(files.size() - real.size()),
              qlonglong(files.size()));
        QVERIFY2(real.isEmpty(), qPrintable(real.join(QStringLiteral("\n\n"))));
    }

    // Damaged and hostile files: a clear error or a correct signed output, quickly, nothing left behind.
    void brokenFilesFailCleanlyOrSign()
    {
        const QStringList files = QDir(kBroken).entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 30);
        const QString outDir = m_dir.filePath(QStringLiteral("broken"));
        QVERIFY(QDir().mkpath(outDir));
        QStringList problems;
        int signedCount = 0;
        for (const QString &name : files) {
            const QString in = kBroken + u'/' + name, out = outDir + u'/' + name;
            QElapsedTimer timer;
            timer.start();
            QList<qint64> br;
            QByteArray cms;
            const Error e = sign(in, out, {}, &br, &cms);
            const qint64 ms = timer.elapsed();
            if (ms > 20000)
                problems << name + QStringLiteral(": took %1 ms").arg(ms);
            if (e.isError()) {
                qInfo("%s: %s (%s)", qPrintable(name), qPrintable(e.id()), qPrintable(e.detail().left(160)));
                if (e.code() == ErrorCode::Internal)
                    problems << name + QStringLiteral(": internal error ") + e.detail();
                if (!leftovers(outDir, name).isEmpty())
                    problems << name + QStringLiteral(": left ") + leftovers(outDir, name).join(u' ');
                continue;
            }
            ++signedCount;
            qInfo("%s: signed", qPrintable(name));
            const QString problem = checkSigned(in, out, br, cms);
            if (!problem.isEmpty())
                problems << name + QStringLiteral(": ") + problem;
        }
        qInfo("%d of %lld broken files signed, the rest refused", signedCount, qlonglong(files.size()));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("\n\n"))));
    }

    void signsTwice_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f :
             {"minimal-9.pdf", "c-linearized.pdf", "compress-objstm-xref-qdf.pdf", "incremental-2.pdf",
              "field-types.pdf", "xref-range.pdf", "form-mod1.pdf", "newline-before-endstream-nl-objstm.pdf"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void signsTwice()
    {
        QFETCH(QString, file);
        const QString in = kClean + u'/' + file;
        const QString once = m_dir.filePath(QStringLiteral("once-") + file);
        const QString twice = m_dir.filePath(QStringLiteral("twice-") + file);
        const QStringList before = pdfsigBlocks(in);
        QList<qint64> br;
        QByteArray cms;
        Error e = sign(in, once, {}, &br, &cms);
        QVERIFY2(!e.isError(), qPrintable(e.fullText()));
        SignatureFieldOptions second;
        second.pageIndex = -1;
        second.rectPt = QRectF(50, 50, 200, 60);
        second.subFilter = QStringLiteral("adbe.pkcs7.detached");
        e = sign(once, twice, second, &br, &cms);
        QVERIFY2(!e.isError(), qPrintable(e.fullText()));
        const QString problem = checkSigned(once, twice, br, cms);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QStringList after = pdfsigBlocks(twice);
        QCOMPARE(after.size(), before.size() + 2);
        const QString &first = after[after.size() - 2];
        QVERIFY2(isValid(first) && !isTotal(first), qPrintable(first));
        QVERIFY2(isValid(after.last()) && isTotal(after.last()), qPrintable(after.last()));
        auto sigs = PdfSignatureInspector::signatures(twice);
        QVERIFY(sigs);
        QCOMPARE(sigs->size(), before.size() + 2);
        QCOMPARE(sigs->at(sigs->size() - 2).fieldName, QStringLiteral("Signature1"));
        QCOMPARE(sigs->last().fieldName, QStringLiteral("Signature2"));
        QCOMPARE(sigs->last().subFilter, QStringLiteral("adbe.pkcs7.detached"));
        QVERIFY(!sigs->at(sigs->size() - 2).coversWholeFile);
        QCOMPARE(sigs->at(sigs->size() - 2).revisionEnd, QFileInfo(once).size());
    }

    // An invisible signature changes no pixel.
    void invisibleSignatureRendersIdentically_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"minimal-9.pdf", "annotations-rotated-180.pdf", "form-xobjects-out.pdf",
                              "appearances-1.pdf", "shared-images.pdf"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void invisibleSignatureRendersIdentically()
    {
        QFETCH(QString, file);
        const QString in = kClean + u'/' + file;
        const QString out = m_dir.filePath(QStringLiteral("invisible-") + file);
        QList<qint64> br;
        QByteArray cms;
        const Error e = sign(in, out, {}, &br, &cms);
        QVERIFY2(!e.isError(), qPrintable(e.fullText()));
        const QString dirIn = m_dir.filePath(QStringLiteral("render-in-") + file);
        const QString dirOut = m_dir.filePath(QStringLiteral("render-out-") + file);
        QDir().mkpath(dirIn);
        QDir().mkpath(dirOut);
        for (const auto &[pdf, dir] : {std::pair{in, dirIn}, std::pair{out, dirOut}}) {
            const auto r = runTool(QStringLiteral("pdftoppm"),
                                   {QStringLiteral("-r"), QStringLiteral("50"), QStringLiteral("-l"),
                                    QStringLiteral("4"), QStringLiteral("-png"), pdf, dir + QStringLiteral("/p")},
                                   120000);
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        }
        const QStringList pages = QDir(dirIn).entryList(QDir::Files, QDir::Name);
        QVERIFY(!pages.isEmpty());
        QCOMPARE(QDir(dirOut).entryList(QDir::Files, QDir::Name), pages);
        for (const QString &p : pages)
            QVERIFY2(readAll(dirIn + u'/' + p) == readAll(dirOut + u'/' + p), qPrintable(p));
    }

    // A visible signature draws the appearance PDF's page into its rectangle.
    void visibleAppearanceIsDrawn()
    {
        const QString in = kClean + QStringLiteral("/minimal-9.pdf");
        const QString out = m_dir.filePath(QStringLiteral("visible.pdf"));
        SignatureFieldOptions opts;
        opts.rectPt = QRectF(300, 600, 200, 80);
        opts.appearancePdf = readAll(kClean + QStringLiteral("/shared-images.pdf"));
        opts.fieldName = QStringLiteral("Chữ ký");
        QList<qint64> br;
        QByteArray cms;
        const Error e = sign(in, out, opts, &br, &cms);
        QVERIFY2(!e.isError(), qPrintable(e.fullText()));
        const QString problem = checkSigned(in, out, br, cms);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto sigs = PdfSignatureInspector::signatures(out);
        QVERIFY(sigs);
        QCOMPARE(sigs->last().fieldName, QStringLiteral("Chữ ký"));
        const QString a = m_dir.filePath(QStringLiteral("vis-in")), b = m_dir.filePath(QStringLiteral("vis-out"));
        runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("50"), QStringLiteral("-png"),
                                             QStringLiteral("-singlefile"), in, a});
        runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("50"), QStringLiteral("-png"),
                                             QStringLiteral("-singlefile"), out, b});
        QVERIFY(QFile::exists(a + QStringLiteral(".png")) && QFile::exists(b + QStringLiteral(".png")));
        QVERIFY(readAll(a + QStringLiteral(".png")) != readAll(b + QStringLiteral(".png")));
    }

    void refusesToOverwriteAndCleansUp()
    {
        const QString in = kClean + QStringLiteral("/minimal-9.pdf");
        const QString out = m_dir.filePath(QStringLiteral("exists.pdf"));
        QVERIFY(QFile(out).open(QIODevice::WriteOnly));
        QCOMPARE(sign(in, out).code(), ErrorCode::OutputExists);
        QCOMPARE(QFileInfo(out).size(), 0);

        // A CMS larger than the reserved space: no output, no temporary.
        const QString out2 = m_dir.filePath(QStringLiteral("toolarge.pdf"));
        SignatureFieldOptions opts;
        opts.contentsSize = 1024;
        {
            auto w = PdfSignatureWriter::prepare(in, out2, opts);
            QVERIFY(w);
            QCOMPARE(w.value()->finish(QByteArray(2000, 'x')).error().code(), ErrorCode::SignatureTooLarge);
        }
        QVERIFY2(leftovers(m_dir.path(), QStringLiteral("toolarge")).isEmpty(),
                 qPrintable(leftovers(m_dir.path(), QStringLiteral("toolarge")).join(u' ')));

        // Abandoned after prepare: nothing left either.
        {
            auto w = PdfSignatureWriter::prepare(in, out2, opts);
            QVERIFY(w);
        }
        QVERIFY(leftovers(m_dir.path(), QStringLiteral("toolarge")).isEmpty());

        // Overwrite when asked.
        opts.overwrite = true;
        opts.contentsSize = 16384;
        QList<qint64> br;
        QByteArray cms;
        const Error e = sign(in, out, opts, &br, &cms);
        QVERIFY2(!e.isError(), qPrintable(e.fullText()));
        QVERIFY(checkSigned(in, out, br, cms).isEmpty());
    }

    // Files that open without a password (owner restrictions only) are signed, the update encrypted
    // like the input; a user password or permissions that forbid signing are refused.
    void encryptedInputs_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("encryptArgs");
        QTest::addColumn<int>("expected"); // ErrorCode
        const auto ok = int(ErrorCode::None), refused = int(ErrorCode::PdfEncrypted);
        QTest::newRow("rc4-40") << QStringLiteral("minimal-9.pdf")
                                << QStringList{QStringLiteral("--allow-weak-crypto"), QStringLiteral("--encrypt"),
                                               QString(), QStringLiteral("owner"), QStringLiteral("40")}
                                << ok;
        QTest::newRow("rc4-128") << QStringLiteral("minimal-9.pdf")
                                 << QStringList{QStringLiteral("--allow-weak-crypto"),
                                                QStringLiteral("--encrypt"),
                                                QString(),
                                                QStringLiteral("owner"),
                                                QStringLiteral("128"),
                                                QStringLiteral("--use-aes=n")}
                                 << ok;
        QTest::newRow("aes-128") << QStringLiteral("minimal-9.pdf")
                                 << QStringList{QStringLiteral("--encrypt"), QString(), QStringLiteral("owner"),
                                                QStringLiteral("128"), QStringLiteral("--use-aes=y")}
                                 << ok;
        QTest::newRow("aes-256") << QStringLiteral("minimal-9.pdf")
                                 << QStringList{QStringLiteral("--encrypt"), QString(), QStringLiteral("owner"),
                                                QStringLiteral("256")}
                                 << ok;
        QTest::newRow("aes-256 no forms")
            << QStringLiteral("minimal-9.pdf")
            << QStringList{QStringLiteral("--encrypt"),       QString(),
                           QStringLiteral("owner"),           QStringLiteral("256"),
                           QStringLiteral("--form=n"),        QStringLiteral("--annotate=n"),
                           QStringLiteral("--modify-other=n")}
            << refused;
        QTest::newRow("user password") << QStringLiteral("minimal-9.pdf")
                                       << QStringList{QStringLiteral("--encrypt"), QStringLiteral("user"),
                                                      QStringLiteral("owner"), QStringLiteral("256")}
                                       << refused;
        // A form with /NeedAppearances true (Poppler then draws no widget appearance) whose changed
        // objects hold strings.
        QTest::newRow("rc4-128 form") << QStringLiteral("form-mod1.pdf")
                                      << QStringList{QStringLiteral("--allow-weak-crypto"),
                                                     QStringLiteral("--encrypt"),
                                                     QString(),
                                                     QStringLiteral("owner"),
                                                     QStringLiteral("128"),
                                                     QStringLiteral("--use-aes=n")}
                                      << ok;
        QTest::newRow("aes-256 form") << QStringLiteral("form-mod1.pdf")
                                      << QStringList{QStringLiteral("--encrypt"), QString(), QStringLiteral("owner"),
                                                     QStringLiteral("256")}
                                      << ok;
    }

    void encryptedInputs()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, encryptArgs);
        QFETCH(int, expected);
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        const QString in = m_dir.filePath(QStringLiteral("enc-in-") + tag + QStringLiteral(".pdf"));
        const QString out = m_dir.filePath(QStringLiteral("enc-out-") + tag + QStringLiteral(".pdf"));
        const auto r =
            runTool(QStringLiteral("qpdf"), encryptArgs + QStringList{QStringLiteral("--"), kClean + u'/' + file, in});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QList<qint64> br;
        QByteArray cms;
        SignatureFieldOptions opts;
        opts.reason = QStringLiteral("Mã hóa");
        opts.rectPt = QRectF(100, 100, 150, 50);
        opts.appearancePdf = readAll(kClean + QStringLiteral("/shared-images.pdf"));
        const Error e = sign(in, out, opts, &br, &cms);
        QCOMPARE(int(e.code()), expected);
        if (e.isError()) {
            QVERIFY(!QFile::exists(out));
            return;
        }
        const QString problem = checkSigned(in, out, br, cms);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        auto sigs = PdfSignatureInspector::signatures(out);
        QVERIFY(sigs);
        QCOMPARE(sigs->last().reason, QStringLiteral("Mã hóa"));
        QCOMPARE(sigs->last().fieldName, QStringLiteral("Signature1"));
        if (file == QStringLiteral("form-mod1.pdf"))
            return;
        // The appearance decrypts and renders: the output differs from the input where it is drawn.
        const QString a = m_dir.filePath(QStringLiteral("enc-r-in-") + tag);
        const QString b = m_dir.filePath(QStringLiteral("enc-r-out-") + tag);
        runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("30"), QStringLiteral("-png"),
                                             QStringLiteral("-singlefile"), in, a});
        runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("30"), QStringLiteral("-png"),
                                             QStringLiteral("-singlefile"), out, b});
        QVERIFY(readAll(a + QStringLiteral(".png")) != readAll(b + QStringLiteral(".png")));
    }

    // A 200 MB file signs in bounded memory: the input is streamed, never loaded.
    void largeFileSignsInBoundedMemory()
    {
        const QString in = m_dir.filePath(QStringLiteral("big.pdf"));
        const QString out = m_dir.filePath(QStringLiteral("big-signed.pdf"));
        {
            QFile f(in);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const qint64 streamLength = 200LL * 1024 * 1024;
            QList<qint64> offsets;
            QByteArray head = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
            auto obj = [&](const QByteArray &body) {
                offsets << head.size();
                head += QByteArray::number(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
            };
            obj("<</Type/Catalog/Pages 2 0 R>>");
            obj("<</Type/Pages/Kids[3 0 R]/Count 1>>");
            obj("<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>");
            offsets << head.size();
            head += "4 0 obj\n<</Length " + QByteArray::number(streamLength) + ">>\nstream\n";
            f.write(head);
            const QByteArray line = QByteArray(63, '%') + '\n';
            QByteArray chunk;
            while (chunk.size() < 1024 * 1024)
                chunk += line;
            for (qint64 left = streamLength; left > 0; left -= chunk.size())
                f.write(chunk.constData(), std::min<qint64>(left, chunk.size()));
            qint64 pos = head.size() + streamLength;
            const QByteArray endStream = "\nendstream\nendobj\n";
            f.write(endStream);
            pos += endStream.size();
            QByteArray xref = "xref\n0 5\n0000000000 65535 f\r\n";
            for (qint64 o : offsets)
                xref += QByteArray::number(o).rightJustified(10, '0') + " 00000 n\r\n";
            xref += "trailer\n<</Size 5/Root 1 0 R>>\nstartxref\n" + QByteArray::number(pos) + "\n%%EOF\n";
            f.write(xref);
        }
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        const bool canReset = clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
        clear.close();
        auto w = PdfSignatureWriter::prepare(in, out, {});
        QVERIFY(w);
        auto digest = w.value()->digest(QCryptographicHash::Sha256);
        QVERIFY(digest);
        const QString data = m_dir.filePath(QStringLiteral("big.data"));
        {
            QFile f(data);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(w.value()->writeCoveredBytes(&f));
        }
        const QString cms = m_dir.filePath(QStringLiteral("big.cms"));
        const auto r =
            runTool(QStringLiteral("openssl"),
                    {QStringLiteral("cms"), QStringLiteral("-sign"), QStringLiteral("-binary"),
                     QStringLiteral("-outform"), QStringLiteral("DER"), QStringLiteral("-nosmimecap"),
                     QStringLiteral("-md"), QStringLiteral("sha256"), QStringLiteral("-signer"), m_cert,
                     QStringLiteral("-inkey"), m_key, QStringLiteral("-in"), data, QStringLiteral("-out"), cms});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QFile::remove(data);
        QVERIFY(w.value()->finish(readAll(cms)));
        if (canReset) {
            QFile status(QStringLiteral("/proc/self/status"));
            QVERIFY(status.open(QIODevice::ReadOnly));
            const auto m =
                QRegularExpression(QStringLiteral("VmHWM:\\s+(\\d+) kB")).match(QString::fromLatin1(status.readAll()));
            QVERIFY(m.hasMatch());
            qInfo("peak RSS while signing 200 MB: %s kB", qPrintable(m.captured(1)));
#ifdef SOHOA_SANITIZE_BUILD
            // AddressSanitizer's shadow memory and quarantine inflate RSS; the bound is checked in normal builds.
            qInfo("sanitizer build: the 100 MB peak-RSS bound is not checked here");
#else
            QVERIFY2(m.captured(1).toLongLong() < 100 * 1024, qPrintable(m.captured(1)));
#endif
        }
        const QStringList blocks = pdfsigBlocks(out);
        QCOMPARE(blocks.size(), 1);
        QVERIFY2(isValid(blocks.last()) && isTotal(blocks.last()), qPrintable(blocks.last()));
        QFile::remove(in);
        QFile::remove(out);
    }
};

QTEST_GUILESS_MAIN(TestPdfSignatureWriter)
#include "TestPdfSignatureWriter.moc"
