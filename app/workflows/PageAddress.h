#pragma once

#include "core/dossier/DossierStore.h"

#include <QString>

namespace sohoa::workflows {

// A page as a person names it: the dossier's code, the component's name and the position they see
// (1-based among the pages not deleted). Windows hold page ids; a command line holds these.
struct PageAddress
{
    QString dossierCode;
    QString component;
    int position = 0;
};

// The visible page at the address: DossierNotFound, ComponentNotFound or PageNotFound.
Result<PageRecord> findPage(DossierStore &store, const PageAddress &address);
// The deleted page that was at this position (the latest deleted, when several were): the one
// `restore` brings back there.
Result<PageRecord> findDeletedPage(DossierStore &store, const PageAddress &address);
// The component `name` of the address's dossier.
Result<ComponentInfo> findComponent(DossierStore &store, const QString &dossierCode, const QString &name);
// The visible pages of the whole dossier in reading order, or of its component `component` when that
// is not empty (then named in *componentName when given).
Result<QList<PageRecord>> visiblePages(DossierStore &store, const DossierInfo &dossier, const QString &component,
                                       QString *componentName = nullptr);

} // namespace sohoa::workflows
