// DossierStore, continued: the order of pages and their edits (move, rotate, delete, restore).
// Split from DossierStore.cpp by concern; the files share DossierStore::Private.

#include "core/dossier/DossierStore.h"

#include "core/dossier/StoreNotifier.h"
#include "core/dossier/internal/DossierStorePrivate.h"

#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>

namespace sohoa {

using namespace store;

namespace {

Result<QList<PageRecord>> pageList(const StoreDatabase &database, const QString &where, const QVariantList &args)
{
    auto q = database.exec(QStringLiteral("SELECT ") + kPageColumns + kPageFrom + where, args);
    if (!q)
        return q.error();
    QList<PageRecord> out;
    while (q->next())
        out.append(pageFromQuery(q.value(), database.root()));
    return out;
}

Error invalid(const QString &what, const PageRecord &page)
{
    return Error(ErrorCode::InvalidArgument,
                 QStringLiteral("%1 (page %2, %3)").arg(what).arg(page.id).arg(page.relativePath));
}

} // namespace

Result<QList<PageRecord>> DossierStore::pages(qint64 componentId) const
{
    return pageList(d->database,
                    QStringLiteral("WHERE p.component_id = ? AND p.deleted_at IS NULL ORDER BY p.position"),
                    {componentId});
}

Result<QList<PageRecord>> DossierStore::dossierPages(qint64 dossierId) const
{
    return pageList(d->database,
                    QStringLiteral("JOIN components c ON c.id = p.component_id"
                                   " WHERE c.dossier_id = ? AND p.deleted_at IS NULL ORDER BY c.position, p.position"),
                    {dossierId});
}

Result<QList<PageRecord>> DossierStore::deletedPages(qint64 componentId) const
{
    return pageList(d->database,
                    QStringLiteral("WHERE p.component_id = ? AND p.deleted_at IS NOT NULL ORDER BY p.deleted_at, p.id"),
                    {componentId});
}

Result<PageRecord> DossierStore::page(qint64 pageId) const
{
    return d->database.page(pageId);
}

Result<PageRecord> DossierStore::pageAt(qint64 componentId, int position) const
{
    auto found =
        pageList(d->database, QStringLiteral("WHERE p.component_id = ? AND p.position = ?"), {componentId, position});
    if (!found)
        return found.error();
    if (found->isEmpty())
        return Error(ErrorCode::PageNotFound,
                     QStringLiteral("position %1 of component %2").arg(position).arg(componentId));
    return found->constFirst();
}

Result<DossierStore::Private::PageChange>
DossierStore::Private::changePage(qint64 pageId, const std::function<Result<PageEdit>(const PageRecord &)> &edit)
{
    Transaction tx(database.db());
    if (!tx.ok())
        return sqlError(tx.error(), database.path());
    PageChange change;
    auto before = database.page(pageId);
    if (!before)
        return before.error();
    change.before = before.value();
    auto component = database.component(change.before.componentId);
    if (!component)
        return component.error();
    auto dossierBefore = database.dossier(component->dossierId);
    if (!dossierBefore)
        return dossierBefore.error();
    // The dossier's manifest is held from before the change until it is rewritten after the commit
    // (waiting here never blocks another writer's commit: see ManifestKeeper::Lock).
    auto manifestLock = manifests.lock(dossierBefore->code);
    if (!manifestLock)
        return manifestLock.error();
    auto manifestBefore = manifests.snapshot(component->dossierId);
    if (!manifestBefore)
        return manifestBefore.error();
    auto done = edit(change.before);
    if (!done)
        return done.error();
    if (done->action.isEmpty()) { // nothing to do: nothing written, nothing announced
        change.after = change.before;
        return change;
    }
    auto after = database.page(pageId);
    if (!after)
        return after.error();
    change.after = after.value();
    if (auto r = database.touchDossier(component->dossierId, isoNow()); !r)
        return r.error();
    QJsonObject detail = done->detail;
    detail.insert(QStringLiteral("page"), pageId);
    detail.insert(QStringLiteral("path"), change.after.relativePath);
    if (auto a = database.audit(done->action, QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)),
                                component->dossierId, pageId);
        !a)
        return a.error();
    auto dossier = database.dossier(component->dossierId);
    if (!dossier)
        return dossier.error();
    change.dossier = dossier.value();
    // Before the commit, the manifest says that this change is under way: a crash between the commit
    // and the rewrite below then leaves a manifest that a rebuild knows may be one change behind,
    // never one it would trust against the committed rows. No marker, no commit.
    manifestBefore->pending = QJsonObject{
        {QStringLiteral("action"), done->action}, {QStringLiteral("detail"), detail}, {QStringLiteral("at"), isoNow()}};
    if (auto w = manifests.write(manifestBefore.value()); !w)
        return w.error();
    if (!tx.commit())
        return sqlError(tx.error(), database.path());
    change.changed = true;
    const Result<void> rewritten = manifests.rewrite(component->dossierId);
    manifestLock = ManifestKeeper::Lock(); // released before the failure, if any, is audited
    if (!rewritten)
        manifests.recordFailure(component->dossierId, rewritten.error());
    return change;
}

Result<PageRecord> DossierStore::movePage(qint64 pageId, qint64 toComponentId, int toPosition)
{
    auto change = d->changePage(pageId, [&](const PageRecord &page) -> Result<Private::PageEdit> {
        if (page.deleted)
            return invalid(QStringLiteral("a deleted page cannot be moved; restore it first"), page);
        auto from = d->database.component(page.componentId);
        if (!from)
            return from.error();
        auto to = d->database.component(toComponentId);
        if (!to)
            return to.error();
        if (to->dossierId != from->dossierId)
            return invalid(QStringLiteral("a page moves only within its dossier"), page);
        auto count = d->database.visiblePageCount(toComponentId);
        if (!count)
            return count.error();
        const bool sameComponent = toComponentId == page.componentId;
        const int last = sameComponent ? count.value() : count.value() + 1;
        if (toPosition < 1 || toPosition > last)
            return invalid(QStringLiteral("position %1 is outside 1..%2 of %3").arg(toPosition).arg(last).arg(to->name),
                           page);
        if (sameComponent && toPosition == page.position)
            return Private::PageEdit{};
        // Out (position 0 is never a real one), close its gap, open one where it goes, in.
        auto out = d->database.exec(QStringLiteral("UPDATE pages SET position = 0 WHERE id = ?"), {page.id});
        if (!out)
            return out.error();
        if (auto r = d->database.closeGap(page.componentId, page.position); !r)
            return r.error();
        if (auto r = d->database.openGap(toComponentId, toPosition); !r)
            return r.error();
        auto in = d->database.exec(QStringLiteral("UPDATE pages SET component_id = ?, position = ? WHERE id = ?"),
                                   {toComponentId, toPosition, page.id});
        if (!in)
            return in.error();
        return Private::PageEdit{QStringLiteral("page-moved"),
                                 QJsonObject{{QStringLiteral("from_component"), from->name},
                                             {QStringLiteral("from_component_id"), from->id},
                                             {QStringLiteral("from_position"), page.position},
                                             {QStringLiteral("to_component"), to->name},
                                             {QStringLiteral("to_component_id"), to->id},
                                             {QStringLiteral("to_position"), toPosition}}};
    });
    if (!change)
        return change.error();
    if (change->changed) {
        emit d->notifier->pageMoved(change->after, change->before.componentId, change->before.position);
        emit d->notifier->dossierUpdated(change->dossier);
    }
    return change->after;
}

Result<PageRecord> DossierStore::rotatePage(qint64 pageId, int degrees)
{
    if (degrees != 90 && degrees != 180 && degrees != 270)
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("rotation by %1 degrees (90, 180 or 270)").arg(degrees));
    auto change = d->changePage(pageId, [&](const PageRecord &page) -> Result<Private::PageEdit> {
        if (page.deleted)
            return invalid(QStringLiteral("a deleted page cannot be rotated; restore it first"), page);
        const int rotation = (page.rotation + degrees) % 360;
        auto up = d->database.exec(QStringLiteral("UPDATE pages SET rotation = ? WHERE id = ?"), {rotation, page.id});
        if (!up)
            return up.error();
        return Private::PageEdit{QStringLiteral("page-rotated"),
                                 QJsonObject{{QStringLiteral("degrees"), degrees},
                                             {QStringLiteral("from_rotation"), page.rotation},
                                             {QStringLiteral("rotation"), rotation},
                                             {QStringLiteral("position"), page.position}}};
    });
    if (!change)
        return change.error();
    emit d->notifier->pageRotated(change->after);
    emit d->notifier->dossierUpdated(change->dossier);
    return change->after;
}

Result<PageRecord> DossierStore::deletePage(qint64 pageId)
{
    auto change = d->changePage(pageId, [&](const PageRecord &page) -> Result<Private::PageEdit> {
        if (page.deleted)
            return invalid(QStringLiteral("the page is already deleted"), page);
        // The row and the file stay: a deletion is a mark, undone by restorePage.
        auto up = d->database.exec(
            QStringLiteral("UPDATE pages SET position = NULL, deleted_at = ?, deleted_position = ? WHERE id = ?"),
            {isoNow(), page.position, page.id});
        if (!up)
            return up.error();
        if (auto r = d->database.closeGap(page.componentId, page.position); !r)
            return r.error();
        return Private::PageEdit{QStringLiteral("page-deleted"),
                                 QJsonObject{{QStringLiteral("component_id"), page.componentId},
                                             {QStringLiteral("position"), page.position},
                                             {QStringLiteral("sha256"), page.sha256}}};
    });
    if (!change)
        return change.error();
    emit d->notifier->pageDeleted(change->after, change->before.position);
    emit d->notifier->dossierUpdated(change->dossier);
    return change->after;
}

Result<PageRecord> DossierStore::restorePage(qint64 pageId)
{
    auto change = d->changePage(pageId, [&](const PageRecord &page) -> Result<Private::PageEdit> {
        if (!page.deleted)
            return invalid(QStringLiteral("the page is not deleted"), page);
        // A page whose file went missing was deleted (or replaced) to unblock its dossier: putting it
        // back would block it again.
        if (!QFileInfo::exists(page.absolutePath))
            return Error(ErrorCode::PageFileMissing, page.relativePath);
        auto count = d->database.visiblePageCount(page.componentId);
        if (!count)
            return count.error();
        const int position = std::min(page.position, count.value() + 1);
        if (auto r = d->database.openGap(page.componentId, position); !r)
            return r.error();
        auto up = d->database.exec(
            QStringLiteral("UPDATE pages SET position = ?, deleted_at = NULL, deleted_position = NULL WHERE id = ?"),
            {position, page.id});
        if (!up)
            return up.error();
        return Private::PageEdit{QStringLiteral("page-restored"),
                                 QJsonObject{{QStringLiteral("component_id"), page.componentId},
                                             {QStringLiteral("deleted_position"), page.position},
                                             {QStringLiteral("position"), position}}};
    });
    if (!change)
        return change.error();
    emit d->notifier->pageRestored(change->after);
    emit d->notifier->dossierUpdated(change->dossier);
    return change->after;
}

} // namespace sohoa
