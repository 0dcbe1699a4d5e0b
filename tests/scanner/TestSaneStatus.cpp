#include "scanner/SaneStatus_p.h"
#include "ScannerTestSupport.h"

#include <sane/sane.h>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// Every SANE status becomes a typed error, both in the table and when a device returns it.
class TestSaneStatus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mappingTable_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("GOOD") << int(SANE_STATUS_GOOD) << ErrorCode::None;
        QTest::newRow("UNSUPPORTED") << int(SANE_STATUS_UNSUPPORTED) << ErrorCode::ScannerUnsupported;
        QTest::newRow("CANCELLED") << int(SANE_STATUS_CANCELLED) << ErrorCode::Cancelled;
        QTest::newRow("DEVICE_BUSY") << int(SANE_STATUS_DEVICE_BUSY) << ErrorCode::ScannerBusy;
        QTest::newRow("INVAL") << int(SANE_STATUS_INVAL) << ErrorCode::ScannerInvalidValue;
        QTest::newRow("EOF") << int(SANE_STATUS_EOF) << ErrorCode::ScannerProtocol;
        QTest::newRow("JAMMED") << int(SANE_STATUS_JAMMED) << ErrorCode::ScannerJammed;
        QTest::newRow("NO_DOCS") << int(SANE_STATUS_NO_DOCS) << ErrorCode::FeederEmpty;
        QTest::newRow("COVER_OPEN") << int(SANE_STATUS_COVER_OPEN) << ErrorCode::ScannerCoverOpen;
        QTest::newRow("IO_ERROR") << int(SANE_STATUS_IO_ERROR) << ErrorCode::ScannerIoError;
        QTest::newRow("NO_MEM") << int(SANE_STATUS_NO_MEM) << ErrorCode::ScannerNoMemory;
        QTest::newRow("ACCESS_DENIED") << int(SANE_STATUS_ACCESS_DENIED) << ErrorCode::ScannerAccessDenied;
        QTest::newRow("unknown") << 4711 << ErrorCode::ScannerUnknownStatus;
    }
    void mappingTable()
    {
        QFETCH(int, status);
        QFETCH(ErrorCode, code);
        const Error e = detail::errorFromSaneStatus(status, QStringLiteral("dev:0"));
        QCOMPARE(e.code(), code);
        if (code != ErrorCode::None) {
            QVERIFY2(e.detail().contains(u"dev:0"), qPrintable(e.detail()));
            QVERIFY(!e.messageEn().isEmpty());
            QVERIFY(!e.messageVi().isEmpty());
        }
    }

    void readStatusFromDevice_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<ErrorCode>("code");
        QTest::newRow("UNSUPPORTED") << "SANE_STATUS_UNSUPPORTED" << ErrorCode::ScannerUnsupported;
        QTest::newRow("CANCELLED") << "SANE_STATUS_CANCELLED" << ErrorCode::Cancelled;
        QTest::newRow("DEVICE_BUSY") << "SANE_STATUS_DEVICE_BUSY" << ErrorCode::ScannerBusy;
        QTest::newRow("INVAL") << "SANE_STATUS_INVAL" << ErrorCode::ScannerInvalidValue;
        QTest::newRow("EOF before data") << "SANE_STATUS_EOF" << ErrorCode::ScannerProtocol;
        QTest::newRow("JAMMED") << "SANE_STATUS_JAMMED" << ErrorCode::ScannerJammed;
        QTest::newRow("NO_DOCS") << "SANE_STATUS_NO_DOCS" << ErrorCode::FeederEmpty;
        QTest::newRow("COVER_OPEN") << "SANE_STATUS_COVER_OPEN" << ErrorCode::ScannerCoverOpen;
        QTest::newRow("IO_ERROR") << "SANE_STATUS_IO_ERROR" << ErrorCode::ScannerIoError;
        QTest::newRow("NO_MEM") << "SANE_STATUS_NO_MEM" << ErrorCode::ScannerNoMemory;
        QTest::newRow("ACCESS_DENIED") << "SANE_STATUS_ACCESS_DENIED" << ErrorCode::ScannerAccessDenied;
    }
    void readStatusFromDevice()
    {
        QFETCH(QString, value);
        QFETCH(ErrorCode, code);
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        CHECK_OK(dev->setOption(QStringLiteral("resolution"), QStringLiteral("10")));
        CHECK_OK(dev->setOption(QStringLiteral("read-return-value"), value));
        const auto rec = runBatch(*dev);
        QCOMPARE(rec.outcome.pagesAcquired, 0);
        QCOMPARE(rec.outcome.error.code(), code);
        QVERIFY2(rec.outcome.error.detail().contains(u"test:0"), qPrintable(rec.outcome.error.detail()));
        // The device is usable again after the fault.
        CHECK_OK(dev->setOption(QStringLiteral("read-return-value"), QStringLiteral("Default")));
        const auto again = runBatch(*dev);
        QCOMPARE(again.outcome.error.code(), ErrorCode::None);
        QCOMPARE(again.pages.size(), 1);
    }

    void emptyFeederBeforeFirstPage()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.source = Source::Adf;
        s.resolution = 10;
        CHECK_OK(dev->apply(s));
        CHECK_OK(dev->setOption(QStringLiteral("read-return-value"), QStringLiteral("SANE_STATUS_NO_DOCS")));
        const auto rec = runBatch(*dev);
        QCOMPARE(rec.outcome.pagesAcquired, 0);
        QCOMPARE(rec.outcome.error.code(), ErrorCode::FeederEmpty);
    }

    void feederRunsEmptyAfterTenSheets()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.source = Source::Adf;
        s.resolution = 10;
        CHECK_OK(dev->apply(s));
        const auto first = runBatch(*dev, 10); // all ten sheets, the feeder is not asked again
        QCOMPARE(first.outcome.pagesAcquired, 10);
        const auto second = runBatch(*dev); // sane_start now answers NO_DOCS
        QCOMPARE(second.outcome.pagesAcquired, 0);
        QCOMPARE(second.outcome.error.code(), ErrorCode::FeederEmpty);
    }
};

SOHOA_REGISTER_TEST(TestSaneStatus);
#include "TestSaneStatus.moc"
