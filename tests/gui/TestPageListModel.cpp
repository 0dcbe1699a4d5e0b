// The page grid's flat list over a dossier's tree: header rows and page rows follow every store change
// row by row (no reset that would lose the officer's selection), and a drop of dragged pages becomes
// the store's audited, undoable moves in the order and place they were dropped.

#include "StoreTestSupport.h"

#include "app/gui/PageListModel.h"
#include "app/gui/PagesPane.h"
#include "core/dossier/DossierPagesModel.h"
#include "core/dossier/DossierStore.h"

#include <QAbstractItemModelTester>
#include <QListView>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace sohoa;

class TestPageListModel : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        QTemporaryDir dir;
        std::unique_ptr<DossierStore> store;
        DossierInfo dossier;
        ComponentInfo a, b;
    };

    static void make(Fixture &f)
    {
        f.store = DossierStore::open(f.dir.path()).value();
        f.dossier = f.store->createOrGetDossier(QStringLiteral("H15.50.05.13-261130-0400"), false).value();
        f.a = f.store->createOrGetComponent(f.dossier.id, QStringLiteral("A")).value();
        f.b = f.store->createOrGetComponent(f.dossier.id, QStringLiteral("B")).value();
        QVERIFY(test::saveNoisePages(*f.store, f.a, 3, QSize(40, 60), 1));
        QVERIFY(test::saveNoisePages(*f.store, f.b, 2, QSize(40, 60), 2));
    }

    // The flat list as text: "A" for a header, page ids otherwise.
    static QStringList rows(const gui::PageListModel &m)
    {
        QStringList out;
        for (int r = 0; r < m.rowCount(); ++r) {
            const QModelIndex i = m.index(r);
            out << (i.data(gui::PageListModel::IsHeaderRole).toBool()
                        ? i.data(DossierPagesModel::ComponentNameRole).toString()
                        : QString::number(i.data(DossierPagesModel::PageIdRole).toLongLong()));
        }
        return out;
    }

    static QStringList expected(DossierStore &store, const DossierInfo &dossier)
    {
        QStringList out;
        for (const ComponentInfo &c : store.components(dossier.id).value()) {
            out << c.name;
            for (const PageRecord &p : store.pages(c.id).value())
                out << QString::number(p.id);
        }
        return out;
    }

private slots:
    void followsTheStoreRowByRow()
    {
        Fixture f;
        make(f);
        DossierPagesModel tree(*f.store, f.dossier.id);
        QVERIFY(tree.reload());
        gui::PageListModel flat;
        QAbstractItemModelTester tester(&flat, QAbstractItemModelTester::FailureReportingMode::QtTest);
        flat.setSourceModel(&tree);
        QCOMPARE(rows(flat), expected(*f.store, f.dossier));
        QSignalSpy resets(&flat, &QAbstractItemModel::modelReset);
        const QList<PageRecord> pagesA = f.store->pages(f.a.id).value();
        const QList<PageRecord> pagesB = f.store->pages(f.b.id).value();
        QVERIFY(f.store->movePage(pagesA.at(0).id, f.a.id, 3));  // within a component
        QCOMPARE(rows(flat), expected(*f.store, f.dossier));
        QVERIFY(f.store->movePage(pagesB.at(1).id, f.a.id, 1));  // across, to the front
        QCOMPARE(rows(flat), expected(*f.store, f.dossier));
        QVERIFY(f.store->deletePage(pagesA.at(1).id));
        QCOMPARE(rows(flat), expected(*f.store, f.dossier));
        QVERIFY(f.store->restorePage(pagesA.at(1).id));
        QCOMPARE(rows(flat), expected(*f.store, f.dossier));
        const ComponentInfo c = f.store->createOrGetComponent(f.dossier.id, QStringLiteral("C")).value();
        QVERIFY(test::saveNoisePages(*f.store, c, 2, QSize(40, 60), 3));
        QCOMPARE(rows(flat), expected(*f.store, f.dossier));
        QCOMPARE(resets.size(), 0);
        // Page numbers count through the whole dossier.
        QCOMPARE(flat.index(1).data(gui::PageListModel::PageNumberRole).toInt(), 1);
        QCOMPARE(flat.index(rows(flat).indexOf(QStringLiteral("B")) + 1).data(gui::PageListModel::PageNumberRole).toInt(),
                 f.store->pages(f.a.id).value().size() + 1);
    }

    void droppedPagesMoveThroughTheUndoStack()
    {
        Fixture f;
        make(f);
        QUndoStack undo;
        gui::PagesPane pane(&undo);
        pane.setStore(f.store.get(), nullptr);
        pane.setDossier(f.dossier.id);
        gui::PageListModel *flat = pane.model();
        const QList<PageRecord> pagesA = f.store->pages(f.a.id).value();
        const QList<PageRecord> pagesB = f.store->pages(f.b.id).value();
        // Drag the first and third pages of A onto the second page of B: they go before it, in order.
        const QModelIndexList dragged{flat->index(1), flat->index(3)};
        std::unique_ptr<QMimeData> mime(flat->mimeData(dragged));
        const int target = int(rows(*flat).indexOf(QString::number(pagesB.at(1).id)));
        QSignalSpy requested(flat, &gui::PageListModel::moveRequested);
        QVERIFY(!flat->dropMimeData(mime.get(), Qt::MoveAction, target, 0, {})); // the view removes nothing
        QCOMPARE(requested.size(), 1);
        QList<qint64> b;
        for (const PageRecord &p : f.store->pages(f.b.id).value())
            b << p.id;
        QCOMPARE(b, QList<qint64>({pagesB.at(0).id, pagesA.at(0).id, pagesA.at(2).id, pagesB.at(1).id}));
        QCOMPARE(f.store->pages(f.a.id).value().size(), 1);
        QCOMPARE(rows(*flat), expected(*f.store, f.dossier));
        // One undo step puts both back.
        QCOMPARE(undo.count(), 1);
        undo.undo();
        QList<qint64> a;
        for (const PageRecord &p : f.store->pages(f.a.id).value())
            a << p.id;
        QCOMPARE(a, QList<qint64>({pagesA.at(0).id, pagesA.at(1).id, pagesA.at(2).id}));
        QCOMPARE(rows(*flat), expected(*f.store, f.dossier));
        // Dropped on a component's header: the start of that component.
        mime.reset(flat->mimeData({flat->index(int(rows(*flat).indexOf(QString::number(pagesB.at(1).id))))}));
        const QModelIndex headerA = flat->index(0);
        flat->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, headerA);
        QCOMPARE(f.store->pages(f.a.id).value().first().id, pagesB.at(1).id);
        bool audited = false;
        for (const AuditEntry &e : f.store->auditLog(f.dossier.id).value())
            audited = audited || e.action.contains(QStringLiteral("move"));
        QVERIFY(audited);
    }
};

QTEST_MAIN(TestPageListModel)
#include "TestPageListModel.moc"
