#pragma once

#include "core/common/Result.h"
#include "core/dossier/DossierStore.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace sohoa::workflows {

// A kind of administrative procedure (thủ tục hành chính) the desk receives, with the components
// (thành phần hồ sơ) its dossiers are made of, in the order they are checked against the paper. The
// names are data: they are stored in the dossier and name its folders.
struct ProcedureTemplate
{
    QString name;
    QStringList components;

    QVariantMap toVariant() const;
    static ProcedureTemplate fromVariant(const QVariantMap &map);
    // A few common procedures to start from; the desk edits the list in the settings.
    static QList<ProcedureTemplate> defaults();
};

struct NewDossier
{
    QString code;
    bool allowFreeForm = false;
    QString procedure;
    QString applicant;
    QStringList components; // none: one default component ("Tài liệu", as a scan without --component)
};

struct DossierSetupResult
{
    DossierInfo dossier;
    QList<ComponentInfo> components; // in order
};

// Makes a dossier with its components (an existing dossier of that code is an error: the counter
// would otherwise scan into somebody else's file). Checks the code and every component name first,
// so a bad name leaves nothing behind.
Result<DossierSetupResult> createDossier(DossierStore &store, const NewDossier &request);

// The next code for the desk today (DossierCode::suggestNext over the store's dossiers).
Result<QString> suggestDossierCode(const DossierStore &store, const QString &agencyPrefix, const QString &systemId,
                                   const QDate &date);

// The officer counted the paper of a component and it matches the `pages` scanned: recorded in the
// audit log ("pages-confirmed"), the trace Circular 01/2023 asks for (number of images = pages).
Result<void> confirmPageCount(DossierStore &store, const ComponentInfo &component, int pages);

} // namespace sohoa::workflows
