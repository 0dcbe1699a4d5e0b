#include "core/dossier/internal/StoreLease.h"

#include "core/common/DurableFile.h"

#include <QDir>
#include <QFile>
#include <QUuid>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace sohoa::store {

namespace {

QString leaseDirectory(const QString &root)
{
    return root + QStringLiteral("/.sohoa/leases");
}

QString gatePath(const QString &root)
{
    return root + QStringLiteral("/.sohoa/store.lock");
}

QString leasePath(const QString &root, const QString &id)
{
    return leaseDirectory(root) + u'/' + id + QStringLiteral(".lease");
}

// Held: someone else has the exclusive lock. Not held: we could take it (and drop it again at once).
bool heldByAnother(const QString &path, bool *exists)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC); // flock needs no write access
    *exists = fd >= 0;
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd); // also releases a lock just taken
    return held;
}

} // namespace

Result<std::unique_ptr<StoreLease>> StoreLease::acquire(const QString &storeRoot)
{
    return acquire(storeRoot, false);
}

Result<std::unique_ptr<StoreLease>> StoreLease::acquireSole(const QString &storeRoot)
{
    return acquire(storeRoot, true);
}

Result<std::unique_ptr<StoreLease>> StoreLease::acquire(const QString &storeRoot, bool sole)
{
    const QString dir = leaseDirectory(storeRoot);
    if (auto r = makeDirectoryDurably(dir); !r)
        return r.error();
    // The gate first: a writer never holds a lease the rebuild did not see, nor the rebuild one a
    // writer could overlook.
    const QString gate = gatePath(storeRoot);
    const int gateFd = ::open(QFile::encodeName(gate).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (gateFd < 0)
        return Error(errno == ENOSPC ? ErrorCode::DiskFull : ErrorCode::StoreOpenFailed,
                     gate + QStringLiteral(": ") + qt_error_string(errno));
    int rc = 0;
    while ((rc = ::flock(gateFd, (sole ? LOCK_EX : LOCK_SH) | LOCK_NB)) != 0 && errno == EINTR) {
    }
    if (rc != 0) {
        const int err = errno;
        ::close(gateFd);
        if (err != EWOULDBLOCK)
            return Error(ErrorCode::StoreOpenFailed, gate + QStringLiteral(": ") + qt_error_string(err));
        return Error(ErrorCode::StoreLocked,
                     sole ? storeRoot + QStringLiteral(": another process has the store open for writing (a scan, a "
                                                       "window, another command); close it first")
                          : storeRoot + QStringLiteral(": the store's index is being rebuilt by another process"));
    }
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString path = leasePath(storeRoot, id);
    // Locked under a name nobody looks at, then renamed into view: another process must never find
    // the lease unlocked (it would take its writer for gone).
    const QString hidden = path + QStringLiteral(".new");
    const int fd = ::open(QFile::encodeName(hidden).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int err = errno;
        ::close(gateFd);
        return Error(err == ENOSPC ? ErrorCode::DiskFull : ErrorCode::StoreOpenFailed,
                     hidden + QStringLiteral(": ") + qt_error_string(err));
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0 ||
        ::rename(QFile::encodeName(hidden).constData(), QFile::encodeName(path).constData()) != 0) {
        const int err = errno;
        ::close(fd);
        ::close(gateFd);
        ::unlink(QFile::encodeName(hidden).constData());
        return Error(ErrorCode::StoreOpenFailed, path + QStringLiteral(": ") + qt_error_string(err));
    }
    std::unique_ptr<StoreLease> lease(new StoreLease(id, path, fd, gateFd));
    // A writer of a version without the gate shows only by its lease.
    if (sole && anyOtherHeld(storeRoot, id))
        return Error(ErrorCode::StoreLocked, storeRoot + QStringLiteral(": another process holds a writer's lease on "
                                                                        "the store (.sohoa/leases); close it first"));
    return lease;
}

StoreLease::~StoreLease()
{
    // Unlink first: a process that opens the file between the two steps finds it unlocked and gone.
    ::unlink(QFile::encodeName(m_path).constData());
    ::close(m_fd);
    ::close(m_gateFd);
}

bool StoreLease::isHeld(const QString &storeRoot, const QString &id)
{
    if (id.isEmpty())
        return false;
    bool exists = false;
    return heldByAnother(leasePath(storeRoot, id), &exists);
}

bool StoreLease::anyOtherHeld(const QString &storeRoot, const QString &ownId, bool removeStale)
{
    const QDir dir(leaseDirectory(storeRoot));
    bool any = false;
    const QStringList files = dir.entryList({QStringLiteral("*.lease")}, QDir::Files | QDir::Hidden);
    for (const QString &name : files) {
        if (name == ownId + QStringLiteral(".lease"))
            continue;
        bool exists = false;
        if (heldByAnother(dir.filePath(name), &exists))
            any = true;
        else if (exists && removeStale) // its writer is gone (killed, or the machine lost power)
            QFile::remove(dir.filePath(name));
    }
    return any;
}

} // namespace sohoa::store
