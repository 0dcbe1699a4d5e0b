#include "app/gui/SettingsDialog.h"

#include "app/gui/ScreenFit.h"

#include "core/dossier/DossierStore.h"
#include "core/imaging/PageCleanup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace sohoa::gui {

namespace {
QComboBox *choices(QWidget *parent, const QList<std::pair<QString, QString>> &items, bool editable = false)
{
    auto *box = new QComboBox(parent);
    for (const auto &[value, text] : items)
        box->addItem(text, value);
    box->setEditable(editable);
    return box;
}

void choose(QComboBox *box, const QString &value)
{
    const int i = box->findData(value);
    if (i >= 0)
        box->setCurrentIndex(i);
    else if (box->isEditable())
        box->setEditText(value);
}

QString chosen(const QComboBox *box)
{
    if (box->isEditable() && box->currentText() != box->itemText(box->currentIndex()))
        return box->currentText().trimmed();
    return box->currentData().toString();
}

QHBoxLayout *withBrowse(QLineEdit *field, QWidget *parent)
{
    auto *row = new QHBoxLayout;
    row->addWidget(field, 1);
    auto *browse = new QPushButton(SettingsDialog::tr("Browse…"), parent);
    QObject::connect(browse, &QPushButton::clicked, parent, [field, parent] {
        const QString dir = QFileDialog::getExistingDirectory(parent, QString(), field->text());
        if (!dir.isEmpty())
            field->setText(dir);
    });
    row->addWidget(browse);
    return row;
}
} // namespace

SettingsDialog::SettingsDialog(AppSettings &settings, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_profiles(settings.profiles()), m_procedures(settings.procedures())
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto *tabs = new QTabWidget(this);
    tabs->addTab(generalPage(), tr("&General"));
    tabs->addTab(profilesPage(), tr("Scan &profiles"));
    tabs->addTab(proceduresPage(), tr("P&rocedures"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setStyleSheet(QStringLiteral("color:#c62828"));
    m_error->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resizeToFitScreen(this, QSize(720, 520));
}

QWidget *SettingsDialog::generalPage()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_store = new QLineEdit(m_settings.storePath(), page);
    m_store->setPlaceholderText(DossierStore::defaultLocation());
    form->addRow(tr("Dossier store:"), withBrowse(m_store, page));
    m_exportFolder = new QLineEdit(m_settings.exportFolder(), page);
    form->addRow(tr("Export folder:"), withBrowse(m_exportFolder, page));
    m_prefix = new QLineEdit(m_settings.agencyPrefix(), page);
    m_prefix->setObjectName(QStringLiteral("agencyPrefix"));
    m_prefix->setPlaceholderText(QStringLiteral("H15.50.05.13"));
    m_prefix->setToolTip(tr("The agency's e-ID at the start of every dossier code; new codes are suggested as "
                            "prefix-YYMMDD-sequence"));
    form->addRow(tr("&Agency prefix:"), m_prefix);
    m_systemId = new QLineEdit(m_settings.systemId(), page);
    m_systemId->setPlaceholderText(tr("empty: provincial form"));
    m_systemId->setInputMask(QStringLiteral("00"));
    form->addRow(tr("S&ystem id (national form):"), m_systemId);
    m_language = choices(page, {{QStringLiteral("auto"), tr("As the system (Vietnamese on a Vietnamese locale)")},
                                {QStringLiteral("vi"), QStringLiteral("Tiếng Việt")},
                                {QStringLiteral("en"), QStringLiteral("English")}});
    m_language->setObjectName(QStringLiteral("language"));
    choose(m_language, m_settings.language());
    form->addRow(tr("&Language:"), m_language);
    m_nameTemplate = new QLineEdit(m_settings.nameTemplate(), page);
    m_nameTemplate->setPlaceholderText(QStringLiteral("{dossier}/{component}/{seq:04}.{ext}"));
    form->addRow(tr("Page file &names:"), m_nameTemplate);
    return page;
}

QWidget *SettingsDialog::profilesPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QHBoxLayout(page);
    auto *left = new QVBoxLayout;
    m_profileList = new QListWidget(page);
    m_profileList->setObjectName(QStringLiteral("profileList"));
    for (const auto &p : std::as_const(m_profiles))
        m_profileList->addItem(p.name);
    left->addWidget(m_profileList, 1);
    auto *add = new QPushButton(tr("Add"), page);
    auto *remove = new QPushButton(tr("Remove"), page);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    left->addLayout(buttons);
    layout->addLayout(left, 1);
    auto *form = new QFormLayout;
    m_profileName = new QLineEdit(page);
    form->addRow(tr("&Name:"), m_profileName);
    m_source = choices(page, {{QString(), tr("As the scanner")},
                              {QStringLiteral("flatbed"), tr("Flatbed")},
                              {QStringLiteral("adf"), tr("Document feeder")},
                              {QStringLiteral("duplex"), tr("Feeder, both sides")}});
    form->addRow(tr("&Source:"), m_source);
    m_mode = choices(page, {{QStringLiteral("color"), tr("Colour")},
                            {QStringLiteral("gray"), tr("Gray")},
                            {QStringLiteral("lineart"), tr("Black and white")}});
    form->addRow(tr("&Mode:"), m_mode);
    m_resolution = new QSpinBox(page);
    m_resolution->setRange(50, 2400);
    m_resolution->setSuffix(QStringLiteral(" dpi"));
    form->addRow(tr("&Resolution:"), m_resolution);
    m_pageSize = choices(page, {{QStringLiteral("A4"), QStringLiteral("A4")},
                                {QStringLiteral("A5"), QStringLiteral("A5")},
                                {QStringLiteral("Letter"), QStringLiteral("Letter")},
                                {QString(), tr("As the scanner")}},
                         true);
    form->addRow(tr("Page si&ze:"), m_pageSize);
    m_format = choices(page, {{QStringLiteral("auto"), tr("Automatic (JPEG for colour and gray, PNG for black and white)")},
                              {QStringLiteral("jpeg"), QStringLiteral("JPEG")},
                              {QStringLiteral("png"), QStringLiteral("PNG")}});
    form->addRow(tr("&Format:"), m_format);
    m_quality = new QSpinBox(page);
    m_quality->setRange(1, 100);
    form->addRow(tr("JPEG &quality:"), m_quality);
    m_separation = choices(page, {{QString(), tr("None")},
                                  {QStringLiteral("qr"), tr("QR cover sheets")},
                                  {QStringLiteral("patch-t"), tr("Patch-T sheets")},
                                  {QStringLiteral("every:1"), tr("Every page a document")}},
                           true);
    m_separation->setToolTip(tr("qr, patch-t or every:N"));
    form->addRow(tr("Se&paration:"), m_separation);
    m_deviceOptions = new QLineEdit(page);
    m_deviceOptions->setPlaceholderText(QStringLiteral("name=value; name=value"));
    m_deviceOptions->setToolTip(tr("The scanner's own options, as sohoa-cli --option"));
    form->addRow(tr("&Device options:"), m_deviceOptions);
    // Cleanup steps, in CleanupOptions' words; each saved page is cleaned beside its original.
    auto *cleanup = new QWidget(page);
    auto *cleanupLayout = new QVBoxLayout(cleanup);
    cleanupLayout->setContentsMargins(0, 0, 0, 0);
    cleanupLayout->setSpacing(2);
    const QList<std::pair<const char *, QString>> steps{
        {"deskew", tr("Straighten (deskew)")},
        {"orient", tr("Turn upright (orientation)")},
        {"crop", tr("Crop to the paper")},
        {"blank", tr("Flag blank pages for review")},
        {"bilevel", tr("Black and white (bilevel): text-only pages; never on colour seals")}};
    for (const auto &[word, text] : steps) {
        auto *box = new QCheckBox(text, cleanup);
        box->setObjectName(QStringLiteral("cleanup-") + QString::fromLatin1(word));
        box->setProperty("step", QString::fromLatin1(word));
        m_cleanup << box;
        if (qstrcmp(word, "blank") != 0) {
            cleanupLayout->addWidget(box);
            continue;
        }
        // The blank-page threshold beside its step: a page with less ink than this is flagged.
        auto *row = new QHBoxLayout;
        row->addWidget(box);
        m_blankInk = new QDoubleSpinBox(cleanup);
        m_blankInk->setObjectName(QStringLiteral("blankInk"));
        m_blankInk->setRange(0.001, 5.0);
        m_blankInk->setDecimals(3);
        m_blankInk->setSingleStep(0.01);
        m_blankInk->setPrefix(tr("ink below "));
        m_blankInk->setSuffix(QStringLiteral(" %"));
        m_blankInk->setToolTip(tr("A page with less ink than this (in percent of the page, specks and the "
                                  "margin aside) is flagged blank. 0.02 % finds every blank page of the test "
                                  "corpus and no written one; one handwritten word is about 0.06 %."));
        row->addWidget(m_blankInk);
        row->addStretch(1);
        cleanupLayout->addLayout(row);
        connect(box, &QCheckBox::toggled, m_blankInk, &QWidget::setEnabled);
    }
    m_cleanup.last()->setToolTip(tr("Makes pages black and white: seals, photos and colour handwriting lose "
                                    "their colour. Use only for typed text pages."));
    form->addRow(tr("C&leanup:"), cleanup);
    m_archival = new QCheckBox(tr("Archival PDF/A (Ctrl+E exports PDF/A with metadata)"), page);
    m_archival->setObjectName(QStringLiteral("archival"));
    form->addRow(tr("Ar&chival:"), m_archival);
    m_ocr = choices(page, {{QStringLiteral("vie"), tr("Vietnamese")},
                           {QStringLiteral("eng"), tr("English")},
                           {QStringLiteral("vie+eng"), tr("Vietnamese and English")},
                           {QString(), tr("None (no text layer)")}});
    m_ocr->setObjectName(QStringLiteral("ocrLanguages"));
    m_ocr->setToolTip(tr("The text layer of archival PDF/A exports (OCR takes a few seconds a page)"));
    form->addRow(tr("&OCR language:"), m_ocr);
    layout->addLayout(form, 2);
    connect(m_profileList, &QListWidget::currentRowChanged, this, [this](int row) {
        keepProfile(m_profileRow);
        showProfile(row);
    });
    connect(add, &QPushButton::clicked, this, [this] {
        keepProfile(m_profileRow);
        workflows::ScanProfile p;
        p.name = tr("New profile");
        m_profiles << p;
        m_profileList->addItem(p.name);
        m_profileList->setCurrentRow(int(m_profiles.size()) - 1);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_profileList->currentRow();
        if (row < 0 || m_profiles.size() <= 1)
            return;
        m_profileRow = -1;
        m_profiles.removeAt(row);
        delete m_profileList->takeItem(row);
    });
    m_profileList->setCurrentRow(std::clamp(m_settings.currentProfile(), 0, int(m_profiles.size()) - 1));
    return page;
}

void SettingsDialog::showProfile(int row)
{
    m_profileRow = row;
    if (row < 0 || row >= m_profiles.size())
        return;
    const auto &p = m_profiles.at(row);
    m_profileName->setText(p.name);
    choose(m_source, p.source);
    choose(m_mode, p.mode);
    m_resolution->setValue(p.resolution);
    choose(m_pageSize, p.pageSize);
    choose(m_format, p.format);
    m_quality->setValue(p.jpegQuality);
    choose(m_separation, p.separation);
    m_deviceOptions->setText(p.options.join(QStringLiteral("; ")));
    // A profile's list was checked when it was saved; one edited by hand that no longer reads shows
    // no step (saving it then writes a valid list).
    const auto parsed = CleanupOptions::fromList(p.cleanup);
    const CleanupOptions cleanup = parsed ? parsed.value() : CleanupOptions();
    const QStringList steps = cleanup.toList().split(u',', Qt::SkipEmptyParts);
    for (QCheckBox *box : std::as_const(m_cleanup)) {
        const QString step = box->property("step").toString();
        box->setChecked(std::any_of(steps.cbegin(), steps.cend(),
                                    [&step](const QString &s) { return s == step || s.startsWith(step + u'='); }));
    }
    m_blankInk->setValue(cleanup.blankMaxInkPercent);
    m_blankInk->setEnabled(cleanup.blank);
    m_archival->setChecked(p.archival);
    choose(m_ocr, p.ocrLanguages);
}

void SettingsDialog::keepProfile(int row)
{
    if (row < 0 || row >= m_profiles.size())
        return;
    auto &p = m_profiles[row];
    p.name = m_profileName->text().trimmed();
    p.source = chosen(m_source);
    p.mode = chosen(m_mode);
    p.resolution = m_resolution->value();
    p.pageSize = chosen(m_pageSize);
    p.format = chosen(m_format);
    p.jpegQuality = m_quality->value();
    p.separation = chosen(m_separation);
    QStringList steps;
    for (QCheckBox *box : std::as_const(m_cleanup)) {
        if (box->isChecked())
            steps << box->property("step").toString();
    }
    const auto parsed = CleanupOptions::fromList(steps.join(u','));
    CleanupOptions cleanup = parsed ? parsed.value() : CleanupOptions();
    cleanup.blankMaxInkPercent = m_blankInk->value();
    p.cleanup = cleanup.toList();
    p.archival = m_archival->isChecked();
    p.ocrLanguages = chosen(m_ocr);
    p.options.clear();
    for (const QString &o : m_deviceOptions->text().split(u';', Qt::SkipEmptyParts)) {
        if (!o.trimmed().isEmpty())
            p.options << o.trimmed();
    }
    if (QListWidgetItem *item = m_profileList->item(row))
        item->setText(p.name);
}

QWidget *SettingsDialog::proceduresPage()
{
    auto *page = new QWidget(this);
    auto *layout = new QHBoxLayout(page);
    auto *left = new QVBoxLayout;
    m_procedureList = new QListWidget(page);
    for (const auto &p : std::as_const(m_procedures))
        m_procedureList->addItem(p.name);
    left->addWidget(m_procedureList, 1);
    auto *add = new QPushButton(tr("Add"), page);
    auto *remove = new QPushButton(tr("Remove"), page);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    left->addLayout(buttons);
    layout->addLayout(left, 1);
    auto *form = new QFormLayout;
    m_procedureName = new QLineEdit(page);
    form->addRow(tr("&Procedure:"), m_procedureName);
    m_procedureComponents = new QPlainTextEdit(page);
    m_procedureComponents->setPlaceholderText(tr("One component per line, in the order they are checked"));
    form->addRow(tr("&Components:"), m_procedureComponents);
    layout->addLayout(form, 2);
    connect(m_procedureList, &QListWidget::currentRowChanged, this, [this](int row) {
        keepProcedure(m_procedureRow);
        showProcedure(row);
    });
    connect(add, &QPushButton::clicked, this, [this] {
        keepProcedure(m_procedureRow);
        m_procedures << workflows::ProcedureTemplate{tr("New procedure"), {}};
        m_procedureList->addItem(m_procedures.last().name);
        m_procedureList->setCurrentRow(int(m_procedures.size()) - 1);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_procedureList->currentRow();
        if (row < 0)
            return;
        m_procedureRow = -1;
        m_procedures.removeAt(row);
        delete m_procedureList->takeItem(row);
    });
    if (!m_procedures.isEmpty())
        m_procedureList->setCurrentRow(0);
    return page;
}

void SettingsDialog::showProcedure(int row)
{
    m_procedureRow = row;
    if (row < 0 || row >= m_procedures.size())
        return;
    m_procedureName->setText(m_procedures.at(row).name);
    m_procedureComponents->setPlainText(m_procedures.at(row).components.join(u'\n'));
}

void SettingsDialog::keepProcedure(int row)
{
    if (row < 0 || row >= m_procedures.size())
        return;
    auto &p = m_procedures[row];
    p.name = m_procedureName->text().trimmed();
    p.components.clear();
    for (const QString &c : m_procedureComponents->toPlainText().split(u'\n', Qt::SkipEmptyParts)) {
        if (!c.trimmed().isEmpty())
            p.components << c.trimmed();
    }
    if (QListWidgetItem *item = m_procedureList->item(row))
        item->setText(p.name);
}

void SettingsDialog::accept()
{
    keepProfile(m_profileRow);
    keepProcedure(m_procedureRow);
    for (const auto &p : std::as_const(m_profiles)) {
        if (auto ok = p.check(); !ok) {
            m_error->setText(p.name + QStringLiteral(": ") + ok.error().message());
            return;
        }
    }
    if (!m_nameTemplate->text().trimmed().isEmpty()) {
        if (auto ok = DossierStore::checkNameTemplate(m_nameTemplate->text().trimmed()); !ok) {
            m_error->setText(ok.error().message());
            return;
        }
    }
    m_storeChanged = m_store->text().trimmed() != m_settings.storePath() ||
                     m_nameTemplate->text().trimmed() != m_settings.nameTemplate();
    m_languageChanged = chosen(m_language) != m_settings.language();
    m_settings.setStorePath(m_store->text().trimmed());
    m_settings.setExportFolder(m_exportFolder->text().trimmed());
    m_settings.setAgencyPrefix(m_prefix->text());
    m_settings.setSystemId(m_systemId->text());
    m_settings.setLanguage(chosen(m_language));
    m_settings.setNameTemplate(m_nameTemplate->text());
    m_settings.setProfiles(m_profiles);
    m_settings.setProcedures(m_procedures);
    QDialog::accept();
}

} // namespace sohoa::gui
