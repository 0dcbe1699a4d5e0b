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

QString leasePath(const QString &root, const QString &id)
{
    return leaseDirectory(root) + u'/' + id + QStringLiteral(".lease");
}

// Held: someone else has the exclusive lock. Not held: we could take it (and drop it again at once).
bool heldByAnother(const QString &path, bool *exists)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
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
    const QString dir = leaseDirectory(storeRoot);
    if (auto r = makeDirectoryDurably(dir); !r)
        return r.error();
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString path = leasePath(storeRoot, id);
    // Locked under a name nobody looks at, then renamed into view: another process must never find
    // the lease unlocked (it would take its writer for gone).
    const QString hidden = path + QStringLiteral(".new");
    const int fd = ::open(QFile::encodeName(hidden).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error(errno == ENOSPC ? ErrorCode::DiskFull : ErrorCode::StoreOpenFailed,
                     hidden + QStringLiteral(": ") + QString::fromLocal8Bit(strerror(errno)));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0 ||
        ::rename(QFile::encodeName(hidden).constData(), QFile::encodeName(path).constData()) != 0) {
        const int err = errno;
        ::close(fd);
        ::unlink(QFile::encodeName(hidden).constData());
        return Error(ErrorCode::StoreOpenFailed, path + QStringLiteral(": ") + QString::fromLocal8Bit(strerror(err)));
    }
    return std::unique_ptr<StoreLease>(new StoreLease(id, path, fd));
}

StoreLease::~StoreLease()
{
    // Unlink first: a process that opens the file between the two steps finds it unlocked and gone.
    ::unlink(QFile::encodeName(m_path).constData());
    ::close(m_fd);
}

bool StoreLease::isHeld(const QString &storeRoot, const QString &id)
{
    if (id.isEmpty())
        return false;
    bool exists = false;
    return heldByAnother(leasePath(storeRoot, id), &exists);
}

bool StoreLease::anyOtherHeld(const QString &storeRoot, const QString &ownId)
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
        else if (exists) // its writer is gone (killed, or the machine lost power)
            QFile::remove(dir.filePath(name));
    }
    return any;
}

} // namespace sohoa::store
