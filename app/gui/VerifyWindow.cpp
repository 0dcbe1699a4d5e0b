#include "app/gui/VerifyWindow.h"

#include "app/gui/AppSettings.h"
#include "app/gui/Drops.h"
#include "app/gui/Icons.h"
#include "app/gui/PreviewPane.h"
#include "app/gui/ScreenFit.h"
#include "app/workflows/VerifyPdfJob.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace sohoa::gui {

namespace {

constexpr int kReportRole = Qt::UserRole + 1;

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QStringLiteral("—");
}

// The sentence in the interface's language: the reports carry both.
template <typename T> QString inUiLanguage(const T &item)
{
    return Error::isUiLocaleVietnamese() ? item.vi : item.en;
}

QString revocationText(const signing::RevocationSummary &r)
{
    const QString via = r.source.isEmpty() ? QString() : QStringLiteral(" (") + r.source + u')';
    if (r.state == u"good")
        return VerifyWindow::tr("not revoked") + via;
    if (r.state == u"revoked")
        return VerifyWindow::tr("revoked on %1").arg(timeText(r.revocationTime)) + via;
    if (r.state == u"unknown")
        return VerifyWindow::tr("could not be determined");
    if (r.state == u"no-source")
        return VerifyWindow::tr("the certificate names no revocation service");
    return VerifyWindow::tr("not checked");
}

} // namespace

VerifyWindow::VerifyWindow(AppSettings &settings, QWidget *parent) : QWidget(parent, Qt::Window), m_settings(settings)
{
    setObjectName(QStringLiteral("verifyWindow"));
    setWindowTitle(tr("Verify signed PDFs"));
    setAcceptDrops(true);
    resizeToFitScreen(this, QSize(1100, 700));

    m_open = new QPushButton(Icons::get(QStringLiteral("open")), tr("&Open PDFs…"), this);
    m_open->setShortcut(QKeySequence::Open);
    m_revision = new QPushButton(tr("Show the &signed revision"), this);
    m_revision->setToolTip(tr("Show the document exactly as this signature signed it"));
    m_certificate = new QPushButton(tr("&Certificate details"), this);
    m_cancel = new QPushButton(Icons::get(QStringLiteral("stop")), tr("S&top"), this);
    m_status = new QLabel(tr("Drop signed PDFs or folders here, or open them."), this);
    // Trust and revocation: kept in the settings, used by the next verification.
    m_trust = new QLabel(this);
    m_trust->setWordWrap(true);
    auto *addRoots = new QPushButton(tr("&Trusted roots…"), this);
    addRoots->setToolTip(tr("Add the root certificates (PEM or DER files) of the authorities you trust"));
    auto *clearRoots = new QPushButton(tr("Forget roots"), this);
    m_systemTrust = new QCheckBox(tr("Also trust the system's roots"), this);
    m_systemTrust->setChecked(m_settings.systemTrust());
    m_offline = new QCheckBox(tr("Offline (only revocation data inside the files)"), this);
    m_offline->setChecked(m_settings.verifyOffline());
    connect(addRoots, &QPushButton::clicked, this, &VerifyWindow::addTrustedRoots);
    connect(clearRoots, &QPushButton::clicked, this, [this] {
        m_settings.setTrustPaths({});
        showTrust();
    });
    connect(m_systemTrust, &QCheckBox::toggled, this, [this](bool on) { m_settings.setSystemTrust(on); });
    connect(m_offline, &QCheckBox::toggled, this, [this](bool on) { m_settings.setVerifyOffline(on); });
    showTrust();
    m_status->setWordWrap(true);

    m_files = new QTreeWidget(this);
    m_files->setObjectName(QStringLiteral("verifyFiles"));
    m_files->setHeaderLabels({tr("Status"), tr("File"), tr("Signatures")});
    m_files->setRootIsDecorated(false);
    m_files->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_files->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_files->header()->setStretchLastSection(false);

    m_signatures = new QTreeWidget(this);
    m_signatures->setObjectName(QStringLiteral("verifySignatures"));
    m_signatures->setHeaderLabels({tr("Signature"), tr("Details")});
    m_signatures->setWordWrap(true);
    m_signatures->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    m_preview = new PreviewPane(this);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addWidget(m_revision);
    buttons->addWidget(m_certificate);
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    auto *right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_signatures);
    right->addWidget(m_preview);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_files);
    split->addWidget(right);
    split->setStretchFactor(1, 2);
    split->setSizes({380, 720});
    auto *trust = new QHBoxLayout;
    trust->addWidget(m_trust, 1);
    trust->addWidget(addRoots);
    trust->addWidget(clearRoots);
    trust->addWidget(m_systemTrust);
    trust->addWidget(m_offline);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addLayout(trust);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    connect(m_open, &QPushButton::clicked, this, &VerifyWindow::openFiles);
    connect(m_revision, &QPushButton::clicked, this, &VerifyWindow::showSelectedRevision);
    connect(m_certificate, &QPushButton::clicked, this, &VerifyWindow::showCertificate);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_files, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        showFile(item ? m_files->indexOfTopLevelItem(item) : -1);
    });
    connect(m_signatures, &QTreeWidget::currentItemChanged, this, &VerifyWindow::updateButtons);
    updateButtons();
}

VerifyWindow::~VerifyWindow()
{
    if (m_job)
        m_job->cancel();
}

bool VerifyWindow::isVerifying() const
{
    return !m_job.isNull();
}

QString VerifyWindow::verdictText(const QString &statusId)
{
    static const QHash<QString, const char *> texts{
        {QStringLiteral("VALID"), QT_TR_NOOP("Valid")},
        {QStringLiteral("VALID_UNTRUSTED"), QT_TR_NOOP("Intact, not trusted")},
        {QStringLiteral("CHANGED_AFTER_SIGNING"), QT_TR_NOOP("Changed after signing")},
        {QStringLiteral("INVALID"), QT_TR_NOOP("Invalid")},
        {QStringLiteral("REVOKED"), QT_TR_NOOP("Certificate revoked")},
        {QStringLiteral("EXPIRED"), QT_TR_NOOP("Certificate expired")},
        {QStringLiteral("INDETERMINATE"), QT_TR_NOOP("Cannot be decided")},
        {QStringLiteral("UNSIGNED"), QT_TR_NOOP("Not signed")},
        {QStringLiteral("ERROR"), QT_TR_NOOP("Cannot be read")},
    };
    const char *text = texts.value(statusId);
    return text ? tr(text) : statusId;
}

QColor VerifyWindow::verdictColor(const QString &statusId)
{
    if (statusId == u"VALID")
        return QColor(0x1b, 0x7f, 0x3b);
    if (statusId == u"VALID_UNTRUSTED" || statusId == u"INDETERMINATE" || statusId == u"UNSIGNED")
        return QColor(0xb2, 0x6b, 0x00);
    return QColor(0xb0, 0x1c, 0x1c);
}

void VerifyWindow::addPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (m_job) { // verified after the running batch
        m_pending += paths;
        return;
    }
    workflows::VerifyPdfRequest request;
    request.inputs = paths;
    request.trustPaths = m_settings.trustPaths();
    request.systemTrust = m_settings.systemTrust();
    request.policy.offline = m_settings.verifyOffline();
    auto *job = new workflows::VerifyPdfJob(request, this);
    m_job = job;
    connect(job, &workflows::VerifyPdfJob::fileVerified, this, &VerifyWindow::fileVerified);
    connect(job, &workflows::Job::progress, this, [this](const workflows::JobProgress &p) {
        m_status->setText(tr("Verifying: %1 of %2 files").arg(p.done).arg(p.total));
    });
    connect(job, &workflows::Job::finished, this, [this, job](const Error &error) {
        job->deleteLater();
        m_job = nullptr;
        if (error.isError() && error.code() != ErrorCode::Cancelled)
            m_status->setText(error.message());
        else
            m_status->setText(tr("%n file(s) verified.", nullptr, int(m_reports.size())));
        updateButtons();
        Q_EMIT verified();
        if (!m_pending.isEmpty())
            addPaths(std::exchange(m_pending, {}));
    });
    updateButtons();
    job->start();
}

void VerifyWindow::fileVerified(const signing::PdfVerifyReport &report)
{
    m_reports.append(report);
    auto *item = new QTreeWidgetItem(m_files);
    const QString status = report.statusId();
    item->setText(0, verdictText(status));
    item->setData(0, Qt::AccessibleTextRole, status);
    item->setForeground(0, verdictColor(status));
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setText(1, QFileInfo(report.path).fileName());
    item->setToolTip(1, report.path);
    item->setText(2, QString::number(report.signatures.size()));
    item->setData(0, kReportRole, int(m_reports.size()) - 1);
    if (!m_files->currentItem())
        m_files->setCurrentItem(item);
}

void VerifyWindow::showFile(int row)
{
    m_signatures->clear();
    if (row < 0 || row >= m_reports.size())
        return updateButtons();
    const signing::PdfVerifyReport &report = m_reports.at(row);
    if (report.kind == signing::FileVerdict::Error) {
        auto *item = new QTreeWidgetItem(m_signatures, {verdictText(QStringLiteral("ERROR")), report.error.message()});
        item->setForeground(0, verdictColor(QStringLiteral("ERROR")));
    } else if (report.kind == signing::FileVerdict::Unsigned) {
        new QTreeWidgetItem(m_signatures, {verdictText(QStringLiteral("UNSIGNED")),
                                           tr("The file holds no signature; it proves nothing.")});
    }
    for (const signing::SignatureReport &s : report.signatures) {
        const QString status = signing::verdictId(s.verdict);
        auto *top = new QTreeWidgetItem(m_signatures);
        top->setText(0, (s.documentTimestamp ? tr("Document timestamp %1") : tr("Signature %1")).arg(s.index));
        top->setText(1, verdictText(status) + QStringLiteral(" — ") +
                            (s.signer.isEmpty() ? s.field : s.signer));
        top->setForeground(1, verdictColor(status));
        top->setData(0, kReportRole, s.index);
        top->setData(1, Qt::AccessibleTextRole, status);
        auto add = [top](const QString &label, const QString &value) {
            auto *child = new QTreeWidgetItem(top, {label, value});
            child->setToolTip(1, value);
            return child;
        };
        add(tr("Signer"), s.signerOrganization.isEmpty() ? s.signer
                                                         : s.signer + QStringLiteral(" (") + s.signerOrganization + u')');
        add(tr("Issued by"), s.issuer);
        add(tr("Signing time"), timeText(s.signingTime) + QStringLiteral(" — ") +
                                    (s.timeTrusted ? tr("proven by a trusted timestamp")
                                                   : tr("claimed by the signer's computer")));
        if (s.timestamp.present)
            add(tr("Timestamp"), timeText(s.timestamp.time) + QStringLiteral(" — ") + s.timestamp.tsa +
                                     (s.timestamp.trusted ? QString() : QStringLiteral(" — ") + tr("not trusted")));
        add(tr("Revocation"), revocationText(s.revocation));
        add(tr("Covers"), s.coversWholeFile ? tr("the whole file")
                                            : tr("revision %1 of %2: the file was changed afterwards")
                                                  .arg(s.revision)
                                                  .arg(s.revisions));
        if (s.certificationLevel > 0)
            add(tr("Certification"), tr("level %1").arg(s.certificationLevel));
        if (!s.modifications.isEmpty()) {
            QTreeWidgetItem *changes = add(tr("Changes after signing"), QString::number(s.modifications.size()));
            for (const signing::Modification &m : s.modifications) {
                auto *c = new QTreeWidgetItem(changes, {m.allowed ? tr("allowed") : tr("not allowed"), inUiLanguage(m)});
                c->setData(0, kReportRole, m.id);
                c->setForeground(0, m.allowed ? verdictColor(QStringLiteral("VALID"))
                                              : verdictColor(QStringLiteral("INVALID")));
                c->setToolTip(1, inUiLanguage(m));
            }
            changes->setExpanded(true);
        }
        for (const signing::VerifyReason &r : s.reasons) {
            auto *c = add(tr("Why"), inUiLanguage(r));
            c->setData(0, kReportRole, r.id);
        }
        top->setExpanded(true);
    }
    if (m_signatures->topLevelItemCount() > 0)
        m_signatures->setCurrentItem(m_signatures->topLevelItem(0));
    m_preview->showPdf(report.path);
    updateButtons();
}

const signing::SignatureReport *VerifyWindow::selectedSignature(int *fileRow) const
{
    QTreeWidgetItem *file = m_files->currentItem();
    QTreeWidgetItem *item = m_signatures->currentItem();
    if (!file || !item)
        return nullptr;
    while (item->parent())
        item = item->parent();
    const int row = m_files->indexOfTopLevelItem(file);
    if (row < 0 || row >= m_reports.size())
        return nullptr;
    const int index = item->data(0, kReportRole).toInt();
    for (const signing::SignatureReport &s : m_reports.at(row).signatures)
        if (s.index == index) {
            if (fileRow)
                *fileRow = row;
            return &s;
        }
    return nullptr;
}

void VerifyWindow::showSignedRevision(int row, int index)
{
    if (row < 0 || row >= m_files->topLevelItemCount())
        return;
    m_files->setCurrentItem(m_files->topLevelItem(row));
    for (int i = 0; i < m_signatures->topLevelItemCount(); ++i)
        if (m_signatures->topLevelItem(i)->data(0, kReportRole).toInt() == index)
            m_signatures->setCurrentItem(m_signatures->topLevelItem(i));
    showSelectedRevision();
}

void VerifyWindow::showSelectedRevision()
{
    int row = -1;
    const signing::SignatureReport *s = selectedSignature(&row);
    if (!s || s->revisionEnd <= 0)
        return;
    const QString path = m_reports.at(row).path;
    if (s->coversWholeFile) {
        m_preview->showPdf(path);
        Q_EMIT revisionShown(path);
        return;
    }
    // The bytes the signature covers, as a file of their own (a prefix of the PDF is a PDF).
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/signed-revisions");
    QDir().mkpath(folder);
    const QString out = QDir(folder).filePath(QStringLiteral("%1.signature-%2.pdf")
                                                  .arg(QFileInfo(path).completeBaseName())
                                                  .arg(s->index));
    QFile::remove(out);
    if (auto r = signing::PdfSignatureValidator::extractRevision(path, s->revisionEnd, out); !r) {
        m_status->setText(r.error().message());
        return;
    }
    m_preview->showPdf(out);
    m_status->setText(tr("Showing what signature %1 signed (revision %2 of %3).")
                          .arg(s->index)
                          .arg(s->revision)
                          .arg(s->revisions));
    Q_EMIT revisionShown(out);
}

QString VerifyWindow::certificateText() const
{
    const signing::SignatureReport *s = selectedSignature();
    if (!s)
        return {};
    QStringList lines;
    lines << tr("Signer: %1").arg(s->signer) << tr("Serial number: %1").arg(s->serialHex)
          << tr("Valid from %1 until %2").arg(timeText(s->notBefore), timeText(s->notAfter));
    if (!s->chain.isEmpty()) {
        lines << QString() << tr("Certificate chain:");
        for (qsizetype i = 0; i < s->chain.size(); ++i)
            lines << QString(int(i) * 2, u' ') + s->chain.at(i);
    }
    return lines.join(u'\n');
}

void VerifyWindow::showCertificate()
{
    const QString text = certificateText();
    if (text.isEmpty())
        return;
    QMessageBox box(QMessageBox::Information, tr("Certificate details"), text, QMessageBox::Close, this);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.exec();
}

void VerifyWindow::addTrustedRoots()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Trusted root certificates"), QString(),
                                                            tr("Certificates (*.pem *.crt *.cer *.der);;All files (*)"));
    if (files.isEmpty())
        return;
    QStringList paths = m_settings.trustPaths();
    for (const QString &f : files)
        if (!paths.contains(f))
            paths.append(f);
    m_settings.setTrustPaths(paths);
    showTrust();
}

void VerifyWindow::showTrust()
{
    const QStringList paths = m_settings.trustPaths();
    QStringList names;
    for (const QString &p : paths)
        names.append(QFileInfo(p).fileName());
    m_trust->setText(paths.isEmpty() ? tr("No trusted roots: intact signatures show as \"not trusted\".")
                                     : tr("Trusted roots: %1").arg(names.join(QStringLiteral(", "))));
    m_trust->setToolTip(paths.join(u'\n'));
}

void VerifyWindow::openFiles()
{
    const QStringList files =
        QFileDialog::getOpenFileNames(this, tr("Open signed PDFs"), QString(), tr("PDF files (*.pdf *.PDF)"));
    addPaths(files);
}

void VerifyWindow::updateButtons()
{
    const signing::SignatureReport *s = selectedSignature();
    m_revision->setEnabled(s && s->revisionEnd > 0);
    m_certificate->setEnabled(s && !s->signer.isEmpty());
    m_cancel->setEnabled(m_job != nullptr);
}

void VerifyWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void VerifyWindow::dropEvent(QDropEvent *event)
{
    addPaths(localPathsOf(event->mimeData()));
    event->acceptProposedAction();
}

void VerifyWindow::closeEvent(QCloseEvent *event)
{
    if (m_job)
        m_job->cancel();
    QWidget::closeEvent(event);
}

} // namespace sohoa::gui
