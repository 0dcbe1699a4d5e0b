// DossierPagesModel follows the store through its notifications alone: after every edit (pages
// added, moved within and across components, rotated, deleted, restored; undone and redone) its
// tree equals what the store answers, with row signals and never a reset. QAbstractItemModelTester
// watches every step.

#include "StoreTestSupport.h"

#include "core/dossier/DossierPagesModel.h"
#include "core/dossier/DossierStore.h"
#include "core/dossier/PageCommands.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUndoStack>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = kTestDossierCode;
using View = DossierPagesModel::View;

// One line per component and per page, in tree order, with what the roles say.
QStringList modelLines(const DossierPagesModel &model)
{
    QStringList lines;
    for (int c = 0; c < model.rowCount(); ++c) {
        const QModelIndex ci = model.index(c, 0);
        lines << QStringLiteral("%1 %2 (%3)")
                     .arg(ci.data(DossierPagesModel::ComponentIdRole).toLongLong())
                     .arg(ci.data(DossierPagesModel::ComponentNameRole).toString())
                     .arg(ci.data(DossierPagesModel::PageCountRole).toInt());
        for (int r = 0; r < model.rowCount(ci); ++r) {
            const QModelIndex pi = model.index(r, 0, ci);
            lines << QStringLiteral("  #%1 page %2 rot %3 %4 %5 %6dpi %7x%8 %9")
                         .arg(pi.data(DossierPagesModel::PositionRole).toInt())
                         .arg(pi.data(DossierPagesModel::PageIdRole).toLongLong())
                         .arg(pi.data(DossierPagesModel::RotationRole).toInt())
                         .arg(pi.data(DossierPagesModel::RelativePathRole).toString(),
                              pi.data(DossierPagesModel::Sha256Role).toString().left(12))
                         .arg(pi.data(DossierPagesModel::DpiRole).toInt())
                         .arg(pi.data(DossierPagesModel::WidthRole).toInt())
                         .arg(pi.data(DossierPagesModel::HeightRole).toInt())
                         .arg(pi.data(DossierPagesModel::DeletedRole).toBool() ? QStringLiteral("deleted")
                                                                               : QStringLiteral("shown"));
        }
    }
    return lines;
}

// The same lines from the store's own answer.
QStringList storeLines(const DossierStore &store, qint64 dossierId, View view)
{
    QStringList lines;
    for (const ComponentInfo &c : store.components(dossierId).value()) {
        const QList<PageRecord> pages =
            (view == View::VisiblePages ? store.pages(c.id) : store.deletedPages(c.id)).value();
        lines << QStringLiteral("%1 %2 (%3)").arg(c.id).arg(c.name).arg(pages.size());
        for (const PageRecord &p : pages) {
            lines << QStringLiteral("  #%1 page %2 rot %3 %4 %5 %6dpi %7x%8 %9")
                         .arg(p.position)
                         .arg(p.id)
                         .arg(p.rotation)
                         .arg(p.relativePath, p.sha256.left(12))
                         .arg(p.dpi)
                         .arg(p.width)
                         .arg(p.height)
                         .arg(p.deleted ? QStringLiteral("deleted") : QStringLiteral("shown"));
        }
    }
    return lines;
}

// Counts what the model announced.
struct ModelSignals
{
    explicit ModelSignals(QAbstractItemModel *m)
        : inserted(m, &QAbstractItemModel::rowsInserted), moved(m, &QAbstractItemModel::rowsMoved),
          removed(m, &QAbstractItemModel::rowsRemoved), changed(m, &QAbstractItemModel::dataChanged),
          reset(m, &QAbstractItemModel::modelReset)
    {}
    QSignalSpy inserted, moved, removed, changed, reset;
    QString structural() const
    {
        QStringList s;
        if (inserted.count())
            s << QStringLiteral("inserted");
        if (moved.count())
            s << QStringLiteral("moved");
        if (removed.count())
            s << QStringLiteral("removed");
        if (reset.count())
            s << QStringLiteral("reset");
        return s.join(u',');
    }
};

} // namespace

class TestDossierPagesModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<TwoComponentStore> m_f; // a new store for every test function

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_f = std::make_unique<TwoComponentStore>();
        QVERIFY(m_f->setUp(4, 2));
    }

    void loadsTheDossier()
    {
        DossierPagesModel model(*m_f->store, m_f->dossier.id);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(modelLines(model), storeLines(*m_f->store, m_f->dossier.id, View::VisiblePages));
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex page = model.pageIndex(m_f->aIds.at(1));
        QVERIFY(page.isValid());
        QCOMPARE(page.parent(), model.componentIndex(m_f->a.id));
        QCOMPARE(page.data(DossierPagesModel::IsPageRole).toBool(), true);
        QCOMPARE(page.data(DossierPagesModel::ComponentNameRole).toString(), QStringLiteral("A"));
        QCOMPARE(page.data(DossierPagesModel::PathRole).toString(), m_f->store->page(m_f->aIds.at(1))->absolutePath);
        QVERIFY(QFile::exists(page.data(DossierPagesModel::PathRole).toString()));
        QCOMPARE(page.data(DossierPagesModel::FileSizeRole).toLongLong(), m_f->store->page(m_f->aIds.at(1))->size);
        QCOMPARE(page.data(DossierPagesModel::FormatRole).toString(), QStringLiteral("jpg"));
        QCOMPARE(page.data(Qt::DisplayRole).toString(), QStringLiteral("Page 2"));
        QCOMPARE(model.componentIndex(m_f->b.id).data(Qt::DisplayRole).toString(), QStringLiteral("B"));
        QCOMPARE(model.componentIndex(m_f->b.id).data(DossierPagesModel::IsPageRole).toBool(), false);
        QVERIFY(model.roleNames().value(DossierPagesModel::Sha256Role) == "sha256");
    }

    void eachEditIsOneRowSignal_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("signal"); // structural signal expected in the visible view
        QTest::newRow("page appended") << "save"
                                       << "inserted";
        QTest::newRow("page inserted at 2") << "save-at-2"
                                            << "inserted";
        QTest::newRow("moved down within") << "move-down"
                                           << "moved";
        QTest::newRow("moved up within") << "move-up"
                                         << "moved";
        QTest::newRow("moved to the next position") << "move-next"
                                                    << "moved";
        QTest::newRow("moved across to the front") << "move-across-front"
                                                   << "moved";
        QTest::newRow("moved across to the end") << "move-across-end"
                                                 << "moved";
        QTest::newRow("rotated") << "rotate"
                                 << "";
        QTest::newRow("deleted") << "delete"
                                 << "removed";
        QTest::newRow("restored") << "restore"
                                  << "inserted";
        QTest::newRow("component added") << "component"
                                         << "inserted";
        QTest::newRow("another dossier changed") << "other-dossier"
                                                 << "";
    }

    void eachEditIsOneRowSignal()
    {
        QFETCH(QString, edit);
        QFETCH(QString, signal);
        if (edit == u"restore")
            QVERIFY(m_f->store->deletePage(m_f->aIds.at(2)));
        DossierPagesModel model(*m_f->store, m_f->dossier.id);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        ModelSignals seen(&model);
        if (edit == u"save")
            QVERIFY(savePage(*m_f->store, m_f->a, 9));
        else if (edit == u"save-at-2")
            QVERIFY(savePage(*m_f->store, m_f->a, 9, 2));
        else if (edit == u"move-down")
            QVERIFY(m_f->store->movePage(m_f->aIds.at(0), m_f->a.id, 3));
        else if (edit == u"move-up")
            QVERIFY(m_f->store->movePage(m_f->aIds.at(3), m_f->a.id, 1));
        else if (edit == u"move-next")
            QVERIFY(m_f->store->movePage(m_f->aIds.at(1), m_f->a.id, 3));
        else if (edit == u"move-across-front")
            QVERIFY(m_f->store->movePage(m_f->aIds.at(2), m_f->b.id, 1));
        else if (edit == u"move-across-end")
            QVERIFY(m_f->store->movePage(m_f->bIds.at(0), m_f->a.id, 5));
        else if (edit == u"rotate")
            QVERIFY(m_f->store->rotatePage(m_f->aIds.at(1), 90));
        else if (edit == u"delete")
            QVERIFY(m_f->store->deletePage(m_f->aIds.at(1)));
        else if (edit == u"restore")
            QVERIFY(m_f->store->restorePage(m_f->aIds.at(2)));
        else if (edit == u"component")
            QVERIFY(m_f->store->createOrGetComponent(m_f->dossier.id, QStringLiteral("C")));
        else if (edit == u"other-dossier") {
            const DossierInfo other =
                m_f->store->createOrGetDossier(QStringLiteral("H15.50.05.13-261008-0976"), false).value();
            const ComponentInfo x = m_f->store->createOrGetComponent(other.id, QStringLiteral("X")).value();
            QVERIFY(savePage(*m_f->store, x, 1));
        }
        QCOMPARE(seen.structural(), signal);
        QCOMPARE(seen.inserted.count() + seen.moved.count() + seen.removed.count(), signal.isEmpty() ? 0 : 1);
        QCOMPARE(modelLines(model), storeLines(*m_f->store, m_f->dossier.id, View::VisiblePages));
        if (edit == u"rotate") {
            QVERIFY(seen.changed.count() >= 1);
            QCOMPARE(model.pageIndex(m_f->aIds.at(1)).data(DossierPagesModel::RotationRole).toInt(), 90);
        }
    }

    // Cleanup findings and blank reviews (StoreNotifier::pageUpdated) change the row in place: one
    // dataChanged naming the cleanup roles, no structural signal; a page removed in the review leaves.
    void cleanupFindingsChangeTheRowInPlace()
    {
        DossierPagesModel model(*m_f->store, m_f->dossier.id);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        using S = DossierPagesModel::BlankState;
        const auto blankOf = [&](qint64 id) {
            return S(model.pageIndex(id).data(DossierPagesModel::BlankRole).toInt());
        };
        QCOMPARE(blankOf(m_f->aIds.at(1)), S::NotBlank);
        PageCleanupRecord findings;
        findings.present = true;
        findings.options = QStringLiteral("blank");
        findings.blank = true;
        findings.inkPercent = 0.004;
        ModelSignals seen(&model);
        QVERIFY(m_f->store->saveCleanup(m_f->aIds.at(1), findings, nullptr));
        QVERIFY(m_f->store->saveCleanup(m_f->aIds.at(2), findings, nullptr));
        QCOMPARE(seen.structural(), QString());
        QCOMPARE(seen.changed.count(), 2);
        QVERIFY(seen.changed.at(0).at(2).value<QList<int>>().contains(DossierPagesModel::BlankRole));
        QCOMPARE(blankOf(m_f->aIds.at(1)), S::AwaitsReview);
        QCOMPARE(model.pageIndex(m_f->aIds.at(1)).data(DossierPagesModel::InkPercentRole).toDouble(), 0.004);
        QVERIFY(model.pageIndex(m_f->aIds.at(1)).data(DossierPagesModel::CleanedImageRole).toString().isEmpty());

        QVERIFY(m_f->store->reviewBlankPage(m_f->aIds.at(1), true));
        QCOMPARE(blankOf(m_f->aIds.at(1)), S::Kept);
        QCOMPARE(seen.structural(), QString());
        QVERIFY(m_f->store->reviewBlankPage(m_f->aIds.at(2), false));
        QCOMPARE(seen.structural(), QStringLiteral("removed"));
        QVERIFY(!model.pageIndex(m_f->aIds.at(2)).isValid());
        QCOMPARE(modelLines(model), storeLines(*m_f->store, m_f->dossier.id, View::VisiblePages));
    }

    void deletedViewShowsWhatCanBeRestored()
    {
        DossierPagesModel visible(*m_f->store, m_f->dossier.id);
        DossierPagesModel deleted(*m_f->store, m_f->dossier.id, View::DeletedPages);
        QAbstractItemModelTester tester1(&visible, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester tester2(&deleted, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(deleted.rowCount(deleted.componentIndex(m_f->a.id)), 0);
        ModelSignals seen(&deleted);
        const auto check = [&] {
            QCOMPARE(modelLines(visible), storeLines(*m_f->store, m_f->dossier.id, View::VisiblePages));
            QCOMPARE(modelLines(deleted), storeLines(*m_f->store, m_f->dossier.id, View::DeletedPages));
        };
        QVERIFY(m_f->store->deletePage(m_f->aIds.at(1)));
        check();
        QVERIFY(m_f->store->deletePage(m_f->aIds.at(3)));
        check();
        QVERIFY(m_f->store->deletePage(m_f->bIds.at(0)));
        check();
        QCOMPARE(deleted.rowCount(deleted.componentIndex(m_f->a.id)), 2);
        const QModelIndex first = deleted.index(0, 0, deleted.componentIndex(m_f->a.id));
        QCOMPARE(first.data(DossierPagesModel::PageIdRole).toLongLong(), m_f->aIds.at(1));
        QCOMPARE(first.data(DossierPagesModel::PositionRole).toInt(), 2); // where it comes back
        QVERIFY(first.data(DossierPagesModel::DeletedAtRole).toDateTime().isValid());
        QVERIFY(m_f->store->restorePage(m_f->aIds.at(1)));
        check();
        QVERIFY(m_f->store->rotatePage(m_f->aIds.at(0), 90)); // a visible page: nothing in the deleted view
        check();
        QCOMPARE(seen.inserted.count(), 3);
        QCOMPARE(seen.removed.count(), 1);
        QCOMPARE(seen.reset.count(), 0);
    }

    void longSessionStaysInStep()
    {
        // A scripted but varied session, undo and redo included; the models are compared with the
        // store after every step. The seed is fixed: a failure replays.
        DossierPagesModel visible(*m_f->store, m_f->dossier.id);
        DossierPagesModel deleted(*m_f->store, m_f->dossier.id, View::DeletedPages);
        QAbstractItemModelTester tester1(&visible, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester tester2(&deleted, QAbstractItemModelTester::FailureReportingMode::Fatal);
        ModelSignals seen(&visible);
        QUndoStack undo;
        QRandomGenerator rng(20261130);
        QList<ComponentInfo> components{m_f->a, m_f->b};
        int n = 100;
        for (int step = 0; step < 120; ++step) {
            const ComponentInfo c = components.at(rng.bounded(int(components.size())));
            const QList<PageRecord> shown = m_f->store->pages(c.id).value();
            const QList<PageRecord> gone = m_f->store->deletedPages(c.id).value();
            const int what = rng.bounded(9);
            QString done;
            if (what == 0 || shown.isEmpty()) {
                const int at = rng.bounded(int(shown.size()) + 2); // 0 appends
                QVERIFY(savePage(*m_f->store, c, ++n, at));
                done = QStringLiteral("save at %1").arg(at);
            } else if (what == 1 && components.size() < 4) {
                components.append(
                    m_f->store->createOrGetComponent(m_f->dossier.id, QStringLiteral("C%1").arg(components.size()))
                        .value());
                done = QStringLiteral("component");
            } else if (what <= 3) {
                const PageRecord &p = shown.at(rng.bounded(int(shown.size())));
                const ComponentInfo &to = components.at(rng.bounded(int(components.size())));
                const int count = int(m_f->store->pages(to.id)->size()) + (to.id == c.id ? 0 : 1);
                undo.push(new MovePageCommand(*m_f->store, p.id, to.id, 1 + rng.bounded(count)));
                done = QStringLiteral("move");
            } else if (what == 4) {
                undo.push(new RotatePageCommand(*m_f->store, shown.at(rng.bounded(int(shown.size()))).id,
                                                90 * (1 + rng.bounded(3))));
                done = QStringLiteral("rotate");
            } else if (what == 5) {
                undo.push(new DeletePageCommand(*m_f->store, shown.at(rng.bounded(int(shown.size()))).id));
                done = QStringLiteral("delete");
            } else if (what == 6 && !gone.isEmpty()) {
                undo.push(new RestorePageCommand(*m_f->store, gone.at(rng.bounded(int(gone.size()))).id));
                done = QStringLiteral("restore");
            } else if (what == 7 && undo.canUndo()) {
                undo.undo();
                done = QStringLiteral("undo");
            } else if (undo.canRedo()) {
                undo.redo();
                done = QStringLiteral("redo");
            }
            QVERIFY2(modelLines(visible) == storeLines(*m_f->store, m_f->dossier.id, View::VisiblePages),
                     qPrintable(QStringLiteral("step %1 (%2)").arg(step).arg(done)));
            QVERIFY2(modelLines(deleted) == storeLines(*m_f->store, m_f->dossier.id, View::DeletedPages),
                     qPrintable(QStringLiteral("step %1 (%2)").arg(step).arg(done)));
        }
        QCOMPARE(seen.reset.count(), 0);
        QVERIFY(seen.moved.count() > 10);
        QVERIFY(seen.removed.count() > 5);
        // Every page edit went to the log.
        const QStringList actions = auditActions(*m_f->store, m_f->dossier.id);
        for (const char *a : {"page-moved", "page-rotated", "page-deleted", "page-restored"})
            QVERIFY2(actions.contains(QString::fromLatin1(a)), a);
    }

    void editsFromAWorkerThreadArriveInOrder()
    {
        DossierPagesModel model(*m_f->store, m_f->dossier.id);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        ModelSignals seen(&model);
        DossierStore *store = m_f->store.get();
        const ComponentInfo a = m_f->a, b = m_f->b;
        QThread *worker = QThread::create([&] {
            for (int i = 0; i < 6; ++i) {
                auto p = savePage(*store, a, 50 + i, 1 + i % 3);
                if (p && i % 2)
                    (void)store->movePage(p->id, b.id, 1);
                if (p && i == 4)
                    (void)store->deletePage(p->id);
            }
            store->releaseThreadConnection();
        });
        worker->start();
        QVERIFY(worker->wait(60000));
        delete worker;
        QTRY_COMPARE(modelLines(model), storeLines(*m_f->store, m_f->dossier.id, View::VisiblePages));
        QCOMPARE(seen.reset.count(), 0);
        QCOMPARE(seen.inserted.count(), 6);
    }

    void reloadIsTheOnlyReset()
    {
        DossierPagesModel model(*m_f->store, m_f->dossier.id);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        ModelSignals seen(&model);
        QVERIFY(model.reload());
        QCOMPARE(seen.reset.count(), 1);
        QCOMPARE(modelLines(model), storeLines(*m_f->store, m_f->dossier.id, View::VisiblePages));
    }
};

QTEST_GUILESS_MAIN(TestDossierPagesModel)
#include "TestDossierPagesModel.moc"
