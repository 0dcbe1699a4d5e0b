#include "app/workflows/UploadQueueJob.h"

#include "core/common/DurableFile.h"
#include "core/common/Sha256.h"
#include "upload/Delivery.h"

#include <QCoreApplication>
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

Result<void> saveUploadTarget(DossierStore &store, const upload::TargetConfig &target)
{
    if (auto checked = target.check(); !checked)
        return checked;
    if (auto secret = upload::readSecret(target); !secret)
        return secret.error();
    return store.saveUploadTarget(target.name,
                                  QString::fromUtf8(QJsonDocument(target.toJson()).toJson(QJsonDocument::Compact)));
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
    const auto finish = [this](const Error &e) {
        m_store.releaseThreadConnection();
        return e;
    };
    if (auto requeued = m_store.requeueInterruptedUploads(); !requeued)
        return finish(requeued.error());
    QHash<QString, std::pair<upload::TargetConfig, SecureBuffer>> targets;
    const QString what = QCoreApplication::translate("sohoa::workflows::UploadQueueJob", "Uploading");
    for (;;) {
        if (isCancelRequested())
            return finish(Error(ErrorCode::Cancelled));
        auto next = m_store.takeNextUpload(QDateTime::currentDateTime());
        if (!next)
            return finish(next.error());
        if (!next->has_value()) {
            // Nothing due now: wait for the next retry, or end when nothing is waiting for one.
            auto jobs = m_store.uploadJobs();
            if (!jobs)
                return finish(jobs.error());
            QDateTime soonest;
            for (const UploadJobRecord &j : jobs.value())
                if (j.state == u"queued" && (!soonest.isValid() || j.nextAttemptAt < soonest))
                    soonest = j.nextAttemptAt;
            if (!soonest.isValid())
                return finish(m_failed > 0 ? Error(ErrorCode::UploadRejected,
                                                   QStringLiteral("%1 upload(s) failed").arg(m_failed))
                                           : Error());
            const qint64 waitMs = std::max<qint64>(0, QDateTime::currentDateTime().msecsTo(soonest));
            if (m_options.untilIdle && m_options.maxWaitSeconds >= 0 && waitMs > m_options.maxWaitSeconds * 1000LL)
                return finish(Error(ErrorCode::UploadUnreachable,
                                    QStringLiteral("the next retry is in %1 s").arg(waitMs / 1000)));
            for (qint64 waited = 0; waited < waitMs && !isCancelRequested(); waited += 100)
                QThread::msleep(100);
            continue;
        }
        UploadJobRecord job = std::move(next.value()).value();
        reportProgress(m_delivered, 0, what + u' ' + QFileInfo(job.path).fileName());
        if (!targets.contains(job.target)) {
            // A target gone or a secret that cannot be read fails the job with the reason.
            auto target = uploadTarget(m_store, job.target);
            auto secret = target ? upload::readSecret(target.value()) : Result<SecureBuffer>(target.error());
            if (!secret) {
                ++m_failed;
                if (auto done = m_store.finishUpload(job.id, QStringLiteral("failed"), secret.error().id(),
                                                     secret.error().detail(), {}, {});
                    done)
                    Q_EMIT jobUpdated(done.value());
                continue;
            }
            targets.insert(job.target, {target.value(), std::move(secret).value()});
        }
        const auto &[target, secret] = targets[job.target];
        upload::DeliveryRequest request;
        request.localPath = job.path;
        request.sha256 = job.sha256;
        request.size = job.size;
        request.remoteName = job.remoteName;
        request.idempotencyKey = job.idempotencyKey;
        const upload::DeliveryResult result = upload::deliver(target, secret, request, this);
        const auto record = [&]() -> Result<UploadJobRecord> {
            if (!result.error.isError()) {
                ++m_delivered;
                return m_store.finishUpload(job.id, QStringLiteral("delivered"), {}, {}, {}, result.remoteUrl);
            }
            if (result.error.code() == ErrorCode::Cancelled) // not a failed attempt: back as it was
                return m_store.finishUpload(job.id, QStringLiteral("queued"), {}, {}, QDateTime::currentDateTime(),
                                            {});
            if (upload::isTransient(result.error.code())) {
                int backoff = std::min(kMaxBackoffSeconds, 1 << std::min(job.attempts, 10));
                backoff += int(QRandomGenerator::global()->bounded(std::max(1, backoff / 2) + 1));
                if (result.retryAfterSeconds > 0)
                    backoff = std::max(backoff, std::min(result.retryAfterSeconds, kMaxBackoffSeconds));
                return m_store.finishUpload(job.id, QStringLiteral("queued"), result.error.id(),
                                            result.error.detail(), QDateTime::currentDateTime().addSecs(backoff),
                                            result.remoteUrl);
            }
            ++m_failed;
            return m_store.finishUpload(job.id, QStringLiteral("failed"), result.error.id(), result.error.detail(),
                                        {}, result.remoteUrl);
        };
        const Result<UploadJobRecord> done = record();
        if (!done)
            return finish(done.error());
        Q_EMIT jobUpdated(done.value());
    }
}

} // namespace sohoa::workflows
