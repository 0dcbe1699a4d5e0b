// sohoa-cli end to end, with SANE's real `test` and `pnm` virtual scanners and independent checkers
// (qpdf, pdfinfo, pdfimages) reading what we write.

#include "FileDigest.h"
#include "SaneTestEnv.h"
#include "ToolRunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <QElapsedTimer>
#include <QProcess>

#include <csignal>
#include <sys/mount.h>
#include <unistd.h>

using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");

// Every page event's file exists and has the reported checksum; returns the events.
QList<QJsonObject> checkSavedPages(const ToolResult &r)
{
    QList<QJsonObject> pages = r.events(QStringLiteral("page"));
    for (const QJsonObject &p : pages) {
        const QString path = p.value(QStringLiteral("path")).toString();
        if (sha256OfFile(path) != p.value(QStringLiteral("sha256")).toString())
            qWarning() << "checksum mismatch or missing file:" << path;
    }
    return pages;
}

bool allPagesIntact(const QList<QJsonObject> &pages)
{
    for (const QJsonObject &p : pages) {
        if (sha256OfFile(p.value(QStringLiteral("path")).toString()) != p.value(QStringLiteral("sha256")).toString())
            return false;
    }
    return true;
}

QStringList scanArgs(const QString &store, const QStringList &extra)
{
    return QStringList{QStringLiteral("scan"), QStringLiteral("--store"), store, QStringLiteral("--json")} + extra;
}

int pdfPageCount(const QString &pdf)
{
    const ToolResult info = runTool(QStringLiteral("pdfinfo"), {pdf});
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info.out);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

// `pdfimages -list` rows: (enc, bpc, color)
QList<QStringList> pdfImages(const QString &pdf)
{
    QList<QStringList> rows;
    const ToolResult r = runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    const QStringList lines = r.lines();
    for (int i = 2; i < lines.size(); ++i) {
        const QStringList cols = lines.at(i).split(u' ', Qt::SkipEmptyParts);
        if (cols.size() > 9)
            rows.append({cols.at(8), cols.at(7), cols.at(5)}); // enc, bpc, color
    }
    return rows;
}

void checkPdf(const QString &pdf, int pages)
{
    const ToolResult check = runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf});
    QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
    QVERIFY2(!check.out.contains(QStringLiteral("WARNING")), qPrintable(check.out));
    QCOMPARE(pdfPageCount(pdf), pages);
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

    SaneTestEnv m_sane;

private slots:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("qpdf");
        SOHOA_REQUIRE_TOOL("pdfinfo");
        SOHOA_REQUIRE_TOOL("pdfimages");
    }

    void version()
    {
        const ToolResult r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("sohoa-cli ")));
    }

    // Commands that draw text (coversheet, stamp-qr, sign) start a QGuiApplication. Run as from cron or
    // CI (no XDG_RUNTIME_DIR, no QT_QPA_PLATFORM), they print nothing on stderr when they succeed, and
    // the private runtime folder they make for themselves is gone when they end.
    void guiCommandsKeepStderrQuiet_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("coversheet") << QStringList{
            QStringLiteral("coversheet"),  QStringLiteral("--dossier"),   kCode,
            QStringLiteral("--component"), QStringLiteral("Đơn đề nghị"), QStringLiteral("--out"),
            QStringLiteral("OUT.pdf")};
        QTest::newRow("stamp-qr with caption") << QStringList{
            QStringLiteral("stamp-qr"),  QStringLiteral(SOHOA_CORPUS_DIR "/pdf/clean/11-pages-with-labels.pdf"),
            QStringLiteral("--text"),    QStringLiteral("SOHOA:1:") + kCode,
            QStringLiteral("--caption"), QStringLiteral("Tra cứu hồ sơ"),
            QStringLiteral("--out"),     QStringLiteral("OUT.pdf")};
    }
    void guiCommandsKeepStderrQuiet()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const QString tmp = dir.filePath(QStringLiteral("tmp"));
        QVERIFY(QDir().mkpath(tmp));
        const QString out = dir.filePath(QStringLiteral("out.pdf"));
        args.replace(args.indexOf(QStringLiteral("OUT.pdf")), out);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("XDG_RUNTIME_DIR"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("QT_LOGGING_RULES"));
        env.insert(QStringLiteral("TMPDIR"), tmp);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(SOHOA_CLI_PATH), args);
        QVERIFY(p.waitForFinished(120000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(err));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(QFile::exists(out));
        QCOMPARE(QDir(tmp).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }

    void unknownCommandIsUsageError()
    {
        const ToolResult r = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("invalid-argument")));
    }

    void noCommandOrAnUnknownOneSaysSo()
    {
        const ToolResult none = runCli({});
        QCOMPARE(none.exitCode, 2);
        QVERIFY2(none.err.contains(QStringLiteral("no command given")), qPrintable(none.describe()));
        QVERIFY(none.err.contains(QStringLiteral("Usage: sohoa-cli COMMAND")));
        const ToolResult unknown = runCli({QStringLiteral("validate"), QStringLiteral("--json")});
        QCOMPARE(unknown.exitCode, 2);
        const QJsonObject error =
            unknown.events(QStringLiteral("error")).value(0).value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("detail")).toString(), QStringLiteral("unknown command 'validate'"));
        QCOMPARE(error.value(QStringLiteral("exit_status")).toInt(), 2);
    }

    void devicesJson()
    {
        const ToolResult r = runCli({QStringLiteral("devices"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const auto ev = r.events(QStringLiteral("devices"));
        QCOMPARE(ev.size(), 1);
        QStringList names;
        for (const auto &d : ev.first().value(QStringLiteral("devices")).toArray())
            names << d.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(names.contains(QStringLiteral("test:0")), qPrintable(names.join(u',')));
        QVERIFY(names.contains(QStringLiteral("pnm:0")));
    }

    void adfColorBatchAt300DpiAndExport()
    {
        QTemporaryDir store;
        const ToolResult r = runCli(
            scanArgs(store.path(), {QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--source"),
                                    QStringLiteral("adf"), QStringLiteral("--mode"), QStringLiteral("color"),
                                    QStringLiteral("--resolution"), QStringLiteral("300"),
                                    QStringLiteral("--page-size"), QStringLiteral("A4"), QStringLiteral("--option"),
                                    QStringLiteral("test-picture=Color pattern"), QStringLiteral("--dossier"), kCode,
                                    QStringLiteral("--component"), QStringLiteral("Đơn đề nghị")}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const auto pages = checkSavedPages(r);
        QCOMPARE(pages.size(), 10);
        QVERIFY(allPagesIntact(pages));
        for (int i = 0; i < pages.size(); ++i) {
            const QJsonObject &p = pages.at(i);
            QCOMPARE(p.value(QStringLiteral("seq")).toInt(), i + 1);
            QVERIFY(qAbs(p.value(QStringLiteral("width")).toInt() - 2480) <= 1);
            QVERIFY(qAbs(p.value(QStringLiteral("height")).toInt() - 3508) <= 1);
            QCOMPARE(p.value(QStringLiteral("dpi")).toInt(), 300);
            QCOMPARE(p.value(QStringLiteral("format")).toString(), QStringLiteral("jpg"));
            QVERIFY(p.value(QStringLiteral("path"))
                        .toString()
                        .endsWith(QStringLiteral("/Đơn đề nghị/%1.jpg").arg(i + 1, 4, 10, QLatin1Char('0'))));
        }
        const auto summary = r.events(QStringLiteral("summary"));
        QCOMPARE(summary.size(), 1);
        QCOMPARE(summary.first().value(QStringLiteral("pages_saved")).toInt(), 10);
        QCOMPARE(summary.first().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

        const QString pdf = store.filePath(QStringLiteral("out.pdf"));
        const ToolResult ex =
            runCli({QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--store"), store.path(),
                    QStringLiteral("--out"), pdf, QStringLiteral("--json")});
        QVERIFY2(ex.exitCode == 0, qPrintable(ex.describe()));
        checkPdf(pdf, 10);
        const auto images = pdfImages(pdf);
        QCOMPARE(images.size(), 10);
        for (const QStringList &img : images) {
            QCOMPARE(img.at(0), QStringLiteral("jpeg"));
            QCOMPARE(img.at(2), QStringLiteral("rgb"));
        }
        // A4 at 100 % scale.
        const ToolResult info = runTool(QStringLiteral("pdfinfo"), {pdf});
        // 2480 x 3508 px at 300 dpi (the test backend may deliver one line less).
        QVERIFY2(QRegularExpression(QStringLiteral("Page size:\\s+595\\.2 x 84[12]\\.\\d+ pts \\(A4\\)"))
                     .match(info.out)
                     .hasMatch(),
                 qPrintable(info.out));
        QVERIFY2(info.out.contains(kCode), qPrintable(info.out));
        // Never overwritten without --overwrite.
        const ToolResult again = runCli({QStringLiteral("dossier"), QStringLiteral("export"), kCode,
                                         QStringLiteral("--store"), store.path(), QStringLiteral("--out"), pdf});
        QCOMPARE(again.exitCode, 5);
        QVERIFY(again.err.contains(QStringLiteral("output-exists")));

        // list and show agree with what was scanned.
        const ToolResult list = runCli({QStringLiteral("dossier"), QStringLiteral("list"), QStringLiteral("--store"),
                                        store.path(), QStringLiteral("--json")});
        const auto dossiers =
            list.events(QStringLiteral("dossiers")).value(0).value(QStringLiteral("dossiers")).toArray();
        QCOMPARE(dossiers.size(), 1);
        QCOMPARE(dossiers.at(0).toObject().value(QStringLiteral("code")).toString(), kCode);
        QCOMPARE(dossiers.at(0).toObject().value(QStringLiteral("page_count")).toInt(), 10);
        const ToolResult show = runCli({QStringLiteral("dossier"), QStringLiteral("show"), kCode,
                                        QStringLiteral("--store"), store.path(), QStringLiteral("--json")});
        const auto comps =
            show.events(QStringLiteral("dossier")).value(0).value(QStringLiteral("components")).toArray();
        QCOMPARE(comps.size(), 1);
        QCOMPARE(comps.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Đơn đề nghị"));
        QCOMPARE(comps.at(0).toObject().value(QStringLiteral("pages")).toArray().size(), 10);
        const ToolResult verify = runCli(
            {QStringLiteral("dossier"), QStringLiteral("verify"), kCode, QStringLiteral("--store"), store.path()});
        QCOMPARE(verify.exitCode, 0);
    }

    void lineartBatchBecomesBilevelPdf()
    {
        QTemporaryDir store;
        const ToolResult r = runCli(
            scanArgs(store.path(), {QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--source"),
                                    QStringLiteral("adf"), QStringLiteral("--mode"), QStringLiteral("lineart"),
                                    QStringLiteral("--resolution"), QStringLiteral("300"),
                                    QStringLiteral("--page-size"), QStringLiteral("A4"), QStringLiteral("--option"),
                                    QStringLiteral("test-picture=Grid"), QStringLiteral("--dossier"), kCode}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const auto pages = r.events(QStringLiteral("page"));
        QCOMPARE(pages.size(), 10);
        QVERIFY(allPagesIntact(pages));
        for (const auto &p : pages) {
            QCOMPARE(p.value(QStringLiteral("format")).toString(), QStringLiteral("png"));
            QCOMPARE(p.value(QStringLiteral("bit_depth")).toInt(), 1);
            QCOMPARE(p.value(QStringLiteral("mode")).toString(), QStringLiteral("lineart"));
        }
        const QString pdf = store.filePath(QStringLiteral("bw.pdf"));
        const ToolResult ex = runCli({QStringLiteral("dossier"), QStringLiteral("export"), kCode,
                                      QStringLiteral("--store"), store.path(), QStringLiteral("--out"), pdf});
        QVERIFY2(ex.exitCode == 0, qPrintable(ex.describe()));
        checkPdf(pdf, 10);
        for (const QStringList &img : pdfImages(pdf)) {
            QVERIFY2(img.at(0) == u"ccitt" || img.at(0) == u"image", qPrintable(img.join(u' ')));
            QCOMPARE(img.at(1), QStringLiteral("1"));
        }
    }

    void specialFrames_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("bpc");
        QTest::newRow("16-bit gray") << QStringList{QStringLiteral("--mode"), QStringLiteral("gray"),
                                                    QStringLiteral("--option"), QStringLiteral("depth=16")}
                                     << QStringLiteral("png") << 16;
        QTest::newRow("16-bit color") << QStringList{QStringLiteral("--mode"), QStringLiteral("color"),
                                                     QStringLiteral("--option"), QStringLiteral("depth=16")}
                                      << QStringLiteral("png") << 16;
        QTest::newRow("three-pass") << QStringList{QStringLiteral("--mode"), QStringLiteral("color"),
                                                   QStringLiteral("--option"), QStringLiteral("three-pass=yes")}
                                    << QStringLiteral("jpg") << 8;
        QTest::newRow("hand-scanner") << QStringList{QStringLiteral("--mode"), QStringLiteral("gray"),
                                                     QStringLiteral("--option"), QStringLiteral("hand-scanner=yes")}
                                      << QStringLiteral("jpg") << 8;
    }
    void specialFrames()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, format);
        QFETCH(int, bpc);
        QTemporaryDir store;
        const ToolResult r = runCli(
            scanArgs(store.path(),
                     QStringList{QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--resolution"),
                                 QStringLiteral("75"), QStringLiteral("--option"),
                                 QStringLiteral("test-picture=Color pattern"), QStringLiteral("--dossier"), kCode} +
                         options));
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const auto pages = r.events(QStringLiteral("page"));
        QCOMPARE(pages.size(), 1); // flatbed: one page
        QVERIFY(allPagesIntact(pages));
        QCOMPARE(pages.first().value(QStringLiteral("format")).toString(), format);
        const QString pdf = store.filePath(QStringLiteral("x.pdf"));
        const ToolResult ex = runCli({QStringLiteral("dossier"), QStringLiteral("export"), kCode,
                                      QStringLiteral("--store"), store.path(), QStringLiteral("--out"), pdf});
        QVERIFY2(ex.exitCode == 0, qPrintable(ex.describe()));
        checkPdf(pdf, 1);
        QCOMPARE(pdfImages(pdf).value(0).value(1), QString::number(bpc));
    }

    void pnmFeedsCorpusPagesPixelIdentical()
    {
        const QDir corpus(QStringLiteral(SOHOA_CORPUS_DIR "/scans"));
        const QStringList jpgs = corpus.entryList({QStringLiteral("page-*.jpg")}, QDir::Files, QDir::Name);
        if (jpgs.isEmpty())
            QFAIL("the corpus ../shared/corpus/scans is missing");
        QTemporaryDir work;
        int seq = 0;
        for (const QString &name : jpgs) {
            const QImage source = QImage(corpus.filePath(name)).convertToFormat(QImage::Format_RGB888);
            QVERIFY(!source.isNull());
            const QString pnm = work.filePath(name + QStringLiteral(".ppm"));
            QVERIFY(source.save(pnm, "PPM"));
            const ToolResult r = runCli(scanArgs(
                work.filePath(QStringLiteral("store")),
                {QStringLiteral("--device"), QStringLiteral("pnm:0"), QStringLiteral("--option"),
                 QStringLiteral("filename=") + pnm, QStringLiteral("--format"), QStringLiteral("png"),
                 QStringLiteral("--dossier"), kCode, QStringLiteral("--component"), QStringLiteral("Bản chính")}));
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            const auto pages = r.events(QStringLiteral("page"));
            QCOMPARE(pages.size(), 1);
            QCOMPARE(pages.first().value(QStringLiteral("seq")).toInt(), ++seq);
            const QImage stored(pages.first().value(QStringLiteral("path")).toString());
            QVERIFY2(stored.convertToFormat(QImage::Format_RGB888) == source, qPrintable(name));
        }
        QCOMPARE(seq, jpgs.size());
    }

    void invalidDossierCodeTouchesNothing()
    {
        QTemporaryDir work;
        const QString store = work.filePath(QStringLiteral("store"));
        const ToolResult r =
            runCli(scanArgs(store, {QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--dossier"),
                                    QStringLiteral("H15.50.05.13-261308-0975")}));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.events(QStringLiteral("error"))
                     .value(0)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 QStringLiteral("invalid-dossier-code"));
        QVERIFY(!QFileInfo::exists(store));
        // The same code is accepted with the explicit free-form flag.
        const ToolResult ok =
            runCli(scanArgs(store, {QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--dossier"),
                                    QStringLiteral("Lưu trữ hộp 12"), QStringLiteral("--free-form")}));
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
    }

    void feederEmptyBeforeFirstPage()
    {
        QTemporaryDir store;
        const ToolResult r = runCli(
            scanArgs(store.path(),
                     {QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--source"),
                      QStringLiteral("adf"), QStringLiteral("--option"),
                      QStringLiteral("read-return-value=SANE_STATUS_NO_DOCS"), QStringLiteral("--dossier"), kCode}));
        QCOMPARE(r.exitCode, 3);
        const auto summary = r.events(QStringLiteral("summary")).value(0);
        QCOMPARE(summary.value(QStringLiteral("pages_saved")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("feeder-empty"));
        QVERIFY(r.err.contains(QStringLiteral("Khay nạp giấy đang trống")));
        QVERIFY(r.err.contains(QStringLiteral("document feeder is empty")));
    }

    void jamThenContinueIntoSameComponent()
    {
        QTemporaryDir store;
        const QStringList base{QStringLiteral("--device"),     QStringLiteral("test:0"),
                               QStringLiteral("--source"),     QStringLiteral("adf"),
                               QStringLiteral("--resolution"), QStringLiteral("50"),
                               QStringLiteral("--dossier"),    kCode,
                               QStringLiteral("--component"),  QStringLiteral("Hồ sơ")};
        const ToolResult first =
            runCli(scanArgs(store.path(), base + QStringList{QStringLiteral("--max-pages"), QStringLiteral("3")}));
        QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
        QCOMPARE(first.events(QStringLiteral("page")).size(), 3);
        const ToolResult jam =
            runCli(scanArgs(store.path(), base + QStringList{QStringLiteral("--option"),
                                                             QStringLiteral("read-return-value=SANE_STATUS_JAMMED")}));
        QCOMPARE(jam.exitCode, 3);
        QCOMPARE(jam.events(QStringLiteral("summary"))
                     .value(0)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 QStringLiteral("scanner-jammed"));
        QVERIFY(jam.err.contains(QStringLiteral("Giấy bị kẹt")));
        const ToolResult cont = runCli(scanArgs(store.path(), base));
        QVERIFY2(cont.exitCode == 0, qPrintable(cont.describe()));
        const auto pages = cont.events(QStringLiteral("page"));
        QCOMPARE(pages.size(), 10);
        QCOMPARE(pages.first().value(QStringLiteral("seq")).toInt(), 4);
        QVERIFY(allPagesIntact(first.events(QStringLiteral("page"))));
    }

    void diskFullKeepsSavedPages()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to mount a small tmpfs for a real full disk; run the suite as root (CI does)");
        QTemporaryDir mountPoint;
        if (::mount("tmpfs", QFile::encodeName(mountPoint.path()).constData(), "tmpfs", 0, "size=2600k") != 0)
            QSKIP("cannot mount a tmpfs here (no CAP_SYS_ADMIN); the full-disk case is not exercised");
        const QString store = mountPoint.path() + QStringLiteral("/store");
        const ToolResult r =
            runCli(scanArgs(store, {QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--source"),
                                    QStringLiteral("adf"), QStringLiteral("--mode"), QStringLiteral("color"),
                                    QStringLiteral("--resolution"), QStringLiteral("100"), QStringLiteral("--option"),
                                    QStringLiteral("test-picture=Color pattern"), QStringLiteral("--dossier"), kCode}));
        const auto pages = r.events(QStringLiteral("page"));
        const bool intact = allPagesIntact(pages);
        const auto summary = r.events(QStringLiteral("summary")).value(0);
        // Reopening the full store still works and lists exactly the reported pages.
        const ToolResult show = runCli({QStringLiteral("dossier"), QStringLiteral("show"), kCode,
                                        QStringLiteral("--store"), store, QStringLiteral("--json")});
        ::umount2(QFile::encodeName(mountPoint.path()).constData(), MNT_DETACH);
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(summary.value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("disk-full"));
        QVERIFY2(pages.size() >= 1 && pages.size() < 10, qPrintable(r.describe()));
        QVERIFY(intact);
        QVERIFY(r.err.contains(QStringLiteral("Ổ đĩa đã đầy")));
        const auto comps =
            show.events(QStringLiteral("dossier")).value(0).value(QStringLiteral("components")).toArray();
        QCOMPARE(comps.at(0).toObject().value(QStringLiteral("pages")).toArray().size(), pages.size());
    }

    void ctrlCCancelsAndKeepsSavedPages()
    {
        QTemporaryDir store;
        QProcess p;
        p.start(QStringLiteral(SOHOA_CLI_PATH),
                scanArgs(store.path(),
                         {QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--source"),
                          QStringLiteral("adf"), QStringLiteral("--resolution"), QStringLiteral("100"),
                          QStringLiteral("--option"), QStringLiteral("read-delay=yes"), QStringLiteral("--option"),
                          QStringLiteral("read-delay-duration=20000"), QStringLiteral("--dossier"), kCode}));
        QVERIFY(p.waitForStarted());
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (!out.contains("\"event\":\"page\"") && timer.elapsed() < 60000) {
            p.waitForReadyRead(200);
            out += p.readAllStandardOutput();
        }
        QVERIFY2(out.contains("\"event\":\"page\""), out.constData());
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(15000));
        out += p.readAllStandardOutput();
        ToolResult r;
        r.exitCode = p.exitCode();
        r.out = QString::fromUtf8(out);
        QCOMPARE(r.exitCode, 130);
        const auto pages = r.events(QStringLiteral("page"));
        QVERIFY(pages.size() >= 1 && pages.size() < 10);
        QVERIFY(allPagesIntact(pages));
        QCOMPARE(r.events(QStringLiteral("summary"))
                     .value(0)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 QStringLiteral("cancelled"));
    }

    void badRawOptionIsTyped()
    {
        QTemporaryDir store;
        const ToolResult r = runCli(
            scanArgs(store.path(), {QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--option"),
                                    QStringLiteral("no-such-option=1"), QStringLiteral("--dossier"), kCode}));
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.events(QStringLiteral("summary"))
                     .value(0)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 QStringLiteral("option-not-found"));
        const ToolResult missing =
            runCli(scanArgs(store.path(), {QStringLiteral("--device"), QStringLiteral("nosuch:0"),
                                           QStringLiteral("--dossier"), kCode}));
        QCOMPARE(missing.exitCode, 3);
        QVERIFY(missing.err.contains(QStringLiteral("scanner-not-found")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
