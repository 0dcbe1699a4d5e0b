#include "app/gui/PreviewPane.h"

#include "app/gui/Icons.h"
#include "app/gui/ImageView.h"
#include "app/workflows/PdfPreviewJob.h"

#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPointer>
#include <QThreadPool>
#include <QToolButton>
#include <QVBoxLayout>

namespace sohoa::gui {

namespace {
QToolButton *toolButton(QWidget *parent, const QString &icon, const QString &tip, const QString &name)
{
    auto *b = new QToolButton(parent);
    b->setIcon(Icons::get(icon));
    b->setToolTip(tip);
    b->setObjectName(name);
    b->setAutoRaise(true);
    return b;
}
} // namespace

PreviewPane::PreviewPane(QWidget *parent)
    : QWidget(parent), m_view(new ImageView(this)), m_zoom(new QLabel(this)), m_pageLabel(new QLabel(this)),
      m_previous(toolButton(this, QStringLiteral("move-up"), tr("Previous page of the PDF (Page Up)"),
                            QStringLiteral("pdfPrevious"))),
      m_next(toolButton(this, QStringLiteral("move-down"), tr("Next page of the PDF (Page Down)"),
                        QStringLiteral("pdfNext"))),
      m_original(toolButton(this, QStringLiteral("fit-page"), tr("Show the page as scanned, before cleanup (O)"),
                            QStringLiteral("showOriginal"))),
      m_note(new QLabel(this)), m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    auto *zoomOut = toolButton(this, QStringLiteral("zoom-out"), tr("Zoom out (Ctrl+wheel)"), QStringLiteral("zoomOut"));
    auto *zoomIn = toolButton(this, QStringLiteral("zoom-in"), tr("Zoom in (Ctrl+wheel)"), QStringLiteral("zoomIn"));
    auto *fitWidth = toolButton(this, QStringLiteral("fit-width"), tr("Fit width"), QStringLiteral("fitWidth"));
    auto *fitPage = toolButton(this, QStringLiteral("fit-page"), tr("Fit page"), QStringLiteral("fitPage"));
    for (QWidget *w : {static_cast<QWidget *>(zoomOut), static_cast<QWidget *>(zoomIn), static_cast<QWidget *>(fitWidth),
                       static_cast<QWidget *>(fitPage), static_cast<QWidget *>(m_zoom)})
        bar->addWidget(w);
    bar->addStretch();
    m_original->setText(tr("Show original"));
    m_original->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_original->setCheckable(true);
    m_original->setShortcut(QKeySequence(Qt::Key_O));
    m_original->hide();
    bar->addWidget(m_original);
    bar->addWidget(m_previous);
    bar->addWidget(m_pageLabel);
    bar->addWidget(m_next);
    layout->addLayout(bar);
    m_note->setObjectName(QStringLiteral("pageNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    layout->addWidget(m_note);
    layout->addWidget(m_view, 1);
    connect(m_original, &QToolButton::toggled, this, [this] {
        if (!m_pagePath.isEmpty())
            loadPage();
    });
    connect(zoomIn, &QToolButton::clicked, this, [this] { m_view->zoomBy(1.25); });
    connect(zoomOut, &QToolButton::clicked, this, [this] { m_view->zoomBy(0.8); });
    connect(fitWidth, &QToolButton::clicked, this, [this] { m_view->setFit(ImageView::Fit::Width); });
    connect(fitPage, &QToolButton::clicked, this, [this] { m_view->setFit(ImageView::Fit::Page); });
    connect(m_view, &ImageView::scaleChanged, this,
            [this](double scale) { m_zoom->setText(QStringLiteral("%1 %").arg(qRound(scale * 100))); });
    connect(m_previous, &QToolButton::clicked, this, [this] {
        if (m_pdfPage > 1)
            showPdf(m_pdfPath, m_pdfPage - 1);
    });
    connect(m_next, &QToolButton::clicked, this, [this] {
        if (m_pdfPage < m_pdfPageCount)
            showPdf(m_pdfPath, m_pdfPage + 1);
    });
    clear();
}

PreviewPane::~PreviewPane()
{
    ++m_generation;
    delete m_pdfJob.data();
    m_pool->clear();
    m_pool->waitForDone();
}

bool PreviewPane::isBusy() const
{
    return m_loading;
}

void PreviewPane::clear()
{
    ++m_generation;
    delete m_pdfJob.data();
    m_pdfPath.clear();
    m_pdfPage = m_pdfPageCount = 0;
    m_loading = false;
    m_pagePath.clear();
    m_cleanedPath.clear();
    m_shownPath.clear();
    m_original->hide();
    m_note->hide();
    m_view->setMessage(tr("Choose a page to see it here."));
    updatePdfControls();
}

void PreviewPane::showPage(const QString &path, int rotation)
{
    showPage(path, rotation, QString(), QString());
}

void PreviewPane::showPage(const QString &path, int rotation, const QString &cleanedPath, const QString &note)
{
    m_pagePath = path;
    m_cleanedPath = cleanedPath;
    m_rotation = rotation;
    m_original->setVisible(!cleanedPath.isEmpty());
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    loadPage();
}

void PreviewPane::loadPage()
{
    const QString path = m_cleanedPath.isEmpty() || m_original->isChecked() ? m_pagePath : m_cleanedPath;
    const int rotation = m_rotation;
    m_shownPath = path;
    const quint64 generation = ++m_generation;
    delete m_pdfJob.data();
    m_pdfPath.clear();
    updatePdfControls();
    m_loading = true;
    // Decoded at about twice the view's size (enough to zoom in a little), off the GUI thread; a newer
    // request makes this one's result go unused.
    const QSize want = m_view->viewport()->size() * devicePixelRatioF() * 2;
    QPointer<PreviewPane> self(this);
    m_pool->clear();
    m_pool->start([self, path, rotation, generation, want] {
        QImageReader reader(path);
        reader.setAutoTransform(false);
        const QSize full = reader.size();
        if (full.isValid() && want.isValid() && (full.width() > want.width() || full.height() > want.height()))
            reader.setScaledSize(full.scaled(want, Qt::KeepAspectRatio));
        const QImage image = reader.read();
        const QString error = reader.errorString();
        QMetaObject::invokeMethod(
            qApp, [self, image, error, rotation, generation] {
                if (!self || generation != self->m_generation)
                    return;
                self->m_loading = false;
                if (image.isNull())
                    self->m_view->setMessage(tr("This page file cannot be read: %1").arg(error));
                else
                    self->m_view->setImage(image, rotation);
                Q_EMIT self->shown();
            },
            Qt::QueuedConnection);
    });
}

void PreviewPane::showPdf(const QString &path, int page)
{
    ++m_generation;
    m_pagePath.clear();
    m_cleanedPath.clear();
    m_shownPath.clear();
    m_original->hide();
    m_note->hide();
    delete m_pdfJob.data();
    m_pdfPath = path;
    m_pdfPage = page;
    m_loading = true;
    m_view->setMessage(tr("Rendering page %1…").arg(page));
    workflows::PdfPreviewRequest request;
    request.pdfPath = path;
    request.page = page;
    request.timeoutMs = m_pdfTimeoutMs;
    request.targetWidth = std::max(600, int(m_view->viewport()->width() * devicePixelRatioF() * 1.5));
    auto *job = new workflows::PdfPreviewJob(std::move(request), this);
    m_pdfJob = job;
    connect(job, &workflows::Job::finished, this, [this, job](const Error &error) {
        job->deleteLater();
        if (job != m_pdfJob)
            return;
        m_loading = false;
        if (error.isError()) {
            m_view->setMessage(error.message());
        } else {
            m_pdfPageCount = job->preview().pageCount;
            m_view->setImage(job->preview().image, 0);
        }
        updatePdfControls();
        Q_EMIT shown();
    });
    updatePdfControls();
    job->start();
}

void PreviewPane::updatePdfControls()
{
    const bool pdf = !m_pdfPath.isEmpty();
    m_previous->setVisible(pdf);
    m_next->setVisible(pdf);
    m_pageLabel->setVisible(pdf);
    m_previous->setEnabled(pdf && m_pdfPage > 1);
    m_next->setEnabled(pdf && m_pdfPage < m_pdfPageCount);
    m_pageLabel->setText(m_pdfPageCount ? tr("PDF page %1 of %2").arg(m_pdfPage).arg(m_pdfPageCount)
                                        : tr("PDF page %1").arg(m_pdfPage));
}

} // namespace sohoa::gui
