#include "core/imaging/PageEncoder.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace sohoa;

namespace {

QImage pattern(QImage::Format format, int w = 301, int h = 211)
{
    QImage img(w, h, format);
    if (format == QImage::Format_Mono) {
        img.setColorTable({0xffffffff, 0xff000000});
        img.fill(0);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                if ((x / 7 + y / 5) % 3 == 0)
                    img.setPixel(x, y, 1);
        return img;
    }
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            if (format == QImage::Format_Grayscale16)
                reinterpret_cast<quint16 *>(img.scanLine(y))[x] = quint16((x * 211 + y * 97) & 0xffff);
            else if (format == QImage::Format_RGBX64)
                img.setPixelColor(
                    x, y, QColor::fromRgba64(quint16(x * 217), quint16(y * 311), quint16((x ^ y) * 53), 0xffff));
            else
                img.setPixelColor(x, y, QColor((x * 3) & 255, (y * 5) & 255, (x + y) & 255));
        }
    }
    return img;
}

} // namespace

class TestPageEncoder : public QObject
{
    Q_OBJECT

private slots:
    void pngIsLossless_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("depth");
        QTest::newRow("lineart") << int(QImage::Format_Mono) << int(ColorMode::Lineart) << 1;
        QTest::newRow("gray8") << int(QImage::Format_Grayscale8) << int(ColorMode::Gray) << 8;
        QTest::newRow("gray16") << int(QImage::Format_Grayscale16) << int(ColorMode::Gray) << 16;
        QTest::newRow("rgb8") << int(QImage::Format_RGB888) << int(ColorMode::Color) << 8;
        QTest::newRow("rgb16") << int(QImage::Format_RGBX64) << int(ColorMode::Color) << 16;
    }
    void pngIsLossless()
    {
        QFETCH(int, format);
        QFETCH(int, mode);
        QFETCH(int, depth);
        ScannedPage page;
        page.image = pattern(QImage::Format(format));
        page.mode = ColorMode(mode);
        page.bitDepth = depth;
        page.dpi = 300;
        ImageProfile profile;
        profile.format = ImageProfile::Format::Png;
        auto enc = PageEncoder::encode(page, profile);
        QVERIFY(enc);
        QCOMPARE(enc->extension, QStringLiteral("png"));
        QImage back = QImage::fromData(enc->data, "PNG");
        QVERIFY(!back.isNull());
        QCOMPARE(back.size(), page.image.size());
        QCOMPARE(qRound(back.dotsPerMeterX() * 0.0254), 300);
        QCOMPARE(back.convertToFormat(page.image.format()), page.image);
    }

    void autoProfileChoosesByMode_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("depth");
        QTest::addColumn<QString>("ext");
        QTest::newRow("color jpeg") << int(QImage::Format_RGB888) << int(ColorMode::Color) << 8
                                    << QStringLiteral("jpg");
        QTest::newRow("gray jpeg") << int(QImage::Format_Grayscale8) << int(ColorMode::Gray) << 8
                                   << QStringLiteral("jpg");
        QTest::newRow("lineart png") << int(QImage::Format_Mono) << int(ColorMode::Lineart) << 1
                                     << QStringLiteral("png");
        QTest::newRow("16-bit png") << int(QImage::Format_Grayscale16) << int(ColorMode::Gray) << 16
                                    << QStringLiteral("png");
    }
    void autoProfileChoosesByMode()
    {
        QFETCH(int, format);
        QFETCH(int, mode);
        QFETCH(int, depth);
        QFETCH(QString, ext);
        ScannedPage page;
        page.image = pattern(QImage::Format(format));
        page.mode = ColorMode(mode);
        page.bitDepth = depth;
        page.dpi = 200;
        auto enc = PageEncoder::encode(page, {});
        QVERIFY(enc);
        QCOMPARE(enc->extension, ext);
        const QImage back = QImage::fromData(enc->data);
        QCOMPARE(back.size(), page.image.size());
        QCOMPARE(qRound(back.dotsPerMeterX() * 0.0254), 200);
        if (ext == u"jpg")
            QCOMPARE(back.isGrayscale(), ColorMode(mode) == ColorMode::Gray);
    }

    void jpegQualityChangesSize()
    {
        ScannedPage page;
        page.image = pattern(QImage::Format_RGB888, 800, 600);
        page.dpi = 300;
        ImageProfile lo, hi;
        lo.jpegQuality = 30;
        hi.jpegQuality = 95;
        auto a = PageEncoder::encode(page, lo);
        auto b = PageEncoder::encode(page, hi);
        QVERIFY(a && b);
        QVERIFY(a->data.size() < b->data.size());
        QVERIFY(a->data.startsWith("\xff\xd8"));
    }

    void emptyImageIsAnError()
    {
        auto r = PageEncoder::encode(ScannedPage{}, {});
        QCOMPARE(r.error().code(), ErrorCode::ImageEncodeFailed);
    }
};

QTEST_GUILESS_MAIN(TestPageEncoder)
#include "TestPageEncoder.moc"
