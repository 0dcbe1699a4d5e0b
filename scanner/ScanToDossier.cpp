#include "scanner/ScanToDossier.h"

#include "scanner/ScannerLogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
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

struct AcquiredPage
{
    ScannedPage page;
    std::shared_future<SheetClass> sheet; // barcode search; invalid without separation by barcode
};

// The barcode search runs on a thread of its own, started BEFORE the scanner: no thread may be
// created once a SANE backend has run. Backends built on sanei_thread cancel their reader threads
// asynchronously, and a thread cancelled inside libc can leave the dynamic loader's lock taken for
// good; the next pthread_create then waits forever (seen: the `test` backend and a lazily started
// QThreadPool, a scan hung after a few pages). One thread keeps up: the search (about 10 ms at
// 300 dpi) is a fraction of the page's encoding.
class DetectionThread
{
public:
    DetectionThread() : m_thread([this] { loop(); }) {}
    ~DetectionThread()
    {
        {
            std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    DetectionThread(const DetectionThread &) = delete;
    DetectionThread &operator=(const DetectionThread &) = delete;

    std::shared_future<SheetClass> submit(std::function<SheetClass()> work)
    {
        std::packaged_task<SheetClass()> task(std::move(work));
        std::shared_future<SheetClass> result = task.get_future().share();
        {
            std::lock_guard lock(m_mutex);
            m_tasks.push_back(std::move(task));
        }
        m_wake.notify_one();
        return result;
    }

private:
    void loop()
    {
        for (;;) {
            std::packaged_task<SheetClass()> task;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [&] { return !m_tasks.empty() || m_done; });
                if (m_tasks.empty())
                    return;
                task = std::move(m_tasks.front());
                m_tasks.pop_front();
            }
            task();
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::packaged_task<SheetClass()>> m_tasks;
    bool m_done = false;
    std::thread m_thread; // last: starts once the members above exist
};

struct EncodedPage
{
    ScannedPage page; // metadata only: the pixels are dropped once encoded
    Result<EncodedImage> encoded;
    SheetClass sheet;
};

QString toJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

// Where the pages of a separated batch go. A component split off by patch-T or every:N is created
// when its first page arrives, so a separator at the end of a batch leaves no empty component.
struct Target
{
    DossierInfo dossier;
    ComponentInfo component;  // id 0 while pendingComponent is set
    QString pendingComponent; // name chosen for the next document, created on its first page
    QString base;             // the name split documents are numbered from: "Base (2)", "Base (3)"
    QString barcode;          // value of the separator that started the document ({barcode})
    int pagesInDocument = 0;
};

// "Base (n)" with the smallest n >= 2 not used in the dossier.
Result<QString> nextDocumentName(DossierStore &store, const Target &t)
{
    auto existing = store.components(t.dossier.id);
    if (!existing)
        return existing.error();
    QSet<QString> names;
    for (const ComponentInfo &c : existing.value())
        names.insert(c.name);
    for (int n = 2;; ++n) {
        const QString name = QStringLiteral("%1 (%2)").arg(t.base).arg(n);
        if (!names.contains(name) && !names.contains(DossierStore::sanitizeName(name)))
            return name;
    }
}

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
    const SeparationSettings &separation = job.separation;
    Target target;
    target.base = job.component;
    if (job.dossierCode.isEmpty() && separation.isEnabled()) {
        // Continue where the last separated batch of this store ended.
        auto last = d->store.separationState();
        if (!last) {
            report.error = last.error();
            return report;
        }
        if (!last->has_value()) {
            report.error = Error(ErrorCode::InvalidArgument,
                                 QStringLiteral("no dossier given and no earlier separated batch in this store"));
            return report;
        }
        const SeparationState &state = last->value();
        auto dossier = d->store.dossier(state.dossierCode);
        if (!dossier) {
            report.error = dossier.error();
            return report;
        }
        report.dossier = dossier.value();
        // A pending split-off component is created with its first page; its document starts here.
        const QString componentName = state.pending ? state.from : state.component;
        auto component = d->store.createOrGetComponent(report.dossier.id, componentName);
        if (!component) {
            report.error = component.error();
            return report;
        }
        report.component = component.value();
        target.base = state.base.isEmpty() ? report.component.name : state.base;
        if (state.pending)
            target.pendingComponent = state.component;
        target.barcode = state.barcode;
        target.pagesInDocument = state.pagesInDocument;
    } else {
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
    }
    target.dossier = report.dossier;
    target.component = report.component;

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
        QStringLiteral("batch %1 device %2 component %3%4")
            .arg(report.batchId, job.deviceName, report.component.name,
                 separation.isEnabled() ? QStringLiteral(" separation ") + separation.name() : QString()),
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
    BoundedQueue<AcquiredPage> acquired;
    BoundedQueue<EncodedPage> encoded;
    const bool readsBarcodes = separation.readsBarcodes();
    const SeparationSettings::Mode mode = separation.mode;
    const bool allowFreeForm = job.allowFreeFormCode;
    BatchOutcome outcome;
    std::atomic<int> acquiredCount{0};
    // Before the acquisition thread starts the scanner (see DetectionThread).
    const std::unique_ptr<DetectionThread> detection = readsBarcodes ? std::make_unique<DetectionThread>() : nullptr;
    std::thread acquisition([&] {
        BatchCallbacks cb;
        cb.progress = callbacks.progress;
        cb.pageAcquired = [&](ScannedPage &&page) {
            const int index = acquiredCount.fetch_add(1);
            AcquiredPage item{std::move(page), {}};
            if (readsBarcodes) {
                // The QImage is shared, not copied; the search runs while the page waits for the encoder.
                item.sheet = detection->submit([image = item.page.image, dpi = item.page.dpi, mode, allowFreeForm] {
                    return Separation::classifyPage(image, dpi, mode, allowFreeForm);
                });
            }
            if (!acquired.push(std::move(item)))
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
            // A cover or patch-T sheet found in time is not encoded; otherwise encoding and the
            // barcode search run side by side and the page waits for both. (A receipt may still turn
            // out to be a page of the current dossier, so it is always encoded.)
            const bool searched = page->sheet.valid();
            SheetClass sheet = searched && page->sheet.wait_for(std::chrono::seconds(0)) == std::future_status::ready
                                   ? page->sheet.get()
                                   : SheetClass();
            const bool skip = sheet.kind == SheetClass::Kind::CoverSheet || sheet.kind == SheetClass::Kind::PatchT;
            Result<EncodedImage> image =
                skip ? Result<EncodedImage>(Error(ErrorCode::Internal, QStringLiteral("separator sheet")))
                     : PageEncoder::encode(page->page, job.profile);
            if (searched)
                sheet = page->sheet.get();
            page->page.image = QImage();
            EncodedPage item{std::move(page->page), std::move(image), std::move(sheet)};
            if (!encoded.push(std::move(item))) {
                acquired.consumerStopped();
                break;
            }
        }
        encoded.producerDone();
    });

    Error saveError;
    int sheetIndex = 0;
    int separatorSheets = 0;
    auto stop = [&](const Error &e) {
        saveError = e;
        encoded.consumerStopped();
        device->cancel();
    };
    // Makes the pending split-off component real (its first page is about to be saved).
    auto resolveComponent = [&]() -> Result<void> {
        if (target.pendingComponent.isEmpty())
            return {};
        auto c = d->store.createOrGetComponent(target.dossier.id, target.pendingComponent);
        if (!c)
            return c.error();
        target.component = c.value();
        target.pendingComponent.clear();
        return {};
    };
    auto record = [&](SeparationEvent ev) {
        ev.dossierCode = target.dossier.code;
        ev.component = target.pendingComponent.isEmpty() ? target.component.name : target.pendingComponent;
        QJsonObject detail{{QStringLiteral("kind"), ev.kind},           {QStringLiteral("value"), ev.value},
                           {QStringLiteral("format"), ev.format},       {QStringLiteral("dossier"), ev.dossierCode},
                           {QStringLiteral("component"), ev.component}, {QStringLiteral("batch"), report.batchId},
                           {QStringLiteral("sheet"), ev.sheet},         {QStringLiteral("device"), job.deviceName}};
        (void)d->store.audit(ev.kind == u"every" ? QStringLiteral("document-split") : QStringLiteral("separator-sheet"),
                             toJson(detail), target.dossier.id);
        report.separations.append(ev);
        if (callbacks.separated)
            callbacks.separated(ev);
    };
    // A separator sheet: switches the target. Returns false when the batch must stop.
    auto separate = [&](const SheetClass &sheet) -> bool {
        SeparationEvent ev;
        ev.sheet = sheetIndex;
        ev.kind = sheetKindName(sheet.kind);
        ev.value = sheet.value;
        ev.format = barcodeFormatName(sheet.format);
        if (sheet.kind == SheetClass::Kind::PatchT) {
            auto name = nextDocumentName(d->store, target);
            if (!name) {
                stop(name.error());
                return false;
            }
            target.pendingComponent = name.value();
        } else {
            const bool existed = d->store.dossier(sheet.dossierCode).ok();
            auto dossier = d->store.createOrGetDossier(sheet.dossierCode, sheet.kind == SheetClass::Kind::CoverSheet &&
                                                                              job.allowFreeFormCode);
            if (!dossier) {
                stop(dossier.error());
                return false;
            }
            const QString name = sheet.component.isEmpty() ? job.component : sheet.component;
            auto component = d->store.createOrGetComponent(dossier->id, name);
            if (!component) {
                stop(component.error());
                return false;
            }
            ev.dossierCreated = !existed;
            target.dossier = dossier.value();
            target.component = component.value();
            target.pendingComponent.clear();
            target.base = component->name;
        }
        target.barcode = sheet.value;
        target.pagesInDocument = 0;
        ++separatorSheets;
        record(ev);
        return true;
    };

    while (auto item = encoded.pop()) {
        ++sheetIndex;
        SheetClass &sheet = item->sheet;
        if (sheet.warning.isError()) {
            const SeparationWarning w{sheetIndex, sheet.value, sheet.warning};
            (void)d->store.audit(
                QStringLiteral("separator-rejected"),
                QStringLiteral("sheet %1 of batch %2: %3").arg(sheetIndex).arg(report.batchId, sheet.warning.detail()),
                target.dossier.id);
            report.separationWarnings.append(w);
            if (callbacks.separationWarning)
                callbacks.separationWarning(w);
        }
        // A receipt naming the dossier being filled is a page of it (a stamped copy carries its own
        // code): kept, never dropped.
        if (sheet.kind == SheetClass::Kind::Receipt && sheet.dossierCode == target.dossier.code)
            sheet.kind = SheetClass::Kind::Document;
        if (sheet.isSeparator()) {
            if (!separate(sheet))
                break;
            continue;
        }
        if (separation.mode == SeparationSettings::Mode::EveryN && target.pagesInDocument >= separation.everyN) {
            auto name = nextDocumentName(d->store, target);
            if (!name) {
                stop(name.error());
                break;
            }
            target.pendingComponent = name.value();
            target.pagesInDocument = 0;
            SeparationEvent ev;
            ev.sheet = sheetIndex;
            ev.kind = QStringLiteral("every");
            record(ev);
        }
        if (auto r = resolveComponent(); !r) {
            stop(r.error());
            break;
        }
        item->page.barcode = target.barcode;
        Result<PageRecord> saved =
            item->encoded ? d->store.savePage(target.component, item->page, item->encoded.value(), report.batchId)
                          : Result<PageRecord>(item->encoded.error());
        if (!saved) {
            stop(saved.error());
            break;
        }
        ++target.pagesInDocument;
        report.savedPages.append(saved.value());
        if (callbacks.pageSaved)
            callbacks.pageSaved(saved.value());
    }
    acquisition.join();
    encoder.join();
    if (saveError.isError())
        report.pagesAcquiredNotSaved =
            acquiredCount.load() - static_cast<int>(report.savedPages.size()) - separatorSheets;
    if (separation.isEnabled()) {
        // The next batch without a dossier code continues from here (a flatbed, one sheet a batch).
        report.dossier = target.dossier;
        if (target.pendingComponent.isEmpty())
            report.component = target.component;
        else
            report.component = ComponentInfo{0, target.dossier.id, target.pendingComponent, 0};
        (void)d->store.saveSeparationState({.dossierCode = target.dossier.code,
                                            .component = report.component.name,
                                            .pending = !target.pendingComponent.isEmpty(),
                                            .from = target.component.name,
                                            .base = target.base,
                                            .barcode = target.barcode,
                                            .pagesInDocument = target.pagesInDocument,
                                            .batchId = report.batchId});
    }
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
