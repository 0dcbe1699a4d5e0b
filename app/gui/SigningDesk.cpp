#include "app/gui/SigningDesk.h"

#include "app/gui/AppearanceEditor.h"
#include "app/gui/AppearancePreview.h"
#include "app/gui/Drops.h"
#include "app/gui/Icons.h"
#include "app/gui/PinDialog.h"
#include "app/gui/ScreenFit.h"
#include "app/gui/SigningKeyPanel.h"
#include "app/gui/VerifyWindow.h"
#include "app/workflows/InspectPdfsJob.h"
#include "app/workflows/PdfPreviewJob.h"
#include "app/workflows/StampQrJob.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace sohoa::gui {

namespace {


QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString yesNo(bool on)
{
    return on ? SigningDesk::tr("yes") : SigningDesk::tr("no");
}

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    return item;
}


} // namespace

void applyBatchOptions(const SigningSettings &s, signing::SignOptions &options, std::optional<QrStampOptions> &qr,
                       const QString &dossierCode)
{
    options.hash = enumFromName(signing::kHashNames, s.hash).value_or(signing::HashAlgorithm::Sha256);
    options.certifyLevel = s.certifyLevel;
    options.tsaUrl = s.tsaUrl.trimmed().isEmpty() ? QUrl() : QUrl(s.tsaUrl.trimmed());
    qr.reset();
    if (s.qr && !s.qrTemplate.trimmed().isEmpty()) {
        QrStampOptions q;
        q.payloadTemplate = s.qrTemplate.trimmed();
        q.values.dossierCode = dossierCode;
        if (auto placement = QrPlacement::parse(s.qrCorner); placement)
            q.placement = placement.value();
        q.sizeMm = s.qrSizeMm;
        qr = q;
    }
}

SigningDesk::SigningDesk(AppSettings &settings, QWidget *parent)
    : QWidget(parent, Qt::Window), m_settings(settings), m_signing(settings.signing())
{
    setObjectName(QStringLiteral("signingDesk"));
    setWindowTitle(tr("Signing desk"));
    setAcceptDrops(true);
    resizeToFitScreen(this, QSize(1280, 800));

    auto *addFilesButton = new QPushButton(Icons::get(QStringLiteral("open")), tr("&Add files…"), this);
    addFilesButton->setShortcut(QKeySequence::Open);
    auto *addFolderButton = new QPushButton(Icons::get(QStringLiteral("folder")), tr("Add f&older…"), this);
    auto *addExportButton = new QPushButton(Icons::get(QStringLiteral("export")), tr("Add the dossier's e&xport"), this);
    addExportButton->setObjectName(QStringLiteral("addExport"));
    auto *removeButton = new QPushButton(Icons::get(QStringLiteral("delete")), tr("&Remove"), this);
    connect(addFilesButton, &QPushButton::clicked, this, &SigningDesk::addFiles);
    connect(addFolderButton, &QPushButton::clicked, this, &SigningDesk::addFolder);
    connect(addExportButton, &QPushButton::clicked, this, &SigningDesk::addExport);
    connect(removeButton, &QPushButton::clicked, this, &SigningDesk::removeSelected);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("signInputs"));
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Pages"), tr("Size"), tr("Signed"), tr("Encrypted"),
                                        tr("Status"), tr("Output"), tr("Verdict"), tr("Message")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    // Sized to the contents once a listing or a batch is done, not at each cell (that would measure
    // every row again for every result: a stall that grows with the batch).
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row, int, int previous) {
        if (row != previous)
            showCurrentPdf();
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        const QString output = m_table->item(row, OutputColumn) ? m_table->item(row, OutputColumn)->toolTip() : QString();
        if (!output.isEmpty() && QFileInfo::exists(output))
            QDesktopServices::openUrl(QUrl::fromLocalFile(output));
    });

    auto *tabs = new QTabWidget(this);
    m_key = new SigningKeyPanel(m_settings, m_signing, this);
    m_appearance = new AppearanceEditor(m_settings, m_signing, this);
    connect(m_key, &SigningKeyPanel::keyChanged, this, &SigningDesk::updateButtons);
    connect(m_key, &SigningKeyPanel::tokensFound, this, &SigningDesk::tokensFound);
    connect(m_appearance, &AppearanceEditor::previewShown, this, &SigningDesk::previewShown);
    tabs->addTab(m_appearance, tr("A&ppearance"));
    tabs->addTab(buildOptionsPanel(), tr("Op&tions"));
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_key);
    rightLayout->addWidget(tabs, 1);

    m_sign = new QPushButton(Icons::get(QStringLiteral("sign")), tr("&Sign all"), this);
    m_sign->setObjectName(QStringLiteral("signAll"));
    m_sign->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_sign->setToolTip(tr("Sign every listed file (Ctrl+Enter)"));
    m_cancel = new QPushButton(Icons::get(QStringLiteral("stop")), tr("Ca&ncel"), this);
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_openOutput = new QPushButton(Icons::get(QStringLiteral("folder")), tr("Open output &folder"), this);
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(true);
    m_status = new QLabel(tr("Drop PDFs or folders here, or add them."), this);
    m_status->setObjectName(QStringLiteral("signStatus"));
    m_status->setWordWrap(true);
    connect(m_sign, &QPushButton::clicked, this, &SigningDesk::signAll);
    connect(m_cancel, &QPushButton::clicked, this, &SigningDesk::cancel);
    connect(m_openOutput, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(outputFolder())); });

    auto *top = new QHBoxLayout;
    top->addWidget(addFilesButton);
    top->addWidget(addFolderButton);
    top->addWidget(addExportButton);
    top->addWidget(removeButton);
    top->addStretch();
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({720, 560});
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_openOutput);
    bottom->addWidget(m_cancel);
    bottom->addWidget(m_sign);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(bottom);

    updateButtons();
}

SigningDesk::~SigningDesk()
{
    if (m_job)
        m_job->cancel();
    if (m_inspectJob)
        m_inspectJob->cancel();
}

QWidget *SigningDesk::buildOptionsPanel()
{
    auto *page = new QWidget(this);
    m_qr = new QCheckBox(tr("Stamp a QR lookup code before signing"), page);
    m_qr->setChecked(m_signing.qr);
    m_qrTemplate = new QLineEdit(m_signing.qrTemplate, page);
    m_qrTemplate->setToolTip(tr("Placeholders: {dossier_code} {doc_number} {url} {sha256} {date}"));
    m_qrCorner = new QComboBox(page);
    for (const char *c : {"bottom-right", "bottom-left", "top-left", "top-right"})
        m_qrCorner->addItem(QString::fromLatin1(c));
    m_qrCorner->setCurrentText(m_signing.qrCorner);
    m_qrSize = new QDoubleSpinBox(page);
    m_qrSize->setRange(10, 60);
    m_qrSize->setSuffix(QStringLiteral(" mm"));
    m_qrSize->setValue(m_signing.qrSizeMm);
    m_tsa = new QLineEdit(m_signing.tsaUrl, page);
    m_tsa->setPlaceholderText(tr("none (the signing time is the computer's)"));
    m_ltv = new QCheckBox(tr("Long-term validation (certificates and revocation data in the file)"), page);
    m_ltv->setChecked(m_signing.ltv);
    m_hash = new QComboBox(page);
    m_hash->addItems({QStringLiteral("sha256"), QStringLiteral("sha384"), QStringLiteral("sha512")});
    m_hash->setCurrentText(m_signing.hash);
    m_certify = new QComboBox(page);
    m_certify->addItem(tr("No (an approval signature)"), 0);
    m_certify->addItem(tr("Certify: no changes allowed"), 1);
    m_certify->addItem(tr("Certify: form filling and signing allowed"), 2);
    m_certify->addItem(tr("Certify: also annotations allowed"), 3);
    m_certify->setCurrentIndex(std::clamp(m_signing.certifyLevel, 0, 3));
    m_output = new QLineEdit(m_signing.outputFolder, page);
    m_output->setObjectName(QStringLiteral("outputFolder"));
    m_output->setPlaceholderText(tr("“Đã ký” beside the first file"));
    auto *browse = new QPushButton(tr("Browse…"), page);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder"), outputFolder());
        if (!dir.isEmpty())
            setOutputFolder(dir);
    });
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);
    auto *form = new QFormLayout(page);
    form->addRow(m_qr);
    form->addRow(tr("QR text:"), m_qrTemplate);
    form->addRow(tr("QR corner:"), m_qrCorner);
    form->addRow(tr("QR size:"), m_qrSize);
    form->addRow(tr("Timestamp server:"), m_tsa);
    form->addRow(m_ltv);
    form->addRow(tr("Hash:"), m_hash);
    form->addRow(tr("Certification:"), m_certify);
    form->addRow(tr("Output folder:"), outputRow);
    for (QCheckBox *c : {m_qr, m_ltv})
        connect(c, &QCheckBox::toggled, this, &SigningDesk::saveOptions);
    for (QLineEdit *e : {m_qrTemplate, m_tsa, m_output})
        connect(e, &QLineEdit::editingFinished, this, &SigningDesk::saveOptions);
    for (QComboBox *c : {m_qrCorner, m_hash, m_certify})
        connect(c, &QComboBox::currentIndexChanged, this, &SigningDesk::saveOptions);
    connect(m_qrSize, &QDoubleSpinBox::valueChanged, this, &SigningDesk::saveOptions);
    return page;
}

void SigningDesk::saveOptions()
{
    m_signing.qr = m_qr->isChecked();
    m_signing.qrTemplate = m_qrTemplate->text().trimmed();
    m_signing.qrCorner = m_qrCorner->currentText();
    m_signing.qrSizeMm = m_qrSize->value();
    m_signing.tsaUrl = m_tsa->text().trimmed();
    m_signing.ltv = m_ltv->isChecked();
    m_signing.hash = m_hash->currentText();
    m_signing.certifyLevel = m_certify->currentData().toInt();
    m_signing.outputFolder = m_output->text().trimmed();
    m_settings.setSigning(m_signing);
}

// ---- Inputs ----

void SigningDesk::addPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (m_inspectJob) {
        m_pendingPaths += paths;
        return;
    }
    auto *job = new workflows::InspectPdfsJob(paths, this);
    m_inspectJob = job;
    connect(job, &workflows::InspectPdfsJob::inspected, this, &SigningDesk::inputRead);
    connect(job, &workflows::Job::finished, this, [this, job](const Error &error) {
        job->deleteLater();
        m_inspectJob = nullptr;
        if (error.isError() && error.code() != ErrorCode::Cancelled)
            m_status->setText(error.message());
        else
            m_status->setText(tr("%n file(s) to sign.", nullptr, int(m_inputs.size())));
        m_table->resizeColumnsToContents();
        updateButtons();
        if (!m_pendingPaths.isEmpty())
            addPaths(std::exchange(m_pendingPaths, {}));
        else
            Q_EMIT inputsRead();
    });
    updateButtons();
    job->start();
}

bool SigningDesk::isReadingInputs() const
{
    return !m_inspectJob.isNull() || !m_pendingPaths.isEmpty();
}

int SigningDesk::rowOf(const QString &path) const
{
    return int(m_inputs.indexOf(QFileInfo(path).absoluteFilePath()));
}

void SigningDesk::inputRead(const workflows::InspectedPdf &pdf)
{
    const QString path = QFileInfo(pdf.path).absoluteFilePath();
    if (rowOf(path) >= 0)
        return; // listed once
    const int row = m_table->rowCount();
    m_inputs.append(path);
    m_table->insertRow(row);
    auto *name = cell(QFileInfo(path).fileName());
    name->setToolTip(QDir::toNativeSeparators(path));
    m_table->setItem(row, FileColumn, name);
    if (pdf.error.isError()) {
        m_table->setItem(row, StatusColumn, cell(tr("Cannot be read")));
        m_table->setItem(row, MessageColumn, cell(pdf.error.message()));
    } else {
        m_table->setItem(row, PagesColumn, cell(pdf.facts.needsPassword ? QStringLiteral("?")
                                                                        : QString::number(pdf.facts.pages)));
        m_table->setItem(row, SizeColumn, cell(sizeText(pdf.facts.size)));
        m_table->setItem(row, SignedColumn,
                         cell(pdf.facts.signatures > 0 ? tr("%n signature(s)", nullptr, pdf.facts.signatures)
                                                       : yesNo(false)));
        m_table->setItem(row, EncryptedColumn,
                         cell(pdf.facts.needsPassword ? tr("password needed") : yesNo(pdf.facts.encrypted)));
        if (pdf.facts.certified)
            m_table->setItem(row, MessageColumn,
                             cell(tr("Certified by an earlier signature: more signing may not be allowed.")));
    }
    if (m_table->currentRow() < 0)
        m_table->setCurrentCell(0, FileColumn);
}

void SigningDesk::showCurrentPdf()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_inputs.size()) {
        m_appearance->showPdf({}, 0);
        return;
    }
    bool known = false;
    const int pages = m_table->item(row, PagesColumn) ? m_table->item(row, PagesColumn)->text().toInt(&known) : 0;
    m_appearance->showPdf(m_inputs.at(row), known ? pages : 0);
}

void SigningDesk::addFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("PDFs to sign"), QString(), tr("PDF files (*.pdf)"));
    addPaths(files);
}

void SigningDesk::addFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("A folder of PDFs to sign"));
    if (!dir.isEmpty())
        addPaths({dir});
}

void SigningDesk::addExport()
{
    const QString path = m_exportProvider ? m_exportProvider() : QString();
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        m_status->setText(tr("No dossier was exported in this session: export it first (Ctrl+E)."));
        return;
    }
    addPaths({path});
}

void SigningDesk::removeSelected()
{
    if (isBusy())
        return;
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows.append(i.row());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int r : rows) {
        m_table->removeRow(r);
        m_inputs.removeAt(r);
    }
    updateButtons();
}

void SigningDesk::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && !isBusy())
        event->acceptProposedAction();
}

void SigningDesk::dropEvent(QDropEvent *event)
{
    addPaths(localPathsOf(event->mimeData()));
    event->acceptProposedAction();
}

void SigningDesk::closeEvent(QCloseEvent *event)
{
    if (m_job)
        m_job->cancel(); // stops between files; what was signed stays signed
    QWidget::closeEvent(event);
}

QString SigningDesk::statusText() const
{
    return m_status->text();
}

// ---- Signing ----

QString SigningDesk::defaultOutputFolder() const
{
    if (m_inputs.isEmpty())
        return QDir::homePath();
    return QFileInfo(m_inputs.first()).dir().filePath(QStringLiteral("Đã ký"));
}

QString SigningDesk::outputFolder() const
{
    const QString set = m_output->text().trimmed();
    return set.isEmpty() ? defaultOutputFolder() : set;
}

void SigningDesk::setOutputFolder(const QString &folder)
{
    m_output->setText(folder);
    saveOptions();
}

bool SigningDesk::isBusy() const
{
    return !m_job.isNull();
}

void SigningDesk::updateButtons()
{
    const bool busy = isBusy();
    m_sign->setEnabled(!busy && !m_inputs.isEmpty() && !isReadingInputs());
    m_cancel->setEnabled(busy);
    m_progress->setVisible(busy);
    m_openOutput->setEnabled(QFileInfo(outputFolder()).isDir());
    m_table->setEnabled(true);
}

bool SigningDesk::signAll()
{
    if (isBusy() || m_inputs.isEmpty())
        return false;
    saveOptions();
    const auto profile = m_appearance->currentAppearance();
    if (const QString missing = profile.missingField(); !missing.isEmpty()) {
        m_status->setText(missing);
        m_appearance->focusMissingField();
        return false;
    }
    if (m_key->usesToken() && m_signing.certificateDer.isEmpty()) {
        m_status->setText(tr("Choose a token and its certificate, or a key file, first."));
        return false;
    }
    if (!m_key->usesToken() && !QFileInfo(m_signing.p12Path).isFile()) {
        m_status->setText(tr("Choose the key file (.p12) first."));
        return false;
    }
    const QString folder = outputFolder();
    auto planned = workflows::planSignOutputs(m_inputs, folder + u'/', true);
    if (!planned) {
        m_status->setText(planned.error().message() + u' ' + planned.error().detail());
        return false;
    }
    workflows::SignBatchRequest request;
    request.files = planned.value();
    request.key = keySourceOf(m_signing);
    profile.applyTo(request.options);
    applyBatchOptions(m_signing, request.options, request.qr);
    request.options.overwrite = true; // the desk's own output folder: signing a batch again replaces its outputs
    request.ltv = m_signing.ltv;
    request.trustPaths = m_settings.trustPaths();
    request.verifyOutputs = true;
    request.systemTrust = m_settings.systemTrust();
    request.verifyOffline = m_settings.verifyOffline();

    for (int row = 0; row < m_table->rowCount(); ++row) {
        for (int c : {StatusColumn, OutputColumn, VerdictColumn, MessageColumn})
            m_table->setItem(row, c, cell(QString()));
        m_table->item(row, StatusColumn)->setText(tr("waiting"));
    }
    m_results.clear();
    m_progress->setRange(0, int(request.files.size()));
    m_progress->setValue(0);
    auto *job = new workflows::SignBatchJob(request, this);
    m_job = job;
    connect(job, &workflows::Job::secretRequested, this,
            [this, job](const workflows::SecretRequest &r) { PinDialog::answer(job, r, this); });
    connect(job, &workflows::SignBatchJob::keyOpened, this, [this](const QByteArray &der) {
        if (!m_key->usesToken())
            m_key->showCertificate(der, nullptr);
        m_status->setText(tr("Signing…"));
    });
    connect(job, &workflows::SignBatchJob::fileSigned, this, &SigningDesk::fileSigned);
    connect(job, &workflows::Job::progress, this, [this](const workflows::JobProgress &p) {
        m_progress->setValue(int(p.done));
    });
    connect(job, &workflows::Job::finished, this, [this, job](const Error &error) {
        job->deleteLater();
        m_job = nullptr;
        const auto &summary = job->summary();
        // Files the job never reached (it stopped before the first: a wrong PIN) are said so too; the job
        // reports the inputs in their order, one line each.
        for (int row = int(m_results.size()); row < m_table->rowCount(); ++row) {
            m_table->item(row, StatusColumn)->setText(tr("Not signed"));
            m_table->item(row, StatusColumn)->setData(Qt::AccessibleTextRole, QStringLiteral("not-signed"));
            m_table->item(row, MessageColumn)->setText(error.isError() ? error.message() : QString());
        }
        QString text = tr("%1 of %2 file(s) signed.", nullptr, int(m_table->rowCount()))
                           .arg(summary.signedCount)
                           .arg(m_table->rowCount());
        if (error.isError() && error.code() != ErrorCode::Cancelled && summary.signedCount == 0)
            text += u' ' + error.message();
        else if (error.code() == ErrorCode::Cancelled)
            text += u' ' + tr("Cancelled: the files not reached are not signed.");
        m_status->setText(text);
        m_progress->setValue(m_progress->maximum());
        m_table->resizeColumnsToContents();
        updateButtons();
        // A wrong PIN changed what the token says about its tries: look again.
        if (error.code() == ErrorCode::WrongPin || error.code() == ErrorCode::PinLocked ||
            error.code() == ErrorCode::TokenRemoved)
            m_key->refreshTokens();
        Q_EMIT batchFinished(error);
    });
    m_status->setText(tr("Opening the key…"));
    job->start();
    updateButtons();
    return true;
}

void SigningDesk::fileSigned(const workflows::SignedFile &file)
{
    m_results.append(file);
    const int row = rowOf(file.result.input);
    if (row < 0)
        return;
    const bool ok = !file.result.error.isError();
    auto *status = cell(ok ? tr("Signed") : tr("Not signed"));
    status->setData(Qt::AccessibleTextRole, ok ? QStringLiteral("signed") : QStringLiteral("not-signed"));
    status->setForeground(ok ? VerifyWindow::verdictColor(QStringLiteral("VALID"))
                             : VerifyWindow::verdictColor(QStringLiteral("INVALID")));
    m_table->setItem(row, StatusColumn, status);
    if (ok) {
        auto *out = cell(QFileInfo(file.result.output).fileName());
        out->setToolTip(file.result.output);
        m_table->setItem(row, OutputColumn, out);
    }
    if (file.verification) {
        const QString id = file.verification->statusId();
        auto *verdict = cell(VerifyWindow::verdictText(id));
        verdict->setData(Qt::AccessibleTextRole, id);
        verdict->setForeground(VerifyWindow::verdictColor(id));
        QFont bold = verdict->font();
        bold.setBold(true);
        verdict->setFont(bold);
        m_table->setItem(row, VerdictColumn, verdict);
        // A valid output needs no words; anything less says why.
        QStringList reasons;
        for (const auto &s : id == u"VALID" ? QList<signing::SignatureReport>() : file.verification->signatures)
            for (const auto &r : s.reasons)
                reasons << (Error::isUiLocaleVietnamese() ? r.vi : r.en);
        if (!reasons.isEmpty())
            m_table->setItem(row, MessageColumn, cell(reasons.join(QStringLiteral(" "))));
    }
    if (!ok) {
        auto *message = cell(file.result.error.message());
        message->setData(Qt::AccessibleTextRole, file.result.error.id());
        message->setToolTip(file.result.error.detail());
        m_table->setItem(row, MessageColumn, message);
    }
}

void SigningDesk::cancel()
{
    if (m_job)
        m_job->cancel();
}

} // namespace sohoa::gui
