#include "app/gui/MainWindow.h"

#include "app/gui/ArchivalMetadataDialog.h"
#include "app/gui/ArchivePanel.h"
#include "app/gui/BlankReviewDialog.h"
#include "app/gui/CoverSheetDialog.h"
#include "app/gui/DemoScanner.h"
#include "app/gui/DeviceOptionsPanel.h"
#include "app/gui/DossierPane.h"
#include "app/gui/Icons.h"
#include "app/gui/JobBar.h"
#include "app/gui/NewDossierDialog.h"
#include "app/gui/PageThumbnails.h"
#include "app/gui/PagesPane.h"
#include "app/gui/PreviewPane.h"
#include "app/gui/ScanController.h"
#include "app/gui/ScreenFit.h"
#include "app/gui/SettingsDialog.h"
#include "app/gui/UploadController.h"
#include "app/gui/UploadPanel.h"
#include "app/workflows/DossierSetup.h"
#include "app/workflows/ExportJob.h"
#include "app/workflows/ListDevicesJob.h"
#include "core/dossier/DossierStore.h"
#include "scanner/DeviceSession.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

#include <string_view>

namespace sohoa::gui {

MainWindow::MainWindow(const WindowOptions &options, QWidget *parent)
    : QMainWindow(parent), m_options(options), m_undo(new QUndoStack(this)), m_dossiers(new DossierPane(this)),
      m_pages(new PagesPane(m_undo, this)), m_preview(new PreviewPane(this)), m_jobBar(new JobBar(this)),
      m_bannerArea(new QWidget(this)), m_bannerLayout(new QVBoxLayout(m_bannerArea)),
      m_profileBox(new QComboBox(this)), m_deviceBox(new QComboBox(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("SoHoa — scan, sign and file records"));
    setWindowIcon(Icons::get(QStringLiteral("sohoa")));
    if (m_options.demo)
        m_demo = new DemoScanner(this); // before SANE starts: it sets SANE_CONFIG_DIR
    buildActions();
    buildLayout();
    buildMenus();
    refreshProfiles();
    if (!restoreGeometry(m_settings.windowGeometry()))
        resizeToFitScreen(this, QSize(1280, 800));
    restoreState(m_settings.windowState());
    updateActions();
    // The window first; the store (its recovery may read every file of a crashed batch) and the
    // scanners (network backends take seconds) come after it is on screen.
    QTimer::singleShot(0, this, &MainWindow::openStore);
    QTimer::singleShot(0, this, &MainWindow::detectDevices);
}

MainWindow::~MainWindow()
{
    // The undo stack's commands and its signals refer to the store: both go before it. The panes
    // tell nothing more to a window being taken down.
    for (QObject *pane : {static_cast<QObject *>(m_pages), static_cast<QObject *>(m_dossiers),
                          static_cast<QObject *>(m_preview)})
        disconnect(pane, nullptr, this, nullptr);
    disconnect(m_undo, nullptr, this, nullptr);
    // The upload runner first: it sends from the store (a file under way goes back to the queue).
    m_uploadPanel->setController(nullptr);
    m_uploads.reset();
    delete m_undo;
    m_undo = nullptr;
    m_scan.reset(); // cancels a running batch and waits: saved pages stay saved
    delete m_exportJob.data();
    delete m_cleanupJob.data(); // cancels and waits: each page is either as it was or cleaned
    delete m_blankReview.data();
    delete m_metadata.data();
    if (m_store)
        m_settings.setSessionRunning(false); // an orderly end, with or without a close event
    m_pages->setStore(nullptr, nullptr);
    m_dossiers->setStore(nullptr);
}

QAction *MainWindow::addAction(const QString &name, const QString &text, const QString &icon, const QKeySequence &key,
                               void (MainWindow::*slot)())
{
    auto *a = new QAction(icon.isEmpty() ? QIcon() : Icons::get(icon), text, this);
    a->setObjectName(name);
    if (!key.isEmpty()) {
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(u'&'), key.toString(QKeySequence::NativeText)));
    }
    a->setShortcutContext(Qt::WindowShortcut);
    connect(a, &QAction::triggered, this, slot);
    QMainWindow::addAction(a);
    m_actions.insert(name, a);
    return a;
}

QAction *MainWindow::action(const QString &name) const
{
    return m_actions.value(name);
}

void MainWindow::buildActions()
{
    addAction(QStringLiteral("newDossier"), tr("&New dossier…"), QStringLiteral("new-dossier"),
              QKeySequence(Qt::CTRL | Qt::Key_N), &MainWindow::newDossier);
    addAction(QStringLiteral("scan"), tr("&Scan into component"), QStringLiteral("scan"), QKeySequence(Qt::Key_F5),
              &MainWindow::scan);
    addAction(QStringLiteral("scanInsert"), tr("Scan &before the selected page"), QStringLiteral("scan-insert"),
              QKeySequence(Qt::SHIFT | Qt::Key_F5), &MainWindow::scanInsert);
    addAction(QStringLiteral("rescan"), tr("&Rescan the selected page in place"), QStringLiteral("rescan"),
              QKeySequence(Qt::CTRL | Qt::Key_F5), &MainWindow::rescanPage);
    addAction(QStringLiteral("confirmCount"), tr("&Confirm the page count against the paper"),
              QStringLiteral("confirm"), QKeySequence(Qt::CTRL | Qt::Key_Return), &MainWindow::confirmCount);
    addAction(QStringLiteral("export"), tr("&Export dossier as PDF"), QStringLiteral("export"),
              QKeySequence(Qt::CTRL | Qt::Key_E), &MainWindow::exportDossier);
    addAction(QStringLiteral("exportComponent"), tr("Export the &component as PDF"), QStringLiteral("export"),
              QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E), &MainWindow::exportComponent);
    addAction(QStringLiteral("exportArchival"), tr("Export &archival PDF/A…"), QStringLiteral("export"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), &MainWindow::exportArchival);
    addAction(QStringLiteral("cleanup"), tr("C&lean up pages…"), QString(),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), &MainWindow::cleanupPages);
    addAction(QStringLiteral("reviewBlank"), tr("Review &blank pages…"), QString(), QKeySequence(Qt::CTRL | Qt::Key_K),
              &MainWindow::reviewBlankPages);
    addAction(QStringLiteral("archivalMetadata"), tr("Archival &metadata…"), QString(),
              QKeySequence(Qt::CTRL | Qt::Key_M), &MainWindow::editArchivalMetadata);
    addAction(QStringLiteral("stop"), tr("S&top the running work"), QStringLiteral("stop"), QKeySequence(Qt::Key_Escape),
              &MainWindow::stopJob);
    addAction(QStringLiteral("undo"), tr("&Undo"), QStringLiteral("undo"), QKeySequence(Qt::CTRL | Qt::Key_Z),
              &MainWindow::undo);
    QAction *redo = addAction(QStringLiteral("redo"), tr("&Redo"), QStringLiteral("redo"),
                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), &MainWindow::redo);
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    addAction(QStringLiteral("rotateLeft"), tr("Rotate &left"), QStringLiteral("rotate-left"),
              QKeySequence(Qt::CTRL | Qt::Key_BracketLeft), &MainWindow::rotateLeft);
    addAction(QStringLiteral("rotateRight"), tr("Rotate &right"), QStringLiteral("rotate-right"),
              QKeySequence(Qt::CTRL | Qt::Key_BracketRight), &MainWindow::rotateRight);
    addAction(QStringLiteral("delete"), tr("&Delete page"), QStringLiteral("delete"), QKeySequence(Qt::Key_Delete),
              &MainWindow::deletePages);
    addAction(QStringLiteral("moveUp"), tr("Move page &earlier"), QStringLiteral("move-up"),
              QKeySequence(Qt::ALT | Qt::Key_Up), &MainWindow::moveUp);
    addAction(QStringLiteral("moveDown"), tr("Move page &later"), QStringLiteral("move-down"),
              QKeySequence(Qt::ALT | Qt::Key_Down), &MainWindow::moveDown);
    addAction(QStringLiteral("nextComponent"), tr("Ne&xt component"), QString(),
              QKeySequence(Qt::CTRL | Qt::Key_PageDown), &MainWindow::nextComponent);
    addAction(QStringLiteral("previousComponent"), tr("Pre&vious component"), QString(),
              QKeySequence(Qt::CTRL | Qt::Key_PageUp), &MainWindow::previousComponent);
    addAction(QStringLiteral("search"), tr("&Find dossier"), QStringLiteral("search"), QKeySequence(Qt::CTRL | Qt::Key_F),
              &MainWindow::focusSearch);
    addAction(QStringLiteral("startBatch"), tr("&Start batch"), QStringLiteral("start"), QKeySequence(Qt::CTRL | Qt::Key_B),
              &MainWindow::startBatch);
    addAction(QStringLiteral("continueBatch"), tr("&Continue batch"), QStringLiteral("continue"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), &MainWindow::continueBatch);
    addAction(QStringLiteral("coverSheets"), tr("Print co&ver sheets…"), QStringLiteral("cover-sheet"), QKeySequence(),
              &MainWindow::coverSheets);
    addAction(QStringLiteral("redetect"), tr("Re&detect scanners"), QStringLiteral("redetect"), QKeySequence(),
              &MainWindow::detectDevices);
    addAction(QStringLiteral("deviceOptions"), tr("Scanner &options"), QStringLiteral("settings"), QKeySequence(),
              &MainWindow::toggleDeviceOptions);
    addAction(QStringLiteral("verify"), tr("&Verify signed PDFs…"), QStringLiteral("verify"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), &MainWindow::openVerifyWindow);
    addAction(QStringLiteral("signDesk"), tr("Si&gning desk…"), QStringLiteral("sign"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), &MainWindow::openSigningDesk);
    addAction(QStringLiteral("signCopy"), tr("Sign the export as a certified &copy"), QStringLiteral("sign"),
              QKeySequence(Qt::CTRL | Qt::Key_S), &MainWindow::signAsCopy);
    addAction(QStringLiteral("upload"), tr("&Upload the dossier"), QStringLiteral("upload"),
              QKeySequence(Qt::CTRL | Qt::Key_U), &MainWindow::uploadDossier);
    addAction(QStringLiteral("uploads"), tr("Up&loads…"), QStringLiteral("upload"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U), &MainWindow::openUploads);
    addAction(QStringLiteral("settings"), tr("Se&ttings…"), QStringLiteral("settings"),
              QKeySequence(Qt::CTRL | Qt::Key_Comma), &MainWindow::openSettings);
    addAction(QStringLiteral("help"), tr("&Keyboard and help"), QStringLiteral("help"), QKeySequence(Qt::Key_F1),
              &MainWindow::showHelp);
    QAction *quit = new QAction(tr("&Quit"), this);
    quit->setObjectName(QStringLiteral("quit"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    connect(quit, &QAction::triggered, this, &QWidget::close);
    QMainWindow::addAction(quit);
    m_actions.insert(QStringLiteral("quit"), quit);
    for (int i = 1; i <= 9; ++i) {
        auto *a = new QAction(this);
        a->setObjectName(QStringLiteral("profile%1").arg(i));
        a->setShortcut(QKeySequence(Qt::CTRL | (Qt::Key_0 + i)));
        connect(a, &QAction::triggered, this, [this, i] { chooseProfile(i - 1); });
        QMainWindow::addAction(a);
        m_actions.insert(a->objectName(), a);
    }
    connect(m_undo, &QUndoStack::canUndoChanged, this, &MainWindow::updateActions);
    connect(m_undo, &QUndoStack::canRedoChanged, this, &MainWindow::updateActions);
    connect(m_undo, &QUndoStack::undoTextChanged, this, &MainWindow::updateActions);
    connect(m_undo, &QUndoStack::redoTextChanged, this, &MainWindow::updateActions);
}

void MainWindow::buildMenus()
{
    const auto a = [this](const char *name) { return action(QString::fromLatin1(name)); };
    QMenu *dossier = menuBar()->addMenu(tr("&Dossier"));
    dossier->addActions({a("newDossier"), a("search"), a("export"), a("exportComponent")});
    dossier->addSeparator();
    dossier->addActions({a("cleanup"), a("reviewBlank"), a("archivalMetadata"), a("exportArchival")});
    dossier->addSeparator();
    dossier->addActions({a("signCopy"), a("signDesk"), a("verify")});
    dossier->addSeparator();
    dossier->addActions({a("upload"), a("uploads")});
    dossier->addSeparator();
    dossier->addActions({a("settings"), a("quit")});
    QMenu *scan = menuBar()->addMenu(tr("&Scan"));
    scan->addActions({a("scan"), a("scanInsert"), a("rescan"), a("confirmCount"), a("stop")});
    scan->addSeparator();
    QMenu *profiles = scan->addMenu(tr("&Profile"));
    for (int i = 1; i <= 9; ++i)
        profiles->addAction(a(QStringLiteral("profile%1").arg(i).toLatin1().constData()));
    scan->addActions({a("redetect"), a("deviceOptions")});
    QMenu *page = menuBar()->addMenu(tr("&Page"));
    page->addActions({a("undo"), a("redo")});
    page->addSeparator();
    page->addActions({a("rotateLeft"), a("rotateRight"), a("delete"), a("moveUp"), a("moveDown")});
    page->addSeparator();
    page->addActions({a("nextComponent"), a("previousComponent")});
    QMenu *archive = menuBar()->addMenu(tr("&Archive"));
    archive->addActions({a("startBatch"), a("continueBatch"), a("stop"), a("coverSheets")});
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(a("help"));

    // Short words under the toolbar icons; the menus keep the full sentences.
    const QList<std::pair<const char *, QString>> shortTexts{
        {"newDossier", tr("New")},       {"scan", tr("Scan")},           {"rescan", tr("Rescan")},
        {"export", tr("Export")},        {"rotateLeft", tr("Left")},     {"rotateRight", tr("Right")},
        {"delete", tr("Delete")},        {"undo", tr("Undo")},           {"redo", tr("Redo")},
        {"upload", tr("Upload")}};
    for (const auto &[name, text] : shortTexts)
        a(name)->setIconText(text);
    QToolBar *bar = addToolBar(tr("Counter desk"));
    bar->setObjectName(QStringLiteral("deskToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextUnderIcon);
    bar->setIconSize(QSize(24, 24));
    bar->addActions({a("newDossier"), a("scan"), a("rescan"), a("export"), a("upload")});
    bar->addSeparator();
    bar->addActions({a("rotateLeft"), a("rotateRight"), a("delete"), a("undo"), a("redo")});
    bar->addSeparator();
    bar->addWidget(new QLabel(tr("Profile:"), bar));
    m_profileBox->setObjectName(QStringLiteral("profileBox"));
    m_profileBox->setMinimumContentsLength(22);
    m_profileBox->setToolTip(tr("Scan profile (Ctrl+1…9)"));
    bar->addWidget(m_profileBox);
    bar->addWidget(new QLabel(QStringLiteral("  ") + tr("Scanner:"), bar));
    m_deviceBox->setObjectName(QStringLiteral("deviceBox"));
    m_deviceBox->setMinimumContentsLength(18);
    m_deviceBox->addItem(tr("Looking for scanners…"));
    bar->addWidget(m_deviceBox);
    bar->addAction(a("redetect"));
    connect(m_profileBox, &QComboBox::activated, this, &MainWindow::chooseProfile);
    connect(m_deviceBox, &QComboBox::activated, this, &MainWindow::chooseDevice);
}

void MainWindow::buildLayout()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    m_bannerLayout->setContentsMargins(0, 0, 0, 0);
    m_bannerLayout->setSpacing(4);
    layout->addWidget(m_bannerArea);
    auto *splitter = new QSplitter(Qt::Horizontal, central);
    splitter->setObjectName(QStringLiteral("panes"));
    splitter->addWidget(m_dossiers);
    splitter->addWidget(m_pages);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 1);
    splitter->setSizes({280, 560, 440});
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_archive = new ArchivePanel(this);
    auto *dock = new QDockWidget(tr("Archive room"), this);
    dock->setObjectName(QStringLiteral("archiveDock"));
    dock->setWidget(m_archive);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    connect(m_archive, &ArchivePanel::startRequested, this, &MainWindow::startBatch);
    connect(m_archive, &ArchivePanel::stopRequested, this, &MainWindow::stopJob);
    connect(m_archive, &ArchivePanel::continueRequested, this, &MainWindow::continueBatch);
    connect(m_archive, &ArchivePanel::coverSheetsRequested, this, &MainWindow::coverSheets);

    // The upload queue: a tab beside the archive room once opened (Ctrl+U, Ctrl+Shift+U, the status
    // bar's line), closed until then so that the counter's pages keep their room.
    m_uploadPanel = new UploadPanel(m_settings, this);
    m_uploadDock = new QDockWidget(tr("Uploads"), this);
    m_uploadDock->setObjectName(QStringLiteral("uploadDock"));
    m_uploadDock->setWidget(m_uploadPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_uploadDock);
    tabifyDockWidget(dock, m_uploadDock);
    m_uploadDock->hide();
    dock->raise();

    statusBar()->addPermanentWidget(m_jobBar);
    // What the queue still has to do, or a failure waiting for a person, while the dock is closed too.
    auto *uploads = new QPushButton(Icons::get(QStringLiteral("upload")), QString(), this);
    uploads->setObjectName(QStringLiteral("uploadIndicator"));
    uploads->setFlat(true);
    uploads->setFocusPolicy(Qt::NoFocus);
    uploads->setToolTip(tr("Show the upload queue (Ctrl+Shift+U)"));
    uploads->hide();
    statusBar()->addPermanentWidget(uploads);
    connect(uploads, &QPushButton::clicked, this, &MainWindow::openUploads);
    connect(m_uploadPanel, &UploadPanel::summaryChanged, uploads,
            [uploads](const QString &summary, bool needsAttention) {
                uploads->setText(tr("Uploads: %1").arg(summary));
                uploads->setStyleSheet(needsAttention ? QStringLiteral("color: #b71c1c;") : QString());
                uploads->setVisible(!summary.isEmpty());
            });
    connect(m_dossiers, &DossierPane::currentDossierChanged, this, [this](qint64 id) {
        m_pages->setDossier(id);
        updateActions();
    });
    connect(m_pages, &PagesPane::currentPageChanged, this, [this](const QString &path, int rotation, qint64) {
        if (path.isEmpty())
            m_preview->clear();
        else
            m_preview->showPage(path, rotation, m_pages->currentCleanedPath(), m_pages->currentCleanupNote());
        updateActions();
    });
    connect(m_pages, &PagesPane::failed, this,
            [this](const Error &e) { showError(QStringLiteral("page-edit"), e); });
    connect(m_pages, &PagesPane::contentChanged, this, &MainWindow::updateActions);
    connect(m_pages, &PagesPane::blankReviewRequested, this, &MainWindow::reviewBlankPages);
}

QList<Banner *> MainWindow::banners() const
{
    QList<Banner *> list;
    for (const auto &b : m_banners) {
        if (b)
            list << b.data();
    }
    return list;
}

Banner *MainWindow::showBanner(const QString &subject, Banner::Kind kind, const QString &text,
                               const QList<Banner::Button> &buttons)
{
    removeBanner(subject);
    auto *banner = new Banner(kind, text, buttons, m_bannerArea);
    banner->setProperty("subject", subject);
    m_bannerLayout->addWidget(banner);
    m_banners.insert(subject, banner);
    return banner;
}

void MainWindow::removeBanner(const QString &subject)
{
    if (QPointer<Banner> old = m_banners.take(subject)) {
        old->hide();
        old->deleteLater();
    }
}

QString MainWindow::bannerText(const Error &error)
{
    const bool detailAdds = !error.detail().isEmpty() && error.specificsEn().isEmpty();
    return detailAdds ? QStringLiteral("%1 (%2)").arg(error.message(), error.detail()) : error.message();
}

void MainWindow::showError(const QString &subject, const Error &error)
{
    showBanner(subject, Banner::Kind::Error, bannerText(error));
    statusBar()->showMessage(error.message(), 10000);
}

void MainWindow::trackJob(workflows::Job *job, const QString &title)
{
    m_jobBar->track(job, title);
    connect(job, &workflows::Job::finished, this, &MainWindow::updateActions);
    updateActions();
}

void MainWindow::openStore()
{
    removeBanner(QStringLiteral("store"));
    QString path = m_options.storePath;
    if (path.isEmpty())
        path = m_settings.storePath();
    if (path.isEmpty())
        path = DossierStore::defaultLocation();
    StoreOptions options;
    options.mode = StoreOpenMode::Create;
    if (!m_settings.nameTemplate().isEmpty())
        options.nameTemplate = m_settings.nameTemplate();
    m_uploadPanel->setController(nullptr);
    m_uploads.reset(); // its runner stopped: it sends from the store being closed
    delete m_cleanupJob.data();
    delete m_blankReview.data(); // both work on the store being closed
    delete m_metadata.data();
    m_scan.reset();
    m_pages->setStore(nullptr, nullptr);
    m_dossiers->setStore(nullptr);
    delete m_thumbnails;
    m_thumbnails = nullptr;
    m_undo->clear();
    m_store.reset();
    auto opened = DossierStore::open(path, options);
    if (!opened) {
        showBanner(QStringLiteral("store"), Banner::Kind::Error,
                   tr("The dossier store at %1 cannot be opened: %2").arg(QDir::toNativeSeparators(path),
                                                                           opened.error().message()),
                   {{tr("Settings…"), [this] { openSettings(); }, QStringLiteral("storeSettings")}});
        updateActions();
        return;
    }
    m_store = std::move(opened.value());
    // sohoa-cli (or another window) may write to the same store: its commits reach the models too.
    m_store->watchForOutsideChanges();
    m_thumbnails = new PageThumbnails(m_store->rootPath(), m_store->isReadOnly(), this);
    m_scan = std::make_unique<ScanController>(*m_store);
    connect(m_scan.get(), &ScanController::started, this, [this](workflows::ScanBatchJob *job) {
        trackJob(job, tr("Scanning"));
        m_archive->setRunning(true);
    });
    connect(m_scan.get(), &ScanController::pageSaved, this, [this](const PageRecord &page) {
        if (m_pages->dossierId() != 0) {
            auto c = m_store->componentById(page.componentId);
            if (c && c.value().dossierId == m_pages->dossierId())
                m_pages->selectPage(page.id);
        }
    });
    connect(m_scan.get(), &ScanController::separated, this, [this](const workflows::SeparationEvent &event) {
        if (auto d = m_store->dossier(event.dossierCode); d)
            m_dossiers->selectDossier(d.value().id);
    });
    connect(m_scan.get(), &ScanController::countersChanged, this,
            [this] { m_archive->showCounters(m_scan->counters(), m_scan->canContinue()); });
    connect(m_scan.get(), &ScanController::finished, this, &MainWindow::scanFinished);
    m_pages->setStore(m_store.get(), m_thumbnails);
    m_dossiers->setStore(m_store.get());
    m_uploads = std::make_unique<UploadController>(*m_store);
    m_uploadPanel->setController(m_uploads.get());
    m_uploads->ensureRunning(); // what a closed window left queued goes on
    setWindowTitle(tr("SoHoa — %1").arg(QDir::toNativeSeparators(m_store->rootPath())));
    showRecoveryNotice();
    m_settings.setSessionRunning(true);
    updateActions();
    Q_EMIT storeReady();
}

void MainWindow::showRecoveryNotice()
{
    const RecoveryReport &report = m_store->recoveryReport();
    const bool crashed = m_settings.sessionWasRunning();
    if (report.isClean() && !crashed)
        return;
    QStringList codes;
    for (const PageRecord &p : report.adoptedPages) {
        auto c = m_store->componentById(p.componentId);
        auto d = c ? m_store->dossierById(c.value().dossierId) : Result<DossierInfo>(Error(ErrorCode::DossierNotFound));
        if (d && !codes.contains(d.value().code))
            codes << d.value().code;
    }
    QStringList lines;
    if (crashed)
        lines << tr("SoHoa did not close normally last time. The store was checked:");
    if (!report.adoptedPages.isEmpty())
        lines << tr("%n page(s) saved just before it stopped were recovered into: %1.", nullptr,
                    int(report.adoptedPages.size()))
                     .arg(codes.join(QStringLiteral(", ")));
    if (!report.removedTemporaries.isEmpty())
        lines << tr("%n unfinished page file(s) that were never shown were removed.", nullptr,
                    int(report.removedTemporaries.size()));
    if (!report.missingPages.isEmpty() || !report.damagedPages.isEmpty())
        lines << tr("%n page file(s) are missing or changed: rescan them in place (Ctrl+F5).", nullptr,
                    int(report.missingPages.size() + report.damagedPages.size()));
    if (report.isClean())
        lines << tr("every page that was shown is in place.");
    QList<Banner::Button> buttons;
    if (!codes.isEmpty()) {
        buttons << Banner::Button{tr("Show %1").arg(codes.first()),
                                  [this, code = codes.first()] {
                                      if (auto d = m_store->dossier(code); d)
                                          m_dossiers->selectDossier(d.value().id);
                                  },
                                  QStringLiteral("showRecovered")};
    }
    showBanner(QStringLiteral("recovery"), report.isClean() ? Banner::Kind::Information : Banner::Kind::Warning,
               lines.join(u' '), buttons);
}

void MainWindow::detectDevices()
{
    if (m_detecting)
        return;
    m_detecting = true;
    m_deviceBox->clear();
    m_deviceBox->addItem(tr("Looking for scanners…"));
    auto *job = new workflows::ListDevicesJob(this);
    connect(job, &workflows::Job::finished, this, [this, job](const Error &error) {
        m_detecting = false;
        job->deleteLater();
        m_devices = job->devices();
        m_deviceBox->clear();
        if (error.isError())
            showError(QStringLiteral("devices"), error);
        if (m_devices.isEmpty()) {
            m_deviceBox->addItem(tr("No scanner found"));
            showBanner(QStringLiteral("devices"), Banner::Kind::Warning,
                       tr("No scanner was found. Connect and switch on the scanner, then press Redetect."),
                       {{tr("Redetect"), [this] { detectDevices(); }, QStringLiteral("redetectBanner")}});
        } else {
            removeBanner(QStringLiteral("devices"));
            for (const auto &d : std::as_const(m_devices))
                m_deviceBox->addItem(QStringLiteral("%1 %2").arg(d.vendor, d.model).trimmed(), d.name);
            // The profile's device, else the last one used (by vendor and model), else the first.
            scanner::DeviceInfo chosen = workflows::pickDevice(currentProfile(), m_devices);
            if (chosen.name.isEmpty()) {
                workflows::ScanProfile last;
                const scanner::DeviceInfo remembered = m_settings.lastDevice();
                last.deviceName = remembered.name;
                last.deviceVendor = remembered.vendor;
                last.deviceModel = remembered.model;
                chosen = workflows::pickDevice(last, m_devices);
            }
            const int index = chosen.name.isEmpty() ? 0 : std::max(0, m_deviceBox->findData(chosen.name));
            m_deviceBox->setCurrentIndex(index);
            chooseDevice(index);
        }
        updateActions();
        Q_EMIT devicesFound();
    });
    job->start();
}

QString MainWindow::currentDevice() const
{
    return m_deviceBox->currentData().toString();
}

void MainWindow::chooseDevice(int index)
{
    if (index < 0 || index >= m_devices.size())
        return;
    const scanner::DeviceInfo &d = m_devices.at(index);
    m_settings.setLastDevice(d);
    if (m_session && m_session->deviceName() != d.name && !(m_scan && m_scan->isRunning()))
        m_session.reset();
    if (m_deviceOptions)
        m_deviceOptions->setSession(deviceSession());
}

void MainWindow::chooseDeviceByName(const QString &name)
{
    const int index = m_deviceBox->findData(name);
    if (index >= 0) {
        m_deviceBox->setCurrentIndex(index);
        chooseDevice(index);
    }
}

std::shared_ptr<scanner::DeviceSession> MainWindow::deviceSession()
{
    const QString name = currentDevice();
    if (name.isEmpty())
        return {};
    if (!m_session || m_session->deviceName() != name)
        m_session = std::make_shared<scanner::DeviceSession>(name);
    return m_session;
}

QList<workflows::ScanProfile> MainWindow::profiles() const
{
    QList<workflows::ScanProfile> list = m_settings.profiles();
    if (m_demo && m_demo->isReady())
        list.prepend(m_demo->profile());
    return list;
}

workflows::ScanProfile MainWindow::currentProfile() const
{
    const auto list = profiles();
    return list.value(std::clamp(m_settings.currentProfile(), 0, int(list.size()) - 1));
}

void MainWindow::refreshProfiles()
{
    m_profileBox->clear();
    const auto profiles = this->profiles();
    for (int i = 0; i < profiles.size(); ++i) {
        m_profileBox->addItem(profiles.at(i).name);
        if (QAction *a = action(QStringLiteral("profile%1").arg(i + 1)))
            a->setText(profiles.at(i).name);
    }
    for (int i = int(profiles.size()) + 1; i <= 9; ++i) {
        if (QAction *a = action(QStringLiteral("profile%1").arg(i))) {
            a->setText(tr("(no profile %1)").arg(i));
            a->setEnabled(false);
        }
    }
    m_profileBox->setCurrentIndex(std::clamp(m_settings.currentProfile(), 0, int(profiles.size()) - 1));
    const workflows::ScanProfile current = currentProfile();
    m_archive->setProfileName(current.name, !current.separation.isEmpty());
}

void MainWindow::chooseProfile(int index)
{
    const auto profiles = this->profiles();
    if (index < 0 || index >= profiles.size())
        return;
    m_settings.setCurrentProfile(index);
    m_profileBox->setCurrentIndex(index);
    m_archive->setProfileName(profiles.at(index).name, !profiles.at(index).separation.isEmpty());
    // The profile's scanner, found again by vendor and model if its bus path changed.
    if (const scanner::DeviceInfo d = workflows::pickDevice(profiles.at(index), m_devices); !d.name.isEmpty())
        chooseDeviceByName(d.name);
    statusBar()->showMessage(tr("Profile: %1").arg(profiles.at(index).name), 4000);
}

void MainWindow::updateActions()
{
    if (!m_undo)
        return; // being destroyed
    const bool store = m_store != nullptr;
    const bool writable = store && !m_store->isReadOnly();
    const bool dossier = store && m_pages->dossierId() != 0;
    const bool page = dossier && m_pages->currentPageId() != 0;
    const bool scanning = m_scan && m_scan->isRunning();
    const bool cleaning = m_cleanupJob && m_cleanupJob->isRunning();
    const bool busy = scanning || cleaning || (m_exportJob && m_exportJob->isRunning());
    const auto set = [this](const char *name, bool enabled) { action(QString::fromLatin1(name))->setEnabled(enabled); };
    set("newDossier", writable);
    set("scan", dossier && writable && !scanning);
    set("scanInsert", page && writable && !scanning);
    set("rescan", page && writable && !scanning);
    set("confirmCount", dossier && writable && !scanning);
    set("export", dossier && !busy);
    set("exportComponent", dossier && !busy);
    set("exportArchival", dossier && !busy);
    set("cleanup", dossier && writable && !busy);
    set("reviewBlank", dossier && writable && !m_pages->blankPagesToReview().isEmpty());
    set("archivalMetadata", dossier && writable);
    set("signCopy", dossier && !busy && !(m_signCopyJob && m_signCopyJob->isRunning()));
    set("upload", dossier && writable);
    set("stop", busy);
    for (const char *name : {"rotateLeft", "rotateRight", "delete", "moveUp", "moveDown"})
        set(name, page && writable);
    set("undo", m_undo->canUndo() && writable);
    set("redo", m_undo->canRedo() && writable);
    action(QStringLiteral("undo"))->setText(m_undo->canUndo() ? tr("&Undo %1").arg(m_undo->undoText()) : tr("&Undo"));
    action(QStringLiteral("redo"))->setText(m_undo->canRedo() ? tr("&Redo %1").arg(m_undo->redoText()) : tr("&Redo"));
    set("startBatch", writable && !scanning);
    set("continueBatch", writable && !scanning && m_scan && m_scan->canContinue());
    if (m_archive)
        m_archive->setRunning(scanning);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_scan.reset();
    if (m_uploads)
        m_uploads->stop(); // a file being sent goes back to the queue; sent on at the next start
    m_settings.setSessionRunning(false);
    event->accept();
}

} // namespace sohoa::gui
