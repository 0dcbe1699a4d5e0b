#pragma once

#include "app/workflows/Job.h"
#include "core/dossier/DossierStore.h"

#include <QList>
#include <QString>

namespace sohoa::workflows {

struct DossierCheck
{
    DossierInfo dossier;
    int pagesChecked = 0;
    QList<PageRecord> damaged; // the file's SHA-256 is not the one recorded when it was saved
    QList<PageRecord> missing;
    bool isClean() const { return damaged.isEmpty() && missing.isEmpty(); }
};

// Re-reads every page file of a dossier (deleted pages too: they can come back) and compares its
// SHA-256 with the one recorded when it was saved. Finishes with None even when pages are damaged or missing: the check
// itself worked, and report() says what it found (the face decides how to present it).
class VerifyDossierJob : public Job
{
    Q_OBJECT
public:
    VerifyDossierJob(DossierStore &store, QString dossierCode, QObject *parent = nullptr);
    ~VerifyDossierJob() override;

    const DossierCheck &report() const { return m_report; }

protected:
    Error run() override;

private:
    DossierStore &m_store;
    QString m_code;
    DossierCheck m_report;
};

} // namespace sohoa::workflows
