#include "scanner/ScanWorker.h"
#include "ScannerTestSupport.h"

#include <QSignalSpy>
#include <QThread>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// The Qt face: the worker lives in its own thread and ends every start() with one finished().
class TestScanWorker : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        QThread thread;
        ScanWorker *worker;
        explicit Fixture(int maxPages = 0) : worker(new ScanWorker(QStringLiteral("test:0"), maxPages))
        {
            // The worker opens the device itself; start it from known option values.
            if (auto dev = scanner::ScannerDevice::open(QStringLiteral("test:0")))
                resetTestDevice(*dev.value());
            worker->moveToThread(&thread);
            QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
            thread.start();
        }
        ~Fixture()
        {
            thread.quit();
            thread.wait();
        }
        void start(const ScanSettings &s, const QStringList &raw = {})
        {
            QMetaObject::invokeMethod(
                worker, [w = worker, s, raw] { w->start(s, raw); }, Qt::QueuedConnection);
        }
    };

private Q_SLOTS:
    void feederBatch()
    {
        Fixture f;
        QSignalSpy pages(f.worker, &ScanWorker::pageAcquired);
        QSignalSpy started(f.worker, &ScanWorker::pageStarted);
        QSignalSpy finished(f.worker, &ScanWorker::finished);
        ScanSettings s;
        s.source = Source::Adf;
        s.mode = ColorMode::Gray;
        s.resolution = 20;
        f.start(s, {QStringLiteral("test-picture=Grid")});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QTest::qWait(200);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toInt(), 10);
        QCOMPARE(finished.first().at(1).value<Error>().code(), ErrorCode::None);
        QCOMPARE(pages.count(), 10);
        QCOMPARE(started.count(), 10);
        QCOMPARE(pages.first().first().value<ScannedPage>().image.format(), QImage::Format_Grayscale8);
    }

    void errorsEndWithOneFinished_data()
    {
        QTest::addColumn<QStringList>("raw");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("bad option") << QStringList{QStringLiteral("no-such-option=1")} << ErrorCode::OptionNotFound;
        QTest::newRow("jam") << QStringList{QStringLiteral("read-return-value=SANE_STATUS_JAMMED")}
                             << ErrorCode::ScannerJammed;
    }
    void errorsEndWithOneFinished()
    {
        QFETCH(QStringList, raw);
        QFETCH(ErrorCode, code);
        Fixture f;
        QSignalSpy finished(f.worker, &ScanWorker::finished);
        ScanSettings s;
        s.resolution = 10;
        f.start(s, raw);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QTest::qWait(100);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(1).value<Error>().code(), code);
    }

    void cancelBeforeStartThenScanAgain()
    {
        Fixture f;
        QSignalSpy finished(f.worker, &ScanWorker::finished);
        ScanSettings s;
        s.resolution = 10;
        f.worker->cancel();
        f.start(s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.at(0).at(1).value<Error>().code(), ErrorCode::Cancelled);
        f.start(s); // the cancel was used up: this run scans
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QCOMPARE(finished.at(1).at(1).value<Error>().code(), ErrorCode::None);
        QCOMPARE(finished.at(1).at(0).toInt(), 1);
    }

    void cancelFromGuiThread()
    {
        Fixture f;
        QSignalSpy finished(f.worker, &ScanWorker::finished);
        QSignalSpy started(f.worker, &ScanWorker::pageStarted);
        ScanSettings s;
        s.resolution = 300;
        s.mode = ColorMode::Color;
        f.start(s, {QStringLiteral("read-delay=yes"), QStringLiteral("read-delay-duration=200000")});
        QTRY_COMPARE_WITH_TIMEOUT(started.count(), 1, 10000);
        f.worker->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(finished.first().at(1).value<Error>().code(), ErrorCode::Cancelled);
    }
};

SOHOA_REGISTER_TEST(TestScanWorker);
#include "TestScanWorker.moc"
