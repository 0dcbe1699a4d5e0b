#include "ScannerTestSupport.h"
#include "scanner/DeviceSession.h"

#include <QMetaEnum>
#include <QSignalSpy>
#include <QThread>

#include <thread>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// A device kept open across batches: every SANE call on the session's own thread, options observable
// as snapshots with a signal per change, and reload (other options changed) said apart.
class TestDeviceSession : public QObject
{
    Q_OBJECT

    static std::unique_ptr<DeviceSession> openSession(const QString &name = QStringLiteral("test:0"))
    {
        auto session = std::make_unique<DeviceSession>(name);
        const auto opened = session->open();
        if (!opened)
            return nullptr;
        // The `test` backend keeps option values for the whole process: start from known ones.
        const QString reset = session->submit([](ScannerDevice &d) { return resetTestDevice(d); }).get().value();
        return reset.isEmpty() ? std::move(session) : nullptr;
    }

private Q_SLOTS:
    // An option panel shows these by name (QMetaEnum), not by number.
    void enumsAreKnownToQt()
    {
        QCOMPARE(QByteArray(QMetaEnum::fromType<Source>().valueToKey(int(Source::AdfDuplex))), QByteArray("AdfDuplex"));
        QCOMPARE(QByteArray(QMetaEnum::fromType<OptionType>().valueToKey(int(OptionType::Fixed))), QByteArray("Fixed"));
        QCOMPARE(QMetaEnum::fromType<OptionUnit>().keyToValue("Dpi"), int(OptionUnit::Dpi));
        QVERIFY(QMetaEnum::fromType<OptionConstraint>().isValid());
    }

    void optionsAreSnapshotsAfterOpen()
    {
        auto session = openSession();
        QVERIFY(session);
        QVERIFY(session->isOpen());
        const QList<ScanOptionInfo> options = session->options();
        QVERIFY(options.size() > 10);
        const ScanOptionInfo resolution = session->option(QStringLiteral("resolution"));
        QCOMPARE(resolution.name, QStringLiteral("resolution"));
        QVERIFY(resolution.active && resolution.settable);
        QCOMPARE(resolution.value.toInt(), 50);
        QCOMPARE(session->option(QStringLiteral("no-such-option")).name, QString());
    }

    void everySaneCallRunsOnTheSessionThread()
    {
        auto session = openSession();
        QVERIFY(session);
        const auto here = std::this_thread::get_id();
        auto first = session->submit([](ScannerDevice &) { return std::this_thread::get_id(); }).get();
        auto second = session->submit([](ScannerDevice &) { return std::this_thread::get_id(); }).get();
        QVERIFY(first && second);
        QVERIFY(first.value() != here);
        QCOMPARE(first.value(), second.value()); // one long-lived thread, not one per call
    }

    void setOptionEmitsChangedAndReloadIsSaidApart()
    {
        auto session = openSession();
        QVERIFY(session);
        QSignalSpy changed(session.get(), &DeviceSession::optionsChanged);
        QSignalSpy reloaded(session.get(), &DeviceSession::optionsReloaded);
        CHECK_OK(session->setOption(QStringLiteral("resolution"), QStringLiteral("75")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(session->option(QStringLiteral("resolution")).value.toInt(), 75);
        QCOMPARE(reloaded.count(), 0);
        const bool threePassActiveInGray = session->option(QStringLiteral("three-pass")).active;
        // A mode switch makes the backend re-describe its options (SANE_INFO_RELOAD_OPTIONS): the
        // `test` backend offers three-pass scanning in colour only.
        CHECK_OK(session->setOption(QStringLiteral("mode"), QStringLiteral("Color")));
        QVERIFY(reloaded.count() >= 1);
        QCOMPARE(session->option(QStringLiteral("mode")).valueText, QStringLiteral("Color"));
        QVERIFY(!threePassActiveInGray);
        QVERIFY(session->option(QStringLiteral("three-pass")).active);
        // Setting a value it already has changes nothing: no signal.
        const int before = int(changed.count());
        CHECK_OK(session->setOption(QStringLiteral("resolution"), QStringLiteral("75")));
        QCOMPARE(changed.count(), before);
    }

    void asynchronousRequestsReportThroughSignals()
    {
        auto session = std::make_unique<DeviceSession>(QStringLiteral("test:0"));
        QSignalSpy opened(session.get(), &DeviceSession::opened);
        QSignalSpy changed(session.get(), &DeviceSession::optionsChanged);
        QSignalSpy failed(session.get(), &DeviceSession::optionFailed);
        session->requestOpen();
        // Spies record in the emitting (device) thread: the signal may come before a wait() starts.
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
        QCOMPARE(opened.first().at(0).value<Error>().code(), ErrorCode::None);
        session->requestSetOption(QStringLiteral("resolution"), QStringLiteral("100"));
        QTRY_COMPARE_WITH_TIMEOUT(session->option(QStringLiteral("resolution")).value.toInt(), 100, 10000);
        QVERIFY(changed.count() >= 1);
        session->requestSetOption(QStringLiteral("no-such-option"), QStringLiteral("1"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(failed.first().at(0).toString(), QStringLiteral("no-such-option"));
        QCOMPARE(failed.first().at(1).value<Error>().code(), ErrorCode::OptionNotFound);
    }

    void openingAnUnknownDeviceFails()
    {
        DeviceSession session(QStringLiteral("test:99"));
        const auto r = session.open();
        QVERIFY(!r);
        QCOMPARE(r.error().code(), ErrorCode::ScannerNotFound);
        QVERIFY(!session.isOpen());
        const auto batch = session.submit([](ScannerDevice &) { return 1; }).get();
        QCOMPARE(batch.error().code(), ErrorCode::ScannerNotFound);
    }

    void theDeviceStaysOpenAcrossBatches()
    {
        auto session = openSession();
        QVERIFY(session);
        CHECK_OK(session->setOption(QStringLiteral("source"), QStringLiteral("Automatic Document Feeder")));
        CHECK_OK(session->setOption(QStringLiteral("resolution"), QStringLiteral("20")));
        auto first = session->submit([](ScannerDevice &d) { return runBatch(d, 3, false).outcome; }).get();
        QVERIFY(first);
        QCOMPARE(first->pagesAcquired, 3);
        // The same open device (the `test` feeder would restart at 10 if it were reopened): 7 sheets left.
        auto second = session->submit([](ScannerDevice &d) { return runBatch(d, 0, false).outcome; }).get();
        QVERIFY(second);
        QCOMPARE(second->pagesAcquired, 7);
        QCOMPARE(second->error.code(), ErrorCode::None);
        // And the settings a user made are still the device's.
        QCOMPARE(session->option(QStringLiteral("resolution")).value.toInt(), 20);
    }
};

SOHOA_REGISTER_TEST(TestDeviceSession);
#include "TestDeviceSession.moc"
