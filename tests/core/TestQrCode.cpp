// The QR encoder, checked with decoders we did not write: zbarimg (ZBar) reads back the payload,
// ZXing's reader reports the error-correction level the symbol really carries.

#include "core/barcode/QrCode.h"
#include "ToolRunner.h"

#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <ZXing/ReadBarcode.h>

using namespace sohoa;
using namespace sohoa::test;

namespace {

QImage render(const QrMatrix &m, int scale)
{
    const int q = QrMatrix::kQuietZone;
    const int side = (m.size() + 2 * q) * scale;
    QImage img(side, side, QImage::Format_Grayscale8);
    img.fill(255);
    for (int y = 0; y < m.size(); ++y)
        for (int x = 0; x < m.size(); ++x)
            if (m.isDark(x, y))
                for (int dy = 0; dy < scale; ++dy)
                    std::fill_n(img.scanLine((y + q) * scale + dy) + (x + q) * scale, scale, uchar(0));
    return img;
}

} // namespace

class TestQrCode : public QObject
{
    Q_OBJECT

private slots:
    void parseLevels()
    {
        QCOMPARE(parseQrErrorCorrection(u"l"), QrErrorCorrection::Low);
        QCOMPARE(parseQrErrorCorrection(u"M"), QrErrorCorrection::Medium);
        QCOMPARE(parseQrErrorCorrection(u" q "), QrErrorCorrection::Quartile);
        QCOMPARE(parseQrErrorCorrection(u"H"), QrErrorCorrection::High);
        QVERIFY(!parseQrErrorCorrection(u"X"));
        QVERIFY(!parseQrErrorCorrection(u""));
        QCOMPARE(qrErrorCorrectionName(QrErrorCorrection::Quartile), QStringLiteral("Q"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("payload");
        QTest::addColumn<QString>("level");
        const QString url = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=000.00.12.H34-251121-0001");
        const QString vi = QStringLiteral("Sở Tư pháp tỉnh Hà Giang — bản sao điện tử");
        for (const char *level : {"L", "M", "Q", "H"}) {
            QTest::addRow("url-%s", level) << url << QString::fromLatin1(level);
            QTest::addRow("vietnamese-%s", level) << vi << QString::fromLatin1(level);
        }
        QTest::addRow("cover-sheet") << QStringLiteral("SOHOA:1:H12.34-251121-0001:Giấy tờ") << QStringLiteral("M");
    }
    void roundTrip()
    {
        SOHOA_REQUIRE_TOOL("zbarimg");
        QFETCH(QString, payload);
        QFETCH(QString, level);
        const auto ec = parseQrErrorCorrection(level);
        QVERIFY(ec);
        auto m = encodeQr(payload, *ec);
        QVERIFY2(m, qPrintable(m.error().fullText()));
        QVERIFY(m->size() >= 21 && (m->size() - 17) % 4 == 0); // versions 1..40: 21 + 4(v-1)
        const QImage img = render(m.value(), 4);

        const auto zx = ZXing::ReadBarcode(
            ZXing::ImageView(img.constBits(), img.width(), img.height(), ZXing::ImageFormat::Lum, int(img.bytesPerLine())));
        QVERIFY(zx.isValid());
        QCOMPARE(QString::fromStdString(zx.ecLevel()), level);

        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("qr.png"));
        QVERIFY(img.save(png));
        const ToolResult r = runTool(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"),
                                                                 QStringLiteral("-Sbinary"), png});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QString decoded = r.out;
        if (decoded.endsWith(u'\n'))
            decoded.chop(1);
        QCOMPARE(decoded, payload);
    }

    void higherLevelNeedsMoreModules()
    {
        const QString text = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=000.00.12.H34-251121-0001");
        auto low = encodeQr(text, QrErrorCorrection::Low);
        auto high = encodeQr(text, QrErrorCorrection::High);
        QVERIFY(low && high);
        QVERIFY(high->size() > low->size());
    }

    void tooLarge()
    {
        // Version 40-H holds 1273 bytes; 3000 is beyond every level.
        auto m = encodeQr(QString(3000, u'x'), QrErrorCorrection::High);
        QVERIFY(!m);
        QCOMPARE(m.error().code(), ErrorCode::QrPayloadTooLarge);
        QVERIFY(!m.error().messageVi().isEmpty());
        // 1273 bytes fit at L but not at H.
        QVERIFY(encodeQr(QString(1500, u'7'), QrErrorCorrection::Low)); // numeric mode packs digits
        QVERIFY(!encodeQr(QString(2000, u'a'), QrErrorCorrection::High));
        QVERIFY(!encodeQr(QString(), QrErrorCorrection::Medium));
    }
};

QTEST_GUILESS_MAIN(TestQrCode)
#include "TestQrCode.moc"
