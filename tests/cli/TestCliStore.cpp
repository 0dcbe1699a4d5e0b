// The store from the command line when it is not what the user thinks: a mistyped --store is said to be
// no store (nothing created); a store whose index was deleted or emptied is refused with the advice to
// rebuild, and `store rebuild` gives back every dossier, component and page (judged by `dossier show`,
// and by exporting and reading the PDF with pdfinfo and pdfimages); without a usable manifest the folder
// and file names are used and the user is told; a rebuild never runs under a writer; a store nobody may
// write to (a mounted archive) is listed, shown, verified and exported from.

#include "ReadOnlyView.h"
#include "SaneTestEnv.h"
#include "StoreTestSupport.h"
#include "ToolRunner.h"

#include "core/common/Sha256.h"
#include "core/dossier/DossierManifest.h"
#include "core/dossier/DossierStore.h"

#include <QDir>
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
const QString kProcedure = QStringLiteral("Cấp giấy phép xây dựng");
const QString kApplicant = QStringLiteral("Trần Thị Bích");

// What pdfinfo and pdfimages see of a PDF: page count, each page's /Rotate, each image's SHA-256.
struct PdfView
{
    int pages = 0;
    QList<int> rotations;
    QStringList images;
    bool operator==(const PdfView &o) const
    {
        return pages == o.pages && rotations == o.rotations && images == o.images;
    }
};

PdfView viewOf(const QString &pdf)
{
    PdfView v;
    const ToolResult info = runTool(QStringLiteral("pdfinfo"), {pdf});
    v.pages = QRegularExpression(QStringLiteral("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption)
                  .match(info.out)
                  .captured(1)
                  .toInt();
    const ToolResult r = runTool(QStringLiteral("pdfinfo"), {QStringLiteral("-f"), QStringLiteral("1"),
                                                             QStringLiteral("-l"), QString::number(v.pages), pdf});
    static const QRegularExpression rot(QStringLiteral("Page\\s+\\d+ rot:\\s+(\\d+)"));
    for (auto it = rot.globalMatch(r.out); it.hasNext();)
        v.rotations.append(it.next().captured(1).toInt());
    QTemporaryDir dir;
    runTool(QStringLiteral("pdfimages"), {QStringLiteral("-all"), pdf, dir.filePath(QStringLiteral("img"))});
    for (const QString &f : QDir(dir.path()).entryList({QStringLiteral("img-*")}, QDir::Files, QDir::Name))
        v.images.append(sha256HexOfFile(dir.filePath(f)).value());
    return v;
}

QString errorId(const ToolResult &r)
{
    return r.events(QStringLiteral("error"))
        .value(0)
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("id"))
        .toString();
}

void removeIndex(const QString &root)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(root + QStringLiteral("/sohoa.sqlite") + suffix);
}

} // namespace

class TestCliStore : public QObject
{
    Q_OBJECT

    SaneTestEnv m_sane;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_store;

    ToolResult cli(const QStringList &args, const QString &store = {}) const
    {
        return runCli(
            args + QStringList{QStringLiteral("--store"), store.isEmpty() ? m_store : store, QStringLiteral("--json")});
    }
    ToolResult scan(const QString &component, int pages) const
    {
        return cli({QStringLiteral("scan"), QStringLiteral("--device"), QStringLiteral("test:0"),
                    QStringLiteral("--dossier"), kCode, QStringLiteral("--component"), component,
                    QStringLiteral("--source"), QStringLiteral("adf"), QStringLiteral("--mode"), QStringLiteral("gray"),
                    QStringLiteral("--resolution"), QStringLiteral("40"), QStringLiteral("--format"),
                    QStringLiteral("jpeg"), QStringLiteral("--option"), QStringLiteral("test-picture=Color pattern"),
                    QStringLiteral("--max-pages"), QString::number(pages)});
    }
    QJsonObject show(const QString &store = {}) const
    {
        const ToolResult r = cli({QStringLiteral("dossier"), QStringLiteral("show"), kCode}, store);
        return r.events(QStringLiteral("dossier")).value(0);
    }
    PdfView exported(const QString &store = {}) const
    {
        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("dossier.pdf"));
        const ToolResult r =
            cli({QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--out"), pdf}, store);
        if (r.exitCode != 0) {
            qWarning().noquote() << r.describe();
            return {};
        }
        return viewOf(pdf);
    }

    // A store as an officer leaves it: the dossier with its procedure and applicant (set where the
    // dossier is made), two components scanned, one page turned, one deleted, one moved across.
    void makeStore()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = m_dir->filePath(QStringLiteral("store"));
        {
            auto store = DossierStore::open(m_store);
            QVERIFY2(store, qPrintable(store.error().fullText()));
            QVERIFY(store.value()->createOrGetDossier(kCode, false, kProcedure, kApplicant));
        }
        for (const auto &[component, pages] : {std::pair{kForm, 4}, std::pair{kId, 2}}) {
            const ToolResult r = scan(component, pages);
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        }
        const auto page = [&](const QString &verb, const QString &component, int n, const QStringList &extra) {
            const ToolResult r = cli(QStringList{QStringLiteral("page"), verb, kCode, QStringLiteral("--component"),
                                                 component, QStringLiteral("--page"), QString::number(n)} +
                                     extra);
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        };
        page(QStringLiteral("rotate"), kForm, 2, {QStringLiteral("--degrees"), QStringLiteral("90")});
        page(QStringLiteral("delete"), kForm, 3, {});
        page(QStringLiteral("move"), kId, 2, {QStringLiteral("--to"), QStringLiteral("1")});
        page(QStringLiteral("rotate"), kId, 1, {QStringLiteral("--degrees"), QStringLiteral("270")});
    }

private Q_SLOTS:
    void initTestCase()
    {
        SOHOA_REQUIRE_TOOL("pdfinfo");
        SOHOA_REQUIRE_TOOL("pdfimages");
    }

    void mistypedStoreIsNoStore_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<bool>("folderExists");
        const QStringList list{QStringLiteral("dossier"), QStringLiteral("list")};
        for (const bool exists : {false, true}) {
            const char *where = exists ? "empty folder" : "no folder";
            QTest::addRow("list, %s", where) << list << exists;
            QTest::addRow("show, %s", where)
                << QStringList{QStringLiteral("dossier"), QStringLiteral("show"), kCode} << exists;
            QTest::addRow("verify, %s", where)
                << QStringList{QStringLiteral("dossier"), QStringLiteral("verify"), kCode} << exists;
            QTest::addRow("export, %s", where)
                << QStringList{QStringLiteral("dossier"), QStringLiteral("export"), kCode, QStringLiteral("--out"),
                               QDir::temp().filePath(QStringLiteral("sohoa-never-written.pdf"))}
                << exists;
            QTest::addRow("page rotate, %s", where) << QStringList{QStringLiteral("page"),
                                                                   QStringLiteral("rotate"),
                                                                   kCode,
                                                                   QStringLiteral("--component"),
                                                                   kForm,
                                                                   QStringLiteral("--page"),
                                                                   QStringLiteral("1"),
                                                                   QStringLiteral("--degrees"),
                                                                   QStringLiteral("90")}
                                                    << exists;
            QTest::addRow("store rebuild, %s", where)
                << QStringList{QStringLiteral("store"), QStringLiteral("rebuild")} << exists;
        }
    }
    void mistypedStoreIsNoStore()
    {
        QFETCH(QStringList, command);
        QFETCH(bool, folderExists);
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("kho-go-nham"));
        if (folderExists)
            QVERIFY(QDir().mkpath(store));
        const ToolResult r = cli(command, store);
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(errorId(r), QStringLiteral("store-not-found"));
        const QJsonObject error = r.events(QStringLiteral("error")).value(0).value(QStringLiteral("error")).toObject();
        QVERIFY(!error.value(QStringLiteral("message_vi")).toString().isEmpty());
        QVERIFY(error.value(QStringLiteral("message_vi")).toString() !=
                error.value(QStringLiteral("message_en")).toString());
        QVERIFY(error.value(QStringLiteral("detail")).toString().contains(store));
        QCOMPARE(QFileInfo(store).isDir(), folderExists);
        if (folderExists)
            QVERIFY(QDir(store).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
        QVERIFY(!QFileInfo::exists(QDir::temp().filePath(QStringLiteral("sohoa-never-written.pdf"))));
    }

    void lostIndexIsRefusedThenRebuilt_data()
    {
        QTest::addColumn<bool>("emptied");
        QTest::newRow("database deleted") << false;
        QTest::newRow("database emptied (0 bytes)") << true;
    }
    void lostIndexIsRefusedThenRebuilt()
    {
        QFETCH(bool, emptied);
        makeStore();
        if (QTest::currentTestFailed())
            return;
        const QJsonObject before = show();
        QCOMPARE(before.value(QStringLiteral("procedure")).toString(), kProcedure);
        const PdfView pdfBefore = exported();
        QCOMPARE(pdfBefore.pages, 5);
        QCOMPARE(pdfBefore.rotations, (QList<int>{0, 90, 0, 270, 0}));
        const QMap<QString, QString> files = fileDigests(m_store);

        removeIndex(m_store);
        if (emptied) {
            QFile f(m_store + QStringLiteral("/sohoa.sqlite"));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        // Every command says the store is damaged and what to do; none makes a fresh index.
        for (const QStringList &command : {QStringList{QStringLiteral("dossier"), QStringLiteral("list")},
                                           QStringList{QStringLiteral("dossier"), QStringLiteral("show"), kCode}}) {
            const ToolResult r = cli(command);
            QCOMPARE(r.exitCode, 4);
            QCOMPARE(errorId(r), QStringLiteral("store-index-missing"));
            QVERIFY2(r.err.contains(QStringLiteral("sohoa-cli store rebuild")), qPrintable(r.describe()));
        }
        const ToolResult scanned = scan(kForm, 1);
        QCOMPARE(scanned.exitCode, 4);
        QCOMPARE(errorId(scanned), QStringLiteral("store-index-missing"));
        QCOMPARE(fileDigests(m_store), files);
        QCOMPARE(QFileInfo(m_store + QStringLiteral("/sohoa.sqlite")).exists(), emptied);

        const ToolResult rebuilt = cli({QStringLiteral("store"), QStringLiteral("rebuild")});
        QVERIFY2(rebuilt.exitCode == 0, qPrintable(rebuilt.describe()));
        const QJsonObject report = rebuilt.events(QStringLiteral("rebuilt")).value(0);
        QCOMPARE(report.value(QStringLiteral("previous_index")).toString(),
                 emptied ? QStringLiteral("empty") : QStringLiteral("missing"));
        QCOMPARE(report.value(QStringLiteral("pages")).toInt(), 6); // the deleted page included
        QCOMPARE(report.value(QStringLiteral("moved_aside")).toArray().size(), emptied ? 1 : 0);
        const QJsonObject d = report.value(QStringLiteral("dossiers")).toArray().at(0).toObject();
        QVERIFY(d.value(QStringLiteral("from_manifest")).toBool());
        QCOMPARE(d.value(QStringLiteral("deleted_pages")).toInt(), 1);
        if (emptied) // kept aside, never deleted
            QVERIFY(QFileInfo::exists(m_store + u'/' + report.value(QStringLiteral("moved_aside"))[0].toString()));

        // Everything is back as it was, the PDF too.
        QCOMPARE(show(), before);
        QCOMPARE(exported(), pdfBefore);
        QCOMPARE(fileDigests(m_store), files);
        const ToolResult verified = cli({QStringLiteral("dossier"), QStringLiteral("verify"), kCode});
        QVERIFY2(verified.exitCode == 0, qPrintable(verified.describe()));
        QCOMPARE(verified.events(QStringLiteral("verified")).value(0).value(QStringLiteral("pages")).toInt(), 6);
        {
            auto store = DossierStore::open(m_store);
            QVERIFY(store);
            const QList<AuditEntry> log = store.value()->auditLog().value();
            QCOMPARE(log.constFirst().action, QStringLiteral("store-rebuilt"));
            QCOMPARE(auditActions(*store.value()).count(QStringLiteral("page-rebuilt")), 6);
        }
        // Scanning goes on with the next number (the deleted page's stays used).
        const ToolResult next = scan(kForm, 1);
        QVERIFY2(next.exitCode == 0, qPrintable(next.describe()));
        QCOMPARE(next.events(QStringLiteral("page")).value(0).value(QStringLiteral("seq")).toInt(), 5);
    }

    // Without a usable manifest the folders and file names say what they can, and the user is told.
    void unusableManifestFallsBackToNames_data()
    {
        QTest::addColumn<QString>("manifest");
        QTest::newRow("missing") << QStringLiteral("missing");
        QTest::newRow("damaged") << QStringLiteral("damaged");
    }
    void unusableManifestFallsBackToNames()
    {
        QFETCH(QString, manifest);
        makeStore();
        if (QTest::currentTestFailed())
            return;
        const QString path = DossierManifest::pathFor(m_store, kCode);
        removeIndex(m_store);
        if (manifest == u"missing") {
            QVERIFY(QFile::remove(path));
        } else {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("{\"format\": \"sohoa-dossier-manifest\", \"format_version\": 1, \"dossier\": {\"co");
        }
        const ToolResult rebuilt = cli({QStringLiteral("store"), QStringLiteral("rebuild")});
        QVERIFY2(rebuilt.exitCode == 0, qPrintable(rebuilt.describe()));
        const QJsonObject report = rebuilt.events(QStringLiteral("rebuilt")).value(0);
        const QJsonObject d = report.value(QStringLiteral("dossiers")).toArray().at(0).toObject();
        QCOMPARE(d.value(QStringLiteral("code")).toString(), kCode);
        QVERIFY(!d.value(QStringLiteral("from_manifest")).toBool());
        const QJsonArray problems = report.value(QStringLiteral("manifest_problems")).toArray();
        if (manifest == u"damaged") {
            QCOMPARE(problems.size(), 1);
            QVERIFY2(problems.at(0).toString().contains(QStringLiteral(".sohoa-dossier.json")),
                     qPrintable(problems.at(0).toString()));
            QVERIFY2(rebuilt.err.contains(QStringLiteral("its folder was read by file names")),
                     qPrintable(rebuilt.describe()));
        } else {
            QVERIFY(problems.isEmpty());
        }
        QVERIFY2(rebuilt.err.contains(QStringLiteral("no usable manifest")) && rebuilt.err.contains(kCode),
                 qPrintable(rebuilt.describe()));

        // Every file is a page of its folder, in the order of its number, as scanned: the deleted page
        // is back, nothing turned, the moved page in the folder it was scanned into; the procedure is
        // what only the manifest knew.
        const QJsonObject shown = show();
        QVERIFY(shown.value(QStringLiteral("procedure")).toString().isEmpty());
        QHash<QString, QList<int>> order;
        for (const QJsonValue &c : shown.value(QStringLiteral("components")).toArray()) {
            for (const QJsonValue &p : c.toObject().value(QStringLiteral("pages")).toArray())
                order[c.toObject().value(QStringLiteral("name")).toString()].append(
                    p.toObject().value(QStringLiteral("seq")).toInt());
        }
        QCOMPARE(order.value(kForm), (QList<int>{1, 2, 3, 4}));
        QCOMPARE(order.value(kId), (QList<int>{1, 2}));
        const PdfView pdf = exported();
        QCOMPARE(pdf.pages, 6);
        QCOMPARE(pdf.rotations, (QList<int>{0, 0, 0, 0, 0, 0}));
        // The manifest is written again from the new index.
        auto m = DossierManifest::read(path);
        QVERIFY2(m, qPrintable(m.error().fullText()));
    }

    // A rebuild replaces the index under every writer's feet: refused while one has the store open.
    void rebuildWaitsForNoWriter()
    {
        makeStore();
        if (QTest::currentTestFailed())
            return;
        const QString sha = sha256OfFile(m_store + QStringLiteral("/sohoa.sqlite"));
        {
            auto writer = DossierStore::open(m_store); // this process: as a window would hold it
            QVERIFY(writer);
            const ToolResult r = cli({QStringLiteral("store"), QStringLiteral("rebuild"), QStringLiteral("--force")});
            QCOMPARE(r.exitCode, 4);
            QCOMPARE(errorId(r), QStringLiteral("store-locked"));
            QCOMPARE(sha256OfFile(m_store + QStringLiteral("/sohoa.sqlite")), sha);
        }
        const ToolResult healthy = cli({QStringLiteral("store"), QStringLiteral("rebuild")});
        QCOMPARE(healthy.exitCode, 2);
        QCOMPARE(errorId(healthy), QStringLiteral("store-rebuild-not-needed"));
        const ToolResult forced = cli({QStringLiteral("store"), QStringLiteral("rebuild"), QStringLiteral("--force")});
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.describe()));
        QVERIFY(forced.events(QStringLiteral("rebuilt"))
                    .value(0)
                    .value(QStringLiteral("moved_aside"))[0]
                    .toString()
                    .startsWith(QStringLiteral("sohoa.sqlite.previous-")));
    }

    // A mounted archive: read, verified and exported from (to a folder outside it), never written.
    void readOnlyStoreIsReadAndExportedFrom()
    {
        makeStore();
        if (QTest::currentTestFailed())
            return;
        const QJsonObject before = show();
        const PdfView pdfBefore = exported();
        const QMap<QString, QString> files = allFileDigests(m_store);
        {
            ReadOnlyView view(m_store);
            if (view.path().isEmpty())
                QSKIP("no read-only view possible here (root without CAP_SYS_ADMIN: no bind mount)");
            const QString &ro = view.path();
            const ToolResult list = cli({QStringLiteral("dossier"), QStringLiteral("list")}, ro);
            QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
            QCOMPARE(list.events(QStringLiteral("dossiers"))
                         .value(0)
                         .value(QStringLiteral("dossiers"))[0]
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                     kCode);
            QVERIFY2(list.err.contains(QStringLiteral("cannot be written")), qPrintable(list.describe()));
            QJsonObject shown = show(ro);
            QCOMPARE(shown.value(QStringLiteral("components")).toArray().size(),
                     before.value(QStringLiteral("components")).toArray().size());
            const ToolResult verified = cli({QStringLiteral("dossier"), QStringLiteral("verify"), kCode}, ro);
            QVERIFY2(verified.exitCode == 0, qPrintable(verified.describe()));
            QCOMPARE(verified.events(QStringLiteral("verified")).value(0).value(QStringLiteral("pages")).toInt(), 6);
            QCOMPARE(exported(ro), pdfBefore);

            // Changes are refused, typed; a scan adds nothing.
            const ToolResult rotate =
                cli({QStringLiteral("page"), QStringLiteral("rotate"), kCode, QStringLiteral("--component"), kForm,
                     QStringLiteral("--page"), QStringLiteral("1"), QStringLiteral("--degrees"), QStringLiteral("90")},
                    ro);
            QCOMPARE(rotate.exitCode, 4);
            QCOMPARE(errorId(rotate), QStringLiteral("store-read-only"));
            const ToolResult rebuild =
                cli({QStringLiteral("store"), QStringLiteral("rebuild"), QStringLiteral("--force")}, ro);
            QCOMPARE(rebuild.exitCode, 4);
            QCOMPARE(errorId(rebuild), QStringLiteral("store-read-only"));
        }
        QCOMPARE(allFileDigests(m_store), files);

        // --read-only reads a writable store the same way, without writing a byte of it.
        const ToolResult list = cli({QStringLiteral("dossier"), QStringLiteral("list"), QStringLiteral("--read-only")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
        QMap<QString, QString> after = allFileDigests(m_store);
        after.remove(QStringLiteral("sohoa.sqlite-shm"));
        after.remove(QStringLiteral("sohoa.sqlite-wal"));
        QMap<QString, QString> expected = files;
        expected.remove(QStringLiteral("sohoa.sqlite-shm"));
        expected.remove(QStringLiteral("sohoa.sqlite-wal"));
        QCOMPARE(after, expected);
    }
};

QTEST_GUILESS_MAIN(TestCliStore)
#include "TestCliStore.moc"
