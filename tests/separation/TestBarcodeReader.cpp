// The barcode reader and the separation classifier on real renderings: our cover sheets as printed
// by `sohoa-cli coversheet` and rendered by pdftoppm at 150/300/600 dpi, in colour, gray and 1-bit
// lineart, skewed -5..+5 degrees; every document and blank page of the corpus (never a separator);
// a patch-T sheet from ZXing's own Code 39 writer; and zbarimg (ZBar) reading our cover sheet.

#include "CorpusTruth.h"
#include "SeparationFixtures.h"
#include "ToolRunner.h"
#include "core/barcode/BarcodeReader.h"
#include "core/barcode/QrCode.h"
#include "core/barcode/Separation.h"

#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H39.67.26.37-261128-3112");
const QString kComponent = QStringLiteral("Đơn đề nghị: bản chính 100%");

// A QR code of `text` drawn at (xMm, yMm), `sizeMm` wide, on a white A4 page at `dpi`.
QImage pageWithQr(const QString &text, int dpi, double xMm, double yMm, double sizeMm)
{
    const QrMatrix m = encodeQr(text).value();
    const double px = dpi / 25.4;
    QImage page(int(210 * px), int(297 * px), QImage::Format_RGB888);
    page.fill(Qt::white);
    QPainter p(&page);
    const double module = sizeMm * px / m.size();
    for (int y = 0; y < m.size(); ++y)
        for (int x = 0; x < m.size(); ++x)
            if (m.isDark(x, y))
                p.fillRect(QRectF(xMm * px + x * module, yMm * px + y * module, module, module), Qt::black);
    return page;
}

} // namespace

class TestBarcodeReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    QString m_coverPdf;
    QMap<int, QImage> m_rendered; // dpi -> page 1 of the cover sheet

private slots:
    void initTestCase()
    {
        QImageReader::setAllocationLimit(1024); // a 600 dpi A4 rendering is 104 MB
        SOHOA_REQUIRE_TOOL("pdftoppm");
        SOHOA_REQUIRE_TOOL("zbarimg");
        m_coverPdf = m_work.filePath(QStringLiteral("cover.pdf"));
        const ToolResult r =
            runCli({QStringLiteral("coversheet"), QStringLiteral("--dossier"), kCode, QStringLiteral("--component"),
                    kComponent, QStringLiteral("--out"), m_coverPdf, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        for (int dpi : {150, 300, 600}) {
            const QList<QImage> pages = renderPdf(m_coverPdf, dpi, m_work.path());
            QCOMPARE(pages.size(), 1);
            m_rendered.insert(dpi, pages.first());
        }
    }

    void coverPayloadEscapesColonAndPercent()
    {
        const QString payload = Separation::coverPayload(kCode, kComponent);
        QCOMPARE(payload, QStringLiteral("SOHOA:1:H39.67.26.37-261128-3112:Đơn đề nghị%3A bản chính 100%25"));
        const SheetClass c =
            Separation::classify({Barcode{payload, BarcodeFormat::QrCode, {}}}, SeparationSettings::Mode::Qr);
        QCOMPARE(c.kind, SheetClass::Kind::CoverSheet);
        QCOMPARE(c.dossierCode, kCode);
        QCOMPARE(c.component, kComponent);
        QCOMPARE(Separation::coverPayload(kCode, QString()), QStringLiteral("SOHOA:1:H39.67.26.37-261128-3112:"));
    }

    void payloadClassification_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("code");
        QTest::addColumn<bool>("warning");
        using K = SheetClass::Kind;
        QTest::newRow("bare provincial code") << QStringLiteral("H15.50.05.13-261008-0975") << int(K::Receipt)
                                              << QStringLiteral("H15.50.05.13-261008-0975") << false;
        QTest::newRow("national code") << QStringLiteral("G01.002.03-261008-010975") << int(K::Receipt)
                                       << QStringLiteral("G01.002.03-261008-010975") << false;
        QTest::newRow("receipt URL") << QStringLiteral(
                                            "https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975")
                                     << int(K::Receipt) << QStringLiteral("H15.50.05.13-261008-0975") << false;
        QTest::newRow("receipt URL, second item")
            << QStringLiteral("https://dvc.example.vn/hs?lang=vi&maHoSo=H15.50.05.13-261008-0975&x=1")
            << int(K::Receipt) << QStringLiteral("H15.50.05.13-261008-0975") << false;
        QTest::newRow("URL without code")
            << QStringLiteral("https://example.vn/tra-cuu?ma=12345") << int(K::Document) << QString() << false;
        QTest::newRow("code with bad date")
            << QStringLiteral("H15.50.05.13-261308-0975") << int(K::Document) << QString() << false;
        QTest::newRow("text around code")
            << QStringLiteral("Ho so H15.50.05.13-261008-0975") << int(K::Document) << QString() << false;
        QTest::newRow("cover, no component")
            << QStringLiteral("SOHOA:1:H15.50.05.13-261008-0975:") << int(K::CoverSheet)
            << QStringLiteral("H15.50.05.13-261008-0975") << false;
        QTest::newRow("cover, invalid code")
            << QStringLiteral("SOHOA:1:H15.50.05.13-261399-0975:A") << int(K::Document) << QString() << true;
        QTest::newRow("cover, free-form code not allowed")
            << QStringLiteral("SOHOA:1:HS-2026-01:A") << int(K::Document) << QString() << true;
        QTest::newRow("cover, version 2")
            << QStringLiteral("SOHOA:2:H15.50.05.13-261008-0975:A") << int(K::Document) << QString() << true;
        QTest::newRow("cover, extra field")
            << QStringLiteral("SOHOA:1:H15.50.05.13-261008-0975:A:B") << int(K::Document) << QString() << true;
    }
    void payloadClassification()
    {
        QFETCH(QString, payload);
        QFETCH(int, kind);
        QFETCH(QString, code);
        QFETCH(bool, warning);
        const SheetClass c =
            Separation::classify({Barcode{payload, BarcodeFormat::QrCode, {}}}, SeparationSettings::Mode::Qr);
        QCOMPARE(int(c.kind), kind);
        QCOMPARE(c.dossierCode, code);
        QCOMPARE(c.warning.isError(), warning);
        if (warning)
            QCOMPARE(c.warning.code(), ErrorCode::CoverSheetInvalid);
        // Other modes never take a QR code for a separator.
        QVERIFY(!Separation::classify({Barcode{payload, BarcodeFormat::QrCode, {}}}, SeparationSettings::Mode::PatchT)
                     .isSeparator());
    }

    void modeParsing()
    {
        QCOMPARE(SeparationSettings::parse(QStringLiteral("qr"))->mode, SeparationSettings::Mode::Qr);
        QCOMPARE(SeparationSettings::parse(QStringLiteral("patch-t"))->mode, SeparationSettings::Mode::PatchT);
        QCOMPARE(SeparationSettings::parse(QStringLiteral("every:7"))->everyN, 7);
        for (const char *bad : {"every:0", "every:", "every:x", "barcode", ""})
            QCOMPARE(SeparationSettings::parse(QString::fromLatin1(bad)).error().code(), ErrorCode::InvalidArgument);
    }

    void coverSheetAtEveryResolutionModeAndSkew_data()
    {
        QTest::addColumn<int>("dpi");
        QTest::addColumn<double>("skew");
        for (int dpi : {150, 300, 600})
            for (double skew : {-5.0, -3.0, -1.0, 0.0, 2.0, 4.0, 5.0})
                QTest::addRow("%d dpi, %+.0f deg", dpi, skew) << dpi << skew;
    }
    void coverSheetAtEveryResolutionModeAndSkew()
    {
        QFETCH(int, dpi);
        QFETCH(double, skew);
        const QImage colour = skewed(m_rendered.value(dpi), skew);
        const QList<QPair<const char *, QImage>> variants = {
            {"colour", colour},
            {"gray", colour.convertToFormat(QImage::Format_Grayscale8)},
            {"lineart", lineart(colour)},
        };
        for (const auto &[name, image] : variants) {
            const SheetClass c = Separation::classifyPage(image, dpi, SeparationSettings::Mode::Qr);
            QVERIFY2(c.kind == SheetClass::Kind::CoverSheet, name);
            QCOMPARE(c.dossierCode, kCode);
            QCOMPARE(c.component, kComponent);
            // The position is in the page's own pixels: the QR code sits in the upper half, centred.
            const QList<Barcode> found = BarcodeReader::read(image, dpi);
            QCOMPARE(found.size(), 1);
            const QPointF centre = found.first().position.boundingRect().center();
            QVERIFY2(std::abs(centre.x() - image.width() / 2.0) < image.width() * 0.05, name);
            QVERIFY2(centre.y() > image.height() * 0.2 && centre.y() < image.height() * 0.4, name);
        }
    }

    void corpusPages()
    {
        const QJsonArray truth = corpusTruth();
        if (truth.isEmpty())
            QFAIL("the corpus ../shared/corpus/scans/truth.json is missing");
        int documents = 0, covers = 0;
        for (const QJsonValue &v : truth) {
            const QJsonObject page = v.toObject();
            const QString file = page.value(QStringLiteral("file")).toString();
            const QImage image(QStringLiteral(SOHOA_CORPUS_DIR "/scans/") + file);
            QVERIFY2(!image.isNull(), qPrintable(file));
            const SheetClass qr = Separation::classifyPage(image, 200, SeparationSettings::Mode::Qr);
            const SheetClass patch = Separation::classifyPage(image, 200, SeparationSettings::Mode::PatchT);
            QVERIFY2(!patch.isSeparator(), qPrintable(file));
            if (page.value(QStringLiteral("kind")).toString() == u"cover") {
                ++covers;
                QVERIFY2(qr.kind == SheetClass::Kind::Receipt, qPrintable(file));
                QCOMPARE(qr.dossierCode, page.value(QStringLiteral("qr")).toString());
            } else {
                ++documents;
                QVERIFY2(!qr.isSeparator(), qPrintable(file));
                QVERIFY2(!qr.warning.isError(), qPrintable(file));
                // Nothing at all is read on them, in any format we know.
                QVERIFY2(BarcodeReader::read(image, 200).isEmpty(), qPrintable(file));
            }
        }
        QCOMPARE(covers, 2);
        QCOMPARE(documents, 10);
    }

    void patchTSheet_data()
    {
        QTest::addColumn<int>("dpi");
        QTest::addColumn<double>("skew");
        QTest::addColumn<bool>("bilevel");
        QTest::newRow("300 dpi straight") << 300 << 0.0 << false;
        QTest::newRow("300 dpi +3 lineart") << 300 << 3.0 << true;
        QTest::newRow("200 dpi -2") << 200 << -2.0 << false;
        QTest::newRow("600 dpi -4 lineart") << 600 << -4.0 << true;
        QTest::newRow("150 dpi +5") << 150 << 5.0 << false;
    }
    void patchTSheet()
    {
        QFETCH(int, dpi);
        QFETCH(double, skew);
        QFETCH(bool, bilevel);
        QImage page = skewed(sohoa::test::patchTSheet(dpi), skew);
        if (bilevel)
            page = lineart(page);
        const SheetClass c = Separation::classifyPage(page, dpi, SeparationSettings::Mode::PatchT);
        QCOMPARE(c.kind, SheetClass::Kind::PatchT);
        QCOMPARE(c.value, QStringLiteral("PATCHT"));
        QCOMPARE(c.format, BarcodeFormat::Code39);
        // In QR mode a patch-T sheet is an ordinary page.
        QVERIFY(!Separation::classifyPage(page, dpi, SeparationSettings::Mode::Qr).isSeparator());
    }

    void smallReceiptCode_data()
    {
        QTest::addColumn<int>("dpi");
        QTest::addColumn<double>("sizeMm");
        for (int dpi : {200, 300, 600})
            for (double mm : {15.0, 20.0, 25.0})
                QTest::addRow("%d dpi, %.0f mm", dpi, mm) << dpi << mm;
    }
    void smallReceiptCode()
    {
        QFETCH(int, dpi);
        QFETCH(double, sizeMm);
        const QString url = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975");
        const QImage page = skewed(pageWithQr(url, dpi, 150, 20, sizeMm), 2);
        const SheetClass c = Separation::classifyPage(page, dpi, SeparationSettings::Mode::Qr);
        QCOMPARE(c.kind, SheetClass::Kind::Receipt);
        QCOMPARE(c.dossierCode, QStringLiteral("H15.50.05.13-261008-0975"));
    }

    void zbarReadsOurCoverSheet()
    {
        // An independent decoder on the pdftoppm rendering: the same payload, byte for byte.
        const QString png = m_work.filePath(QStringLiteral("cover-150.png"));
        QVERIFY(m_rendered.value(150).save(png));
        const ToolResult r = runTool(QStringLiteral("zbarimg"), {QStringLiteral("-q"), QStringLiteral("--raw"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.out.trimmed(), Separation::coverPayload(kCode, kComponent));
    }
};

QTEST_MAIN(TestBarcodeReader)
#include "TestBarcodeReader.moc"
