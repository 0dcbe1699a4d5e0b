#include "app/gui/UploadController.h"

#include <algorithm>

namespace sohoa::gui {

namespace {
// The process's runner, whichever window started it (the engine's lock file is per store and per
// process: a second runner here would only wait for the first).
QPointer<workflows::UploadQueueJob> g_processRunner;
} // namespace

UploadController::UploadController(DossierStore &store, QObject *parent) : QObject(parent), m_store(store)
{
    workflows::Job::registerMetaTypes();
    qRegisterMetaType<UploadJobRecord>();
}

UploadController::~UploadController()
{
    stop();
}

bool UploadController::isRunning() const
{
    return m_job && m_job->isRunning();
}

bool UploadController::hasQueuedJobs() const
{
    auto jobs = m_store.uploadJobs();
    if (!jobs)
        return false;
    return std::any_of(jobs->cbegin(), jobs->cend(), [](const UploadJobRecord &j) { return j.state == u"queued"; });
}

Result<QList<UploadJobRecord>> UploadController::queue(const QString &target, const QStringList &files,
                                                       const QString &dossierCode)
{
    auto queued = workflows::enqueueUploads(m_store, target, files, dossierCode);
    if (queued)
        ensureRunning();
    return queued;
}

Result<void> UploadController::sendNow()
{
    auto due = workflows::retryWaitingUploadsNow(m_store);
    if (!due)
        return due.error();
    ensureRunning();
    return {};
}

void UploadController::ensureRunning()
{
    if (isRunning() || m_store.isReadOnly() || !hasQueuedJobs())
        return;
    if (g_processRunner && g_processRunner->isRunning()) {
        Q_EMIT runFinished(Error::withHint(ErrorCode::StoreLocked, "sohoa::gui::UploadController",
                                           QT_TRANSLATE_NOOP("sohoa::gui::UploadController",
                                                             "Another window of SoHoa is sending its upload queue; "
                                                             "this one leaves it to it.")));
        return;
    }
    start();
}

void UploadController::start()
{
    delete m_job.data();
    workflows::UploadQueueOptions options;
    options.untilIdle = true; // ends when nothing is queued; waits for the retries of a server that is down
    auto *job = new workflows::UploadQueueJob(m_store, options, this);
    m_job = job;
    g_processRunner = job;
    connect(job, &workflows::UploadQueueJob::transferProgress, this, &UploadController::transferProgress);
    connect(job, &workflows::Job::finished, this, [this, job](const Error &error) {
        job->deleteLater();
        if (m_job == job)
            m_job = nullptr;
        Q_EMIT runningChanged(false);
        Q_EMIT runFinished(error);
        // Something queued just as the runner found nothing left: sent by a new run. Not after a
        // failure of the run itself (the store, the lock), which would only repeat.
        const bool runWasSound = !error.isError() || error.code() == ErrorCode::UploadRejected;
        if (runWasSound && !m_job)
            ensureRunning();
    });
    job->start();
    Q_EMIT runningChanged(true);
}

Result<void> UploadController::pauseAll()
{
    auto changed = m_store.setAllUploadStates(QStringLiteral("paused"));
    if (!changed)
        return changed.error();
    return {};
}

Result<void> UploadController::resumeAll()
{
    auto changed = m_store.setAllUploadStates(QStringLiteral("queued"));
    if (!changed)
        return changed.error();
    ensureRunning();
    return {};
}

Result<void> UploadController::setState(const QList<qint64> &ids, const QString &state)
{
    for (qint64 id : ids) {
        auto changed = m_store.setUploadState(id, state);
        // A job that cannot become `state` (delivered, or changed by the runner meanwhile) stays as it is.
        if (!changed && changed.error().code() != ErrorCode::InvalidArgument)
            return changed.error();
    }
    if (state == u"queued")
        ensureRunning();
    return {};
}

void UploadController::stop()
{
    if (!m_job)
        return;
    const bool wasRunning = m_job->isRunning();
    // The job's destructor cancels it and waits: a transfer under way is stopped and its job queued again.
    delete m_job.data();
    if (wasRunning)
        Q_EMIT runningChanged(false);
}

} // namespace sohoa::gui
