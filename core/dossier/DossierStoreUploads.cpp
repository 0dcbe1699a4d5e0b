// DossierStore: upload targets and the upload queue (schema 5). The queue is the index's own table so
// that a job exists before anything is sent and survives a restart or a power cut.

#include "core/dossier/DossierStore.h"

#include "core/dossier/StoreNotifier.h"
#include "core/dossier/internal/DossierStorePrivate.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace sohoa {

using namespace store;

namespace {

const QString kJobColumns = QStringLiteral(
    "id, target, dossier_id, path, sha256, size, remote_name, idempotency_key, state, attempts, last_error_id,"
    " last_error, remote_url, created_at, updated_at, next_attempt_at, delivered_at");

QDateTime timeOf(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

UploadJobRecord jobFromQuery(const QSqlQuery &q)
{
    UploadJobRecord j;
    j.id = q.value(0).toLongLong();
    j.target = q.value(1).toString();
    j.dossierId = q.value(2).toLongLong();
    j.path = q.value(3).toString();
    j.sha256 = q.value(4).toString();
    j.size = q.value(5).toLongLong();
    j.remoteName = q.value(6).toString();
    j.idempotencyKey = q.value(7).toString();
    j.state = q.value(8).toString();
    j.attempts = q.value(9).toInt();
    j.lastErrorId = q.value(10).toString();
    j.lastError = q.value(11).toString();
    j.remoteUrl = q.value(12).toString();
    j.createdAt = timeOf(q.value(13));
    j.updatedAt = timeOf(q.value(14));
    j.nextAttemptAt = timeOf(q.value(15));
    j.deliveredAt = timeOf(q.value(16));
    return j;
}

QString jobDetail(const UploadJobRecord &j, QJsonObject extra = {})
{
    extra.insert(QStringLiteral("job"), j.id);
    extra.insert(QStringLiteral("target"), j.target);
    extra.insert(QStringLiteral("path"), j.path);
    extra.insert(QStringLiteral("remote_name"), j.remoteName);
    extra.insert(QStringLiteral("sha256"), j.sha256);
    extra.insert(QStringLiteral("size"), j.size);
    return QString::fromUtf8(QJsonDocument(extra).toJson(QJsonDocument::Compact));
}

} // namespace

Result<void> DossierStore::saveUploadTarget(const QString &name, const QString &configJson)
{
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    auto q = d->database.exec(QStringLiteral("INSERT OR REPLACE INTO upload_targets (name, config, created_at)"
                                             " VALUES (?, ?, ?)"),
                              {name, configJson, isoNow()});
    if (!q)
        return q.error();
    if (auto a = d->database.audit(QStringLiteral("upload-target-saved"), configJson, 0, 0); !a)
        return a;
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    return {};
}

Result<QList<std::pair<QString, QString>>> DossierStore::uploadTargets() const
{
    auto q = d->database.exec(QStringLiteral("SELECT name, config FROM upload_targets ORDER BY name"));
    if (!q)
        return q.error();
    QList<std::pair<QString, QString>> out;
    while (q->next())
        out.append({q->value(0).toString(), q->value(1).toString()});
    return out;
}

Result<void> DossierStore::removeUploadTarget(const QString &name)
{
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    auto q = d->database.exec(QStringLiteral("DELETE FROM upload_targets WHERE name = ?"), {name});
    if (!q)
        return q.error();
    if (q->numRowsAffected() == 0)
        return Error(ErrorCode::TargetNotFound, name);
    if (auto a = d->database.audit(QStringLiteral("upload-target-removed"), name, 0, 0); !a)
        return a;
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    return {};
}

Result<UploadJobRecord> DossierStore::enqueueUpload(const UploadJobRecord &job)
{
    if (job.target.isEmpty() || job.path.isEmpty() || job.sha256.isEmpty() || job.remoteName.isEmpty() ||
        job.idempotencyKey.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("an upload job needs its target, file, digest, "
                                                                "remote name and idempotency key"));
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    // The same content to the same place, not cancelled: that job.
    auto same = d->database.exec(QStringLiteral("SELECT %1 FROM upload_jobs WHERE target = ? AND remote_name = ?"
                                                " AND sha256 = ? AND state <> 'cancelled' ORDER BY id DESC LIMIT 1")
                                     .arg(kJobColumns),
                                 {job.target, job.remoteName, job.sha256});
    if (!same)
        return same.error();
    if (same->next())
        return jobFromQuery(same.value());
    const QString now = isoNow();
    auto q = d->database.exec(
        QStringLiteral("INSERT INTO upload_jobs (target, dossier_id, path, sha256, size, remote_name, idempotency_key,"
                       " state, created_at, updated_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)"),
        {job.target, job.dossierId > 0 ? QVariant(job.dossierId) : QVariant(), QFileInfo(job.path).absoluteFilePath(),
         job.sha256, job.size, job.remoteName, job.idempotencyKey, now, now, now});
    if (!q)
        return q.error();
    const qint64 id = q->lastInsertId().toLongLong();
    auto saved = d->database.exec(QStringLiteral("SELECT %1 FROM upload_jobs WHERE id = ?").arg(kJobColumns), {id});
    if (!saved)
        return saved.error();
    if (!saved->next())
        return Error(ErrorCode::Internal, QStringLiteral("upload job %1 vanished").arg(id));
    const UploadJobRecord record = jobFromQuery(saved.value());
    if (auto a = d->database.audit(QStringLiteral("upload-queued"), jobDetail(record), record.dossierId, 0); !a)
        return a.error();
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    emit d->notifier->uploadJobChanged(record);
    return record;
}

Result<QList<UploadJobRecord>> DossierStore::uploadJobs(qint64 dossierId) const
{
    auto q = dossierId < 0
                 ? d->database.exec(QStringLiteral("SELECT %1 FROM upload_jobs ORDER BY id").arg(kJobColumns))
                 : d->database.exec(
                       QStringLiteral("SELECT %1 FROM upload_jobs WHERE dossier_id = ? ORDER BY id").arg(kJobColumns),
                       {dossierId});
    if (!q)
        return q.error();
    QList<UploadJobRecord> out;
    while (q->next())
        out.append(jobFromQuery(q.value()));
    return out;
}

Result<UploadJobRecord> DossierStore::uploadJob(qint64 id) const
{
    auto q = d->database.exec(QStringLiteral("SELECT %1 FROM upload_jobs WHERE id = ?").arg(kJobColumns), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("no upload job %1").arg(id));
    return jobFromQuery(q.value());
}

Result<std::optional<UploadJobRecord>> DossierStore::takeNextUpload(const QDateTime &now)
{
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    auto q = d->database.exec(QStringLiteral("SELECT %1 FROM upload_jobs WHERE state = 'queued' AND next_attempt_at <= ?"
                                             " ORDER BY next_attempt_at, id LIMIT 1")
                                  .arg(kJobColumns),
                              {isoTime(now)});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<UploadJobRecord>();
    UploadJobRecord job = jobFromQuery(q.value());
    auto up = d->database.exec(QStringLiteral("UPDATE upload_jobs SET state = 'sending', attempts = attempts + 1,"
                                              " updated_at = ? WHERE id = ? AND state = 'queued'"),
                               {isoNow(), job.id});
    if (!up)
        return up.error();
    job.state = QStringLiteral("sending");
    ++job.attempts;
    // In the log too: a window watching the store from another process (StoreWatcher reads the audit
    // log) sees that the job is under way, not only how it ended.
    if (auto a = d->database.audit(QStringLiteral("upload-sending"),
                                   jobDetail(job, QJsonObject{{QStringLiteral("attempt"), job.attempts}}),
                                   job.dossierId, 0);
        !a)
        return a.error();
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    emit d->notifier->uploadJobChanged(job);
    return std::optional<UploadJobRecord>(job);
}

Result<UploadJobRecord> DossierStore::finishUpload(qint64 id, const QString &state, const QString &errorId,
                                                   const QString &error, const QDateTime &nextAttemptAt,
                                                   const QString &remoteUrl)
{
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    const QString now = isoNow();
    auto up = d->database.exec(
        QStringLiteral("UPDATE upload_jobs SET state = ?, last_error_id = ?, last_error = ?, remote_url = ?,"
                       " updated_at = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ?%1")
            .arg(state == u"delivered" ? QString() : QStringLiteral(" AND state = 'sending'")),
        {state, errorId, error, remoteUrl, now, isoTime(nextAttemptAt.isValid() ? nextAttemptAt : QDateTime::currentDateTime()),
         state == u"delivered" ? QVariant(now) : QVariant(), id});
    if (!up)
        return up.error();
    auto job = uploadJob(id);
    if (!job)
        return job.error();
    if (up->numRowsAffected() == 0) // paused or cancelled by a person meanwhile: that stands
        return job;
    // A transient failure is logged too ("upload-waiting", with the error and when it is tried again).
    const QString action = state == u"delivered" ? QStringLiteral("upload-delivered")
                           : state == u"failed"  ? QStringLiteral("upload-failed")
                           : state == u"queued"  ? QStringLiteral("upload-waiting")
                                                 : QString();
    if (!action.isEmpty()) {
        QJsonObject extra{{QStringLiteral("attempts"), job->attempts}, {QStringLiteral("remote_url"), remoteUrl}};
        if (!errorId.isEmpty())
            extra.insert(QStringLiteral("error"), errorId);
        if (auto a = d->database.audit(action, jobDetail(job.value(), extra), job->dossierId, 0); !a)
            return a.error();
    }
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    emit d->notifier->uploadJobChanged(job.value());
    return job;
}

Result<UploadJobRecord> DossierStore::setUploadState(qint64 id, const QString &state)
{
    auto job = uploadJob(id);
    if (!job)
        return job.error();
    const QString from = job->state;
    // A job being sent may be paused or cancelled too: its runner sees it and stops the transfer.
    const bool allowed = (state == u"paused" && (from == u"queued" || from == u"sending")) ||
                         (state == u"queued" && from == u"paused") ||
                         (state == u"queued" && from == u"failed") ||
                         (state == u"queued" && from == u"queued") || // due now: retried at once
                         (state == u"cancelled" && from != u"delivered" && from != u"cancelled");
    if (!allowed)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("upload job %1 is %2: it cannot become %3").arg(id).arg(from, state));
    Transaction tx(d->database.db());
    if (!tx.ok())
        return sqlError(tx.error(), d->database.path());
    auto up = d->database.exec(QStringLiteral("UPDATE upload_jobs SET state = ?, updated_at = ?, next_attempt_at = ?"
                                              " WHERE id = ?"),
                               {state, isoNow(), isoNow(), id});
    if (!up)
        return up.error();
    if (auto a = d->database.audit(QStringLiteral("upload-") + state,
                                   jobDetail(job.value(), {{QStringLiteral("from"), from}}), job->dossierId, 0);
        !a)
        return a.error();
    if (!tx.commit())
        return sqlError(tx.error(), d->database.path());
    auto now = uploadJob(id);
    if (now)
        emit d->notifier->uploadJobChanged(now.value());
    return now;
}

Result<QList<UploadJobRecord>> DossierStore::setAllUploadStates(const QString &state)
{
    const QStringList from = state == u"paused" ? QStringList{QStringLiteral("queued"), QStringLiteral("sending")}
                           : state == u"queued" ? QStringList{QStringLiteral("paused")}
                                                : QStringList();
    if (from.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the whole queue cannot become %1").arg(state));
    auto jobs = uploadJobs();
    if (!jobs)
        return jobs.error();
    QList<UploadJobRecord> changed;
    for (const UploadJobRecord &job : jobs.value()) {
        if (!from.contains(job.state))
            continue;
        auto one = setUploadState(job.id, state);
        if (!one)
            return one.error();
        changed.append(one.value());
    }
    return changed;
}

Result<int> DossierStore::requeueInterruptedUploads()
{
    auto sending = d->database.exec(QStringLiteral("SELECT id FROM upload_jobs WHERE state = 'sending'"));
    if (!sending)
        return sending.error();
    QList<qint64> ids;
    while (sending->next())
        ids.append(sending->value(0).toLongLong());
    if (ids.isEmpty())
        return 0;
    auto up = d->database.exec(QStringLiteral("UPDATE upload_jobs SET state = 'queued', updated_at = ?"
                                              " WHERE state = 'sending'"),
                               {isoNow()});
    if (!up)
        return up.error();
    for (qint64 id : std::as_const(ids))
        if (auto job = uploadJob(id); job && job->state == u"queued")
            emit d->notifier->uploadJobChanged(job.value());
    return up->numRowsAffected();
}

} // namespace sohoa
