// Page order, insertion, moves, rotation, soft deletion and restore in the dossier store: positions
// stay 1..n, files are never touched, every edit is one audited transaction.

#include "StoreTestSupport.h"

#include "core/dossier/DossierStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = kTestDossierCode;
const QString kOtherCode = QStringLiteral("H15.50.05.13-261008-0976");

// Dossier kCode with A (pages a1..a5) and B (b1..b3), and another dossier with X (x1).
struct Fixture : TwoComponentStore
{
    ComponentInfo x;
    QList<qint64> xIds;

    bool setUp()
    {
        if (!TwoComponentStore::setUp(5, 3))
            return false;
        auto other = store->createOrGetDossier(kOtherCode, false);
        if (!other)
            return false;
        x = store->createOrGetComponent(other->id, QStringLiteral("X")).value();
        return fill(x, 1, &xIds);
    }

    int auditCount() const { return int(store->auditLog()->size()); }
    AuditEntry lastAudit() const { return store->auditLog()->constLast(); }
};

QJsonObject detailOf(const AuditEntry &e)
{
    return QJsonDocument::fromJson(e.detail.toUtf8()).object();
}

// Positions are 1..n in the order pages() returns, and pageAt agrees.
void verifyContiguous(const DossierStore &store, const ComponentInfo &c)
{
    const QList<PageRecord> pages = store.pages(c.id).value();
    for (int i = 0; i < pages.size(); ++i) {
        QCOMPARE(pages.at(i).position, i + 1);
        QVERIFY(!pages.at(i).deleted);
        QCOMPARE(store.pageAt(c.id, i + 1)->id, pages.at(i).id);
    }
    QCOMPARE(store.pageAt(c.id, int(pages.size()) + 1).error().code(), ErrorCode::PageNotFound);
    QCOMPARE(store.pageAt(c.id, 0).error().code(), ErrorCode::PageNotFound);
}

QList<qint64> moved(QList<qint64> ids, int from, int to) // 1-based positions
{
    ids.move(from - 1, to - 1);
    return ids;
}

} // namespace

class TestPageOperations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pagesAppendInOrder()
    {
        Fixture f;
        QVERIFY(f.setUp());
        const QList<PageRecord> pages = f.store->pages(f.a.id).value();
        QCOMPARE(pageIds(f.store->pages(f.a.id)), f.aIds);
        for (int i = 0; i < pages.size(); ++i) {
            QCOMPARE(pages.at(i).seq, i + 1);
            QCOMPARE(pages.at(i).originComponentId, f.a.id);
            QCOMPARE(pages.at(i).rotation, 0);
        }
        verifyContiguous(*f.store, f.a);
        // Component position, then page position.
        QCOMPARE(pageIds(f.store->dossierPages(f.dossier.id)), f.aIds + f.bIds);
        QCOMPARE(f.store->dossier(kCode)->pageCount, 8);
    }

    void insertPositionShiftsLaterPages_data()
    {
        QTest::addColumn<int>("at");
        QTest::addColumn<int>("batch"); // pages saved at at, at+1, ... as "scan --at N" does
        QTest::newRow("first") << 1 << 1;
        QTest::newRow("middle") << 3 << 1;
        QTest::newRow("end") << 6 << 1;
        QTest::newRow("batch of three at 2") << 2 << 3;
        QTest::newRow("batch of two at the end") << 6 << 2;
    }

    void insertPositionShiftsLaterPages()
    {
        QFETCH(int, at);
        QFETCH(int, batch);
        Fixture f;
        QVERIFY(f.setUp());
        QList<qint64> expected = f.aIds;
        for (int k = 1; k <= batch; ++k) {
            auto p = savePage(*f.store, f.a, 10 + k, at + k - 1);
            QVERIFY2(p, qPrintable(p.error().fullText()));
            QCOMPARE(p->position, at + k - 1);
            QCOMPARE(p->seq, 5 + k); // numbering still follows the files, not the order
            expected.insert(at + k - 2, p->id);
        }
        QCOMPARE(f.order(f.a), expected);
        verifyContiguous(*f.store, f.a);
    }

    void invalidInsertPositionWritesNothing_data()
    {
        QTest::addColumn<int>("at");
        QTest::newRow("negative") << -1;
        QTest::newRow("past the end") << 7;
    }

    void invalidInsertPositionWritesNothing()
    {
        QFETCH(int, at);
        Fixture f;
        QVERIFY(f.setUp());
        const auto files = fileDigests(f.store->rootPath());
        auto p = savePage(*f.store, f.a, 9, at);
        QVERIFY(!p);
        QCOMPARE(p.error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(fileDigests(f.store->rootPath()), files);
        QCOMPARE(rawValue(f.store->rootPath() + QStringLiteral("/sohoa.sqlite"),
                          QStringLiteral("SELECT COUNT(*) FROM page_intents"))
                     .toInt(),
                 0);
        QCOMPARE(f.order(f.a), f.aIds);
    }

    void moveWithinComponent_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("first to last") << 1 << 5;
        QTest::newRow("last to first") << 5 << 1;
        QTest::newRow("down one") << 2 << 3;
        QTest::newRow("up two") << 4 << 2;
    }

    void moveWithinComponent()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        Fixture f;
        QVERIFY(f.setUp());
        const qint64 id = f.aIds.at(from - 1);
        const PageRecord before = f.store->page(id).value();
        const QDateTime updatedBefore = f.store->dossier(kCode)->updatedAt;
        QTest::qWait(2); // updated_at has millisecond resolution
        auto p = f.store->movePage(id, f.a.id, to);
        QVERIFY2(p, qPrintable(p.error().fullText()));
        QCOMPARE(p->position, to);
        QCOMPARE(p->componentId, f.a.id);
        QCOMPARE(f.order(f.a), moved(f.aIds, from, to));
        verifyContiguous(*f.store, f.a);
        QCOMPARE(f.order(f.b), f.bIds);
        // The file is the same file.
        QCOMPARE(p->relativePath, before.relativePath);
        QCOMPARE(p->seq, before.seq);
        QCOMPARE(sha256OfFile(p->absolutePath), before.sha256);
        // Audited with what a reader needs, and the dossier counts as changed.
        const AuditEntry e = f.lastAudit();
        QCOMPARE(e.action, QStringLiteral("page-moved"));
        QCOMPARE(e.pageId, id);
        QCOMPARE(e.dossierId, f.dossier.id);
        const QJsonObject d = detailOf(e);
        QCOMPARE(d.value(QStringLiteral("from_position")).toInt(), from);
        QCOMPARE(d.value(QStringLiteral("to_position")).toInt(), to);
        QCOMPARE(d.value(QStringLiteral("from_component")).toString(), QStringLiteral("A"));
        QCOMPARE(d.value(QStringLiteral("to_component")).toString(), QStringLiteral("A"));
        QCOMPARE(d.value(QStringLiteral("path")).toString(), before.relativePath);
        QVERIFY(f.store->dossier(kCode)->updatedAt > updatedBefore);
    }

    void moveToSamePlaceChangesNothing()
    {
        Fixture f;
        QVERIFY(f.setUp());
        const int audits = f.auditCount();
        auto p = f.store->movePage(f.aIds.at(2), f.a.id, 3);
        QVERIFY(p);
        QCOMPARE(p->position, 3);
        QCOMPARE(f.order(f.a), f.aIds);
        QCOMPARE(f.auditCount(), audits);
    }

    void moveAcrossComponents_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::newRow("to the front") << 3 << 1;
        QTest::newRow("into the middle") << 1 << 2;
        QTest::newRow("to the end") << 5 << 4;
    }

    void moveAcrossComponents()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        Fixture f;
        QVERIFY(f.setUp());
        const qint64 id = f.aIds.at(from - 1);
        const PageRecord before = f.store->page(id).value();
        auto p = f.store->movePage(id, f.b.id, to);
        QVERIFY2(p, qPrintable(p.error().fullText()));
        QCOMPARE(p->componentId, f.b.id);
        QCOMPARE(p->originComponentId, f.a.id);
        QCOMPARE(p->position, to);
        QList<qint64> a = f.aIds, b = f.bIds;
        b.insert(to - 1, a.takeAt(from - 1));
        QCOMPARE(f.order(f.a), a);
        QCOMPARE(f.order(f.b), b);
        verifyContiguous(*f.store, f.a);
        verifyContiguous(*f.store, f.b);
        // The page keeps its file and number; it is exported with B now.
        QCOMPARE(p->relativePath, before.relativePath);
        QCOMPARE(p->seq, before.seq);
        QVERIFY(QFile::exists(p->absolutePath));
        QCOMPARE(pageIds(f.store->dossierPages(f.dossier.id)), a + b);
        const QJsonObject d = detailOf(f.lastAudit());
        QCOMPARE(d.value(QStringLiteral("from_component")).toString(), QStringLiteral("A"));
        QCOMPARE(d.value(QStringLiteral("to_component")).toString(), QStringLiteral("B"));
        QCOMPARE(d.value(QStringLiteral("from_component_id")).toInteger(), f.a.id);
        QCOMPARE(d.value(QStringLiteral("to_component_id")).toInteger(), f.b.id);
    }

    void numberingSurvivesMovesOut()
    {
        // A's last page goes to B; the next page scanned into A or B must take a fresh file name.
        Fixture f;
        QVERIFY(f.setUp());
        const PageRecord last = f.store->page(f.aIds.last()).value();
        QVERIFY(f.store->movePage(last.id, f.b.id, 1));
        auto intoA = savePage(*f.store, f.a, 20);
        QVERIFY2(intoA, qPrintable(intoA.error().fullText()));
        QCOMPARE(intoA->seq, 6); // not 5: 0005.jpg is still A's file, now shown in B
        QVERIFY(intoA->relativePath.endsWith(QStringLiteral("/A/0006.jpg")));
        auto intoB = savePage(*f.store, f.b, 21);
        QVERIFY(intoB);
        QCOMPARE(intoB->seq, 4);
        QVERIFY(intoB->relativePath.endsWith(QStringLiteral("/B/0004.jpg")));
        QCOMPARE(sha256OfFile(last.absolutePath), last.sha256);
        // Moving it back and forth changes nothing of that.
        QVERIFY(f.store->movePage(last.id, f.a.id, 5));
        auto again = savePage(*f.store, f.a, 22);
        QCOMPARE(again->seq, 7);
    }

    void invalidMovesChangeNothing_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("error");
        QTest::newRow("position 0") << QStringLiteral("a:0") << int(ErrorCode::InvalidArgument);
        QTest::newRow("past the end of its own component") << QStringLiteral("a:6") << int(ErrorCode::InvalidArgument);
        QTest::newRow("past the end of another component") << QStringLiteral("b:5") << int(ErrorCode::InvalidArgument);
        QTest::newRow("component of another dossier") << QStringLiteral("x:1") << int(ErrorCode::InvalidArgument);
        QTest::newRow("unknown component") << QStringLiteral("nowhere:1") << int(ErrorCode::ComponentNotFound);
        QTest::newRow("unknown page") << QStringLiteral("unknown-page") << int(ErrorCode::PageNotFound);
        QTest::newRow("deleted page") << QStringLiteral("deleted-page") << int(ErrorCode::InvalidArgument);
    }

    void invalidMovesChangeNothing()
    {
        QFETCH(QString, what);
        QFETCH(int, error);
        Fixture f;
        QVERIFY(f.setUp());
        qint64 pageId = f.aIds.at(1);
        if (what == u"deleted-page")
            QVERIFY(f.store->deletePage(pageId));
        QList<qint64> a = f.order(f.a);
        const int audits = f.auditCount();
        const QMap<QString, qint64> components{{QStringLiteral("a"), f.a.id},
                                               {QStringLiteral("b"), f.b.id},
                                               {QStringLiteral("x"), f.x.id},
                                               {QStringLiteral("nowhere"), 9999}};
        if (what == u"unknown-page")
            pageId = 9999;
        const QString target = what.contains(u':') ? what.section(u':', 0, 0) : QStringLiteral("b");
        const int position = what.contains(u':') ? what.section(u':', 1).toInt() : 1;
        auto p = f.store->movePage(pageId, components.value(target), position);
        QVERIFY(!p);
        QCOMPARE(int(p.error().code()), error);
        QCOMPARE(f.order(f.a), a);
        QCOMPARE(f.order(f.b), f.bIds);
        QCOMPARE(f.order(f.x), f.xIds);
        QCOMPARE(f.auditCount(), audits);
    }

    void rotationAccumulates_data()
    {
        QTest::addColumn<QList<int>>("turns");
        QTest::addColumn<int>("rotation");
        QTest::newRow("quarter") << QList<int>{90} << 90;
        QTest::newRow("half") << QList<int>{180} << 180;
        QTest::newRow("three quarters") << QList<int>{270} << 270;
        QTest::newRow("full circle") << QList<int>{90, 90, 90, 90} << 0;
        QTest::newRow("270 then 180") << QList<int>{270, 180} << 90;
    }

    void rotationAccumulates()
    {
        QFETCH(QList<int>, turns);
        QFETCH(int, rotation);
        Fixture f;
        QVERIFY(f.setUp());
        const qint64 id = f.aIds.at(2);
        const PageRecord before = f.store->page(id).value();
        int previous = 0;
        for (int t : turns) {
            auto p = f.store->rotatePage(id, t);
            QVERIFY2(p, qPrintable(p.error().fullText()));
            QCOMPARE(p->rotation, (previous + t) % 360);
            const QJsonObject d = detailOf(f.lastAudit());
            QCOMPARE(f.lastAudit().action, QStringLiteral("page-rotated"));
            QCOMPARE(d.value(QStringLiteral("degrees")).toInt(), t);
            QCOMPARE(d.value(QStringLiteral("from_rotation")).toInt(), previous);
            QCOMPARE(d.value(QStringLiteral("rotation")).toInt(), (previous + t) % 360);
            previous = p->rotation;
        }
        QCOMPARE(f.store->page(id)->rotation, rotation);
        QCOMPARE(f.store->pageAt(f.a.id, 3)->rotation, rotation);
        // Rotation is an instruction: the file is untouched, the order too.
        QCOMPARE(sha256OfFile(before.absolutePath), before.sha256);
        QCOMPARE(f.order(f.a), f.aIds);
    }

    void invalidRotationIsRefused_data()
    {
        QTest::addColumn<int>("degrees");
        QTest::newRow("0") << 0;
        QTest::newRow("45") << 45;
        QTest::newRow("360") << 360;
        QTest::newRow("-90") << -90;
    }

    void invalidRotationIsRefused()
    {
        QFETCH(int, degrees);
        Fixture f;
        QVERIFY(f.setUp());
        const int audits = f.auditCount();
        auto p = f.store->rotatePage(f.aIds.first(), degrees);
        QVERIFY(!p);
        QCOMPARE(p.error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(f.store->page(f.aIds.first())->rotation, 0);
        QCOMPARE(f.auditCount(), audits);
    }

    void deletionIsSoft_data()
    {
        QTest::addColumn<int>("position");
        QTest::newRow("first") << 1;
        QTest::newRow("middle") << 3;
        QTest::newRow("last") << 5;
    }

    void deletionIsSoft()
    {
        QFETCH(int, position);
        Fixture f;
        QVERIFY(f.setUp());
        const qint64 id = f.aIds.at(position - 1);
        const PageRecord before = f.store->page(id).value();
        auto p = f.store->deletePage(id);
        QVERIFY2(p, qPrintable(p.error().fullText()));
        QVERIFY(p->deleted);
        QVERIFY(p->deletedAt.isValid());
        QCOMPARE(p->position, position); // where a restore puts it back
        QList<qint64> a = f.aIds;
        a.removeAt(position - 1);
        QCOMPARE(f.order(f.a), a);
        verifyContiguous(*f.store, f.a);
        QCOMPARE(pageIds(f.store->dossierPages(f.dossier.id)), a + f.bIds);
        QCOMPARE(pageIds(f.store->deletedPages(f.a.id)), QList<qint64>{id});
        QCOMPARE(f.store->dossier(kCode)->pageCount, 7);
        // Nothing is deleted on disk, and the row is still there.
        QCOMPARE(sha256OfFile(before.absolutePath), before.sha256);
        QVERIFY(f.store->page(id)->deleted);
        const AuditEntry e = f.lastAudit();
        QCOMPARE(e.action, QStringLiteral("page-deleted"));
        QCOMPARE(detailOf(e).value(QStringLiteral("position")).toInt(), position);
        QCOMPARE(detailOf(e).value(QStringLiteral("sha256")).toString(), before.sha256);
        // A deleted page is neither deleted again, nor moved, nor rotated.
        QCOMPARE(f.store->deletePage(id).error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(f.store->rotatePage(id, 90).error().code(), ErrorCode::InvalidArgument);
        QCOMPARE(f.store->restorePage(f.aIds.at(position == 1 ? 1 : 0)).error().code(), ErrorCode::InvalidArgument);
    }

    void restoreReturnsToItsPlace_data()
    {
        QTest::addColumn<int>("position");
        QTest::addColumn<int>("alsoDeleted"); // pages deleted after it (shorten the component), by position
        QTest::addColumn<int>("expected");
        QTest::newRow("middle, nothing else changed") << 3 << 0 << 3;
        QTest::newRow("first") << 1 << 0 << 1;
        QTest::newRow("last, component shorter now: clamped to the end") << 5 << 4 << 4;
        QTest::newRow("middle, a page before it deleted too") << 3 << 1 << 3;
    }

    void restoreReturnsToItsPlace()
    {
        QFETCH(int, position);
        QFETCH(int, alsoDeleted);
        QFETCH(int, expected);
        Fixture f;
        QVERIFY(f.setUp());
        const qint64 id = f.aIds.at(position - 1);
        QVERIFY(f.store->deletePage(id));
        if (alsoDeleted)
            QVERIFY(f.store->deletePage(f.store->pageAt(f.a.id, alsoDeleted)->id));
        QList<qint64> a = f.order(f.a);
        auto p = f.store->restorePage(id);
        QVERIFY2(p, qPrintable(p.error().fullText()));
        QVERIFY(!p->deleted);
        QVERIFY(!p->deletedAt.isValid());
        QCOMPARE(p->position, expected);
        a.insert(expected - 1, id);
        QCOMPARE(f.order(f.a), a);
        verifyContiguous(*f.store, f.a);
        QVERIFY(!pageIds(f.store->deletedPages(f.a.id)).contains(id));
        const AuditEntry e = f.lastAudit();
        QCOMPARE(e.action, QStringLiteral("page-restored"));
        QCOMPARE(detailOf(e).value(QStringLiteral("deleted_position")).toInt(), position);
        QCOMPARE(detailOf(e).value(QStringLiteral("position")).toInt(), expected);
    }

    void aFailedEditLeavesNoTrace()
    {
        // The audit entry is written in the same transaction as the edit: when it cannot be written,
        // the edit is not made either.
        Fixture f;
        QVERIFY(f.setUp());
        const QString db = f.store->rootPath() + QStringLiteral("/sohoa.sqlite");
        QCOMPARE(rawRows(db, QStringLiteral("CREATE TRIGGER no_moves BEFORE INSERT ON audit_log"
                                            " WHEN NEW.action = 'page-moved'"
                                            " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")),
                 QList<QVariantList>());
        const QDateTime updated = f.store->dossier(kCode)->updatedAt;
        auto p = f.store->movePage(f.aIds.first(), f.b.id, 1);
        QVERIFY(!p);
        QVERIFY(p.error().detail().contains(QStringLiteral("refused by the test")));
        QCOMPARE(f.order(f.a), f.aIds);
        QCOMPARE(f.order(f.b), f.bIds);
        QCOMPARE(f.store->dossier(kCode)->updatedAt, updated);
        verifyContiguous(*f.store, f.a);
    }

    void recoveredPagesGoToTheEnd()
    {
        // A page whose file was complete but whose row was not committed when the program died is
        // adopted at the end of its component, whatever position it was meant for.
        Fixture f;
        QVERIFY(f.setUp());
        const QString root = f.store->rootPath();
        QVERIFY(f.store->deletePage(f.aIds.at(1)));
        f.store.reset();
        const QString rel = kCode + QStringLiteral("/A/0006.jpg");
        {
            QFile file(root + u'/' + rel);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(PageEncoder::encode(scannedPage(6), {})->data);
        }
        QCOMPARE(rawRows(root + QStringLiteral("/sohoa.sqlite"),
                         QStringLiteral("INSERT INTO page_intents (component_id, seq, path, dpi, color_mode, bit_depth,"
                                        " format, device, created_at) VALUES (%1, 6, '%2', 100, 'color', 8, 'jpg',"
                                        " 'test:0', 'x')")
                             .arg(f.a.id)
                             .arg(rel)),
                 QList<QVariantList>());
        auto store = DossierStore::open(root);
        QVERIFY(store);
        QCOMPARE(store.value()->recoveryReport().adoptedPages.size(), 1);
        const PageRecord adopted = store.value()->recoveryReport().adoptedPages.constFirst();
        QCOMPARE(adopted.position, 5); // four visible pages before it
        QCOMPARE(adopted.originComponentId, f.a.id);
        QCOMPARE(pageIds(store.value()->pages(f.a.id)).constLast(), adopted.id);
        verifyContiguous(*store.value(), f.a);
    }

    void pageNotFoundSaysSoInBothLanguages()
    {
        Fixture f;
        QVERIFY(f.setUp());
        const Error e = f.store->page(424242).error();
        QCOMPARE(e.code(), ErrorCode::PageNotFound);
        QCOMPARE(e.id(), QStringLiteral("page-not-found"));
        QVERIFY(!e.messageEn().isEmpty());
        QVERIFY(e.messageVi().contains(QStringLiteral("Không tìm thấy trang")));
        QVERIFY(e.messageEn() != e.messageVi());
        QCOMPARE(f.store->deletePage(424242).error().code(), ErrorCode::PageNotFound);
        QCOMPARE(f.store->rotatePage(424242, 90).error().code(), ErrorCode::PageNotFound);
        QCOMPARE(f.store->restorePage(424242).error().code(), ErrorCode::PageNotFound);
    }
};

QTEST_GUILESS_MAIN(TestPageOperations)
#include "TestPageOperations.moc"
