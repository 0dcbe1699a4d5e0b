// Rebuilding a store's index as a job: progress counts the page files read (throttled, the last always
// delivered), exactly one finished(), and a cancel at any moment, or a job destroyed while it runs,
// leaves the store exactly as it was (no index made, nothing moved, no leftover).

#include "JobTestSupport.h"
#include "StoreTestSupport.h"
#include "app/workflows/StoreRebuildJob.h"
#include "core/dossier/DossierStore.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::workflows;
using namespace sohoa::test;

namespace {

constexpr int kPages = 60;

// A dossier of noise pages (large PNGs: reading them back takes a moment), then its index deleted.
bool makeStoreWithoutIndex(const QString &root, QString *error)
{
    {
        auto store = DossierStore::open(root);
        auto dossier = store ? store.value()->createOrGetDossier(kTestDossierCode, false, QStringLiteral("Thủ tục"))
                             : Result<DossierInfo>(store.error());
        auto component = dossier ? store.value()->createOrGetComponent(dossier->id, QStringLiteral("Tài liệu"))
                                 : Result<ComponentInfo>(dossier.error());
        if (!component) {
            *error = component.error().fullText();
            return false;
        }
        if (auto saved = saveNoisePages(*store.value(), component.value(), kPages, QSize(800, 1100), 11); !saved) {
            *error = saved.error().fullText();
            return false;
        }
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(root + QStringLiteral("/sohoa.sqlite") + suffix);
    return true;
}

} // namespace

class TestStoreRebuildJob : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_root;

    void forgetIndex()
    {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(m_root + QStringLiteral("/sohoa.sqlite") + suffix);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_root = m_dir.path();
        QString error;
        QVERIFY2(makeStoreWithoutIndex(m_root, &error), qPrintable(error));
    }

    void rebuildsWithThrottledProgress()
    {
        StoreRebuildJob job(m_root);
        QSignalSpy progress(&job, &Job::progress);
        QCOMPARE(runJobToEnd(job), 1);
        QVERIFY2(!job.error().isError(), qPrintable(job.error().fullText()));
        QCOMPARE(job.report().pages, kPages);
        QVERIFY2(job.report().isClean(), qPrintable(job.report().manifestProblems.join(u'\n')));
        QVERIFY(progress.size() >= 1 && progress.size() < kPages);
        const JobProgress last = progress.last().at(0).value<JobProgress>();
        QCOMPARE(last.done, kPages);
        QCOMPARE(last.total, kPages);
        auto store = DossierStore::open(m_root);
        QVERIFY2(store, qPrintable(store.error().fullText()));
        QCOMPARE(store.value()->dossier(kTestDossierCode)->pageCount, kPages);
        QCOMPARE(store.value()->dossier(kTestDossierCode)->procedure, QStringLiteral("Thủ tục"));
        store.value().reset();
        forgetIndex();
    }

    // Until the new index takes its place, nothing in the store changes: a cancel at any moment leaves
    // every file as it was (or, when the rebuild won the race, a whole index), and one finished().
    void cancelAtRandomMomentsLeavesTheStoreAsItWas()
    {
        QRandomGenerator random(replayableSeed());
        int cancelled = 0;
        for (int trial = 0; trial < 8; ++trial) {
            const QMap<QString, QString> before = allFileDigests(m_root);
            StoreRebuildJob job(m_root);
            QSignalSpy finished(&job, &Job::finished);
            job.start();
            QTest::qWait(trial == 0 ? 0 : int(random.bounded(150))); // the first at once: one cancel whatever the speed
            job.cancel();
            QVERIFY(!finished.isEmpty() || finished.wait(60000));
            QTest::qWait(20);
            QCOMPARE(finished.size(), 1);
            if (job.error().code() == ErrorCode::Cancelled) {
                ++cancelled;
                QCOMPARE(allFileDigests(m_root), before);
            } else {
                QVERIFY2(!job.error().isError(), qPrintable(job.error().fullText()));
                auto store = DossierStore::open(m_root);
                QVERIFY2(store, qPrintable(store.error().fullText()));
                QCOMPARE(store.value()->dossier(kTestDossierCode)->pageCount, kPages);
                store.value().reset();
                forgetIndex();
            }
        }
        QVERIFY(cancelled > 0);
    }

    void aJobDestroyedWhileRunningLeavesTheStoreAsItWas()
    {
        const QMap<QString, QString> before = allFileDigests(m_root);
        {
            StoreRebuildJob job(m_root);
            QSignalSpy progress(&job, &Job::progress);
            job.start();
            QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 1, 30000);
        }
        // Either it was stopped before the index was in place (nothing changed), or it had finished.
        if (QFileInfo::exists(m_root + QStringLiteral("/sohoa.sqlite"))) {
            QVERIFY(DossierStore::open(m_root));
            forgetIndex();
        } else {
            QCOMPARE(allFileDigests(m_root), before);
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreRebuildJob)
#include "TestStoreRebuildJob.moc"
