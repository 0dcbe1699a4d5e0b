#include "core/dossier/internal/ManifestKeeper.h"

#include "core/common/CoreLogging.h"
#include "core/common/DurableFile.h"
#include "core/dossier/internal/StoreDatabase.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace sohoa::store {

ManifestKeeper::Lock &ManifestKeeper::Lock::operator=(Lock &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

ManifestKeeper::Lock::~Lock()
{
    if (m_fd >= 0)
        ::close(m_fd); // releases the flock
}

Result<ManifestKeeper::Lock> ManifestKeeper::lock(const QString &dossierCode) const
{
    const QString folder = m_database.root() + u'/' + DossierManifest::folderFor(dossierCode);
    if (auto r = makeDirectoryDurably(folder); !r)
        return r.error();
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errorFromErrno(errno, ErrorCode::FileWriteFailed, folder);
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno == EINTR)
            continue;
        const int err = errno;
        ::close(fd);
        return errorFromErrno(err, ErrorCode::FileWriteFailed, folder);
    }
    return Lock(fd);
}

Result<DossierManifest> ManifestKeeper::snapshot(qint64 dossierId) const
{
    // A savepoint reads consistently whether or not the caller is inside a transaction (SQLite opens
    // a read transaction for it when there is none).
    if (auto sp = m_database.exec(QStringLiteral("SAVEPOINT manifest_snapshot")); !sp)
        return sp.error();
    const auto read = [&]() -> Result<DossierManifest> {
        DossierManifest m;
        auto dossier = m_database.dossier(dossierId);
        if (!dossier)
            return dossier.error();
        m.dossier = dossier.value();
        QHash<qint64, int> componentIndex;
        {
            auto q = m_database.exec(QStringLiteral("SELECT id, name, position, created_at FROM components"
                                                    " WHERE dossier_id = ? ORDER BY position, id"),
                                     {dossierId});
            if (!q)
                return q.error();
            while (q->next()) {
                componentIndex.insert(q->value(0).toLongLong(), int(m.components.size()));
                m.components.append(ManifestComponent{q->value(1).toString(),
                                                      q->value(2).toInt(),
                                                      QDateTime::fromString(q->value(3).toString(), Qt::ISODateWithMs),
                                                      {}});
            }
        }
        auto q = m_database.exec(
            QStringLiteral("SELECT ") + kPageColumns + QStringLiteral(", p.batch_id, oc.name") + kPageFrom +
                QStringLiteral("JOIN components oc ON oc.id = p.origin_component_id"
                               " WHERE p.component_id IN (SELECT id FROM components WHERE dossier_id = ?)"
                               " ORDER BY p.component_id, p.deleted_at IS NOT NULL, p.position, p.deleted_at, p.id"),
            {dossierId});
        if (!q)
            return q.error();
        while (q->next()) {
            const PageRecord r = pageFromQuery(q.value(), m_database.root());
            const int index = componentIndex.value(r.componentId, -1);
            if (index < 0)
                continue; // cannot happen: the page's component is one of the dossier's
            ManifestPage p;
            p.path = r.relativePath;
            p.seq = r.seq;
            p.originComponent = q->value(kPageColumnCount + 1).toString();
            p.position = r.position;
            p.rotation = r.rotation;
            p.deleted = r.deleted;
            p.deletedAt = r.deletedAt;
            p.sha256 = r.sha256;
            p.size = r.size;
            p.width = r.width;
            p.height = r.height;
            p.dpi = r.dpi;
            p.mode = r.mode;
            p.bitDepth = r.bitDepth;
            p.format = r.format;
            p.device = r.device;
            p.scannedAt = r.scannedAt;
            p.savedAt = r.savedAt;
            p.batchId = q->value(kPageColumnCount).toString();
            p.adopted = r.adopted;
            p.cleanup = r.cleanup;
            m.components[index].pages.append(p);
        }
        auto fields = m_database.exec(
            QStringLiteral("SELECT COALESCE(c.name, ''), m.field, m.value FROM archival_metadata m"
                           " LEFT JOIN components c ON c.id = m.component_id WHERE m.dossier_id = ?"
                           " ORDER BY m.component_id, m.field"),
            {dossierId});
        if (!fields)
            return fields.error();
        while (fields->next())
            m.archivalFields.append(DossierManifest::Field{fields->value(0).toString(), fields->value(1).toString(),
                                                           fields->value(2).toString()});
        return m;
    };
    auto m = read();
    if (auto rel = m_database.exec(QStringLiteral("RELEASE manifest_snapshot")); !rel && m)
        return rel.error();
    return m;
}

Result<void> ManifestKeeper::write(DossierManifest manifest) const
{
    manifest.writtenAt = QDateTime::currentDateTime();
    return manifest.write(DossierManifest::pathFor(m_database.root(), manifest.dossier.code));
}

Result<void> ManifestKeeper::rewrite(qint64 dossierId) const
{
    auto m = snapshot(dossierId);
    if (!m)
        return m.error();
    return write(std::move(m).value());
}

void ManifestKeeper::refresh(qint64 dossierId) const
{
    Result<void> written;
    {
        auto dossier = m_database.dossier(dossierId);
        if (!dossier) {
            written = dossier.error();
        } else if (auto held = lock(dossier->code); !held) {
            written = held.error();
        } else {
            written = rewrite(dossierId);
        }
    }
    if (!written)
        recordFailure(dossierId, written.error());
}

void ManifestKeeper::recordFailure(qint64 dossierId, const Error &error) const
{
    qCWarning(lcCore) << "dossier manifest not written:" << error.detail();
    if (auto a =
            m_database.audit(QStringLiteral("manifest-write-failed"), error.id() + u' ' + error.detail(), dossierId, 0);
        !a)
        qCWarning(lcCore) << "audit log write failed:" << a.error().detail();
}

} // namespace sohoa::store
