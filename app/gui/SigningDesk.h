#pragma once

#include "app/gui/AppSettings.h"
#include "app/gui/AppearanceEditor.h"
#include "app/gui/SigningKeyPanel.h"
#include "app/workflows/SignBatchJob.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace sohoa::workflows {
struct InspectedPdf;
class InspectPdfsJob;
} // namespace sohoa::workflows

namespace sohoa::gui {

class AppearancePreview;

// The settings' batch options (hash, certify level, timestamp server) and QR code, for `dossierCode`.
void applyBatchOptions(const SigningSettings &settings, signing::SignOptions &options,
                       std::optional<QrStampOptions> &qr, const QString &dossierCode = {});

// The signing desk: PDFs dropped or added (files, folders, the dossier's export) are listed with their
// pages, size, signatures and encryption; one key (a token found through the system's modules and the
// Vietnamese token drivers, or a .p12 file) with its certificate shown and warned about; an appearance
// profile placed on a rendered page by dragging; options (QR, timestamp, LTV, hash, certification).
// "Sign all" runs one workflows::SignBatchJob: one PIN for the batch, one line per file with its
// output, status, the output's own verification verdict and the error in words; Cancel stops between
// files. Inputs are never overwritten: outputs go to a folder of their own.
class SigningDesk : public QWidget
{
    Q_OBJECT
public:
    enum Column
    {
        FileColumn,
        PagesColumn,
        SizeColumn,
        SignedColumn,
        EncryptedColumn,
        StatusColumn,
        OutputColumn,
        VerdictColumn,
        MessageColumn,
        ColumnCount
    };

    explicit SigningDesk(AppSettings &settings, QWidget *parent = nullptr);
    ~SigningDesk() override;

    // Lists these files and folders (after those already listed), read in the background.
    void addPaths(const QStringList &paths);
    // Where "Add the dossier's export" takes its file from (the main window's last export).
    void setExportProvider(std::function<QString()> provider) { m_exportProvider = std::move(provider); }
    // Starts the batch; false (and the reason in the status line) when it cannot start: nothing
    // listed, a text or image the appearance needs, no key chosen, an output folder refused.
    bool signAll();
    void cancel();
    bool isBusy() const;
    bool isReadingInputs() const;

    void setOutputFolder(const QString &folder);
    QString outputFolder() const;

    SigningKeyPanel *keyPanel() const { return m_key; }
    AppearanceEditor *appearanceEditor() const { return m_appearance; }
    // Shortcuts into the panels, for tests and the main window.
    void refreshTokens() { m_key->refreshTokens(); }
    void useKeyFile(const QString &p12Path) { m_key->useKeyFile(p12Path); }
    void useToken(int index) { m_key->useToken(index); }
    QList<workflows::FoundToken> tokens() const { return m_key->tokens(); }
    QString certificateText() const { return m_key->certificateText(); }
    QString keyWarning() const { return m_key->keyWarning(); }
    AppearancePreview *appearancePreview() const { return m_appearance->preview(); }
    QTableWidget *table() const { return m_table; }
    QString statusText() const;
    QList<workflows::SignedFile> results() const { return m_results; }

Q_SIGNALS:
    void inputsRead();
    void tokensFound();
    void previewShown();
    void batchFinished(const sohoa::Error &error);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *buildOptionsPanel();
    void addFiles();
    void addFolder();
    void addExport();
    void removeSelected();
    void inputRead(const workflows::InspectedPdf &pdf);
    void fileSigned(const workflows::SignedFile &file);
    void showCurrentPdf();
    void saveOptions();
    void updateButtons();
    QString defaultOutputFolder() const;
    int rowOf(const QString &path) const;

    AppSettings &m_settings;
    SigningSettings m_signing;
    std::function<QString()> m_exportProvider;
    QTableWidget *m_table;
    QStringList m_inputs;
    SigningKeyPanel *m_key;
    AppearanceEditor *m_appearance;
    // Options.
    QCheckBox *m_qr, *m_ltv;
    QLineEdit *m_qrTemplate, *m_tsa, *m_output;
    QComboBox *m_qrCorner, *m_hash, *m_certify;
    QDoubleSpinBox *m_qrSize;
    // Running.
    QPushButton *m_sign, *m_cancel, *m_openOutput;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPointer<workflows::InspectPdfsJob> m_inspectJob;
    QStringList m_pendingPaths;
    QPointer<workflows::SignBatchJob> m_job;
    QList<workflows::SignedFile> m_results;
};

} // namespace sohoa::gui
