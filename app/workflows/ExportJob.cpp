#include "app/workflows/ExportJob.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace sohoa::workflows {

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
    QList<PageRecord> pages;
    QString title = dossier->code;
    if (!request.component.isEmpty()) {
        auto comp = store.component(dossier->id, request.component);
        if (!comp)
            return comp.error();
        auto list = store.pages(comp->id);
        if (!list)
            return list.error();
        pages = list.value();
        title += QStringLiteral(" — ") + comp->name;
    } else {
        auto list = store.dossierPages(dossier->id);
        if (!list)
            return list.error();
        pages = list.value();
    }
    for (const PageRecord &p : std::as_const(pages)) {
        const QFileInfo fi(p.absolutePath);
        if (!fi.exists())
            return Error(ErrorCode::PageFileMissing, p.relativePath);
        if (fi.size() != p.size)
            return Error(ErrorCode::PageFileDamaged, p.relativePath);
    }

    QList<PdfPageSource> sources;
    for (const PageRecord &p : std::as_const(pages))
        sources.append({p.absolutePath, p.dpi, p.rotation});
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
    ExportReport report;
    report.dossier = dossier.value();
    report.path = QFileInfo(request.outputPath).absoluteFilePath();
    auto written = PdfWriter::write(report.path, sources, meta, writeOptions);
    if (!written)
        return written.error();
    report.pdf = written.value();
    if (auto a = store.audit(QStringLiteral("pdf-exported"),
                             QStringLiteral("%1 (%2 pages, %3 bytes)")
                                 .arg(report.path)
                                 .arg(report.pdf.pageCount)
                                 .arg(report.pdf.fileSize),
                             dossier->id);
        !a)
        report.auditError = a.error();
    return report;
}

Error ExportJob::run()
{
    reportProgress(0, 0, QCoreApplication::translate("sohoa::workflows::ExportJob", "Writing the PDF"));
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
