#include "app/gui/SigningDesk.h"

#include "app/gui/AppearancePreview.h"
#include "app/gui/Icons.h"
#include "app/gui/PinDialog.h"
#include "app/gui/VerifyWindow.h"
#include "app/workflows/InspectPdfsJob.h"
#include "app/workflows/PdfPreviewJob.h"
#include "app/workflows/StampQrJob.h"
#include "signing/CertificateInfo.h"
#include "signing/SignatureAppearance.h"

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
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace sohoa::gui {

namespace {

using signing::AppearanceKind;

constexpr double kMmPerPt = 25.4 / 72.0;
constexpr int kExpiryWarningDays = 30;

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

QString kindLabel(AppearanceKind kind)
{
    switch (kind) {
    case AppearanceKind::Copy:
        return SigningDesk::tr("Certified copy block");
    case AppearanceKind::Attachment:
        return SigningDesk::tr("Attachment block");
    case AppearanceKind::Signer:
        return SigningDesk::tr("Signer block");
    case AppearanceKind::Organization:
        return SigningDesk::tr("Signer and seal block");
    case AppearanceKind::None:
        break;
    }
    return SigningDesk::tr("Invisible signature");
}

} // namespace

workflows::KeySource keySourceOf(const SigningSettings &s)
{
    if (s.keyKind == u"p12")
        return workflows::KeySource::pkcs12(s.p12Path);
    workflows::KeySource key;
    key.kind = workflows::KeySource::Kind::Pkcs11Token;
    key.modulePath = s.modulePath;
    key.token = signing::TokenSelector{s.tokenLabel, s.tokenSerial};
    key.key.certificateDer = s.certificateDer;
    return key;
}

void applyBatchOptions(const SigningSettings &s, signing::SignOptions &options, std::optional<QrStampOptions> &qr,
                       const QString &dossierCode)
{
    options.hash = s.hash == u"sha512"   ? signing::HashAlgorithm::Sha512
                   : s.hash == u"sha384" ? signing::HashAlgorithm::Sha384
                                         : signing::HashAlgorithm::Sha256;
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
    resize(1280, 800);

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
            renderPreview();
    });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        const QString output = m_table->item(row, OutputColumn) ? m_table->item(row, OutputColumn)->toolTip() : QString();
        if (!output.isEmpty() && QFileInfo::exists(output))
            QDesktopServices::openUrl(QUrl::fromLocalFile(output));
    });

    auto *tabs = new QTabWidget(this);
    tabs->addTab(buildAppearancePanel(), tr("A&ppearance"));
    tabs->addTab(buildOptionsPanel(), tr("Op&tions"));
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(buildKeyPanel());
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

    chooseAppearance(m_signing.currentAppearance);
    if (m_signing.keyKind == u"p12")
        m_useFile->setChecked(true);
    else
        m_useToken->setChecked(true);
    keyChanged();
    refreshTokens();
    updateButtons();
}

SigningDesk::~SigningDesk()
{
    for (workflows::Job *job : {static_cast<workflows::Job *>(m_job.data()), static_cast<workflows::Job *>(m_findJob.data()),
                                static_cast<workflows::Job *>(m_inspectJob.data()),
                                static_cast<workflows::Job *>(m_previewJob.data())})
        if (job)
            job->cancel();
}

QWidget *SigningDesk::buildKeyPanel()
{
    auto *box = new QGroupBox(tr("Key"), this);
    m_useToken = new QRadioButton(tr("USB &token"), box);
    m_useFile = new QRadioButton(tr("Key &file (.p12)"), box);
    m_tokenBox = new QComboBox(box);
    m_tokenBox->setObjectName(QStringLiteral("tokenBox"));
    m_certBox = new QComboBox(box);
    m_certBox->setObjectName(QStringLiteral("certificateBox"));
    auto *refresh = new QPushButton(Icons::get(QStringLiteral("redetect")), tr("Look again"), box);
    refresh->setToolTip(tr("Look for tokens again (after plugging one in)"));
    auto *addModule = new QPushButton(tr("Add driver…"), box);
    addModule->setToolTip(tr("Add the PKCS#11 library of a token the system does not list"));
    m_p12 = new QLineEdit(m_signing.p12Path, box);
    m_p12->setObjectName(QStringLiteral("p12Path"));
    auto *browse = new QPushButton(tr("Browse…"), box);
    m_certInfo = new QLabel(box);
    m_certInfo->setObjectName(QStringLiteral("certificateInfo"));
    m_certInfo->setWordWrap(true);
    m_certInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keyWarning = new QLabel(box);
    m_keyWarning->setObjectName(QStringLiteral("keyWarning"));
    m_keyWarning->setWordWrap(true);
    m_keyWarning->setStyleSheet(QStringLiteral("color: #b01c1c; font-weight: bold"));

    auto *form = new QGridLayout(box);
    form->addWidget(m_useToken, 0, 0);
    form->addWidget(m_tokenBox, 0, 1);
    form->addWidget(refresh, 0, 2);
    form->addWidget(addModule, 0, 3);
    form->addWidget(new QLabel(tr("Certificate:"), box), 1, 0, Qt::AlignRight);
    form->addWidget(m_certBox, 1, 1, 1, 3);
    form->addWidget(m_useFile, 2, 0);
    form->addWidget(m_p12, 2, 1, 1, 2);
    form->addWidget(browse, 2, 3);
    form->addWidget(m_certInfo, 3, 0, 1, 4);
    form->addWidget(m_keyWarning, 4, 0, 1, 4);
    form->setColumnStretch(1, 1);

    connect(m_useToken, &QRadioButton::toggled, this, &SigningDesk::keyChanged);
    connect(refresh, &QPushButton::clicked, this, &SigningDesk::refreshTokens);
    connect(addModule, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("PKCS#11 library of the token"),
                                                          QStringLiteral("/usr/lib"), tr("Libraries (*.so *.so.*)"));
        if (file.isEmpty())
            return;
        if (!m_signing.extraModules.contains(file))
            m_signing.extraModules.prepend(file);
        m_settings.setSigning(m_signing);
        refreshTokens();
    });
    connect(m_tokenBox, &QComboBox::currentIndexChanged, this, [this](int index) { useToken(index); });
    connect(m_certBox, &QComboBox::currentIndexChanged, this, &SigningDesk::keyChanged);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Key file"), QFileInfo(m_p12->text()).path(),
                                                          tr("PKCS#12 key files (*.p12 *.pfx)"));
        if (!file.isEmpty())
            useKeyFile(file);
    });
    connect(m_p12, &QLineEdit::editingFinished, this, &SigningDesk::keyChanged);
    return box;
}

QWidget *SigningDesk::buildAppearancePanel()
{
    auto *page = new QWidget(this);
    m_profileBox = new QComboBox(page);
    m_profileBox->setObjectName(QStringLiteral("appearanceProfile"));
    for (const auto &p : std::as_const(m_signing.appearances))
        m_profileBox->addItem(p.name);
    m_kindBox = new QComboBox(page);
    for (AppearanceKind k : {AppearanceKind::Copy, AppearanceKind::Attachment, AppearanceKind::Signer,
                             AppearanceKind::Organization, AppearanceKind::None})
        m_kindBox->addItem(kindLabel(k), int(k));
    m_organization = new QLineEdit(page);
    m_organization->setObjectName(QStringLiteral("organization"));
    m_copyForm = new QComboBox(page);
    m_copyForm->addItems({QStringLiteral("SAO Y"), QStringLiteral("SAO LỤC"), QStringLiteral("TRÍCH SAO")});
    m_docNumber = new QLineEdit(page);
    m_docNumber->setPlaceholderText(QStringLiteral("Số: 123/QĐ-UBND"));
    m_signerTitle = new QLineEdit(page);
    m_signerName = new QLineEdit(page);
    m_signatureImage = new QLineEdit(page);
    m_sealImage = new QLineEdit(page);
    m_page = new QSpinBox(page);
    m_page->setRange(0, 9999);
    m_page->setSpecialValueText(tr("last"));
    const auto imageRow = [this, page](QLineEdit *edit) {
        auto *row = new QWidget(page);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(edit, 1);
        auto *browse = new QPushButton(tr("Browse…"), row);
        h->addWidget(browse);
        connect(browse, &QPushButton::clicked, this, [this, edit] {
            const QString file =
                QFileDialog::getOpenFileName(this, tr("Image"), QFileInfo(edit->text()).path(), tr("PNG images (*.png)"));
            if (!file.isEmpty()) {
                edit->setText(file);
                appearanceEdited();
            }
        });
        return row;
    };
    auto *form = new QFormLayout;
    form->addRow(tr("Appearance profile:"), m_profileBox);
    form->addRow(tr("Block:"), m_kindBox);
    const auto addRow = [&](const QString &label, QWidget *field, std::initializer_list<AppearanceKind> kinds) {
        form->addRow(label, field);
        for (AppearanceKind k : kinds) {
            m_kindRows[int(k)].append(field);
            m_kindRows[int(k)].append(form->labelForField(field));
        }
    };
    addRow(tr("Organization:"), m_organization, {AppearanceKind::Copy, AppearanceKind::Attachment});
    addRow(tr("Copy form:"), m_copyForm, {AppearanceKind::Copy});
    addRow(tr("Document number:"), m_docNumber, {AppearanceKind::Attachment});
    addRow(tr("Signer's title:"), m_signerTitle, {AppearanceKind::Signer, AppearanceKind::Organization});
    addRow(tr("Signer's name:"), m_signerName, {AppearanceKind::Signer, AppearanceKind::Organization});
    addRow(tr("Signature image:"), imageRow(m_signatureImage), {AppearanceKind::Signer, AppearanceKind::Organization});
    addRow(tr("Seal image:"), imageRow(m_sealImage), {AppearanceKind::Organization});
    addRow(tr("Page:"), m_page,
           {AppearanceKind::Copy, AppearanceKind::Attachment, AppearanceKind::Signer, AppearanceKind::Organization});

    auto *presets = new QHBoxLayout;
    const auto preset = [&](const QString &text, const QString &tip, std::function<void()> f) {
        auto *b = new QPushButton(text, page);
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, std::move(f));
        presets->addWidget(b);
    };
    preset(QStringLiteral("↖"), tr("Top left corner"), [this] { placeAt(Corner::TopLeft); });
    preset(QStringLiteral("↗"), tr("Top right corner"), [this] { placeAt(Corner::TopRight); });
    preset(QStringLiteral("↙"), tr("Bottom left corner"), [this] { placeAt(Corner::BottomLeft); });
    preset(QStringLiteral("↘"), tr("Bottom right corner"), [this] { placeAt(Corner::BottomRight); });
    preset(tr("Decree 30 place"), tr("The place Decree 30 gives this block (copy and attachment: top right of page 1)"),
           [this] {
               auto &p = m_signing.appearances[m_signing.currentAppearance];
               p.customPosition = false;
               p.sizeMm = QSizeF();
               m_settings.setSigning(m_signing);
               showAppearance();
           });
    presets->addStretch();

    m_preview = new AppearancePreview(page);
    connect(m_preview, &AppearancePreview::placementChanged, this, &SigningDesk::placementDragged);
    auto *hint = new QLabel(tr("Drag the block to move it, its corner to resize it. The seal of an organization "
                               "block covers the left third of the signature."),
                            page);
    hint->setWordWrap(true);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addLayout(presets);
    layout->addWidget(m_preview, 1);
    layout->addWidget(hint);

    connect(m_profileBox, &QComboBox::currentIndexChanged, this, &SigningDesk::chooseAppearance);
    connect(m_kindBox, &QComboBox::currentIndexChanged, this, &SigningDesk::appearanceEdited);
    connect(m_copyForm, &QComboBox::currentIndexChanged, this, &SigningDesk::appearanceEdited);
    for (QLineEdit *e : {m_organization, m_docNumber, m_signerTitle, m_signerName, m_signatureImage, m_sealImage})
        connect(e, &QLineEdit::editingFinished, this, &SigningDesk::appearanceEdited);
    connect(m_page, &QSpinBox::valueChanged, this, &SigningDesk::appearanceEdited);
    return page;
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
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    addPaths(paths);
    event->acceptProposedAction();
}

void SigningDesk::closeEvent(QCloseEvent *event)
{
    if (m_job)
        m_job->cancel(); // stops between files; what was signed stays signed
    QWidget::closeEvent(event);
}

// ---- Key ----

void SigningDesk::refreshTokens()
{
    if (m_findJob)
        return;
    auto *job = new workflows::FindTokensJob(m_signing.extraModules, this);
    m_findJob = job;
    m_tokenBox->setEnabled(false);
    connect(job, &workflows::Job::finished, this, [this, job] {
        job->deleteLater();
        m_findJob = nullptr;
        m_tokens = job->tokens();
        const QSignalBlocker blocker(m_tokenBox);
        m_tokenBox->clear();
        int chosen = -1;
        for (int i = 0; i < m_tokens.size(); ++i) {
            const auto &t = m_tokens.at(i).token;
            m_tokenBox->addItem(t.label + QStringLiteral(" — ") + t.manufacturer + u' ' + t.model);
            if (t.label == m_signing.tokenLabel && (m_signing.tokenSerial.isEmpty() || t.serial == m_signing.tokenSerial))
                chosen = i;
        }
        if (m_tokens.isEmpty())
            m_tokenBox->addItem(tr("No token found (plug it in, then “Look again”)"));
        m_tokenBox->setEnabled(!m_tokens.isEmpty());
        useToken(chosen >= 0 ? chosen : 0);
        Q_EMIT tokensFound();
    });
    job->start();
}

void SigningDesk::useToken(int index)
{
    {
        const QSignalBlocker blocker(m_certBox);
        m_certBox->clear();
        if (index >= 0 && index < m_tokens.size()) {
            if (m_tokenBox->currentIndex() != index) {
                const QSignalBlocker b2(m_tokenBox);
                m_tokenBox->setCurrentIndex(index);
            }
            int chosen = 0;
            const auto &certs = m_tokens.at(index).certificates;
            for (int i = 0; i < certs.size(); ++i) {
                auto info = signing::CertificateInfo::parse(certs.at(i).der);
                m_certBox->addItem(info ? tr("%1 — until %2")
                                              .arg(info->subjectCommonName,
                                                   QLocale().toString(info->notAfter.toLocalTime().date(),
                                                                      QLocale::ShortFormat))
                                        : certs.at(i).label);
                if (certs.at(i).der == m_signing.certificateDer)
                    chosen = i;
            }
            m_certBox->setCurrentIndex(chosen);
        }
    }
    keyChanged();
}

void SigningDesk::useKeyFile(const QString &p12Path)
{
    m_p12->setText(p12Path);
    m_useFile->setChecked(true);
    keyChanged();
}

void SigningDesk::keyChanged()
{
    const bool token = m_useToken->isChecked();
    m_tokenBox->setEnabled(token && !m_tokens.isEmpty());
    m_certBox->setEnabled(token);
    m_p12->setEnabled(!token);
    m_signing.keyKind = token ? QStringLiteral("token") : QStringLiteral("p12");
    m_signing.p12Path = m_p12->text().trimmed();
    const int t = m_tokenBox->currentIndex();
    const signing::TokenInfo *info = nullptr;
    QByteArray der;
    if (token && t >= 0 && t < m_tokens.size()) {
        const auto &found = m_tokens.at(t);
        info = &found.token;
        m_signing.modulePath = found.modulePath;
        m_signing.tokenLabel = found.token.label;
        m_signing.tokenSerial = found.token.serial;
        const int c = m_certBox->currentIndex();
        if (c >= 0 && c < found.certificates.size())
            der = found.certificates.at(c).der;
        m_signing.certificateDer = der;
    }
    m_settings.setSigning(m_signing); // the key, never its PIN
    if (token)
        showCertificate(der, info);
    else
        showCertificate({}, nullptr);
    updateButtons();
}

void SigningDesk::showCertificate(const QByteArray &der, const signing::TokenInfo *token)
{
    QStringList warnings;
    if (token) {
        if (token->pinLocked)
            warnings << tr("The token's PIN is locked: it cannot sign until it is unlocked with its PUK (ask "
                           "the certificate provider).");
        else if (token->pinFinalTry)
            warnings << tr("The token allows one more PIN try: a wrong PIN now locks it.");
        else if (token->pinCountLow)
            warnings << tr("The token reports a wrong PIN since the last good one: few tries are left.");
    }
    if (der.isEmpty()) {
        m_certInfo->setText(m_useFile->isChecked()
                                ? tr("The key file's certificate is shown once its password opened it.")
                                : tr("No certificate chosen."));
    } else if (auto info = signing::CertificateInfo::parse(der); !info) {
        m_certInfo->setText(info.error().message());
    } else {
        QStringList usage;
        if (!info->hasKeyUsage)
            usage << tr("any");
        if (info->digitalSignature)
            usage << tr("digital signature");
        if (info->nonRepudiation)
            usage << tr("non-repudiation");
        const QLocale l;
        m_certInfo->setText(tr("Holder: %1\nIssuer: %2\nValid: %3 – %4\nKey usage: %5")
                                .arg(info->subjectDn, info->issuerDn,
                                     l.toString(info->notBefore.toLocalTime(), QLocale::ShortFormat),
                                     l.toString(info->notAfter.toLocalTime(), QLocale::ShortFormat),
                                     usage.join(QStringLiteral(", "))));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (info->notAfter < now)
            warnings << tr("The certificate expired on %1: signatures made with it are not valid.")
                            .arg(l.toString(info->notAfter.toLocalTime().date(), QLocale::ShortFormat));
        else if (now.daysTo(info->notAfter) <= kExpiryWarningDays)
            warnings << tr("The certificate expires in %n day(s): ask the provider to renew it.", nullptr,
                           int(now.daysTo(info->notAfter)));
        if (info->hasKeyUsage && !info->digitalSignature && !info->nonRepudiation)
            warnings << tr("The certificate is not for signing (its key usage allows neither digital "
                           "signature nor non-repudiation).");
    }
    m_keyWarning->setText(warnings.join(u'\n'));
    m_keyWarning->setVisible(!warnings.isEmpty());
}

QString SigningDesk::certificateText() const
{
    return m_certInfo->text();
}

QString SigningDesk::keyWarning() const
{
    return m_keyWarning->text();
}

QString SigningDesk::statusText() const
{
    return m_status->text();
}

// ---- Appearance ----

void SigningDesk::chooseAppearance(int index)
{
    if (index < 0 || index >= m_signing.appearances.size())
        return;
    m_signing.currentAppearance = index;
    m_settings.setSigning(m_signing);
    if (m_profileBox->currentIndex() != index) {
        const QSignalBlocker b(m_profileBox);
        m_profileBox->setCurrentIndex(index);
    }
    const auto &p = m_signing.appearances.at(index);
    m_loadingProfile = true;
    m_kindBox->setCurrentIndex(m_kindBox->findData(int(p.spec.kind)));
    m_organization->setText(p.spec.organizationName);
    m_copyForm->setCurrentText(p.spec.copyForm);
    m_docNumber->setText(p.spec.documentNumber);
    m_signerTitle->setText(p.spec.signerTitle);
    m_signerName->setText(p.spec.signerName);
    m_signatureImage->setText(p.spec.signatureImagePath);
    m_sealImage->setText(p.spec.sealImagePath);
    m_page->setValue(p.page < 0 ? 0 : p.page + 1);
    m_loadingProfile = false;
    showAppearance();
}

workflows::AppearanceProfile SigningDesk::currentAppearance() const
{
    return m_signing.appearances.value(m_signing.currentAppearance);
}

void SigningDesk::appearanceEdited()
{
    if (m_loadingProfile)
        return;
    auto &p = m_signing.appearances[m_signing.currentAppearance];
    p.spec.kind = AppearanceKind(m_kindBox->currentData().toInt());
    p.spec.organizationName = m_organization->text().trimmed();
    p.spec.copyForm = m_copyForm->currentText();
    p.spec.documentNumber = m_docNumber->text().trimmed();
    p.spec.signerTitle = m_signerTitle->text().trimmed();
    p.spec.signerName = m_signerName->text().trimmed();
    p.spec.signatureImagePath = m_signatureImage->text().trimmed();
    p.spec.sealImagePath = m_sealImage->text().trimmed();
    const int previousPage = p.page;
    p.page = m_page->value() == 0 ? -1 : m_page->value() - 1;
    m_settings.setSigning(m_signing);
    showAppearance();
    if (p.page != previousPage)
        renderPreview();
}

void SigningDesk::showAppearance()
{
    const auto &p = m_signing.appearances.at(m_signing.currentAppearance);
    for (auto &rows : m_kindRows)
        for (QWidget *w : rows)
            if (w)
                w->setVisible(false);
    for (QWidget *w : m_kindRows[int(p.spec.kind)])
        if (w)
            w->setVisible(true);
    const QString missing = p.missingField();
    // A block that misses a text is measured with a stand-in, so that it shows at about its size.
    signing::AppearanceSpec measured = p.spec;
    if (measured.organizationName.isEmpty())
        measured.organizationName = tr("ORGANIZATION NAME");
    if (measured.documentNumber.isEmpty())
        measured.documentNumber = QStringLiteral("Số: 000/XX-XXX");
    QSizeF size = p.sizeMm;
    if (size.isEmpty()) {
        const QSizeF natural = signing::SignatureAppearance::defaultSizePt(measured);
        size = natural.isValid() && !natural.isEmpty() ? natural * kMmPerPt : QSizeF(60, 30);
    }
    const Corner corner = p.customPosition ? p.corner : Corner::TopRight;
    const QPointF offset = p.customPosition ? p.positionMm
                                            : QPointF(signing::SignatureAppearance::kDefaultMarginMm,
                                                      signing::SignatureAppearance::kDefaultMarginMm);
    m_preview->setBlock(size, corner, offset, missing.isEmpty() ? kindLabel(p.spec.kind) : missing);
    m_preview->setBlockVisible(p.spec.kind != AppearanceKind::None);
    if (missing.isEmpty() && p.spec.kind != AppearanceKind::None)
        renderBlock(p.spec);
    else
        m_preview->setBlockImage({});
    updateButtons();
}

// The block drawn as the signer will draw it (its own one-page PDF, rendered by the guarded helper),
// the signing time shown as now.
void SigningDesk::renderBlock(const signing::AppearanceSpec &spec)
{
    signing::AppearanceSpec now = spec;
    now.signingTime = QDateTime::currentDateTime();
    auto rendered = signing::SignatureAppearance::render(now);
    if (!rendered || !m_blockDir.isValid()) {
        m_preview->setBlockImage({});
        return;
    }
    const QString path = m_blockDir.filePath(QStringLiteral("block-%1.pdf").arg(++m_blockGeneration));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(rendered->pdf) != rendered->pdf.size()) {
        m_preview->setBlockImage({});
        return;
    }
    file.close();
    if (m_blockJob)
        m_blockJob->cancel();
    workflows::PdfPreviewRequest request;
    request.pdfPath = path;
    request.dpi = 150;
    auto *job = new workflows::PdfPreviewJob(request, this);
    m_blockJob = job;
    connect(job, &workflows::Job::finished, this, [this, job, path](const Error &error) {
        job->deleteLater();
        QFile::remove(path);
        if (m_blockJob != job)
            return;
        m_blockJob = nullptr;
        QImage image = error.isError() ? QImage() : job->preview().image;
        if (!image.isNull()) { // white is the page's: the block is drawn over it, as on paper
            image = image.convertToFormat(QImage::Format_ARGB32);
            for (int y = 0; y < image.height(); ++y) {
                auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
                for (int x = 0; x < image.width(); ++x)
                    if (qRed(line[x]) > 245 && qGreen(line[x]) > 245 && qBlue(line[x]) > 245)
                        line[x] = qRgba(0, 0, 0, 0);
            }
        }
        m_preview->setBlockImage(image);
    });
    job->start();
}

void SigningDesk::renderPreview()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_inputs.size()) {
        m_preview->setMessage(tr("Add a PDF to see where the block goes."));
        return;
    }
    if (m_previewJob)
        m_previewJob->cancel();
    const auto &p = m_signing.appearances.at(m_signing.currentAppearance);
    const bool firstPage = !p.customPosition && (p.spec.kind == AppearanceKind::Copy ||
                                                 p.spec.kind == AppearanceKind::Attachment);
    bool known = false;
    const int pages = m_table->item(row, PagesColumn) ? m_table->item(row, PagesColumn)->text().toInt(&known) : 0;
    int page = firstPage ? 1 : (p.page < 0 ? (known ? pages : 1) : p.page + 1);
    if (known && pages > 0)
        page = std::clamp(page, 1, pages);
    workflows::PdfPreviewRequest request;
    request.pdfPath = m_inputs.at(row);
    request.page = page;
    request.targetWidth = 700;
    auto *job = new workflows::PdfPreviewJob(request, this);
    m_previewJob = job;
    connect(job, &workflows::Job::finished, this, [this, job](const Error &error) {
        job->deleteLater();
        if (m_previewJob != job)
            return; // a newer request is on its way
        m_previewJob = nullptr;
        if (error.isError()) {
            if (error.code() != ErrorCode::Cancelled)
                m_preview->setMessage(error.message());
        } else {
            m_preview->setPage(job->preview().image, job->preview().pageSizePt);
        }
        Q_EMIT previewShown();
    });
    job->start();
}

void SigningDesk::placeAt(Corner corner)
{
    auto &p = m_signing.appearances[m_signing.currentAppearance];
    p.customPosition = true;
    p.corner = corner;
    p.positionMm = QPointF(signing::SignatureAppearance::kDefaultMarginMm, signing::SignatureAppearance::kDefaultMarginMm);
    m_settings.setSigning(m_signing);
    showAppearance();
    renderPreview();
}

void SigningDesk::placementDragged(Corner corner, const QPointF &offsetMm, const QSizeF &sizeMm)
{
    auto &p = m_signing.appearances[m_signing.currentAppearance];
    const bool wasCustom = p.customPosition;
    p.customPosition = true;
    p.corner = corner;
    p.positionMm = offsetMm;
    p.sizeMm = sizeMm;
    // A block dragged on the page shown is on that page, also for the kinds Decree 30 puts on page 1.
    if (!wasCustom && p.page != 0 && (p.spec.kind == AppearanceKind::Copy || p.spec.kind == AppearanceKind::Attachment))
        p.page = 0;
    m_settings.setSigning(m_signing);
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

void SigningDesk::signAll()
{
    if (isBusy() || m_inputs.isEmpty())
        return;
    saveOptions();
    const auto profile = currentAppearance();
    if (const QString missing = profile.missingField(); !missing.isEmpty()) {
        m_status->setText(missing);
        // Straight to the field that is missing.
        switch (profile.spec.kind) {
        case AppearanceKind::Copy:
            m_organization->setFocus();
            break;
        case AppearanceKind::Attachment:
            m_docNumber->setFocus();
            break;
        default:
            m_signatureImage->setFocus();
            break;
        }
        return;
    }
    if (m_useToken->isChecked() && m_signing.certificateDer.isEmpty()) {
        m_status->setText(tr("Choose a token and its certificate, or a key file, first."));
        return;
    }
    if (m_useFile->isChecked() && !QFileInfo(m_signing.p12Path).isFile()) {
        m_status->setText(tr("Choose the key file (.p12) first."));
        return;
    }
    const QString folder = outputFolder();
    auto planned = workflows::planSignOutputs(m_inputs, folder + u'/', true);
    if (!planned) {
        m_status->setText(planned.error().message() + u' ' + planned.error().detail());
        return;
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
    m_nextResultRow = 0;
    m_progress->setRange(0, int(request.files.size()));
    m_progress->setValue(0);
    auto *job = new workflows::SignBatchJob(request, this);
    m_job = job;
    connect(job, &workflows::Job::secretRequested, this,
            [this, job](const workflows::SecretRequest &r) { PinDialog::answer(job, r, this); });
    connect(job, &workflows::SignBatchJob::keyOpened, this, [this](const QByteArray &der) {
        if (m_useFile->isChecked())
            showCertificate(der, nullptr);
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
        // Files the job never reached (it stopped before the first: a wrong PIN) are said so too.
        for (int row = m_nextResultRow; row < m_table->rowCount(); ++row) {
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
            refreshTokens();
        Q_EMIT batchFinished(error);
    });
    m_status->setText(tr("Opening the key…"));
    job->start();
    updateButtons();
}

void SigningDesk::fileSigned(const workflows::SignedFile &file)
{
    m_results.append(file);
    const int row = rowOf(file.result.input);
    if (row < 0)
        return;
    m_nextResultRow = std::max(m_nextResultRow, row + 1);
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
