#include "ScannerTestSupport.h"

#include <QSet>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// A feeder batch runs until the feeder is empty: the `test` backend holds 10 sheets.
class TestAdfBatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tenPagesThenNormalEnd_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("picture");
        QTest::addColumn<int>("format");
        QTest::newRow("color pattern 300 dpi")
            << int(ColorMode::Color) << "Color pattern" << int(QImage::Format_RGB888);
        QTest::newRow("lineart solid black 300 dpi")
            << int(ColorMode::Lineart) << "Solid black" << int(QImage::Format_Mono);
    }
    void tenPagesThenNormalEnd()
    {
        QFETCH(int, mode);
        QFETCH(QString, picture);
        QFETCH(int, format);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.source = Source::Adf;
        s.mode = ColorMode(mode);
        s.resolution = 300;
        s.pageSizeMm = ScannerDevice::pageSizeFromName(QStringLiteral("A4"));
        CHECK_OK(dev->apply(s));
        CHECK_OK(dev->setOption(QStringLiteral("test-picture"), picture));

        int checked = 0;
        QString failure;
        auto check = [&](const ScannedPage &page, int) {
            const QImage &img = page.image;
            if (img.format() != QImage::Format(format) || std::abs(img.width() - 2480) > 1 ||
                std::abs(img.height() - 3508) > 1)
                failure = QStringLiteral("page %1: format %2 size %3x%4")
                              .arg(checked)
                              .arg(img.format())
                              .arg(img.width())
                              .arg(img.height());
            if (checked == 0 && format == QImage::Format_RGB888) {
                QSet<QRgb> colours;
                for (int y = 0; y < img.height(); y += 37)
                    for (int x = 0; x < img.width(); x += 29)
                        colours.insert(img.pixel(x, y));
                if (colours.size() < 4)
                    failure = QStringLiteral("colour pattern has only %1 colours").arg(colours.size());
            }
            if (checked == 0 && format == QImage::Format_Mono) {
                // SANE bit 1 = black must stay bit 1 = black: every bit set, every pixel black.
                const int fullBytes = img.width() / 8;
                for (int y = 0; y < img.height() && failure.isEmpty(); ++y) {
                    const uchar *line = img.constScanLine(y);
                    for (int b = 0; b < fullBytes; ++b) {
                        if (line[b] != 0xff) {
                            failure = QStringLiteral("bit 0 at line %1 byte %2").arg(y).arg(b);
                            break;
                        }
                    }
                }
                if (img.pixel(0, 0) != qRgb(0, 0, 0) || img.pixel(img.width() - 1, img.height() - 1) != qRgb(0, 0, 0))
                    failure = QStringLiteral("solid black page is not black");
            }
            ++checked;
            return true;
        };
        const auto rec = runBatch(*dev, 0, false, check);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(rec.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rec.outcome.pagesAcquired, 10);
        QCOMPARE(checked, 10);
        QCOMPARE(rec.started, (QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    }

    void maxPagesStopsEarly()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.source = Source::Adf;
        s.resolution = 10;
        CHECK_OK(dev->apply(s));
        const auto rec = runBatch(*dev, 3);
        QCOMPARE(rec.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rec.pages.size(), 3);
    }

    void callbackCanStopTheBatch()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.source = Source::Adf;
        s.resolution = 10;
        CHECK_OK(dev->apply(s));
        const auto rec = runBatch(*dev, 0, true, [](const ScannedPage &, int n) { return n < 2; });
        QCOMPARE(rec.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rec.outcome.pagesAcquired, 2);
    }

    void flatbedGivesOnePage()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.source = Source::Flatbed;
        s.resolution = 10;
        CHECK_OK(dev->apply(s));
        const auto rec = runBatch(*dev);
        QCOMPARE(rec.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rec.pages.size(), 1);
    }

    void progressIsThrottledAndReachesOne()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.resolution = 300;
        s.mode = ColorMode::Color;
        CHECK_OK(dev->apply(s));
        QList<double> fractions;
        BatchCallbacks cb;
        cb.progress = [&](int page, double f) {
            QCOMPARE(page, 0);
            fractions.append(f);
        };
        cb.pageAcquired = [](ScannedPage &&) {
            return true;
        };
        const auto outcome = dev->scanBatch(cb);
        QCOMPARE(outcome.error.code(), ErrorCode::None);
        QVERIFY(!fractions.isEmpty());
        QVERIFY2(fractions.size() <= 110, qPrintable(QString::number(fractions.size())));
        QCOMPARE(fractions.last(), 1.0);
        for (int i = 1; i < fractions.size(); ++i)
            QVERIFY(fractions[i] >= fractions[i - 1]);
    }
};

SOHOA_REGISTER_TEST(TestAdfBatch);
#include "TestAdfBatch.moc"
