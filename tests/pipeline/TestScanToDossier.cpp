// The scan-to-dossier engine with SANE's real `test` backend: faults injected between pages keep
// every page already read, a later run continues the component, and the asynchronous faces
// (ScanSession, DeviceDiscovery) keep their one-result contract.

#include "scanner/DeviceDiscovery.h"
#include "SaneTestEnv.h"
#include "scanner/ScanSession.h"
#include "scanner/ScanToDossier.h"
#include "core/common/Sha256.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sohoa;
using namespace sohoa::scanner;

namespace {

const QString kCode = QStringLiteral("H15.50.05.13-261008-0975");

ScanJob adfJob(const QString &component = QStringLiteral("Hồ sơ"))
{
    ScanJob job;
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

} // namespace

class TestScanToDossier : public QObject
{
    Q_OBJECT

    test::SaneTestEnv m_sane;

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

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
        ScanToDossier pipeline(*store.value());
        ScanCallbacks cb;
        QList<PageRecord> reported;
        cb.pageSaved = [&](const PageRecord &p) {
            reported.append(p);
        };
        cb.betweenPages = [&](int index, ScannerDevice &device) {
            if (index == failingPage - 2) // after page N-1 was read
                QVERIFY(device.setOption(QStringLiteral("read-return-value"), status));
        };
        const ScanReport report = pipeline.run(adfJob(), cb);
        QCOMPARE(report.error.code(), expected);
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
        const ScanReport next = pipeline.run(adfJob(), {});
        QVERIFY2(!next.error.isError(), qPrintable(next.error.fullText()));
        QCOMPARE(next.component.id, report.component.id);
        QCOMPARE(next.savedPages.size(), 10);
        QCOMPARE(next.savedPages.first().seq, failingPage);
        QCOMPARE(store.value()->pages(report.component.id)->size(), failingPage - 1 + 10);
        QCOMPARE(store.value()->integrityCheck().value(), QStringLiteral("ok"));
    }

    void sessionEmitsSavedPagesThenOneFinished()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        ScanSession session(*store.value());
        QSignalSpy saved(&session, &ScanSession::pageSaved);
        QSignalSpy finished(&session, &ScanSession::finished);
        QSignalSpy started(&session, &ScanSession::started);
        bool everySavedPageWasCommitted = true;
        connect(&session, &ScanSession::pageSaved, this, [&](const PageRecord &page) {
            // The promise behind the signal: the row is committed and the file is there.
            auto rows = store.value()->pages(page.componentId);
            bool found = false;
            for (const PageRecord &r : rows.value())
                found = found || (r.id == page.id && r.sha256 == page.sha256);
            everySavedPageWasCommitted =
                everySavedPageWasCommitted && found && sha256HexOfFile(page.absolutePath).value() == page.sha256;
        });
        session.start(adfJob());
        QVERIFY(finished.wait(60000));
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().at(0).toString(), kCode);
        QCOMPARE(saved.size(), 10);
        QVERIFY(everySavedPageWasCommitted);
        const auto report = finished.first().at(0).value<ScanReport>();
        QVERIFY(!report.error.isError());
        QCOMPARE(report.savedPages.size(), 10);
    }

    void sessionRelaysSeparationsInOrder()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        ScanSession session(*store.value());
        QStringList order; // "page <component>" and "split <component>", as the signals arrive
        connect(&session, &ScanSession::pageSaved, this, [&](const PageRecord &page) {
            order.append(QStringLiteral("page %1").arg(page.componentId));
        });
        QList<SeparationEvent> events;
        connect(&session, &ScanSession::separated, this, [&](const SeparationEvent &e) {
            events.append(e);
            order.append(QStringLiteral("split ") + e.component);
        });
        QSignalSpy finished(&session, &ScanSession::finished);
        ScanJob job = adfJob();
        job.separation = SeparationSettings::parse(QStringLiteral("every:4")).value();
        session.start(job);
        QVERIFY(finished.wait(60000));
        QTest::qWait(50);
        const auto report = finished.first().at(0).value<ScanReport>();
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
        ScanSession session(*store.value());
        QSignalSpy saved(&session, &ScanSession::pageSaved);
        QSignalSpy finished(&session, &ScanSession::finished);
        ScanJob job = adfJob();
        job.settings.resolution = 100;
        job.rawOptions.append({QStringLiteral("read-delay"), QStringLiteral("yes")});
        job.rawOptions.append({QStringLiteral("read-delay-duration"), QStringLiteral("20000")});
        session.start(job);
        QTRY_VERIFY_WITH_TIMEOUT(saved.size() >= 1, 60000);
        session.cancel();
        QVERIFY(finished.wait(10000));
        const auto report = finished.first().at(0).value<ScanReport>();
        QCOMPARE(report.error.code(), ErrorCode::Cancelled);
        QVERIFY(report.savedPages.size() >= 1 && report.savedPages.size() < 10);
        QCOMPARE(store.value()->pages(report.component.id)->size(), report.savedPages.size());
        for (const PageRecord &p : report.savedPages)
            QCOMPARE(sha256HexOfFile(p.absolutePath).value(), p.sha256);
    }

    void badCodeCostsNoPaper()
    {
        QTemporaryDir dir;
        auto store = DossierStore::open(dir.path());
        ScanToDossier pipeline(*store.value());
        ScanJob job = adfJob();
        job.dossierCode = QStringLiteral("not a code");
        int acquired = 0;
        ScanCallbacks cb;
        cb.betweenPages = [&](int, ScannerDevice &) {
            ++acquired;
        };
        const ScanReport report = pipeline.run(job, cb);
        QCOMPARE(report.error.code(), ErrorCode::InvalidDossierCode);
        QCOMPARE(acquired, 0);
        QVERIFY(store.value()->dossiers()->isEmpty());
    }

    void discoveryRunsOffTheCallingThread()
    {
        DeviceDiscovery discovery;
        QSignalSpy finished(&discovery, &DeviceDiscovery::finished);
        discovery.start();
        QVERIFY(discovery.isRunning());
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.size(), 1);
        const auto devices = finished.first().at(0).value<QList<DeviceInfo>>();
        QStringList names;
        for (const DeviceInfo &d : devices)
            names << d.name;
        QVERIFY2(names.contains(QStringLiteral("test:0")), qPrintable(names.join(u',')));
        QVERIFY(!finished.first().at(1).value<Error>().isError());
    }
};

QTEST_GUILESS_MAIN(TestScanToDossier)
#include "TestScanToDossier.moc"
