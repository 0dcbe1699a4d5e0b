#pragma once

#include "core/common/Error.h"
#include "core/dossier/ScannedPage.h"
#include "scanner/ScannerDevice.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <mutex>

namespace sohoa::scanner {

// The GUI's asynchronous face of ScannerDevice (house style rule 5). Move it to a worker QThread
// and queue start() to it; it opens the device there on first use and keeps it open so that a
// later start() continues a feeder batch after a fault. Every start() ends with exactly one
// finished(). cancel() may be called from any thread.
class ScanWorker : public QObject
{
    Q_OBJECT
public:
    explicit ScanWorker(QString deviceName, int maxPages = 0, QObject *parent = nullptr);
    ~ScanWorker() override;

    static void registerMetaTypes();

public Q_SLOTS:
    // rawOptions: "NAME=VALUE" entries applied after the friendly settings.
    void start(const sohoa::scanner::ScanSettings &settings, const QStringList &rawOptions);
    void cancel();
    // Closes the device (on the worker thread); the next start() opens it again.
    void closeDevice();

Q_SIGNALS:
    void pageStarted(int pageIndex);
    void progress(int pageIndex, double fraction);
    void pageAcquired(const sohoa::ScannedPage &page);
    void finished(int pagesAcquired, const sohoa::Error &error);

private:
    QString m_deviceName;
    int m_maxPages;
    std::mutex m_deviceMutex; // guards m_device against cancel() from another thread
    std::unique_ptr<ScannerDevice> m_device;
    bool m_cancelRequested = false; // guarded by m_deviceMutex
    bool m_batchRunning = false;    // guarded by m_deviceMutex
};

} // namespace sohoa::scanner
