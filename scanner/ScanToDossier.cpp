#include "ScanToDossier.h"

#include "ScannerLogging.h"

#include <QUuid>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace sohoa::scanner {

namespace {

// Between stages at most this many pages wait: with 300 dpi A4 colour (26 MB a raw page) this
// bounds the pipeline's memory while still letting the scanner run ahead of the encoder.
constexpr size_t kQueueCapacity = 2;

template <typename T> class BoundedQueue
{
public:
    // Blocks while the queue is full. Returns false if the consumer has stopped.
    bool push(T &&item)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < kQueueCapacity || m_consumerStopped; });
        if (m_consumerStopped)
            return false;
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
        return true;
    }

    // Blocks until an item arrives; nullopt once the producer is done and the queue is empty.
    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_producerDone; });
        if (m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }

    void producerDone()
    {
        std::lock_guard lock(m_mutex);
        m_producerDone = true;
        m_notEmpty.notify_all();
    }

    void consumerStopped()
    {
        std::lock_guard lock(m_mutex);
        m_consumerStopped = true;
        m_items.clear();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<T> m_items;
    bool m_producerDone = false;
    bool m_consumerStopped = false;
};

struct EncodedPage
{
    ScannedPage page; // metadata only: the pixels are dropped once encoded
    Result<EncodedImage> encoded;
};

} // namespace

struct ScanToDossier::Private
{
    DossierStore &store;
    std::mutex deviceMutex;
    ScannerDevice *device = nullptr;
    std::atomic<bool> cancelled{false};

    explicit Private(DossierStore &s) : store(s) {}
};

ScanToDossier::ScanToDossier(DossierStore &store) : d(std::make_unique<Private>(store)) {}
ScanToDossier::~ScanToDossier() = default;

void ScanToDossier::cancel()
{
    d->cancelled = true;
    std::lock_guard lock(d->deviceMutex);
    if (d->device)
        d->device->cancel();
}

ScanReport ScanToDossier::run(const ScanJob &job, const ScanCallbacks &callbacks)
{
    ScanReport report;
    report.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->cancelled = false;

    // The dossier first: a bad code must not cost a sheet of paper.
    auto dossier = d->store.createOrGetDossier(job.dossierCode, job.allowFreeFormCode);
    if (!dossier) {
        report.error = dossier.error();
        return report;
    }
    report.dossier = dossier.value();
    auto component = d->store.createOrGetComponent(report.dossier.id, job.component);
    if (!component) {
        report.error = component.error();
        return report;
    }
    report.component = component.value();

    auto opened = ScannerDevice::open(job.deviceName);
    if (!opened) {
        report.error = opened.error();
        return report;
    }
    std::unique_ptr<ScannerDevice> device = std::move(opened).value();
    if (auto r = device->apply(job.settings); !r) {
        report.error = r.error();
        return report;
    }
    for (const auto &[name, value] : job.rawOptions) {
        if (auto r = device->setOption(name, value); !r) {
            report.error = Error(r.error().code(), name + u'=' + value + QStringLiteral(": ") + r.error().detail());
            return report;
        }
    }

    if (callbacks.started)
        callbacks.started(report);
    (void)d->store.audit(
        QStringLiteral("batch-started"),
        QStringLiteral("batch %1 device %2 component %3").arg(report.batchId, job.deviceName, report.component.name),
        report.dossier.id);

    {
        std::lock_guard lock(d->deviceMutex);
        d->device = device.get();
    }
    if (d->cancelled)
        device->cancel();

    // Three stages on their own threads: acquisition (SANE) → encoding (CPU) → saving (fsync and
    // commit, mostly waiting on the disk) in the calling thread. On two cores the scanner, the
    // encoder and the disk all work at once.
    BoundedQueue<ScannedPage> acquired;
    BoundedQueue<EncodedPage> encoded;
    BatchOutcome outcome;
    std::atomic<int> acquiredCount{0};
    std::thread acquisition([&] {
        BatchCallbacks cb;
        cb.progress = callbacks.progress;
        cb.pageAcquired = [&](ScannedPage &&page) {
            const int index = acquiredCount.fetch_add(1);
            if (!acquired.push(std::move(page)))
                return false;
            if (callbacks.betweenPages)
                callbacks.betweenPages(index, *device);
            return true;
        };
        outcome = device->scanBatch(cb, job.maxPages);
        acquired.producerDone();
    });
    std::thread encoder([&] {
        while (auto page = acquired.pop()) {
            Result<EncodedImage> image = PageEncoder::encode(*page, job.profile);
            page->image = QImage();
            EncodedPage item{std::move(*page), std::move(image)};
            if (!encoded.push(std::move(item))) {
                acquired.consumerStopped();
                break;
            }
        }
        encoded.producerDone();
    });

    Error saveError;
    while (auto item = encoded.pop()) {
        Result<PageRecord> saved =
            item->encoded ? d->store.savePage(report.component, item->page, item->encoded.value(), report.batchId)
                          : Result<PageRecord>(item->encoded.error());
        if (!saved) {
            saveError = saved.error();
            encoded.consumerStopped();
            device->cancel();
            break;
        }
        report.savedPages.append(saved.value());
        if (callbacks.pageSaved)
            callbacks.pageSaved(saved.value());
    }
    acquisition.join();
    encoder.join();
    if (saveError.isError())
        report.pagesAcquiredNotSaved = acquiredCount.load() - static_cast<int>(report.savedPages.size());
    {
        std::lock_guard lock(d->deviceMutex);
        d->device = nullptr;
    }
    if (saveError.isError())
        report.error = saveError;
    else if (d->cancelled && outcome.error.code() != ErrorCode::None)
        report.error = Error(ErrorCode::Cancelled, outcome.error.detail());
    else
        report.error = outcome.error;

    (void)d->store.audit(
        QStringLiteral("batch-ended"),
        QStringLiteral("batch %1: %2 pages saved, result %3%4")
            .arg(report.batchId)
            .arg(report.savedPages.size())
            .arg(report.error.id(),
                 report.pagesAcquiredNotSaved
                     ? QStringLiteral(", %1 pages read but not saved").arg(report.pagesAcquiredNotSaved)
                     : QString()),
        report.dossier.id);
    qCInfo(lcScanner) << "batch" << report.batchId << "saved" << report.savedPages.size() << "pages, result"
                      << report.error.id();
    return report;
}

} // namespace sohoa::scanner
