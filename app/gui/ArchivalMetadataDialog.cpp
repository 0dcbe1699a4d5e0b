#include "app/gui/ArchivalMetadataDialog.h"

#include "app/gui/ScreenFit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace sohoa::gui {

namespace {

QString valueIn(const QList<std::pair<QString, QString>> &values, const QString &field)
{
    for (const auto &[name, value] : values)
        if (name == field)
            return value;
    return {};
}

QString typedValue(const QList<ArchivalField> &typed, qint64 componentId, const QString &field)
{
    for (const ArchivalField &f : typed)
        if (f.componentId == componentId && f.field == field)
            return f.value;
    return {};
}

QString placeholderOf(workflows::ArchivalFieldSpec::Kind kind)
{
    using K = workflows::ArchivalFieldSpec::Kind;
    switch (kind) {
    case K::Date:
        return ArchivalMetadataDialog::tr("yyyy-mm-dd");
    case K::Year:
        return ArchivalMetadataDialog::tr("yyyy");
    case K::Maintenance:
        return ArchivalMetadataDialog::tr("Vĩnh viễn, or a number of years");
    case K::Text:
    case K::Computed:
        break;
    }
    return {};
}

} // namespace

ArchivalMetadataDialog::ArchivalMetadataDialog(DossierStore &store, const DossierInfo &dossier, QWidget *parent)
    : QDialog(parent), m_store(store), m_dossier(dossier), m_sections(new QListWidget(this)),
      m_pages(new QStackedWidget(this)), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("archivalMetadataDialog"));
    setWindowTitle(tr("Archival metadata — %1").arg(dossier.code));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Decree 30 metadata for the archival PDF/A and its .xml sidecar. Grey fields are "
                                "computed from the dossier."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_error->setObjectName(QStringLiteral("metadataError"));
    m_error->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);

    auto *body = new QHBoxLayout;
    m_sections->setObjectName(QStringLiteral("metadataSections"));
    m_sections->setMaximumWidth(220);
    body->addWidget(m_sections);
    body->addWidget(m_pages, 1);
    layout->addLayout(body, 1);

    auto typed = store.archivalFields(dossier.id);
    auto record = workflows::archivalRecord(store, dossier);
    auto components = store.components(dossier.id);
    if (!typed || !record || !components) {
        const Error e = !typed ? typed.error() : !record ? record.error() : components.error();
        m_error->setText(e.message());
        m_error->show();
    }
    const QList<ArchivalField> typedFields = typed ? typed.value() : QList<ArchivalField>();
    m_components = components ? components.value() : QList<ComponentInfo>();

    m_sections->addItem(tr("The file (hồ sơ)"));
    m_pages->addWidget(buildSection(0, record ? record->file : QList<std::pair<QString, QString>>(), typedFields, 0));
    for (int i = 0; i < m_components.size(); ++i) {
        const ComponentInfo &c = m_components.at(i);
        QList<std::pair<QString, QString>> values;
        if (record) {
            for (const workflows::ArchivalDocument &d : record->documents)
                if (d.component == c.name)
                    values = d.fields;
        }
        m_sections->addItem(tr("Document: %1").arg(c.name));
        m_pages->addWidget(buildSection(i + 1, values, typedFields, c.id));
    }
    connect(m_sections, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_sections->setCurrentRow(0);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    // Our words: Qt ships no Vietnamese catalogue for its standard buttons.
    buttons->button(QDialogButtonBox::Save)->setText(tr("Save"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    buttons->setObjectName(QStringLiteral("metadataButtons"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ArchivalMetadataDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resizeToFitScreen(this, QSize(860, 640));
}

QWidget *ArchivalMetadataDialog::buildSection(int section, const QList<std::pair<QString, QString>> &values,
                                              const QList<ArchivalField> &typed, qint64 componentId)
{
    auto *scroll = new QScrollArea(m_pages);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(scroll);
    auto *form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    const bool document = section > 0;
    for (const workflows::ArchivalFieldSpec &spec : workflows::archivalFieldSpecs()) {
        if (spec.document != document)
            continue;
        auto *edit = new QLineEdit(page);
        edit->setObjectName(spec.name);
        auto *field = new QWidget(page);
        auto *column = new QVBoxLayout(field);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(1);
        column->addWidget(edit);
        const QString shown = valueIn(values, spec.name);
        if (spec.kind == workflows::ArchivalFieldSpec::Kind::Computed) {
            edit->setReadOnly(true);
            edit->setFocusPolicy(Qt::NoFocus);
            edit->setText(shown);
            edit->setPlaceholderText(tr("computed when the parts are filled in"));
            edit->setStyleSheet(QStringLiteral("QLineEdit { background: #eceff1; color: #455a64; }"));
            edit->setToolTip(tr("Computed from the dossier; it cannot be typed"));
            form->addRow(spec.label + u':', field);
            continue;
        }
        Editor e;
        e.section = section;
        e.spec = spec;
        e.edit = edit;
        e.stored = typedValue(typed, componentId, spec.name);
        edit->setText(e.stored);
        // What the record holds when nothing is typed (the component's name as subject, the dates of
        // the documents) is what the export writes: shown as the placeholder.
        QString placeholder = placeholderOf(spec.kind);
        if (e.stored.isEmpty() && !shown.isEmpty())
            placeholder = shown;
        edit->setPlaceholderText(placeholder);
        e.error = new QLabel(field);
        e.error->setObjectName(spec.name + QStringLiteral("Error"));
        e.error->setStyleSheet(QStringLiteral("color: #b71c1c;"));
        e.error->setWordWrap(true);
        e.error->hide();
        column->addWidget(e.error);
        form->addRow(spec.label + u':', field);
        const int index = int(m_editors.size());
        m_editors.append(e);
        connect(edit, &QLineEdit::textChanged, this, [this, index] { check(m_editors[index]); });
    }
    scroll->setWidget(page);
    return scroll;
}

bool ArchivalMetadataDialog::check(Editor &editor)
{
    auto parsed = workflows::parseArchivalAssignment(editor.spec.name + u'=' + editor.edit->text(), editor.section > 0);
    if (parsed) {
        editor.error->hide();
        editor.error->clear();
        return true;
    }
    // The engine decides what is right; the sentence is the window's, in the user's language.
    using K = workflows::ArchivalFieldSpec::Kind;
    QString text;
    switch (editor.spec.kind) {
    case K::Date:
        text = tr("Not a date: write yyyy-mm-dd (2025-03-01) or dd/mm/yyyy (01/03/2025).");
        break;
    case K::Year:
        text = tr("Not a year: write four digits, for example 2025.");
        break;
    case K::Maintenance:
        text = tr("Write \"Vĩnh viễn\" (permanent) or a number of years, for example 10.");
        break;
    case K::Text:
    case K::Computed:
        text = parsed.error().message() + QStringLiteral(" (") + parsed.error().detail() + u')';
        break;
    }
    editor.error->setText(text);
    editor.error->show();
    return false;
}

const ArchivalMetadataDialog::Editor *ArchivalMetadataDialog::find(const QString &component, const QString &field) const
{
    int section = 0;
    if (!component.isEmpty()) {
        section = -1;
        for (int i = 0; i < m_components.size(); ++i)
            if (m_components.at(i).name == component)
                section = i + 1;
    }
    for (const Editor &e : m_editors)
        if (e.section == section && e.spec.name == field)
            return &e;
    return nullptr;
}

QLineEdit *ArchivalMetadataDialog::editor(const QString &component, const QString &field) const
{
    if (const Editor *e = find(component, field))
        return e->edit;
    // A computed field: its read-only editor.
    int section = 0;
    for (int i = 0; i < m_components.size(); ++i)
        if (m_components.at(i).name == component)
            section = i + 1;
    return section < m_pages->count() ? m_pages->widget(section)->findChild<QLineEdit *>(field) : nullptr;
}

QLabel *ArchivalMetadataDialog::errorLabel(const QString &component, const QString &field) const
{
    const Editor *e = find(component, field);
    return e ? e->error : nullptr;
}

void ArchivalMetadataDialog::showSection(int section)
{
    m_sections->setCurrentRow(section);
}

QString ArchivalMetadataDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

bool ArchivalMetadataDialog::save()
{
    m_error->hide();
    // Every field right first: the first wrong one is shown with the keyboard in it.
    Editor *wrong = nullptr;
    for (Editor &e : m_editors)
        if (!check(e) && !wrong)
            wrong = &e;
    if (wrong) {
        showSection(wrong->section);
        wrong->edit->setFocus();
        m_error->setText(tr("Some fields are not right yet: see the red lines."));
        m_error->show();
        return false;
    }
    for (int section = 0; section <= m_components.size(); ++section) {
        QStringList assignments;
        for (const Editor &e : std::as_const(m_editors)) {
            if (e.section == section && e.edit->text().trimmed() != e.stored)
                assignments << e.spec.name + u'=' + e.edit->text().trimmed(); // empty: the field is removed
        }
        if (assignments.isEmpty())
            continue;
        const QString component = section == 0 ? QString() : m_components.at(section - 1).name;
        if (auto r = workflows::setArchivalMetadata(m_store, m_dossier.code, component, assignments); !r) {
            showSection(section);
            const Error &e = r.error();
            m_error->setText(e.detail().isEmpty() ? e.message()
                                                  : QStringLiteral("%1 (%2)").arg(e.message(), e.detail()));
            m_error->show();
            return false;
        }
        for (Editor &e : m_editors)
            if (e.section == section)
                e.stored = e.edit->text().trimmed();
    }
    return true;
}

void ArchivalMetadataDialog::accept()
{
    if (save())
        QDialog::accept();
}

} // namespace sohoa::gui
