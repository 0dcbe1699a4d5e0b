#pragma once

#include "app/workflows/ArchivalRecord.h"
#include "core/dossier/DossierStore.h"

#include <QDialog>
#include <QList>

class QLabel;
class QLineEdit;
class QListWidget;
class QStackedWidget;

namespace sohoa::gui {

// "Archival metadata" (Ctrl+M): the Decree 30 (Appendix VI) fields of the dossier as a file (hồ sơ)
// and of each component as a document (văn bản), labelled by workflows::archivalFieldSpecs(). What the
// store computes (file code, page and document totals) is shown read-only from archivalRecord(). Each
// field is checked as it is typed with parseArchivalAssignment and its error shown under it; Save writes
// through setArchivalMetadata, one call per component with all its changed fields, and only when every
// field is right.
class ArchivalMetadataDialog : public QDialog
{
    Q_OBJECT
public:
    ArchivalMetadataDialog(DossierStore &store, const DossierInfo &dossier, QWidget *parent = nullptr);

    // The editor of a field of the file (component empty) or of a component's document; null if none
    // (computed fields have a read-only one).
    QLineEdit *editor(const QString &component, const QString &field) const;
    QLabel *errorLabel(const QString &component, const QString &field) const;
    // Shows the file (0) or the n-th component (1…).
    void showSection(int section);
    // Checks and writes; false (the dialog stays, the errors shown) when a field is wrong or the store
    // refused. What accept() does on Save.
    bool save();
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    struct Editor
    {
        int section = 0; // 0: the file; n: m_components[n-1]
        workflows::ArchivalFieldSpec spec;
        QLineEdit *edit = nullptr;
        QLabel *error = nullptr;
        QString stored; // the typed value in the store ("" when not set)
    };

    QWidget *buildSection(int section, const QList<std::pair<QString, QString>> &values,
                          const QList<ArchivalField> &typed, qint64 componentId);
    bool check(Editor &editor);
    const Editor *find(const QString &component, const QString &field) const;

    DossierStore &m_store;
    DossierInfo m_dossier;
    QList<ComponentInfo> m_components;
    QList<Editor> m_editors;
    QListWidget *m_sections;
    QStackedWidget *m_pages;
    QLabel *m_error;
};

} // namespace sohoa::gui
