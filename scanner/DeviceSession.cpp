#include "scanner/DeviceSession.h"

#include "scanner/ScannerLogging.h"

namespace sohoa::scanner {

namespace {

ScanOptionInfo snapshotOf(const ScanOption &o)
{
    ScanOptionInfo info;
    info.name = o.name();
    info.title = o.title();
    info.description = o.description();
    info.group = o.group();
    info.type = o.type();
    info.unit = o.unit();
    info.active = o.isActive();
    info.settable = o.isSettable();
    info.advanced = o.isAdvanced();
    info.constraint = o.constraint();
    info.rangeMin = o.rangeMin();
    info.rangeMax = o.rangeMax();
    info.rangeQuant = o.rangeQuant();
    info.allowedValues = o.allowedValues();
    if (o.isActive() && o.isReadable() && o.type() != OptionType::Button) {
        info.value = o.value();
        info.valueText = o.valueText();
    }
    return info;
}

} // namespace

DeviceSession::DeviceSession(QString deviceName, QObject *parent)
    : QObject(parent), m_deviceName(std::move(deviceName)),
      m_thread(std::make_unique<WorkerThread>(QStringLiteral("sohoa-device")))
{
    qRegisterMetaType<sohoa::Error>();
    qRegisterMetaType<sohoa::scanner::ScanOptionInfo>();
}

DeviceSession::~DeviceSession()
{
    // The handle is closed on the thread that used it; then the thread ends.
    m_thread->run([this] {
        QMutexLocker lock(&m_mutex);
        m_device.reset();
    });
    m_thread.reset();
}

bool DeviceSession::isOpen() const
{
    QMutexLocker lock(&m_mutex);
    return m_open;
}

QList<ScanOptionInfo> DeviceSession::options() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

ScanOptionInfo DeviceSession::option(const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    for (const ScanOptionInfo &o : m_snapshot)
        if (o.name == name)
            return o;
    return {};
}

Result<void> DeviceSession::openHere()
{
    if (m_device)
        return {};
    auto opened = ScannerDevice::open(m_deviceName);
    if (!opened)
        return opened.error();
    {
        QMutexLocker lock(&m_mutex);
        m_device = std::move(opened).value();
        m_open = true;
    }
    m_generation = m_device->optionsGeneration();
    refreshSnapshot();
    return {};
}

void DeviceSession::refreshSnapshot()
{
    if (!m_device)
        return;
    QList<ScanOptionInfo> snapshot;
    for (const ScanOption *o : m_device->options())
        snapshot.append(snapshotOf(*o));
    const bool reloaded = m_device->optionsGeneration() != m_generation;
    m_generation = m_device->optionsGeneration();
    {
        QMutexLocker lock(&m_mutex);
        if (snapshot.size() == m_snapshot.size() && !reloaded) {
            bool same = true;
            for (qsizetype i = 0; same && i < snapshot.size(); ++i)
                same =
                    snapshot.at(i).value == m_snapshot.at(i).value && snapshot.at(i).active == m_snapshot.at(i).active;
            if (same)
                return;
        }
        m_snapshot = std::move(snapshot);
    }
    if (reloaded)
        Q_EMIT optionsReloaded();
    Q_EMIT optionsChanged();
}

Result<void> DeviceSession::setOptionHere(const QString &name, const QString &value)
{
    if (auto opened = openHere(); !opened)
        return opened;
    auto r = m_device->setOption(name, value);
    refreshSnapshot();
    return r;
}

Result<void> DeviceSession::applyHere(const ScanSettings &settings)
{
    if (auto opened = openHere(); !opened)
        return opened;
    auto r = m_device->apply(settings);
    refreshSnapshot();
    return r;
}

Result<void> DeviceSession::open()
{
    return m_thread->run([this] { return openHere(); });
}

Result<void> DeviceSession::setOption(const QString &name, const QString &value)
{
    return m_thread->run([&] { return setOptionHere(name, value); });
}

Result<void> DeviceSession::apply(const ScanSettings &settings)
{
    return m_thread->run([&] { return applyHere(settings); });
}

void DeviceSession::requestOpen()
{
    m_thread->submit([this] {
        const Result<void> r = openHere();
        Q_EMIT opened(r.error());
    });
}

void DeviceSession::requestSetOption(const QString &name, const QString &value)
{
    m_thread->submit([this, name, value] {
        if (auto r = setOptionHere(name, value); !r)
            Q_EMIT optionFailed(name, r.error());
    });
}

void DeviceSession::requestApply(const ScanSettings &settings)
{
    m_thread->submit([this, settings] {
        if (auto r = applyHere(settings); !r)
            Q_EMIT optionFailed(QString(), r.error());
    });
}

} // namespace sohoa::scanner
