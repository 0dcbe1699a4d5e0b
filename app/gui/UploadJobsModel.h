#pragma once

#include "core/dossier/DossierStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

namespace sohoa::gui {

// The store's upload queue as a table, newest job first, in the user's words: the state ("waiting to
// retry", "failed — needs attention"), the next try, the last error's sentence (what happened and what to
// do), when and where a file was delivered, and the bytes sent of a job being sent. Fed by the store's
// notifier (a job queued, taken, finished or changed by a person; another program's commits read again
// as a whole) and by the runner's transfer progress; never polled.
class UploadJobsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        // What the officer reads first on the left; where it goes on the right.
        FileColumn,
        DossierColumn,
        StateColumn,
        ProblemColumn,
        NextTryColumn,
        AttemptsColumn,
        DeliveredColumn,
        TargetColumn,
        RemoteColumn,
        ColumnCount
    };
    enum Role
    {
        JobIdRole = Qt::UserRole + 1,
        StateIdRole,  // the store's state: queued, sending, delivered, failed, paused, cancelled
        ErrorIdRole,  // the last error's stable id
        ProgressRole, // per mille sent while the job is being sent, else -1
    };

    struct Counts
    {
        int delivered = 0;
        int sending = 0;
        int waiting = 0; // queued, for the first time or for a retry
        int paused = 0;
        int failed = 0;
    };

    explicit UploadJobsModel(QObject *parent = nullptr);

    // Reads the queue of `store` (null: empty) and follows its changes.
    void setStore(DossierStore *store);
    // Bytes of a job being sent (the runner's transferProgress).
    void setProgress(qint64 id, qint64 sent, qint64 total);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const UploadJobRecord &job(int row) const { return m_jobs.at(row); }
    int rowOf(qint64 id) const;
    Counts counts() const;

    // A job waiting for its next retry after a transient error (no network, a busy server).
    static bool isWaitingForRetry(const UploadJobRecord &job);
    static QString stateText(const UploadJobRecord &job);
    // The last error's sentence in the user's language; empty without one, or once delivered.
    static QString problemText(const UploadJobRecord &job);
    // When a job waiting to retry is tried next: a time, or "now" once due; empty for other jobs.
    static QString nextTryText(const UploadJobRecord &job);
    static QString timeText(const QDateTime &time);

Q_SIGNALS:
    // The queue changed (a row added or changed): counts() and the selection's buttons may differ.
    void queueChanged();

private:
    void reload();
    void jobChanged(const UploadJobRecord &announced);
    void apply(const UploadJobRecord &job);
    QString dossierCode(qint64 dossierId) const;

    QPointer<QObject> m_notifier;
    DossierStore *m_store = nullptr;
    QList<UploadJobRecord> m_jobs; // newest first
    QHash<qint64, int> m_progress; // job id → per mille sent
    mutable QHash<qint64, QString> m_codes;
};

} // namespace sohoa::gui
