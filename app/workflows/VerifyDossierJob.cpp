#include "app/workflows/VerifyDossierJob.h"

#include <QCoreApplication>

namespace sohoa::workflows {

VerifyDossierJob::VerifyDossierJob(DossierStore &store, QString dossierCode, QObject *parent)
    : Job(parent), m_store(store), m_code(std::move(dossierCode))
{}

VerifyDossierJob::~VerifyDossierJob()
{
    stop();
}

Error VerifyDossierJob::run()
{
    struct Release
    {
        DossierStore &store;
        ~Release() { store.releaseThreadConnection(); }
    } release{m_store};
    auto dossier = m_store.dossier(m_code);
    if (!dossier)
        return dossier.error();
    m_report.dossier = dossier.value();
    reportProgress(0, 0, QCoreApplication::translate("sohoa::workflows::VerifyDossierJob", "Checking the page files"));
    auto checked = m_store.verifyDossier(dossier->id, &m_report.damaged, &m_report.missing, this);
    if (!checked)
        return checked.error();
    m_report.pagesChecked = int(checked->size());
    return {};
}

} // namespace sohoa::workflows
