#pragma once

#include "app/workflows/Job.h"
#include "core/dossier/DossierStore.h"
#include "core/imaging/PageCleanup.h"
#include "core/imaging/PageEncoder.h"

#include <QImage>
#include <QList>
#include <QString>

namespace sohoa::workflows {

struct CleanupRequest
{
    QString dossierCode;
    QString component; // empty: every component
    CleanupOptions options;
    int jpegQuality = 85; // a cleaned JPEG page is encoded once, at the profile's quality
    // Pages already cleaned with the same options are left as they are unless redo.
    bool redo = false;
};

struct CleanupReport
{
    DossierInfo dossier;
    int pages = 0;   // visible pages looked at
    int cleaned = 0; // cleanup recorded this run
    int skipped = 0; // already cleaned with these options
    int blank = 0;   // flagged blank (this run or before) and not yet reviewed
    QList<PageRecord> results;
};

// Cleanup of pages already in a dossier (an import, pages scanned before cleanup was on, other options):
// each page's original is read, cleaned (deskew, orientation, crop, blank flag, bilevel: PageCleanup)
// and the result recorded beside it (DossierStore::saveCleanup): the original is never changed. Pages run
// in parallel, one per core; cancel stops between pages and leaves every page either as it was or cleaned.
class CleanupJob : public Job
{
    Q_OBJECT
public:
    CleanupJob(DossierStore &store, CleanupRequest request, QObject *parent = nullptr);
    ~CleanupJob() override;

    const CleanupReport &report() const { return m_report; }

    // One page, on the calling thread: `pixels` are the page as scanned when the caller still has them
    // (the scan pipeline), else the original file is read. The derived image is encoded as the original
    // was (JPEG at jpegQuality; PNG for a PNG original or a bilevel result).
    static Result<PageRecord> cleanPage(DossierStore &store, const PageRecord &page, const QImage &pixels,
                                        const CleanupOptions &options, int jpegQuality, WorkControl *control);

Q_SIGNALS:
    void pageCleaned(const sohoa::PageRecord &page);

protected:
    Error run() override;

private:
    DossierStore &m_store;
    CleanupRequest m_request;
    CleanupReport m_report;
};

} // namespace sohoa::workflows
