#include "app/workflows/UploadQueueJob.h"

#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"
#include "upload/Delivery.h"
#include "upload/Keyring.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMutex>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QLockFile>
#include <QRandomGenerator>
#include <QThread>
#include <QUuid>

#include <algorithm>

namespace sohoa::workflows {

namespace {

constexpr int kMaxBackoffSeconds = 15 * 60;

} // namespace

Result<upload::TargetConfig> uploadTarget(const DossierStore &store, const QString &name)
{
    auto all = store.uploadTargets();
    if (!all)
        return all.error();
    for (const auto &[n, json] : all.value())
        if (n == name)
            return upload::TargetConfig::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
    return Error(ErrorCode::TargetNotFound, name);
}

Result<QList<upload::TargetConfig>> uploadTargets(const DossierStore &store)
{
    auto all = store.uploadTargets();
    if (!all)
        return all.error();
    QList<upload::TargetConfig> out;
    for (const auto &[n, json] : all.value()) {
        auto t = upload::TargetConfig::fromJson(QJsonDocument::fromJson(json.toUtf8()).object());
        if (!t)
            return t.error();
        out.append(t.value());
    }
    return out;
}

Result<void> saveUploadTarget(DossierStore &store, const upload::TargetConfig &target,
                              const SecureBuffer &keyringSecret)
{
    if (auto checked = target.check(); !checked)
        return checked;
    if (target.secretInKeyring && !keyringSecret.isEmpty())
        if (auto kept = upload::keepSecretInKeyring(target.name, keyringSecret); !kept)
            return kept;
    if (auto secret = upload::readSecret(target); !secret)
        return secret.error();
    return store.saveUploadTarget(target.name,
                                  QString::fromUtf8(QJsonDocument(target.toJson()).toJson(QJsonDocument::Compact)));
}

Result<void> removeUploadTarget(DossierStore &store, const QString &name)
{
    auto target = uploadTarget(store, name);
    if (!target)
        return target.error();
    if (auto removed = store.removeUploadTarget(name); !removed)
        return removed;
    if (target->secretInKeyring)
        return upload::forgetSecretInKeyring(name);
    return {};
}

Result<QList<UploadJobRecord>> enqueueUploads(DossierStore &store, const QString &targetName,
                                              const QStringList &files, const QString &dossierCode)
{
    auto target = uploadTarget(store, targetName);
    if (!target)
        return target.error();
    qint64 dossierId = 0;
    if (!dossierCode.isEmpty()) {
        auto dossier = store.dossier(dossierCode);
        if (!dossier)
            return dossier.error();
        dossierId = dossier->id;
    }
    QList<UploadJobRecord> out;
    for (const QString &file : files) {
        if (auto exists = checkInputFile(file); !exists)
            return exists.error();
        UploadJobRecord job;
        auto digest = sha256HexOfFile(file, &job.size);
        if (!digest)
            return digest.error();
        job.sha256 = digest.value();
        auto remote = upload::expandRemoteName(
            target->nameTemplate, {dossierCode, QFileInfo(file).fileName(), job.sha256, QDate::currentDate()});
        if (!remote)
            return remote.error();
        job.target = targetName;
        job.dossierId = dossierId;
        job.path = QFileInfo(file).absoluteFilePath();
        job.remoteName = remote.value();
        job.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        auto queued = store.enqueueUpload(job);
        if (!queued)
            return queued.error();
        out.append(queued.value());
    }
    return out;
}

Result<QStringList> dossierUploadFiles(const DossierStore &store, const QString &dossierCode)
{
    auto dossier = store.dossier(dossierCode);
    if (!dossier)
        return dossier.error();
    auto docs = store.signedDocuments(dossier->id);
    if (!docs)
        return docs.error();
    QStringList files;
    for (auto it = docs->crbegin(); it != docs->crend(); ++it)
        if (!files.contains(it->path) && QFileInfo::exists(it->path))
            files.prepend(it->path);
    if (files.isEmpty())
        return Error::withHint(ErrorCode::InvalidArgument, "sohoa::workflows",
                               QT_TRANSLATE_NOOP("sohoa::workflows",
                                                 "The dossier %1 has no signed file to deliver yet: sign its export "
                                                 "first (Ctrl+S at the counter), or name the files to upload."),
                               {dossierCode});
    return files;
}

Result<QList<UploadJobRecord>> retryWaitingUploadsNow(DossierStore &store)
{
    auto jobs = store.uploadJobs();
    if (!jobs)
        return jobs.error();
    const QDateTime now = QDateTime::currentDateTime();
    QList<UploadJobRecord> changed;
    for (const UploadJobRecord &job : jobs.value()) {
        if (job.state != u"queued" || !job.nextAttemptAt.isValid() || job.nextAttemptAt <= now)
            continue;
        auto due = store.setUploadState(job.id, QStringLiteral("queued"));
        if (!due) {
            // Taken by a runner (or paused, cancelled) meanwhile: nothing to bring forward.
            if (auto again = store.uploadJob(job.id); again && again->state != u"queued")
                continue;
            return due.error();
        }
        changed.append(due.value());
    }
    return changed;
}

UploadQueueJob::UploadQueueJob(DossierStore &store, UploadQueueOptions options, QObject *parent)
    : Job(parent), m_store(store), m_options(options)
{
    static const int registered = qRegisterMetaType<sohoa::UploadJobRecord>();
    Q_UNUSED(registered);
}

UploadQueueJob::~UploadQueueJob()
{
    stop();
}

// What the runner's threads share: who takes the next job (one at a time), how many are sending, when
// to stop, and each target's configuration, secret and bandwidth limit (read once per run).
struct UploadQueueJob::Run
{
    struct Target
    {
        upload::TargetConfig config;
        SecureBuffer secret;
        std::shared_ptr<upload::CourierShare> share;
    };

    QMutex mutex;
    int busy = 0;
    bool stop = false;
    Error error; // the first that ended the run
    QHash<QString, Target> targets;
    QString what;

    void end(const Error &e)
    {
        if (!error.isError())
            error = e;
        stop = true;
    }
};

namespace {

// What a delivery asks while it runs: whether to stop (the whole run was cancelled, or a person paused
// or cancelled this job — looked up in the store at most twice a second), and where it has got to.
class DeliveryControl : public WorkControl
{
public:
    DeliveryControl(UploadQueueJob &job, DossierStore &store, qint64 id) : m_job(job), m_store(store), m_id(id)
    {
        m_checked.start();
        m_reported.start();
    }
    bool stoppedByPerson() const { return m_stoppedByPerson; }
    bool isCancelRequested() const override
    {
        if (m_job.isCancelRequested() || m_stoppedByPerson)
            return true;
        if (m_checked.elapsed() >= 500) {
            m_checked.restart();
            auto now = m_store.uploadJob(m_id);
            m_stoppedByPerson = now && now->state != u"sending";
        }
        return m_stoppedByPerson;
    }
    void reportProgress(qint64 done, qint64 total) override
    {
        if (done < total && m_reported.elapsed() < 100)
            return;
        m_reported.restart();
        Q_EMIT m_job.transferProgress(m_id, done, total);
    }

private:
    UploadQueueJob &m_job;
    DossierStore &m_store;
    qint64 m_id;
    mutable QElapsedTimer m_checked;
    mutable bool m_stoppedByPerson = false;
    QElapsedTimer m_reported;
};

} // namespace

Error UploadQueueJob::run()
{
    QDir().mkpath(QDir(m_store.rootPath()).filePath(QStringLiteral(".sohoa")));
    QLockFile lock(QDir(m_store.rootPath()).filePath(QStringLiteral(".sohoa/upload.lock")));
    lock.setStaleLockTime(0); // a dead runner's lock is taken over (its PID is gone)
    if (!lock.tryLock(2000)) {
        m_store.releaseThreadConnection();
        return Error::withHint(ErrorCode::StoreLocked, "sohoa::workflows",
                               QT_TRANSLATE_NOOP("sohoa::workflows",
                                                 "Another program is already sending this store's upload queue; "
                                                 "this one leaves it to it."),
                               {m_store.rootPath()});
    }
    if (auto requeued = m_store.requeueInterruptedUploads(); !requeued) {
        m_store.releaseThreadConnection();
        return requeued.error();
    }
    Run shared;
    shared.what = QCoreApplication::translate("sohoa::workflows::UploadQueueJob", "Uploading");
    std::vector<std::unique_ptr<QThread>> helpers;
    for (int i = 1; i < std::max(1, m_options.concurrency); ++i) {
        helpers.emplace_back(QThread::create([this, &shared] {
            work(shared);
            m_store.releaseThreadConnection();
        }));
        helpers.back()->start();
    }
    work(shared);
    for (const auto &helper : helpers)
        helper->wait();
    m_store.releaseThreadConnection();
    if (shared.error.isError())
        return shared.error;
    if (isCancelRequested())
        return Error(ErrorCode::Cancelled);
    if (m_failed > 0)
        return Error(ErrorCode::UploadRejected, QStringLiteral("%1 upload(s) failed").arg(m_failed.load()));
    return {};
}

void UploadQueueJob::work(Run &run)
{
    QHash<QString, std::shared_ptr<upload::Courier>> couriers; // this thread's, kept for the run
    for (;;) {
        std::optional<UploadJobRecord> job;
        qint64 waitMs = 0;
        {
            QMutexLocker locked(&run.mutex);
            if (run.stop || isCancelRequested())
                return;
            auto next = m_store.takeNextUpload(QDateTime::currentDateTime());
            if (!next) {
                run.end(next.error());
                return;
            }
            if (next->has_value()) {
                job = std::move(next.value());
                ++run.busy;
            } else if (run.busy > 0) {
                waitMs = 100; // the others may put a job back for a retry
            } else {
                // Nothing due and nobody sending: wait for the next retry, or end when nothing waits
                // for one (failed and paused jobs wait for a person).
                auto jobs = m_store.uploadJobs();
                if (!jobs) {
                    run.end(jobs.error());
                    return;
                }
                QDateTime soonest;
                for (const UploadJobRecord &j : jobs.value())
                    if (j.state == u"queued" && (!soonest.isValid() || j.nextAttemptAt < soonest))
                        soonest = j.nextAttemptAt;
                if (!soonest.isValid()) {
                    run.stop = true;
                    return;
                }
                waitMs = std::max<qint64>(0, QDateTime::currentDateTime().msecsTo(soonest));
                if (m_options.untilIdle && m_options.maxWaitSeconds >= 0 && waitMs > m_options.maxWaitSeconds * 1000LL) {
                    run.end(Error(ErrorCode::UploadUnreachable,
                                  QStringLiteral("the next retry is in %1 s").arg(waitMs / 1000)));
                    return;
                }
            }
        }
        if (!job) {
            // In short steps: a job resumed or added meanwhile, or a cancel, is seen soon.
            for (qint64 waited = 0; waited < std::min<qint64>(waitMs, 1000) && !isCancelRequested(); waited += 50)
                QThread::msleep(50);
            continue;
        }
        deliverOne(run, job.value(), couriers);
        QMutexLocker locked(&run.mutex);
        --run.busy;
    }
}

void UploadQueueJob::deliverOne(Run &run, const UploadJobRecord &job,
                                QHash<QString, std::shared_ptr<upload::Courier>> &couriers)
{
    Q_EMIT jobUpdated(job);
    {
        QMutexLocker locked(&run.mutex); // Job's progress is not made for several threads
        reportProgress(m_delivered, 0, run.what + u' ' + QFileInfo(job.path).fileName());
    }
    if (!couriers.contains(job.target)) {
        QMutexLocker locked(&run.mutex);
        if (!run.targets.contains(job.target)) {
            // A target gone or a secret that cannot be read fails the job with the reason.
            auto target = uploadTarget(m_store, job.target);
            auto secret = target ? upload::readSecret(target.value()) : Result<SecureBuffer>(target.error());
            if (!secret) {
                ++m_failed;
                if (auto done = m_store.finishUpload(job.id, QStringLiteral("failed"), secret.error().id(),
                                                     secret.error().detail(), {}, {});
                    done)
                    Q_EMIT jobUpdated(done.value());
                return;
            }
            Run::Target t{target.value(), std::move(secret).value(),
                          std::make_shared<upload::CourierShare>(target->limitBytesPerSecond)};
            run.targets.emplace(job.target, std::move(t)); // insert() would copy the secret
        }
        const Run::Target &t = run.targets[job.target];
        couriers.insert(job.target, std::make_shared<upload::Courier>(t.config, t.secret, t.share));
    }
    upload::DeliveryRequest request;
    request.localPath = job.path;
    request.sha256 = job.sha256;
    request.size = job.size;
    request.remoteName = job.remoteName;
    request.idempotencyKey = job.idempotencyKey;
    if (job.dossierId > 0)
        if (auto dossier = m_store.dossierById(job.dossierId); dossier)
            request.dossierCode = dossier->code;
    DeliveryControl control(*this, m_store, job.id);
    const upload::DeliveryResult result = couriers[job.target]->deliver(request, &control);
    const auto record = [&]() -> Result<UploadJobRecord> {
        if (!result.error.isError()) {
            ++m_delivered;
            return m_store.finishUpload(job.id, QStringLiteral("delivered"), {}, {}, {}, result.remoteUrl);
        }
        if (result.error.code() == ErrorCode::Cancelled) {
            if (control.stoppedByPerson()) // paused or cancelled: that stays
                return m_store.uploadJob(job.id);
            // The run was stopped: not a failed attempt, back as it was.
            return m_store.finishUpload(job.id, QStringLiteral("queued"), {}, {}, QDateTime::currentDateTime(), {});
        }
        if (upload::isTransient(result.error.code())) {
            int backoff = std::min(kMaxBackoffSeconds, 1 << std::min(job.attempts, 10));
            backoff += int(QRandomGenerator::global()->bounded(std::max(1, backoff / 2) + 1));
            if (result.retryAfterSeconds > 0)
                backoff = std::max(backoff, std::min(result.retryAfterSeconds, kMaxBackoffSeconds));
            return m_store.finishUpload(job.id, QStringLiteral("queued"), result.error.id(), result.error.detail(),
                                        QDateTime::currentDateTime().addSecs(backoff), result.remoteUrl);
        }
        ++m_failed;
        return m_store.finishUpload(job.id, QStringLiteral("failed"), result.error.id(), result.error.detail(), {},
                                    result.remoteUrl);
    };
    const Result<UploadJobRecord> done = record();
    if (!done) {
        QMutexLocker locked(&run.mutex);
        run.end(done.error());
        return;
    }
    Q_EMIT jobUpdated(done.value());
}

} // namespace sohoa::workflows
