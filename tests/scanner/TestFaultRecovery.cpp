#include "ScannerTestSupport.h"

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// A fault on page N of a feeder batch keeps pages 1..N-1, is typed, and the batch can continue.
class TestFaultRecovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void faultOnPageNThenContinue_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<int>("failingPage"); // 1-based
        QTest::newRow("jam on page 4") << "SANE_STATUS_JAMMED" << ErrorCode::ScannerJammed << 4;
        QTest::newRow("cover open on page 2") << "SANE_STATUS_COVER_OPEN" << ErrorCode::ScannerCoverOpen << 2;
        QTest::newRow("I/O error on page 7") << "SANE_STATUS_IO_ERROR" << ErrorCode::ScannerIoError << 7;
        QTest::newRow("busy on page 4") << "SANE_STATUS_DEVICE_BUSY" << ErrorCode::ScannerBusy << 4;
    }
    void faultOnPageNThenContinue()
    {
        QFETCH(QString, status);
        QFETCH(ErrorCode, code);
        QFETCH(int, failingPage);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.source = Source::Adf;
        s.mode = ColorMode::Gray;
        s.resolution = 20;
        CHECK_OK(dev->apply(s));
        ScannerDevice *device = dev.get();
        bool injected = false;
        const auto faulty = runBatch(*dev, 0, true, [&](const ScannedPage &, int delivered) {
            if (delivered == failingPage - 1)
                injected = device->setOption(QStringLiteral("read-return-value"), status).ok();
            return true;
        });
        QVERIFY(injected);
        QCOMPARE(faulty.outcome.error.code(), code);
        QCOMPARE(faulty.outcome.pagesAcquired, failingPage - 1);
        QCOMPARE(faulty.pages.size(), failingPage - 1);
        QCOMPARE(faulty.started.size(), failingPage); // the failing page had started

        // Continue the batch on the same device: the backend's feeder counted the failed sheet,
        // so the remaining 10 - failingPage sheets come out and the batch ends normally.
        CHECK_OK(dev->setOption(QStringLiteral("read-return-value"), QStringLiteral("Default")));
        const auto rest = runBatch(*dev);
        QCOMPARE(rest.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rest.outcome.pagesAcquired, 10 - failingPage);
    }

    void reopenedDeviceScansAgain()
    {
        {
            OPEN_DEVICE(dev, QStringLiteral("test:0"));
            CHECK_OK(dev->setOption(QStringLiteral("resolution"), QStringLiteral("10")));
            CHECK_OK(dev->setOption(QStringLiteral("read-return-value"), QStringLiteral("SANE_STATUS_JAMMED")));
            QCOMPARE(runBatch(*dev).outcome.error.code(), ErrorCode::ScannerJammed);
            CHECK_OK(dev->setOption(QStringLiteral("read-return-value"), QStringLiteral("Default")));
        }
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        const auto rec = runBatch(*dev);
        QCOMPARE(rec.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rec.pages.size(), 1);
    }
};

SOHOA_REGISTER_TEST(TestFaultRecovery);
#include "TestFaultRecovery.moc"
