#pragma once

#include "app/gui/AppSettings.h"
#include "app/gui/UploadJobsModel.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace sohoa::gui {

class UploadController;

// The upload queue of the store (the Uploads dock, Ctrl+Shift+U): one row per file with its dossier,
// target, remote name, state in words, attempts, next try, the last problem and what to do about it, and
// when it was delivered; a bar for each file being sent. Send now, Pause all, Resume all, and Retry /
// Pause / Resume / Cancel for the selected rows, each one call to the UploadController; a status line
// ("3 delivered, 1 waiting, 1 failed — needs attention"). Where Ctrl+U and the upload after signing
// send files (the default target) is chosen here and kept in the settings.
class UploadPanel : public QWidget
{
    Q_OBJECT
public:
    explicit UploadPanel(AppSettings &settings, QWidget *parent = nullptr);
    ~UploadPanel() override;

    // The controller of the window's store; null while no store is open.
    void setController(UploadController *controller);
    // Lists the store's targets again (after one was added or chosen elsewhere).
    void refreshTargets();

    UploadJobsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString statusText() const;
    QString detailText() const;
    // Makes this job the current row.
    void selectJob(qint64 id);

    // What the buttons do.
    void sendNow();
    void pauseAll();
    void resumeAll();
    void retrySelected();
    void pauseSelected();
    void resumeSelected();
    void cancelSelected();

    // What is not done yet ("2 sending, 1 failed — needs attention"; empty when every job is delivered or
    // cancelled), for a line outside the dock.
    QString summaryText() const { return m_summary; }

Q_SIGNALS:
    void defaultTargetChanged(const QString &name);
    void summaryChanged(const QString &summary, bool needsAttention);

private:
    void chooseTarget(int index);
    void changeSelected(const std::function<bool(const UploadJobRecord &)> &applies, const QString &state);
    void report(const Error &error);
    void updateButtons();
    void updateStatus();
    void showDetails();
    QList<UploadJobRecord> selectedJobs() const;

    AppSettings &m_settings;
    QPointer<UploadController> m_controller;
    QPointer<QObject> m_notifier; // the store's, while a controller is set
    UploadJobsModel *m_model;
    QTableView *m_table;
    QComboBox *m_target;
    QCheckBox *m_afterSigning;
    QPushButton *m_sendNow, *m_pauseAll, *m_resumeAll;
    QPushButton *m_retry, *m_pause, *m_resume, *m_cancel;
    QLabel *m_status;
    QLabel *m_details;
    QString m_runNote; // why the last run stopped, when a person should know
    QString m_summary;
    bool m_needsAttention = false;
};

} // namespace sohoa::gui
