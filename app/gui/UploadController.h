#pragma once

#include "app/workflows/UploadQueueJob.h"

#include <QObject>
#include <QPointer>

namespace sohoa::gui {

// The window's upload runner (one workflows::UploadQueueJob at a time for its store) and the queue
// commands of the upload panel and the counter (Ctrl+U, the upload after signing), each one engine call.
// The runner sends in the background until nothing is queued (it waits for the retries of a server that
// is down) and is started again whenever something is queued, resumed or retried. One runner per
// process: a second window leaves the queue to the first (and the engine's lock file keeps other
// programs out). Destroying the controller, or stop(), ends the runner: a file being sent goes back to
// the queue, nothing half-written stays on the server.
class UploadController : public QObject
{
    Q_OBJECT
public:
    explicit UploadController(DossierStore &store, QObject *parent = nullptr);
    ~UploadController() override;

    DossierStore &store() const { return m_store; }
    bool isRunning() const;
    workflows::UploadQueueJob *runner() const { return m_job; }

    // Queues files for a target (workflows::enqueueUploads) and makes sure they are sent.
    Result<QList<UploadJobRecord>> queue(const QString &target, const QStringList &files, const QString &dossierCode);
    // "Send now": the jobs waiting for a retry are due at once, and the runner runs.
    Result<void> sendNow();
    // Starts the runner when something is queued and none runs.
    void ensureRunning();
    Result<void> pauseAll();
    Result<void> resumeAll();
    // Each job to `state`: "queued" (retry a failed one, resume a paused one, or send a waiting one now),
    // "paused" or "cancelled". A job that cannot become it (delivered meanwhile) is left as it is.
    Result<void> setState(const QList<qint64> &ids, const QString &state);
    // Ends the runner and waits for it (the window closes, the store changes).
    void stop();

Q_SIGNALS:
    void runningChanged(bool running);
    void transferProgress(qint64 id, qint64 sent, qint64 total);
    // A run ended by itself: None when nothing is left to send, UploadRejected when some jobs failed
    // (their rows say why), StoreLocked when another program sends this store's queue.
    void runFinished(const sohoa::Error &error);

private:
    bool hasQueuedJobs() const;
    void start();

    DossierStore &m_store;
    QPointer<workflows::UploadQueueJob> m_job;
};

} // namespace sohoa::gui
