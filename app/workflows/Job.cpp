#include "app/workflows/Job.h"

#include "app/workflows/WorkflowsLogging.h"

#include <QThread>

namespace sohoa::workflows {

Job::Job(QObject *parent) : QObject(parent)
{
    registerMetaTypes();
}

Job::~Job()
{
    // A subclass stops its worker in its own destructor (stop()): by now its members are gone.
    if (m_thread && m_thread->isRunning()) {
        qCCritical(lcWorkflows) << metaObject()->className() << "destroyed without stop(); waiting for its worker";
        cancel();
        m_thread->wait();
    }
    delete m_thread;
}

void Job::registerMetaTypes()
{
    qRegisterMetaType<sohoa::Error>();
    qRegisterMetaType<sohoa::workflows::JobProgress>();
    qRegisterMetaType<sohoa::workflows::SecretRequest>();
}

bool Job::start()
{
    if (m_state != State::NotStarted)
        return false;
    m_state = State::Running;
    m_thread = QThread::create([this] {
        Error outcome = run();
        if (m_progressPending) // the last progress always reaches the face
            Q_EMIT progress(m_lastProgress);
        m_error = std::move(outcome);
    });
    m_thread->setObjectName(QString::fromLatin1(metaObject()->className()));
    // QThread::finished comes from the worker as it ends; queued to this object's thread.
    connect(m_thread, &QThread::finished, this, &Job::workerFinished, Qt::QueuedConnection);
    Q_EMIT started();
    m_thread->start();
    return true;
}

void Job::stop()
{
    if (m_thread && m_thread->isRunning()) {
        cancel();
        m_thread->wait();
    }
}

void Job::workerFinished()
{
    m_thread->wait(); // returns at once: the thread has ended; makes the worker's writes visible
    m_state = State::Finished;
    qCDebug(lcWorkflows) << metaObject()->className() << "finished:" << m_error.id() << m_error.detail();
    Q_EMIT finished(m_error);
}

void Job::cancel()
{
    m_cancel.store(true);
    {
        std::lock_guard lock(m_secretMutex); // a waiting askSecret() sees the flag
    }
    m_secretAnswered.notify_all();
    cancelled();
}

void Job::reportProgress(qint64 done, qint64 total, const QString &what)
{
    m_lastProgress.done = done;
    m_lastProgress.total = total;
    if (!what.isNull())
        m_lastProgress.what = what;
    if (m_progressClock.isValid() && m_progressClock.elapsed() < kProgressIntervalMs) {
        m_progressPending = true;
        return;
    }
    m_progressClock.start();
    m_progressPending = false;
    Q_EMIT progress(m_lastProgress);
}

Result<SecureBuffer> Job::askSecret(const SecretRequest &request)
{
    {
        std::lock_guard lock(m_secretMutex);
        m_secretAnswer.reset();
        m_secretWaiting = true;
    }
    if (!m_cancel.load())
        Q_EMIT secretRequested(request);
    std::unique_lock lock(m_secretMutex);
    m_secretAnswered.wait(lock, [&] { return m_secretAnswer.has_value() || m_cancel.load(); });
    m_secretWaiting = false;
    if (!m_secretAnswer)
        return Error(ErrorCode::Cancelled, QStringLiteral("cancelled while waiting for a secret"));
    Result<SecureBuffer> answer = std::move(*m_secretAnswer);
    m_secretAnswer.reset();
    return answer;
}

void Job::provideSecret(SecureBuffer secret)
{
    {
        std::lock_guard lock(m_secretMutex);
        if (!m_secretWaiting)
            return; // nobody asked (or the job was cancelled): drop it, wiped with the buffer
        m_secretAnswer.emplace(std::move(secret));
    }
    m_secretAnswered.notify_all();
}

void Job::declineSecret(const Error &reason)
{
    {
        std::lock_guard lock(m_secretMutex);
        if (!m_secretWaiting)
            return;
        m_secretAnswer.emplace(reason.isError() ? reason : Error(ErrorCode::Cancelled));
    }
    m_secretAnswered.notify_all();
}

} // namespace sohoa::workflows
