#include "app/gui/AppearanceEditor.h"

#include "app/gui/AppearancePreview.h"
#include "app/workflows/PdfPreviewJob.h"
#include "signing/SignatureAppearance.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace sohoa::gui {

namespace {

using signing::AppearanceKind;

constexpr double kMmPerPt = 25.4 / 72.0;

} // namespace

QString kindLabel(AppearanceKind kind)
{
    switch (kind) {
    case AppearanceKind::Copy:
        return AppearanceEditor::tr("Certified copy block");
    case AppearanceKind::Attachment:
        return AppearanceEditor::tr("Attachment block");
    case AppearanceKind::Signer:
        return AppearanceEditor::tr("Signer block");
    case AppearanceKind::Organization:
        return AppearanceEditor::tr("Signer and seal block");
    case AppearanceKind::None:
        break;
    }
    return AppearanceEditor::tr("Invisible signature");
}

AppearanceEditor::AppearanceEditor(AppSettings &settings, SigningSettings &signing, QWidget *parent)
    : QWidget(parent), m_settings(settings), m_signing(signing)
{
    setObjectName(QStringLiteral("appearanceEditor"));
    QWidget *page = this;
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
    auto *newProfile = new QPushButton(tr("New…"), page);
    newProfile->setToolTip(tr("A new profile, starting as a copy of this one"));
    m_deleteProfile = new QPushButton(tr("Delete"), page);
    auto *profileRow = new QHBoxLayout;
    profileRow->addWidget(m_profileBox, 1);
    profileRow->addWidget(newProfile);
    profileRow->addWidget(m_deleteProfile);
    connect(newProfile, &QPushButton::clicked, this, &AppearanceEditor::newProfile);
    connect(m_deleteProfile, &QPushButton::clicked, this, &AppearanceEditor::deleteProfile);
    form->addRow(tr("Appearance profile:"), profileRow);
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
    connect(m_preview, &AppearancePreview::placementChanged, this, &AppearanceEditor::placementDragged);
    auto *hint = new QLabel(tr("Drag the block to move it, its corner to resize it. The seal of an organization "
                               "block covers the left third of the signature."),
                            page);
    hint->setWordWrap(true);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addLayout(presets);
    layout->addWidget(m_preview, 1);
    layout->addWidget(hint);

    connect(m_profileBox, &QComboBox::currentIndexChanged, this, &AppearanceEditor::chooseAppearance);
    connect(m_kindBox, &QComboBox::currentIndexChanged, this, &AppearanceEditor::appearanceEdited);
    connect(m_copyForm, &QComboBox::currentIndexChanged, this, &AppearanceEditor::appearanceEdited);
    for (QLineEdit *e : {m_organization, m_docNumber, m_signerTitle, m_signerName, m_signatureImage, m_sealImage})
        connect(e, &QLineEdit::editingFinished, this, &AppearanceEditor::appearanceEdited);
    connect(m_page, &QSpinBox::valueChanged, this, &AppearanceEditor::appearanceEdited);
    chooseAppearance(m_signing.currentAppearance);
}

AppearanceEditor::~AppearanceEditor()
{
    for (workflows::PdfPreviewJob *job : {m_previewJob.data(), m_blockJob.data()})
        if (job)
            job->cancel();
}


void AppearanceEditor::chooseAppearance(int index)
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

workflows::AppearanceProfile AppearanceEditor::currentAppearance() const
{
    return m_signing.appearances.value(m_signing.currentAppearance);
}

void AppearanceEditor::appearanceEdited()
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

void AppearanceEditor::showAppearance()
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
    m_deleteProfile->setEnabled(m_signing.appearances.size() > 1);
}

// The block drawn as the signer will draw it (its own one-page PDF, rendered by the guarded helper),
// the signing time shown as now.
void AppearanceEditor::renderBlock(const signing::AppearanceSpec &spec)
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

void AppearanceEditor::showPdf(const QString &path, int pages)
{
    m_pdfPath = path;
    m_pdfPages = pages;
    renderPreview();
}

void AppearanceEditor::renderPreview()
{
    if (m_pdfPath.isEmpty()) {
        m_preview->setMessage(tr("Add a PDF to see where the block goes."));
        return;
    }
    if (m_previewJob)
        m_previewJob->cancel();
    const auto &p = m_signing.appearances.at(m_signing.currentAppearance);
    const bool firstPage = !p.customPosition && (p.spec.kind == AppearanceKind::Copy ||
                                                 p.spec.kind == AppearanceKind::Attachment);
    int page = firstPage ? 1 : (p.page < 0 ? std::max(1, m_pdfPages) : p.page + 1);
    if (m_pdfPages > 0)
        page = std::clamp(page, 1, m_pdfPages);
    workflows::PdfPreviewRequest request;
    request.pdfPath = m_pdfPath;
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

void AppearanceEditor::focusMissingField()
{
    switch (currentAppearance().spec.kind) {
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
}

void AppearanceEditor::newProfile()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New appearance profile"), tr("Name:"), QLineEdit::Normal,
                                               currentAppearance().name, &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    workflows::AppearanceProfile copy = currentAppearance();
    copy.name = name;
    m_signing.appearances.append(copy);
    m_profileBox->addItem(name);
    chooseAppearance(int(m_signing.appearances.size()) - 1);
}

void AppearanceEditor::deleteProfile()
{
    if (m_signing.appearances.size() <= 1)
        return;
    const int index = m_signing.currentAppearance;
    m_signing.appearances.removeAt(index);
    m_signing.currentAppearance = 0;
    {
        const QSignalBlocker b(m_profileBox);
        m_profileBox->removeItem(index);
    }
    chooseAppearance(std::max(0, index - 1)); // the one before it, as a list's deletion does
}

void AppearanceEditor::placeAt(Corner corner)
{
    auto &p = m_signing.appearances[m_signing.currentAppearance];
    p.customPosition = true;
    p.corner = corner;
    p.positionMm = QPointF(signing::SignatureAppearance::kDefaultMarginMm, signing::SignatureAppearance::kDefaultMarginMm);
    m_settings.setSigning(m_signing);
    showAppearance();
    renderPreview();
}

void AppearanceEditor::placementDragged(Corner corner, const QPointF &offsetMm, const QSizeF &sizeMm)
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
} // namespace sohoa::gui
