#include "ScannerTestSupport.h"

#include <QFile>
#include <QTemporaryDir>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// The `pnm` backend scans a real file: what we get must be the file's pixels exactly.
class TestPnmBackend : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static QImage knownImage(bool color, int w, int h)
    {
        QImage img(w, h, color ? QImage::Format_RGB888 : QImage::Format_Grayscale8);
        for (int y = 0; y < h; ++y) {
            uchar *line = img.scanLine(y);
            for (int x = 0; x < w * (color ? 3 : 1); ++x)
                line[x] = uchar((x * 7 + y * 13 + (x ^ y)) & 0xff);
        }
        return img;
    }

    static bool writePnm(const QString &path, const QImage &img)
    {
        const bool color = img.format() == QImage::Format_RGB888;
        QByteArray data = (color ? "P6\n" : "P5\n") + QByteArray::number(img.width()) + ' ' +
                          QByteArray::number(img.height()) + "\n255\n";
        for (int y = 0; y < img.height(); ++y)
            data.append(reinterpret_cast<const char *>(img.constScanLine(y)), img.width() * (color ? 3 : 1));
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
    }

private Q_SLOTS:
    void scanEqualsFile_data()
    {
        QTest::addColumn<bool>("color");
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<int>("format");
        QTest::newRow("P6 colour") << true << "page.ppm" << int(QImage::Format_RGB888);
        QTest::newRow("P5 gray") << false << "page.pgm" << int(QImage::Format_Grayscale8);
    }
    void scanEqualsFile()
    {
        QFETCH(bool, color);
        QFETCH(QString, fileName);
        QFETCH(int, format);
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(fileName);
        const QImage source = knownImage(color, 157, 61); // odd width: no padding assumptions
        QVERIFY(writePnm(path, source));
        OPEN_DEVICE(dev, QStringLiteral("pnm:0"));
        CHECK_OK(dev->setOption(QStringLiteral("filename"), path));
        const auto rec = runBatch(*dev);
        QCOMPARE(rec.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rec.pages.size(), 1);
        const QImage &img = rec.pages.first().image;
        QCOMPARE(int(img.format()), format);
        QCOMPARE(img.size(), source.size());
        for (int y = 0; y < img.height(); ++y)
            QVERIFY2(memcmp(img.constScanLine(y), source.constScanLine(y), size_t(img.width() * (color ? 3 : 1))) == 0,
                     qPrintable(QStringLiteral("line %1 differs").arg(y)));
    }

    void truncatedFileGivesTheLinesThatArrived()
    {
        // The header announces 61 lines; the data stops in the middle of line 21.
        const QImage source = knownImage(false, 157, 61);
        const QString path = m_dir.filePath(QStringLiteral("short.pgm"));
        QVERIFY(writePnm(path, source));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 header = f.size() - qint64(157) * 61;
        QVERIFY(f.resize(header + 157 * 20 + 80));
        f.close();
        OPEN_DEVICE(dev, QStringLiteral("pnm:0"));
        CHECK_OK(dev->setOption(QStringLiteral("filename"), path));
        const auto rec = runBatch(*dev);
        QCOMPARE(rec.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rec.pages.size(), 1);
        QCOMPARE(rec.pages.first().image.size(), QSize(157, 20));
        QVERIFY(rec.pages.first().image == source.copy(0, 0, 157, 20));
    }
};

SOHOA_REGISTER_TEST(TestPnmBackend);
#include "TestPnmBackend.moc"
