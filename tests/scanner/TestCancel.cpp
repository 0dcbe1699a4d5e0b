#include "ScannerTestSupport.h"

#include <QElapsedTimer>

#include <chrono>
#include <thread>

using namespace sohoa;
using namespace sohoa::scanner;
using namespace sohoa::test;

// cancel() from another thread ends a slow scan promptly; pages already delivered stay delivered.
class TestCancel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cancelDuringSlowPage()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        ScanSettings s;
        s.source = Source::Adf;
        s.mode = ColorMode::Color;
        s.resolution = 300;
        CHECK_OK(dev->apply(s));
        ScannerDevice *device = dev.get();
        std::thread canceller;
        QElapsedTimer sinceCancel;
        BatchCallbacks cb;
        int delivered = 0;
        bool slowed = false;
        cb.pageAcquired = [&](ScannedPage &&) {
            if (++delivered == 1) {
                // From page 2 on the scanner is slow: one buffer every 200 ms, minutes per page.
                slowed = device->setOption(QStringLiteral("read-delay"), QStringLiteral("yes")).ok() &&
                         device->setOption(QStringLiteral("read-delay-duration"), QStringLiteral("200000")).ok();
            }
            return true;
        };
        cb.pageStarted = [&](int page) {
            if (page == 1) {
                canceller = std::thread([device, &sinceCancel] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(500));
                    sinceCancel.start();
                    device->cancel();
                });
            }
        };
        QElapsedTimer total;
        total.start();
        const BatchOutcome outcome = dev->scanBatch(cb);
        const qint64 afterCancel = sinceCancel.isValid() ? sinceCancel.elapsed() : -1;
        if (canceller.joinable())
            canceller.join();
        QVERIFY(slowed);
        QCOMPARE(outcome.error.code(), ErrorCode::Cancelled);
        QCOMPARE(outcome.pagesAcquired, 1);
        QCOMPARE(delivered, 1);
        QVERIFY2(afterCancel >= 0 && afterCancel < 5000, qPrintable(QString::number(afterCancel)));
        QVERIFY2(total.elapsed() < 10000, qPrintable(QString::number(total.elapsed())));

        // The device scans again after a cancel.
        CHECK_OK(dev->setOption(QStringLiteral("read-delay"), QStringLiteral("no")));
        CHECK_OK(dev->setOption(QStringLiteral("resolution"), QStringLiteral("10")));
        const auto rec = runBatch(*dev, 1);
        QCOMPARE(rec.outcome.error.code(), ErrorCode::None);
        QCOMPARE(rec.pages.size(), 1);
    }

    void cancelBeforeStartCancelsNextBatch()
    {
        OPEN_DEVICE(dev, QStringLiteral("test:0"));
        dev->cancel();
        const auto rec = runBatch(*dev);
        QCOMPARE(rec.outcome.error.code(), ErrorCode::Cancelled);
        QCOMPARE(rec.outcome.pagesAcquired, 0);
        const auto next = runBatch(*dev); // the request is used up
        QCOMPARE(next.outcome.error.code(), ErrorCode::None);
    }
};

SOHOA_REGISTER_TEST(TestCancel);
#include "TestCancel.moc"
