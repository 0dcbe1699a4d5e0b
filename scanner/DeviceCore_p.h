#pragma once

// Private: the open SANE handle and the typed options made from its descriptors.

#include "core/common/Result.h"
#include "scanner/ScanOption.h"

#include <QHash>
#include <QString>

#include <sane/sane.h>

#include <atomic>
#include <memory>
#include <vector>

namespace sohoa::scanner::detail {

class DeviceCore
{
public:
    DeviceCore(SANE_Handle handle, QString name);
    ~DeviceCore();
    DeviceCore(const DeviceCore &) = delete;
    DeviceCore &operator=(const DeviceCore &) = delete;

    SANE_Handle handle() const { return m_handle; }
    const QString &name() const { return m_name; }

    // (Re)reads every descriptor. Options keep their identity (pointer) when name and type are
    // unchanged; replaced ones are retired, not deleted, so stale pointers never dangle.
    void reloadOptions();
    const std::vector<ScanOption *> &options() const { return m_ordered; }
    ScanOption *option(const QString &name) const { return m_byName.value(name); }

    Result<QByteArray> readValue(const ScanOption &option) const;
    Result<void> writeValue(ScanOption &option, QByteArray *raw);

    // Set when a write told us the scan parameters changed (SANE_INFO_RELOAD_PARAMS).
    bool paramsChanged = true;
    std::atomic_bool cancelRequested{false};
    // Counts reloadOptions() calls: a change tells observers that other options changed.
    quint64 reloads = 0;
    std::atomic_bool scanning{false};

private:
    void fillFromDescriptor(ScanOption &option, int index, const SANE_Option_Descriptor &d, const QString &group);

    SANE_Handle m_handle;
    QString m_name;
    std::vector<std::unique_ptr<ScanOption>> m_options; // by SANE index, nullptr for groups / option 0
    std::vector<std::unique_ptr<ScanOption>> m_retired;
    std::vector<ScanOption *> m_ordered;
    QHash<QString, ScanOption *> m_byName;
};

} // namespace sohoa::scanner::detail
