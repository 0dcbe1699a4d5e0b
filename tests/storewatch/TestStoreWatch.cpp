// DossierStore::watchForOutsideChanges: what another DossierStore object on the same folder, or a real
// sohoa-cli process, commits reaches this process's DossierListModel and DossierPagesModel within a
// bounded wait, without a reset where rows only changed their values; this object's own commits (from
// its own thread or a worker) are announced once, by their own notifications, never again as
// "changed elsewhere"; a store opened read-only watches too.

#include "SaneTestEnv.h"
#include "StoreTestSupport.h"
#include "ToolRunner.h"

#include "core/dossier/DossierListModel.h"
#include "core/dossier/DossierPagesModel.h"
#include "core/dossier/DossierStore.h"
#include "core/dossier/StoreNotifier.h"
#include "core/dossier/StoreRebuild.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = kTestDossierCode;
const QString kOtherCode = QStringLiteral("H15.50.05.13-261008-0976");
constexpr int kWaitMs = 10000; // the watcher ticks every 50 ms here; a loaded machine gets room

// The pages model as lines: component, then each page's id and rotation, in order.
QStringList modelLines(const DossierPagesModel &model)
{
    QStringList lines;
    for (int c = 0; c < model.rowCount(); ++c) {
        const QModelIndex ci = model.index(c, 0);
        lines << ci.data(DossierPagesModel::ComponentNameRole).toString();
        for (int r = 0; r < model.rowCount(ci); ++r) {
            const QModelIndex pi = model.index(r, 0, ci);
            lines << QStringLiteral("  #%1 page %2 rot %3")
                         .arg(pi.data(DossierPagesModel::PositionRole).toInt())
                         .arg(pi.data(DossierPagesModel::PageIdRole).toLongLong())
                         .arg(pi.data(DossierPagesModel::RotationRole).toInt());
        }
    }
    return lines;
}

// The same lines as the store answers them now.
QStringList storeLines(const DossierStore &store, qint64 dossierId)
{
    QStringList lines;
    for (const ComponentInfo &c : store.components(dossierId).value()) {
        lines << c.name;
        for (const PageRecord &p : store.pages(c.id).value())
            lines << QStringLiteral("  #%1 page %2 rot %3").arg(p.position).arg(p.id).arg(p.rotation);
    }
    return lines;
}

int pageCountInList(const DossierListModel &model, qint64 dossierId)
{
    const int row = model.rowOf(dossierId);
    return row < 0 ? -1 : model.dossierAt(row).pageCount;
}

} // namespace

class TestStoreWatch : public QObject
{
    Q_OBJECT

    std::unique_ptr<SaneTestEnv> m_sane;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_sane = std::make_unique<SaneTestEnv>(1);
    }

    void offUntilAskedFor()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        QVERIFY(store);
        QVERIFY(!store.value()->isWatchingForOutsideChanges());
        store.value()->watchForOutsideChanges(50);
        QVERIFY(store.value()->isWatchingForOutsideChanges());
        store.value()->stopWatchingForOutsideChanges();
        QVERIFY(!store.value()->isWatchingForOutsideChanges());
    }

    void writesThroughAnotherStoreReachTheModels()
    {
        QTemporaryDir dir;
        auto here = DossierStore::open(dir.path());
        auto there = DossierStore::open(dir.path());
        QVERIFY(here && there);
        DossierStore &a = *here.value();
        DossierStore &b = *there.value();
        const DossierInfo dossier = a.createOrGetDossier(kCode, false).value();
        const ComponentInfo form = a.createOrGetComponent(dossier.id, QStringLiteral("Đơn")).value();
        QVERIFY(savePage(a, form, 1));
        QVERIFY(savePage(a, form, 2));

        a.watchForOutsideChanges(50);
        DossierListModel list(a);
        DossierPagesModel pages(a, dossier.id);
        QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester pagesTester(&pages, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy listResets(&list, &QAbstractItemModel::modelReset);
        QSignalSpy listInserts(&list, &QAbstractItemModel::rowsInserted);
        QSignalSpy pagesResets(&pages, &QAbstractItemModel::modelReset);
        QSignalSpy elsewhere(a.notifier(), &StoreNotifier::changedElsewhere);
        QCOMPARE(list.rowCount(), 1);

        // A page saved by the other object: a new row under the component, the list's count follows.
        const ComponentInfo formThere = b.component(dossier.id, QStringLiteral("Đơn")).value();
        QVERIFY(savePage(b, formThere, 3));
        QTRY_COMPARE_WITH_TIMEOUT(modelLines(pages), storeLines(a, dossier.id), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(pageCountInList(list, dossier.id), 3, kWaitMs);
        QCOMPARE(elsewhere.constLast().at(0).value<QList<qint64>>(), QList<qint64>{dossier.id});

        // A rotation elsewhere changes a row's values: dataChanged, no reset (the selection stays).
        const int resetsBefore = int(pagesResets.count());
        const qint64 second = b.pageAt(formThere.id, 2).value().id;
        QVERIFY(b.rotatePage(second, 90));
        QTRY_COMPARE_WITH_TIMEOUT(pages.pageIndex(second).data(DossierPagesModel::RotationRole).toInt(), 90, kWaitMs);
        QCOMPARE(pagesResets.count(), resetsBefore);

        // A move and a new component elsewhere: the order follows.
        const ComponentInfo id = b.createOrGetComponent(dossier.id, QStringLiteral("CCCD")).value();
        QVERIFY(b.movePage(b.pageAt(formThere.id, 1).value().id, id.id, 1));
        QTRY_COMPARE_WITH_TIMEOUT(modelLines(pages), storeLines(a, dossier.id), kWaitMs);

        // A dossier created elsewhere: a row inserted, never a reset of the list.
        const DossierInfo other = b.createOrGetDossier(kOtherCode, false).value();
        QTRY_COMPARE_WITH_TIMEOUT(list.rowOf(other.id), 1, kWaitMs);
        QCOMPARE(list.dossierAt(1).code, kOtherCode);
        QVERIFY(listInserts.count() >= 1);
        QCOMPARE(listResets.count(), 0);
    }

    // An upload taken for sending (and its transient failure) by a runner in another process shows in a
    // window watching the store, not only its delivery.
    void uploadStatesElsewhereAreAnnounced()
    {
        QTemporaryDir dir;
        auto here = DossierStore::open(dir.path());
        auto there = DossierStore::open(dir.path());
        QVERIFY(here && there);
        DossierStore &a = *here.value();
        DossierStore &b = *there.value();
        const DossierInfo dossier = a.createOrGetDossier(kCode, false).value();
        UploadJobRecord job;
        job.target = QStringLiteral("so-tu-phap");
        job.dossierId = dossier.id;
        job.path = dir.filePath(QStringLiteral("x.pdf"));
        job.sha256 = QString(64, u'0');
        job.remoteName = QStringLiteral("x.pdf");
        job.idempotencyKey = QStringLiteral("k1");
        QVERIFY(a.enqueueUpload(job));
        a.watchForOutsideChanges(50);
        QSignalSpy elsewhere(a.notifier(), &StoreNotifier::changedElsewhere);

        auto taken = b.takeNextUpload(QDateTime::currentDateTime().addSecs(1));
        QVERIFY(taken && taken->has_value());
        QTRY_VERIFY_WITH_TIMEOUT(!elsewhere.isEmpty(), kWaitMs);
        QCOMPARE(elsewhere.constLast().at(0).value<QList<qint64>>(), QList<qint64>{dossier.id});
        QCOMPARE(a.uploadJob(taken.value()->id)->state, QStringLiteral("sending"));

        elsewhere.clear();
        QVERIFY(b.finishUpload(taken.value()->id, QStringLiteral("queued"), QStringLiteral("upload-unreachable"),
                               QStringLiteral("connection refused"), QDateTime::currentDateTime().addSecs(30), {}));
        QTRY_VERIFY_WITH_TIMEOUT(!elsewhere.isEmpty(), kWaitMs);
        QCOMPARE(a.uploadJob(taken.value()->id)->lastErrorId, QStringLiteral("upload-unreachable"));
    }

    void ownWritesAreAnnouncedOnce()
    {
        QTemporaryDir dir;
        auto here = DossierStore::open(dir.path());
        auto there = DossierStore::open(dir.path());
        QVERIFY(here && there);
        DossierStore &a = *here.value();
        DossierStore &b = *there.value();
        const DossierInfo dossier = a.createOrGetDossier(kCode, false).value();
        const ComponentInfo form = a.createOrGetComponent(dossier.id, QStringLiteral("Đơn")).value();
        for (int n = 1; n <= 4; ++n)
            QVERIFY(savePage(a, form, n));
        a.watchForOutsideChanges(50);
        DossierListModel list(a);
        DossierPagesModel pages(a, dossier.id);
        QSignalSpy listResets(&list, &QAbstractItemModel::modelReset);
        QSignalSpy pagesResets(&pages, &QAbstractItemModel::modelReset);
        QSignalSpy pagesRemoved(&pages, &QAbstractItemModel::rowsRemoved);
        QSignalSpy pagesInserted(&pages, &QAbstractItemModel::rowsInserted);
        QSignalSpy elsewhere(a.notifier(), &StoreNotifier::changedElsewhere);

        // This object writes from its own thread (same connection) and from a worker (another
        // connection, which moves SQLite's data_version here): both are its own.
        const qint64 first = a.pageAt(form.id, 1).value().id;
        QVERIFY(a.rotatePage(first, 180));
        bool workerDone = false;
        std::unique_ptr<QThread> worker(QThread::create([&] {
            const auto deleted = a.deletePage(a.pageAt(form.id, 4).value().id);
            const auto saved = savePage(a, form, 5);
            a.releaseThreadConnection();
            workerDone = deleted && saved;
        }));
        worker->start();
        QVERIFY(worker->wait(kWaitMs));
        QVERIFY(workerDone);
        QTRY_COMPARE_WITH_TIMEOUT(modelLines(pages), storeLines(a, dossier.id), kWaitMs);

        // Then a change by the other object: when it has arrived, every earlier commit was looked at.
        const qint64 second = a.pageAt(form.id, 2).value().id;
        QVERIFY(b.rotatePage(second, 270));
        QTRY_COMPARE_WITH_TIMEOUT(pages.pageIndex(second).data(DossierPagesModel::RotationRole).toInt(), 270, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(elsewhere.count(), 1, kWaitMs);
        QCOMPARE(elsewhere.at(0).at(0).value<QList<qint64>>(), QList<qint64>{dossier.id});
        QCOMPARE(elsewhere.at(0).at(1).toBool(), false);
        // The own deletion and the own save each moved rows once; nothing was read again wholesale.
        QCOMPARE(pagesRemoved.count(), 1);
        QCOMPARE(pagesInserted.count(), 1);
        QCOMPARE(pagesResets.count(), 0);
        QCOMPARE(listResets.count(), 0);
        QCOMPARE(modelLines(pages), storeLines(a, dossier.id));
    }

    void readOnlyStoreWatches()
    {
        QTemporaryDir dir;
        auto writer = DossierStore::open(dir.path());
        QVERIFY(writer);
        DossierStore &b = *writer.value();
        const DossierInfo dossier = b.createOrGetDossier(kCode, false).value();
        const ComponentInfo form = b.createOrGetComponent(dossier.id, QStringLiteral("Đơn")).value();
        QVERIFY(savePage(b, form, 1));

        StoreOptions readOnly;
        readOnly.mode = StoreOpenMode::ReadOnly;
        auto reader = DossierStore::open(dir.path(), readOnly);
        QVERIFY(reader);
        DossierStore &a = *reader.value();
        QVERIFY(a.isReadOnly());
        a.watchForOutsideChanges(50);
        DossierListModel list(a);
        DossierPagesModel pages(a, dossier.id);
        QCOMPARE(pageCountInList(list, dossier.id), 1);

        QVERIFY(savePage(b, form, 2));
        QVERIFY(b.rotatePage(b.pageAt(form.id, 1).value().id, 90));
        QTRY_COMPARE_WITH_TIMEOUT(modelLines(pages), storeLines(b, dossier.id), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(pageCountInList(list, dossier.id), 2, kWaitMs);
        const DossierInfo other = b.createOrGetDossier(kOtherCode, false).value();
        QTRY_COMPARE_WITH_TIMEOUT(list.rowOf(other.id), 1, kWaitMs);
    }

    void aRebuiltIndexIsReadAgain()
    {
        // A rebuild puts a new index in place by a rename while a read-only reader still has the old
        // one open (a rebuild waits only for writers): SQLite's data_version on the old file never
        // moves again, so the watcher also looks at which file the index is.
        QTemporaryDir dir;
        qint64 dossierId = 0;
        {
            auto writer = DossierStore::open(dir.path());
            QVERIFY(writer);
            const DossierInfo dossier = writer.value()->createOrGetDossier(kCode, false).value();
            dossierId = dossier.id;
            const ComponentInfo form = writer.value()->createOrGetComponent(dossier.id, QStringLiteral("form")).value();
            for (int n = 1; n <= 3; ++n)
                QVERIFY(savePage(*writer.value(), form, n));
        }
        StoreOptions readOnly;
        readOnly.mode = StoreOpenMode::ReadOnly;
        auto reader = DossierStore::open(dir.path(), readOnly);
        QVERIFY(reader);
        DossierStore &a = *reader.value();
        a.watchForOutsideChanges(50);
        DossierListModel list(a);
        DossierPagesModel pages(a, dossierId);
        QSignalSpy elsewhere(a.notifier(), &StoreNotifier::changedElsewhere);
        QSignalSpy listResets(&list, &QAbstractItemModel::modelReset);

        RebuildOptions force;
        force.force = true;
        const auto report = StoreRebuild::run(dir.path(), force);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().detail()));
        QTRY_VERIFY_WITH_TIMEOUT(!elsewhere.isEmpty(), kWaitMs);
        QCOMPARE(elsewhere.constFirst().at(1).toBool(), true);
        // Read from the new index now: its audit log starts with the rebuild.
        QCOMPARE(a.auditLog().value().value(0).action, QStringLiteral("store-rebuilt"));
        const qint64 rebuiltId = a.dossier(kCode).value().id;
        QCOMPARE(pageCountInList(list, rebuiltId), 3);
        QCOMPARE(list.rowCount(), 1);
        QCOMPARE(listResets.count(), 0);
        if (rebuiltId == dossierId)
            QCOMPARE(modelLines(pages), storeLines(a, dossierId));
    }

    void commandLineEditsReachTheModels()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("store"));
        const auto cli = [&](const QStringList &args) {
            return runCli(args + QStringList{QStringLiteral("--store"), root, QStringLiteral("--json")});
        };
        const auto scan = [&](int pages) {
            return cli({QStringLiteral("scan"), QStringLiteral("--device"), QStringLiteral("test:0"),
                        QStringLiteral("--dossier"), kCode, QStringLiteral("--component"), QStringLiteral("form"),
                        QStringLiteral("--source"), QStringLiteral("adf"), QStringLiteral("--mode"),
                        QStringLiteral("gray"), QStringLiteral("--resolution"), QStringLiteral("40"),
                        QStringLiteral("--format"), QStringLiteral("jpeg"), QStringLiteral("--max-pages"),
                        QString::number(pages)});
        };
        const auto page = [&](const QString &verb, int position, const QStringList &extra = {}) {
            return cli(QStringList{QStringLiteral("page"), verb, kCode, QStringLiteral("--component"),
                                   QStringLiteral("form"), QStringLiteral("--page"), QString::number(position)} +
                       extra);
        };
        ToolResult r = scan(3);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

        auto opened = DossierStore::open(root);
        QVERIFY(opened);
        DossierStore &a = *opened.value();
        a.watchForOutsideChanges(50);
        const DossierInfo dossier = a.dossier(kCode).value();
        DossierListModel list(a);
        DossierPagesModel pages(a, dossier.id);
        QSignalSpy listResets(&list, &QAbstractItemModel::modelReset);
        QSignalSpy pagesResets(&pages, &QAbstractItemModel::modelReset);
        QCOMPARE(pageCountInList(list, dossier.id), 3);

        r = page(QStringLiteral("rotate"), 2, {QStringLiteral("--degrees"), QStringLiteral("90")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTRY_COMPARE_WITH_TIMEOUT(modelLines(pages), storeLines(a, dossier.id), kWaitMs);
        QCOMPARE(pagesResets.count(), 0); // a rotation: values only

        r = page(QStringLiteral("move"), 3, {QStringLiteral("--to"), QStringLiteral("1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTRY_COMPARE_WITH_TIMEOUT(modelLines(pages), storeLines(a, dossier.id), kWaitMs);

        r = page(QStringLiteral("delete"), 1);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTRY_COMPARE_WITH_TIMEOUT(modelLines(pages), storeLines(a, dossier.id), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(pageCountInList(list, dossier.id), 2, kWaitMs);

        r = scan(2);
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QTRY_COMPARE_WITH_TIMEOUT(pageCountInList(list, dossier.id), 4, kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(modelLines(pages), storeLines(a, dossier.id), kWaitMs);
        QCOMPARE(listResets.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreWatch)
#include "TestStoreWatch.moc"
