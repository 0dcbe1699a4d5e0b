#include "app/workflows/ScanBatchJob.h"

#include "app/workflows/CleanupJob.h"

#include "app/workflows/ScanPipeline_p.h"
#include "app/workflows/WorkflowsLogging.h"
#include "core/common/WorkerThread.h"
#include "core/dossier/DossierCode.h"
#include "scanner/DeviceSession.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUuid>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace sohoa::workflows {

using namespace detail;
using scanner::BatchCallbacks;
using scanner::BatchOutcome;

namespace {

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

struct ScanBatchJob::Private
{
    std::shared_ptr<scanner::DeviceSession> session;
    bool ownsSession = false; // opened for this batch only: closed when it ends, so the scanner is free
    std::function<void(int, scanner::ScannerDevice &)> betweenPages;
    // The device while its batch runs, for cancel() from another thread.
    std::mutex deviceMutex;
    scanner::ScannerDevice *device = nullptr;
};

// One batch, step by step: where it starts, the device, the three stages, each sheet, the end.
class ScanPipeline
{
public:
    ScanPipeline(ScanBatchJob &job, ScanReport &report)
        : m_job(job), m_store(job.m_store), m_request(job.m_request), m_report(report)
    {}

    Error run();

private:
    Result<void> resolveStart();
    Result<void> continueLastSeparatedBatch();
    Result<void> prepareDevice();
    BatchOutcome acquire(scanner::ScannerDevice &device);
    void encode();
    void cleanUp();
    // Each sheet that reached the saving stage, in order. False when the batch must stop.
    bool handleSheet(EncodedPage &item);
    bool separate(const SheetClass &sheet);
    void record(SeparationEvent ev);
    // Makes the dossier and component the next page goes to, if they do not exist yet.
    Result<void> ensureTarget();
    void stop(const Error &e);
    void saveSeparationState();
    Error outcomeError(const BatchOutcome &outcome) const;
    // Where the next page goes with ScanRequest::insertAt: the k-th page of the batch at insertAt + k - 1.
    int insertPosition() const
    {
        return m_request.insertAt > 0 ? m_request.insertAt + int(m_report.savedPages.size()) : 0;
    }

    ScanBatchJob &m_job;
    DossierStore &m_store;
    const ScanRequest &m_request;
    ScanReport &m_report;
    Target m_target;

    BoundedQueue<AcquiredPage> m_acquired;
    BoundedQueue<EncodedPage> m_encoded;
    BoundedQueue<SavedPage> m_saved; // to cleanup, with ScanRequest::cleanup
    std::unique_ptr<WorkerThread> m_detection;
    std::atomic<int> m_acquiredCount{0};
    Error m_saveError;
    int m_sheetIndex = 0;
    int m_separatorSheets = 0;
};

Error ScanPipeline::run()
{
    m_report.batchId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // The dossier first: a bad code must not cost a sheet of paper.
    if (auto r = resolveStart(); !r)
        return r.error();
    if (auto r = prepareDevice(); !r)
        return r.error();
    const SeparationSettings &separation = m_request.separation;
    Q_EMIT m_job.batchStarted(m_report.dossier, m_report.component, m_report.batchId);
    (void)m_store.audit(
        QStringLiteral("batch-started"),
        QStringLiteral("batch %1 device %2 dossier %3 component %4%5")
            .arg(m_report.batchId, m_job.d->session->deviceName(), m_report.dossier.code, m_report.component.name,
                 separation.isEnabled() ? QStringLiteral(" separation ") + separation.name() : QString()),
        m_report.dossier.id);
    m_report.scannerStarted = true;

    // Three stages: acquisition on the device thread → encoding (CPU) → saving (fsync and commit,
    // mostly waiting on the disk) on this thread. On two cores the scanner, the encoder and the disk
    // all work at once. Threads are made before the scanner starts (see WorkerThread.h).
    if (separation.readsBarcodes())
        m_detection = std::make_unique<WorkerThread>(QStringLiteral("sohoa-barcodes"));
    std::thread encoder([this] { encode(); });
    std::thread cleaner;
    if (m_request.cleanup.any())
        cleaner = std::thread([this] { cleanUp(); });
    std::future<Result<BatchOutcome>> acquisition =
        m_job.d->session->submit([this](scanner::ScannerDevice &device) { return acquire(device); });

    while (auto item = m_encoded.pop()) {
        if (!handleSheet(*item))
            break;
    }
    Result<BatchOutcome> outcome = acquisition.get();
    encoder.join();
    m_saved.producerDone();
    if (cleaner.joinable())
        cleaner.join();
    m_detection.reset();

    if (m_saveError.isError())
        m_report.pagesAcquiredNotSaved =
            m_acquiredCount.load() - static_cast<int>(m_report.savedPages.size()) - m_separatorSheets;
    if (separation.isEnabled())
        saveSeparationState();
    m_report.error = outcome ? outcomeError(outcome.value()) : outcome.error();
    (void)m_store.audit(
        QStringLiteral("batch-ended"),
        QStringLiteral("batch %1: %2 pages saved, result %3%4")
            .arg(m_report.batchId)
            .arg(m_report.savedPages.size())
            .arg(m_report.error.id(),
                 m_report.pagesAcquiredNotSaved
                     ? QStringLiteral(", %1 pages read but not saved").arg(m_report.pagesAcquiredNotSaved)
                     : QString()),
        m_report.dossier.id);
    // The batch's pages in their dossiers' manifests (a separated batch may have filled several).
    m_store.writeManifests();
    qCInfo(lcWorkflows) << "batch" << m_report.batchId << "saved" << m_report.savedPages.size() << "pages, result"
                        << m_report.error.id();
    return m_report.error;
}

Error ScanPipeline::outcomeError(const BatchOutcome &outcome) const
{
    if (m_saveError.isError())
        return m_saveError;
    if (m_job.isCancelRequested() && outcome.error.code() != ErrorCode::None)
        return Error(ErrorCode::Cancelled, outcome.error.detail());
    return outcome.error;
}

Result<void> ScanPipeline::resolveStart()
{
    m_target.base = m_request.component;
    if (m_request.dossierCode.isEmpty() && m_request.separation.isEnabled()) {
        if (auto r = continueLastSeparatedBatch(); !r)
            return r;
    } else {
        // Checked now, made with the first page (ensureTarget).
        if (auto form = DossierCode::validate(m_request.dossierCode, m_request.allowFreeFormCode); !form)
            return form.error();
        const QString componentName = m_request.component.trimmed();
        if (DossierStore::sanitizeName(componentName).isEmpty())
            return Error(ErrorCode::InvalidArgument, QStringLiteral("component name: ") + m_request.component);
        m_report.dossier.code = m_request.dossierCode;
        m_report.component.name = componentName;
        if (auto existing = m_store.dossier(m_request.dossierCode)) {
            m_report.dossier = existing.value();
            m_report.component.dossierId = existing->id;
            if (auto component = m_store.component(existing->id, componentName))
                m_report.component = component.value();
        }
    }
    m_target.dossier = m_report.dossier;
    m_target.component = m_report.component;
    return {};
}

Result<void> ScanPipeline::continueLastSeparatedBatch()
{
    auto last = m_store.separationState();
    if (!last)
        return last.error();
    const std::optional<SeparationState> &saved = last.value();
    if (!saved) {
        // A box of QR-separated dossiers starts with its first cover sheet, which names the dossier
        // (handleSheet refuses a page that comes before it). Other kinds of sheets name no dossier.
        if (m_request.separation.mode == SeparationSettings::Mode::Qr)
            return {};
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("no dossier given and no earlier separated batch in this store"));
    }
    const SeparationState &state = *saved;
    auto dossier = m_store.dossier(state.dossierCode);
    if (!dossier)
        return dossier.error();
    m_report.dossier = dossier.value();
    // A pending split-off component is created with its first page; its document starts here.
    auto component = m_store.createOrGetComponent(m_report.dossier.id, state.pending ? state.from : state.component);
    if (!component)
        return component.error();
    m_report.component = component.value();
    m_target.base = state.base.isEmpty() ? m_report.component.name : state.base;
    if (state.pending)
        m_target.pendingComponent = state.component;
    m_target.barcode = state.barcode;
    m_target.pagesInDocument = state.pagesInDocument;
    return {};
}

Result<void> ScanPipeline::prepareDevice()
{
    scanner::DeviceSession &session = *m_job.d->session;
    if (auto r = session.open(); !r)
        return r;
    if (auto r = session.apply(m_request.settings); !r)
        return r;
    for (const auto &[name, value] : m_request.rawOptions) {
        if (auto r = session.setOption(name, value); !r)
            return Error(r.error().code(), name + u'=' + value + QStringLiteral(": ") + r.error().detail());
    }
    return {};
}

// On the device thread.
BatchOutcome ScanPipeline::acquire(scanner::ScannerDevice &device)
{
    // A cancel meant for an earlier batch of this open device must not end this one; a cancel of
    // this job from now on reaches the device (see ScanBatchJob::cancelled()).
    device.clearCancelRequest();
    {
        std::lock_guard lock(m_job.d->deviceMutex);
        m_job.d->device = &device;
    }
    if (m_job.isCancelRequested())
        device.cancel();
    const bool readsBarcodes = m_detection != nullptr;
    const SeparationSettings::Mode mode = m_request.separation.mode;
    const bool allowFreeForm = m_request.allowFreeFormCode;
    BatchCallbacks cb;
    cb.progress = [this](int index, double fraction) {
        Q_EMIT m_job.pageProgress(index, fraction);
    };
    cb.pageAcquired = [&](ScannedPage &&page) {
        const int index = m_acquiredCount.fetch_add(1);
        AcquiredPage item{std::move(page), {}};
        if (readsBarcodes) {
            // The QImage is shared, not copied; the search runs while the page waits for the encoder.
            item.sheet = m_detection
                             ->submit([image = item.page.image, dpi = item.page.dpi, mode, allowFreeForm] {
                                 return Separation::classifyPage(image, dpi, mode, allowFreeForm);
                             })
                             .share();
        }
        if (!m_acquired.push(std::move(item)))
            return false;
        if (m_job.d->betweenPages)
            m_job.d->betweenPages(index, device);
        return true;
    };
    BatchOutcome outcome = device.scanBatch(cb, m_request.maxPages);
    m_acquired.producerDone();
    {
        std::lock_guard lock(m_job.d->deviceMutex);
        m_job.d->device = nullptr;
    }
    return outcome;
}

void ScanPipeline::encode()
{
    while (auto page = m_acquired.pop()) {
        // A cover or patch-T sheet found in time is not encoded; otherwise encoding and the
        // barcode search run side by side and the page waits for both. (A receipt may still turn
        // out to be a page of the current dossier, so it is always encoded.)
        const bool searched = page->sheet.valid();
        SheetClass sheet = searched && page->sheet.wait_for(std::chrono::seconds(0)) == std::future_status::ready
                               ? page->sheet.get()
                               : SheetClass();
        const bool skip = sheet.kind == SheetClass::Kind::CoverSheet || sheet.kind == SheetClass::Kind::PatchT;
        Result<EncodedImage> image = skip
                                         ? Result<EncodedImage>(Error(ErrorCode::Internal, QStringLiteral("separator")))
                                         : PageEncoder::encode(page->page, m_request.profile);
        if (searched)
            sheet = page->sheet.get();
        QImage pixels = m_request.cleanup.any() && !skip ? page->page.image : QImage();
        page->page.image = QImage();
        EncodedPage item{std::move(page->page), std::move(image), std::move(sheet), std::move(pixels)};
        if (!m_encoded.push(std::move(item))) {
            m_acquired.consumerStopped();
            break;
        }
    }
    m_encoded.producerDone();
}

// The cleanup stage: after a page is saved (durable and committed), its cleaned image and findings are
// recorded beside it. A failure here costs the page nothing: it stays as scanned, and the batch goes on.
// After a cancel, the pages still waiting are left uncleaned (`dossier cleanup` does them later).
void ScanPipeline::cleanUp()
{
    while (auto saved = m_saved.pop()) {
        if (m_job.isCancelRequested())
            continue; // drain, so that the saving stage never waits on a cleaner that stopped
        auto cleaned = CleanupJob::cleanPage(m_store, saved->record, saved->pixels, m_request.cleanup,
                                             m_request.profile.jpegQuality, nullptr);
        if (!cleaned) {
            qCWarning(lcWorkflows) << "cleanup of" << saved->record.relativePath << "failed:" << cleaned.error().detail();
            m_report.cleanupErrors.append(cleaned.error());
            Q_EMIT m_job.warning(cleaned.error());
            continue;
        }
        ++m_report.pagesCleaned;
        if (cleaned->cleanup.blank)
            ++m_report.blankPages;
        Q_EMIT m_job.pageCleaned(cleaned.value());
    }
    m_store.releaseThreadConnection();
}

void ScanPipeline::stop(const Error &e)
{
    m_saveError = e;
    m_encoded.consumerStopped();
    m_job.cancelled(); // stops the scanner; not a user's cancel: the flag stays clear
}

Result<void> ScanPipeline::ensureTarget()
{
    const bool starting = m_target.dossier.code == m_report.dossier.code;
    if (m_target.dossier.id == 0) {
        auto dossier = m_store.createOrGetDossier(m_target.dossier.code, m_request.allowFreeFormCode);
        if (!dossier)
            return dossier.error();
        m_target.dossier = dossier.value();
    }
    // A separator's component waiting for its first page, or the request's own not made yet.
    const QString component = !m_target.pendingComponent.isEmpty() ? m_target.pendingComponent
                              : m_target.component.id == 0         ? m_target.component.name
                                                                   : QString();
    if (!component.isEmpty()) {
        auto c = m_store.createOrGetComponent(m_target.dossier.id, component);
        if (!c)
            return c.error();
        m_target.component = c.value();
        m_target.pendingComponent.clear();
    }
    if (starting) { // what the report names is now real
        if (m_report.dossier.id == 0)
            m_report.dossier = m_target.dossier;
        if (m_report.component.id == 0 && m_report.component.name == m_target.component.name)
            m_report.component = m_target.component;
    }
    return {};
}

void ScanPipeline::record(SeparationEvent ev)
{
    ev.dossierCode = m_target.dossier.code;
    ev.component = m_target.pendingComponent.isEmpty() ? m_target.component.name : m_target.pendingComponent;
    const QJsonObject detail{
        {QStringLiteral("kind"), ev.kind},           {QStringLiteral("value"), ev.value},
        {QStringLiteral("format"), ev.format},       {QStringLiteral("dossier"), ev.dossierCode},
        {QStringLiteral("component"), ev.component}, {QStringLiteral("batch"), m_report.batchId},
        {QStringLiteral("sheet"), ev.sheet},         {QStringLiteral("device"), m_job.d->session->deviceName()}};
    (void)m_store.audit(ev.kind == u"every" ? QStringLiteral("document-split") : QStringLiteral("separator-sheet"),
                        toJson(detail), m_target.dossier.id);
    m_report.separations.append(ev);
    Q_EMIT m_job.separated(ev);
}

bool ScanPipeline::separate(const SheetClass &sheet)
{
    SeparationEvent ev;
    ev.sheet = m_sheetIndex;
    ev.kind = sheetKindName(sheet.kind);
    ev.value = sheet.value;
    ev.format = barcodeFormatName(sheet.format);
    if (sheet.kind == SheetClass::Kind::PatchT) {
        auto name = nextDocumentName(m_store, m_target);
        if (!name) {
            stop(name.error());
            return false;
        }
        m_target.pendingComponent = name.value();
    } else {
        const bool existed = m_store.dossier(sheet.dossierCode).ok();
        auto dossier = m_store.createOrGetDossier(sheet.dossierCode, sheet.kind == SheetClass::Kind::CoverSheet &&
                                                                         m_request.allowFreeFormCode);
        if (!dossier) {
            stop(dossier.error());
            return false;
        }
        const QString name = sheet.component.isEmpty() ? m_request.component : sheet.component;
        auto component = m_store.createOrGetComponent(dossier->id, name);
        if (!component) {
            stop(component.error());
            return false;
        }
        ev.dossierCreated = !existed;
        m_target.dossier = dossier.value();
        m_target.component = component.value();
        m_target.pendingComponent.clear();
        m_target.base = component->name;
    }
    m_target.barcode = sheet.value;
    m_target.pagesInDocument = 0;
    ++m_separatorSheets;
    record(ev);
    return true;
}

bool ScanPipeline::handleSheet(EncodedPage &item)
{
    ++m_sheetIndex;
    SheetClass &sheet = item.sheet;
    if (sheet.warning.isError()) {
        const SeparationWarning w{m_sheetIndex, sheet.value, sheet.warning};
        (void)m_store.audit(
            QStringLiteral("separator-rejected"),
            QStringLiteral("sheet %1 of batch %2: %3").arg(m_sheetIndex).arg(m_report.batchId, sheet.warning.detail()),
            m_target.dossier.id);
        m_report.separationWarnings.append(w);
        Q_EMIT m_job.separationWarning(w);
    }
    // A receipt naming the dossier being filled is a page of it (a stamped copy carries its own
    // code): kept, never dropped.
    if (sheet.kind == SheetClass::Kind::Receipt && sheet.dossierCode == m_target.dossier.code)
        sheet.kind = SheetClass::Kind::Document;
    if (sheet.isSeparator())
        return separate(sheet);
    const SeparationSettings &separation = m_request.separation;
    if (separation.mode == SeparationSettings::Mode::EveryN && m_target.pagesInDocument >= separation.everyN) {
        auto name = nextDocumentName(m_store, m_target);
        if (!name) {
            stop(name.error());
            return false;
        }
        m_target.pendingComponent = name.value();
        m_target.pagesInDocument = 0;
        SeparationEvent ev;
        ev.sheet = m_sheetIndex;
        ev.kind = QStringLiteral("every");
        record(ev);
    }
    if (m_target.dossier.code.isEmpty()) {
        stop(Error::withHint(ErrorCode::InvalidArgument, "sohoa::workflows::ScanBatchJob",
                             QT_TRANSLATE_NOOP("sohoa::workflows::ScanBatchJob",
                                               "Sheet %1 is not a cover sheet, and no dossier was chosen: put the "
                                               "dossier's cover sheet first (or choose the dossier) and scan from "
                                               "that sheet again."),
                             {QString::number(m_sheetIndex)}));
        return false;
    }
    if (auto r = ensureTarget(); !r) {
        stop(r.error());
        return false;
    }
    item.page.barcode = m_target.barcode;
    Result<PageRecord> saved = item.encoded ? m_store.savePage(m_target.component, item.page, item.encoded.value(),
                                                               m_report.batchId, insertPosition(), m_request.replace)
                                            : Result<PageRecord>(item.encoded.error());
    if (!saved) {
        stop(saved.error());
        return false;
    }
    ++m_target.pagesInDocument;
    m_report.savedPages.append(saved.value());
    Q_EMIT m_job.pageSaved(saved.value());
    if (m_request.cleanup.any())
        m_saved.push(SavedPage{saved.value(), std::move(item.pixels)}); // waits while cleanup is two pages behind
    m_job.reportProgress(m_report.savedPages.size(), m_request.maxPages,
                         QCoreApplication::translate("sohoa::workflows::ScanBatchJob", "Scanning"));
    return true;
}

void ScanPipeline::saveSeparationState()
{
    if (m_target.dossier.id == 0)
        return; // nothing was saved anywhere: the last separated batch still ended where it did
    // The next batch without a dossier code continues from here (a flatbed, one sheet a batch).
    m_report.dossier = m_target.dossier;
    if (m_target.pendingComponent.isEmpty())
        m_report.component = m_target.component;
    else
        m_report.component = ComponentInfo{0, m_target.dossier.id, m_target.pendingComponent, 0};
    SeparationState state;
    state.dossierCode = m_target.dossier.code;
    state.component = m_report.component.name;
    state.pending = !m_target.pendingComponent.isEmpty();
    state.from = m_target.component.name;
    state.base = m_target.base;
    state.barcode = m_target.barcode;
    state.pagesInDocument = m_target.pagesInDocument;
    state.batchId = m_report.batchId;
    if (auto saved = m_store.saveSeparationState(state); !saved)
        qCWarning(lcWorkflows) << "separation state not saved:" << saved.error().detail();
}

ScanBatchJob::ScanBatchJob(DossierStore &store, ScanRequest request, std::shared_ptr<scanner::DeviceSession> session,
                           QObject *parent)
    : Job(parent), d(std::make_unique<Private>()), m_store(store), m_request(std::move(request))
{
    registerMetaTypes();
    d->ownsSession = !session;
    d->session = session ? std::move(session) : std::make_shared<scanner::DeviceSession>(m_request.deviceName);
}

ScanBatchJob::~ScanBatchJob()
{
    stop();
}

void ScanBatchJob::registerMetaTypes()
{
    Job::registerMetaTypes();
    qRegisterMetaType<sohoa::PageRecord>();
    qRegisterMetaType<sohoa::DossierInfo>();
    qRegisterMetaType<sohoa::ComponentInfo>();
    qRegisterMetaType<sohoa::workflows::ScanReport>();
    qRegisterMetaType<sohoa::workflows::SeparationEvent>();
    qRegisterMetaType<sohoa::workflows::SeparationWarning>();
}

void ScanBatchJob::setBetweenPagesHook(std::function<void(int, scanner::ScannerDevice &)> hook)
{
    d->betweenPages = std::move(hook);
}

void ScanBatchJob::cancelled()
{
    std::lock_guard lock(d->deviceMutex);
    if (d->device)
        d->device->cancel();
}

Error ScanBatchJob::run()
{
    Error e = ScanPipeline(*this, m_report).run();
    m_report.error = e;
    if (d->ownsSession)
        d->session.reset();
    m_store.releaseThreadConnection();
    return e;
}

} // namespace sohoa::workflows
