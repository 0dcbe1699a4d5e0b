#include "app/gui/ScanController.h"

#include "scanner/DeviceSession.h"

namespace sohoa::gui {

ScanController::ScanController(DossierStore &store, QObject *parent) : QObject(parent), m_store(store) {}

ScanController::~ScanController()
{
    delete m_job.data(); // cancels and waits: saved pages stay saved
}

bool ScanController::isRunning() const
{
    return m_job && m_job->isRunning();
}

void ScanController::start(const workflows::ScanRequest &request, std::shared_ptr<scanner::DeviceSession> session)
{
    if (isRunning())
        return;
    m_request = request;
    m_session = std::move(session);
    m_counters = {};
    m_clock.start();
    m_firstPageMs = -1;
    launch();
}

void ScanController::stop()
{
    if (m_job)
        m_job->cancel();
}

void ScanController::continueBatch()
{
    if (isRunning() || !m_canContinue)
        return;
    launch();
}

void ScanController::finish()
{
    m_canContinue = false;
    Q_EMIT countersChanged();
}

void ScanController::launch()
{
    m_canContinue = false;
    delete m_job.data();
    auto *job = new workflows::ScanBatchJob(m_store, m_request, m_session, this);
    m_job = job;
    connect(job, &workflows::ScanBatchJob::pageSaved, this, [this](const PageRecord &page) {
        ++m_counters.pages;
        // The feeder's pace: pages after the first over the time since the first (a single page,
        // or pages a moment apart, say nothing about it yet).
        const qint64 now = m_clock.elapsed();
        if (m_firstPageMs < 0)
            m_firstPageMs = now;
        const double minutes = (now - m_firstPageMs) / 60000.0;
        m_counters.pagesPerMinute = m_counters.pages > 1 && minutes > 1.0 / 60 ? (m_counters.pages - 1) / minutes : 0;
        Q_EMIT pageSaved(page);
        Q_EMIT countersChanged();
    });
    connect(job, &workflows::ScanBatchJob::separated, this, [this](const workflows::SeparationEvent &event) {
        ++m_counters.separatorSheets;
        if (event.dossierCreated)
            ++m_counters.dossiersOpened;
        Q_EMIT separated(event);
        Q_EMIT countersChanged();
    });
    connect(job, &workflows::ScanBatchJob::separationWarning, this,
            [this](const workflows::SeparationWarning &warning) {
                m_counters.warnings << tr("Sheet %1: %2").arg(warning.sheet).arg(warning.error.message());
                Q_EMIT countersChanged();
            });
    connect(job, &workflows::Job::finished, this, [this, job] {
        const workflows::ScanReport report = job->report();
        // Continue goes on after what this batch saved: an insert moves past the saved pages, a
        // separated batch continues from the store's separation state (an empty code).
        if (report.scannerStarted && report.error.isError() && report.error.code() != ErrorCode::Cancelled) {
            m_canContinue = true;
            if (m_request.insertAt > 0)
                m_request.insertAt += int(report.savedPages.size());
            if (m_request.separation.isEnabled() && !report.savedPages.isEmpty())
                m_request.dossierCode.clear();
        }
        Q_EMIT countersChanged();
        Q_EMIT finished(report);
    });
    if (m_hook)
        m_hook(*job);
    Q_EMIT started(job);
    job->start();
}

} // namespace sohoa::gui
