// DossierListModel follows the store's dossiers through its notifications alone: new dossiers
// are appended rows, page edits change the page count and updated time of their row; never a reset
// except on reload(). QAbstractItemModelTester watches every step.

#include "StoreTestSupport.h"

#include "core/dossier/DossierListModel.h"
#include "core/dossier/DossierStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace sohoa;
using namespace sohoa::test;

namespace {

QStringList modelLines(const DossierListModel &model)
{
    QStringList lines;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex i = model.index(row);
        lines << QStringLiteral("%1 %2 %3 %4 %5 pages=%6 %7 %8")
                     .arg(i.data(DossierListModel::IdRole).toLongLong())
                     .arg(i.data(DossierListModel::CodeRole).toString(),
                          i.data(DossierListModel::ApplicantRole).toString(),
                          i.data(DossierListModel::ProcedureRole).toString(),
                          i.data(DossierListModel::StatusRole).toString())
                     .arg(i.data(DossierListModel::PageCountRole).toInt())
                     .arg(i.data(DossierListModel::CreatedAtRole).toDateTime().toString(Qt::ISODateWithMs),
                          i.data(DossierListModel::UpdatedAtRole).toDateTime().toString(Qt::ISODateWithMs));
    }
    return lines;
}

QStringList storeLines(const DossierStore &store)
{
    QStringList lines;
    for (const DossierInfo &d : store.dossiers().value())
        lines << QStringLiteral("%1 %2 %3 %4 %5 pages=%6 %7 %8")
                     .arg(d.id)
                     .arg(d.code, d.applicant, d.procedure, d.status)
                     .arg(d.pageCount)
                     .arg(d.createdAt.toString(Qt::ISODateWithMs), d.updatedAt.toString(Qt::ISODateWithMs));
    return lines;
}

} // namespace

class TestDossierListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void followsTheStore()
    {
        QTemporaryDir dir;
        auto opened = DossierStore::open(dir.path());
        QVERIFY(opened);
        DossierStore &store = *opened.value();
        const DossierInfo first =
            store
                .createOrGetDossier(QStringLiteral("H15.50.05.13-261008-0975"), false,
                                    QStringLiteral("Cấp phép xây dựng"), QStringLiteral("Nguyễn Văn A"))
                .value();
        DossierListModel model(store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QCOMPARE(modelLines(model), storeLines(store));
        QCOMPARE(model.index(0).data(Qt::DisplayRole).toString(), first.code);
        QCOMPARE(model.index(0).data(DossierListModel::ApplicantRole).toString(), QStringLiteral("Nguyễn Văn A"));

        const ComponentInfo a = store.createOrGetComponent(first.id, QStringLiteral("A")).value();
        QCOMPARE(modelLines(model), storeLines(store)); // a component changes no dossier row
        QList<qint64> pages;
        for (int i = 1; i <= 3; ++i) {
            QTest::qWait(2); // updated_at has millisecond resolution
            pages.append(savePage(store, a, i)->id);
            QCOMPARE(modelLines(model), storeLines(store));
        }
        QCOMPARE(model.index(0).data(DossierListModel::PageCountRole).toInt(), 3);
        QCOMPARE(changed.count(), 3);

        QVERIFY(store.createOrGetDossier(QStringLiteral("free form 1"), true));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(store.dossier(QStringLiteral("free form 1"))->id), 1);
        QCOMPARE(modelLines(model), storeLines(store));

        QVERIFY(store.deletePage(pages.at(0)));
        QCOMPARE(model.index(0).data(DossierListModel::PageCountRole).toInt(), 2);
        QVERIFY(store.restorePage(pages.at(0)));
        QVERIFY(store.rotatePage(pages.at(0), 90));
        QVERIFY(store.movePage(pages.at(0), a.id, 3));
        QCOMPARE(modelLines(model), storeLines(store));
        QCOMPARE(model.index(0).data(DossierListModel::PageCountRole).toInt(), 3);
        QCOMPARE(reset.count(), 0);

        QVERIFY(model.reload());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(modelLines(model), storeLines(store));
        QVERIFY(model.roleNames().value(DossierListModel::PageCountRole) == "pageCount");
    }

    void dossiersMadeInAWorkerThreadArriveQueued()
    {
        QTemporaryDir dir;
        auto opened = DossierStore::open(dir.path());
        QVERIFY(opened);
        DossierStore *store = opened.value().get();
        DossierListModel model(*store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QThread *worker = QThread::create([store] {
            for (int i = 0; i < 5; ++i) {
                auto d = store->createOrGetDossier(QStringLiteral("free form %1").arg(i), true);
                if (d) {
                    auto c = store->createOrGetComponent(d->id, QStringLiteral("A"));
                    for (int p = 0; c && p <= i; ++p)
                        (void)savePage(*store, c.value(), p);
                }
            }
            store->releaseThreadConnection();
        });
        worker->start();
        QVERIFY(worker->wait(60000));
        delete worker;
        QCOMPARE(model.rowCount(), 0); // queued: nothing arrives until this thread runs its loop
        QTRY_COMPARE(modelLines(model), storeLines(*store));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(4).data(DossierListModel::PageCountRole).toInt(), 5);
        QCOMPARE(reset.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDossierListModel)
#include "TestDossierListModel.moc"
