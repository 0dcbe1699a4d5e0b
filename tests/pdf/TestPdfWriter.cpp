#include "PdfPageChecks.h"

#include "core/pdf/PdfWriter.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include "CmykJpeg.h"

using namespace sohoa;

namespace {

// Follows and stops PdfWriter as a job would.
struct TestControl : sohoa::WorkControl
{
    QList<int> done;
    qint64 total = 0;
    bool cancel = false;
    std::function<void(int)> onProgress;
    bool isCancelRequested() const override { return cancel; }
    void reportProgress(qint64 d, qint64 t) override
    {
        done.append(int(d));
        total = t;
        if (onProgress)
            onProgress(int(d));
    }
};

const QString kVietnameseTitle = QStringLiteral(u"Hồ sơ H15.50.05.13-261008-0975 — Đơn đề nghị cấp phép");

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timeout or failed to start: ") + program;
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

int dotsPerMeter(int dpi)
{
    return qRound(dpi / 0.0254);
}

QImage withDpi(QImage img, int dpi)
{
    img.setDotsPerMeterX(dotsPerMeter(dpi));
    img.setDotsPerMeterY(dotsPerMeter(dpi));
    return img;
}

QImage colourImage(int w, int h)
{
    QImage img(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(y));
        for (int x = 0; x < w; ++x)
            line[x] = qRgb(x * 255 / w, y * 255 / h, 255 - (x + y) * 255 / (w + h));
    }
    QPainter p(&img);
    p.setPen(Qt::black);
    QFont f = p.font();
    f.setPixelSize(h / 10);
    p.setFont(f);
    p.drawText(img.rect(), Qt::AlignCenter, QStringLiteral(u"Đơn đề nghị"));
    return img;
}

QImage grayImage(int w, int h)
{
    QImage img(w, h, QImage::Format_Grayscale8);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            img.scanLine(y)[x] = uchar((x * 7 + y * 3) % 256);
    return img;
}

QImage gray16Image(int w, int h)
{
    QImage img(w, h, QImage::Format_Grayscale16);
    for (int y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<quint16 *>(img.scanLine(y));
        for (int x = 0; x < w; ++x)
            line[x] = quint16((x * 65535) / w);
    }
    return img;
}

QImage rgb16Image(int w, int h)
{
    QImage img(w, h, QImage::Format_RGBX64);
    for (int y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<QRgba64 *>(img.scanLine(y));
        for (int x = 0; x < w; ++x)
            line[x] = QRgba64::fromRgba64(quint16(x * 65535 / w), quint16(y * 65535 / h), 12345, 65535);
    }
    return img;
}

// Black shapes on white: the black rectangle covers [w/4, w/2) x [h/4, h/2).
QImage monoShapes(int w, int h)
{
    QImage img(w, h, QImage::Format_Mono);
    img.setColorTable({qRgb(255, 255, 255), qRgb(0, 0, 0)});
    img.fill(0);
    QPainter p(&img);
    p.fillRect(QRect(w / 4, h / 4, w / 4, h / 4), Qt::black);
    p.setPen(QPen(Qt::black, 3));
    p.drawEllipse(QRect(w / 2 + 10, h / 2 + 10, w / 3, h / 3));
    p.drawLine(0, h - 5, w - 1, h - 5);
    return img;
}

// Random pixels: G4 is bigger than Flate here, so the Flate path is taken.
QImage monoNoise(int w, int h)
{
    QImage img(w, h, QImage::Format_Mono);
    img.setColorTable({qRgb(0, 0, 0), qRgb(255, 255, 255)}); // index 0 black this time
    QRandomGenerator rng(42);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < img.bytesPerLine(); ++x)
            img.scanLine(y)[x] = uchar(rng.generate());
    return img;
}

QImage alphaImage(int w, int h)
{
    QImage img(w, h, QImage::Format_ARGB32);
    img.fill(Qt::transparent);
    QPainter p(&img);
    p.fillRect(QRect(0, 0, w / 2, h), QColor(255, 0, 0, 255));
    return img;
}

QImage makeImage(const QString &kind, int w, int h)
{
    if (kind == u"colour")
        return colourImage(w, h);
    if (kind == u"gray")
        return grayImage(w, h);
    if (kind == u"gray16")
        return gray16Image(w, h);
    if (kind == u"rgb16")
        return rgb16Image(w, h);
    if (kind == u"mono")
        return monoShapes(w, h);
    if (kind == u"noise")
        return monoNoise(w, h);
    if (kind == u"alpha")
        return alphaImage(w, h);
    return {};
}

struct ImageRow
{
    int page;
    int width;
    int height;
    QString color;
    int bpc;
    QString enc;
};

QList<ImageRow> pdfImagesList(const QString &pdf)
{
    const Run r = run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    QList<ImageRow> rows;
    const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines.mid(2)) {
        const QStringList f = line.simplified().split(u' ');
        if (f.size() < 9)
            continue;
        rows.append({f[0].toInt(), f[3].toInt(), f[4].toInt(), f[5], f[7].toInt(), f[8]});
    }
    return rows;
}

QString pdfInfo(const QString &pdf, const QStringList &extra = {})
{
    return run(QStringLiteral("pdfinfo"),
               QStringList{QStringLiteral("-enc"), QStringLiteral("UTF-8")} + extra + QStringList{pdf})
        .out;
}

QString infoField(const QString &info, const QString &key)
{
    const QRegularExpression re(QStringLiteral("^") + key + QStringLiteral(":\\s*(.*)$"),
                                QRegularExpression::MultilineOption);
    return re.match(info).captured(1).trimmed();
}

quint32 be32(const char *p)
{
    return (quint32(uchar(p[0])) << 24) | (quint32(uchar(p[1])) << 16) | (quint32(uchar(p[2])) << 8) | uchar(p[3]);
}

// QImage always writes a density (72 dpi by default): take it out again, so the file says nothing.
// PNG: drop the pHYs chunk. JPEG (Qt writes JFIF first): JFIF units 0, aspect ratio 1:1.
void removeDensity(const QString &file)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray data = f.readAll();
    f.close();
    if (data.startsWith("\x89PNG")) {
        qsizetype pos = 8;
        while (pos + 12 <= data.size()) {
            const qsizetype chunk = 12 + be32(data.constData() + pos);
            if (data.mid(pos + 4, 4) == "pHYs") {
                data.remove(pos, chunk);
                break;
            }
            pos += chunk;
        }
    } else {
        QCOMPARE(data.mid(6, 5), QByteArray("JFIF\0", 5));
        data[13] = 0;
        data[14] = 0;
        data[15] = 1;
        data[16] = 0;
        data[17] = 1;
    }
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

QStringList folderEntries(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestPdfWriter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Saves an image of the given kind and returns its path; dpi 0 leaves the file without density.
    QString saveImage(const QString &kind, const QString &format, int w, int h, int fileDpi)
    {
        QImage img = makeImage(kind, w, h);
        if (fileDpi > 0)
            img = withDpi(img, fileDpi);
        QString file = path(QStringLiteral("img%1.%2").arg(++m_counter).arg(format));
        if (!img.save(file, format.toLatin1().constData(), format == u"jpg" ? 85 : -1))
            return {};
        if (fileDpi == 0)
            removeDensity(file);
        return file;
    }

    void checkQpdf(const QString &pdf)
    {
        const Run r = run(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QString boilerplate =
            QStringLiteral("No syntax or stream encoding errors found; the file may still contain\n"
                           "errors that qpdf cannot detect");
        QVERIFY2(r.out.contains(boilerplate), qPrintable(r.out));
        const QString rest = QString(r.out).remove(boilerplate);
        QVERIFY2(!rest.contains(QStringLiteral("WARNING"), Qt::CaseInsensitive), qPrintable(r.out));
        QVERIFY2(!rest.contains(QStringLiteral("error"), Qt::CaseInsensitive), qPrintable(r.out));
    }

    // Renders page 1 in gray at the given dpi.
    QImage render(const QString &pdf, int dpi)
    {
        const QString base = path(QStringLiteral("render%1").arg(++m_counter));
        const Run r =
            run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-gray"),
                                             QStringLiteral("-singlefile"), pdf, base});
        if (r.exitCode != 0)
            return {};
        return QImage(base + QStringLiteral(".pgm")).convertToFormat(QImage::Format_Grayscale8);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const char *tool : {"qpdf", "pdfinfo", "pdfimages", "pdftoppm"}) {
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(
                    QStringLiteral("%1 is missing: install qpdf and poppler-utils").arg(QString::fromLatin1(tool))));
        }
    }

    void pageSizeAndEncoding_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("fileDpi");   // density written into the file, 0: none
        QTest::addColumn<int>("sourceDpi"); // PdfPageSource.dpi
        QTest::addColumn<int>("expectedDpi");
        QTest::addColumn<QString>("encoding");
        QTest::addColumn<QString>("pdfimagesEnc");
        QTest::addColumn<QString>("color");
        QTest::addColumn<int>("bpc");

        const QString dct = QStringLiteral("DCTDecode"), flate = QStringLiteral("FlateDecode"),
                      ccitt = QStringLiteral("CCITTFaxDecode");
        const QString jpeg = QStringLiteral("jpeg"), image = QStringLiteral("image"), fax = QStringLiteral("ccitt");
        const QString rgb = QStringLiteral("rgb"), gray = QStringLiteral("gray");
        // clang-format off
        QTest::newRow("jpeg colour 150 dpi from JFIF") << "colour" << "jpg" << 150 << 0 << 150 << dct << jpeg << rgb << 8;
        QTest::newRow("jpeg colour 200 dpi given")     << "colour" << "jpg" << 72 << 200 << 200 << dct << jpeg << rgb << 8;
        QTest::newRow("jpeg colour 300 dpi from JFIF") << "colour" << "jpg" << 300 << 0 << 300 << dct << jpeg << rgb << 8;
        QTest::newRow("jpeg gray 600 dpi from JFIF")   << "gray" << "jpg" << 600 << 0 << 600 << dct << jpeg << gray << 8;
        QTest::newRow("png colour 200 dpi from pHYs")  << "colour" << "png" << 200 << 0 << 200 << flate << image << rgb << 8;
        QTest::newRow("png colour no density: 300")    << "colour" << "png" << 0 << 0 << 300 << flate << image << rgb << 8;
        QTest::newRow("png gray 150 dpi from pHYs")    << "gray" << "png" << 150 << 0 << 150 << flate << image << gray << 8;
        QTest::newRow("png gray16 300 dpi given")      << "gray16" << "png" << 0 << 300 << 300 << flate << image << gray << 16;
        QTest::newRow("png rgb16 600 dpi from pHYs")   << "rgb16" << "png" << 600 << 0 << 600 << flate << image << rgb << 16;
        QTest::newRow("png alpha 200 dpi")             << "alpha" << "png" << 200 << 0 << 200 << flate << image << rgb << 8;
        QTest::newRow("png 1-bit shapes 300 dpi")      << "mono" << "png" << 300 << 0 << 300 << ccitt << fax << gray << 1;
        QTest::newRow("png 1-bit shapes 600 dpi")      << "mono" << "png" << 0 << 600 << 600 << ccitt << fax << gray << 1;
        QTest::newRow("png 1-bit noise 200 dpi")       << "noise" << "png" << 200 << 0 << 200 << flate << image << gray << 1;
        // clang-format on
    }

    void pageSizeAndEncoding()
    {
        QFETCH(QString, kind);
        QFETCH(QString, format);
        QFETCH(int, fileDpi);
        QFETCH(int, sourceDpi);
        QFETCH(int, expectedDpi);
        QFETCH(QString, encoding);
        QFETCH(QString, pdfimagesEnc);
        QFETCH(QString, color);
        QFETCH(int, bpc);

        const int w = 827, h = 1169; // odd width: rows that do not end on a byte
        const QString img = saveImage(kind, format, w, h, fileDpi);
        QVERIFY(!img.isEmpty());
        const QString pdf = path(QStringLiteral("out%1.pdf").arg(++m_counter));
        const auto report = PdfWriter::write(pdf, {{img, sourceDpi}}, {});
        QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
        QCOMPARE(report->pageCount, 1);
        QCOMPARE(report->pageEncodings, QStringList{encoding});
        QCOMPARE(report->fileSize, QFileInfo(pdf).size());
        checkQpdf(pdf);

        const QString info = pdfInfo(pdf);
        QCOMPARE(infoField(info, QStringLiteral("Pages")), QStringLiteral("1"));
        const QRegularExpressionMatch m =
            QRegularExpression(QStringLiteral("Page size:\\s*([0-9.]+) x ([0-9.]+) pts")).match(info);
        QVERIFY2(m.hasMatch(), qPrintable(info));
        QVERIFY2(qAbs(m.captured(1).toDouble() - w * 72.0 / expectedDpi) < 0.01, qPrintable(m.captured(0)));
        QVERIFY2(qAbs(m.captured(2).toDouble() - h * 72.0 / expectedDpi) < 0.01, qPrintable(m.captured(0)));
        QCOMPARE(infoField(info, QStringLiteral("PDF version")),
                 bpc == 16 ? QStringLiteral("1.5") : QStringLiteral("1.4"));

        const QList<ImageRow> rows = pdfImagesList(pdf);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].width, w);
        QCOMPARE(rows[0].height, h);
        QCOMPARE(rows[0].enc, pdfimagesEnc);
        QCOMPARE(rows[0].color, color);
        QCOMPARE(rows[0].bpc, bpc);
    }

    void jpegEmbeddedByteForByte_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("colour") << QStringLiteral("colour");
        QTest::newRow("gray") << QStringLiteral("gray");
    }

    void jpegEmbeddedByteForByte()
    {
        QFETCH(QString, kind);
        const QString img = saveImage(kind, QStringLiteral("jpg"), 640, 480, 200);
        const QString pdf = path(QStringLiteral("out%1.pdf").arg(++m_counter));
        const auto report = PdfWriter::write(pdf, {{img, 0}}, {});
        QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
        const QString prefix = path(QStringLiteral("extract%1").arg(++m_counter));
        QCOMPARE(run(QStringLiteral("pdfimages"), {QStringLiteral("-j"), pdf, prefix}).exitCode, 0);
        QFile extracted(prefix + QStringLiteral("-000.jpg")), source(img);
        QVERIFY(extracted.open(QIODevice::ReadOnly));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QVERIFY(extracted.readAll() == source.readAll());
    }

    void rotationIsAViewingInstruction_data()
    {
        QTest::addColumn<int>("rotation");
        QTest::addColumn<QString>("corner"); // where the scan's top-left mark is shown
        QTest::newRow("0") << 0 << QStringLiteral("top-left");
        QTest::newRow("90") << 90 << QStringLiteral("top-right");
        QTest::newRow("180") << 180 << QStringLiteral("bottom-right");
        QTest::newRow("270") << 270 << QStringLiteral("bottom-left");
    }

    // A turned page is written as /Rotate: the JPEG stays byte for byte, the page box stays the
    // image's, and readers show it turned clockwise.
    void rotationIsAViewingInstruction()
    {
        QFETCH(int, rotation);
        QFETCH(QString, corner);
        QImage img(200, 300, QImage::Format_RGB32);
        img.fill(Qt::white);
        {
            QPainter p(&img);
            p.fillRect(0, 0, 50, 30, Qt::black);
        }
        const QString file = path(QStringLiteral("marked%1.jpg").arg(++m_counter));
        QVERIFY(withDpi(img, 100).save(file, "JPEG", 90));
        const QString pdf = path(QStringLiteral("rotated%1.pdf").arg(++m_counter));
        const auto report = PdfWriter::write(pdf, {{file, 0, rotation}}, {});
        QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
        checkQpdf(pdf);
        const QList<sohoa::test::PdfPageInfo> info = sohoa::test::pdfPageInfo(pdf);
        QCOMPARE(info.size(), 1);
        QCOMPARE(info.at(0).rotation, rotation);
        QCOMPARE(info.at(0).size, QSizeF(144, 216));
        QTemporaryDir images;
        const QStringList extracted = sohoa::test::extractImages(pdf, images.path());
        QCOMPARE(extracted.size(), 1);
        QFile a(extracted.at(0)), b(file);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY(a.readAll() == b.readAll());
        const QImage shown = sohoa::test::renderPage(pdf, 1);
        QCOMPARE(shown.width() > shown.height(), rotation % 180 != 0);
        QCOMPARE(sohoa::test::darkestCorner(shown), corner);
    }

    // Rendered at the image's own resolution, a bilevel page must give back its pixels exactly:
    // black where the image is black, whichever codec was chosen and whichever index was black.
    void bilevelRendersExactly_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("encoding");
        QTest::newRow("shapes: CCITT G4") << QStringLiteral("mono") << QStringLiteral("CCITTFaxDecode");
        QTest::newRow("noise: Flate") << QStringLiteral("noise") << QStringLiteral("FlateDecode");
    }

    void bilevelRendersExactly()
    {
        QFETCH(QString, kind);
        QFETCH(QString, encoding);
        const int w = 400, h = 300, dpi = 100; // whole points: pdftoppm rounds the page up
        const QString img = saveImage(kind, QStringLiteral("png"), w, h, dpi);
        const QString pdf = path(QStringLiteral("out%1.pdf").arg(++m_counter));
        const auto report = PdfWriter::write(pdf, {{img, 0}}, {});
        QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
        QCOMPARE(report->pageEncodings, QStringList{encoding});

        const QImage source = QImage(img).convertToFormat(QImage::Format_Grayscale8);
        // Poppler samples half a pixel off at 1:1; at 4:1 the centre of each 4x4 block is exact.
        const int zoom = 4;
        const QImage rendered = render(pdf, dpi * zoom);
        QCOMPARE(rendered.size(), source.size() * zoom);
        if (kind == u"mono") {
            QCOMPARE(rendered.pixelColor(zoom * w * 3 / 8, zoom * h * 3 / 8).value(), 0); // inside the black rectangle
            QCOMPARE(rendered.pixelColor(5, 5).value(), 255);
        }
        int differences = 0;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                differences += (source.constScanLine(y)[x] < 128) !=
                               (rendered.constScanLine(y * zoom + zoom / 2)[x * zoom + zoom / 2] < 128);
        QCOMPARE(differences, 0);
    }

    // A 1-bit row ends inside a byte when the width is not a multiple of 8; what lies in those spare bits is
    // not part of the page. Two pages equal in every pixel give the same PDF, byte for byte, whatever
    // their spare bits hold (the sanitizer build's allocator showed uninitialised bits reaching the Flate
    // stream). Noise: Flate wins over G4 there, so the bits go through the Flate path.
    void bilevelSpareBitsDoNotReachThePdf()
    {
        const int w = 198, h = 120; // 198 = 24 * 8 + 6: two spare bits a row
        QImage clean(w, h, QImage::Format_Mono);
        clean.setColorTable({0xffffffffu, 0xff000000u});
        QRandomGenerator noise(16);
        for (int y = 0; y < h; ++y) {
            uchar *row = clean.scanLine(y);
            for (int i = 0; i < clean.bytesPerLine(); ++i)
                row[i] = uchar(noise.bounded(256));
            row[w / 8] &= uchar(0xFC); // spare bits clear
        }
        QImage dirty = clean.copy();
        for (int y = 0; y < h; ++y)
            dirty.scanLine(y)[w / 8] |= uchar(0x03); // the two bits after the last pixel set
        QCOMPARE(dirty.pixelIndex(w - 1, 7), clean.pixelIndex(w - 1, 7));
        const auto readFile = [](const QString &name) {
            QFile f(name);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QString cleanPng = path(QStringLiteral("spare-clean.png")), dirtyPng = path(QStringLiteral("spare-dirty.png"));
        QVERIFY(clean.save(cleanPng) && dirty.save(dirtyPng));
        QVERIFY2(readFile(cleanPng) != readFile(dirtyPng), "the PNG writer dropped the spare bits: no test");
        // The file ids differ (they come from the page files' bytes and each write); the image must not.
        const auto imageStream = [](const QByteArray &pdf) {
            const qsizetype dict = pdf.indexOf("/Subtype /Image");
            const qsizetype begin = dict < 0 ? -1 : pdf.indexOf(">>\nstream\n", dict);
            const qsizetype end = begin < 0 ? -1 : pdf.indexOf("\nendstream", begin);
            return end < 0 ? QByteArray() : pdf.mid(begin + 10, end - begin - 10);
        };
        QByteArray streams[2];
        int i = 0;
        for (const QString &png : {cleanPng, dirtyPng}) {
            const QString pdf = path(QStringLiteral("spare%1.pdf").arg(i));
            const auto report = PdfWriter::write(pdf, {{png, 0}}, {});
            QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
            QCOMPARE(report->pageEncodings, QStringList{QStringLiteral("FlateDecode")});
            checkQpdf(pdf);
            streams[i++] = imageStream(readFile(pdf));
        }
        QVERIFY(!streams[0].isEmpty());
        QVERIFY2(streams[0] == streams[1], "the spare bits of a 1-bit row changed the image in the PDF");
    }

    void alphaIsCompositedOnWhite()
    {
        const QString img = saveImage(QStringLiteral("alpha"), QStringLiteral("png"), 200, 100, 72);
        const QString pdf = path(QStringLiteral("out%1.pdf").arg(++m_counter));
        QVERIFY(PdfWriter::write(pdf, {{img, 0}}, {}).ok());
        const QImage rendered = render(pdf, 72);
        QCOMPARE(rendered.pixelColor(150, 50).value(), 255); // transparent half: white paper
        QVERIFY(rendered.pixelColor(50, 50).value() < 128);  // opaque red half: dark in gray
    }

    // 16-bit samples are big-endian in PDF: swapped bytes would turn 0xF000 (light) into 0x00F0 (black).
    void sixteenBitSamplesRenderRight()
    {
        QImage gray(64, 32, QImage::Format_Grayscale16);
        gray.fill(QColor::fromRgba64(0xF000, 0xF000, 0xF000));
        QImage rgb(64, 32, QImage::Format_RGBX64);
        rgb.fill(QColor::fromRgba64(0xF000, 0xF000, 0x1000));
        const QString grayPath = path(QStringLiteral("gray16.png")), rgbPath = path(QStringLiteral("rgb16.png"));
        QVERIFY(withDpi(gray, 72).save(grayPath));
        QVERIFY(withDpi(rgb, 72).save(rgbPath));
        const QString pdf = path(QStringLiteral("sixteen.pdf"));
        const auto report = PdfWriter::write(pdf, {{grayPath, 0}, {rgbPath, 0}}, {});
        QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
        QCOMPARE(pdfImagesList(pdf).value(1).bpc, 16);
        const QString base = path(QStringLiteral("sixteen"));
        QCOMPARE(run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("72"), pdf, base}).exitCode, 0);
        const QImage page1(base + QStringLiteral("-1.ppm")), page2(base + QStringLiteral("-2.ppm"));
        auto near = [](int value, int expected) {
            return qAbs(value - expected) <= 2;
        };
        QVERIFY(near(page1.pixelColor(32, 16).red(), 0xF0));
        const QColor c = page2.pixelColor(32, 16);
        QVERIFY(near(c.red(), 0xF0));
        QVERIFY(near(c.green(), 0xF0));
        QVERIFY(near(c.blue(), 0x10));
    }

    void adobeCmykJpegIsInverted()
    {
#ifndef SOHOA_HAVE_LIBJPEG
        QSKIP("built without libjpeg: no CMYK JPEG fixture");
#else
        const QString img = path(QStringLiteral("cmyk.jpg"));
        QVERIFY(sohoa::test::writeAdobeCmykJpeg(img, 80, 40));
        const QString pdf = path(QStringLiteral("cmyk.pdf"));
        const auto report = PdfWriter::write(pdf, {{img, 72}}, {});
        QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
        QCOMPARE(report->pageEncodings, QStringList{QStringLiteral("DCTDecode")});
        checkQpdf(pdf);
        const QList<ImageRow> rows = pdfImagesList(pdf);
        QCOMPARE(rows.value(0).color, QStringLiteral("cmyk"));
        QCOMPARE(rows.value(0).enc, QStringLiteral("jpeg"));
        const QString base = path(QStringLiteral("cmyk"));
        QCOMPARE(run(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("72"), pdf, base}).exitCode, 0);
        const QImage page(base + QStringLiteral("-1.ppm"));
        const QColor paper = page.pixelColor(10, 20), cyan = page.pixelColor(70, 20);
        QVERIFY2(paper.red() > 240 && paper.green() > 240 && paper.blue() > 240, qPrintable(paper.name()));
        QVERIFY2(cyan.red() < 60 && cyan.green() > 120 && cyan.blue() > 180, qPrintable(cyan.name()));
#endif
    }

    void mixedDocument()
    {
        const QList<PdfPageSource> pages = {
            {saveImage(QStringLiteral("colour"), QStringLiteral("jpg"), 600, 800, 200), 0},
            {saveImage(QStringLiteral("gray"), QStringLiteral("png"), 600, 800, 300), 0},
            {saveImage(QStringLiteral("gray16"), QStringLiteral("png"), 600, 800, 300), 0},
            {saveImage(QStringLiteral("mono"), QStringLiteral("png"), 600, 800, 300), 0},
            {saveImage(QStringLiteral("colour"), QStringLiteral("png"), 600, 800, 150), 0},
            {saveImage(QStringLiteral("gray"), QStringLiteral("jpg"), 600, 800, 0), 0},
        };
        const QString pdf = path(QStringLiteral("mixed.pdf"));
        TestControl control;
        PdfWriteOptions options;
        options.control = &control;
        const QList<int> &progress = control.done;
        const auto report = PdfWriter::write(pdf, pages, {}, options);
        QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
        QCOMPARE(progress, (QList<int>{1, 2, 3, 4, 5, 6})); // pages done
        QCOMPARE(control.total, 6);
        QCOMPARE(report->pageEncodings, (QStringList{QStringLiteral("DCTDecode"), QStringLiteral("FlateDecode"),
                                                     QStringLiteral("FlateDecode"), QStringLiteral("CCITTFaxDecode"),
                                                     QStringLiteral("FlateDecode"), QStringLiteral("DCTDecode")}));
        checkQpdf(pdf);
        const QString info =
            pdfInfo(pdf, {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("6")});
        QCOMPARE(infoField(info, QStringLiteral("Pages")), QStringLiteral("6"));
        QCOMPARE(infoField(info, QStringLiteral("PDF version")), QStringLiteral("1.5"));
        const QString sizes = info.simplified();
        QVERIFY2(sizes.contains(QStringLiteral("Page 1 size: 216 x 288 pts")), qPrintable(info));
        QVERIFY(sizes.contains(QStringLiteral("Page 2 size: 144 x 192 pts")));
        QVERIFY(sizes.contains(QStringLiteral("Page 5 size: 288 x 384 pts")));
        QVERIFY(sizes.contains(QStringLiteral("Page 6 size: 144 x 192 pts"))); // no density: 300 dpi
        const QList<ImageRow> rows = pdfImagesList(pdf);
        QCOMPARE(rows.size(), 6);
        const QStringList encs = {QStringLiteral("jpeg"),  QStringLiteral("image"), QStringLiteral("image"),
                                  QStringLiteral("ccitt"), QStringLiteral("image"), QStringLiteral("jpeg")};
        const QList<int> bpcs = {8, 8, 16, 1, 8, 8};
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(rows[i].page, i + 1);
            QCOMPARE(rows[i].enc, encs[i]);
            QCOMPARE(rows[i].bpc, bpcs[i]);
        }
    }

    void metadataInInfoAndXmp()
    {
        const QString img = saveImage(QStringLiteral("gray"), QStringLiteral("jpg"), 100, 100, 200);
        PdfMetadata meta;
        meta.title = kVietnameseTitle;
        meta.subject = QStringLiteral(u"Giấy phép xây dựng <nhà ở> & \"công trình\"");
        meta.author = QStringLiteral(u"Nguyễn Văn Ánh");
        meta.keywords = QStringLiteral("H15.50.05.13, (sao y)");
        meta.created = QDateTime(QDate(2026, 11, 21), QTime(9, 30, 15), QTimeZone(7 * 3600));
        meta.modified = QDateTime(QDate(2026, 11, 22), QTime(10, 0, 0), QTimeZone(7 * 3600));
        const QString pdf = path(QStringLiteral("meta.pdf"));
        const auto report = PdfWriter::write(pdf, {{img, 0}}, meta);
        QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
        checkQpdf(pdf);

        const QString info = pdfInfo(pdf, {QStringLiteral("-isodates")});
        QCOMPARE(infoField(info, QStringLiteral("Title")), kVietnameseTitle);
        QCOMPARE(infoField(info, QStringLiteral("Subject")), meta.subject);
        QCOMPARE(infoField(info, QStringLiteral("Author")), meta.author);
        QCOMPARE(infoField(info, QStringLiteral("Keywords")), meta.keywords);
        QCOMPARE(infoField(info, QStringLiteral("Creator")), QStringLiteral("SoHoa"));
        QVERIFY(infoField(info, QStringLiteral("Producer")).startsWith(QStringLiteral("SoHoa ")));
        QCOMPARE(infoField(info, QStringLiteral("CreationDate")), QStringLiteral("2026-11-21T09:30:15+07"));
        QCOMPARE(infoField(info, QStringLiteral("ModDate")), QStringLiteral("2026-11-22T10:00:00+07"));

        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.contains("/CreationDate (D:20261121093015+07'00')"));
        QVERIFY(bytes.contains("/Lang (vi-VN)"));
        QVERIFY(bytes.contains("/Type /Metadata /Subtype /XML"));

        const QString xmp = run(QStringLiteral("pdfinfo"), {QStringLiteral("-meta"), pdf}).out;
        QVERIFY2(xmp.contains(QStringLiteral("<?xpacket begin=")), qPrintable(xmp));
        QVERIFY(xmp.contains(QStringLiteral("<?xpacket end=\"w\"?>")));
        QVERIFY(xmp.contains(QStringLiteral("<rdf:li xml:lang=\"x-default\">") + kVietnameseTitle +
                             QStringLiteral("</rdf:li>")));
        QVERIFY(xmp.contains(QStringLiteral(u"Giấy phép xây dựng &lt;nhà ở&gt; &amp; &quot;công trình&quot;")));
        QVERIFY(xmp.contains(QStringLiteral(u"<rdf:li>Nguyễn Văn Ánh</rdf:li>")));
        QVERIFY(xmp.contains(QStringLiteral("<xmp:CreateDate>2026-11-21T09:30:15+07:00</xmp:CreateDate>")));
        QVERIFY(xmp.contains(QStringLiteral("<xmp:ModifyDate>2026-11-22T10:00:00+07:00</xmp:ModifyDate>")));
        QVERIFY(xmp.contains(QStringLiteral("<xmp:CreatorTool>SoHoa</xmp:CreatorTool>")));
        QVERIFY(xmp.contains(QStringLiteral("<pdf:Producer>SoHoa ")));
        QVERIFY(xmp.contains(QStringLiteral("<dc:language><rdf:Bag><rdf:li>vi-VN</rdf:li></rdf:Bag></dc:language>")));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("no pages") << QStringLiteral("no-pages") << ErrorCode::NoPages;
        QTest::newRow("missing image") << QStringLiteral("missing") << ErrorCode::FileReadFailed;
        QTest::newRow("not an image") << QStringLiteral("garbage") << ErrorCode::ImageDecodeFailed;
        QTest::newRow("truncated PNG") << QStringLiteral("truncated-png") << ErrorCode::ImageDecodeFailed;
        QTest::newRow("cancel before start") << QStringLiteral("cancel-start") << ErrorCode::Cancelled;
        QTest::newRow("cancel after page 2") << QStringLiteral("cancel-page") << ErrorCode::Cancelled;
        QTest::newRow("rotation not a quarter turn") << QStringLiteral("bad-rotation") << ErrorCode::InvalidArgument;
    }

    // Every failure leaves the folder as it was: no output, no temporary.
    void errors()
    {
        QFETCH(QString, scenario);
        QFETCH(ErrorCode, code);
        QTemporaryDir out;
        QList<PdfPageSource> pages;
        const QString good = saveImage(QStringLiteral("colour"), QStringLiteral("jpg"), 300, 200, 200);
        const QString png = saveImage(QStringLiteral("colour"), QStringLiteral("png"), 300, 200, 200);
        for (int i = 0; i < 4; ++i)
            pages.append({i % 2 ? png : good, 0});
        TestControl control;
        PdfWriteOptions options;
        options.control = &control;
        QString badPath;
        if (scenario == u"no-pages") {
            pages.clear();
        } else if (scenario == u"missing") {
            badPath = path(QStringLiteral("does-not-exist.jpg"));
            pages.insert(2, {badPath, 0});
        } else if (scenario == u"garbage") {
            badPath = path(QStringLiteral("garbage.png"));
            QFile f(badPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not an image");
            pages.insert(2, {badPath, 0});
        } else if (scenario == u"truncated-png") {
            // Headers are fine, the pixel data is cut: found while writing, after page 1 is out.
            badPath = path(QStringLiteral("truncated.png"));
            QFile src(png), dst(badPath);
            QVERIFY(src.open(QIODevice::ReadOnly));
            QVERIFY(dst.open(QIODevice::WriteOnly));
            dst.write(src.read(src.size() / 2));
            pages.insert(2, {badPath, 0});
        } else if (scenario == u"bad-rotation") {
            badPath = pages.at(2).imagePath;
            pages[2].rotation = 45;
        } else if (scenario == u"cancel-start") {
            control.cancel = true;
        } else if (scenario == u"cancel-page") {
            control.onProgress = [&](int done) {
                if (done == 2)
                    control.cancel = true;
            };
        }
        const QString pdf = out.filePath(QStringLiteral("out.pdf"));
        const auto report = PdfWriter::write(pdf, pages, {}, options);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code(), code);
        if (!badPath.isEmpty())
            QVERIFY2(report.error().detail().contains(badPath), qPrintable(report.error().detail()));
        QCOMPARE(folderEntries(out.path()), QStringList());
    }

    void existingOutputIsKept()
    {
        const QString img = saveImage(QStringLiteral("gray"), QStringLiteral("jpg"), 100, 100, 200);
        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("out.pdf"));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
        f.close();
        const auto report = PdfWriter::write(pdf, {{img, 0}}, {});
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code(), ErrorCode::OutputExists);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));
        f.close();
        QCOMPARE(folderEntries(out.path()), QStringList{QStringLiteral("out.pdf")});

        PdfWriteOptions options;
        options.overwrite = true;
        const auto again = PdfWriter::write(pdf, {{img, 0}}, {}, options);
        QVERIFY2(again.ok(), qPrintable(again.error().fullText()));
        checkQpdf(pdf);
        QCOMPARE(folderEntries(out.path()), QStringList{QStringLiteral("out.pdf")});
    }

    // The corpus scans are real-sized 200 dpi colour JPEGs: the PDF must cost only a few hundred
    // bytes per page more than the JPEGs, like img2pdf.
    void jpegOverheadLikeImg2pdf()
    {
        const QDir scans(QStringLiteral(SOHOA_CORPUS_DIR "/scans"));
        const QStringList names =
            scans.entryList({QStringLiteral("*.jpg"), QStringLiteral("*.jpeg")}, QDir::Files, QDir::Name);
        if (names.isEmpty())
            QSKIP("corpus/scans is absent: JPEG overhead not measured");
        QList<PdfPageSource> pages;
        qint64 jpegBytes = 0;
        for (const QString &name : names) {
            pages.append({scans.filePath(name), 0});
            jpegBytes += QFileInfo(scans.filePath(name)).size();
        }
        const QString pdf = path(QStringLiteral("corpus.pdf"));
        const auto report = PdfWriter::write(pdf, pages, {});
        QVERIFY2(report.ok(), qPrintable(report.error().fullText()));
        checkQpdf(pdf);
        const qint64 overhead = report->fileSize - jpegBytes;
        qInfo("%lld pages, JPEG bytes %lld, PDF %lld, overhead %lld bytes", qint64(names.size()), jpegBytes,
              report->fileSize, overhead);
        QVERIFY(overhead < 3000 + 600 * names.size());

        if (QStandardPaths::findExecutable(QStringLiteral("img2pdf")).isEmpty())
            return;
        QStringList args;
        for (const PdfPageSource &p : pages)
            args.append(p.imagePath);
        const QString reference = path(QStringLiteral("img2pdf.pdf"));
        args << QStringLiteral("-o") << reference;
        QCOMPARE(run(QStringLiteral("img2pdf"), args).exitCode, 0);
        const qint64 refSize = QFileInfo(reference).size();
        qInfo("img2pdf %lld bytes, SoHoa %lld bytes (%+.3f %%)", refSize, report->fileSize,
              100.0 * double(report->fileSize - refSize) / double(refSize));
        QVERIFY(qAbs(report->fileSize - refSize) < refSize / 100);
    }
};

QTEST_MAIN(TestPdfWriter)
#include "TestPdfWriter.moc"
