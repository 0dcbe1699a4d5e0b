// `sohoa-cli scan --separate` end to end with SANE's real virtual scanners: the corpus scans and our
// own printed cover sheets (rendered by pdftoppm, skewed 3 degrees) fed one sheet per scan through
// the `pnm` backend, patch-T sheets from ZXing's Code 39 writer, and every:N on the `test` backend's
// feeder. The store is then read back (dossiers, components, page files, audit log).

#include "CorpusTruth.h"
#include "SaneTestEnv.h"
#include "SeparationFixtures.h"
#include "ToolRunner.h"
#include "core/barcode/QrCode.h"
#include "core/dossier/DossierStore.h"

#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kStart = QStringLiteral("H15.50.05.13-261008-0975");

QString savePpm(const QImage &image, const QString &path)
{
    if (!image.convertToFormat(QImage::Format_RGB888).save(path, "PPM"))
        return {};
    return path;
}

// One sheet through the pnm backend. `dossier` empty: continue where the last separated batch ended.
ToolResult scanSheet(const QString &store, const QString &ppm, const QString &separate, const QString &dossier = {},
                     const QStringList &extra = {})
{
    QStringList args{QStringLiteral("scan"),
                     QStringLiteral("--store"),
                     store,
                     QStringLiteral("--device"),
                     QStringLiteral("pnm:0"),
                     QStringLiteral("--option"),
                     QStringLiteral("filename=") + ppm,
                     QStringLiteral("--resolution"),
                     QStringLiteral("200"),
                     QStringLiteral("--format"),
                     QStringLiteral("png"),
                     QStringLiteral("--separate"),
                     separate,
                     QStringLiteral("--json")};
    if (!dossier.isEmpty())
        args << QStringLiteral("--dossier") << dossier;
    return runCli(args + extra);
}

struct StoredDossier
{
    QMap<QString, QList<PageRecord>> components; // name -> pages
    int pageCount() const
    {
        int n = 0;
        for (const auto &p : components)
            n += int(p.size());
        return n;
    }
};

QMap<QString, StoredDossier> readStore(const QString &dir, QList<AuditEntry> *audit = nullptr)
{
    QMap<QString, StoredDossier> out;
    auto store = DossierStore::open(dir);
    if (!store)
        return out;
    for (const DossierInfo &d : store.value()->dossiers().value()) {
        StoredDossier sd;
        for (const ComponentInfo &c : store.value()->components(d.id).value())
            sd.components.insert(c.name, store.value()->pages(c.id).value());
        out.insert(d.code, sd);
    }
    if (audit)
        *audit = store.value()->auditLog().value();
    return out;
}

QList<AuditEntry> entries(const QList<AuditEntry> &audit, const QString &action)
{
    QList<AuditEntry> out;
    for (const AuditEntry &e : audit)
        if (e.action == action)
            out.append(e);
    return out;
}

// A page carrying only a QR code of `text` (a sheet made by someone else).
QImage qrPage(const QString &text, int dpi)
{
    const QrMatrix m = encodeQr(text).value();
    const double px = dpi / 25.4;
    QImage page(int(210 * px), int(297 * px), QImage::Format_RGB888);
    page.fill(Qt::white);
    QPainter p(&page);
    const double module = 50 * px / m.size();
    for (int y = 0; y < m.size(); ++y)
        for (int x = 0; x < m.size(); ++x)
            if (m.isDark(x, y))
                p.fillRect(QRectF(80 * px + x * module, 40 * px + y * module, module, module), Qt::black);
    return page;
}

} // namespace

class TestSeparationCli : public QObject
{
    Q_OBJECT

    SaneTestEnv m_sane;
    QTemporaryDir m_work;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QImageReader::setAllocationLimit(1024);
        SOHOA_REQUIRE_TOOL("pdftoppm");
        SOHOA_REQUIRE_TOOL("pdffonts");
        SOHOA_REQUIRE_TOOL("pdftotext");
        SOHOA_REQUIRE_TOOL("qpdf");
    }

    void corpusCoversOpenTheirDossiers()
    {
        const QJsonArray truth = corpusTruth();
        if (truth.size() != 12)
            QFAIL("the corpus ../shared/corpus/scans/truth.json is missing");
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        QMap<QString, QStringList> expected; // dossier -> source files in order
        QString current = kStart;
        QStringList coverCodes;
        for (int i = 0; i < truth.size(); ++i) {
            const QJsonObject page = truth.at(i).toObject();
            const QString file = page.value(QStringLiteral("file")).toString();
            const QImage source(QStringLiteral(SOHOA_CORPUS_DIR "/scans/") + file);
            const QString ppm = savePpm(source, dir.filePath(file + QStringLiteral(".ppm")));
            QVERIFY(!ppm.isEmpty());
            // The first sheet names where pages go until a cover sheet says otherwise; the next
            // sheets continue from the store (one sheet per scan, as on a flatbed).
            const ToolResult r = scanSheet(store, ppm, QStringLiteral("qr"), i == 0 ? kStart : QString());
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            const bool cover = page.value(QStringLiteral("kind")).toString() == u"cover";
            const auto separators = r.events(QStringLiteral("separator"));
            const auto pages = r.events(QStringLiteral("page"));
            QVERIFY2(r.events(QStringLiteral("warning")).isEmpty(), qPrintable(r.describe()));
            if (cover) {
                const QString code = page.value(QStringLiteral("qr")).toString();
                QCOMPARE(separators.size(), 1);
                QCOMPARE(pages.size(), 0);
                QCOMPARE(separators.first().value(QStringLiteral("kind")).toString(), QStringLiteral("receipt"));
                QCOMPARE(separators.first().value(QStringLiteral("dossier")).toString(), code);
                QCOMPARE(separators.first().value(QStringLiteral("value")).toString(), code);
                QVERIFY(separators.first().value(QStringLiteral("dossier_created")).toBool());
                current = code;
                coverCodes << code;
                expected[code]; // opened, even before its first page
            } else {
                QVERIFY2(separators.isEmpty(), qPrintable(file));
                QCOMPARE(pages.size(), 1);
                QCOMPARE(pages.first().value(QStringLiteral("dossier")).toString(), current);
                // The stored page is the sheet, pixel for pixel.
                const QImage stored(pages.first().value(QStringLiteral("path")).toString());
                QVERIFY2(stored.convertToFormat(QImage::Format_RGB888) == source.convertToFormat(QImage::Format_RGB888),
                         qPrintable(file));
                expected[current].append(pages.first().value(QStringLiteral("sha256")).toString());
            }
        }
        QCOMPARE(coverCodes,
                 (QStringList{QStringLiteral("H39.67.26.37-261128-3112"), QStringLiteral("H61.12.40.26-261120-7716")}));

        QList<AuditEntry> audit;
        const auto dossiers = readStore(store, &audit);
        // Exactly the two covers' dossiers: the starting one got no page (the first sheet was a cover),
        // and a dossier is made with its first page, never empty.
        QCOMPARE(dossiers.keys(), (QStringList{coverCodes.at(0), coverCodes.at(1)}));
        for (const QString &code : coverCodes) {
            const StoredDossier &d = dossiers.value(code);
            QCOMPARE(d.pageCount(), 5);
            QStringList shas;
            for (const PageRecord &p : d.components.value(QStringLiteral("Tài liệu")))
                shas << p.sha256;
            QCOMPARE(shas, expected.value(code)); // same pages, same order
        }
        // The cover sheets are in the audit log with their decoded values, not among the pages.
        const auto sheets = entries(audit, QStringLiteral("separator-sheet"));
        QCOMPARE(sheets.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject detail = QJsonDocument::fromJson(sheets.at(i).detail.toUtf8()).object();
            QCOMPARE(detail.value(QStringLiteral("value")).toString(), coverCodes.at(i));
            QCOMPARE(detail.value(QStringLiteral("kind")).toString(), QStringLiteral("receipt"));
        }
    }

    // The cover sheet PDF: valid for qpdf, its text real Vietnamese text in Liberation Serif 2, embedded
    // as a subset and tagged as one ("ABCDEF+LiberationSerif", the subset column of pdffonts).
    void coverSheetPdfFonts()
    {
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("cover.pdf"));
        const ToolResult made = runCli({QStringLiteral("coversheet"), QStringLiteral("--dossier"),
                                        QStringLiteral("H15.50.05.13-261008-0975"), QStringLiteral("--component"),
                                        QStringLiteral("Đơn đề nghị"), QStringLiteral("--component"),
                                        QStringLiteral("Giấy tờ kèm theo"), QStringLiteral("--out"), pdf});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        const ToolResult check = runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf});
        QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
        const QList<PdfFontRow> fonts = pdfFonts(pdf);
        QCOMPARE(fonts.size(), 1);
        static const QRegularExpression subsetName(QStringLiteral("^[A-Z]{6}\\+LiberationSerif$"));
        QVERIFY2(subsetName.match(fonts.constFirst().name).hasMatch(), qPrintable(fonts.constFirst().name));
        QVERIFY(fonts.constFirst().embedded);
        QVERIFY(fonts.constFirst().subset);
        QVERIFY(fonts.constFirst().unicode);
        const ToolResult text =
            runTool(QStringLiteral("pdftotext"),
                    {QStringLiteral("-enc"), QStringLiteral("UTF-8"), QStringLiteral("-f"), QStringLiteral("2"),
                     QStringLiteral("-l"), QStringLiteral("2"), pdf, QStringLiteral("-")});
        const QString page2 = text.out.normalized(QString::NormalizationForm_C);
        QVERIFY2(page2.contains(QStringLiteral("TỜ BÌA HỒ SƠ")) &&
                     page2.contains(QStringLiteral("Thành phần / Component: Giấy tờ kèm theo")),
                 qPrintable(text.describe()));
    }

    void printedCoverSheetSkewedRoutesFollowingPages()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        const QString code = QStringLiteral("H61.12.40.26-261120-7716");
        const QString pdf = dir.filePath(QStringLiteral("cover.pdf"));
        const ToolResult made =
            runCli({QStringLiteral("coversheet"), QStringLiteral("--dossier"), code, QStringLiteral("--component"),
                    QStringLiteral("Đơn đề nghị"), QStringLiteral("--component"), QStringLiteral("Giấy tờ kèm theo"),
                    QStringLiteral("--out"), pdf, QStringLiteral("--json")});
        QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
        // Never overwritten unless asked.
        const QByteArray before = [&] {
            QFile f(pdf);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        const ToolResult again = runCli({QStringLiteral("coversheet"), QStringLiteral("--dossier"), code,
                                         QStringLiteral("--out"), pdf, QStringLiteral("--json")});
        QCOMPARE(again.exitCode, 5);
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);

        const QList<QImage> covers = renderPdf(pdf, 200, dir.path());
        QCOMPARE(covers.size(), 2);
        const QString corpus = QStringLiteral(SOHOA_CORPUS_DIR "/scans/");
        struct Sheet
        {
            QImage image;
            QString name;
        };
        const QList<Sheet> sheets = {
            {skewed(covers.at(0), 3), QStringLiteral("cover-1")},
            {QImage(corpus + QStringLiteral("page-002.jpg")), QStringLiteral("page-002")},
            {QImage(corpus + QStringLiteral("page-003.jpg")), QStringLiteral("page-003")},
            {skewed(covers.at(1), -3), QStringLiteral("cover-2")},
            {QImage(corpus + QStringLiteral("page-008.jpg")), QStringLiteral("page-008")},
        };
        const QStringList extra{QStringLiteral("--name-template"),
                                QStringLiteral("{dossier}/{component}/{seq:04}-{barcode}.{ext}")};
        QStringList components;
        for (int i = 0; i < sheets.size(); ++i) {
            const QString ppm = savePpm(sheets.at(i).image, dir.filePath(sheets.at(i).name + QStringLiteral(".ppm")));
            const ToolResult r = scanSheet(store, ppm, QStringLiteral("qr"), i == 0 ? kStart : QString(), extra);
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            const auto separators = r.events(QStringLiteral("separator"));
            if (sheets.at(i).name.startsWith(u"cover")) {
                QCOMPARE(separators.size(), 1);
                QCOMPARE(separators.first().value(QStringLiteral("kind")).toString(), QStringLiteral("cover"));
                QCOMPARE(separators.first().value(QStringLiteral("dossier")).toString(), code);
                components << separators.first().value(QStringLiteral("component")).toString();
                QCOMPARE(r.events(QStringLiteral("page")).size(), 0);
            } else {
                QCOMPARE(separators.size(), 0);
                QCOMPARE(r.events(QStringLiteral("page")).size(), 1);
            }
        }
        QCOMPARE(components, (QStringList{QStringLiteral("Đơn đề nghị"), QStringLiteral("Giấy tờ kèm theo")}));
        const auto dossiers = readStore(store);
        const StoredDossier d = dossiers.value(code);
        QCOMPARE(d.components.value(components.at(0)).size(), 2);
        QCOMPARE(d.components.value(components.at(1)).size(), 1);
        QCOMPARE(d.pageCount(), 3);
        // {barcode}: the cover sheet's value, made safe for a file name (':' becomes '_').
        const PageRecord first = d.components.value(components.at(0)).first();
        QVERIFY2(first.relativePath.endsWith(QStringLiteral("0001-SOHOA_1_H61.12.40.26-261120-7716_Đơn đề nghị.png")),
                 qPrintable(first.relativePath));
    }

    void patchTStartsNewDocuments()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        const QString corpus = QStringLiteral(SOHOA_CORPUS_DIR "/scans/");
        const QString patch = savePpm(skewed(patchTSheet(200), 2), dir.filePath(QStringLiteral("patch.ppm")));
        const QString doc =
            savePpm(QImage(corpus + QStringLiteral("page-009.jpg")), dir.filePath(QStringLiteral("d.ppm")));
        QVERIFY(!patch.isEmpty() && !doc.isEmpty());
        // doc | patch | doc doc | patch | doc  → "Tài liệu" 1, "Tài liệu (2)" 2, "Tài liệu (3)" 1
        const QStringList feed{doc, patch, doc, doc, patch, doc};
        int separators = 0;
        for (int i = 0; i < feed.size(); ++i) {
            const ToolResult r = scanSheet(store, feed.at(i), QStringLiteral("patch-t"), i == 0 ? kStart : QString());
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            const auto sep = r.events(QStringLiteral("separator"));
            if (feed.at(i) == patch) {
                QCOMPARE(sep.size(), 1);
                QCOMPARE(sep.first().value(QStringLiteral("kind")).toString(), QStringLiteral("patch-t"));
                QCOMPARE(sep.first().value(QStringLiteral("value")).toString(), QStringLiteral("PATCHT"));
                ++separators;
            } else {
                QCOMPARE(sep.size(), 0);
            }
        }
        QCOMPARE(separators, 2);
        QList<AuditEntry> audit;
        const auto dossiers = readStore(store, &audit);
        QCOMPARE(dossiers.keys(), QStringList{kStart});
        const StoredDossier d = dossiers.value(kStart);
        QCOMPARE(d.components.keys(), (QStringList{QStringLiteral("Tài liệu"), QStringLiteral("Tài liệu (2)"),
                                                   QStringLiteral("Tài liệu (3)")}));
        QCOMPARE(d.components.value(QStringLiteral("Tài liệu")).size(), 1);
        QCOMPARE(d.components.value(QStringLiteral("Tài liệu (2)")).size(), 2);
        QCOMPARE(d.components.value(QStringLiteral("Tài liệu (3)")).size(), 1);
        QCOMPARE(entries(audit, QStringLiteral("separator-sheet")).size(), 2);
    }

    void everyNSplitsAFeederBatch()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        const QStringList args{QStringLiteral("scan"),
                               QStringLiteral("--store"),
                               store,
                               QStringLiteral("--device"),
                               QStringLiteral("test:0"),
                               QStringLiteral("--source"),
                               QStringLiteral("adf"),
                               QStringLiteral("--resolution"),
                               QStringLiteral("50"),
                               QStringLiteral("--option"),
                               QStringLiteral("test-picture=Color pattern"),
                               QStringLiteral("--dossier"),
                               kStart,
                               QStringLiteral("--separate"),
                               QStringLiteral("every:3"),
                               QStringLiteral("--json")};
        const ToolResult r = runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const auto pages = r.events(QStringLiteral("page"));
        QCOMPARE(pages.size(), 10);
        const auto splits = r.events(QStringLiteral("separator"));
        QCOMPARE(splits.size(), 3);
        QStringList perPage;
        for (const QJsonObject &p : pages)
            perPage << p.value(QStringLiteral("component")).toString();
        const QString a = QStringLiteral("Tài liệu");
        const QString b = QStringLiteral("Tài liệu (2)");
        const QString c = QStringLiteral("Tài liệu (3)");
        const QString e = QStringLiteral("Tài liệu (4)");
        QCOMPARE(perPage, (QStringList{a, a, a, b, b, b, c, c, c, e}));
        const auto d = readStore(store).value(kStart);
        QCOMPARE(d.components.value(a).size(), 3);
        QCOMPARE(d.components.value(e).size(), 1);
        QCOMPARE(d.pageCount(), 10);
        QCOMPARE(r.events(QStringLiteral("summary")).first().value(QStringLiteral("separators")).toInt(), 3);
    }

    void invalidCoverCodeIsReportedAndThePageKept()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        const QString ppm = savePpm(qrPage(QStringLiteral("SOHOA:1:H15.50.05.13-261399-0975:Đơn"), 200),
                                    dir.filePath(QStringLiteral("bad.ppm")));
        const ToolResult r = scanSheet(store, ppm, QStringLiteral("qr"), kStart);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const auto warnings = r.events(QStringLiteral("warning"));
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.first().value(QStringLiteral("error")).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("cover-sheet-invalid"));
        QCOMPARE(r.events(QStringLiteral("separator")).size(), 0);
        QCOMPARE(r.events(QStringLiteral("page")).size(), 1);
        QList<AuditEntry> audit;
        const auto dossiers = readStore(store, &audit);
        QCOMPARE(dossiers.keys(), QStringList{kStart});
        QCOMPARE(entries(audit, QStringLiteral("separator-rejected")).size(), 1);
    }

    // Without --dossier and without an earlier separated batch, a QR-separated box starts with its
    // first cover sheet (which names the dossier); a first sheet that is not one is refused, saving
    // nothing. patch-T and every:N sheets name no dossier: those still need --dossier.
    void withoutDossierTheFirstSheetMustBeACoverSheet()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("store"));
        const QString page = savePpm(QImage(QStringLiteral(SOHOA_CORPUS_DIR "/scans/page-002.jpg")),
                                     dir.filePath(QStringLiteral("page.ppm")));
        QVERIFY(!page.isEmpty());
        const ToolResult r = scanSheet(store, page, QStringLiteral("qr"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("not a cover sheet")), qPrintable(r.describe()));
        QVERIFY(readStore(store).isEmpty());
        const ToolResult patch = scanSheet(store, page, QStringLiteral("patch-t"));
        QCOMPARE(patch.exitCode, 2);
        const ToolResult bad = scanSheet(store, page, QStringLiteral("every:0"), kStart);
        QCOMPARE(bad.exitCode, 2);
    }
};

QTEST_MAIN(TestSeparationCli)
#include "TestSeparationCli.moc"
