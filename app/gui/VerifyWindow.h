#pragma once

#include "signing/PdfSignatureValidator.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace sohoa::workflows {
class VerifyPdfJob;
}

namespace sohoa::gui {

class AppSettings;
class PreviewPane;

// The verification window: signed PDFs opened or dropped (files or folders) are verified by
// workflows::VerifyPdfJob with the trust store and revocation options of the settings. Per file a
// coloured verdict; per signature who signed, when (trusted or claimed), the timestamp, revocation,
// what it covers, the changes after signing and the reasons in words; the signed revision shown in
// the preview; the certificate chain on request.
class VerifyWindow : public QWidget
{
    Q_OBJECT
public:
    explicit VerifyWindow(AppSettings &settings, QWidget *parent = nullptr);
    ~VerifyWindow() override;

    // Verifies these files and folders (after those already listed), in the background.
    void addPaths(const QStringList &paths);
    bool isVerifying() const;
    QList<signing::PdfVerifyReport> reports() const { return m_reports; }
    QTreeWidget *fileList() const { return m_files; }
    QTreeWidget *signatureTree() const { return m_signatures; }
    PreviewPane *preview() const { return m_preview; }
    // Selects file `row` and signature `index` (1-based) and shows what that signature signed.
    void showSignedRevision(int row, int index);
    // The certificate chain of the selected signature, as shown by "Certificate details".
    QString certificateText() const;

    static QString verdictText(const QString &statusId);
    static QColor verdictColor(const QString &statusId);

Q_SIGNALS:
    void verified(); // a run ended
    void revisionShown(const QString &path);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void openFiles();
    void fileVerified(const signing::PdfVerifyReport &report);
    void showFile(int row);
    void showSelectedRevision();
    void showCertificate();
    const signing::SignatureReport *selectedSignature(int *fileRow = nullptr) const;
    void updateButtons();
    void addTrustedRoots();
    void showTrust();

    AppSettings &m_settings;
    QTreeWidget *m_files;
    QTreeWidget *m_signatures;
    PreviewPane *m_preview;
    QLabel *m_status;
    QLabel *m_trust;
    QCheckBox *m_systemTrust, *m_offline;
    QPushButton *m_open, *m_revision, *m_certificate, *m_cancel;
    QPointer<workflows::VerifyPdfJob> m_job;
    QList<signing::PdfVerifyReport> m_reports;
    QStringList m_pending;
};

} // namespace sohoa::gui
