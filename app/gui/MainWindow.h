#pragma once

#include "app/gui/AppSettings.h"
#include "app/gui/Banner.h"
#include "app/gui/SigningDesk.h"
#include "app/gui/VerifyWindow.h"
#include "core/common/Error.h"
#include "scanner/SaneRuntime.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QComboBox;
class QDockWidget;
class QLabel;
class QUndoStack;
class QVBoxLayout;

namespace sohoa {
class DossierStore;
}
namespace sohoa::scanner {
class DeviceSession;
}
namespace sohoa::workflows {
class Job;
struct ExportReport;
struct ScanReport;
} // namespace sohoa::workflows

namespace sohoa::gui {

class ArchivalMetadataDialog;
class ArchivePanel;
class BlankReviewDialog;
class DemoScanner;
class DeviceOptionsPanel;
class DossierPane;
class JobBar;
class PagesPane;
class PageThumbnails;
class PreviewPane;
class ScanController;
class UploadController;
class UploadPanel;

struct WindowOptions
{
    QString storePath; // --store / SOHOA_STORE; empty: the settings', else the default location
    bool demo = false; // the virtual scanners are the devices (README's run command)
};

// The workstation: dossiers | pages | preview, the counter desk's keyboard flow (Ctrl+N, F5, Ctrl+E,
// Ctrl+S, Ctrl+U), the archive room's batches, the upload queue and the status bar with the running job.
// Every action is a call into app/workflows or a store command; the window only arranges them and says
// what happened.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const WindowOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The actions by object name ("newDossier", "scan", ...), for menus, tests and the help page.
    QAction *action(const QString &name) const;
    DossierStore *store() const { return m_store.get(); }
    DossierPane *dossierPane() const { return m_dossiers; }
    PagesPane *pagesPane() const { return m_pages; }
    PreviewPane *previewPane() const { return m_preview; }
    ScanController *scanController() const { return m_scan.get(); }
    ArchivePanel *archivePanel() const { return m_archive; }
    JobBar *jobBar() const { return m_jobBar; }
    // The upload queue's dock (Ctrl+Shift+U) and the runner behind it (null while no store is open).
    UploadPanel *uploadPanel() const { return m_uploadPanel; }
    UploadController *uploadController() const { return m_uploads.get(); }
    QList<Banner *> banners() const;
    // Opens the verification window and verifies these PDFs or folders there (`sohoa FILE.pdf...`).
    void verifyFiles(const QStringList &paths);
    // Opens the signing desk with these PDFs or folders listed (`sohoa --sign FILE.pdf...`).
    void signFiles(const QStringList &paths);
    // The verification window, once opened (Ctrl+Shift+V).
    VerifyWindow *verifyWindow() const { return m_verify; }
    // The signing desk, once opened (Ctrl+Shift+S).
    SigningDesk *signingDesk() const { return m_signDesk; }
    // The last certified copy signed at the counter (Ctrl+S), empty before one.
    QString lastSignedCopy() const { return m_lastSignedCopy; }
    QString lastExportPath() const { return m_lastExport; }
    // The blank page review (Ctrl+K) and the archival metadata dialog (Ctrl+M) while open.
    BlankReviewDialog *blankReview() const;
    ArchivalMetadataDialog *metadataDialog() const;
    QList<scanner::DeviceInfo> devices() const { return m_devices; }
    QString currentDevice() const;
    bool storeOpened() const { return m_store != nullptr; }
    // The session of the chosen scanner, kept across batches (its options stay as set); null without one.
    std::shared_ptr<scanner::DeviceSession> deviceSession();
    void chooseDeviceByName(const QString &name);

    // Test hook: the next NewDossierDialog's code field gets this text and is accepted at once
    // (KeePassXC's MessageBox::setNextAnswer idea: no modal box left waiting in a test).
    static void setNextNewDossierAnswer(const QString &code);

Q_SIGNALS:
    void storeReady();
    void devicesFound();
    void exported(const QString &path);
    // An archival export ended well: the PDF/A and its XML sidecar.
    void archivalExported(const QString &pdfPath, const QString &sidecarPath);
    // Cleanup of the dossier's pages ended (error: None when it went through).
    void cleanedUp(const sohoa::Error &error);
    // Sign as copy ended: the signed file (empty when it failed) and the error.
    void copySigned(const QString &path, const sohoa::Error &error);
    void languageChangeRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildLayout();
    QAction *addAction(const QString &name, const QString &text, const QString &icon, const QKeySequence &key,
                       void (MainWindow::*slot)());

    void openStore();
    void showRecoveryNotice();
    void detectDevices();
    void chooseDevice(int index);
    void refreshProfiles();
    void chooseProfile(int index);
    void updateActions();
    // The profiles to choose from: the settings', after the demo's own in demo mode.
    QList<workflows::ScanProfile> profiles() const;
    workflows::ScanProfile currentProfile() const;

    // Counter desk.
    void newDossier();
    void scan();
    void scanInsert();
    void rescanPage();
    void startScan(int insertAt, bool replace, int maxPages);
    void scanFinished(const workflows::ScanReport &report);
    void confirmCount();
    void exportDossier();
    void exportComponent();
    void runExport(const QString &component, bool archival);
    void exportArchival();
    void archivalExportDone(const workflows::ExportReport &report);
    void cleanupPages();
    void reviewBlankPages();
    void editArchivalMetadata();
    void undo();
    void redo();
    void rotateLeft();
    void rotateRight();
    void deletePages();
    void moveUp();
    void moveDown();
    void nextComponent();
    void previousComponent();
    void focusSearch();
    void stopJob();

    // Archive room and the rest.
    void startBatch();
    void continueBatch();
    void coverSheets();
    void openSettings();
    void openVerifyWindow();
    void openSigningDesk();
    void signAsCopy();
    void uploadDossier();
    void openUploads();
    // The target Ctrl+U and the upload after signing send to: the one remembered, else the store's only
    // one (remembered from now on). Empty when none is set up (a banner says how to add one) or several
    // are (a banner offers them; `afterChoice` runs once one is picked).
    QString counterUploadTarget(const std::function<void()> &afterChoice);
    void showHelp();
    void toggleDeviceOptions();

    Banner *showBanner(const QString &subject, Banner::Kind kind, const QString &text,
                       const QList<Banner::Button> &buttons = {});
    void removeBanner(const QString &subject);
    void showError(const QString &subject, const Error &error);
    // The error's sentence (what to do) and, when it adds something, its detail (where: an option, a path).
    static QString bannerText(const Error &error);
    void trackJob(workflows::Job *job, const QString &title);

    WindowOptions m_options;
    AppSettings m_settings;
    std::unique_ptr<DossierStore> m_store;
    std::unique_ptr<ScanController> m_scan;
    std::unique_ptr<UploadController> m_uploads; // after m_store: destroyed (its runner stopped) before it
    PageThumbnails *m_thumbnails = nullptr;
    QUndoStack *m_undo;
    DossierPane *m_dossiers;
    PagesPane *m_pages;
    PreviewPane *m_preview;
    ArchivePanel *m_archive = nullptr;
    UploadPanel *m_uploadPanel = nullptr;
    QDockWidget *m_uploadDock = nullptr;
    DeviceOptionsPanel *m_deviceOptions = nullptr;
    JobBar *m_jobBar;
    QWidget *m_bannerArea;
    QVBoxLayout *m_bannerLayout;
    QHash<QString, QPointer<Banner>> m_banners;
    QComboBox *m_profileBox;
    QComboBox *m_deviceBox;
    QHash<QString, QAction *> m_actions;
    QList<scanner::DeviceInfo> m_devices;
    std::shared_ptr<scanner::DeviceSession> m_session;
    QPointer<workflows::Job> m_exportJob;
    QPointer<workflows::Job> m_cleanupJob;
    QPointer<BlankReviewDialog> m_blankReview;
    QPointer<ArchivalMetadataDialog> m_metadata;
    QString m_lastExport;
    bool m_detecting = false;
    DemoScanner *m_demo = nullptr;
    QPointer<VerifyWindow> m_verify;
    QPointer<SigningDesk> m_signDesk;
    QPointer<workflows::Job> m_signCopyJob;
    QString m_lastSignedCopy;
};

} // namespace sohoa::gui
