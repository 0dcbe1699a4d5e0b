#include "app/gui/NewDossierDialog.h"

#include "core/dossier/DossierCode.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sohoa::gui {

NewDossierDialog::NewDossierDialog(const QString &suggestedCode, const QList<workflows::ProcedureTemplate> &procedures,
                                   Creator create, QWidget *parent)
    : QDialog(parent), m_procedures(procedures), m_create(std::move(create)), m_code(new QLineEdit(this)),
      m_codeState(new QLabel(this)), m_freeForm(new QCheckBox(tr("Allow a code of another form"), this)),
      m_procedure(new QComboBox(this)), m_components(new QPlainTextEdit(this)), m_applicant(new QLineEdit(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newDossierDialog"));
    setWindowTitle(tr("New dossier"));
    auto *form = new QFormLayout;
    m_code->setObjectName(QStringLiteral("dossierCode"));
    m_code->setText(suggestedCode);
    m_code->selectAll();
    m_code->setPlaceholderText(QStringLiteral("H15.50.05.13-261130-0001"));
    m_code->setToolTip(tr("Provincial form H15.50.05.13-261008-0975 or national form "
                          "G01.005.01-261130-010001 (agency, receipt date YYMMDD, daily sequence)"));
    form->addRow(tr("&Code:"), m_code);
    m_codeState->setObjectName(QStringLiteral("codeState"));
    form->addRow(QString(), m_codeState);
    form->addRow(QString(), m_freeForm);
    m_procedure->setObjectName(QStringLiteral("procedure"));
    m_procedure->setEditable(true);
    m_procedure->setInsertPolicy(QComboBox::NoInsert);
    for (const auto &p : procedures)
        m_procedure->addItem(p.name);
    form->addRow(tr("&Procedure:"), m_procedure);
    m_components->setObjectName(QStringLiteral("components"));
    m_components->setTabChangesFocus(true);
    m_components->setPlaceholderText(tr("One component per line; none: one component \"Tài liệu\""));
    m_components->setFixedHeight(m_components->fontMetrics().height() * 5);
    form->addRow(tr("Co&mponents:"), m_components);
    m_applicant->setObjectName(QStringLiteral("applicant"));
    form->addRow(tr("&Applicant:"), m_applicant);
    m_error->setObjectName(QStringLiteral("createError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#c62828"));
    m_error->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewDossierDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewDossierDialog::reject);
    connect(m_code, &QLineEdit::textChanged, this, &NewDossierDialog::validate);
    connect(m_freeForm, &QCheckBox::toggled, this, &NewDossierDialog::validate);
    connect(m_procedure, &QComboBox::currentIndexChanged, this, &NewDossierDialog::procedureChosen);
    procedureChosen(m_procedure->currentIndex());
    validate();
    resize(520, sizeHint().height());
}

void NewDossierDialog::procedureChosen(int index)
{
    if (index >= 0 && index < m_procedures.size())
        m_components->setPlainText(m_procedures.at(index).components.join(u'\n'));
}

void NewDossierDialog::validate()
{
    const QString code = m_code->text().trimmed();
    const auto form = DossierCode::classify(code);
    bool ok = false;
    switch (form) {
    case DossierCode::Form::Provincial:
        m_codeState->setText(tr("✓ Provincial form, received %1")
                                 .arg(QLocale().toString(DossierCode::receiptDate(code), QLocale::ShortFormat)));
        ok = true;
        break;
    case DossierCode::Form::National:
        m_codeState->setText(tr("✓ National form, received %1")
                                 .arg(QLocale().toString(DossierCode::receiptDate(code), QLocale::ShortFormat)));
        ok = true;
        break;
    case DossierCode::Form::FreeForm:
        ok = m_freeForm->isChecked();
        m_codeState->setText(ok ? tr("Another form (allowed)")
                                : tr("Not a dossier code of the provincial or national form"));
        break;
    case DossierCode::Form::Invalid:
        m_codeState->setText(code.isEmpty() ? tr("Type the dossier code") : tr("This cannot be a dossier code"));
        break;
    }
    m_codeState->setStyleSheet(ok ? QStringLiteral("color:#2e7d32") : QStringLiteral("color:#b26a00"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

QString NewDossierDialog::validationText() const
{
    return m_codeState->text();
}

void NewDossierDialog::accept()
{
    if (!m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    workflows::NewDossier request;
    request.code = m_code->text().trimmed();
    request.allowFreeForm = m_freeForm->isChecked();
    request.procedure = m_procedure->currentText();
    request.applicant = m_applicant->text();
    request.components = m_components->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    auto made = m_create(request);
    if (!made) {
        m_error->setText(made.error().message());
        m_error->show();
        m_code->setFocus();
        return;
    }
    m_result = made.value();
    QDialog::accept();
}

} // namespace sohoa::gui
