// The archivist's path end to end through sohoa-cli and SANE's pnm virtual scanner: corpus pages (skewed,
// blank, one fed upside down) scanned with --cleanup, the findings in `dossier show`, a blank page
// reviewed, Decree 30 metadata set, and the dossier exported as a searchable PDF/A-2b with its sidecar —
// checked by the PDF/A rule checker, qpdf, pdfinfo and pdftotext, none of which is our export code.

#include "CorpusTruth.h"
#include "FileDigest.h"
#include "PdfaRules.h"
#include "SaneTestEnv.h"
#include "ToolRunner.h"

#include <QCryptographicHash>
#include <QDomDocument>
#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTransform>

using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");

} // namespace

class TestArchivalCli : public QObject
{
    Q_OBJECT

    SaneTestEnv m_sane{1};
    QTemporaryDir m_dir;
    QString m_store;

    // One corpus page through the pnm backend, turned by `turn` degrees first (a sheet fed upside down).
    ToolResult scanPage(const QString &file, int turn, const QString &component)
    {
        QImageReader reader(QStringLiteral(SOHOA_CORPUS_DIR "/scans/") + file);
        QImage image = reader.read();
        if (image.isNull())
            return {};
        if (turn != 0)
            image = image.transformed(QTransform().rotate(turn));
        const QString ppm = m_dir.filePath(file + QStringLiteral(".ppm"));
        if (!image.convertToFormat(QImage::Format_RGB888).save(ppm, "PPM"))
            return {};
        return runCli({QStringLiteral("scan"), QStringLiteral("--store"), m_store, QStringLiteral("--device"),
                       QStringLiteral("pnm:0"), QStringLiteral("--option"), QStringLiteral("filename=") + ppm,
                       QStringLiteral("--resolution"), QStringLiteral("200"), QStringLiteral("--dossier"), kCode,
                       QStringLiteral("--component"), component, QStringLiteral("--cleanup"),
                       QStringLiteral("deskew,orient,crop,blank"), QStringLiteral("--json")});
    }

    QJsonArray pagesOf(const QJsonObject &show, const QString &component)
    {
        for (const QJsonValue &c : show.value(QStringLiteral("components")).toArray()) {
            if (c.toObject().value(QStringLiteral("name")).toString() == component)
                return c.toObject().value(QStringLiteral("pages")).toArray();
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!QFile::exists(QStringLiteral(SOHOA_CORPUS_DIR "/scans/truth.json")))
            QFAIL("the corpus (../shared/corpus/scans) is missing");
        SOHOA_REQUIRE_TOOL("qpdf");
        SOHOA_REQUIRE_TOOL("pdftotext");
        SOHOA_REQUIRE_TOOL("pdfinfo");
        QVERIFY(m_dir.isValid());
        m_store = m_dir.filePath(QStringLiteral("store"));
    }

    void scanWithCleanup()
    {
        // Decision: a document, its blank back, a second document fed upside down.
        const struct
        {
            QString file;
            int turn;
            QString component;
        } sheets[] = {{QStringLiteral("page-002.jpg"), 0, QStringLiteral("Quyết định")},
                      {QStringLiteral("page-004.jpg"), 0, QStringLiteral("Quyết định")},
                      {QStringLiteral("page-009.jpg"), 180, QStringLiteral("Giấy phép")}};
        for (const auto &sheet : sheets) {
            const ToolResult r = scanPage(sheet.file, sheet.turn, sheet.component);
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            const QList<QJsonObject> cleaned = r.events(QStringLiteral("cleaned"));
            QCOMPARE(cleaned.size(), 1);
            const QList<QJsonObject> saved = r.events(QStringLiteral("page"));
            QCOMPARE(saved.size(), 1);
            // The original is stored as scanned: its file is what was saved, byte for byte.
            const QString original = saved.constFirst().value(QStringLiteral("path")).toString();
            QCOMPARE(sha256OfFile(original), saved.constFirst().value(QStringLiteral("sha256")).toString());
        }

        const ToolResult show = runCli({QStringLiteral("dossier"), QStringLiteral("show"), kCode,
                                        QStringLiteral("--store"), m_store, QStringLiteral("--json")});
        QVERIFY2(show.exitCode == 0, qPrintable(show.describe()));
        const QJsonObject dossier = show.json().constLast();
        const QJsonArray decision = pagesOf(dossier, QStringLiteral("Quyết định"));
        const QJsonArray licence = pagesOf(dossier, QStringLiteral("Giấy phép"));
        QCOMPARE(decision.size(), 2);
        QCOMPARE(licence.size(), 1);

        const QJsonObject written = decision.at(0).toObject();
        QCOMPARE(written.value(QStringLiteral("blank")).toBool(), false);
        // The page was turned counter-clockwise by skew_deg; straightening turns it back.
        const double skew = corpusTruthOf(QStringLiteral("page-002.jpg")).value(QStringLiteral("skew_deg")).toDouble();
        QVERIFY2(std::abs(written.value(QStringLiteral("skew_corrected_deg")).toDouble() + skew) <= 0.15,
                 qPrintable(QStringLiteral("corrected %1, truth %2")
                                .arg(written.value(QStringLiteral("skew_corrected_deg")).toDouble())
                                .arg(skew)));
        QCOMPARE(written.value(QStringLiteral("rotated_deg")).toInt(), 0);
        const QJsonObject cleanup = written.value(QStringLiteral("cleanup")).toObject();
        QVERIFY(QFile::exists(cleanup.value(QStringLiteral("path")).toString()));
        QCOMPARE(sha256OfFile(cleanup.value(QStringLiteral("path")).toString()),
                 cleanup.value(QStringLiteral("sha256")).toString());

        const QJsonObject back = decision.at(1).toObject();
        QCOMPARE(back.value(QStringLiteral("blank")).toBool(), true);
        QCOMPARE(back.value(QStringLiteral("blank_review")).toString(), QStringLiteral("pending"));

        const QJsonObject upsideDown = licence.at(0).toObject();
        QCOMPARE(upsideDown.value(QStringLiteral("rotated_deg")).toInt(), 180);
        QCOMPARE(upsideDown.value(QStringLiteral("blank")).toBool(), false);
    }

    void blankPageIsReviewed()
    {
        const ToolResult kept =
            runCli({QStringLiteral("page"), QStringLiteral("blank"), kCode, QStringLiteral("--store"), m_store,
                    QStringLiteral("--component"), QStringLiteral("Quyết định"), QStringLiteral("--page"),
                    QStringLiteral("2"), QStringLiteral("--remove"), QStringLiteral("--json")});
        QVERIFY2(kept.exitCode == 0, qPrintable(kept.describe()));
        // A written page is not "blank" to review.
        const ToolResult refused =
            runCli({QStringLiteral("page"), QStringLiteral("blank"), kCode, QStringLiteral("--store"), m_store,
                    QStringLiteral("--component"), QStringLiteral("Quyết định"), QStringLiteral("--page"),
                    QStringLiteral("1"), QStringLiteral("--keep")});
        QVERIFY2(refused.exitCode != 0, qPrintable(refused.describe()));
        QVERIFY2(refused.err.contains(QStringLiteral("not flagged blank")), qPrintable(refused.describe()));
    }

    void metadataIsSetAndChecked()
    {
        const auto set = [&](const QStringList &extra) {
            QStringList args{
                QStringLiteral("dossier"), QStringLiteral("metadata"), kCode, QStringLiteral("--store"), m_store,
                QStringLiteral("--json")};
            return runCli(args + extra);
        };
        ToolResult r =
            set({QStringLiteral("--set"), QStringLiteral("Title=Hồ sơ cấp giấy phép"), QStringLiteral("--set"),
                 QStringLiteral("OrganId=000.00.12.H41"), QStringLiteral("--set"), QStringLiteral("FileCatalog=2025"),
                 QStringLiteral("--set"), QStringLiteral("FileNotation=01-VP"), QStringLiteral("--set"),
                 QStringLiteral("Maintenance=20"), QStringLiteral("--set"), QStringLiteral("Creator=Nguyễn Thị Hoa")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = set({QStringLiteral("--component"), QStringLiteral("Quyết định"), QStringLiteral("--set"),
                 QStringLiteral("IssuedDate=15/03/2025"), QStringLiteral("--set"), QStringLiteral("CodeNumber=708"),
                 QStringLiteral("--set"), QStringLiteral("CodeNotation=QĐ-UBND"), QStringLiteral("--set"),
                 QStringLiteral("SignerInfo=Lê Văn Tám")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = set({QStringLiteral("--component"), QStringLiteral("Giấy phép"), QStringLiteral("--set"),
                 QStringLiteral("IssuedDate=2025-06-02")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject record = r.events(QStringLiteral("metadata")).constFirst();
        const QJsonObject file = record.value(QStringLiteral("file")).toObject();
        QCOMPARE(file.value(QStringLiteral("FileCode")).toString(), QStringLiteral("000.00.12.H41.2025.01-VP"));
        QCOMPARE(file.value(QStringLiteral("Maintenance")).toString(), QStringLiteral("20 năm"));
        QCOMPARE(file.value(QStringLiteral("StartDate")).toString(), QStringLiteral("2025-03-15"));
        QCOMPARE(file.value(QStringLiteral("EndDate")).toString(), QStringLiteral("2025-06-02"));
        QCOMPARE(file.value(QStringLiteral("DocTotal")).toString(), QStringLiteral("2"));
        QCOMPARE(file.value(QStringLiteral("PageTotal")).toString(), QStringLiteral("2")); // the blank back is out
        const QJsonArray docs = record.value(QStringLiteral("documents")).toArray();
        QCOMPARE(docs.size(), 2);
        QCOMPARE(docs.at(0).toObject().value(QStringLiteral("fields")).toObject().value(QStringLiteral("IssuedDate")),
                 QJsonValue(QStringLiteral("2025-03-15")));

        // Wrong values are refused with what is wrong; computed fields cannot be typed.
        r = set({QStringLiteral("--component"), QStringLiteral("Quyết định"), QStringLiteral("--set"),
                 QStringLiteral("IssuedDate=mai")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("not a date")) || r.out.contains(QStringLiteral("not a date")),
                 qPrintable(r.describe()));
        r = set({QStringLiteral("--set"), QStringLiteral("PageTotal=9")});
        QVERIFY(r.exitCode != 0);
        r = set({QStringLiteral("--set"), QStringLiteral("Colour=red")});
        QVERIFY(r.exitCode != 0);
    }

    void archivalExportIsSearchablePdfA()
    {
        const QString pdf = m_dir.filePath(QStringLiteral("out/hoso.pdf"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("out"))));
        const ToolResult r =
            runCli({QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--store"), m_store,
                    QStringLiteral("--out"), pdf, QStringLiteral("--pdfa"), QStringLiteral("--ocr"),
                    QStringLiteral("vie"), QStringLiteral("--json")},
                   600000);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject ev = r.events(QStringLiteral("exported")).constFirst();
        QCOMPARE(ev.value(QStringLiteral("pages")).toInt(), 2);
        QCOMPARE(ev.value(QStringLiteral("cleaned_pages")).toInt(), 2);
        QCOMPARE(ev.value(QStringLiteral("ocr_pages")).toInt(), 2);

        // Every PDF/A-2b rule, checked explicitly, then tools we did not write.
        const QStringList violations = pdfaViolations(pdf);
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
        const ToolResult check = runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf});
        QVERIFY2(check.exitCode == 0, qPrintable(check.describe()));
        const ToolResult meta = runTool(QStringLiteral("pdfinfo"), {QStringLiteral("-meta"), pdf});
        QVERIFY(meta.out.contains(QStringLiteral("pdfaid:part")));
        QVERIFY2(meta.out.contains(QStringLiteral("000.00.12.H41.2025.01-VP")), qPrintable(meta.out.left(3000)));
        QVERIFY2(meta.out.contains(QStringLiteral("+07:00")),
                 qPrintable(meta.out.left(3000))); // times as the guidance asks

        // The text layer gives back the pages' Vietnamese text, in reading order: page 1 is page-002 (deskewed),
        // page 2 is page-009 (turned upright by cleanup).
        for (const auto &[page, file] :
             {std::pair{1, QStringLiteral("page-002.jpg")}, std::pair{2, QStringLiteral("page-009.jpg")}}) {
            const ToolResult text =
                runTool(QStringLiteral("pdftotext"),
                        {QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"), QString::number(page),
                         QStringLiteral("-enc"), QStringLiteral("UTF-8"), pdf, QStringLiteral("-")});
            QCOMPARE(text.exitCode, 0);
            const double accuracy =
                characterAccuracy(text.out, corpusTruthOf(file).value(QStringLiteral("text")).toString());
            qInfo("%s: character accuracy %.3f", qPrintable(file), accuracy);
            QVERIFY2(accuracy >= 0.85, qPrintable(QStringLiteral("%1: %2\n%3").arg(file).arg(accuracy).arg(text.out)));
        }

        // The sidecar: the record and the SHA-256 of every file, the PDF's matching the file written.
        const QString sidecar = ev.value(QStringLiteral("sidecar")).toString();
        QFile xml(sidecar);
        QVERIFY(xml.open(QIODevice::ReadOnly));
        QDomDocument doc;
        QVERIFY(doc.setContent(&xml, true));
        const QDomElement root = doc.documentElement();
        QCOMPARE(root.namespaceURI(), QStringLiteral("https://sohoa.vn/ns/nd30/1.0/"));
        QCOMPARE(root.firstChildElement(QStringLiteral("File")).firstChildElement(QStringLiteral("FileCode")).text(),
                 QStringLiteral("000.00.12.H41.2025.01-VP"));
        QVERIFY(root.firstChildElement(QStringLiteral("Created")).text().endsWith(QStringLiteral("+07:00")));
        const QDomNodeList items =
            root.firstChildElement(QStringLiteral("Manifest")).elementsByTagName(QStringLiteral("Item"));
        QCOMPARE(items.size(), 1 + 2 + 2); // the PDF, two originals, two cleaned images
        const QDomElement first = items.at(0).toElement();
        QCOMPARE(first.attribute(QStringLiteral("role")), QStringLiteral("archival-pdf"));
        QCOMPARE(first.attribute(QStringLiteral("sha256")), sha256OfFile(pdf));
        for (int i = 1; i < items.size(); ++i) {
            const QDomElement item = items.at(i).toElement();
            QCOMPARE(sha256OfFile(m_store + u'/' + item.attribute(QStringLiteral("path"))),
                     item.attribute(QStringLiteral("sha256")));
        }
        // Exporting again without --overwrite is refused, and nothing is replaced.
        const ToolResult again =
            runCli({QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--store"), m_store,
                    QStringLiteral("--out"), pdf, QStringLiteral("--pdfa")});
        QVERIFY(again.exitCode != 0);
        QCOMPARE(first.attribute(QStringLiteral("sha256")), sha256OfFile(pdf));
    }
};

QTEST_GUILESS_MAIN(TestArchivalCli)
#include "TestArchivalCli.moc"
