#include "app/workflows/ExportJob.h"

#include "app/workflows/ArchivalRecord.h"
#include "app/workflows/EveryCore_p.h"
#include "app/workflows/PageAddress.h"
#include "core/common/Sha256.h"
#include "core/ocr/TextRecognizer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImageReader>

#include <mutex>

namespace sohoa::workflows {

namespace {

// The file a page is exported from: its cleaned image unless the caller wants the originals.
bool useCleaned(const PageRecord &p, const ExportRequest &request)
{
    return !request.originals && p.cleanup.hasImage();
}

// What a recognizer may see of the job: its cancel, not its progress (which counts pages here).
class CancelOnly : public WorkControl
{
public:
    explicit CancelOnly(const WorkControl *control) : m_control(control) {}
    bool isCancelRequested() const override { return cancelRequested(m_control); }
    void reportProgress(qint64, qint64) override {}

private:
    const WorkControl *m_control;
};

// Text layers of every page, one recognizer per thread (Tesseract's own OpenMP threads are off: pages in
// parallel are faster on few cores). Progress is pages recognized; a cancel stops every thread.
Result<QList<PageText>> recognizePages(const QList<PdfPageSource> &sources, const QList<bool> &skip,
                                       const QString &languages, WorkControl *control, double *meanConfidence)
{
    QList<PageText> texts(sources.size());
    int done = 0;
    std::mutex mutex;
    Error failure;
    detail::onEveryCore(int(sources.size()), [&](detail::ItemCounter &items) {
        CancelOnly cancelOnly(control);
        TextRecognizer recognizer(languages);
        if (auto r = recognizer.open(); !r) {
            std::lock_guard lock(mutex);
            if (!failure.isError())
                failure = r.error();
            return;
        }
        for (int i = items.next(); i >= 0; i = items.next()) {
            {
                std::lock_guard lock(mutex);
                if (failure.isError() || cancelRequested(control))
                    return;
            }
            const PdfPageSource &source = sources.at(i);
            if (skip.at(i)) { // a blank page someone kept (a back with nothing on it): nothing to read
                std::lock_guard lock(mutex);
                reportProgress(control, ++done, sources.size());
                continue;
            }
            QImageReader reader(source.imagePath);
            reader.setAutoTransform(false);
            const QImage image = reader.read();
            Result<PageText> text =
                image.isNull() ? Result<PageText>(Error(ErrorCode::PageFileDamaged,
                                                        source.imagePath + QStringLiteral(": ") + reader.errorString()))
                               : recognizer.recognize(image, source.dpi, &cancelOnly);
            std::lock_guard lock(mutex);
            if (!text) {
                if (!failure.isError())
                    failure = text.error();
                return;
            }
            texts[i] = std::move(text).value();
            reportProgress(control, ++done, sources.size());
        }
    });
    if (cancelRequested(control))
        return Error(ErrorCode::Cancelled);
    if (failure.isError())
        return failure;
    double sum = 0;
    int read = 0;
    for (qsizetype i = 0; i < texts.size(); ++i) {
        if (!skip.at(i)) {
            sum += texts.at(i).meanConfidence;
            ++read;
        }
    }
    *meanConfidence = read == 0 ? 0 : sum / read;
    return texts;
}

PdfArchivalRecord pdfRecord(const ArchivalRecord &record)
{
    PdfArchivalRecord out;
    out.dossier = record.file;
    for (const ArchivalDocument &d : record.documents)
        out.documents.append(d.fields);
    return out;
}

} // namespace

ExportJob::ExportJob(DossierStore &store, ExportRequest request, QObject *parent)
    : Job(parent), m_store(store), m_request(std::move(request))
{}

ExportJob::~ExportJob()
{
    stop();
}

Result<ExportReport> ExportJob::exportNow(DossierStore &store, const ExportRequest &request,
                                          const PdfWriteOptions &options)
{
    auto dossier = store.dossier(request.dossierCode);
    if (!dossier)
        return dossier.error();
    QString componentName;
    auto visible = visiblePages(store, dossier.value(), request.component, &componentName);
    if (!visible)
        return visible.error();
    const QList<PageRecord> &pages = visible.value();
    QString title = dossier->code;
    if (!componentName.isEmpty())
        title += QStringLiteral(" — ") + componentName;
    ExportReport report;
    for (const PageRecord &p : std::as_const(pages)) {
        const bool cleaned = useCleaned(p, request);
        const QFileInfo fi(cleaned ? p.cleanup.absolutePath : p.absolutePath);
        const QString rel = cleaned ? p.cleanup.relativePath : p.relativePath;
        if (!fi.exists())
            return Error(ErrorCode::PageFileMissing, rel);
        if (fi.size() != (cleaned ? p.cleanup.size : p.size))
            return Error(ErrorCode::PageFileDamaged, rel);
        // The bytes, not only the size: a page file replaced by another of the same length must not be
        // exported (and then signed as a true copy). SHA-NI: about 1 ms a megabyte.
        auto digest = sha256HexOfFile(fi.absoluteFilePath());
        if (!digest)
            return digest.error();
        if (digest.value() != (cleaned ? p.cleanup.sha256 : p.sha256))
            return Error(ErrorCode::PageFileDamaged, rel + QStringLiteral(": its SHA-256 is not the one saved"));
        report.cleanedPages += cleaned ? 1 : 0;
    }

    QList<PdfPageSource> sources;
    for (const PageRecord &p : std::as_const(pages)) {
        PdfPageSource source;
        source.imagePath = useCleaned(p, request) ? p.cleanup.absolutePath : p.absolutePath;
        source.dpi = p.dpi;
        source.rotation = p.rotation;
        sources.append(source);
    }
    if (!request.ocrLanguages.isEmpty()) {
        QElapsedTimer clock;
        clock.start();
        QList<bool> skip;
        for (const PageRecord &p : std::as_const(pages))
            skip.append(p.cleanup.blank);
        auto texts = recognizePages(sources, skip, request.ocrLanguages, options.control, &report.ocrConfidence);
        if (!texts)
            return texts.error();
        for (qsizetype i = 0; i < sources.size(); ++i)
            sources[i].text = texts->at(i);
        report.ocrPages = int(skip.count(false));
        report.ocrMs = clock.elapsed();
    }
    PdfMetadata meta;
    meta.title = title;
    // Document content in the record's language, not UI text.
    meta.subject = dossier->procedure.isEmpty() ? QStringLiteral("Hồ sơ số hóa") : dossier->procedure;
    meta.author = dossier->applicant;
    meta.keywords = dossier->code;
    meta.created = dossier->createdAt;
    meta.modified = QDateTime::currentDateTime();
    PdfWriteOptions writeOptions = options;
    writeOptions.overwrite = request.overwrite;
    writeOptions.archival = request.archival;
    report.dossier = dossier.value();
    report.path = QFileInfo(request.outputPath).absoluteFilePath();
    std::optional<ArchivalRecord> record;
    if (request.archival) {
        auto r = archivalRecord(store, dossier.value(), request.component);
        if (!r)
            return r.error();
        record = std::move(r).value();
        meta.title = record->value(QStringLiteral("Title"));
        meta.author = record->value(QStringLiteral("Creator"));
        meta.language = QStringLiteral("vi-VN");
        // The archival guidance wants times with the Vietnamese offset, whatever the machine's zone.
        meta.created = meta.created.toOffsetFromUtc(7 * 3600);
        meta.modified = meta.modified.toOffsetFromUtc(7 * 3600);
        meta.record = pdfRecord(*record);
        // The same export of the same dossier keeps its document ID (a new instance each time).
        meta.documentId = QString::fromLatin1(
            QCryptographicHash::hash((dossier->code + u'/' + request.component).toUtf8(), QCryptographicHash::Md5)
                .toHex());
        // The sidecar is checked before the PDF is written: a refusal must not leave half a package.
        report.sidecarPath = sidecarPathFor(report.path);
        if (!request.overwrite && QFileInfo::exists(report.sidecarPath))
            return Error(ErrorCode::OutputExists, report.sidecarPath);
    }
    auto written = PdfWriter::write(report.path, sources, meta, writeOptions);
    if (!written)
        return written.error();
    report.pdf = written.value();
    if (record) {
        // What the sidecar vouches for: the PDF, and every page file it was made from (originals, and the
        // cleaned images that went into it), relative to the store.
        QList<ArchivalManifestItem> items;
        auto pdfHash = sha256HexOfFile(report.path);
        if (!pdfHash)
            return pdfHash.error();
        items.append(
            {QStringLiteral("archival-pdf"), QFileInfo(report.path).fileName(), report.pdf.fileSize, pdfHash.value()});
        for (const PageRecord &p : std::as_const(pages)) {
            items.append({QStringLiteral("page-original"), p.relativePath, p.size, p.sha256});
            if (useCleaned(p, request))
                items.append(
                    {QStringLiteral("page-cleaned"), p.cleanup.relativePath, p.cleanup.size, p.cleanup.sha256});
        }
        if (auto w = writeArchivalSidecar(report.sidecarPath, *record, items, QDateTime::currentDateTime(),
                                          request.overwrite);
            !w)
            return w.error();
    }
    if (auto a =
            store.audit(request.archival ? QStringLiteral("pdfa-exported") : QStringLiteral("pdf-exported"),
                        QStringLiteral("%1 (%2 pages, %3 bytes%4%5)")
                            .arg(report.path)
                            .arg(report.pdf.pageCount)
                            .arg(report.pdf.fileSize)
                            .arg(report.ocrPages > 0 ? QStringLiteral(", OCR ") + request.ocrLanguages : QString(),
                                 report.cleanedPages > 0 ? QStringLiteral(", %1 cleaned pages").arg(report.cleanedPages)
                                                         : QString()),
                        dossier->id);
        !a)
        report.auditError = a.error();
    return report;
}

Error ExportJob::run()
{
    reportProgress(
        0, 0,
        m_request.ocrLanguages.isEmpty()
            ? QCoreApplication::translate("sohoa::workflows::ExportJob", "Writing the PDF")
            : QCoreApplication::translate("sohoa::workflows::ExportJob", "Recognizing the text of the pages"));
    PdfWriteOptions options;
    options.control = this;
    auto r = exportNow(m_store, m_request, options);
    m_store.releaseThreadConnection();
    if (!r)
        return r.error();
    m_report = std::move(r).value();
    if (m_report.auditError.isError())
        emit warning(m_report.auditError);
    return {};
}

} // namespace sohoa::workflows
