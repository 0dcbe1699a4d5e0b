#pragma once

// Private to core/dossier: keeps each dossier's manifest (DossierManifest) in step with the index.

#include "core/common/Result.h"
#include "core/dossier/DossierManifest.h"

#include <QString>

#include <utility>

namespace sohoa::store {

class StoreDatabase;

class ManifestKeeper
{
public:
    explicit ManifestKeeper(const StoreDatabase &database) : m_database(database) {}

    // Keeps other writers of one dossier's manifest waiting (an exclusive flock on the dossier's
    // folder, made if missing; other threads and processes alike), so that a change's pending write,
    // its commit and the rewrite after it are never interleaved with another change's rewrite.
    // Whoever holds it never waits for SQLite's write lock (it only reads), so a writer that waits
    // for it while in a transaction cannot deadlock.
    class Lock
    {
    public:
        Lock() = default;
        explicit Lock(int fd) : m_fd(fd) {}
        Lock(Lock &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
        Lock &operator=(Lock &&other) noexcept;
        Lock(const Lock &) = delete;
        Lock &operator=(const Lock &) = delete;
        ~Lock();

    private:
        int m_fd = -1;
    };
    Result<Lock> lock(const QString &dossierCode) const;

    // The dossier as the calling thread's connection sees it, read consistently (inside the caller's
    // transaction when there is one: then uncommitted changes are included).
    Result<DossierManifest> snapshot(qint64 dossierId) const;
    // Writes a snapshot (stamped with the time) to the dossier's manifest file.
    Result<void> write(DossierManifest manifest) const;

    // After a committed change (the caller holds no lock): the manifest rewritten from the index as
    // committed now. It never fails the change, which is already committed: a failure is logged and
    // recorded in the audit log (manifest-write-failed), and the dossier's next change rewrites the
    // whole manifest.
    void refresh(qint64 dossierId) const;
    // The rewrite alone, for a caller that holds the dossier's lock; such a caller records a failure
    // with recordFailure() only after releasing the lock (the audit entry waits for SQLite's write
    // lock, which a writer waiting for this dossier's lock may hold).
    Result<void> rewrite(qint64 dossierId) const;
    void recordFailure(qint64 dossierId, const Error &error) const;

private:
    const StoreDatabase &m_database;
};

} // namespace sohoa::store
