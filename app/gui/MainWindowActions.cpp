// The window's actions: the counter desk (new dossier, scan, confirm, export, page edits, sign as copy,
// upload) and the archive room (batches, cover sheets), settings and help. MainWindow.cpp builds the
// window, opens the store and finds the scanners.

#include "app/gui/MainWindow.h"

#include "app/gui/VerifyWindow.h"

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
#include "app/gui/PinDialog.h"
#include "app/gui/PreviewPane.h"
#include "app/gui/ScanController.h"
#include "app/gui/SettingsDialog.h"
#include "app/gui/UploadController.h"
#include "app/gui/UploadPanel.h"
#include "app/workflows/CleanupJob.h"
#include "app/workflows/DossierSetup.h"
#include "app/workflows/ExportJob.h"
#include "app/workflows/ListDevicesJob.h"
#include "app/workflows/SignCopyJob.h"
#include "app/workflows/UploadQueueJob.h"
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
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <string_view>

namespace sohoa::gui {

namespace {
QString g_nextNewDossierAnswer;
bool g_hasNextNewDossierAnswer = false;
} // namespace

void MainWindow::setNextNewDossierAnswer(const QString &code)
{
    g_nextNewDossierAnswer = code;
    g_hasNextNewDossierAnswer = true;
}

// --- Counter desk -------------------------------------------------------------------------------

void MainWindow::newDossier()
{
    if (!m_store)
        return;
    QDate today = QDate::currentDate();
    QString suggestion;
    if (!m_settings.agencyPrefix().isEmpty()) {
        if (auto s = workflows::suggestDossierCode(*m_store, m_settings.agencyPrefix(), m_settings.systemId(), today); s)
            suggestion = s.value();
    }
    NewDossierDialog dialog(suggestion, m_settings.procedures(),
                            [this](const workflows::NewDossier &request) {
                                return workflows::createDossier(*m_store, request);
                            },
                            this);
    if (g_hasNextNewDossierAnswer) {
        g_hasNextNewDossierAnswer = false;
        dialog.codeField()->setText(g_nextNewDossierAnswer);
        dialog.accept();
    } else {
        const int answer = dialog.exec();
        activateWindow(); // the keyboard back to the window (no window manager gives it back by itself)
        if (answer != QDialog::Accepted)
            return;
    }
    if (dialog.created().dossier.id == 0)
        return;
    const auto &made = dialog.created();
    m_dossiers->selectDossier(made.dossier.id);
    if (m_pages->dossierId() != made.dossier.id)
        m_pages->setDossier(made.dossier.id);
    if (!made.components.isEmpty())
        m_pages->selectComponent(made.components.first().id);
    m_pages->view()->setFocus();
    statusBar()->showMessage(tr("Dossier %1 created with %n component(s). Press F5 to scan.", nullptr,
                                int(made.components.size()))
                                 .arg(made.dossier.code),
                             8000);
    updateActions();
}

void MainWindow::scan()
{
    startScan(0, false, 0);
}

void MainWindow::scanInsert()
{
    startScan(m_pages->currentPosition(), false, 0);
}

void MainWindow::rescanPage()
{
    startScan(m_pages->currentPosition(), true, 1);
}

void MainWindow::startScan(int insertAt, bool replace, int maxPages)
{
    if (!m_store || !m_scan || m_scan->isRunning())
        return;
    auto dossier = m_store->dossierById(m_pages->dossierId());
    if (!dossier) {
        showBanner(QStringLiteral("scan"), Banner::Kind::Information,
                   tr("Choose a dossier in the list, or make a new one with Ctrl+N, then press F5."));
        return;
    }
    if (currentDevice().isEmpty()) {
        showBanner(QStringLiteral("scan"), Banner::Kind::Warning,
                   tr("No scanner is chosen. Connect and switch on the scanner, then press Redetect."),
                   {{tr("Redetect"), [this] { detectDevices(); }, QStringLiteral("redetectScan")}});
        return;
    }
    const workflows::ScanProfile profile = currentProfile();
    auto request = profile.toRequest(currentDevice(), dossier.value().code, m_pages->currentComponentName());
    if (!request) {
        showError(QStringLiteral("scan"), request.error());
        return;
    }
    request.value().insertAt = insertAt;
    request.value().replace = replace;
    if (maxPages > 0)
        request.value().maxPages = maxPages;
    // Separator sheets belong to the archive room's batches; a counter scan goes where the officer is.
    request.value().separation = {};
    removeBanner(QStringLiteral("scan"));
    removeBanner(QStringLiteral("scan-done"));
    m_scan->start(request.value(), deviceSession());
}

void MainWindow::scanFinished(const workflows::ScanReport &report)
{
    updateActions();
    if (m_demo)
        m_demo->advance();
    const int saved = int(report.savedPages.size());
    const Error &error = report.error;
    if (error.isError() && error.code() != ErrorCode::Cancelled) {
        const QString what = saved > 0 ? tr("%n page(s) were saved and stay saved.", nullptr, saved) : QString();
        QList<Banner::Button> buttons;
        if (m_scan->canContinue()) {
            buttons << Banner::Button{tr("Continue"), [this] { continueBatch(); }, QStringLiteral("continueScan")}
                    << Banner::Button{tr("Finish"), [this] { m_scan->finish(); updateActions(); },
                                      QStringLiteral("finishScan")};
        }
        showBanner(QStringLiteral("scan"), Banner::Kind::Warning, bannerText(error) + u' ' + what, buttons);
        statusBar()->showMessage(error.message(), 10000);
        return;
    }
    const QString component = report.component.name;
    const int count = m_pages->pageCount(report.component.id);
    if (error.code() == ErrorCode::Cancelled)
        statusBar()->showMessage(tr("Scan stopped; %n page(s) saved.", nullptr, saved), 8000);
    else
        statusBar()->showMessage(tr("Scan done: %n page(s) saved.", nullptr, saved), 8000);
    if (saved > 0 && !report.separations.size()) {
        QList<Banner::Button> buttons{
            {tr("Matches (Ctrl+Enter)"), [this] { confirmCount(); }, QStringLiteral("confirmBanner")}};
        // A profile with the blank flag: the pages it flagged wait for a person (nothing was removed).
        QString text = tr("%1 now has %n page(s). Count the paper: does it match?", nullptr, count).arg(component);
        if (const int blank = int(m_pages->blankPagesToReview().size()); blank > 0) {
            text += u' ' + tr("%n page(s) look blank.", nullptr, blank);
            buttons << Banner::Button{tr("Review (Ctrl+K)"), [this] { reviewBlankPages(); },
                                      QStringLiteral("reviewBlankScan")};
        }
        showBanner(QStringLiteral("scan-done"), Banner::Kind::Positive, text, buttons);
    }
}

void MainWindow::confirmCount()
{
    if (!m_store)
        return;
    const qint64 componentId = m_pages->currentComponentId();
    auto component = m_store->componentById(componentId);
    if (!component)
        return;
    const int pages = m_pages->pageCount(componentId);
    if (auto r = workflows::confirmPageCount(*m_store, component.value(), pages); !r) {
        showError(QStringLiteral("confirm"), r.error());
        return;
    }
    m_pages->setConfirmed(componentId, pages);
    removeBanner(QStringLiteral("scan-done"));
    statusBar()->showMessage(tr("%1: %n page(s) confirmed against the paper.", nullptr, pages)
                                 .arg(component.value().name),
                             6000);
}

void MainWindow::exportDossier()
{
    // An archival profile's dossiers are exported as PDF/A with their metadata (and OCR) by Ctrl+E too.
    runExport({}, currentProfile().archival);
}

void MainWindow::exportComponent()
{
    runExport(m_pages->currentComponentName(), false);
}

void MainWindow::exportArchival()
{
    runExport({}, true);
}

void MainWindow::runExport(const QString &component, bool archival)
{
    if (!m_store || (m_exportJob && m_exportJob->isRunning()))
        return;
    auto dossier = m_store->dossierById(m_pages->dossierId());
    if (!dossier)
        return;
    workflows::ExportRequest request;
    request.dossierCode = dossier.value().code;
    request.component = component;
    const QString folder = m_settings.exportFolder();
    QDir().mkpath(folder);
    QString name = DossierStore::sanitizeName(dossier.value().code);
    if (!component.isEmpty())
        name += u'-' + DossierStore::sanitizeName(component);
    if (archival) {
        // The OCR languages of the profile ("" or "none": no text layer); OCR runs off the UI thread.
        const QString ocr = currentProfile().ocrLanguages;
        request.archival = true;
        request.ocrLanguages = ocr == u"none" ? QString() : ocr;
        name += QStringLiteral("-pdfa");
    }
    request.outputPath = QDir(folder).filePath(name + QStringLiteral(".pdf"));
    request.overwrite = true; // this dossier's own export, made again after edits (atomically)
    delete m_exportJob.data();
    auto *job = new workflows::ExportJob(*m_store, request, this);
    m_exportJob = job;
    connect(job, &workflows::Job::finished, this, [this, job, archival](const Error &error) {
        job->deleteLater();
        if (error.isError()) {
            if (error.code() != ErrorCode::Cancelled)
                showError(QStringLiteral("export"), error);
            else
                statusBar()->showMessage(tr("Export stopped; nothing was written."), 6000);
            return;
        }
        if (archival) {
            archivalExportDone(job->report());
            return;
        }
        const QString path = job->report().path;
        m_lastExport = path;
        showBanner(QStringLiteral("export"), Banner::Kind::Positive,
                   tr("Exported %n page(s) to %1", nullptr, job->report().pdf.pageCount).arg(QDir::toNativeSeparators(path)),
                   {{tr("Open"), [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); },
                     QStringLiteral("openExport"), false},
                    {tr("Show in folder"),
                     [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath())); },
                     QStringLiteral("showExport"), false}});
        m_preview->showPdf(path);
        Q_EMIT exported(path);
    });
    trackJob(job,
             archival
                 ? (request.ocrLanguages.isEmpty()
                        ? tr("Exporting %1 as PDF/A").arg(dossier.value().code)
                        : tr("Exporting %1 as PDF/A with OCR (%2)").arg(dossier.value().code, request.ocrLanguages))
                 : tr("Exporting %1").arg(dossier.value().code));
    job->start();
    updateActions(); // running now: the export actions wait, Esc stops it
}

// Where the archival PDF and its sidecar went, what OCR read: a banner and the status bar.
void MainWindow::archivalExportDone(const workflows::ExportReport &report)
{
    const QString pdf = QDir::toNativeSeparators(report.path);
    const QString xml = QDir::toNativeSeparators(report.sidecarPath);
    QString text = tr("Archival PDF/A: %1 — metadata: %2").arg(pdf, xml);
    if (report.ocrPages > 0)
        text += u' ' + tr("(%n page(s) with OCR text, mean confidence %1 %)", nullptr, report.ocrPages)
                           .arg(QLocale().toString(report.ocrConfidence, 'f', 0));
    if (report.cleanedPages > 0)
        text += u' ' + tr("%n cleaned page(s) used.", nullptr, report.cleanedPages);
    const QString path = report.path;
    showBanner(QStringLiteral("export"), Banner::Kind::Positive, text,
               {{tr("Open"), [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); },
                 QStringLiteral("openArchival"), false},
                {tr("Show in folder"),
                 [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath())); },
                 QStringLiteral("showArchival"), false}});
    statusBar()->showMessage(tr("Archival PDF/A written: %1 and %2").arg(pdf, xml), 15000);
    m_preview->showPdf(path);
    Q_EMIT archivalExported(report.path, report.sidecarPath);
}

// Cleanup of the dossier's pages already scanned, with the profile's steps (or the usual four).
void MainWindow::cleanupPages()
{
    if (!m_store || (m_cleanupJob && m_cleanupJob->isRunning()))
        return;
    auto dossier = m_store->dossierById(m_pages->dossierId());
    if (!dossier)
        return;
    const workflows::ScanProfile profile = currentProfile();
    auto options = CleanupOptions::fromList(profile.cleanup.isEmpty() ? QStringLiteral("deskew,orient,crop,blank")
                                                                      : profile.cleanup);
    if (!options) {
        showError(QStringLiteral("cleanup"), options.error());
        return;
    }
    workflows::CleanupRequest request;
    request.dossierCode = dossier->code;
    request.options = options.value();
    request.jpegQuality = profile.jpegQuality;
    removeBanner(QStringLiteral("cleanup"));
    auto *job = new workflows::CleanupJob(*m_store, request, this);
    m_cleanupJob = job;
    connect(job, &workflows::Job::finished, this, [this, job](const Error &error) {
        job->deleteLater();
        const workflows::CleanupReport &r = job->report();
        if (error.isError() && error.code() != ErrorCode::Cancelled)
            showError(QStringLiteral("cleanup"), error);
        else if (error.code() == ErrorCode::Cancelled)
            statusBar()->showMessage(tr("Cleanup stopped; %n page(s) cleaned up so far.", nullptr, r.cleaned), 8000);
        else if (r.blank > 0)
            showBanner(QStringLiteral("cleanup"), Banner::Kind::Information,
                       tr("%n page(s) cleaned up.", nullptr, r.cleaned) + u' ' +
                           tr("%n page(s) look blank: look at each one before anything is removed.", nullptr, r.blank),
                       {{tr("Review (Ctrl+K)"), [this] { reviewBlankPages(); }, QStringLiteral("reviewBlankBanner")}});
        else
            statusBar()->showMessage(tr("%n page(s) cleaned up; no blank page found.", nullptr, r.cleaned), 8000);
        updateActions();
        Q_EMIT cleanedUp(error);
    });
    trackJob(job, tr("Cleaning up %1 (%2)").arg(dossier->code, request.options.toList()));
    job->start();
    updateActions();
}

BlankReviewDialog *MainWindow::blankReview() const
{
    return m_blankReview;
}

ArchivalMetadataDialog *MainWindow::metadataDialog() const
{
    return m_metadata;
}

void MainWindow::reviewBlankPages()
{
    if (!m_store || m_store->isReadOnly() || !m_pages->dossierId())
        return;
    if (m_blankReview) {
        m_blankReview->raise();
        m_blankReview->activateWindow();
        return;
    }
    auto *dialog = new BlankReviewDialog(*m_store, m_pages->dossierId(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_blankReview = dialog;
    connect(dialog, &QDialog::finished, this, [this] {
        activateWindow(); // the keyboard back to the window
        removeBanner(QStringLiteral("cleanup"));
        updateActions();
    });
    dialog->open();
    dialog->setFocus();
}

void MainWindow::editArchivalMetadata()
{
    if (!m_store || m_store->isReadOnly())
        return;
    auto dossier = m_store->dossierById(m_pages->dossierId());
    if (!dossier)
        return;
    if (m_metadata) {
        m_metadata->raise();
        m_metadata->activateWindow();
        return;
    }
    auto *dialog = new ArchivalMetadataDialog(*m_store, dossier.value(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_metadata = dialog;
    connect(dialog, &QDialog::finished, this, [this, code = dossier->code](int result) {
        activateWindow();
        if (result == QDialog::Accepted)
            statusBar()->showMessage(tr("Archival metadata of %1 saved.").arg(code), 6000);
    });
    dialog->open();
}

void MainWindow::undo()
{
    m_undo->undo();
    updateActions();
}

void MainWindow::redo()
{
    m_undo->redo();
    updateActions();
}

void MainWindow::rotateLeft()
{
    m_pages->rotateSelected(-90);
}

void MainWindow::rotateRight()
{
    m_pages->rotateSelected(90);
}

void MainWindow::deletePages()
{
    m_pages->deleteSelected();
    updateActions();
}

void MainWindow::moveUp()
{
    m_pages->moveSelected(-1);
}

void MainWindow::moveDown()
{
    m_pages->moveSelected(+1);
}

void MainWindow::nextComponent()
{
    m_pages->stepComponent(+1);
    m_pages->view()->setFocus();
    updateActions();
}

void MainWindow::previousComponent()
{
    m_pages->stepComponent(-1);
    m_pages->view()->setFocus();
    updateActions();
}

void MainWindow::focusSearch()
{
    m_dossiers->focusSearch();
}

void MainWindow::stopJob()
{
    if (m_scan && m_scan->isRunning())
        m_scan->stop();
    else if (m_exportJob && m_exportJob->isRunning())
        m_exportJob->cancel();
    else if (m_cleanupJob && m_cleanupJob->isRunning())
        m_cleanupJob->cancel();
}

// --- Archive room and the rest ------------------------------------------------------------------

void MainWindow::startBatch()
{
    if (!m_store || !m_scan || m_scan->isRunning())
        return;
    const workflows::ScanProfile profile = currentProfile();
    if (currentDevice().isEmpty()) {
        showBanner(QStringLiteral("scan"), Banner::Kind::Warning,
                   tr("No scanner is chosen. Connect and switch on the scanner, then press Redetect."));
        return;
    }
    // A separated batch files its pages by the sheets; without a chosen dossier it continues where the
    // store's last separated batch ended (or starts at the first cover sheet).
    QString code;
    if (auto d = m_store->dossierById(m_pages->dossierId()); d)
        code = d.value().code;
    if (profile.separation.isEmpty() && code.isEmpty()) {
        showBanner(QStringLiteral("scan"), Banner::Kind::Information,
                   tr("This profile has no separator sheets: choose a dossier first, or pick a profile with "
                      "separation (Ctrl+1…9)."));
        return;
    }
    auto request = profile.toRequest(currentDevice(), profile.separation.isEmpty() ? code : QString(),
                                     profile.separation.isEmpty() ? m_pages->currentComponentName() : QString());
    if (!request) {
        showError(QStringLiteral("scan"), request.error());
        return;
    }
    removeBanner(QStringLiteral("scan"));
    m_scan->start(request.value(), deviceSession());
}

void MainWindow::continueBatch()
{
    if (!m_scan || !m_scan->canContinue())
        return;
    removeBanner(QStringLiteral("scan"));
    m_scan->continueBatch();
}

void MainWindow::coverSheets()
{
    CoverSheetDialog dialog(m_settings.exportFolder(), this);
    const int answer = dialog.exec();
    activateWindow();
    if (answer != QDialog::Accepted)
        return;
    showBanner(QStringLiteral("coversheets"), Banner::Kind::Positive,
               tr("%n cover sheet file(s) written to %1", nullptr, int(dialog.written().size()))
                   .arg(QDir::toNativeSeparators(dialog.folder())),
               {{tr("Show in folder"),
                 [folder = dialog.folder()] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); },
                 QStringLiteral("showCoverSheets"), false}});
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, this);
    const int answer = dialog.exec();
    activateWindow();
    if (answer != QDialog::Accepted)
        return;
    refreshProfiles();
    if (dialog.storeChanged() && !(m_scan && m_scan->isRunning())) {
        m_options.storePath.clear();
        openStore();
    }
    if (dialog.languageChanged())
        Q_EMIT languageChangeRequested();
}

void MainWindow::openVerifyWindow()
{
    if (!m_verify)
        m_verify = new VerifyWindow(m_settings, this);
    m_verify->show();
    m_verify->raise();
    m_verify->activateWindow();
}

void MainWindow::openSigningDesk()
{
    if (!m_signDesk) {
        m_signDesk = new SigningDesk(m_settings, this);
        m_signDesk->setExportProvider([this] { return m_lastExport; });
    }
    m_signDesk->show();
    m_signDesk->raise();
    m_signDesk->activateWindow();
}

// The counter's one key press after export: the export signed as a certified copy (Decree 30 copy
// block of the settings' copy profile, the QR lookup code), verified, recorded in the dossier, shown.
void MainWindow::signAsCopy()
{
    if (!m_store || (m_signCopyJob && m_signCopyJob->isRunning()))
        return;
    auto dossier = m_store->dossierById(m_pages->dossierId());
    if (!dossier)
        return;
    if (m_lastExport.isEmpty() || !QFileInfo::exists(m_lastExport)) {
        showBanner(QStringLiteral("sign-copy"), Banner::Kind::Warning,
                   tr("Export the dossier first (Ctrl+E): the certified copy is signed from its export."));
        return;
    }
    const SigningSettings signing = m_settings.signing();
    workflows::AppearanceProfile copy;
    for (const auto &p : signing.appearances)
        if (p.spec.kind == signing::AppearanceKind::Copy) {
            copy = p;
            break;
        }
    copy.spec.kind = signing::AppearanceKind::Copy;
    const bool noKey = signing.keyKind == u"p12" ? signing.p12Path.isEmpty() : signing.certificateDer.isEmpty();
    if (noKey || !copy.missingField().isEmpty()) {
        openSigningDesk();
        m_signDesk->addPaths({m_lastExport});
        showBanner(QStringLiteral("sign-copy"), Banner::Kind::Warning,
                   noKey ? tr("Choose the signing key once on the signing desk; Ctrl+S then signs at once.")
                         : copy.missingField() + u' ' + tr("Fill it in on the signing desk's certified copy profile."));
        return;
    }
    removeBanner(QStringLiteral("sign-copy"));
    workflows::SignCopyRequest request;
    request.dossierCode = dossier->code;
    request.input = m_lastExport;
    request.key = keySourceOf(signing);
    copy.applyTo(request.options);
    applyBatchOptions(signing, request.options, request.qr, dossier->code);
    request.options.certifyLevel = 0; // a copy stays open to the recipient's own signatures
    request.trustPaths = m_settings.trustPaths();
    request.systemTrust = m_settings.systemTrust();
    request.verifyOffline = m_settings.verifyOffline();
    auto *job = new workflows::SignCopyJob(*m_store, request, this);
    m_signCopyJob = job;
    connect(job, &workflows::Job::secretRequested, this,
            [this, job](const workflows::SecretRequest &r) { PinDialog::answer(job, r, this); });
    connect(job, &workflows::Job::finished, this, [this, job, code = dossier->code](const Error &error) {
        job->deleteLater();
        const auto &files = job->files();
        const Error failed = error.isError() ? error
                             : files.isEmpty() ? Error(ErrorCode::Internal, QStringLiteral("no file signed"))
                                               : files.constFirst().result.error;
        if (failed.isError()) {
            if (failed.code() != ErrorCode::Cancelled)
                showError(QStringLiteral("sign-copy"), failed);
            Q_EMIT copySigned(QString(), failed);
            return;
        }
        const auto &record = job->record();
        m_lastSignedCopy = record.path;
        const QString verdict = VerifyWindow::verdictText(record.verdict);
        // Straight into the upload queue when the counter has a target and wants it (sent in the background).
        QString uploadNote;
        const QString target = m_settings.defaultUploadTarget();
        if (m_uploads && !target.isEmpty() && m_settings.uploadAfterSigning()) {
            if (auto queued = m_uploads->queue(target, {record.path}, code); queued)
                uploadNote = QStringLiteral(". ") + tr("Queued for upload to %1.").arg(target);
            else
                showError(QStringLiteral("upload"), queued.error());
        }
        showBanner(QStringLiteral("sign-copy"),
                   record.verdict == u"VALID" || record.verdict == u"VALID_UNTRUSTED" ? Banner::Kind::Positive
                                                                                     : Banner::Kind::Warning,
                   tr("Certified copy signed: %1 — %2").arg(QDir::toNativeSeparators(record.path), verdict) +
                       uploadNote,
                   {{tr("Open"), [path = record.path] { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); },
                     QStringLiteral("openSignedCopy"), false},
                    {tr("Verify"), [this, path = record.path] { verifyFiles({path}); }, QStringLiteral("verifyCopy"),
                     false}});
        m_preview->showPdf(record.path);
        Q_EMIT copySigned(record.path, Error());
    });
    trackJob(job, tr("Signing %1 as a certified copy").arg(dossier->code));
    job->start();
}

// Ctrl+U: the dossier's signed files into the upload queue for the counter's target, sent in the
// background; the Uploads dock comes to the front to show them go.
void MainWindow::uploadDossier()
{
    if (!m_store || !m_uploads)
        return;
    auto dossier = m_store->dossierById(m_pages->dossierId());
    if (!dossier) {
        showBanner(QStringLiteral("upload"), Banner::Kind::Information,
                   tr("Choose a dossier in the list first, then press Ctrl+U."));
        return;
    }
    const QString target = counterUploadTarget([this] { uploadDossier(); });
    if (target.isEmpty())
        return;
    auto files = workflows::dossierUploadFiles(*m_store, dossier->code);
    if (!files) {
        showError(QStringLiteral("upload"), files.error());
        return;
    }
    auto queued = m_uploads->queue(target, files.value(), dossier->code);
    if (!queued) {
        showError(QStringLiteral("upload"), queued.error());
        return;
    }
    const auto delivered = std::count_if(queued->cbegin(), queued->cend(),
                                         [](const UploadJobRecord &j) { return j.state == u"delivered"; });
    const int waiting = int(queued->size() - delivered);
    if (waiting == 0)
        showBanner(QStringLiteral("upload"), Banner::Kind::Information,
                   tr("Every signed file of %1 was already delivered to %2.").arg(dossier->code, target));
    else
        showBanner(QStringLiteral("upload"), Banner::Kind::Positive,
                   tr("%n file(s) of %1 queued for upload to %2.", nullptr, waiting).arg(dossier->code, target));
    openUploads();
    m_uploadPanel->selectJob(queued->constLast().id);
}

void MainWindow::openUploads()
{
    m_uploadDock->show();
    m_uploadDock->raise();
}

QString MainWindow::counterUploadTarget(const std::function<void()> &afterChoice)
{
    auto targets = workflows::uploadTargets(*m_store);
    if (!targets) {
        showError(QStringLiteral("upload"), targets.error());
        return {};
    }
    QString remembered = m_settings.defaultUploadTarget();
    for (const upload::TargetConfig &t : std::as_const(targets.value()))
        if (t.name == remembered)
            return remembered;
    if (targets->size() == 1) {
        QString only = targets->constFirst().name;
        m_settings.setDefaultUploadTarget(only);
        m_uploadPanel->refreshTargets();
        return only;
    }
    if (targets->isEmpty()) {
        showBanner(QStringLiteral("upload"), Banner::Kind::Warning,
                   tr("No upload target is set up for this store yet. Add one once in a terminal, for example: "
                      "sohoa-cli target add mot-cua --webdav https://… --user NAME --secret-keyring --store %1 "
                      "— then press Ctrl+U again.")
                       .arg(QDir::toNativeSeparators(m_store->rootPath())));
        return {};
    }
    QList<Banner::Button> buttons;
    for (const upload::TargetConfig &t : std::as_const(targets.value()))
        buttons << Banner::Button{t.name,
                                  [this, name = t.name, afterChoice] {
                                      m_settings.setDefaultUploadTarget(name);
                                      m_uploadPanel->refreshTargets();
                                      if (afterChoice)
                                          afterChoice();
                                  },
                                  QStringLiteral("uploadTo-") + t.name};
    showBanner(QStringLiteral("upload"), Banner::Kind::Information,
               tr("Where should dossiers be uploaded? Choose the target once: it is remembered, and the Uploads "
                  "panel (Ctrl+Shift+U) can change it."),
               buttons);
    return {};
}

void MainWindow::signFiles(const QStringList &paths)
{
    openSigningDesk();
    m_signDesk->addPaths(paths);
}

void MainWindow::verifyFiles(const QStringList &paths)
{
    openVerifyWindow();
    m_verify->addPaths(paths);
}

void MainWindow::showHelp()
{
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("helpDialog"));
    dialog->setWindowTitle(tr("Keyboard and help"));
    auto *text = new QTextBrowser(dialog);
    QString html = QStringLiteral("<h3>%1</h3><table cellpadding=3>").arg(tr("Keyboard"));
    for (const char *name : {"newDossier",
                             "scan",
                             "scanInsert",
                             "rescan",
                             "confirmCount",
                             "nextComponent",
                             "previousComponent",
                             "export",
                             "exportComponent",
                             "exportArchival",
                             "cleanup",
                             "reviewBlank",
                             "archivalMetadata",
                             "signCopy",
                             "upload",
                             "uploads",
                             "signDesk",
                             "verify",
                             "delete",
                             "undo",
                             "redo",
                             "rotateLeft",
                             "rotateRight",
                             "moveUp",
                             "moveDown",
                             "search",
                             "startBatch",
                             "continueBatch",
                             "stop",
                             "settings",
                             "help"}) {
        QAction *a = action(QString::fromLatin1(name));
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        // Undo and redo name the step they would take back; the help names the action itself.
        const QString what = name == std::string_view("undo")   ? tr("&Undo")
                             : name == std::string_view("redo") ? tr("&Redo")
                                                                : a->text();
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(keys.join(QStringLiteral(", ")).toHtmlEscaped(), QString(what).remove(u'&').toHtmlEscaped());
    }
    html += QStringLiteral("<tr><td><b>Ctrl+1…9</b></td><td>%1</td></tr></table>").arg(tr("Choose scan profile"));
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("Every page is on disk the moment its thumbnail shows. Deleted pages stay in the store and "
                        "can be put back from \"Deleted\" above the pages."));
    text->setHtml(html);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    dialog->resize(520, 560);
    dialog->show();
}

void MainWindow::toggleDeviceOptions()
{
    if (!m_deviceOptions) {
        m_deviceOptions = new DeviceOptionsPanel(this);
        auto *dock = new QDockWidget(tr("Scanner options"), this);
        dock->setObjectName(QStringLiteral("deviceOptionsDock"));
        dock->setWidget(m_deviceOptions);
        addDockWidget(Qt::RightDockWidgetArea, dock);
        m_deviceOptions->setSession(deviceSession());
        return;
    }
    QWidget *dock = m_deviceOptions->parentWidget();
    dock->setVisible(!dock->isVisible());
}

} // namespace sohoa::gui
