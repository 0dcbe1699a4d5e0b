#pragma once

#include "scanner/ScanToDossier.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace sohoa::scanner {

// The GUI's asynchronous face of ScanToDossier: start() runs the batch on a worker thread;
// pageSaved() is emitted only for pages that are durable and committed; finished() exactly once.
class ScanSession : public QObject
{
    Q_OBJECT
public:
    explicit ScanSession(DossierStore &store, QObject *parent = nullptr);
    ~ScanSession() override; // cancels and waits for a running batch

    bool isRunning() const;
    void start(const ScanJob &job);
    void cancel();

Q_SIGNALS:
    void started(const QString &dossierCode, const QString &component);
    void pageSaved(const sohoa::PageRecord &page);
    void progress(int pageIndex, double fraction);
    // With separation: a separator sheet (or every:N) switched the target, in sheet order between
    // the pageSaved() signals of the pages around it; a sheet that looked like one but was unusable.
    void separated(const sohoa::scanner::SeparationEvent &event);
    void separationWarning(const sohoa::scanner::SeparationWarning &warning);
    void finished(const sohoa::scanner::ScanReport &report);

private:
    DossierStore &m_store;
    std::unique_ptr<ScanToDossier> m_pipeline;
    QThread *m_thread = nullptr;
};

} // namespace sohoa::scanner

Q_DECLARE_METATYPE(sohoa::scanner::ScanReport)
Q_DECLARE_METATYPE(sohoa::scanner::SeparationEvent)
Q_DECLARE_METATYPE(sohoa::scanner::SeparationWarning)
