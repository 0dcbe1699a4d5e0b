// QR stamping (issue 4), judged by tools we did not write: qpdf --check, pdftoppm + zbarimg (payload,
// orientation, and where on the page the symbol is), pdftotext (caption), pdfsig (earlier signatures
// stay valid; `sign --qr` covers the whole file).

#include "HandMadePdf.h"
#include "SigningFixtures.h"
#include "ToolRunner.h"
#include "core/pdf/PdfQrStamper.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QXmlStreamReader>
#include <QtConcurrent>

#include <atomic>
#include <cmath>

using namespace sohoa;
using namespace sohoa::test;

namespace {

constexpr double kPxPerMm = 150.0 / 25.4; // renderings at 150 dpi
constexpr double kDefaultSizeMm = 20;
constexpr double kDefaultMarginMm = 7;

QString corpus(const QString &sub)
{
    return QStringLiteral(SOHOA_CORPUS_DIR "/") + sub;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString sha256Hex(const QString &path)
{
    return QString::fromLatin1(QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256).toHex());
}

struct Symbol
{
    QString data;
    QString orientation;
};

// zbarimg --xml over several images: the symbols found in each, by file name.
QMap<QString, QList<Symbol>> zbar(const QStringList &images, QString *raw = nullptr)
{
    const ToolResult r =
        runTool(QStringLiteral("zbarimg"), QStringList{QStringLiteral("-q"), QStringLiteral("--xml")} + images);
    if (raw)
        *raw = r.describe();
    QMap<QString, QList<Symbol>> found;
    for (const QString &image : images)
        found[QFileInfo(image).fileName()];
    QXmlStreamReader xml(r.out);
    QString source;
    Symbol symbol;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == u"source") {
            source = QFileInfo(xml.attributes().value(QStringLiteral("href")).toString()).fileName();
        } else if (xml.name() == u"symbol") {
            symbol = Symbol{QString(), xml.attributes().value(QStringLiteral("orientation")).toString()};
        } else if (xml.name() == u"data") {
            symbol.data = xml.readElementText();
            found[source].append(symbol);
        }
    }
    return found;
}

// Page `page` (from 1) at 150 dpi in gray, the visible area only (-cropbox), as a PGM file. `extra`:
// more pdftoppm options, such as a password (-upw/-opw PASSWORD).
QString renderPage(const QString &pdf, int page, const QString &prefix, const QStringList &extra = {})
{
    const ToolResult r = runTool(
        QStringLiteral("pdftoppm"),
        extra + QStringList{QStringLiteral("-r"), QStringLiteral("150"), QStringLiteral("-gray"),
                            QStringLiteral("-cropbox"), QStringLiteral("-f"), QString::number(page),
                            QStringLiteral("-l"), QString::number(page), QStringLiteral("-singlefile"), pdf, prefix});
    return r.exitCode == 0 ? prefix + QStringLiteral(".pgm") : QString();
}

const QString kUserPassword = QStringLiteral("Qr-user-5120");
const QString kOwnerPassword = QStringLiteral("Qr-owner-8634");

// qpdf --encrypt USER OWNER <encryption> -- in out
QString encryptWithQpdf(const QString &in, const QString &out, const QStringList &encryption)
{
    const ToolResult r =
        runTool(QStringLiteral("qpdf"), QStringList{QStringLiteral("--allow-weak-crypto"), QStringLiteral("--encrypt"),
                                                    kUserPassword, kOwnerPassword} +
                                            encryption + QStringList{QStringLiteral("--"), in, out});
    return r.exitCode == 0 ? QString() : r.describe();
}

// What qpdf says of a file's encryption, opened with password.
QString qpdfEncryption(const QString &pdf, const QString &password)
{
    return runTool(QStringLiteral("qpdf"),
                   {QStringLiteral("--show-encryption"), QStringLiteral("--password=") + password, pdf})
        .out;
}

// The part of a rendering inside rectMm (from the top-left, clipped to the image), as a PNG.
QString cropMm(const QString &image, const QRectF &rectMm, const QString &out)
{
    const QImage img(image);
    const QRect px = QRect(int(rectMm.x() * kPxPerMm), int(rectMm.y() * kPxPerMm), int(rectMm.width() * kPxPerMm),
                           int(rectMm.height() * kPxPerMm))
                         .intersected(img.rect());
    return !img.isNull() && img.copy(px).save(out) ? out : QString();
}

QSizeF imageSizeMm(const QString &image)
{
    const QImage img(image);
    return QSizeF(img.width() / kPxPerMm, img.height() / kPxPerMm);
}

// A one-page PDF written here, with the boxes and rotation given; the content frames the visible area
// in gray so that a wrong box shows.
QByteArray handMadePdf(const QRectF &media, const QRectF &crop, int rotate)
{
    auto box = [](const QRectF &r) {
        return QByteArray("[" + QByteArray::number(r.left()) + ' ' + QByteArray::number(r.top()) + ' ' +
                          QByteArray::number(r.right()) + ' ' + QByteArray::number(r.bottom()) + ']');
    };
    const QByteArray content = "0.5 g " + QByteArray::number(crop.left() + 5) + ' ' +
                               QByteArray::number(crop.top() + 5) + ' ' + QByteArray::number(crop.width() - 10) + ' ' +
                               QByteArray::number(crop.height() - 10) + " re S\n";
    QList<QByteArray> objects{
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox " + box(media) + " /CropBox " + box(crop) + " /Rotate " +
            QByteArray::number(rotate) + " /Contents 4 0 R /Resources << >> >>",
        "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "endstream",
    };
    return sohoa::test::handMadePdf(objects);
}

// Where a block of sizeMm goes at a corner of a visible page of pageMm, with some slack, in mm from the
// top-left.
QRectF cornerRegion(const QString &corner, const QSizeF &pageMm, double sizeMm = kDefaultSizeMm)
{
    const double extent = kDefaultMarginMm + sizeMm + 2;
    const double x = corner.endsWith(u"left") ? 0 : pageMm.width() - extent;
    const double y = corner.startsWith(u"top") ? 0 : pageMm.height() - extent;
    return QRectF(x, y, extent, extent);
}

} // namespace

class TestQrStamp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_letter; // page 1 of a corpus file, US letter, portrait

    QString path(const QString &name) const { return m_dir.filePath(name); }

    ToolResult stamp(const QString &in, const QString &out, const QStringList &extra)
    {
        return runCli(QStringList{QStringLiteral("stamp-qr"), in, QStringLiteral("--out"), out} + extra);
    }

    TestCa &ca()
    {
        static TestCa ca;
        static bool made = false;
        if (!made) {
            QString error;
            if (!ca.make(&error) || !ca.issue(QStringLiteral("signer"), QStringLiteral("/CN=Văn thư/O=SoHoa Test"),
                                              QStringLiteral("signer_ext"), &error))
                qFatal("test CA: %s", qPrintable(error));
            made = true;
        }
        return ca;
    }

    // The code on `page` of pdf is readable as `payload`, upright, and lies inside regionMm.
    void checkPlaced(const QString &pdf, int page, const QString &payload, const QRectF &regionMm, const QString &tag,
                     const QStringList &renderOptions = {})
    {
        const QString image = renderPage(pdf, page, path(tag), renderOptions);
        QVERIFY2(!image.isEmpty(), qPrintable(tag));
        const QString crop = cropMm(image, regionMm, path(tag + QStringLiteral("-crop.png")));
        QVERIFY(!crop.isEmpty());
        QString raw;
        const auto found = zbar({image, crop}, &raw);
        const QList<Symbol> whole = found.value(QFileInfo(image).fileName());
        QVERIFY2(whole.size() == 1, qPrintable(tag + u'\n' + raw));
        QCOMPARE(whole.constFirst().data, payload);
        QCOMPARE(whole.constFirst().orientation, QStringLiteral("UP"));
        const QList<Symbol> inRegion = found.value(QFileInfo(crop).fileName());
        QVERIFY2(inRegion.size() == 1 && inRegion.constFirst().data == payload,
                 qPrintable(QStringLiteral("%1: the code is not inside %2,%3 %4x%5 mm of a %6x%7 mm page")
                                .arg(tag)
                                .arg(regionMm.x())
                                .arg(regionMm.y())
                                .arg(regionMm.width())
                                .arg(regionMm.height())
                                .arg(imageSizeMm(image).width())
                                .arg(imageSizeMm(image).height())));
    }

private slots:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("qpdf");
        SOHOA_REQUIRE_TOOL("pdftoppm");
        SOHOA_REQUIRE_TOOL("pdftotext");
        SOHOA_REQUIRE_TOOL("pdffonts");
        SOHOA_REQUIRE_TOOL("pdfsig");
        SOHOA_REQUIRE_TOOL("zbarimg");
        SOHOA_REQUIRE_TOOL("openssl");
        QVERIFY2(QDir(corpus(QStringLiteral("pdf/clean"))).exists(), "the corpus is missing: ../shared/corpus");
        QVERIFY(m_dir.isValid());
        m_letter = path(QStringLiteral("letter.pdf"));
        QString error;
        QVERIFY2(runOk(QStringLiteral("qpdf"),
                       {QStringLiteral("--empty"), QStringLiteral("--pages"),
                        corpus(QStringLiteral("pdf/clean/11-pages-with-labels.pdf")), QStringLiteral("1"),
                        QStringLiteral("--"), m_letter},
                       &error),
                 qPrintable(error));
    }

    // Every page of every clean corpus file: qpdf --check clean, the input a byte-identical prefix,
    // and each page rendered at 150 dpi gives exactly the payload to zbarimg; a file with pages too
    // small for a readable code is refused (qr-too-dense), naming them.
    void wholeCleanCorpus()
    {
        const QDir dir(corpus(QStringLiteral("pdf/clean")));
        const QStringList files = dir.entryList({QStringLiteral("*.pdf")}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 92);
        std::atomic<int> pagesChecked{0}, shrunkPages{0}, refusedPages{0};
        std::atomic<int> refusedFiles{0};
        QThreadPool pool;
        pool.setMaxThreadCount(2);
        const QStringList failures =
            QtConcurrent::blockingMapped<QStringList>(&pool, files, [&](const QString &name) -> QString {
                const QString in = dir.filePath(name);
                const int index = int(files.indexOf(name));
                const QString code = QStringLiteral("H15.50.05.13-261008-%1").arg(index, 4, 10, QLatin1Char('0'));
                const QString payload = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=") + code;
                const QString work = path(QStringLiteral("corpus-") + QString::number(index));
                QDir().mkpath(work);
                const QString out = work + QStringLiteral("/out.pdf");
                const ToolResult s = stamp(in, out,
                                           {QStringLiteral("--text"),
                                            QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma={dossier_code}"),
                                            QStringLiteral("--dossier-code"), code, QStringLiteral("--pages"),
                                            QStringLiteral("all"), QStringLiteral("--json")});
                // Pages too small for a readable code (modules of 0.33 mm): the file is refused, naming
                // every such page, and nothing is written; pdfinfo confirms the pages are that small.
                if (s.exitCode == 2) {
                    const QJsonObject e =
                        s.events(QStringLiteral("error")).value(0).value(QStringLiteral("error")).toObject();
                    if (e.value(QStringLiteral("id")).toString() != u"qr-too-dense" || QFile::exists(out))
                        return name + QStringLiteral(": stamp-qr ") + s.describe();
                    const double readableMm = (encodeQr(payload)->size() + 2 * QrMatrix::kQuietZone) * kQrMinModuleMm;
                    const QString detail = e.value(QStringLiteral("detail")).toString();
                    int named = 0;
                    for (auto it = QRegularExpression(QStringLiteral("page (\\d+) \\(")).globalMatch(detail);
                         it.hasNext(); ++named) {
                        const int page = it.next().captured(1).toInt();
                        const ToolResult info =
                            runTool(QStringLiteral("pdfinfo"), {QStringLiteral("-f"), QString::number(page),
                                                                QStringLiteral("-l"), QString::number(page), in});
                        const QRegularExpressionMatch m =
                            QRegularExpression(
                                QStringLiteral("Page\\s+%1 size:\\s+([\\d.]+) x ([\\d.]+) pts").arg(page))
                                .match(info.out);
                        const double sideMm =
                            m.hasMatch() ? qMin(m.captured(1).toDouble(), m.captured(2).toDouble()) / 72 * 25.4 : 0;
                        if (!(sideMm > 0 && sideMm < readableMm))
                            return name +
                                   QStringLiteral(": page %1 (%2 mm) refused as too small").arg(page).arg(sideMm);
                    }
                    if (named == 0)
                        return name + QStringLiteral(": no page named in ") + detail;
                    refusedPages += named;
                    ++refusedFiles;
                    return QString();
                }
                if (s.exitCode != 0)
                    return name + QStringLiteral(": stamp-qr ") + s.describe();
                const QByteArray before = readAll(in), after = readAll(out);
                if (after.size() <= before.size() || !after.startsWith(before))
                    return name + QStringLiteral(": the input is not a prefix of the output");
                const ToolResult check = runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), out});
                if (check.exitCode != 0)
                    return name + QStringLiteral(": qpdf --check ") + check.describe();
                const ToolResult npages = runTool(QStringLiteral("qpdf"), {QStringLiteral("--show-npages"), in});
                const int pages = npages.out.trimmed().toInt();
                if (pages <= 0)
                    return name + QStringLiteral(": no page count");
                const ToolResult render =
                    runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("150"),
                                                         QStringLiteral("-gray"), out, work + QStringLiteral("/p")});
                if (render.exitCode != 0)
                    return name + QStringLiteral(": pdftoppm ") + render.describe();
                QStringList images;
                for (const QString &f : QDir(work).entryList({QStringLiteral("p-*.pgm")}, QDir::Files, QDir::Name))
                    images.append(work + u'/' + f);
                if (images.size() != pages)
                    return name + QStringLiteral(": %1 pages rendered, %2 expected").arg(images.size()).arg(pages);
                // A page smaller than the code gets the code shrunk to fit (reported in the JSON):
                // it is read at the resolution that gives the code its nominal size, after pdfinfo
                // confirms that the page really is that small.
                const QList<QJsonObject> events = s.events(QStringLiteral("stamped"));
                if (events.size() != 1)
                    return name + QStringLiteral(": no JSON result");
                QMap<int, int> dpiOf;
                for (const QJsonValue &v : events.constFirst().value(QStringLiteral("shrunk_pages")).toArray()) {
                    const int page = v.toInt();
                    const ToolResult info =
                        runTool(QStringLiteral("pdfinfo"), {QStringLiteral("-f"), QString::number(page),
                                                            QStringLiteral("-l"), QString::number(page), out});
                    const QRegularExpression size(
                        QStringLiteral("Page\\s+%1 size:\\s+([\\d.]+) x ([\\d.]+) pts").arg(page));
                    const QRegularExpressionMatch m = size.match(info.out);
                    const double side = m.hasMatch() ? qMin(m.captured(1).toDouble(), m.captured(2).toDouble()) : 0;
                    const double codePt = kDefaultSizeMm / 25.4 * 72;
                    if (!(side > 0 && side < codePt))
                        return name + QStringLiteral(": page %1 (%2 pt) reported as smaller than the code")
                                          .arg(page)
                                          .arg(side);
                    dpiOf[page] = qMin(1200, int(std::ceil(150 * codePt / side)));
                }
                for (auto it = dpiOf.cbegin(); it != dpiOf.cend(); ++it) {
                    const QString &image = images.at(it.key() - 1);
                    QFile::remove(image);
                    const ToolResult again =
                        runTool(QStringLiteral("pdftoppm"),
                                {QStringLiteral("-r"), QString::number(it.value()), QStringLiteral("-gray"),
                                 QStringLiteral("-f"), QString::number(it.key()), QStringLiteral("-l"),
                                 QString::number(it.key()), QStringLiteral("-singlefile"), out, image.chopped(4)});
                    if (again.exitCode != 0 || !QFile::exists(image))
                        return name + QStringLiteral(": pdftoppm ") + again.describe();
                }
                QString raw;
                const auto found = zbar(images, &raw);
                QStringList bad;
                for (auto it = found.cbegin(); it != found.cend(); ++it)
                    if (it->size() != 1 || it->constFirst().data != payload)
                        bad.append(it.key() + QStringLiteral(" (%1 symbols%2)")
                                                  .arg(it->size())
                                                  .arg(it->isEmpty() ? QString() : u' ' + it->constFirst().data));
                for (const QString &image : images)
                    QFile::remove(image);
                if (!bad.isEmpty())
                    return name + QStringLiteral(": zbarimg: ") + bad.join(QStringLiteral(", "));
                shrunkPages += int(dpiOf.size());
                pagesChecked += pages;
                return QString();
            });
        QStringList errors;
        for (const QString &f : failures)
            if (!f.isEmpty())
                errors.append(f);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        // One file is twelve 32 pt (11.3 mm) pages: no readable code fits on them.
        QCOMPARE(refusedFiles.load(), 1);
        QCOMPARE(pagesChecked.load() + refusedPages.load(), 452);
        qInfo("%d of 452 pages took a shrunk code, %d were refused as too small for a readable one", shrunkPages.load(),
              refusedPages.load());
    }

    // Signatures already in a file stay valid: the stamp is appended after them.
    void earlierSignaturesStayValid_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("xref table") << QStringLiteral("11-pages-with-labels.pdf");
        QTest::newRow("xref stream") << QStringLiteral("compress-objstm-xref-qdf.pdf");
        QTest::newRow("encrypted") << QStringLiteral("V4.pdf");
    }
    void earlierSignaturesStayValid()
    {
        QFETCH(QString, file);
        qputenv("SOHOA_TEST_PASSWORD", TestCa::password());
        const QString tag = QFileInfo(file).completeBaseName();
        const QString signedPdf = path(tag + QStringLiteral("-signed.pdf"));
        const QString stamped = path(tag + QStringLiteral("-signed-stamped.pdf"));
        const ToolResult sign =
            runCli({QStringLiteral("sign"), corpus(QStringLiteral("pdf/clean/")) + file, QStringLiteral("--out"),
                    signedPdf, QStringLiteral("--p12"), ca().p12(QStringLiteral("signer")), QStringLiteral("--pin-env"),
                    QStringLiteral("SOHOA_TEST_PASSWORD")});
        QVERIFY2(sign.exitCode == 0, qPrintable(sign.describe()));
        const ToolResult s =
            stamp(signedPdf, stamped,
                  {QStringLiteral("--text"), QStringLiteral("SOHOA:{sha256}"), QStringLiteral("--pages"),
                   QStringLiteral("all"), QStringLiteral("--size-mm"), QStringLiteral("30")});
        QVERIFY2(s.exitCode == 0, qPrintable(s.describe()));
        QVERIFY(readAll(stamped).startsWith(readAll(signedPdf)));
        QCOMPARE(qpdfCheckRank(stamped), 0);
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(stamped, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.constFirst().valid, qPrintable(raw));
        // The signature no longer covers the whole file: the stamp came after it.
        QVERIFY2(!sigs.constFirst().total, qPrintable(raw));
        // {sha256} is the digest of the input as it was before stamping.
        checkPlaced(stamped, 1, QStringLiteral("SOHOA:") + sha256Hex(signedPdf),
                    QRectF(QPointF(0, 0), QSizeF(1000, 1000)), tag + QStringLiteral("-p1"));
    }

    // Encrypted inputs opened with their user or owner password (from the environment or a file, never
    // argv): the update is encrypted like the file; qpdf and Poppler, given the password, read the
    // result. Without the password, or with a wrong one: a clear refusal and no output.
    void encryptedInputs_data()
    {
        QTest::addColumn<QStringList>("encryption"); // qpdf --encrypt USER OWNER <these> --
        QTest::addColumn<QString>("password");       // the one given to the stamper
        QTest::addColumn<QString>("popplerOption");  // -upw or -opw
        QTest::addColumn<bool>("allowed");
        const QStringList aes256{QStringLiteral("256")};
        const QStringList rc4{QStringLiteral("128"), QStringLiteral("--use-aes=n")};
        const QStringList locked{QStringLiteral("256"), QStringLiteral("--modify=none")};
        QTest::newRow("AES-256 user password") << aes256 << kUserPassword << QStringLiteral("-upw") << true;
        QTest::newRow("AES-256 owner password") << aes256 << kOwnerPassword << QStringLiteral("-opw") << true;
        QTest::newRow("RC4-128 user password") << rc4 << kUserPassword << QStringLiteral("-upw") << true;
        QTest::newRow("RC4-128 owner password") << rc4 << kOwnerPassword << QStringLiteral("-opw") << true;
        // Changes forbidden: the owner password lifts the restriction, the user password does not.
        QTest::newRow("no changes, owner password") << locked << kOwnerPassword << QStringLiteral("-opw") << true;
        QTest::newRow("no changes, user password") << locked << kUserPassword << QStringLiteral("-upw") << false;
    }
    void encryptedInputs()
    {
        QFETCH(QStringList, encryption);
        QFETCH(QString, password);
        QFETCH(QString, popplerOption);
        QFETCH(bool, allowed);
        const QString tag = QStringLiteral("enc-") + QString::fromLatin1(QTest::currentDataTag())
                                                         .replace(QLatin1Char(' '), QLatin1Char('-'))
                                                         .remove(QLatin1Char(','));
        QDir().mkpath(path(tag));
        const QString in = path(tag + QStringLiteral("/in.pdf"));
        const QString encError =
            encryptWithQpdf(corpus(QStringLiteral("pdf/clean/11-pages-with-labels.pdf")), in, encryption);
        QVERIFY2(encError.isEmpty(), qPrintable(encError));
        QCOMPARE(runTool(QStringLiteral("qpdf"), {QStringLiteral("--requires-password"), in}).exitCode, 0);
        const QString out = path(tag + QStringLiteral("/out.pdf"));
        const QString payload = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975");
        const QString caption = QStringLiteral("Tra cứu hồ sơ");
        const QStringList args{QStringLiteral("--text"),    QStringLiteral("{url}"),
                               QStringLiteral("--url"),     payload,
                               QStringLiteral("--caption"), caption,
                               QStringLiteral("--pages"),   QStringLiteral("all"),
                               QStringLiteral("--json")};
        const auto errorOf = [](const ToolResult &r) {
            return r.events(QStringLiteral("error")).value(0).value(QStringLiteral("error")).toObject();
        };
        const auto nothingWritten = [&]() {
            return QDir(path(tag)).entryList(QDir::Files | QDir::Hidden) == QStringList{QStringLiteral("in.pdf")};
        };

        // Without the password, and with a wrong one: refused, nothing written.
        const ToolResult none = stamp(in, out, args);
        QVERIFY2(none.exitCode == 6, qPrintable(none.describe()));
        QCOMPARE(errorOf(none).value(QStringLiteral("id")).toString(), QStringLiteral("pdf-encrypted"));
        QVERIFY2(
            errorOf(none).value(QStringLiteral("detail")).toString().contains(QStringLiteral("password is needed")),
            qPrintable(none.describe()));
        {
            ScopedEnv wrong("SOHOA_QR_PDF_PASSWORD", "not-it");
            const ToolResult w = stamp(
                in, out,
                args + QStringList{QStringLiteral("--pdf-password-env"), QStringLiteral("SOHOA_QR_PDF_PASSWORD")});
            QVERIFY2(w.exitCode == 6, qPrintable(w.describe()));
            QCOMPARE(errorOf(w).value(QStringLiteral("id")).toString(), QStringLiteral("pdf-encrypted"));
            QVERIFY2(errorOf(w).value(QStringLiteral("detail")).toString().contains(QStringLiteral("does not open")),
                     qPrintable(w.describe()));
        }
        QVERIFY(nothingWritten());

        // With it: from the environment (user password) or a file (owner password), with every log
        // category on, which must not show it.
        const QString passwordFile = path(tag + QStringLiteral("-password.txt"));
        QVERIFY(writeFile(passwordFile, password.toUtf8() + '\n'));
        QVERIFY(QFile::setPermissions(passwordFile, QFile::ReadOwner | QFile::WriteOwner));
        ScopedEnv logs("QT_LOGGING_RULES", "sohoa.*=true");
        ScopedEnv secret("SOHOA_QR_PDF_PASSWORD", password.toUtf8());
        const QStringList passwordArgs =
            popplerOption == u"-upw"
                ? QStringList{QStringLiteral("--pdf-password-env"), QStringLiteral("SOHOA_QR_PDF_PASSWORD")}
                : QStringList{QStringLiteral("--pdf-password-file"), passwordFile};
        const ToolResult s = stamp(in, out, args + passwordArgs);
        QVERIFY2(!s.out.contains(password) && !s.err.contains(password), qPrintable(s.describe()));
        if (!allowed) {
            QVERIFY2(s.exitCode == 6, qPrintable(s.describe()));
            QCOMPARE(errorOf(s).value(QStringLiteral("id")).toString(), QStringLiteral("pdf-encrypted"));
            QVERIFY2(errorOf(s).value(QStringLiteral("detail")).toString().contains(QStringLiteral("permissions")),
                     qPrintable(s.describe()));
            QVERIFY(nothingWritten());
            return;
        }
        QVERIFY2(s.exitCode == 0, qPrintable(s.describe()));
        QVERIFY(readAll(out).startsWith(readAll(in)));
        const ToolResult check =
            runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), QStringLiteral("--password=") + password, out});
        QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
        // Still encrypted the same way; without a password it still does not open.
        QCOMPARE(qpdfEncryption(out, password), qpdfEncryption(in, password));
        QCOMPARE(runTool(QStringLiteral("qpdf"), {QStringLiteral("--requires-password"), out}).exitCode, 0);
        // The update's streams and strings decrypt: the code reads, the caption extracts.
        for (int page : {1, 11})
            checkPlaced(out, page, payload, cornerRegion(QStringLiteral("bottom-right"), QSizeF(215.9, 279.4), 28),
                        tag + QStringLiteral("-p%1").arg(page), {popplerOption, password});
        const ToolResult text =
            runTool(QStringLiteral("pdftotext"),
                    {popplerOption, password, QStringLiteral("-enc"), QStringLiteral("UTF-8"), QStringLiteral("-f"),
                     QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"), out, QStringLiteral("-")});
        QVERIFY2(text.out.normalized(QString::NormalizationForm_C).contains(caption), qPrintable(text.describe()));
    }

    // Rotated pages: the code is upright at the requested corner of the page as displayed.
    void rotatedPages_data()
    {
        QTest::addColumn<int>("rotate");
        QTest::addColumn<QString>("position");
        for (int rotate : {0, 90, 180, 270})
            for (const char *corner : {"top-left", "top-right", "bottom-left", "bottom-right"})
                QTest::addRow("rotate %d %s", rotate, corner) << rotate << QString::fromLatin1(corner);
        QTest::addRow("rotate 90 at 30mm,40mm") << 90 << QStringLiteral("30mm,40mm");
        QTest::addRow("rotate 270 at 12.5,100") << 270 << QStringLiteral("12.5,100");
    }
    void rotatedPages()
    {
        QFETCH(int, rotate);
        QFETCH(QString, position);
        const QString tag = QStringLiteral("rot%1-%2").arg(rotate).arg(QString(position).replace(u',', u'_'));
        const QString rotated = path(tag + QStringLiteral("-in.pdf"));
        QString error;
        QVERIFY2(runOk(QStringLiteral("qpdf"), {QStringLiteral("--rotate=+%1").arg(rotate), m_letter, rotated}, &error),
                 qPrintable(error));
        const QString out = path(tag + QStringLiteral("-out.pdf"));
        const QString payload = QStringLiteral("SOHOA:1:H15.50.05.13-261008-0975:") + tag;
        const ToolResult s =
            stamp(rotated, out, {QStringLiteral("--text"), payload, QStringLiteral("--position"), position});
        QVERIFY2(s.exitCode == 0, qPrintable(s.describe()));
        const bool swapped = rotate == 90 || rotate == 270;
        const QSizeF pageMm = swapped ? QSizeF(279.4, 215.9) : QSizeF(215.9, 279.4);
        QRectF region;
        if (position.contains(u',')) {
            const QStringList xy = QString(position).remove(QStringLiteral("mm")).split(u',');
            region =
                QRectF(xy.at(0).toDouble() - 1.5, xy.at(1).toDouble() - 1.5, kDefaultSizeMm + 3, kDefaultSizeMm + 3);
        } else {
            region = cornerRegion(position, pageMm);
        }
        checkPlaced(out, 1, payload, region, tag);
    }

    // MediaBox and CropBox away from the origin (and a CropBox smaller than the MediaBox): the code is
    // at the corner of the visible area.
    void offsetBoxes_data()
    {
        QTest::addColumn<int>("rotate");
        QTest::addColumn<QString>("position");
        for (int rotate : {0, 90, 180, 270}) {
            QTest::addRow("rotate %d top-left", rotate) << rotate << QStringLiteral("top-left");
            QTest::addRow("rotate %d bottom-right", rotate) << rotate << QStringLiteral("bottom-right");
        }
        QTest::addRow("rotate 0 at 50mm,60mm") << 0 << QStringLiteral("50mm,60mm");
    }
    void offsetBoxes()
    {
        QFETCH(int, rotate);
        QFETCH(QString, position);
        const QString tag = QStringLiteral("box%1-%2").arg(rotate).arg(QString(position).replace(u',', u'_'));
        const QString in = path(tag + QStringLiteral("-in.pdf"));
        // MediaBox 612 x 792 pt moved to (100, 200); CropBox 450 x 640 pt inside it at (150, 260).
        const QRectF media(100, 200, 612, 792), crop(150, 260, 450, 640);
        QVERIFY(writeFile(in, handMadePdf(media, crop, rotate)));
        QCOMPARE(qpdfCheckRank(in), 0);
        const QString out = path(tag + QStringLiteral("-out.pdf"));
        const QString payload = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=") + tag;
        const ToolResult s =
            stamp(in, out, {QStringLiteral("--text"), payload, QStringLiteral("--position"), position});
        QVERIFY2(s.exitCode == 0, qPrintable(s.describe()));
        QCOMPARE(qpdfCheckRank(out), 0);
        const double w = crop.width() / 72 * 25.4, h = crop.height() / 72 * 25.4;
        const QSizeF pageMm = rotate == 90 || rotate == 270 ? QSizeF(h, w) : QSizeF(w, h);
        QRectF region;
        if (position.contains(u','))
            region = QRectF(50 - 1.5, 60 - 1.5, kDefaultSizeMm + 3, kDefaultSizeMm + 3);
        else
            region = cornerRegion(position, pageMm);
        checkPlaced(out, 1, payload, region, tag);
        const QString image = renderPage(out, 1, path(tag + QStringLiteral("-size")));
        QVERIFY(qAbs(imageSizeMm(image).width() - pageMm.width()) < 1);
    }

    // The caption is real text in an embedded font: pdftotext gives back the Vietnamese exactly.
    void captionText()
    {
        const QString in = path(QStringLiteral("blank.pdf"));
        QVERIFY(writeFile(in, handMadePdf(QRectF(0, 0, 595, 842), QRectF(0, 0, 595, 842), 0)));
        const QString out = path(QStringLiteral("caption.pdf"));
        const QString caption = QStringLiteral("Bản sao điện tử — tra cứu hồ sơ tại Bộ phận Một cửa");
        const ToolResult s = stamp(in, out,
                                   {QStringLiteral("--text"), QStringLiteral("{url}"), QStringLiteral("--url"),
                                    QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15"),
                                    QStringLiteral("--caption"), caption, QStringLiteral("--size-mm"),
                                    QStringLiteral("30"), QStringLiteral("--position"), QStringLiteral("top-left")});
        QVERIFY2(s.exitCode == 0, qPrintable(s.describe()));
        const ToolResult text = runTool(QStringLiteral("pdftotext"),
                                        {QStringLiteral("-enc"), QStringLiteral("UTF-8"), out, QStringLiteral("-")});
        QCOMPARE(text.exitCode, 0);
        QCOMPARE(text.out.simplified(), caption);
        // Embedded as a subset, and tagged as one ("ABCDEF+LiberationSerif"), with a ToUnicode map.
        static const QRegularExpression subsetName(QStringLiteral("^[A-Z]{6}\\+LiberationSerif$"));
        bool captionFont = false;
        for (const PdfFontRow &font : pdfFonts(out)) {
            if (!font.name.contains(QStringLiteral("LiberationSerif")))
                continue;
            captionFont = true;
            QVERIFY2(subsetName.match(font.name).hasMatch(), qPrintable(font.name));
            QVERIFY(font.embedded);
            QVERIFY(font.subset);
            QVERIFY(font.unicode);
        }
        QVERIFY2(captionFont, qPrintable(runTool(QStringLiteral("pdffonts"), {out}).describe()));
        // The caption sits under the code: the code is still read at the top-left.
        checkPlaced(out, 1, QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15"),
                    QRectF(0, 0, kDefaultMarginMm + 32, kDefaultMarginMm + 32), QStringLiteral("caption"));
    }

    void pageSelection_data()
    {
        QTest::addColumn<QString>("pages");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("default") << QString() << QList<int>{1};
        QTest::newRow("first") << QStringLiteral("first") << QList<int>{1};
        QTest::newRow("last") << QStringLiteral("last") << QList<int>{11};
        QTest::newRow("list") << QStringLiteral("2,4-5,11") << QList<int>{2, 4, 5, 11};
    }
    void pageSelection()
    {
        QFETCH(QString, pages);
        QFETCH(QList<int>, expected);
        const QString tag = QStringLiteral("pages-") + QString::fromLatin1(QTest::currentDataTag());
        const QString out = path(tag + QStringLiteral(".pdf"));
        QStringList args{QStringLiteral("--text"), QStringLiteral("P"), QStringLiteral("--json")};
        if (!pages.isEmpty())
            args << QStringLiteral("--pages") << pages;
        const ToolResult s = stamp(corpus(QStringLiteral("pdf/clean/11-pages-with-labels.pdf")), out, args);
        QVERIFY2(s.exitCode == 0, qPrintable(s.describe()));
        const QList<QJsonObject> events = s.events(QStringLiteral("stamped"));
        QCOMPARE(events.size(), 1);
        QList<int> reported;
        for (const QJsonValue &v : events.constFirst().value(QStringLiteral("pages")).toArray())
            reported.append(v.toInt());
        QCOMPARE(reported, expected);
        QDir().mkpath(path(tag));
        QVERIFY(runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("100"),
                                                     QStringLiteral("-gray"), out, path(tag + QStringLiteral("/p"))})
                    .exitCode == 0);
        QStringList images;
        for (const QString &f : QDir(path(tag)).entryList({QStringLiteral("p-*.pgm")}, QDir::Files, QDir::Name))
            images.append(path(tag + u'/' + f));
        QCOMPARE(images.size(), 11);
        const auto found = zbar(images);
        for (int page = 1; page <= 11; ++page) {
            const QList<Symbol> symbols = found.value(QStringLiteral("p-%1.pgm").arg(page, 2, 10, QLatin1Char('0')));
            QCOMPARE(symbols.size(), expected.contains(page) ? 1 : 0);
        }
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString big(3000, u'A');
        QTest::newRow("payload too large") << QStringList{QStringLiteral("--text"), big + QStringLiteral("{date}"),
                                                          QStringLiteral("--ec"), QStringLiteral("H")}
                                           << 2 << QStringLiteral("too long for a QR symbol");
        QTest::newRow("unknown placeholder") << QStringList{QStringLiteral("--text"), QStringLiteral("x{dossier}")} << 2
                                             << QStringLiteral("unknown placeholder {dossier}");
        QTest::newRow("missing value") << QStringList{QStringLiteral("--text"), QStringLiteral("ma={dossier_code}")}
                                       << 2 << QStringLiteral("--dossier-code");
        QTest::newRow("bad level") << QStringList{QStringLiteral("--text"), QStringLiteral("x"), QStringLiteral("--ec"),
                                                  QStringLiteral("X")}
                                   << 2 << QStringLiteral("--ec");
        QTest::newRow("bad pages") << QStringList{QStringLiteral("--text"), QStringLiteral("x"),
                                                  QStringLiteral("--pages"), QStringLiteral("2-1")}
                                   << 2 << QStringLiteral("pages");
        QTest::newRow("page beyond the end") << QStringList{QStringLiteral("--text"), QStringLiteral("x"),
                                                            QStringLiteral("--pages"), QStringLiteral("12")}
                                             << 2 << QStringLiteral("page 12 of a 11-page document");
        QTest::newRow("bad position") << QStringList{QStringLiteral("--text"), QStringLiteral("x"),
                                                     QStringLiteral("--position"), QStringLiteral("middle")}
                                      << 2 << QStringLiteral("position");
        QTest::newRow("off the page") << QStringList{QStringLiteral("--text"), QStringLiteral("x"),
                                                     QStringLiteral("--position"), QStringLiteral("200mm,10mm")}
                                      << 2 << QStringLiteral("does not fit on page 1");
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString out = path(QStringLiteral("bad.pdf"));
        const ToolResult s = stamp(corpus(QStringLiteral("pdf/clean/11-pages-with-labels.pdf")), out, args);
        QVERIFY2(s.exitCode == exitCode, qPrintable(s.describe()));
        QVERIFY2(QString(s.out + s.err).contains(message), qPrintable(s.describe()));
        QVERIFY(!QFile::exists(out));
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral(".bad.pdf*")}, QDir::Files | QDir::Hidden).size(), 0);
    }

    void existingOutputKept()
    {
        const QString out = path(QStringLiteral("existing.pdf"));
        QVERIFY(writeFile(out, "keep me"));
        const QStringList args{QStringLiteral("--text"), QStringLiteral("x")};
        const ToolResult s = stamp(m_letter, out, args);
        QVERIFY2(s.exitCode != 0 && QString(s.out + s.err).contains(QStringLiteral("output-exists")),
                 qPrintable(s.describe()));
        QCOMPARE(readAll(out), QByteArray("keep me"));
        const ToolResult again = stamp(m_letter, out, args + QStringList{QStringLiteral("--overwrite")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QVERIFY(readAll(out).startsWith(readAll(m_letter)));
    }

    // `sign --qr`: the stamp comes first, the signature covers it; no temporary is left behind.
    void signWithQr()
    {
        TestCa ca;
        QString error;
        QVERIFY2(ca.make(&error), qPrintable(error));
        QVERIFY2(ca.issue(QStringLiteral("clerk"), QStringLiteral("/CN=Văn thư/O=SoHoa Test"),
                          QStringLiteral("signer_ext"), &error),
                 qPrintable(error));
        qputenv("SOHOA_TEST_PASSWORD", TestCa::password());
        const QString outDir = path(QStringLiteral("signed-qr"));
        QDir().mkpath(outDir);
        const QString out = outDir + QStringLiteral("/copy.pdf");
        const QStringList common{QStringLiteral("--p12"), ca.p12(QStringLiteral("clerk")), QStringLiteral("--pin-env"),
                                 QStringLiteral("SOHOA_TEST_PASSWORD")};
        const ToolResult s =
            runCli(QStringList{QStringLiteral("sign"), corpus(QStringLiteral("pdf/clean/11-pages-with-labels.pdf")),
                               QStringLiteral("--out"), out, QStringLiteral("--appearance"), QStringLiteral("copy"),
                               QStringLiteral("--organization"), QStringLiteral("UBND phường Bến Nghé"),
                               QStringLiteral("--qr"),
                               QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma={dossier_code}"),
                               QStringLiteral("--dossier-code"), QStringLiteral("H15.50.05.13-261008-0975"),
                               QStringLiteral("--qr-pages"), QStringLiteral("first"), QStringLiteral("--qr-caption"),
                               QStringLiteral("Tra cứu hồ sơ")} +
                   common);
        QVERIFY2(s.exitCode == 0, qPrintable(s.describe()));
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(out, &raw);
        QVERIFY2(sigs.size() == 1 && sigs.constFirst().valid && sigs.constFirst().total, qPrintable(raw));
        QCOMPARE(qpdfCheckRank(out), 0);
        checkPlaced(out, 1, QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975"),
                    cornerRegion(QStringLiteral("bottom-right"), QSizeF(215.9, 279.4), kDefaultSizeMm + 8),
                    QStringLiteral("signqr"));
        QCOMPARE(QDir(outDir).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("copy.pdf")});

        // Too large: exit 2 with the message, before the key is used; nothing written.
        const QString out2 = outDir + QStringLiteral("/big.pdf");
        const ToolResult big = runCli(QStringList{QStringLiteral("sign"), m_letter, QStringLiteral("--out"), out2,
                                                  QStringLiteral("--qr"), QString(4000, u'x')} +
                                      common);
        QVERIFY2(big.exitCode == 2 && QString(big.out + big.err).contains(QStringLiteral("too long for a QR symbol")),
                 qPrintable(big.describe()));
        QCOMPARE(QDir(outDir).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("copy.pdf")});
    }

    // A file that opens without a password but forbids changes (its owner password empty too) is
    // refused: its restrictions hold for whoever opens it without a password.
    void restrictedWithoutPasswordRefused()
    {
        const QString in = path(QStringLiteral("restricted-in.pdf"));
        const ToolResult enc =
            runTool(QStringLiteral("qpdf"), {QStringLiteral("--encrypt"), QString(), QString(), QStringLiteral("256"),
                                             QStringLiteral("--modify=none"), QStringLiteral("--allow-insecure"),
                                             QStringLiteral("--"), m_letter, in});
        QVERIFY2(enc.exitCode == 0, qPrintable(enc.describe()));
        const QString out = path(QStringLiteral("restricted-out.pdf"));
        const ToolResult s = stamp(in, out, {QStringLiteral("--text"), QStringLiteral("x"), QStringLiteral("--json")});
        QVERIFY2(s.exitCode == 6, qPrintable(s.describe()));
        const QJsonObject e = s.events(QStringLiteral("error")).value(0).value(QStringLiteral("error")).toObject();
        QCOMPARE(e.value(QStringLiteral("id")).toString(), QStringLiteral("pdf-encrypted"));
        QVERIFY2(e.value(QStringLiteral("detail")).toString().contains(QStringLiteral("permissions")),
                 qPrintable(s.describe()));
        QVERIFY(!QFile::exists(out));
    }

    // `sign --qr` on an encrypted input: the password opens it for the stamp and for the signature;
    // pdfsig, given the password, finds the signature valid over the whole file, and the code reads.
    void signWithQrEncrypted_data()
    {
        QTest::addColumn<QStringList>("encryption");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("popplerOption");
        QTest::newRow("AES-256 user password")
            << QStringList{QStringLiteral("256")} << kUserPassword << QStringLiteral("-upw");
        QTest::newRow("RC4-128 owner password") << QStringList{QStringLiteral("128"), QStringLiteral("--use-aes=n")}
                                                << kOwnerPassword << QStringLiteral("-opw");
    }
    void signWithQrEncrypted()
    {
        QFETCH(QStringList, encryption);
        QFETCH(QString, password);
        QFETCH(QString, popplerOption);
        const QString tag = QStringLiteral("signenc-") + QString::fromLatin1(QTest::currentDataTag()).left(3);
        const QString in = path(tag + QStringLiteral("-in.pdf"));
        const QString encError =
            encryptWithQpdf(corpus(QStringLiteral("pdf/clean/11-pages-with-labels.pdf")), in, encryption);
        QVERIFY2(encError.isEmpty(), qPrintable(encError));
        const QString outDir = path(tag);
        QDir().mkpath(outDir);
        const QString out = outDir + QStringLiteral("/copy.pdf");
        const QString passwordFile = path(tag + QStringLiteral("-password.txt"));
        QVERIFY(writeFile(passwordFile, password.toUtf8() + '\n'));
        QVERIFY(QFile::setPermissions(passwordFile, QFile::ReadOwner | QFile::WriteOwner));
        ScopedEnv pin("SOHOA_TEST_PASSWORD", TestCa::password());
        const QString payload = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma=H15.50.05.13-261008-0975");
        const QStringList args{
            QStringLiteral("sign"),           in,
            QStringLiteral("--out"),          out,
            QStringLiteral("--appearance"),   QStringLiteral("copy"),
            QStringLiteral("--organization"), QStringLiteral("UBND phường Bến Nghé"),
            QStringLiteral("--qr"),           QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma={dossier_code}"),
            QStringLiteral("--dossier-code"), QStringLiteral("H15.50.05.13-261008-0975"),
            QStringLiteral("--qr-caption"),   QStringLiteral("Tra cứu hồ sơ"),
            QStringLiteral("--p12"),          ca().p12(QStringLiteral("signer")),
            QStringLiteral("--pin-env"),      QStringLiteral("SOHOA_TEST_PASSWORD")};

        // Without the password: the stamp refuses, nothing is written.
        const ToolResult none = runCli(args + QStringList{QStringLiteral("--json")});
        QVERIFY2(none.exitCode == 6, qPrintable(none.describe()));
        QCOMPARE(signedEventErrorId(none.events(QStringLiteral("signed")).value(0)), QStringLiteral("pdf-encrypted"));
        QCOMPARE(QDir(outDir).entryList(QDir::Files | QDir::Hidden), QStringList());

        const ToolResult s = runCli(args + QStringList{QStringLiteral("--pdf-password-file"), passwordFile});
        QVERIFY2(s.exitCode == 0, qPrintable(s.describe()));
        QVERIFY2(!s.out.contains(password) && !s.err.contains(password), qPrintable(s.describe()));
        QCOMPARE(QDir(outDir).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("copy.pdf")});
        QString raw;
        const QList<PdfSigEntry> sigs = pdfsigReport(out, &raw, 60000, nullptr, {popplerOption, password});
        QVERIFY2(sigs.size() == 1 && sigs.constFirst().valid && sigs.constFirst().total, qPrintable(raw));
        const ToolResult check =
            runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), QStringLiteral("--password=") + password, out});
        QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
        QCOMPARE(qpdfEncryption(out, password), qpdfEncryption(in, password));
        checkPlaced(out, 1, payload,
                    cornerRegion(QStringLiteral("bottom-right"), QSizeF(215.9, 279.4), kDefaultSizeMm + 8), tag,
                    {popplerOption, password});
    }

    // The engine itself: progress per page, and a cancel flag that leaves no output.
    void progressAndCancel()
    {
        const QString in = corpus(QStringLiteral("pdf/clean/11-pages-with-labels.pdf"));
        QrStampOptions options;
        options.payloadTemplate = QStringLiteral("P");
        options.pages = PageSelection::all();
        struct Control : WorkControl
        {
            QList<int> seen;
            qint64 lastTotal = 0;
            int cancelAt = 0;
            bool isCancelRequested() const override { return cancelAt > 0 && seen.size() >= cancelAt; }
            void reportProgress(qint64 done, qint64 total) override
            {
                seen.append(int(done));
                lastTotal = total;
            }
        } control;
        options.control = &control;
        const QList<int> &seen = control.seen;
        const QString out = path(QStringLiteral("engine.pdf"));
        auto r = PdfQrStamper::stamp(in, out, options);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().fullText()));
        QCOMPARE(seen.size(), 11);
        QCOMPARE(seen.constLast(), 11);
        QCOMPARE(control.lastTotal, 11);
        QCOMPARE(r->pages.size(), 11);
        QCOMPARE(r->outputSize, QFileInfo(out).size());

        control.seen.clear();
        control.cancelAt = 3;
        const QString out2 = path(QStringLiteral("cancelled.pdf"));
        auto c = PdfQrStamper::stamp(in, out2, options);
        QVERIFY(!c);
        QCOMPARE(c.error().code(), ErrorCode::Cancelled);
        QVERIFY(!QFile::exists(out2));
    }
};

QTEST_MAIN(TestQrStamp)
#include "TestQrStamp.moc"
