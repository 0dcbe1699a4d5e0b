#pragma once

#include "app/workflows/Job.h"
#include "scanner/SaneRuntime.h"

#include <QList>

namespace sohoa::workflows {

// Finds scanners (SANE's discovery can take seconds with network backends).
class ListDevicesJob : public Job
{
    Q_OBJECT
public:
    explicit ListDevicesJob(QObject *parent = nullptr);
    ~ListDevicesJob() override;

    const QList<scanner::DeviceInfo> &devices() const { return m_devices; }

protected:
    Error run() override;

private:
    QList<scanner::DeviceInfo> m_devices;
};

} // namespace sohoa::workflows
