#pragma once

// A store folder as a mounted archive shows it: nobody may write to it. Shared by the store and CLI tests.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <sys/mount.h>
#include <unistd.h>

namespace sohoa::test {

// A folder nobody may write to. As root, permissions stop nothing: a read-only bind mount does (EROFS
// even for root), where the kernel allows mounting; otherwise the mode bits.
class ReadOnlyView
{
public:
    explicit ReadOnlyView(const QString &folder) : m_folder(folder)
    {
        if (::geteuid() == 0) {
            const QByteArray target = QFile::encodeName(m_mountPoint.path());
            if (::mount(QFile::encodeName(folder).constData(), target.constData(), nullptr, MS_BIND, nullptr) != 0)
                return;
            m_mounted = true;
            if (::mount(nullptr, target.constData(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0)
                return;
            m_path = m_mountPoint.path();
        } else {
            setWritable(false);
            m_path = folder;
        }
    }
    ~ReadOnlyView()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_mountPoint.path()).constData(), MNT_DETACH);
        else if (::geteuid() != 0)
            setWritable(true);
    }
    // Empty when no read-only view could be made here.
    const QString &path() const { return m_path; }

private:
    void setWritable(bool writable)
    {
        QDirIterator it(m_folder, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        QStringList entries{m_folder};
        while (it.hasNext())
            entries.append(it.next());
        for (const QString &e : std::as_const(entries)) {
            QFile::Permissions p = QFile::permissions(e);
            if (writable)
                p |= QFile::WriteOwner;
            else
                p &= ~(QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther);
            QFile::setPermissions(e, p);
        }
    }

    QString m_folder;
    QTemporaryDir m_mountPoint;
    bool m_mounted = false;
    QString m_path;
};

} // namespace sohoa::test
