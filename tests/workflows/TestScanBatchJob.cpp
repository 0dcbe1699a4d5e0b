// The scan-a-batch use case with SANE's real `test` backend: faults injected between pages keep
// every page already read, a later batch continues the component, separations arrive in sheet order,
// and the job contract holds: one finished(), cancel at any moment keeps what was saved, a job
// destroyed while it runs stops cleanly, a device session is shared across batches.

#include "JobTestSupport.h"
#include "SaneTestEnv.h"
#include "app/workflows/ListDevicesJob.h"
#include "app/workflows/ScanBatchJob.h"
#include "core/common/Sha256.h"
#include "scanner/DeviceSession.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::workflows;
using namespace sohoa::test;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");

ScanRequest adfJob(const QString &component = QStringLiteral("Hồ sơ"))
{
    ScanRequest job;
    job.deviceName = QStringLiteral("test:0");
    job.settings.source = Source::Adf;
    job.settings.mode = ColorMode::Color;
    job.settings.resolution = 50;
    job.settings.pageSizeMm = QSizeF(210, 297);
    // The test backend keeps option values for the whole process: always start from Default.
    job.rawOptions = {{QStringLiteral("test-picture"), QStringLiteral("Color pattern")},
                      {QStringLiteral("read-return-value"), QStringLiteral("Default")},
                      {QStringLiteral("read-delay"), QStringLiteral("no")}};
    job.dossierCode = kCode;
    job.component = component;
    return job;
}

// Four pages at 100 dpi, 20 ms per read: slow enough to cancel in the middle.
ScanRequest slowJob()
{
    ScanRequest job = adfJob();
    job.settings.resolution = 100;
    job.maxPages = 4;
    job.rawOptions.append({QStringLiteral("read-delay"), QStringLiteral("yes")});
    job.rawOptions.append({QStringLiteral("read-delay-duration"), QStringLiteral("20000")});
    return job;
}

} // namespace

class TestScanBatchJob : public QObject
{
    Q_OBJECT

    test::SaneTestEnv m_sane;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ScanBatchJob::registerMetaTypes();
    }

    void faultOnPageNKeepsEarlierPagesAndContinues_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("failingPage");
        QTest::addColumn<ErrorCode>("expected");
        QTest::newRow("jammed on 4") << QStringLiteral("SANE_STATUS_JAMMED") << 4 << ErrorCode::ScannerJammed;
        QTest::newRow("cover open on 2") << QStringLiteral("SANE_STATUS_COVER_OPEN") << 2
                                         << ErrorCode::ScannerCoverOpen;
        QTest::newRow("io error on 7") << QStringLiteral("SANE_STATUS_IO_ERROR") << 7 << ErrorCode::ScannerIoError;
        QTest::newRow("busy on 3") << QStringLiteral("SANE_STATUS_DEVICE_BUSY") << 3 << ErrorCode::ScannerBusy;
        QTest::newRow("no memory on 5") << QStringLiteral("SANE_STATUS_NO_MEM") << 5 << ErrorCode::ScannerNoMemory;
        QTest::newRow("access denied on 6")
            << QStringLiteral("SANE_STATUS_ACCESS_DENIED") << 6 << ErrorCode::ScannerAccessDenied;
        QTest::newRow("inval on 8") << QStringLiteral("SANE_STATUS_INVAL") << 8 << ErrorCode::ScannerInvalidValue;
        QTest::newRow("unsupported on 9")
            << QStringLiteral("SANE_STATUS_UNSUPPORTED") << 9 << ErrorCode::ScannerUnsupported;
        QTest::newRow("cancelled on 10") << QStringLiteral("SANE_STATUS_CANCELLED") << 10 << ErrorCode::Cancelled;
        QTest::newRow("eof on 4") << QStringLiteral("SANE_STATUS_EOF") << 4 << ErrorCode::ScannerProtocol;
        // After at least one page, an empty feeder is the normal end of the batch.
        QTest::newRow("no docs on 4") << QStringLiteral("SANE_STATUS_NO_DOCS") << 4 << ErrorCode::None;
    }
    void faultOnPageNKeepsEarlierPagesAndContinues()
    {
        QFETCH(QString, status);
        QFETCH(int, failingPage);
        QFETCH(ErrorCode, expected);
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        QVERIFY(store);
        ScanBatchJob job(*store.value(), adfJob());
        QSignalSpy reported(&job, &ScanBatchJob::pageSaved);
        job.setBetweenPagesHook([&](int index, ScannerDevice &device) {
            if (index == failingPage - 2) // after page N-1 was read
                QVERIFY(device.setOption(QStringLiteral("read-return-value"), status));
        });
        QCOMPARE(runJobToEnd(job), 1);
        const ScanReport &report = job.report();
        QCOMPARE(report.error.code(), expected);
        QCOMPARE(job.error().code(), expected);
        QCOMPARE(report.savedPages.size(), failingPage - 1);
        QCOMPARE(reported.size(), failingPage - 1);
        QCOMPARE(report.pagesAcquiredNotSaved, 0);
        auto stored = store.value()->pages(report.component.id);
        QCOMPARE(stored->size(), failingPage - 1);
        for (int i = 0; i < stored->size(); ++i) {
            QCOMPARE(stored->at(i).seq, i + 1);
            QCOMPARE(sha256HexOfFile(stored->at(i).absolutePath).value(), stored->at(i).sha256);
        }

        // The scanner is fixed: the same dossier and component continue where the batch stopped.
        ScanBatchJob next(*store.value(), adfJob());
        QCOMPARE(runJobToEnd(next), 1);
        QVERIFY2(!next.report().error.isError(), qPrintable(next.report().error.fullText()));
        QCOMPARE(next.report().component.id, report.component.id);
        QCOMPARE(next.report().savedPages.size(), 10);
        QCOMPARE(next.report().savedPages.first().seq, failingPage);
        QCOMPARE(store.value()->pages(report.component.id)->size(), failingPage - 1 + 10);
        QCOMPARE(store.value()->integrityCheck().value(), QStringLiteral("ok"));
    }

    void savedPagesAreCommittedThenOneFinished()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        ScanBatchJob job(*store.value(), adfJob());
        QSignalSpy saved(&job, &ScanBatchJob::pageSaved);
        QSignalSpy started(&job, &ScanBatchJob::batchStarted);
        QSignalSpy progress(&job, &Job::progress);
        bool everySavedPageWasCommitted = true;
        connect(&job, &ScanBatchJob::pageSaved, this, [&](const PageRecord &page) {
            // The promise behind the signal: the row is committed and the file is there.
            auto rows = store.value()->pages(page.componentId);
            bool found = false;
            for (const PageRecord &r : rows.value())
                found = found || (r.id == page.id && r.sha256 == page.sha256);
            everySavedPageWasCommitted =
                everySavedPageWasCommitted && found && sha256HexOfFile(page.absolutePath).value() == page.sha256;
        });
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().at(0).value<DossierInfo>().code, kCode);
        QCOMPARE(saved.size(), 10);
        QVERIFY(everySavedPageWasCommitted);
        QVERIFY(!job.report().error.isError());
        QCOMPARE(job.report().savedPages.size(), 10);
        QCOMPARE(job.state(), Job::State::Finished);
        // The last progress always arrives: all 10 pages saved.
        QVERIFY(progress.size() >= 1);
        QCOMPARE(progress.last().at(0).value<JobProgress>().done, 10);
    }

    void separationsArriveInSheetOrder()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        ScanRequest request = adfJob();
        request.separation = SeparationSettings::parse(QStringLiteral("every:4")).value();
        ScanBatchJob job(*store.value(), request);
        QStringList order; // "page <component>" and "split <component>", as the signals arrive
        connect(&job, &ScanBatchJob::pageSaved, this,
                [&](const PageRecord &page) { order.append(QStringLiteral("page %1").arg(page.componentId)); });
        QList<SeparationEvent> events;
        connect(&job, &ScanBatchJob::separated, this, [&](const SeparationEvent &e) {
            events.append(e);
            order.append(QStringLiteral("split ") + e.component);
        });
        QCOMPARE(runJobToEnd(job), 1);
        const ScanReport &report = job.report();
        QVERIFY2(!report.error.isError(), qPrintable(report.error.fullText()));
        QCOMPARE(report.savedPages.size(), 10);
        // 10 sheets every 4: documents of 4, 4 and 2 pages, two splits, relayed as the report has them.
        QCOMPARE(events.size(), 2);
        QCOMPARE(events.size(), report.separations.size());
        for (int i = 0; i < events.size(); ++i) {
            QCOMPARE(events.at(i).kind, QStringLiteral("every"));
            QCOMPARE(events.at(i).component, report.separations.at(i).component);
        }
        QVERIFY(events.at(0).component != events.at(1).component);
        // In sheet order: each split comes after the 4th page of the document before it.
        QCOMPARE(order.size(), 12);
        QVERIFY2(order.at(4).startsWith(QStringLiteral("split ")), qPrintable(order.join(u',')));
        QVERIFY2(order.at(9).startsWith(QStringLiteral("split ")), qPrintable(order.join(u',')));
    }

    void cancelKeepsWhatWasSaved()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        ScanRequest request = slowJob();
        ScanBatchJob job(*store.value(), request);
        QSignalSpy saved(&job, &ScanBatchJob::pageSaved);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QTRY_VERIFY_WITH_TIMEOUT(saved.size() >= 1, 60000);
        job.cancel();
        QVERIFY(finished.wait(10000));
        QCOMPARE(job.report().error.code(), ErrorCode::Cancelled);
        QCOMPARE(finished.first().at(0).value<Error>().code(), ErrorCode::Cancelled);
        QVERIFY(job.report().savedPages.size() >= 1 && job.report().savedPages.size() < 10);
        QCOMPARE(store.value()->pages(job.report().component.id)->size(), job.report().savedPages.size());
        for (const PageRecord &p : job.report().savedPages)
            QCOMPARE(sha256HexOfFile(p.absolutePath).value(), p.sha256);
    }

    // Cancel at random moments of a batch, from before the scanner starts to after the last page:
    // always exactly one finished(), Cancelled unless the batch ended first, and what the store holds
    // is exactly what was reported saved, every file whole.
    void cancelAtRandomMomentsKeepsExactlyWhatWasReported()
    {
        QRandomGenerator random(replayableSeed());
        for (int trial = 0; trial < 8; ++trial) {
            QTemporaryDir dir;
            auto store = DossierStore::open(dir.path());
            ScanBatchJob job(*store.value(), slowJob());
            QSignalSpy saved(&job, &ScanBatchJob::pageSaved);
            QSignalSpy finished(&job, &Job::finished);
            const int delayMs = int(random.bounded(1200));
            job.start();
            QTest::qWait(delayMs);
            job.cancel();
            QVERIFY2(finished.size() == 1 || finished.wait(20000), qPrintable(QStringLiteral("trial %1").arg(trial)));
            QTest::qWait(30);
            QCOMPARE(finished.size(), 1);
            const ErrorCode code = job.error().code();
            QVERIFY2(code == ErrorCode::Cancelled || code == ErrorCode::None,
                     qPrintable(QStringLiteral("trial %1 at %2 ms: %3").arg(trial).arg(delayMs).arg(job.error().id())));
            if (code == ErrorCode::None)
                QCOMPARE(job.report().savedPages.size(), 4);
            QCOMPARE(saved.size(), job.report().savedPages.size());
            const qint64 componentId = job.report().component.id;
            if (componentId == 0) // cancelled before the dossier was made: nothing at all
                continue;
            auto rows = store.value()->pages(componentId);
            QCOMPARE(rows->size(), job.report().savedPages.size());
            for (const PageRecord &p : rows.value())
                QCOMPARE(sha256HexOfFile(p.absolutePath).value(), p.sha256);
            QCOMPARE(store.value()->integrityCheck().value(), QStringLiteral("ok"));
        }
    }

    void aJobDestroyedWhileScanningStopsCleanly()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        int reported = 0;
        qint64 componentId = 0;
        {
            ScanBatchJob job(*store.value(), slowJob());
            connect(&job, &ScanBatchJob::pageSaved, this, [&](const PageRecord &p) {
                ++reported;
                componentId = p.componentId;
            });
            job.start();
            QTRY_VERIFY_WITH_TIMEOUT(reported >= 1, 60000);
        } // destroyed mid-batch: cancels and waits for its threads
        QVERIFY(componentId != 0);
        // Signals already on their way may still be delivered; none after that, and no crash.
        QTest::qWait(100);
        auto rows = store.value()->pages(componentId);
        QVERIFY(rows->size() >= reported);
        QVERIFY(rows->size() < 4);
        for (const PageRecord &p : rows.value())
            QCOMPARE(sha256HexOfFile(p.absolutePath).value(), p.sha256);
        QCOMPARE(store.value()->integrityCheck().value(), QStringLiteral("ok"));
    }

    void aSharedDeviceSessionKeepsTheUsersSettings()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        auto session = std::make_shared<DeviceSession>(QStringLiteral("test:0"));
        QVERIFY(session->open());
        // What an options panel does before the officer presses Scan: gray, 30 dpi, the feeder.
        QVERIFY(session->setOption(QStringLiteral("mode"), QStringLiteral("Gray")));
        QVERIFY(session->setOption(QStringLiteral("resolution"), QStringLiteral("30")));
        QVERIFY(session->setOption(QStringLiteral("source"), QStringLiteral("Automatic Document Feeder")));
        QVERIFY(session->setOption(QStringLiteral("read-return-value"), QStringLiteral("Default")));
        ScanRequest request; // no settings of its own: the session's are used
        request.dossierCode = kCode;
        request.maxPages = 2;
        for (int batch = 0; batch < 2; ++batch) {
            ScanBatchJob job(*store.value(), request, session);
            QCOMPARE(runJobToEnd(job), 1);
            QVERIFY2(!job.error().isError(), qPrintable(job.error().fullText()));
            QCOMPARE(job.report().savedPages.size(), 2);
            for (const PageRecord &p : job.report().savedPages) {
                QCOMPARE(p.mode, ColorMode::Gray);
                QCOMPARE(p.dpi, 30);
            }
        }
        QCOMPARE(store.value()->dossierPages(store.value()->dossier(kCode)->id)->size(), 4);
        QCOMPARE(session->option(QStringLiteral("resolution")).value.toInt(), 30);
    }

    void badCodeCostsNoPaper()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        ScanRequest request = adfJob();
        request.dossierCode = QStringLiteral("not a code");
        ScanBatchJob job(*store.value(), request);
        int acquired = 0;
        job.setBetweenPagesHook([&](int, ScannerDevice &) { ++acquired; });
        QCOMPARE(runJobToEnd(job), 1);
        QCOMPARE(job.error().code(), ErrorCode::InvalidDossierCode);
        QCOMPARE(acquired, 0);
        QVERIFY(store.value()->dossiers()->isEmpty());
    }

    void devicesAreListedOffTheCallingThread()
    {
        ListDevicesJob job;
        QCOMPARE(runJobToEnd(job, 30000), 1);
        QStringList names;
        for (const DeviceInfo &d : job.devices())
            names << d.name;
        QVERIFY2(names.contains(QStringLiteral("test:0")), qPrintable(names.join(u',')));
        QVERIFY(!job.error().isError());
    }
};

QTEST_GUILESS_MAIN(TestScanBatchJob)
#include "TestScanBatchJob.moc"
