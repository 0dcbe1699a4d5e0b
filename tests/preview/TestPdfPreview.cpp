// PdfPreviewJob (issue 11): a page of an untrusted PDF drawn in the sohoa-render helper under a time and
// memory limit. Pages must look as pdftoppm (an independent Poppler front end) draws them; every damaged
// or hostile file of the corpus ends with a page or a typed error within the timeout; a slow file and a
// memory-hungry one end with their own errors while the caller's event loop keeps running; cancel()
// leaves no helper behind.

#include "HostilePdf.h"
#include "app/workflows/PdfPreviewJob.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <unistd.h>

using namespace sohoa;
using namespace sohoa::workflows;
using sohoa::test::nestedFormsPdf;

namespace {

const QString kCorpus = QStringLiteral(SOHOA_CORPUS_DIR "/pdf");

struct Outcome
{
    Error error;
    PdfPreview preview;
    int finishedCount = 0;
    qint64 ms = 0;
};

// Runs the job with the event loop turning; waits at most `waitMs` for finished(), then a little more
// to be sure no second finished() follows.
Outcome runPreview(PdfPreviewRequest request, int waitMs = 30000)
{
    PdfPreviewJob job(std::move(request));
    QSignalSpy finished(&job, &Job::finished);
    QElapsedTimer clock;
    clock.start();
    Outcome o;
    if (!job.start() || !finished.wait(waitMs))
        return o;
    o.ms = clock.elapsed();
    QTest::qWait(20);
    o.finishedCount = int(finished.count());
    o.error = job.error();
    o.preview = job.preview();
    return o;
}

// The helpers this process started that still exist (zombies included): /proc/<pid>/stat of each
// process whose parent is us.
QList<int> renderChildren()
{
    QList<int> out;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList({QStringLiteral("[0-9]*")}, QDir::Dirs);
    for (const QString &pid : pids) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        const QByteArray comm = line.mid(line.indexOf('(') + 1, close - line.indexOf('(') - 1);
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        if (comm == "sohoa-render" && rest.size() > 1 && rest.at(1).toInt() == int(::getpid()))
            out.append(pid.toInt());
    }
    return out;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return f.fileName();
}

// pdfinfo's page count and page size (unrotated, in points) of page `page`.
bool pdfinfo(const QString &file, int page, int *pages, QSizeF *size)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"),
            {QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"), QString::number(page), file});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return false;
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const auto pagesMatch =
        QRegularExpression(QStringLiteral("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption).match(out);
    const auto sizeMatch = QRegularExpression(QStringLiteral("^Page +\\d+ size:\\s+([\\d.]+) x ([\\d.]+) pts"),
                                              QRegularExpression::MultilineOption)
                               .match(out);
    if (!pagesMatch.hasMatch() || !sizeMatch.hasMatch())
        return false;
    *pages = pagesMatch.captured(1).toInt();
    *size = QSizeF(sizeMatch.captured(1).toDouble(), sizeMatch.captured(2).toDouble());
    return true;
}

} // namespace

class TestPdfPreview : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDir(kCorpus + QStringLiteral("/clean")).exists() || !QDir(kCorpus + QStringLiteral("/broken")).exists())
            QFAIL(qPrintable(QStringLiteral("the corpus is missing: %1").arg(kCorpus)));
        if (PdfPreviewJob::helperPath().isEmpty())
            QFAIL("sohoa-render was not found (build the sohoa-render target)");
        if (QStandardPaths::findExecutable(QStringLiteral("pdftoppm")).isEmpty())
            QFAIL("pdftoppm (poppler-utils), the independent checker, is missing");
        QVERIFY(m_tmp.isValid());
    }

    // The preview equals pdftoppm's drawing of the same page at the same size, and the page count and
    // size agree with pdfinfo.
    void drawsAsPdftoppmDoes_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("dpi");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("rotation");
        QTest::newRow("text, page 2 of 30, 72 dpi") << QStringLiteral("clean/V4.pdf") << 2 << 72 << 0 << 0;
        QTest::newRow("form fields, 400 px wide") << QStringLiteral("clean/field-types.pdf") << 1 << 0 << 400 << 0;
        QTest::newRow("/Rotate 180, 50 dpi") << QStringLiteral("clean/minimal-rotated.pdf") << 1 << 50 << 0 << 180;
        QTest::newRow("/Rotate 90, 500 px wide")
            << QStringLiteral("clean/overlay-copy-annotations-p5.pdf") << 1 << 0 << 500 << 90;
        QTest::newRow("annotations, 150 dpi")
            << QStringLiteral("clean/annotations-rotated-180.pdf") << 1 << 150 << 0 << 0;
        // A real scanned A4 page (a printer-scanner's JPEG) at archival resolution: 8.7 megapixels.
        QTest::newRow("scanned A4, 300 dpi") << QStringLiteral("../real-scans/epson.pdf") << 1 << 300 << 0 << 0;
    }
    void drawsAsPdftoppmDoes()
    {
        QFETCH(QString, file);
        QFETCH(int, page);
        QFETCH(int, dpi);
        QFETCH(int, width);
        QFETCH(int, rotation);
        const QString path = kCorpus + u'/' + file;
        PdfPreviewRequest request{path, page, width, dpi};
        const Outcome o = runPreview(request);
        qInfo("%s: %dx%d in %lld ms", qPrintable(file), o.preview.image.width(), o.preview.image.height(),
              qlonglong(o.ms));
        QCOMPARE(o.finishedCount, 1);
        QVERIFY2(!o.error.isError(), qPrintable(o.error.fullText()));
        const QImage ours = o.preview.image.convertToFormat(QImage::Format_RGB32);
        QVERIFY(!ours.isNull());
        QCOMPARE(o.preview.page, page);
        QCOMPARE(o.preview.rotation, rotation);

        int pages = 0;
        QSizeF size;
        QVERIFY(pdfinfo(path, page, &pages, &size));
        QCOMPARE(o.preview.pageCount, pages);
        if (rotation % 180 != 0)
            size.transpose(); // we give the size as shown
        QCOMPARE(o.preview.pageSizePt, size);
        if (width > 0)
            QCOMPARE(ours.width(), width);

        const QString out = m_tmp.filePath(QStringLiteral("checker"));
        QStringList args{QStringLiteral("-f"),  QString::number(page),         QStringLiteral("-l"),
                         QString::number(page), QStringLiteral("-singlefile"), QStringLiteral("-png")};
        // At the resolution the width asked for: pdftoppm's -scale-to-x means the unrotated page's width
        // (a /Rotate 90 page comes out 500 px high), ours the width as shown.
        args << QStringLiteral("-r") << QString::number(width > 0 ? o.preview.dpi : dpi, 'g', 17);
        QCOMPARE(QProcess::execute(QStringLiteral("pdftoppm"), args << path << out), 0);
        const QImage theirs = QImage(out + QStringLiteral(".png")).convertToFormat(QImage::Format_RGB32);
        QVERIFY(!theirs.isNull());
        // pdftoppm rounds a fractional size up (ceil(400.0000001) = 401), Splash to the nearest.
        QVERIFY2(std::abs(ours.width() - theirs.width()) <= 1 && std::abs(ours.height() - theirs.height()) <= 1,
                 qPrintable(QStringLiteral("%1x%2 against %3x%4")
                                .arg(ours.width())
                                .arg(ours.height())
                                .arg(theirs.width())
                                .arg(theirs.height())));
        const QSize common = ours.size().boundedTo(theirs.size());

        // Roughly equal: the same renderer, but antialiasing may round an edge pixel differently.
        qint64 sum = 0;
        qint64 farOff = 0;
        qint64 inked = 0;
        for (int y = 0; y < common.height(); ++y) {
            const auto *a = reinterpret_cast<const QRgb *>(ours.constScanLine(y));
            const auto *b = reinterpret_cast<const QRgb *>(theirs.constScanLine(y));
            for (int x = 0; x < common.width(); ++x) {
                const int d = std::max({std::abs(qRed(a[x]) - qRed(b[x])), std::abs(qGreen(a[x]) - qGreen(b[x])),
                                        std::abs(qBlue(a[x]) - qBlue(b[x]))});
                sum += d;
                farOff += d > 64;
                inked += qGray(a[x]) < 128;
            }
        }
        const double pixels = double(common.width()) * common.height();
        QVERIFY2(sum / pixels < 2.0, qPrintable(QStringLiteral("mean difference %1").arg(sum / pixels)));
        QVERIFY2(farOff / pixels < 0.005, qPrintable(QStringLiteral("%1 pixels far off").arg(farOff)));
        QVERIFY2(inked > 0, "the page drew nothing: a blank preview would pass every comparison with a blank checker");
    }

    void pageOutOfRange()
    {
        const Outcome o = runPreview({kCorpus + QStringLiteral("/clean/V4.pdf"), 31});
        QCOMPARE(o.finishedCount, 1);
        QCOMPARE(o.error.code(), ErrorCode::PreviewPageOutOfRange);
        QVERIFY(o.preview.image.isNull());
        QVERIFY(!Error::messageEnOf(ErrorCode::PreviewPageOutOfRange).isEmpty());
    }

    // 20-pages.pdf (qpdf's test suite) opens with the user password "user" or the owner password
    // "owner"; the enc-*.pdf files have an empty user password and open without one.
    void encryptedNeedsItsPassword_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<ErrorCode>("expected");
        QTest::newRow("none") << QString() << ErrorCode::PreviewNeedsPassword;
        QTest::newRow("wrong") << QStringLiteral("guess") << ErrorCode::PreviewNeedsPassword;
        QTest::newRow("user") << QStringLiteral("user") << ErrorCode::None;
        QTest::newRow("owner") << QStringLiteral("owner") << ErrorCode::None;
    }
    void encryptedNeedsItsPassword()
    {
        QFETCH(QString, password);
        QFETCH(ErrorCode, expected);
        PdfPreviewRequest request{kCorpus + QStringLiteral("/broken/20-pages.pdf"), 1, 0, 36};
        request.password = SecureBuffer::fromString(password);
        const Outcome o = runPreview(request);
        QCOMPARE(o.finishedCount, 1);
        QCOMPARE(o.error.code(), expected);
        if (expected == ErrorCode::None) {
            QCOMPARE(o.preview.pageCount, 20);
            QVERIFY(!o.preview.image.isNull());
        }
    }

    // Every damaged or hostile file of the corpus: a page or a typed error, once, within the timeout.
    void everyBrokenFileEndsInTime()
    {
        const QStringList files = QDir(kCorpus + QStringLiteral("/broken")).entryList({QStringLiteral("*.pdf")});
        QVERIFY(files.size() >= 30);
        QElapsedTimer total;
        total.start();
        int pages = 0;
        for (const QString &file : files) {
            PdfPreviewRequest request{kCorpus + QStringLiteral("/broken/") + file, 1, 0, 100};
            request.timeoutMs = 5000;
            const Outcome o = runPreview(request, 10000);
            QVERIFY2(o.finishedCount == 1, qPrintable(file));
            QVERIFY2(o.ms < 7000, qPrintable(file));
            const ErrorCode code = o.error.code();
            QVERIFY2(code == ErrorCode::None || code == ErrorCode::PreviewDamaged ||
                         code == ErrorCode::PreviewNeedsPassword || code == ErrorCode::PreviewTimedOut ||
                         code == ErrorCode::PreviewTooLarge,
                     qPrintable(file + QStringLiteral(": ") + o.error.id() + u' ' + o.error.detail()));
            QVERIFY2((code == ErrorCode::None) == !o.preview.image.isNull(), qPrintable(file));
            pages += code == ErrorCode::None;
        }
        qInfo("%d of %lld files drawn in %lld ms", pages, qlonglong(files.size()), qlonglong(total.elapsed()));
        QVERIFY(pages > 0);
        QVERIFY(renderChildren().isEmpty());
    }

    // A 4 KB file that no renderer finishes: killed at the timeout, while this thread's event loop
    // went on turning (a heartbeat timer kept ticking through the whole render).
    void hostileSlowFileTimesOutWithoutBlockingTheCaller()
    {
        const QString path = writeFile(m_tmp, QStringLiteral("slow.pdf"), nestedFormsPdf(10, 10, false));
        QVERIFY(!path.isEmpty());
        int ticks = 0;
        QTimer heartbeat;
        heartbeat.setInterval(20);
        connect(&heartbeat, &QTimer::timeout, this, [&] { ++ticks; });
        heartbeat.start();
        PdfPreviewRequest request{path, 1, 0, 50};
        request.timeoutMs = 1500;
        const Outcome o = runPreview(request);
        heartbeat.stop();
        QCOMPARE(o.finishedCount, 1);
        QCOMPARE(o.error.code(), ErrorCode::PreviewTimedOut);
        QVERIFY2(o.ms >= 1500 && o.ms < 5000, qPrintable(QString::number(o.ms)));
        // 1.5 s at 20 ms would be 75 ticks; a loaded machine may merge some, a blocked thread gets none.
        QVERIFY2(ticks >= 25, qPrintable(QString::number(ticks)));
        QVERIFY(renderChildren().isEmpty());
    }

    void memoryHungryRenderIsTooLarge_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("dpi");
        QTest::addColumn<int>("memoryMb");
        QTest::addColumn<QString>("detail");
        // Letter at 2000 dpi is 374 megapixels: refused before anything is drawn.
        QTest::newRow("size cap") << QStringLiteral("V4") << 2000 << 1536 << QStringLiteral("too-large");
        // 23 megapixels fits the cap, not 200 MB: refused by the helper's estimate.
        QTest::newRow("estimate over the memory limit")
            << QStringLiteral("V4") << 500 << 200 << QStringLiteral("MB needed");
        // A small page that passes the estimate, but 40 nested transparency groups want a page-size
        // bitmap each: an allocation fails under RLIMIT_AS.
        QTest::newRow("RLIMIT_AS") << QStringLiteral("groups") << 200 << 400 << QStringLiteral("out-of-memory");
    }
    void memoryHungryRenderIsTooLarge()
    {
        QFETCH(QString, file);
        QFETCH(int, dpi);
#ifdef SOHOA_SANITIZE_BUILD
        // AddressSanitizer reserves terabytes of address space: sohoa-render sets no RLIMIT_AS there.
        if (QString::fromLatin1(QTest::currentDataTag()) == u"RLIMIT_AS")
            QSKIP("sanitizer build: sohoa-render cannot apply RLIMIT_AS under AddressSanitizer");
#endif
        QFETCH(int, memoryMb);
        QFETCH(QString, detail);
        const QString path = file == u"groups"
                                 ? writeFile(m_tmp, QStringLiteral("groups.pdf"), nestedFormsPdf(40, 1, true))
                                 : kCorpus + QStringLiteral("/clean/V4.pdf");
        PdfPreviewRequest request{path, 1, 0, dpi};
        request.memoryLimitMb = memoryMb;
        const Outcome o = runPreview(request);
        QCOMPARE(o.finishedCount, 1);
        QCOMPARE(o.error.code(), ErrorCode::PreviewTooLarge);
        QVERIFY2(o.error.detail().contains(detail), qPrintable(o.error.detail()));
        QVERIFY(o.preview.image.isNull());
    }

    // Poppler skips a transparency group it has no memory for (its gmalloc says "Out of memory" and
    // goes on): the page comes back, said to be incomplete, with a warning.
    void pageMissingPartsForLackOfMemoryIsFlagged()
    {
#ifdef SOHOA_SANITIZE_BUILD
        QSKIP("sanitizer build: sohoa-render cannot apply RLIMIT_AS under AddressSanitizer");
#endif
        const QString path = writeFile(m_tmp, QStringLiteral("groups12.pdf"), nestedFormsPdf(12, 1, true));
        PdfPreviewRequest request{path, 1, 0, 300};
        request.memoryLimitMb = 300;
        PdfPreviewJob job(request);
        QSignalSpy finished(&job, &Job::finished);
        QSignalSpy warnings(&job, &Job::warning);
        QVERIFY(job.start());
        QVERIFY(finished.wait(30000));
        QVERIFY2(!job.error().isError(), qPrintable(job.error().fullText()));
        QVERIFY(!job.preview().image.isNull());
        QVERIFY(job.preview().incomplete);
        QCOMPARE(warnings.count(), 1);
        QCOMPARE(warnings.first().first().value<Error>().code(), ErrorCode::PreviewTooLarge);
    }

    // cancel() during a render that would never end: Cancelled within moments, the helper gone.
    void cancelKillsTheHelper()
    {
        const QString path = writeFile(m_tmp, QStringLiteral("slow-cancel.pdf"), nestedFormsPdf(10, 10, false));
        PdfPreviewRequest request{path, 1, 0, 50};
        request.timeoutMs = 60000;
        PdfPreviewJob job(request);
        QSignalSpy finished(&job, &Job::finished);
        QVERIFY(job.start());
        QTRY_VERIFY_WITH_TIMEOUT(!renderChildren().isEmpty(), 5000);
        const QList<int> children = renderChildren();
        QCOMPARE(children.size(), 1);
        QTest::qWait(300); // well inside the render
        QElapsedTimer clock;
        clock.start();
        job.cancel();
        QVERIFY(finished.wait(2000));
        QVERIFY2(clock.elapsed() < 500, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(job.error().code(), ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(QStringLiteral("/proc/%1").arg(children.first())));
        QVERIFY(renderChildren().isEmpty());
        QTest::qWait(50);
        QCOMPARE(finished.count(), 1);
    }

    // How the helper died says what happened: a stand-in helper (a shell script) dies each way.
    void deathsAreToldApart_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<ErrorCode>("expected");
        QTest::newRow("SIGXCPU: its CPU limit") << QByteArray("kill -XCPU $$") << ErrorCode::PreviewTimedOut;
        QTest::newRow("SIGKILL by another: the OOM killer")
            << QByteArray("kill -KILL $$") << ErrorCode::PreviewTooLarge;
        QTest::newRow("abort after Poppler's out of memory")
            << QByteArray("echo 'Out of memory' >&2; kill -ABRT $$") << ErrorCode::PreviewTooLarge;
        QTest::newRow("SIGSEGV: crashed on the file") << QByteArray("kill -SEGV $$") << ErrorCode::PreviewDamaged;
        QTest::newRow("garbage on stdout") << QByteArray("echo nonsense") << ErrorCode::Internal;
    }
    void deathsAreToldApart()
    {
        QFETCH(QByteArray, script);
        QFETCH(ErrorCode, expected);
        const QString helper = writeFile(m_tmp, QStringLiteral("fake-render"), "#!/bin/sh\n" + script + "\n");
        QVERIFY(QFile::setPermissions(helper, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("SOHOA_RENDER_PATH", helper.toLocal8Bit());
        const Outcome o = runPreview({kCorpus + QStringLiteral("/clean/V4.pdf"), 1});
        qunsetenv("SOHOA_RENDER_PATH");
        QCOMPARE(o.finishedCount, 1);
        QCOMPARE(o.error.code(), expected);
    }

    void helperMissing()
    {
        const QByteArray before = qgetenv("SOHOA_RENDER_PATH");
        qputenv("SOHOA_RENDER_PATH", m_tmp.filePath(QStringLiteral("no-such-helper")).toLocal8Bit());
        const Outcome o = runPreview({kCorpus + QStringLiteral("/clean/V4.pdf"), 1});
        if (before.isNull())
            qunsetenv("SOHOA_RENDER_PATH");
        else
            qputenv("SOHOA_RENDER_PATH", before);
        QCOMPARE(o.finishedCount, 1);
        QCOMPARE(o.error.code(), ErrorCode::PreviewHelperMissing);
    }

    void missingFileIsNotAHelperProblem()
    {
        const Outcome o = runPreview({m_tmp.filePath(QStringLiteral("absent.pdf")), 1});
        QCOMPARE(o.finishedCount, 1);
        QCOMPARE(o.error.code(), ErrorCode::FileNotFound);
    }

private:
    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestPdfPreview)
#include "TestPdfPreview.moc"
