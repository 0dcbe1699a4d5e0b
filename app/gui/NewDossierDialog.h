#pragma once

#include "app/workflows/DossierSetup.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace sohoa::gui {

// Ctrl+N: the code (suggested, checked as it is typed), the procedure (its component checklist can
// be adjusted here) and the applicant. Enter makes the dossier through `create`; an error keeps the
// dialog open with the reason under the field, so nothing typed is lost.
class NewDossierDialog : public QDialog
{
    Q_OBJECT
public:
    using Creator = std::function<Result<workflows::DossierSetupResult>(const workflows::NewDossier &)>;

    NewDossierDialog(const QString &suggestedCode, const QList<workflows::ProcedureTemplate> &procedures,
                     Creator create, QWidget *parent = nullptr);

    const workflows::DossierSetupResult &created() const { return m_result; }
    QLineEdit *codeField() const { return m_code; }
    QString validationText() const;

    void accept() override;

private:
    void validate();
    void procedureChosen(int index);

    QList<workflows::ProcedureTemplate> m_procedures;
    Creator m_create;
    workflows::DossierSetupResult m_result;
    QLineEdit *m_code;
    QLabel *m_codeState;
    QCheckBox *m_freeForm;
    QComboBox *m_procedure;
    QPlainTextEdit *m_components;
    QLineEdit *m_applicant;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace sohoa::gui
