#pragma once

#include "app/gui/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace sohoa::gui {

// Settings: where the store is and where exports go, how dossier codes are suggested, the language,
// the name template; the scan profiles; the procedure templates with their component checklists.
// Everything is checked on OK (a wrong name template, a profile without a name) and written only then.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(AppSettings &settings, QWidget *parent = nullptr);

    bool storeChanged() const { return m_storeChanged; }
    bool languageChanged() const { return m_languageChanged; }
    void accept() override;

private:
    QWidget *generalPage();
    QWidget *profilesPage();
    QWidget *proceduresPage();
    void showProfile(int row);
    void keepProfile(int row);
    void showProcedure(int row);
    void keepProcedure(int row);

    AppSettings &m_settings;
    QList<workflows::ScanProfile> m_profiles;
    QList<workflows::ProcedureTemplate> m_procedures;
    bool m_storeChanged = false;
    bool m_languageChanged = false;
    int m_profileRow = -1;
    int m_procedureRow = -1;

    QLineEdit *m_store = nullptr;
    QLineEdit *m_exportFolder = nullptr;
    QLineEdit *m_prefix = nullptr;
    QLineEdit *m_systemId = nullptr;
    QComboBox *m_language = nullptr;
    QLineEdit *m_nameTemplate = nullptr;

    QListWidget *m_profileList = nullptr;
    QLineEdit *m_profileName = nullptr;
    QComboBox *m_source = nullptr;
    QComboBox *m_mode = nullptr;
    QSpinBox *m_resolution = nullptr;
    QComboBox *m_pageSize = nullptr;
    QComboBox *m_format = nullptr;
    QSpinBox *m_quality = nullptr;
    QComboBox *m_separation = nullptr;
    QLineEdit *m_deviceOptions = nullptr;
    // Cleanup of every saved page (deskew, orient, crop, blank, bilevel) and the archival output.
    QList<QCheckBox *> m_cleanup;
    QDoubleSpinBox *m_blankInk = nullptr; // blank=PERCENT: the most ink a blank page may carry
    QCheckBox *m_archival = nullptr;
    QComboBox *m_ocr = nullptr;

    QListWidget *m_procedureList = nullptr;
    QLineEdit *m_procedureName = nullptr;
    QPlainTextEdit *m_procedureComponents = nullptr;

    QLabel *m_error = nullptr;
};

} // namespace sohoa::gui
