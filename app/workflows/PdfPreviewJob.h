#pragma once

#include "app/workflows/Job.h"
#include "core/common/Result.h"
#include "core/common/SecureBuffer.h"

#include <QImage>
#include <QSizeF>
#include <QString>

namespace sohoa::workflows {

struct PdfPreviewRequest
{
    QString pdfPath;
    int page = 1;        // 1-based
    int targetWidth = 0; // width of the image in pixels; 0: render at `dpi`
    int dpi = 96;        // used when targetWidth is 0
    int timeoutMs = 15000;
    qint64 memoryLimitMb = 1536;
    SecureBuffer password; // the user or owner password of an encrypted PDF; empty: none
};

struct PdfPreview
{
    QImage image;
    int page = 0;
    int pageCount = 0;
    QSizeF pageSizePt; // points, as shown (the page's /Rotate applied)
    int rotation = 0;  // the page's own /Rotate, degrees clockwise (already applied to the image)
    double dpi = 0;
    // Poppler ran short of memory for part of the page (a transparency group) and left it out: the
    // image may be incomplete. The job also says so with a warning().
    bool incomplete = false;
};

// Renders one page of a PDF that may be hostile, in the sohoa-render helper: a separate process under
// a memory limit (RLIMIT_AS) and a CPU limit it sets itself, and the job's wall-clock timeout, after
// which it is killed. Whatever the file does, the calling process keeps its memory and its threads;
// the job ends with the page, or with a typed error (PreviewTimedOut, PreviewTooLarge, PreviewDamaged,
// PreviewNeedsPassword, PreviewPageOutOfRange, PreviewHelperMissing, FileNotFound, Cancelled).
// cancel() kills the helper within a few milliseconds.
class PdfPreviewJob : public Job
{
    Q_OBJECT
public:
    explicit PdfPreviewJob(PdfPreviewRequest request, QObject *parent = nullptr);
    ~PdfPreviewJob() override;

    const PdfPreviewRequest &request() const { return m_request; }
    // Valid once finished() came with no error.
    const PdfPreview &preview() const { return m_preview; }

    // Where sohoa-render is: $SOHOA_RENDER_PATH, else beside the running program, else in the build
    // tree, else /usr/libexec/sohoa/sohoa-render; empty when none of them is an executable file.
    static QString helperPath();

    // The same work on the calling thread (for a caller that is itself a worker); `control` stops it.
    static Result<PdfPreview> renderNow(const PdfPreviewRequest &request, const WorkControl *control = nullptr);

protected:
    Error run() override;

private:
    PdfPreviewRequest m_request;
    PdfPreview m_preview;
};

} // namespace sohoa::workflows
