#pragma once

#include "app/workflows/Job.h"
#include "core/dossier/DossierStore.h"
#include "core/pdf/PdfWriter.h"

#include <QString>

namespace sohoa::workflows {

struct ExportRequest
{
    QString dossierCode;
    QString component; // empty: the whole dossier, component after component
    QString outputPath;
    bool overwrite = false;
    // PDF/A-2b with the Decree 30 metadata in its XMP and an XML sidecar beside it (sidecarPathFor).
    bool archival = false;
    // OCR text layer languages ("vie", "eng", "vie+eng"); empty: no text layer.
    QString ocrLanguages;
    // Pages as scanned even where cleanup made a cleaned image (the cleaned one is used by default).
    bool originals = false;
};

struct ExportReport
{
    DossierInfo dossier;
    QString path; // absolute
    PdfWriteReport pdf;
    QString sidecarPath;   // archival: the XML sidecar, absolute
    int cleanedPages = 0;  // pages written from their cleaned image
    int ocrPages = 0;      // pages with a text layer (pages flagged blank are not read)
    double ocrConfidence = 0; // mean of the pages' mean word confidence, 0..100
    qint64 ocrMs = 0;      // wall time of the recognition
    // Why the export is not in the store's audit log (store-read-only for a mounted archive); the
    // PDF is written all the same: reading a store must not depend on writing to it.
    Error auditError;
};

// Writes a dossier (or one component) as one PDF, in the order the user arranged, each page turned
// as the user rotated it (/Rotate: a JPEG page is never re-encoded), deleted pages left out. Every
// page file is checked first (present, same size): a page that went missing or changed must not
// slip silently out of the PDF. The file appears atomically or not at all (cancel included); the
// export is recorded in the audit log, or, where the store cannot be written (read-only), the job
// ends well with a warning() and report().auditError saying so.
class ExportJob : public Job
{
    Q_OBJECT
public:
    ExportJob(DossierStore &store, ExportRequest request, QObject *parent = nullptr);
    ~ExportJob() override;

    const ExportRequest &request() const { return m_request; }
    const ExportReport &report() const { return m_report; }

    // The same work on the calling thread (for a caller that is itself a worker).
    // With OCR, pages are recognized in parallel, one Tesseract per core (never on the acquisition
    // thread: this runs on a job's worker), cancellable between and within pages.
    static Result<ExportReport> exportNow(DossierStore &store, const ExportRequest &request,
                                          const PdfWriteOptions &options = {});

protected:
    Error run() override;

private:
    DossierStore &m_store;
    ExportRequest m_request;
    ExportReport m_report;
};

} // namespace sohoa::workflows
