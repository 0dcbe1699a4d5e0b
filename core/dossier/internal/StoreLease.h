#pragma once

// Private to core/dossier: who is writing a store right now.

#include "core/common/Result.h"

#include <QString>

#include <memory>

namespace sohoa::store {

// A writer's lease on a store: a file under <store>/.sohoa/leases/ that the writing process holds an
// exclusive flock(2) on for as long as it has the store open. A page reservation (page_intents)
// records its writer's lease; recovery in another process touches only reservations and temporary
// files whose writer is gone (its lease file unlockable no more, or missing), so a reader or a second
// scanner never adopts or deletes a page a live process is in the middle of writing. The kernel
// drops the lock when a process dies, however it dies (SIGKILL, power cut: then the file is stale).
//
// Every lease also holds a shared flock on the store's gate, <store>/.sohoa/store.lock. A rebuild of the
// index (StoreRebuild) takes the gate exclusively (acquireSole): it runs only when no other process has
// the store open for writing, and while it runs no writer can open the store (store-locked).
class StoreLease
{
public:
    ~StoreLease(); // releases the lock and removes the file
    StoreLease(const StoreLease &) = delete;
    StoreLease &operator=(const StoreLease &) = delete;

    // store-locked while a rebuild holds the gate.
    static Result<std::unique_ptr<StoreLease>> acquire(const QString &storeRoot);
    // The only writer: the gate held exclusively, and no lease of another live writer (one that holds
    // no gate: a program older than the gate). store-locked, saying who is in the way, otherwise.
    static Result<std::unique_ptr<StoreLease>> acquireSole(const QString &storeRoot);
    const QString &id() const { return m_id; }

    // Whether the writer of lease `id` still holds it (an empty id: a reservation made before leases
    // existed, whose writer is gone).
    static bool isHeld(const QString &storeRoot, const QString &id);
    // Whether any writer other than `ownId` holds a lease now. Lease files of writers that are gone
    // are removed on the way.
    // With `removeStale` false nothing is changed (a store opened read-only).
    static bool anyOtherHeld(const QString &storeRoot, const QString &ownId, bool removeStale = true);

private:
    StoreLease(QString id, QString path, int fd, int gateFd)
        : m_id(std::move(id)), m_path(std::move(path)), m_fd(fd), m_gateFd(gateFd)
    {}
    static Result<std::unique_ptr<StoreLease>> acquire(const QString &storeRoot, bool sole);
    QString m_id;
    QString m_path;
    int m_fd = -1;
    int m_gateFd = -1;
};

} // namespace sohoa::store
