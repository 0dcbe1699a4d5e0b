#include "scanner/ScanWorker.h"

#include "scanner/ScannerLogging.h"

namespace sohoa::scanner {

ScanWorker::ScanWorker(QString deviceName, int maxPages, QObject *parent)
    : QObject(parent), m_deviceName(std::move(deviceName)), m_maxPages(maxPages)
{
    registerMetaTypes();
}

ScanWorker::~ScanWorker() = default;

void ScanWorker::registerMetaTypes()
{
    qRegisterMetaType<sohoa::ScannedPage>();
    qRegisterMetaType<sohoa::Error>();
    qRegisterMetaType<sohoa::scanner::ScanSettings>();
}

void ScanWorker::cancel()
{
    const std::lock_guard lock(m_deviceMutex);
    m_cancelRequested = true;
    // Only a running batch is cancelled through the device; otherwise start() sees the flag. This
    // way a cancel never lingers in the device to spoil a later batch.
    if (m_device && m_batchRunning)
        m_device->cancel();
}

void ScanWorker::closeDevice()
{
    const std::lock_guard lock(m_deviceMutex);
    m_device.reset();
}

void ScanWorker::start(const ScanSettings &settings, const QStringList &rawOptions)
{
    auto finish = [this](int pages, const Error &error) {
        {
            const std::lock_guard lock(m_deviceMutex);
            m_cancelRequested = false;
        }
        Q_EMIT finished(pages, error);
    };
    auto cancelRequested = [this] {
        const std::lock_guard lock(m_deviceMutex);
        return m_cancelRequested;
    };
    if (cancelRequested())
        return finish(0, Error(ErrorCode::Cancelled, m_deviceName));
    if (!m_device) { // only this thread assigns m_device
        auto opened = ScannerDevice::open(m_deviceName);
        if (!opened)
            return finish(0, opened.error());
        const std::lock_guard lock(m_deviceMutex);
        m_device = std::move(opened.value());
    }
    ScannerDevice *device = m_device.get();
    if (auto r = device->apply(settings); !r)
        return finish(0, r.error());
    for (const QString &raw : rawOptions) {
        const qsizetype eq = raw.indexOf(u'=');
        const QString name = eq < 0 ? raw : raw.left(eq);
        const QString value = eq < 0 ? QString() : raw.mid(eq + 1);
        if (auto r = device->setOption(name.trimmed(), value); !r)
            return finish(0, r.error());
    }
    BatchCallbacks cb;
    cb.pageStarted = [this](int i) {
        Q_EMIT pageStarted(i);
    };
    cb.progress = [this](int i, double f) {
        Q_EMIT progress(i, f);
    };
    cb.pageAcquired = [this](ScannedPage &&page) {
        Q_EMIT pageAcquired(page);
        return true;
    };
    bool cancelledBeforeBatch = false;
    {
        const std::lock_guard lock(m_deviceMutex);
        cancelledBeforeBatch = m_cancelRequested;
        m_batchRunning = !cancelledBeforeBatch;
    }
    if (cancelledBeforeBatch)
        return finish(0, Error(ErrorCode::Cancelled, m_deviceName));
    const BatchOutcome outcome = device->scanBatch(cb, m_maxPages);
    {
        const std::lock_guard lock(m_deviceMutex);
        m_batchRunning = false;
        if (outcome.error.code() != ErrorCode::Cancelled)
            device->clearCancelRequest(); // a cancel() that raced with the end of the batch
    }
    finish(outcome.pagesAcquired, outcome.error);
}

} // namespace sohoa::scanner
