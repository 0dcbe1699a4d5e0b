// The store's change notifications: the right signal with what a model needs, only after the
// commit (another connection already sees the change), nothing for no-ops and failures, and
// queued in commit order to receivers in another thread.

#include "StoreTestSupport.h"

#include "core/dossier/DossierStore.h"
#include "core/dossier/StoreNotifier.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace sohoa;
using namespace sohoa::test;

namespace {

const QString kCode = kTestDossierCode;

QString dossierUpdated(int pages)
{
    return QStringLiteral("dossierUpdated %1 pages=%2").arg(kCode).arg(pages);
}

// Writes down every notification as text, and checks at the moment of the signal that the change
// is visible to another connection to the database, i.e. committed.
class Recorder : public QObject
{
public:
    // A queued receiver runs after later changes may have been committed: it cannot check its event.
    Recorder(DossierStore &store, Qt::ConnectionType type)
        : m_db(store.rootPath() + QStringLiteral("/sohoa.sqlite")), m_check(type == Qt::DirectConnection)
    {
        StoreNotifier *n = store.notifier();
        connect(
            n, &StoreNotifier::dossierCreated, this,
            [this](const DossierInfo &d) {
                record(QStringLiteral("dossierCreated %1").arg(d.code),
                       rawValue(m_db, QStringLiteral("SELECT COUNT(*) FROM dossiers WHERE id = %1").arg(d.id)) == 1);
            },
            type);
        connect(
            n, &StoreNotifier::dossierUpdated, this,
            [this](const DossierInfo &d) {
                record(QStringLiteral("dossierUpdated %1 pages=%2").arg(d.code).arg(d.pageCount), committed(d));
            },
            type);
        connect(
            n, &StoreNotifier::componentAdded, this,
            [this](const ComponentInfo &c) {
                record(QStringLiteral("componentAdded %1 at %2").arg(c.name).arg(c.position),
                       rawValue(m_db, QStringLiteral("SELECT COUNT(*) FROM components WHERE id = %1").arg(c.id)) == 1);
            },
            type);
        connect(
            n, &StoreNotifier::pageAdded, this,
            [this](const PageRecord &p) { record(QStringLiteral("pageAdded %1").arg(where(p)), committed(p)); }, type);
        connect(
            n, &StoreNotifier::pageMoved, this,
            [this](const PageRecord &p, qint64 fromComponent, int fromPosition) {
                record(QStringLiteral("pageMoved %1 from %2:%3").arg(where(p)).arg(fromComponent).arg(fromPosition),
                       committed(p));
            },
            type);
        connect(
            n, &StoreNotifier::pageRotated, this,
            [this](const PageRecord &p) {
                record(QStringLiteral("pageRotated %1 rot=%2").arg(where(p)).arg(p.rotation), committed(p));
            },
            type);
        connect(
            n, &StoreNotifier::pageDeleted, this,
            [this](const PageRecord &p, int fromPosition) {
                record(QStringLiteral("pageDeleted %1 from %2").arg(where(p)).arg(fromPosition), committed(p));
            },
            type);
        connect(
            n, &StoreNotifier::pageRestored, this,
            [this](const PageRecord &p) { record(QStringLiteral("pageRestored %1").arg(where(p)), committed(p)); },
            type);
    }

    QStringList events;
    QStringList uncommitted;  // events whose change another connection could not see yet
    QList<QThread *> threads; // where each event was delivered

    static QString where(const PageRecord &p)
    {
        return QStringLiteral("%1@%2:%3%4")
            .arg(p.id)
            .arg(p.componentId)
            .arg(p.position)
            .arg(p.deleted ? QStringLiteral("d") : QString());
    }

private:
    void record(const QString &event, bool isCommitted)
    {
        events.append(event);
        threads.append(QThread::currentThread());
        if (m_check && !isCommitted)
            uncommitted.append(event);
    }
    bool committed(const PageRecord &p) const
    {
        const QList<QVariantList> rows =
            rawRows(m_db, QStringLiteral(
                              "SELECT component_id, COALESCE(position, deleted_position), rotation, deleted_at IS NOT"
                              " NULL FROM pages WHERE id = %1")
                              .arg(p.id));
        return rows.size() == 1 && rows.constFirst() == QVariantList{p.componentId, p.position, p.rotation, p.deleted};
    }
    bool committed(const DossierInfo &d) const
    {
        const QList<QVariantList> rows =
            rawRows(m_db, QStringLiteral("SELECT updated_at, (SELECT COUNT(*) FROM pages p JOIN components c ON c.id ="
                                         " p.component_id WHERE c.dossier_id = d.id AND p.deleted_at IS NULL)"
                                         " FROM dossiers d WHERE id = %1")
                              .arg(d.id));
        return rows.size() == 1 &&
               QDateTime::fromString(rows.constFirst().value(0).toString(), Qt::ISODateWithMs) == d.updatedAt &&
               rows.constFirst().value(1).toInt() == d.pageCount;
    }

    QString m_db;
    bool m_check;
};

} // namespace

class TestStoreNotifier : public QObject
{
    Q_OBJECT

    std::unique_ptr<TwoComponentStore> m_f; // a new store for every test function

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_f = std::make_unique<TwoComponentStore>();
        QVERIFY(m_f->setUp(3, 0));
    }

    void eachChangeIsAnnouncedAfterItsCommit_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QStringList>("expected"); // %A %B: component ids, %1.. : page ids of A
        QTest::newRow("new dossier") << "dossier"
                                     << QStringList{QStringLiteral("dossierCreated H15.50.05.13-261008-0977")};
        QTest::newRow("new component") << "component" << QStringList{QStringLiteral("componentAdded C at 3")};
        QTest::newRow("page appended") << "save" << QStringList{QStringLiteral("pageAdded %4@%A:4"), dossierUpdated(4)};
        QTest::newRow("page inserted") << "save-at-1"
                                       << QStringList{QStringLiteral("pageAdded %4@%A:1"), dossierUpdated(4)};
        QTest::newRow("moved within") << "move-within"
                                      << QStringList{QStringLiteral("pageMoved %1@%A:3 from %A:1"), dossierUpdated(3)};
        QTest::newRow("moved across") << "move-across"
                                      << QStringList{QStringLiteral("pageMoved %2@%B:1 from %A:2"), dossierUpdated(3)};
        QTest::newRow("rotated") << "rotate"
                                 << QStringList{QStringLiteral("pageRotated %3@%A:3 rot=90"), dossierUpdated(3)};
        QTest::newRow("deleted") << "delete"
                                 << QStringList{QStringLiteral("pageDeleted %2@%A:2d from 2"), dossierUpdated(2)};
        QTest::newRow("restored") << "restore"
                                  << QStringList{QStringLiteral("pageRestored %2@%A:2"), dossierUpdated(3)};
    }

    void eachChangeIsAnnouncedAfterItsCommit()
    {
        QFETCH(QString, change);
        QFETCH(QStringList, expected);
        if (change == u"restore")
            QVERIFY(m_f->store->deletePage(m_f->aIds.at(1)));
        Recorder recorder(*m_f->store, Qt::DirectConnection);
        qint64 newPage = 0;
        if (change == u"dossier") {
            QVERIFY(m_f->store->createOrGetDossier(QStringLiteral("H15.50.05.13-261008-0977"), false));
        } else if (change == u"component") {
            QVERIFY(m_f->store->createOrGetComponent(m_f->dossier.id, QStringLiteral("C")));
        } else if (change.startsWith(u"save")) {
            auto p = savePage(*m_f->store, m_f->a, 4, change == u"save-at-1" ? 1 : 0);
            QVERIFY(p);
            newPage = p->id;
        } else if (change == u"move-within") {
            QVERIFY(m_f->store->movePage(m_f->aIds.at(0), m_f->a.id, 3));
        } else if (change == u"move-across") {
            QVERIFY(m_f->store->movePage(m_f->aIds.at(1), m_f->b.id, 1));
        } else if (change == u"rotate") {
            QVERIFY(m_f->store->rotatePage(m_f->aIds.at(2), 90));
        } else if (change == u"delete") {
            QVERIFY(m_f->store->deletePage(m_f->aIds.at(1)));
        } else if (change == u"restore") {
            QVERIFY(m_f->store->restorePage(m_f->aIds.at(1)));
        }
        for (QString &e : expected) {
            e.replace(QStringLiteral("%A"), QString::number(m_f->a.id))
                .replace(QStringLiteral("%B"), QString::number(m_f->b.id));
            for (int i = 0; i < m_f->aIds.size(); ++i)
                e.replace(QStringLiteral("%%1").arg(i + 1), QString::number(m_f->aIds.at(i)));
            e.replace(QStringLiteral("%4"), QString::number(newPage));
        }
        QCOMPARE(recorder.events, expected);
        QCOMPARE(recorder.uncommitted, QStringList());
    }

    void noChangeNoSignal()
    {
        Recorder recorder(*m_f->store, Qt::DirectConnection);
        QVERIFY(m_f->store->createOrGetDossier(kCode, false));                           // exists
        QVERIFY(m_f->store->createOrGetComponent(m_f->dossier.id, QStringLiteral("A"))); // exists
        QVERIFY(m_f->store->movePage(m_f->aIds.at(0), m_f->a.id, 1));                    // where it is
        QVERIFY(!m_f->store->movePage(m_f->aIds.at(0), m_f->a.id, 7));                   // refused
        QVERIFY(!m_f->store->rotatePage(m_f->aIds.at(0), 45));                           // refused
        QVERIFY(!m_f->store->restorePage(m_f->aIds.at(0)));                              // not deleted
        QVERIFY(!m_f->store->createOrGetDossier(QStringLiteral("bad code"), false));     // refused
        QCOMPARE(recorder.events, QStringList());
    }

    void otherThreadsGetThemQueuedInOrder()
    {
        // The writer is a worker thread; the receiver lives in this (the "UI") thread.
        Recorder recorder(*m_f->store, Qt::AutoConnection);
        DossierStore *store = m_f->store.get();
        const ComponentInfo a = m_f->a, b = m_f->b;
        const QList<qint64> ids = m_f->aIds;
        QStringList expected;
        QThread *worker = QThread::create([&] {
            // Each step writes down what the receiver must see, in commit order.
            for (int i = 0; i < 5; ++i) {
                auto p = savePage(*store, a, 10 + i, 1);
                if (p)
                    expected << QStringLiteral("pageAdded ") + Recorder::where(p.value()) << dossierUpdated(4 + i);
                const PageRecord before = store->page(ids.at(i % 3)).value();
                auto m = store->movePage(before.id, b.id, 1);
                if (m)
                    expected << QStringLiteral("pageMoved %1 from %2:%3")
                                    .arg(Recorder::where(m.value()))
                                    .arg(before.componentId)
                                    .arg(before.position)
                             << dossierUpdated(4 + i);
            }
            store->releaseThreadConnection();
        });
        worker->start();
        QVERIFY(worker->wait(60000));
        delete worker;
        QCOMPARE(recorder.events, QStringList()); // nothing delivered while this thread did not run its loop
        QTRY_COMPARE(recorder.events.size(), expected.size());
        QCOMPARE(recorder.events.size(), 20);
        for (QThread *t : std::as_const(recorder.threads))
            QCOMPARE(t, QThread::currentThread());
        QCOMPARE(recorder.events, expected);
    }
};

QTEST_GUILESS_MAIN(TestStoreNotifier)
#include "TestStoreNotifier.moc"
