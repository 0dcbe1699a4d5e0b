// Decree 30 copy and attachment blocks (issue 10, item 13) on whatever page they land on: black text
// on an opaque white block (no image), so a dark page does not swallow it, and on a white page it
// looks as it always did. Pages drawn here with QPdfWriter; judged by pdftoppm (pixels), pdftotext
// (exact Vietnamese), pdfimages (no image) and pdfsig.

#include "SigningFixtures.h"

#include <QGuiApplication>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTest>

using namespace sohoa::test;

namespace {

constexpr int kDpi = 150;

// A one-page A4 PDF filled with `colour` edge to edge (a blank page for white).
bool drawPage(const QString &path, const QColor &colour)
{
    QPdfWriter writer(path);
    writer.setResolution(72);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF()));
    QPainter painter;
    if (!painter.begin(&writer))
        return false;
    if (colour != Qt::white)
        painter.fillRect(QRectF(0, 0, writer.width(), writer.height()), colour);
    return painter.end();
}

struct PixelCounts
{
    qint64 total = 0, white = 0, pureWhite = 0, dark = 0;
    double whiteShare() const { return total ? double(white) / double(total) : 0; }
    double pureWhiteShare() const { return total ? double(pureWhite) / double(total) : 0; }
    double darkShare() const { return total ? double(dark) / double(total) : 0; }
    QString describe() const
    {
        return QStringLiteral("%1 px: %2 % white (>= 230), %3 % pure white, %4 % dark (<= 100)")
            .arg(total)
            .arg(100 * whiteShare(), 0, 'f', 1)
            .arg(100 * pureWhiteShare(), 0, 'f', 1)
            .arg(100 * darkShare(), 0, 'f', 1);
    }
};

PixelCounts countPixels(const QImage &gray, const QRect &area)
{
    PixelCounts c;
    const QRect r = area.intersected(gray.rect());
    for (int y = r.top(); y <= r.bottom(); ++y) {
        const uchar *line = gray.constScanLine(y);
        for (int x = r.left(); x <= r.right(); ++x) {
            ++c.total;
            c.white += line[x] >= 230;
            c.pureWhite += line[x] == 255;
            c.dark += line[x] <= 100;
        }
    }
    return c;
}

// Page 1 at kDpi in 8-bit gray; with hideAnnotations, without the signature's widget.
QImage render(const QString &pdf, const QString &prefix, bool hideAnnotations = false)
{
    QStringList args{QStringLiteral("-r"), QString::number(kDpi),        QStringLiteral("-gray"),
                     QStringLiteral("-f"), QStringLiteral("1"),          QStringLiteral("-l"),
                     QStringLiteral("1"),  QStringLiteral("-singlefile")};
    if (hideAnnotations)
        args << QStringLiteral("-hide-annotations");
    const ToolResult r = runTool(QStringLiteral("pdftoppm"), args + QStringList{pdf, prefix});
    if (r.exitCode != 0)
        return {};
    return QImage(prefix + QStringLiteral(".pgm")).convertToFormat(QImage::Format_Grayscale8);
}

} // namespace

class TestSignE2eTextBlocks : public QObject
{
    Q_OBJECT

    TestCa m_ca;
    QTemporaryDir m_work;
    QString m_blackPage, m_whitePage;

    QString path(const QString &name) const { return m_work.filePath(name); }

    // Signs page 1 of input with the block; returns the output, or an empty string (with a failure).
    QString signWith(const QString &input, const QStringList &appearance, const QString &name)
    {
        QString output = path(name);
        const ToolResult r =
            runCli(QStringList{QStringLiteral("sign"), input, QStringLiteral("--out"), output} + appearance +
                   QStringList{QStringLiteral("--p12"), m_ca.p12(QStringLiteral("clerk")), QStringLiteral("--pin-env"),
                               QStringLiteral("SOHOA_E2E_PASSWORD")});
        if (r.exitCode != 0) {
            qWarning("%s", qPrintable(r.describe()));
            return {};
        }
        return output;
    }

    // The widget's rectangle as pixels of a kDpi rendering of page 1 (from the top-left).
    QRect blockInPixels(const QString &pdf)
    {
        const auto widget = newestSignatureWidget(qpdfObjects(pdf));
        const auto page = pageGeometry(pdf, 1);
        if (!widget || !page)
            return {};
        const double k = kDpi / 72.0;
        const QRectF r = widget->rect;
        return QRectF(QPointF((r.left() - page->cropBox.left()) * k, (page->cropBox.bottom() - r.bottom()) * k),
                      QSizeF(r.width() * k, r.height() * k))
            .toAlignedRect();
    }

    static QStringList copyBlock()
    {
        return {QStringLiteral("--appearance"),   QStringLiteral("copy"),
                QStringLiteral("--copy-form"),    QStringLiteral("SAO Y"),
                QStringLiteral("--organization"), QStringLiteral("UBND phường Bến Nghé")};
    }
    static QStringList attachmentBlock()
    {
        return {QStringLiteral("--appearance"), QStringLiteral("attachment"), QStringLiteral("--doc-number"),
                QStringLiteral("Số: 125/QĐ-UBND")};
    }

private slots:
    void initTestCase()
    {
        for (const char *tool : {"openssl", "pdfsig", "qpdf", "pdfinfo", "pdftotext", "pdftoppm", "pdfimages"})
            if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
                QFAIL(qPrintable(QStringLiteral("required tool '%1' is not installed").arg(QString::fromLatin1(tool))));
        QVERIFY(m_work.isValid());
        QString error;
        QVERIFY2(m_ca.make(&error), qPrintable(error));
        QVERIFY2(m_ca.issue(QStringLiteral("clerk"), QStringLiteral("/CN=Văn thư/O=UBND phường Bến Nghé"),
                            QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        qputenv("SOHOA_E2E_PASSWORD", TestCa::password());
        m_blackPage = path(QStringLiteral("black.pdf"));
        m_whitePage = path(QStringLiteral("white.pdf"));
        QVERIFY(drawPage(m_blackPage, Qt::black));
        QVERIFY(drawPage(m_whitePage, Qt::white));
        // The black page really is black where the block goes (its top right).
        const QImage page = render(m_blackPage, path(QStringLiteral("black-unsigned")));
        QVERIFY(!page.isNull());
        QVERIFY(countPixels(page, QRect(page.width() / 2, 0, page.width() / 2, page.height() / 4)).darkShare() > 0.99);
    }

    void blocks_data()
    {
        QTest::addColumn<QStringList>("appearance");
        QTest::addColumn<QStringList>("lines"); // what pdftotext gives back, in order
        QTest::newRow("copy") << copyBlock()
                              << QStringList{QStringLiteral("SAO Y"), QStringLiteral("UBND phường Bến Nghé")};
        QTest::newRow("attachment") << attachmentBlock() << QStringList{QStringLiteral("Số: 125/QĐ-UBND")};
    }

    // On a black page: inside the block white with dark text, right outside it still the black page;
    // the text extracts exactly; no image; the signature is valid.
    void blocks()
    {
        QFETCH(QStringList, appearance);
        QFETCH(QStringList, lines);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        const QString output = signWith(m_blackPage, appearance, tag + QStringLiteral("-on-black.pdf"));
        QVERIFY(!output.isEmpty());
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(output, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.at(0).valid && sigs.at(0).total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(output), 0);

        const ToolResult text =
            runTool(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                  QStringLiteral("1"), output, QStringLiteral("-")});
        QStringList got;
        for (const QString &line : text.out.normalized(QString::NormalizationForm_C).split(u'\n'))
            if (!line.trimmed().isEmpty())
                got.append(line.trimmed());
        // The block's lines, then the signing time in Vietnam time; the page itself has no text.
        QCOMPARE(got.mid(0, lines.size()), lines);
        QCOMPARE(got.size(), lines.size() + 1);
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00$"))
                     .match(got.last())
                     .hasMatch(),
                 qPrintable(got.last()));
        const ToolResult images = runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), output});
        QCOMPARE(images.lines().size(), qsizetype(2)); // the header and its rule: no image at all

        const QImage page = render(output, path(tag + QStringLiteral("-on-black")));
        QVERIFY(!page.isNull());
        const QRect block = blockInPixels(output);
        QVERIFY2(block.width() > 20 && block.height() > 20,
                 qPrintable(QStringLiteral("block %1x%2").arg(block.width()).arg(block.height())));
        // Two pixels in from the edges (anti-aliasing), and a band two to five pixels outside.
        const PixelCounts inside = countPixels(page, block.adjusted(2, 2, -2, -2));
        QVERIFY2(inside.whiteShare() > 0.6 && inside.darkShare() > 0.01, qPrintable(inside.describe()));
        for (const QRect &band : {QRect(block.left() - 5, block.top(), 3, block.height()),
                                  QRect(block.left(), block.bottom() + 3, block.width(), 3)}) {
            const PixelCounts outside = countPixels(page, band);
            QVERIFY2(outside.total > 0 && outside.darkShare() > 0.99, qPrintable(outside.describe()));
        }
    }

    // On a white page the block looks as it always did: black text on the page's white. Nothing
    // outside the block changes, and inside it every pixel that is not text is pure white (no grey
    // tint, no frame).
    void unchangedOnWhitePage()
    {
        const QString output = signWith(m_whitePage, copyBlock(), QStringLiteral("copy-on-white.pdf"));
        QVERIFY(!output.isEmpty());
        const QImage with = render(output, path(QStringLiteral("white-with")));
        const QImage without = render(output, path(QStringLiteral("white-without")), true);
        QVERIFY(!with.isNull() && with.size() == without.size());
        const QRect block = blockInPixels(output);
        QVERIFY(block.width() > 20 && block.height() > 20);
        qint64 changedOutside = 0;
        for (int y = 0; y < with.height(); ++y)
            for (int x = 0; x < with.width(); ++x)
                if (!block.adjusted(-1, -1, 1, 1).contains(x, y) && with.pixel(x, y) != without.pixel(x, y))
                    ++changedOutside;
        QCOMPARE(changedOutside, qint64(0));
        const PixelCounts inside = countPixels(with, block);
        QVERIFY2(inside.darkShare() > 0.01, qPrintable(inside.describe()));
        // Text and its anti-aliased edges aside, white: the lightest non-text pixels are 255.
        qint64 tinted = 0;
        for (int y = block.top(); y <= block.bottom(); ++y) {
            for (int x = block.left(); x <= block.right(); ++x) {
                const int v = qGray(with.pixel(x, y));
                if (v > 230 && v < 255)
                    ++tinted;
            }
        }
        QVERIFY2(inside.pureWhiteShare() > 0.6, qPrintable(inside.describe()));
        QVERIFY2(double(tinted) / double(inside.total) < 0.1,
                 qPrintable(QStringLiteral("%1 near-white pixels; ").arg(tinted) + inside.describe()));
    }
};

QTEST_MAIN(TestSignE2eTextBlocks)
#include "TestSignE2eTextBlocks.moc"
