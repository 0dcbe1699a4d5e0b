#pragma once

#include "app/gui/ScanController.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace sohoa::gui {

// The archive room's strip: the profile in use, Start / Stop / Continue, live counters (pages,
// dossiers opened by separator sheets, pages per minute) and the separator warnings of the run.
class ArchivePanel : public QWidget
{
    Q_OBJECT
public:
    explicit ArchivePanel(QWidget *parent = nullptr);

    void setProfileName(const QString &name, bool separates);
    void setRunning(bool running);
    void showCounters(const ScanController::Counters &counters, bool canContinue);

    QString countersText() const;
    int warningCount() const;

Q_SIGNALS:
    void startRequested();
    void stopRequested();
    void continueRequested();
    void coverSheetsRequested();

private:
    QLabel *m_profile;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_continue;
    QLabel *m_pages;
    QLabel *m_dossiers;
    QLabel *m_rate;
    QListWidget *m_warnings;
};

} // namespace sohoa::gui
