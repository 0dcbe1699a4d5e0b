#pragma once

#include "core/dossier/DossierStore.h"

#include <QObject>

namespace sohoa {

// What changed in a DossierStore, announced AFTER the change is committed, from the thread that
// made it: receivers in other threads get the signals queued, in the order of the commits made
// by one thread. Each signal carries what an item model needs to call beginInsertRows /
// beginMoveRows / beginRemoveRows without asking the store again (positions are 1-based, as in
// PageRecord).
//
// These cover changes made through this store object in this process only. What another process (or
// another DossierStore opened on the same folder) commits is announced by changedElsewhere, and only
// while DossierStore::watchForOutsideChanges is on.
class StoreNotifier : public QObject
{
    Q_OBJECT

public:
    explicit StoreNotifier(QObject *parent = nullptr);

signals:
    void dossierCreated(const sohoa::DossierInfo &dossier);
    // Page count or updated_at changed.
    void dossierUpdated(const sohoa::DossierInfo &dossier);
    void componentAdded(const sohoa::ComponentInfo &component);
    // A new page at page.position of page.componentId (later pages moved down by one).
    void pageAdded(const sohoa::PageRecord &page);
    // The page left fromPosition of fromComponentId and is now at page.position of page.componentId.
    void pageMoved(const sohoa::PageRecord &page, qint64 fromComponentId, int fromPosition);
    void pageRotated(const sohoa::PageRecord &page);
    // Cleanup findings or a blank-page review changed page.cleanup (same place in the order).
    void pageUpdated(const sohoa::PageRecord &page);
    // The page left the order at fromPosition (later pages moved up by one).
    void pageDeleted(const sohoa::PageRecord &page, int fromPosition);
    // The page is back at page.position (later pages moved down by one).
    void pageRestored(const sohoa::PageRecord &page);
    // An upload job was queued, taken for sending, finished an attempt, or changed state by a person; as
    // it is now. Announced from the runner's threads too (queued to receivers elsewhere).
    void uploadJobChanged(const sohoa::UploadJobRecord &job);

    // Commits made outside this store object (DossierStore::watchForOutsideChanges), a few hundred
    // milliseconds late, from the notifier's thread: the dossiers they changed (ascending, each once),
    // without the details; a model reads what it shows again and compares. wholeStore: something
    // changed that no dossier id names (a scan batch's trace, a recovery, an index rebuilt under a
    // read-only store): read everything again. Never sent for this object's own commits.
    void changedElsewhere(const QList<qint64> &dossierIds, bool wholeStore);
};

} // namespace sohoa
