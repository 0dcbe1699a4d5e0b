#include "app/gui/AppSettings.h"

#include <QDir>
#include <algorithm>
#include <QStandardPaths>

namespace sohoa::gui {

AppSettings::AppSettings() : m_settings(QStringLiteral("SoHoa"), QStringLiteral("sohoa")) {}

QString AppSettings::storePath() const
{
    return m_settings.value(QStringLiteral("store/path")).toString();
}

void AppSettings::setStorePath(const QString &path)
{
    m_settings.setValue(QStringLiteral("store/path"), path);
}

QString AppSettings::agencyPrefix() const
{
    return m_settings.value(QStringLiteral("codes/agencyPrefix")).toString();
}

void AppSettings::setAgencyPrefix(const QString &prefix)
{
    m_settings.setValue(QStringLiteral("codes/agencyPrefix"), prefix.trimmed().toUpper());
}

QString AppSettings::systemId() const
{
    return m_settings.value(QStringLiteral("codes/systemId")).toString();
}

void AppSettings::setSystemId(const QString &id)
{
    m_settings.setValue(QStringLiteral("codes/systemId"), id.trimmed());
}

QString AppSettings::language() const
{
    return m_settings.value(QStringLiteral("ui/language"), QStringLiteral("auto")).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    m_settings.setValue(QStringLiteral("ui/language"), language);
}

QString AppSettings::nameTemplate() const
{
    return m_settings.value(QStringLiteral("store/nameTemplate")).toString();
}

void AppSettings::setNameTemplate(const QString &nameTemplate)
{
    m_settings.setValue(QStringLiteral("store/nameTemplate"), nameTemplate.trimmed());
}

QString AppSettings::exportFolder() const
{
    QString saved = m_settings.value(QStringLiteral("export/folder")).toString();
    if (!saved.isEmpty())
        return saved;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + QStringLiteral("/SoHoa");
}

void AppSettings::setExportFolder(const QString &folder)
{
    m_settings.setValue(QStringLiteral("export/folder"), folder);
}

QList<workflows::ScanProfile> AppSettings::profiles() const
{
    const QVariantList saved = m_settings.value(QStringLiteral("scan/profiles")).toList();
    QList<workflows::ScanProfile> list;
    for (const QVariant &v : saved)
        list << workflows::ScanProfile::fromVariant(v.toMap());
    return list.isEmpty() ? workflows::ScanProfile::defaults() : list;
}

void AppSettings::setProfiles(const QList<workflows::ScanProfile> &profiles)
{
    QVariantList list;
    for (const auto &p : profiles)
        list << p.toVariant();
    m_settings.setValue(QStringLiteral("scan/profiles"), list);
}

int AppSettings::currentProfile() const
{
    return m_settings.value(QStringLiteral("scan/currentProfile"), 0).toInt();
}

void AppSettings::setCurrentProfile(int index)
{
    m_settings.setValue(QStringLiteral("scan/currentProfile"), index);
}

QList<workflows::ProcedureTemplate> AppSettings::procedures() const
{
    if (!m_settings.contains(QStringLiteral("desk/procedures")))
        return workflows::ProcedureTemplate::defaults();
    QList<workflows::ProcedureTemplate> list;
    for (const QVariant &v : m_settings.value(QStringLiteral("desk/procedures")).toList())
        list << workflows::ProcedureTemplate::fromVariant(v.toMap());
    return list;
}

void AppSettings::setProcedures(const QList<workflows::ProcedureTemplate> &procedures)
{
    QVariantList list;
    for (const auto &p : procedures)
        list << p.toVariant();
    m_settings.setValue(QStringLiteral("desk/procedures"), list);
}

scanner::DeviceInfo AppSettings::lastDevice() const
{
    scanner::DeviceInfo d;
    d.name = m_settings.value(QStringLiteral("scan/lastDevice/name")).toString();
    d.vendor = m_settings.value(QStringLiteral("scan/lastDevice/vendor")).toString();
    d.model = m_settings.value(QStringLiteral("scan/lastDevice/model")).toString();
    return d;
}

void AppSettings::setLastDevice(const scanner::DeviceInfo &device)
{
    m_settings.setValue(QStringLiteral("scan/lastDevice/name"), device.name);
    m_settings.setValue(QStringLiteral("scan/lastDevice/vendor"), device.vendor);
    m_settings.setValue(QStringLiteral("scan/lastDevice/model"), device.model);
}

bool AppSettings::sessionWasRunning() const
{
    return m_settings.value(QStringLiteral("session/running"), false).toBool();
}

void AppSettings::setSessionRunning(bool running)
{
    m_settings.setValue(QStringLiteral("session/running"), running);
    m_settings.sync(); // a kill right after must find it
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/state"), state);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
}

QString AppSettings::defaultUploadTarget() const
{
    return m_settings.value(QStringLiteral("upload/defaultTarget")).toString();
}

void AppSettings::setDefaultUploadTarget(const QString &name)
{
    m_settings.setValue(QStringLiteral("upload/defaultTarget"), name);
    m_settings.sync();
}

bool AppSettings::uploadAfterSigning() const
{
    return m_settings.value(QStringLiteral("upload/afterSigning"), true).toBool();
}

void AppSettings::setUploadAfterSigning(bool on)
{
    m_settings.setValue(QStringLiteral("upload/afterSigning"), on);
    m_settings.sync();
}

QStringList AppSettings::trustPaths() const
{
    return m_settings.value(QStringLiteral("verify/trustPaths")).toStringList();
}

void AppSettings::setTrustPaths(const QStringList &paths)
{
    m_settings.setValue(QStringLiteral("verify/trustPaths"), paths);
    m_settings.sync();
}

bool AppSettings::systemTrust() const
{
    return m_settings.value(QStringLiteral("verify/systemTrust"), false).toBool();
}

void AppSettings::setSystemTrust(bool on)
{
    m_settings.setValue(QStringLiteral("verify/systemTrust"), on);
    m_settings.sync();
}

bool AppSettings::verifyOffline() const
{
    return m_settings.value(QStringLiteral("verify/offline"), false).toBool();
}

void AppSettings::setVerifyOffline(bool on)
{
    m_settings.setValue(QStringLiteral("verify/offline"), on);
    m_settings.sync();
}

SigningSettings AppSettings::signing() const
{
    SigningSettings s;
    const auto v = [this](const char *key, const QVariant &fallback) {
        return m_settings.value(QStringLiteral("signing/") + QLatin1String(key), fallback);
    };
    s.keyKind = v("keyKind", s.keyKind).toString();
    s.p12Path = v("p12Path", {}).toString();
    s.modulePath = v("modulePath", {}).toString();
    s.tokenLabel = v("tokenLabel", {}).toString();
    s.tokenSerial = v("tokenSerial", {}).toString();
    s.certificateDer = QByteArray::fromBase64(v("certificate", {}).toByteArray());
    s.extraModules = v("extraModules", {}).toStringList();
    for (const QVariant &p : v("appearances", {}).toList())
        s.appearances.append(workflows::AppearanceProfile::fromVariant(p.toMap()));
    if (s.appearances.isEmpty())
        s.appearances = workflows::AppearanceProfile::defaults();
    s.currentAppearance = std::clamp(v("currentAppearance", 0).toInt(), 0, int(s.appearances.size()) - 1);
    s.qr = v("qr", s.qr).toBool();
    s.qrTemplate = v("qrTemplate", s.qrTemplate).toString();
    s.qrCorner = v("qrCorner", s.qrCorner).toString();
    s.qrSizeMm = v("qrSizeMm", s.qrSizeMm).toDouble();
    s.tsaUrl = v("tsaUrl", {}).toString();
    s.ltv = v("ltv", s.ltv).toBool();
    s.hash = v("hash", s.hash).toString();
    s.certifyLevel = v("certifyLevel", 0).toInt();
    s.outputFolder = v("outputFolder", {}).toString();
    return s;
}

void AppSettings::setSigning(const SigningSettings &s)
{
    const auto set = [this](const char *key, const QVariant &value) {
        m_settings.setValue(QStringLiteral("signing/") + QLatin1String(key), value);
    };
    set("keyKind", s.keyKind);
    set("p12Path", s.p12Path);
    set("modulePath", s.modulePath);
    set("tokenLabel", s.tokenLabel);
    set("tokenSerial", s.tokenSerial);
    set("certificate", s.certificateDer.toBase64());
    set("extraModules", s.extraModules);
    QVariantList appearances;
    for (const auto &p : s.appearances)
        appearances.append(p.toVariant());
    set("appearances", appearances);
    set("currentAppearance", s.currentAppearance);
    set("qr", s.qr);
    set("qrTemplate", s.qrTemplate);
    set("qrCorner", s.qrCorner);
    set("qrSizeMm", s.qrSizeMm);
    set("tsaUrl", s.tsaUrl);
    set("ltv", s.ltv);
    set("hash", s.hash);
    set("certifyLevel", s.certifyLevel);
    set("outputFolder", s.outputFolder);
}

} // namespace sohoa::gui
