#include "scanner/SaneRuntime.h"
#include "ScannerTestSupport.h"

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// Listing devices and opening them by name.
class TestDeviceDiscovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsTheVirtualDevices_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("test") << QStringLiteral("test:0");
        QTest::newRow("pnm") << QStringLiteral("pnm:0");
    }
    void listsTheVirtualDevices()
    {
        QFETCH(QString, name);
        auto devices = SaneRuntime::listDevices();
        QVERIFY2(devices.ok(), qPrintable(devices.error().fullText()));
        bool found = false;
        for (const DeviceInfo &info : devices.value())
            found = found || info.name == name;
        QVERIFY2(found, qPrintable(name));
    }

    void unknownDeviceIsNotFound_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("unknown backend") << QStringLiteral("nosuchbackend:0");
        QTest::newRow("unknown test device") << QStringLiteral("test:99");
        QTest::newRow("empty") << QString();
    }
    void unknownDeviceIsNotFound()
    {
        QFETCH(QString, name);
        auto device = ScannerDevice::open(name);
        QVERIFY(!device.ok());
        QCOMPARE(device.error().code(), ErrorCode::ScannerNotFound);
    }

    void openDeviceTwiceIsBusy()
    {
        OPEN_DEVICE(first, QStringLiteral("test:1"));
        auto second = ScannerDevice::open(QStringLiteral("test:1"));
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code(), ErrorCode::ScannerBusy);
        first.reset();
        OPEN_DEVICE(again, QStringLiteral("test:1")); // closed by the destructor
    }
};

SOHOA_REGISTER_TEST(TestDeviceDiscovery);
#include "TestDeviceDiscovery.moc"
