#include "ScannerTestSupport.h"

#include "scanner/FrameAssembler_p.h"

#include <QSet>

#include <cmath>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// Every frame layout SANE can send ends up as the right QImage.
class TestFrameFormats : public QObject
{
    Q_OBJECT

    static QImage scanOne(ScannerDevice &dev, ScannedPage *pageOut = nullptr)
    {
        const auto rec = runBatch(dev);
        if (rec.outcome.error.isError() || rec.pages.size() != 1) {
            qWarning() << "scan failed" << rec.outcome.error.fullText();
            return {};
        }
        if (pageOut)
            *pageOut = rec.pages.first();
        return rec.pages.first().image;
    }

    static void prepare(ScannerDevice &dev, const QString &mode, int depth, int dpi = 25)
    {
        QVERIFY(dev.setOption(QStringLiteral("mode"), mode).ok());
        QVERIFY(dev.setOption(QStringLiteral("depth"), QString::number(depth)).ok());
        QVERIFY(dev.setOption(QStringLiteral("resolution"), QString::number(dpi)).ok());
        QVERIFY(dev.setOption(QStringLiteral("test-picture"), QStringLiteral("Color pattern")).ok());
    }

private Q_SLOTS:
    // A backend announcing an absurd page gets no buffer of that size up front (threat model W15): under
    // AddressSanitizer the allocation itself would abort the run.
    void announcedSizeIsNotTrusted()
    {
        SANE_Parameters p{};
        p.format = SANE_FRAME_RGB;
        p.last_frame = SANE_TRUE;
        p.depth = 8;
        p.pixels_per_line = 1 << 20;
        p.bytes_per_line = 3 << 20;
        p.lines = 1 << 30; // 3.4 PB
        QVERIFY(scanner::detail::directTarget(p).isNull());
        p.pixels_per_line = 2480; // A4 at 300 dpi: read straight into the image
        p.bytes_per_line = 3 * 2480;
        p.lines = 3508;
        QCOMPARE(scanner::detail::directTarget(p).size(), QSize(2480, 3508));
    }

    void handScannerHeightComesFromData()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        prepare(*dev, QStringLiteral("Gray"), 8, 50);
        CHECK_OK(dev->setOption(QStringLiteral("hand-scanner"), QStringLiteral("yes")));
        ScannedPage page;
        const QImage img = scanOne(*dev, &page);
        QVERIFY(!img.isNull());
        QVERIFY(page.heightWasUnknown);
        // The backend's hand scanner is 110 mm wide and sends 170 mm of lines.
        QVERIFY2(std::abs(img.width() - 110 / 25.4 * 50) <= 1, qPrintable(QString::number(img.width())));
        QVERIFY2(std::abs(img.height() - 170 / 25.4 * 50) <= 2, qPrintable(QString::number(img.height())));
    }

    void threePassEqualsSinglePass_data()
    {
        QTest::addColumn<QString>("order");
        for (const char *o : {"RGB", "RBG", "GBR", "GRB", "BRG", "BGR"})
            QTest::newRow(o) << QString::fromLatin1(o);
    }
    void threePassEqualsSinglePass()
    {
        QFETCH(QString, order);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        prepare(*dev, QStringLiteral("Color"), 8);
        const QImage single = scanOne(*dev);
        QVERIFY(!single.isNull());
        CHECK_OK(dev->setOption(QStringLiteral("three-pass"), QStringLiteral("yes")));
        CHECK_OK(dev->setOption(QStringLiteral("three-pass-order"), order));
        const QImage three = scanOne(*dev);
        QCOMPARE(three.format(), QImage::Format_RGB888);
        QCOMPARE(three.size(), single.size());
        QVERIFY(three == single);
    }

    void paddedLinesAreCropped_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("depth");
        QTest::newRow("gray 8") << "Gray" << 8;
        QTest::newRow("gray 1") << "Gray" << 1;
        QTest::newRow("gray 16") << "Gray" << 16;
        QTest::newRow("color 8") << "Color" << 8;
        QTest::newRow("color 16") << "Color" << 16;
    }
    void paddedLinesAreCropped()
    {
        // ppl-loss makes the backend announce fewer pixels per line than bytes_per_line holds; the
        // padding (random bytes) must not reach the image.
        QFETCH(QString, mode);
        QFETCH(int, depth);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        prepare(*dev, mode, depth);
        CHECK_OK(dev->setOption(QStringLiteral("test-picture"), QStringLiteral("Grid")));
        CHECK_OK(dev->setOption(QStringLiteral("ppl-loss"), QStringLiteral("0")));
        const QImage full = scanOne(*dev);
        CHECK_OK(dev->setOption(QStringLiteral("ppl-loss"), QStringLiteral("13")));
        const QImage padded = scanOne(*dev);
        CHECK_OK(dev->setOption(QStringLiteral("ppl-loss"), QStringLiteral("0")));
        QCOMPARE(padded.width(), full.width() - 13);
        QCOMPARE(padded.height(), full.height());
        QVERIFY(padded == full.copy(0, 0, padded.width(), padded.height()));
    }

    void sixteenBit_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("format");
        QTest::addColumn<bool>("swapped");
        QTest::newRow("gray 16") << "Gray" << int(QImage::Format_Grayscale16) << false;
        QTest::newRow("color 16") << "Color" << int(QImage::Format_RGBX64) << false;
        QTest::newRow("gray 16, backend swaps bytes") << "Gray" << int(QImage::Format_Grayscale16) << true;
    }
    void sixteenBit()
    {
        QFETCH(QString, mode);
        QFETCH(int, format);
        QFETCH(bool, swapped);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        prepare(*dev, mode, 16);
        if (swapped) // the backend's own switch: proves the check below can see a byte-order mistake
            CHECK_OK(dev->setOption(QStringLiteral("invert-endianess"), QStringLiteral("yes")));
        ScannedPage page;
        const QImage img = scanOne(*dev, &page);
        QCOMPARE(int(img.format()), format);
        QCOMPARE(page.bitDepth, 16);
        // The backend's 16-bit "Color pattern" puts a counter along the line in the HIGH byte of
        // each host-order sample (and the line number in the low byte): read in the right byte
        // order, horizontal neighbours differ by 256; read byte-swapped they would differ by 1.
        int stepsOfOne = 0;
        int stepsOf256 = 0;
        const int channels = img.format() == QImage::Format_Grayscale16 ? 1 : 4;
        for (int y = 0; y < img.height(); ++y) {
            const auto *line = reinterpret_cast<const quint16 *>(img.constScanLine(y));
            for (int x = 1; x < img.width(); ++x) {
                for (int c = 0; c < std::min(channels, 3); ++c) {
                    const int diff = std::abs(int(line[x * channels + c]) - int(line[(x - 1) * channels + c]));
                    stepsOfOne += diff == 1;
                    stepsOf256 += diff == 256;
                }
            }
        }
        if (swapped)
            QVERIFY2(stepsOfOne > 100 && stepsOfOne > 10 * stepsOf256,
                     qPrintable(QStringLiteral("%1 vs %2").arg(stepsOfOne).arg(stepsOf256)));
        else
            QVERIFY2(stepsOf256 > 100 && stepsOf256 > 10 * stepsOfOne,
                     qPrintable(QStringLiteral("%1 vs %2").arg(stepsOf256).arg(stepsOfOne)));
    }
};

SOHOA_REGISTER_TEST(TestFrameFormats);
#include "TestFrameFormats.moc"
