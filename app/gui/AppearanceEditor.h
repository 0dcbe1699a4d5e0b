#pragma once

#include "app/gui/AppSettings.h"

#include <QPointer>
#include <QTemporaryDir>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace sohoa::workflows {
class PdfPreviewJob;
}

namespace sohoa::gui {

class AppearancePreview;

// The words of an appearance kind ("Certified copy block", ...).
QString kindLabel(signing::AppearanceKind kind);

// The signing desk's appearance: profiles (new, delete, choose; copy / attachment / signer /
// organization with their texts and images) edited in place and kept in the settings, and the block
// placed on a page of the chosen PDF, rendered by the guarded helper: the block itself drawn as the
// signer will draw it, dragged to move, resized by its corner, or put in a corner or back at its
// Decree 30 place; the place is saved with the profile.
class AppearanceEditor : public QWidget
{
    Q_OBJECT
public:
    AppearanceEditor(AppSettings &settings, SigningSettings &signing, QWidget *parent = nullptr);
    ~AppearanceEditor() override;

    void chooseAppearance(int index);
    workflows::AppearanceProfile currentAppearance() const;
    // The PDF whose page is shown under the block (empty: none); `pages` when known, else 0.
    void showPdf(const QString &path, int pages);
    // Puts the keyboard in the first field the current profile misses.
    void focusMissingField();
    AppearancePreview *preview() const { return m_preview; }

Q_SIGNALS:
    void previewShown();

private:
    void appearanceEdited();
    void showAppearance();
    void renderPreview();
    void renderBlock(const signing::AppearanceSpec &spec);
    void placeAt(Corner corner);
    void placementDragged(Corner corner, const QPointF &offsetMm, const QSizeF &sizeMm);
    void newProfile();
    void deleteProfile();

    AppSettings &m_settings;
    SigningSettings &m_signing;
    QComboBox *m_profileBox, *m_kindBox, *m_copyForm;
    QPushButton *m_deleteProfile;
    QLineEdit *m_organization, *m_docNumber, *m_signerTitle, *m_signerName, *m_signatureImage, *m_sealImage;
    QSpinBox *m_page;
    QList<QWidget *> m_kindRows[5];
    AppearancePreview *m_preview;
    QString m_pdfPath;
    int m_pdfPages = 0;
    QPointer<workflows::PdfPreviewJob> m_previewJob;
    QPointer<workflows::PdfPreviewJob> m_blockJob;
    QTemporaryDir m_blockDir; // the block's own PDF, rendered for the preview
    int m_blockGeneration = 0;
    bool m_loadingProfile = false;
};

} // namespace sohoa::gui
