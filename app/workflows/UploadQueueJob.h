#pragma once

#include "app/workflows/Job.h"
#include "core/dossier/DossierStore.h"
#include "upload/UploadTarget.h"

#include <QHash>
#include <QMetaType>

#include <atomic>
#include <memory>

namespace sohoa::upload {
class Courier;
}

namespace sohoa::workflows {

// The upload targets kept in the store, by name.
Result<upload::TargetConfig> uploadTarget(const DossierStore &store, const QString &name);
Result<QList<upload::TargetConfig>> uploadTargets(const DossierStore &store);
// Checks and keeps a target (its secret is read once, so that a missing one is said now). A target
// whose secret lives in the keyring gets `keyringSecret` kept there first (empty: the one already
// there is used).
Result<void> saveUploadTarget(DossierStore &store, const upload::TargetConfig &target,
                              const SecureBuffer &keyringSecret = {});
// Forgets a target, and its secret in the keyring if it had one there.
Result<void> removeUploadTarget(DossierStore &store, const QString &name);

// Puts files in the upload queue for `targetName`: each file's SHA-256 and size now (a file changed
// before it is sent is refused then), its remote name from the target's template, a fresh
// idempotency key. The same content to the same place already queued or delivered is not queued
// again (that job is returned). `dossierCode` (may be empty) fills {dossier} and links the jobs.
Result<QList<UploadJobRecord>> enqueueUploads(DossierStore &store, const QString &targetName,
                                              const QStringList &files, const QString &dossierCode);
// A dossier's files to deliver: its signed documents (the newest of each path still on disk).
Result<QStringList> dossierUploadFiles(const DossierStore &store, const QString &dossierCode);
// "Send now": the queued jobs waiting for their next retry are due at once (a person says the network
// or the server is back); the jobs changed. A runner waiting for a retry takes them within a second.
Result<QList<UploadJobRecord>> retryWaitingUploadsNow(DossierStore &store);

struct UploadQueueOptions
{
    bool untilIdle = true;  // end when nothing is queued or due (failed and paused jobs wait for a person)
    int maxWaitSeconds = -1; // with untilIdle: also end when the next retry is further away than this (-1: wait)
    int concurrency = 2;     // deliveries at a time, each on its own thread with its own connections
};

// Runs the queue of the store: `concurrency` deliveries at a time (an upload::Courier per thread and
// target, so connections are kept open from one file to the next), in order of due time. A
// transient error (no network, a busy server) puts the job back with a backoff (2^attempts seconds
// with jitter, at most 15 minutes, or the server's Retry-After); a permanent one marks it failed with
// its reason. Jobs left "sending" by a runner that died are queued again first: delivery checks what
// the server has, so an interrupted one is finished exactly once. One runner per store (a lock file).
// A job paused or cancelled by a person while it is being sent (from this program or another) is
// seen within half a second and its transfer stopped; nothing it sent stays on the server half-written
// (a WebDAV server stores a PUT only when its body is complete).
class UploadQueueJob : public Job
{
    Q_OBJECT
public:
    UploadQueueJob(DossierStore &store, UploadQueueOptions options = {}, QObject *parent = nullptr);
    ~UploadQueueJob() override;

    int delivered() const { return m_delivered.load(); }
    int failed() const { return m_failed.load(); }

Q_SIGNALS:
    // When a job is taken for sending, and after each attempt (delivered, queued again, failed).
    void jobUpdated(const sohoa::UploadJobRecord &job);
    // Bytes of job `id` sent so far (at most ten times a second per job).
    void transferProgress(qint64 id, qint64 sent, qint64 total);

protected:
    Error run() override;

private:
    struct Run;
    void work(Run &run);
    void deliverOne(Run &run, const UploadJobRecord &job, QHash<QString, std::shared_ptr<upload::Courier>> &couriers);

    DossierStore &m_store;
    UploadQueueOptions m_options;
    std::atomic<int> m_delivered{0};
    std::atomic<int> m_failed{0};
};

} // namespace sohoa::workflows
