#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QThreadPool;
class QToolButton;

namespace sohoa::workflows {
class PdfPreviewJob;
}

namespace sohoa::gui {

class ImageView;

// The right pane: the chosen page large, or a page of a PDF (the exported dossier, later the signed
// output). Page files are decoded off the GUI thread; PDFs are rendered by the guarded helper process
// (workflows::PdfPreviewJob), so a hostile PDF costs the window nothing but a message.
class PreviewPane : public QWidget
{
    Q_OBJECT
public:
    explicit PreviewPane(QWidget *parent = nullptr);
    ~PreviewPane() override;

    void showPage(const QString &path, int rotation);
    // A page that cleanup made a cleaned image of: the cleaned one is shown unless "Show original" is
    // on (the toggle stays as the user left it from page to page). `note` says what cleanup did.
    void showPage(const QString &path, int rotation, const QString &cleanedPath, const QString &note);
    // The file the page view shows (or is decoding): the cleaned image or the original.
    QString shownPath() const { return m_shownPath; }
    QToolButton *originalToggle() const { return m_original; }
    void showPdf(const QString &path, int page = 1);
    void clear();

    ImageView *view() const { return m_view; }
    QString pdfPath() const { return m_pdfPath; }
    int pdfPage() const { return m_pdfPage; }
    int pdfPageCount() const { return m_pdfPageCount; }
    bool isBusy() const;
    // The wall-clock limit of one PDF page render (default 15 s).
    void setPdfTimeoutMs(int ms) { m_pdfTimeoutMs = ms; }

Q_SIGNALS:
    void shown(); // an image or a message is on screen for the last request

private:
    void updatePdfControls();
    void loadPage();

    ImageView *m_view;
    QLabel *m_zoom;
    QLabel *m_pageLabel;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_original;
    QLabel *m_note;
    QString m_pagePath;
    QString m_cleanedPath;
    QString m_shownPath;
    int m_rotation = 0;
    QThreadPool *m_pool;
    quint64 m_generation = 0;
    QString m_pdfPath;
    int m_pdfPage = 0;
    int m_pdfPageCount = 0;
    QPointer<workflows::PdfPreviewJob> m_pdfJob;
    bool m_loading = false;
    int m_pdfTimeoutMs = 15000;
};

} // namespace sohoa::gui
