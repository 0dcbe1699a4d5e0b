#include "app/workflows/PageAddress.h"

namespace sohoa::workflows {

Result<ComponentInfo> findComponent(DossierStore &store, const QString &dossierCode, const QString &name)
{
    auto dossier = store.dossier(dossierCode);
    if (!dossier)
        return dossier.error();
    return store.component(dossier->id, name);
}

Result<QList<PageRecord>> visiblePages(DossierStore &store, const DossierInfo &dossier, const QString &component,
                                       QString *componentName)
{
    if (component.isEmpty())
        return store.dossierPages(dossier.id);
    auto found = store.component(dossier.id, component);
    if (!found)
        return found.error();
    if (componentName)
        *componentName = found->name;
    return store.pages(found->id);
}

Result<PageRecord> findPage(DossierStore &store, const PageAddress &address)
{
    auto component = findComponent(store, address.dossierCode, address.component);
    if (!component)
        return component.error();
    return store.pageAt(component->id, address.position);
}

Result<PageRecord> findDeletedPage(DossierStore &store, const PageAddress &address)
{
    auto component = findComponent(store, address.dossierCode, address.component);
    if (!component)
        return component.error();
    auto deleted = store.deletedPages(component->id); // oldest deletion first
    if (!deleted)
        return deleted.error();
    for (auto it = deleted->crbegin(); it != deleted->crend(); ++it)
        if (it->position == address.position)
            return *it;
    return Error(
        ErrorCode::PageNotFound,
        QStringLiteral("no deleted page was at position %1 of %2").arg(address.position).arg(address.component));
}

} // namespace sohoa::workflows
