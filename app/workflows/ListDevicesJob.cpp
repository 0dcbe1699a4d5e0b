#include "app/workflows/ListDevicesJob.h"

namespace sohoa::workflows {

ListDevicesJob::ListDevicesJob(QObject *parent) : Job(parent) {}

ListDevicesJob::~ListDevicesJob()
{
    stop();
}

Error ListDevicesJob::run()
{
    auto devices = scanner::SaneRuntime::listDevices();
    if (!devices)
        return devices.error();
    m_devices = devices.value();
    return {};
}

} // namespace sohoa::workflows
