#pragma once

#include "app/workflows/ScanBatchJob.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace sohoa::scanner {
class DeviceSession;
}

namespace sohoa::gui {

// One scan batch at a time for the window, and what the archive room watches: pages saved, dossiers
// opened by separator sheets, pages per minute, separator warnings. After a fault (a jam, an open
// cover, an empty feeder mid-batch) the same request can be continued: the pages go on where the
// saved ones ended (a separated batch continues through the store's separation state).
class ScanController : public QObject
{
    Q_OBJECT
public:
    struct Counters
    {
        int pages = 0;          // saved in this run (Start … Finish, across Continue)
        int dossiersOpened = 0; // by separator sheets
        int separatorSheets = 0;
        double pagesPerMinute = 0;
        QStringList warnings;
    };

    explicit ScanController(DossierStore &store, QObject *parent = nullptr);
    ~ScanController() override;

    bool isRunning() const;
    workflows::ScanBatchJob *job() const { return m_job; }
    const Counters &counters() const { return m_counters; }
    // The last batch ended with a fault that Continue may resume.
    bool canContinue() const { return m_canContinue; }

    // Starts a batch (a new run: counters from zero). The session, if any, is used for the device.
    void start(const workflows::ScanRequest &request, std::shared_ptr<scanner::DeviceSession> session = {});
    void stop();
    // The same request again after a fault, continuing where the saved pages ended.
    void continueBatch();
    // Forget the faulted batch (Finish).
    void finish();

    // Tests reach the job before it starts (ScanBatchJob::setBetweenPagesHook, to jam page N).
    void setJobHook(std::function<void(workflows::ScanBatchJob &)> hook) { m_hook = std::move(hook); }

Q_SIGNALS:
    void started(sohoa::workflows::ScanBatchJob *job);
    void pageSaved(const sohoa::PageRecord &page);
    void separated(const sohoa::workflows::SeparationEvent &event);
    void countersChanged();
    // The batch ended: report.error is None on a normal end (feeder empty, max pages).
    void finished(const sohoa::workflows::ScanReport &report);

private:
    void launch();

    DossierStore &m_store;
    std::shared_ptr<scanner::DeviceSession> m_session;
    workflows::ScanRequest m_request;
    QPointer<workflows::ScanBatchJob> m_job;
    Counters m_counters;
    QElapsedTimer m_clock;
    qint64 m_firstPageMs = -1; // when the run's first page was saved
    bool m_canContinue = false;
    std::function<void(workflows::ScanBatchJob &)> m_hook;
};

} // namespace sohoa::gui
