#include "scanner/DeviceDiscovery.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace sohoa::scanner {

DeviceDiscovery::DeviceDiscovery(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<sohoa::scanner::DeviceInfo>();
    qRegisterMetaType<QList<sohoa::scanner::DeviceInfo>>();
    qRegisterMetaType<sohoa::Error>();
}

void DeviceDiscovery::start()
{
    if (m_running)
        return;
    m_running = true;
    auto *watcher = new QFutureWatcher<Result<QList<DeviceInfo>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const Result<QList<DeviceInfo>> result = watcher->result();
        watcher->deleteLater();
        m_running = false;
        Q_EMIT finished(result ? result.value() : QList<DeviceInfo>{}, result.error());
    });
    watcher->setFuture(QtConcurrent::run([] { return SaneRuntime::listDevices(); }));
}

} // namespace sohoa::scanner
