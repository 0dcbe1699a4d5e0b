#include "app/workflows/VerifyDossierJob.h"

#include "core/common/Sha256.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace sohoa::workflows {

VerifyDossierJob::VerifyDossierJob(DossierStore &store, QString dossierCode, QObject *parent)
    : Job(parent), m_store(store), m_code(std::move(dossierCode))
{
    qRegisterMetaType<sohoa::PageRecord>();
}

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
    auto pages = m_store.dossierPages(dossier->id);
    if (!pages)
        return pages.error();
    const qint64 total = pages->size();
    for (const PageRecord &p : pages.value()) {
        if (isCancelRequested())
            return Error(ErrorCode::Cancelled, m_code);
        bool ok = true;
        if (!QFileInfo::exists(p.absolutePath)) {
            m_report.missing.append(p);
            ok = false;
        } else if (auto h = sha256HexOfFile(p.absolutePath); !h || h.value() != p.sha256) {
            m_report.damaged.append(p);
            ok = false;
        }
        ++m_report.pagesChecked;
        Q_EMIT pageChecked(p, ok);
        reportProgress(m_report.pagesChecked, total,
                       QCoreApplication::translate("sohoa::workflows::VerifyDossierJob", "Checking the page files"));
    }
    return {};
}

} // namespace sohoa::workflows
