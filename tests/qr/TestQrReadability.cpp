// QR codes too dense to read (issue 10, item 7): a code whose modules would be under kQrMinModuleMm
// (0.33 mm, quiet zone included in the side) is refused before anything is written, by `stamp-qr`
// and by `sign --qr` (exit 2, qr-too-dense), whether the chosen size or a page too small for the code
// makes it so; the same text fits at the size the refusal names, and a code at that limit is read by
// zbarimg from a 300 dpi pdftoppm rendering.

#include "HandMadePdf.h"
#include "SigningFixtures.h"
#include "ToolRunner.h"
#include "core/pdf/PdfQrStamper.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

// A one-page PDF of widthMm x heightMm, written here (no content).
QByteArray pagePdf(double widthMm, double heightMm)
{
    const QByteArray w = QByteArray::number(widthMm * 72 / 25.4, 'f', 2);
    const QByteArray h = QByteArray::number(heightMm * 72 / 25.4, 'f', 2);
    const QList<QByteArray> objects{
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + w + ' ' + h + "] /Resources << >> >>",
    };
    return handMadePdf(objects);
}

QJsonObject errorOf(const ToolResult &r)
{
    return r.events(QStringLiteral("error")).value(0).value(QStringLiteral("error")).toObject();
}

// What zbarimg reads on page 1 rendered at dpi (gray), each symbol's data.
QStringList readCodes(const QString &pdf, int dpi, const QString &prefix)
{
    const ToolResult render =
        runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-gray"),
                                             QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                             QStringLiteral("1"), QStringLiteral("-singlefile"), pdf, prefix});
    if (render.exitCode != 0)
        return {QStringLiteral("pdftoppm failed: ") + render.describe()};
    const ToolResult zbar =
        runTool(QStringLiteral("zbarimg"), {QStringLiteral("-q"), QStringLiteral("--raw"), QStringLiteral("-Sdisable"),
                                            QStringLiteral("-Sqrcode.enable"), prefix + QStringLiteral(".pgm")});
    QFile::remove(prefix + QStringLiteral(".pgm"));
    return zbar.out.split(u'\n', Qt::SkipEmptyParts);
}

// "make the code at least N mm" in a qr-too-dense detail.
double suggestedSideMm(const QString &detail)
{
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("at least ([0-9.]+) mm")).match(detail);
    return m.hasMatch() ? m.captured(1).toDouble() : 0;
}

// Placed on A4 pages at the top left, where nothing else is drawn.
const QStringList kTopLeft{QStringLiteral("--position"), QStringLiteral("10mm,10mm")};

} // namespace

class TestQrReadability : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_a4;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Nothing but what a test left on purpose: no output, no temporary.
    QStringList leftovers(const QString &prefix) const
    {
        return QDir(m_dir.path()).entryList({prefix + u'*', u'.' + prefix + u'*'}, QDir::Files | QDir::Hidden);
    }

private slots:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("pdftoppm");
        SOHOA_REQUIRE_TOOL("zbarimg");
        SOHOA_REQUIRE_TOOL("pdfsig");
        SOHOA_REQUIRE_TOOL("qpdf");
        SOHOA_REQUIRE_TOOL("openssl");
        QVERIFY(m_dir.isValid());
        m_a4 = path(QStringLiteral("a4.pdf"));
        QVERIFY(writeFile(m_a4, pagePdf(210, 297)));
    }

    // The rule itself, at its boundary: (modules + 8) x 0.33 mm reads, a tenth of a millimetre less
    // does not; a refusal names the module size and the smallest side that reads.
    void ruleAtTheBoundary_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<int>("level");
        QTest::newRow("short URL, M") << QStringLiteral(
                                             "https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975")
                                      << int(QrErrorCorrection::Medium);
        QTest::newRow("3000 capitals, M") << QString(3000, u'A') << int(QrErrorCorrection::Medium);
        QTest::newRow("300 characters, H")
            << QStringLiteral("https://x.example.vn/?q=") + QString(276, u'z') << int(QrErrorCorrection::High);
    }
    void ruleAtTheBoundary()
    {
        QFETCH(QString, payload);
        QFETCH(int, level);
        const auto matrix = encodeQr(payload, QrErrorCorrection(level));
        QVERIFY(matrix);
        const double limit = (matrix->size() + 2 * QrMatrix::kQuietZone) * kQrMinModuleMm;
        QVERIFY(encodeReadableQr(payload, QrErrorCorrection(level), limit));
        QCOMPARE(qrModuleMm(matrix.value(), limit), kQrMinModuleMm);
        const auto refused = encodeReadableQr(payload, QrErrorCorrection(level), limit - 0.1);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::QrTooDense);
        QCOMPARE(refused.error().id(), QStringLiteral("qr-too-dense"));
        QVERIFY2(refused.error().detail().contains(QStringLiteral("%1-module").arg(matrix->size())),
                 qPrintable(refused.error().detail()));
        const double suggested = suggestedSideMm(refused.error().detail());
        QVERIFY2(suggested >= limit - 1e-9 && suggested < limit + 0.1, qPrintable(refused.error().detail()));
        QVERIFY(encodeReadableQr(payload, QrErrorCorrection(level), suggested));
    }

    // The issue's case: 3000 characters at the default 20 mm make 0.11 mm modules. Refused before
    // anything is written, exit 2, in both languages; the same text at the side the refusal names is
    // stamped, and zbarimg reads that code at 300 dpi.
    void denseStampRefusedThenFitsAtTheLimit_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("level");
        QTest::newRow("3000 capitals, M") << QString(3000, u'A') << QStringLiteral("M");
        QTest::newRow("400 characters, Q")
            << QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975&ky=") +
                   QString(334, u'k')
            << QStringLiteral("Q");
    }
    void denseStampRefusedThenFitsAtTheLimit()
    {
        QFETCH(QString, payload);
        QFETCH(QString, level);
        const QString tag = QStringLiteral("dense-") + level;
        const QString out = path(tag + QStringLiteral(".pdf"));
        const QStringList args{QStringLiteral("stamp-qr"), m_a4,    QStringLiteral("--out"), out,
                               QStringLiteral("--text"),   payload, QStringLiteral("--ec"),  level,
                               QStringLiteral("--json")};
        const ToolResult refused = runCli(args + kTopLeft);
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.describe()));
        const QJsonObject e = errorOf(refused);
        QCOMPARE(e.value(QStringLiteral("id")).toString(), QStringLiteral("qr-too-dense"));
        QCOMPARE(e.value(QStringLiteral("exit_status")).toInt(), 2);
        const QString en = e.value(QStringLiteral("message_en")).toString();
        const QString vi = e.value(QStringLiteral("message_vi")).toString();
        QVERIFY(en.contains(QStringLiteral("too dense")));
        // Both sentences say how small a square would be, under which limit, and what to do.
        const auto matrix = encodeQr(payload, *parseQrErrorCorrection(level));
        QVERIFY(matrix);
        const double moduleMm = qrModuleMm(matrix.value(), 20);
        QVERIFY2(en.contains(QStringLiteral("At 20 mm, each square (module) of this code would be %1 mm, under the "
                                            "0.33 mm")
                                 .arg(moduleMm, 0, 'f', 2)),
                 qPrintable(en));
        QVERIFY2(en.contains(QStringLiteral("Make the code at least")) && en.contains(QStringLiteral("shorten")),
                 qPrintable(en));
        QVERIFY2(vi.contains(QString::number(moduleMm, 'f', 2).replace(u'.', u',') + QStringLiteral(" mm")) &&
                     vi.contains(QStringLiteral("0,33 mm")) && vi.contains(QStringLiteral("rút ngắn nội dung")),
                 qPrintable(vi));
        const QString detail = e.value(QStringLiteral("detail")).toString();
        QVERIFY2(detail.contains(QStringLiteral("at 20 mm")), qPrintable(detail));
        QCOMPARE(leftovers(tag), QStringList());

        const double side = suggestedSideMm(detail);
        QVERIFY2(side > 20, qPrintable(detail));
        const ToolResult stamped =
            runCli(args + kTopLeft + QStringList{QStringLiteral("--size-mm"), QString::number(side)});
        QVERIFY2(stamped.exitCode == 0, qPrintable(stamped.describe()));
        const int modules = stamped.events(QStringLiteral("stamped")).value(0).value(QStringLiteral("modules")).toInt();
        QVERIFY(modules > 21);
        // At the limit: modules of 0.33 mm (under 0.34 with the side rounded up to a tenth).
        QVERIFY2(side / (modules + 8) >= kQrMinModuleMm && side / (modules + 8) < 0.34, qPrintable(detail));
        QCOMPARE(qpdfCheckRank(out), 0);
        QCOMPARE(readCodes(out, 300, path(tag)), QStringList{payload});
    }

    // `sign --qr` applies the same rule before the key is opened (a batch-wide refusal, exit 2), and
    // signs once --qr-size-mm gives the code room.
    void denseSignQrRefusedBeforeTheKey()
    {
        TestCa ca;
        QString error;
        QVERIFY2(ca.make(&error), qPrintable(error));
        QVERIFY2(ca.issue(QStringLiteral("clerk"), QStringLiteral("/CN=Văn thư/O=SoHoa Test"),
                          QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        const QString payload = QString(3000, u'A');
        const QString out = path(QStringLiteral("signed-dense.pdf"));
        // A wrong key password: had the key been opened, the error would be wrong-password.
        ScopedEnv wrong("SOHOA_TEST_PASSWORD", "not-the-password");
        const QStringList args{QStringLiteral("sign"),          m_a4,
                               QStringLiteral("--out"),         out,
                               QStringLiteral("--p12"),         ca.p12(QStringLiteral("clerk")),
                               QStringLiteral("--pin-env"),     QStringLiteral("SOHOA_TEST_PASSWORD"),
                               QStringLiteral("--qr"),          payload,
                               QStringLiteral("--qr-position"), QStringLiteral("10mm,10mm"),
                               QStringLiteral("--json")};
        const ToolResult refused = runCli(args);
        QVERIFY2(refused.exitCode == 2, qPrintable(refused.describe()));
        QCOMPARE(errorOf(refused).value(QStringLiteral("id")).toString(), QStringLiteral("qr-too-dense"));
        QCOMPARE(leftovers(QStringLiteral("signed-dense")), QStringList());

        const double side = suggestedSideMm(errorOf(refused).value(QStringLiteral("detail")).toString());
        QVERIFY(side > 20);
        ScopedEnv right("SOHOA_TEST_PASSWORD", TestCa::password());
        const ToolResult ok = runCli(args + QStringList{QStringLiteral("--qr-size-mm"), QString::number(side)});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(out, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        QCOMPARE(readCodes(out, 300, path(QStringLiteral("signed-dense"))), QStringList{payload});
    }

    // A page smaller than the code shrinks it: still readable, it is stamped and listed as shrunk
    // (a warning); too small for readable modules, it is refused (naming the page) rather than
    // stamped with a code nobody can scan from paper.
    void smallPages_data()
    {
        QTest::addColumn<double>("sideMm");
        QTest::addColumn<bool>("stamped");
        // The URL makes a 37-module code: 45 x 0.33 = 14.85 mm is the smallest readable side.
        QTest::newRow("17 mm page: shrunk, readable") << 17.0 << true;
        QTest::newRow("15 mm page: shrunk, readable") << 15.0 << true;
        QTest::newRow("14 mm page: refused") << 14.0 << false;
        QTest::newRow("11.3 mm page (a 32 pt icon): refused") << 11.29 << false;
    }
    void smallPages()
    {
        QFETCH(double, sideMm);
        QFETCH(bool, stamped);
        const QString payload = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975");
        QCOMPARE(encodeQr(payload)->size(), 37);
        const QString tag = QStringLiteral("small-%1").arg(int(sideMm * 100));
        const QString in = path(tag + QStringLiteral("-in.pdf"));
        QVERIFY(writeFile(in, pagePdf(sideMm, sideMm)));
        const QString out = path(tag + QStringLiteral("-out.pdf"));
        const ToolResult r = runCli({QStringLiteral("stamp-qr"), in, QStringLiteral("--out"), out,
                                     QStringLiteral("--text"), payload, QStringLiteral("--json")});
        if (!stamped) {
            QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
            const QJsonObject e = errorOf(r);
            QCOMPARE(e.value(QStringLiteral("id")).toString(), QStringLiteral("qr-too-dense"));
            QVERIFY2(e.value(QStringLiteral("detail")).toString().contains(QStringLiteral("page 1 (")),
                     qPrintable(r.describe()));
            // The page, its size and its squares, in both languages.
            const QString size = QString::number(sideMm, 'f', 1);
            QVERIFY2(e.value(QStringLiteral("message_en"))
                         .toString()
                         .contains(QStringLiteral("page 1 (%1 × %1 mm: squares of 0.").arg(size)),
                     qPrintable(r.describe()));
            QVERIFY2(e.value(QStringLiteral("message_vi"))
                         .toString()
                         .contains(QStringLiteral("trang 1 (%1 × %1 mm").arg(QString(size).replace(u'.', u','))),
                     qPrintable(r.describe()));
            QVERIFY(!QFile::exists(out));
            return;
        }
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject event = r.events(QStringLiteral("stamped")).value(0);
        QCOMPARE(event.value(QStringLiteral("shrunk_pages")).toArray(), QJsonArray{1});
        // The page printed at 100 %, scanned at 300 dpi: the shrunk code still reads.
        QCOMPARE(readCodes(out, 300, path(tag)), QStringList{payload});
    }
};

QTEST_MAIN(TestQrReadability)
#include "TestQrReadability.moc"
