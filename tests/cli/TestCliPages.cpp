// Arranging a dossier's pages from the command line before export: `page move|rotate|delete|restore`
// and `scan --at N`, on pages scanned from SANE's `test` backend, judged by pdfinfo (order, /Rotate),
// pdfimages (the JPEG bytes are the page files' own: nothing re-encoded) and pdftoppm (a rotated page
// renders turned), and by the store's audit log.

#include "SaneTestEnv.h"
#include "ToolRunner.h"
#include "core/common/Sha256.h"
#include "core/dossier/DossierStore.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");
const QString kForm = QStringLiteral("Đơn đề nghị");
const QString kId = QStringLiteral("Giấy tờ tùy thân");

// Per page of `pdf`: its /Rotate as pdfinfo reports it.
QList<int> pageRotations(const QString &pdf, int pages)
{
    const ToolResult r = runTool(QStringLiteral("pdfinfo"), {QStringLiteral("-f"), QStringLiteral("1"),
                                                             QStringLiteral("-l"), QString::number(pages), pdf});
    QList<int> out;
    static const QRegularExpression rot(QStringLiteral("Page\\s+\\d+ rot:\\s+(\\d+)"));
    for (auto it = rot.globalMatch(r.out); it.hasNext();)
        out.append(it.next().captured(1).toInt());
    return out;
}

// The SHA-256 of each image `pdfimages -all` extracts, in page order.
QStringList extractedImageDigests(const QString &pdf, const QString &dir)
{
    runTool(QStringLiteral("pdfimages"), {QStringLiteral("-all"), pdf, dir + QStringLiteral("/img")});
    QStringList digests;
    const QStringList files = QDir(dir).entryList({QStringLiteral("img-*")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        digests.append(sha256HexOfFile(QDir(dir).filePath(f)).value());
    return digests;
}

} // namespace

class TestCliPages : public QObject
{
    Q_OBJECT

    SaneTestEnv m_sane;
    QTemporaryDir m_dir;
    QString m_store;

    ToolResult cli(const QStringList &args) const
    {
        return runCli(args + QStringList{QStringLiteral("--store"), m_store, QStringLiteral("--json")});
    }
    ToolResult page(const QString &verb, const QString &component, int position, const QStringList &extra = {}) const
    {
        return cli(QStringList{QStringLiteral("page"), verb, kCode, QStringLiteral("--component"), component,
                               QStringLiteral("--page"), QString::number(position)} +
                   extra);
    }
    // The dossier as `dossier show --json` gives it: per component, the visible pages' seqs in order.
    QHash<QString, QList<int>> order(QHash<QString, QJsonArray> *deleted = nullptr) const
    {
        const ToolResult r = cli({QStringLiteral("dossier"), QStringLiteral("show"), kCode});
        QHash<QString, QList<int>> out;
        const QJsonArray comps =
            r.events(QStringLiteral("dossier")).value(0).value(QStringLiteral("components")).toArray();
        for (const QJsonValue &c : comps) {
            const QString name = c.toObject().value(QStringLiteral("name")).toString();
            for (const QJsonValue &p : c.toObject().value(QStringLiteral("pages")).toArray())
                out[name].append(p.toObject().value(QStringLiteral("seq")).toInt());
            if (deleted)
                (*deleted)[name] = c.toObject().value(QStringLiteral("deleted_pages")).toArray();
        }
        return out;
    }
    QString pagePath(const QString &component, int seq) const
    {
        return QDir(m_store).filePath(kCode + u'/' + component +
                                      QStringLiteral("/%1.jpg").arg(seq, 4, 10, QLatin1Char('0')));
    }
    // Exports the dossier and checks it against the expected (component, seq) order and rotations.
    void checkExport(const QList<QPair<QString, int>> &pages, const QList<int> &rotations)
    {
        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("dossier.pdf"));
        const ToolResult r =
            cli({QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--out"), pdf});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(runTool(QStringLiteral("qpdf"), {QStringLiteral("--check"), pdf}).exitCode, 0);
        QCOMPARE(pageRotations(pdf, int(pages.size())), rotations);
        QStringList expected;
        for (const auto &[component, seq] : pages)
            expected.append(sha256HexOfFile(pagePath(component, seq)).value());
        QCOMPARE(extractedImageDigests(pdf, out.path()), expected);
    }

private Q_SLOTS:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("pdfinfo");
        SOHOA_REQUIRE_TOOL("pdfimages");
        SOHOA_REQUIRE_TOOL("pdftoppm");
        m_store = m_dir.filePath(QStringLiteral("store"));
        for (const auto &[component, pages] : {std::pair{kForm, 5}, std::pair{kId, 2}}) {
            const ToolResult r = cli({QStringLiteral("scan"), QStringLiteral("--device"), QStringLiteral("test:0"),
                                      QStringLiteral("--dossier"), kCode, QStringLiteral("--component"), component,
                                      QStringLiteral("--source"), QStringLiteral("adf"), QStringLiteral("--mode"),
                                      QStringLiteral("gray"), QStringLiteral("--resolution"), QStringLiteral("40"),
                                      QStringLiteral("--format"), QStringLiteral("jpeg"), QStringLiteral("--option"),
                                      QStringLiteral("test-picture=Color pattern"), QStringLiteral("--max-pages"),
                                      QString::number(pages)});
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        }
        QCOMPARE(order().value(kForm), (QList<int>{1, 2, 3, 4, 5}));
    }

    void arrangeThenExport()
    {
        // Rotate the 2nd form page, bring the 5th to the front, file the 3rd under the ID papers, delete
        // the (now) 2nd: what an officer does while checking "N pages" against the paper.
        ToolResult r = page(QStringLiteral("rotate"), kForm, 2, {QStringLiteral("--degrees"), QStringLiteral("90")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject rotated = r.events(QStringLiteral("page-rotated")).value(0);
        QCOMPARE(rotated.value(QStringLiteral("rotation")).toInt(), 90);
        QCOMPARE(rotated.value(QStringLiteral("page")).toObject().value(QStringLiteral("seq")).toInt(), 2);
        r = page(QStringLiteral("move"), kForm, 5, {QStringLiteral("--to"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(order().value(kForm), (QList<int>{5, 1, 2, 3, 4}));
        r = page(QStringLiteral("move"), kForm, 4,
                 {QStringLiteral("--to"), QStringLiteral("1"), QStringLiteral("--to-component"), kId});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.events(QStringLiteral("page-moved")).value(0).value(QStringLiteral("to_component")).toString(), kId);
        r = page(QStringLiteral("delete"), kForm, 1);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QHash<QString, QJsonArray> deleted;
        QCOMPARE(order(&deleted), (QHash<QString, QList<int>>{{kForm, {1, 2, 4}}, {kId, {3, 1, 2}}}));
        // Deleted pages are listed apart, with the place a restore puts them back.
        QCOMPARE(deleted.value(kForm).size(), 1);
        QCOMPARE(deleted.value(kForm).at(0).toObject().value(QStringLiteral("seq")).toInt(), 5);
        QCOMPARE(deleted.value(kForm).at(0).toObject().value(QStringLiteral("position")).toInt(), 1);
        QVERIFY(QFile::exists(pagePath(kForm, 5))); // the file stays
        QVERIFY(deleted.value(kId).isEmpty());
        // The moved page keeps its file in the folder it was scanned into.
        QVERIFY(QFile::exists(pagePath(kForm, 3)));

        checkExport({{kForm, 1}, {kForm, 2}, {kForm, 4}, {kForm, 3}, {kId, 1}, {kId, 2}}, {0, 90, 0, 0, 0, 0});

        // Back in place, then the export has it at the front again.
        r = page(QStringLiteral("restore"), kForm, 1);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QCOMPARE(r.events(QStringLiteral("page-restored")).value(0).value(QStringLiteral("position")).toInt(), 1);
        checkExport({{kForm, 5}, {kForm, 1}, {kForm, 2}, {kForm, 4}, {kForm, 3}, {kId, 1}, {kId, 2}},
                    {0, 0, 90, 0, 0, 0, 0});
    }

    void aRotatedPageRendersTurned()
    {
        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("form.pdf"));
        QVERIFY(cli({QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--component"), kForm,
                     QStringLiteral("--out"), pdf})
                    .exitCode == 0);
        // Page 3 is the one turned by 90°: the scan is portrait, the rendering landscape.
        const ToolResult r =
            runTool(QStringLiteral("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("20"), QStringLiteral("-png"),
                                                 pdf, out.filePath(QStringLiteral("p"))});
        QCOMPARE(r.exitCode, 0);
        const QImage upright(out.filePath(QStringLiteral("p-2.png")));
        const QImage turned(out.filePath(QStringLiteral("p-3.png")));
        QVERIFY(!upright.isNull() && !turned.isNull());
        QVERIFY(upright.height() > upright.width());
        QCOMPARE(turned.width(), upright.height());
        QCOMPARE(turned.height(), upright.width());
    }

    void scanAtNInsertsAndNumberingContinues()
    {
        const ToolResult r = cli(
            {QStringLiteral("scan"), QStringLiteral("--device"), QStringLiteral("test:0"), QStringLiteral("--dossier"),
             kCode, QStringLiteral("--component"), kForm, QStringLiteral("--source"), QStringLiteral("adf"),
             QStringLiteral("--mode"), QStringLiteral("gray"), QStringLiteral("--resolution"), QStringLiteral("40"),
             QStringLiteral("--max-pages"), QStringLiteral("2"), QStringLiteral("--at"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        // Files are numbered on (never reused: 3 moved out, 5 was deleted and restored), placed at 2 and 3.
        QCOMPARE(order().value(kForm), (QList<int>{5, 6, 7, 1, 2, 4}));
    }

    void everyOperationIsInTheAuditLog()
    {
        auto store = DossierStore::open(m_store);
        QVERIFY(store);
        QStringList actions;
        for (const AuditEntry &e : store.value()->auditLog(store.value()->dossier(kCode)->id).value())
            if (e.action.startsWith(u"page-") && e.action != u"page-saved")
                actions.append(e.action);
        QCOMPARE(actions, (QStringList{QStringLiteral("page-rotated"), QStringLiteral("page-moved"),
                                       QStringLiteral("page-moved"), QStringLiteral("page-deleted"),
                                       QStringLiteral("page-restored")}));
    }

    void mistakesAreRefusedWithTypedErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("status");
        const QStringList where{kCode, QStringLiteral("--component"), kForm, QStringLiteral("--page")};
        QTest::newRow("no such position")
            << (QStringList{QStringLiteral("delete")} + where + QStringList{QStringLiteral("99")})
            << QStringLiteral("page-not-found") << 4;
        QTest::newRow("nothing deleted there")
            << (QStringList{QStringLiteral("restore")} + where + QStringList{QStringLiteral("4")})
            << QStringLiteral("page-not-found") << 4;
        QTest::newRow("45 degrees") << (QStringList{QStringLiteral("rotate")} + where +
                                        QStringList{QStringLiteral("1"), QStringLiteral("--degrees"),
                                                    QStringLiteral("45")})
                                    << QStringLiteral("invalid-argument") << 2;
        QTest::newRow("move beyond the end")
            << (QStringList{QStringLiteral("move")} + where +
                QStringList{QStringLiteral("1"), QStringLiteral("--to"), QStringLiteral("40")})
            << QStringLiteral("invalid-argument") << 2;
        QTest::newRow("unknown component") << QStringList{QStringLiteral("delete"),      kCode,
                                                          QStringLiteral("--component"), QStringLiteral("Nope"),
                                                          QStringLiteral("--page"),      QStringLiteral("1")}
                                           << QStringLiteral("component-not-found") << 4;
        QTest::newRow("no --page") << QStringList{QStringLiteral("delete"), kCode, QStringLiteral("--component"), kForm}
                                   << QStringLiteral("invalid-argument") << 2;
        QTest::newRow("unknown verb") << QStringList{QStringLiteral("flip"), kCode}
                                      << QStringLiteral("invalid-argument") << 2;
    }
    void mistakesAreRefusedWithTypedErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, id);
        QFETCH(int, status);
        const auto before = order();
        const ToolResult r = cli(QStringList{QStringLiteral("page")} + args);
        QCOMPARE(r.exitCode, status);
        QCOMPARE(r.events(QStringLiteral("error"))
                     .value(0)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("id"))
                     .toString(),
                 id);
        QCOMPARE(order(), before); // nothing changed
    }
};

QTEST_GUILESS_MAIN(TestCliPages)
#include "TestCliPages.moc"
