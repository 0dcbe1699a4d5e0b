#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace sohoa::workflows {
class Job;
}

namespace sohoa::gui {

// The status bar's view of the running job: what it is doing, how far (a busy bar while the total is
// unknown) and Cancel (Esc). Hidden while nothing runs.
class JobBar : public QWidget
{
    Q_OBJECT
public:
    explicit JobBar(QWidget *parent = nullptr);

    // Shows `job` until it finishes; `title` names the work ("Scanning into …").
    void track(workflows::Job *job, const QString &title);
    workflows::Job *job() const { return m_job; }
    QString text() const;
    int value() const;

private:
    QPointer<workflows::Job> m_job;
    QString m_title;
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace sohoa::gui
