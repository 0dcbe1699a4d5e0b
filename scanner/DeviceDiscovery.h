#pragma once

#include "core/common/Error.h"
#include "scanner/SaneRuntime.h"

#include <QList>
#include <QObject>

namespace sohoa::scanner {

// Finds scanners off the calling thread (SANE's discovery can take seconds with network
// backends); finished() arrives once per start(), in the thread that owns this object.
class DeviceDiscovery : public QObject
{
    Q_OBJECT
public:
    explicit DeviceDiscovery(QObject *parent = nullptr);

    void start();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished(const QList<sohoa::scanner::DeviceInfo> &devices, const sohoa::Error &error);

private:
    bool m_running = false;
};

} // namespace sohoa::scanner

Q_DECLARE_METATYPE(sohoa::scanner::DeviceInfo)
