#pragma once

#include "app/gui/AppSettings.h"
#include "app/workflows/FindTokensJob.h"
#include "app/workflows/SignBatchJob.h"

#include <QPointer>
#include <QTemporaryDir>
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
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace sohoa::workflows {
struct InspectedPdf;
class InspectPdfsJob;
class PdfPreviewJob;
} // namespace sohoa::workflows

namespace sohoa::gui {

class AppearancePreview;

// The key a batch signs with, as the settings remember it (the token by label and serial, the key by
// its certificate; a key file by its path).
workflows::KeySource keySourceOf(const SigningSettings &settings);
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
    void signAll();
    void cancel();
    bool isBusy() const;
    bool isReadingInputs() const;

    // Looks for tokens again (the settings' modules first); tokensFound() when done.
    void refreshTokens();
    void useKeyFile(const QString &p12Path);
    void useToken(int index);
    void setOutputFolder(const QString &folder);
    QString outputFolder() const;
    void chooseAppearance(int index);
    workflows::AppearanceProfile currentAppearance() const;

    QTableWidget *table() const { return m_table; }
    AppearancePreview *appearancePreview() const { return m_preview; }
    QList<workflows::FoundToken> tokens() const { return m_tokens; }
    QString certificateText() const;
    QString keyWarning() const;
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
    QWidget *buildKeyPanel();
    QWidget *buildAppearancePanel();
    QWidget *buildOptionsPanel();
    void addFiles();
    void addFolder();
    void addExport();
    void removeSelected();
    void inputRead(const workflows::InspectedPdf &pdf);
    void fileSigned(const workflows::SignedFile &file);
    void showCertificate(const QByteArray &der, const signing::TokenInfo *token);
    void keyChanged();
    void appearanceEdited();
    void showAppearance();
    void renderPreview();
    void renderBlock(const signing::AppearanceSpec &spec);
    void placeAt(Corner corner);
    void placementDragged(Corner corner, const QPointF &offsetMm, const QSizeF &sizeMm);
    void saveOptions();
    void updateButtons();
    QString defaultOutputFolder() const;
    int rowOf(const QString &path) const;

    AppSettings &m_settings;
    SigningSettings m_signing;
    std::function<QString()> m_exportProvider;
    QTableWidget *m_table;
    QStringList m_inputs;
    // Key.
    QRadioButton *m_useToken, *m_useFile;
    QComboBox *m_tokenBox, *m_certBox;
    QLineEdit *m_p12;
    QLabel *m_certInfo, *m_keyWarning;
    QList<workflows::FoundToken> m_tokens;
    QPointer<workflows::FindTokensJob> m_findJob;
    // Appearance.
    QComboBox *m_profileBox, *m_kindBox, *m_copyForm;
    QLineEdit *m_organization, *m_docNumber, *m_signerTitle, *m_signerName, *m_signatureImage, *m_sealImage;
    QSpinBox *m_page;
    QList<QWidget *> m_kindRows[5];
    AppearancePreview *m_preview;
    QPointer<workflows::PdfPreviewJob> m_previewJob;
    QPointer<workflows::PdfPreviewJob> m_blockJob;
    QTemporaryDir m_blockDir; // the block's own PDF, rendered for the preview
    int m_blockGeneration = 0;
    bool m_loadingProfile = false;
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
    int m_nextResultRow = 0;
    QList<int> m_batchRows;
};

} // namespace sohoa::gui
