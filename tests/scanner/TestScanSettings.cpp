#include "ScannerTestSupport.h"

#include <cmath>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// Friendly settings (source, mode, resolution, page size) applied to the `test` backend.
class TestScanSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pageSizeNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QSizeF>("size");
        QTest::newRow("A4") << "A4" << QSizeF(210, 297);
        QTest::newRow("a5") << "a5" << QSizeF(148, 210);
        QTest::newRow("Letter") << "Letter" << QSizeF(215.9, 279.4);
        QTest::newRow("custom") << "100x150mm" << QSizeF(100, 150);
        QTest::newRow("custom decimals") << "99.5x120.25mm" << QSizeF(99.5, 120.25);
        QTest::newRow("unknown") << "B17" << QSizeF();
        QTest::newRow("no unit") << "100x150" << QSizeF();
    }
    void pageSizeNames()
    {
        QFETCH(QString, name);
        QFETCH(QSizeF, size);
        QCOMPARE(ScannerDevice::pageSizeFromName(name), size);
    }

    void pageSizeGivesPixels_data()
    {
        QTest::addColumn<QString>("page");
        QTest::addColumn<int>("dpi");
        QTest::newRow("A4 300 dpi") << "A4" << 300;
        QTest::newRow("A5 100 dpi") << "A5" << 100;
        QTest::newRow("100x150mm 100 dpi") << "100x150mm" << 100;
    }
    void pageSizeGivesPixels()
    {
        QFETCH(QString, page);
        QFETCH(int, dpi);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.mode = ColorMode::Gray;
        s.resolution = dpi;
        s.pageSizeMm = ScannerDevice::pageSizeFromName(page);
        CHECK_OK(dev->apply(s));
        const auto rec = runBatch(*dev);
        QCOMPARE(rec.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rec.pages.size(), 1);
        const QImage &img = rec.pages.first().image;
        const double w = s.pageSizeMm->width() / 25.4 * dpi;
        const double h = s.pageSizeMm->height() / 25.4 * dpi;
        QVERIFY2(std::abs(img.width() - w) <= 1.0,
                 qPrintable(QStringLiteral("width %1 vs %2").arg(img.width()).arg(w)));
        QVERIFY2(std::abs(img.height() - h) <= 1.0,
                 qPrintable(QStringLiteral("height %1 vs %2").arg(img.height()).arg(h)));
        QCOMPARE(rec.pages.first().dpi, dpi);
        QCOMPARE(rec.pages.first().device, QStringLiteral("test:0"));
        QVERIFY(rec.pages.first().acquiredAt.isValid());
    }

    void sources_data()
    {
        QTest::addColumn<int>("source");
        QTest::addColumn<QString>("expected"); // empty: unsupported
        QTest::addColumn<bool>("feeder");
        QTest::newRow("adf") << int(Source::Adf) << "Automatic Document Feeder" << true;
        QTest::newRow("flatbed") << int(Source::Flatbed) << "Flatbed" << false;
        QTest::newRow("duplex") << int(Source::AdfDuplex) << QString() << false;
    }
    void sources()
    {
        QFETCH(int, source);
        QFETCH(QString, expected);
        QFETCH(bool, feeder);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.source = Source(source);
        const auto r = dev->apply(s);
        if (expected.isEmpty()) {
            QCOMPARE(r.error().code(), ErrorCode::ScannerUnsupported);
            return;
        }
        CHECK_OK(r);
        QCOMPARE(dev->option(QStringLiteral("source"))->value().toString(), expected);
        QCOMPARE(dev->isFeederSelected(), feeder);
    }

    void modes_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("saneMode");
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("format");
        QTest::newRow("color") << int(ColorMode::Color) << "Color" << 8 << int(QImage::Format_RGB888);
        QTest::newRow("gray") << int(ColorMode::Gray) << "Gray" << 8 << int(QImage::Format_Grayscale8);
        QTest::newRow("lineart as 1-bit gray") << int(ColorMode::Lineart) << "Gray" << 1 << int(QImage::Format_Mono);
    }
    void modes()
    {
        QFETCH(int, mode);
        QFETCH(QString, saneMode);
        QFETCH(int, depth);
        QFETCH(int, format);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        CHECK_OK(dev->setOption(QStringLiteral("depth"), QStringLiteral("16"))); // apply() must reset it
        ScanSettings s;
        s.mode = ColorMode(mode);
        s.resolution = 20;
        CHECK_OK(dev->apply(s));
        QCOMPARE(dev->option(QStringLiteral("mode"))->value().toString(), saneMode);
        QCOMPARE(dev->option(QStringLiteral("depth"))->value().toInt(), depth);
        const auto rec = runBatch(*dev);
        QCOMPARE(rec.pages.size(), 1);
        QCOMPARE(int(rec.pages.first().image.format()), format);
        QCOMPARE(int(rec.pages.first().mode), mode);
        QCOMPARE(rec.pages.first().bitDepth, depth);
    }

    // Beyond the device's range is a typo, not "the most": refused, naming the range, nothing changed.
    void resolutionOutsideTheRangeIsRefused()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.resolution = 300;
        CHECK_OK(dev->apply(s));
        QCOMPARE(dev->resolution(), 300);
        s.resolution = 5000;
        const auto refused = dev->apply(s);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code(), ErrorCode::OptionInvalidValue);
        QVERIFY2(refused.error().messageEn().contains(QStringLiteral("1 to 1200 dpi")),
                 qPrintable(refused.error().messageEn()));
        QVERIFY(refused.error().messageVi() != refused.error().messageEn());
        QCOMPARE(dev->resolution(), 300);
    }
};

SOHOA_REGISTER_TEST(TestScanSettings);
#include "TestScanSettings.moc"
