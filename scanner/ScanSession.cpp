#include "scanner/ScanSession.h"

namespace sohoa::scanner {

ScanSession::ScanSession(DossierStore &store, QObject *parent)
    : QObject(parent), m_store(store), m_pipeline(std::make_unique<ScanToDossier>(store))
{
    qRegisterMetaType<sohoa::PageRecord>();
    qRegisterMetaType<sohoa::scanner::ScanReport>();
    qRegisterMetaType<sohoa::scanner::SeparationEvent>();
    qRegisterMetaType<sohoa::scanner::SeparationWarning>();
}

ScanSession::~ScanSession()
{
    if (m_thread) {
        m_pipeline->cancel();
        m_thread->wait();
        delete m_thread;
    }
}

bool ScanSession::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

void ScanSession::start(const ScanJob &job)
{
    if (isRunning())
        return;
    delete m_thread;
    m_thread = QThread::create([this, job] {
        ScanCallbacks cb;
        // Signals cross to the receivers' threads as queued connections.
        cb.started = [this](const ScanReport &r) {
            Q_EMIT started(r.dossier.code, r.component.name);
        };
        cb.pageSaved = [this](const PageRecord &page) {
            Q_EMIT pageSaved(page);
        };
        cb.progress = [this](int index, double fraction) {
            Q_EMIT progress(index, fraction);
        };
        cb.separated = [this](const SeparationEvent &event) {
            Q_EMIT separated(event);
        };
        cb.separationWarning = [this](const SeparationWarning &warning) {
            Q_EMIT separationWarning(warning);
        };
        const ScanReport report = m_pipeline->run(job, cb);
        m_store.releaseThreadConnection();
        Q_EMIT finished(report);
    });
    m_thread->start();
}

void ScanSession::cancel()
{
    m_pipeline->cancel();
}

} // namespace sohoa::scanner
