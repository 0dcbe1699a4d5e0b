#include "app/workflows/CleanupJob.h"

#include "app/workflows/EveryCore_p.h"
#include "app/workflows/PageAddress.h"
#include "app/workflows/WorkflowsLogging.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QImageReader>

#include <mutex>

namespace sohoa::workflows {

namespace {

ColorMode modeOf(const QImage &image)
{
    switch (image.format()) {
    case QImage::Format_Mono:
    case QImage::Format_MonoLSB:
        return ColorMode::Lineart;
    case QImage::Format_Grayscale8:
    case QImage::Format_Grayscale16:
        return ColorMode::Gray;
    default:
        return ColorMode::Color;
    }
}

} // namespace

CleanupJob::CleanupJob(DossierStore &store, CleanupRequest request, QObject *parent)
    : Job(parent), m_store(store), m_request(std::move(request))
{}

CleanupJob::~CleanupJob()
{
    stop();
}

Result<PageRecord> CleanupJob::cleanPage(DossierStore &store, const PageRecord &page, const QImage &pixels,
                                         const CleanupOptions &options, int jpegQuality, WorkControl *control)
{
    QImage image = pixels;
    if (image.isNull()) {
        const QFileInfo fi(page.absolutePath);
        if (!fi.exists())
            return Error(ErrorCode::PageFileMissing, page.relativePath);
        if (fi.size() != page.size)
            return Error(ErrorCode::PageFileDamaged, page.relativePath);
        QImageReader reader(page.absolutePath);
        reader.setAutoTransform(false); // the page as scanned; EXIF is not ours to apply
        image = reader.read();
        if (image.isNull())
            return Error(ErrorCode::PageFileDamaged, page.relativePath + QStringLiteral(": ") + reader.errorString());
        if (image.format() == QImage::Format_Indexed8 && image.isGrayscale())
            image = image.convertToFormat(QImage::Format_Grayscale8);
        else if (image.format() != QImage::Format_Mono && image.format() != QImage::Format_Grayscale8 &&
                 image.format() != QImage::Format_Grayscale16 && image.format() != QImage::Format_RGBX64)
            image = image.convertToFormat(QImage::Format_RGB888);
    }
    auto cleaned = PageCleanup::run(image, page.dpi, options, control);
    if (!cleaned)
        return cleaned.error();
    const CleanupResult &r = cleaned.value();
    PageCleanupRecord record;
    record.options = options.toList();
    record.operations = r.operations;
    record.skewDetectedDeg = r.skewDetectedDeg;
    record.skewCorrectedDeg = r.skewCorrectedDeg;
    record.rotatedDeg = r.rotatedDeg;
    record.inkPercent = r.inkPercent;
    record.blank = r.blank;
    std::optional<EncodedImage> derived;
    if (!r.image.isNull()) {
        ScannedPage out;
        out.image = r.image;
        out.dpi = page.dpi;
        out.mode = modeOf(r.image);
        out.bitDepth = out.mode == ColorMode::Lineart ? 1 : 8;
        ImageProfile profile;
        profile.jpegQuality = jpegQuality;
        // A lossless original stays lossless; a JPEG one is encoded once more, at the profile's quality.
        profile.format = page.format == u"png" || out.mode == ColorMode::Lineart ? ImageProfile::Format::Png
                                                                                 : ImageProfile::Format::Jpeg;
        auto encoded = PageEncoder::encode(out, profile);
        if (!encoded)
            return encoded.error();
        derived = std::move(encoded).value();
    }
    if (cancelRequested(control))
        return Error(ErrorCode::Cancelled);
    return store.saveCleanup(page.id, record, derived ? &*derived : nullptr);
}

Error CleanupJob::run()
{
    auto dossier = m_store.dossier(m_request.dossierCode);
    if (!dossier)
        return dossier.error();
    m_report.dossier = dossier.value();
    auto visible = visiblePages(m_store, dossier.value(), m_request.component);
    if (!visible)
        return visible.error();
    const QList<PageRecord> &pages = visible.value();
    m_report.pages = int(pages.size());
    const QString options = m_request.options.toList();
    QList<PageRecord> todo;
    for (const PageRecord &p : std::as_const(pages)) {
        if (!m_request.redo && p.cleanup.present && p.cleanup.options == options) {
            ++m_report.skipped;
            m_report.results.append(p);
            continue;
        }
        todo.append(p);
    }
    const QString what = QCoreApplication::translate("sohoa::workflows::CleanupJob", "Cleaning up pages");
    reportProgress(0, todo.size(), what);

    // One page per core: the steps are CPU work on one page's pixels.
    int done = 0;
    std::mutex mutex;
    Error failure;
    QList<PageRecord> cleaned;
    detail::onEveryCore(int(todo.size()), [&](detail::ItemCounter &items) {
        for (int i = items.next(); i >= 0 && !isCancelRequested(); i = items.next()) {
            auto r = cleanPage(m_store, todo.at(i), QImage(), m_request.options, m_request.jpegQuality, this);
            std::lock_guard lock(mutex);
            if (!r) {
                if (!failure.isError() && r.error().code() != ErrorCode::Cancelled)
                    failure = r.error();
                continue;
            }
            cleaned.append(r.value());
            Q_EMIT pageCleaned(r.value());
            reportProgress(++done, todo.size(), what);
        }
        m_store.releaseThreadConnection();
    });
    m_report.cleaned = int(cleaned.size());
    m_report.results.append(cleaned);
    for (const PageRecord &p : std::as_const(m_report.results)) {
        if (p.cleanup.awaitsBlankReview())
            ++m_report.blank;
    }
    m_store.releaseThreadConnection();
    if (isCancelRequested())
        return Error(ErrorCode::Cancelled);
    return failure;
}

} // namespace sohoa::workflows
