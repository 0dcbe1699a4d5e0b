#pragma once

#include "app/workflows/AppearanceProfile.h"
#include "app/workflows/DossierSetup.h"
#include "app/workflows/ScanProfile.h"

#include <QSettings>
#include <QString>

namespace sohoa::gui {

// What the signing desk and the counter's "Sign as copy" remember: the last key (never its PIN or
// password), the modules to look for tokens in, the appearance profiles and the batch options.
struct SigningSettings
{
    QString keyKind = QStringLiteral("token"); // "token" or "p12"
    QString p12Path;
    QString modulePath; // the module the token was found through
    QString tokenLabel, tokenSerial;
    QByteArray certificateDer; // the chosen certificate on the token (public)
    QStringList extraModules;  // added by the user, looked in first
    QList<workflows::AppearanceProfile> appearances;
    int currentAppearance = 0;
    bool qr = false;
    QString qrTemplate = QStringLiteral("https://dichvucong.example.vn/tra-cuu?ma={dossier_code}");
    QString qrCorner = QStringLiteral("bottom-right");
    double qrSizeMm = 22;
    QString tsaUrl;
    bool ltv = false;
    QString hash = QStringLiteral("sha256");
    int certifyLevel = 0;
    QString outputFolder; // empty: "signed" beside the first input
};

// What the workstation remembers between sessions (QSettings, organisation "SoHoa", application
// "sohoa"): where the store is, how codes are suggested, the language, the scan profiles and the
// procedure templates. One object per window; every setter writes through at once (a crash loses
// nothing the user set).
class AppSettings
{
public:
    AppSettings();

    QString storePath() const; // empty: DossierStore::defaultLocation()
    void setStorePath(const QString &path);
    QString agencyPrefix() const; // e.g. "H15.50.05.13"
    void setAgencyPrefix(const QString &prefix);
    QString systemId() const; // two digits for the national code form; empty: provincial form
    void setSystemId(const QString &id);
    QString language() const; // "auto", "vi", "en"
    void setLanguage(const QString &language);
    QString nameTemplate() const; // empty: the store's default
    void setNameTemplate(const QString &nameTemplate);
    QString exportFolder() const; // where Ctrl+E writes; default ~/SoHoa/Xuất
    void setExportFolder(const QString &folder);

    QList<workflows::ScanProfile> profiles() const; // the defaults until the user saved some
    void setProfiles(const QList<workflows::ScanProfile> &profiles);
    int currentProfile() const;
    void setCurrentProfile(int index);
    QList<workflows::ProcedureTemplate> procedures() const;
    void setProcedures(const QList<workflows::ProcedureTemplate> &procedures);

    // The device last used, by vendor and model (a USB bus path changes between plug-ins).
    scanner::DeviceInfo lastDevice() const;
    void setLastDevice(const scanner::DeviceInfo &device);

    // Set while a window runs, cleared when it closes normally: found set at start, the last session
    // ended in a crash (or a kill) and the window says what the store recovered.
    bool sessionWasRunning() const;
    void setSessionRunning(bool running);

    // Verification: trusted root certificates (files or folders), the system's store, offline only.
    QStringList trustPaths() const;
    void setTrustPaths(const QStringList &paths);
    bool systemTrust() const;
    void setSystemTrust(bool on);
    bool verifyOffline() const;
    void setVerifyOffline(bool on);
    SigningSettings signing() const;
    void setSigning(const SigningSettings &signing);

    // Where Ctrl+U and the upload after signing send files: a target of the store (sohoa-cli target
    // add); empty until one is chosen. Each certified copy signed at the counter is queued for it at
    // once while uploadAfterSigning() is on (the default).
    QString defaultUploadTarget() const;
    void setDefaultUploadTarget(const QString &name);
    bool uploadAfterSigning() const;
    void setUploadAfterSigning(bool on);

    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

private:
    mutable QSettings m_settings;
};

} // namespace sohoa::gui
