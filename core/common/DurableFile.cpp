#include "core/common/DurableFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sohoa {

namespace {
constexpr qint64 kBufferSize = 256 * 1024;

Result<void> writeAll(int fd, const char *data, qint64 size, const QString &path)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(size));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errorFromErrno(errno, ErrorCode::FileWriteFailed, path);
        }
        data += n;
        size -= n;
    }
    return {};
}

// The process's umask, as /proc reports it (Linux 4.7 and later): umask() itself can only be read by
// setting it, which would race with files other threads create meanwhile. Read at each call, so that a
// umask set later (a packaged service, a test) counts; 022 where /proc says nothing.
mode_t currentUmask()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 022;
    // readAll(): a /proc file says it is empty (size 0), so atEnd() is true before the first line.
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("Umask:")) {
            bool ok = false;
            const uint mask = line.mid(6).trimmed().toUInt(&ok, 8);
            if (ok)
                return mode_t(mask & 0777);
        }
    }
    return 022;
}
} // namespace

Result<void> checkInputFile(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return Error::withHint(ErrorCode::FileNotFound, "sohoa::files",
                               QT_TRANSLATE_NOOP("sohoa::files", "%1 does not exist."), {path});
    if (fi.isDir())
        return Error::withHint(ErrorCode::FileNotFound, "sohoa::files",
                               QT_TRANSLATE_NOOP("sohoa::files", "%1 is a folder, not a file."), {path});
    return {};
}

Result<void> checkOutputFolder(const QString &outputFilePath)
{
    const QFileInfo folder(QFileInfo(outputFilePath).absolutePath());
    if (!folder.exists())
        return Error::withHint(ErrorCode::FolderNotFound, "sohoa::files",
                               QT_TRANSLATE_NOOP("sohoa::files", "The folder %1 does not exist."), {folder.filePath()});
    if (!folder.isDir())
        return Error::withHint(ErrorCode::FolderNotFound, "sohoa::files",
                               QT_TRANSLATE_NOOP("sohoa::files", "%1 is a file, not a folder."), {folder.filePath()});
    return {};
}

Error errorFromErrno(int err, ErrorCode fallback, const QString &path)
{
    const ErrorCode code = (err == ENOSPC || err == EDQUOT) ? ErrorCode::DiskFull : fallback;
    return Error(code, path + QStringLiteral(": ") + qt_error_string(err));
}

struct AtomicFileWriter::Private
{
    QString finalPath;
    QString tempPath;
    bool overwrite = false;
    int fd = -1;
    bool committed = false;
    qint64 written = 0;
    QByteArray buffer;

    Result<void> flush()
    {
        if (buffer.isEmpty())
            return {};
        auto r = writeAll(fd, buffer.constData(), buffer.size(), tempPath);
        buffer.clear();
        return r;
    }
};

AtomicFileWriter::AtomicFileWriter(QString finalPath, bool overwrite) : d(std::make_unique<Private>())
{
    d->finalPath = std::move(finalPath);
    d->overwrite = overwrite;
}

AtomicFileWriter::~AtomicFileWriter()
{
    discard();
}

bool AtomicFileWriter::isTemporaryName(const QString &fileName)
{
    return fileName.startsWith(u'.') && fileName.contains(QStringLiteral(".tmp-"));
}

Result<void> AtomicFileWriter::open()
{
    const QFileInfo fi(d->finalPath);
    if (!d->overwrite && fi.exists())
        return Error(ErrorCode::OutputExists, d->finalPath);
    QByteArray tmpl =
        QFile::encodeName(fi.absolutePath() + QStringLiteral("/.") + fi.fileName() + QStringLiteral(".tmp-XXXXXX"));
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT || err == ENOTDIR) {
            if (auto folder = checkOutputFolder(d->finalPath); !folder)
                return folder.error();
        }
        return errorFromErrno(err, ErrorCode::FileWriteFailed, fi.absolutePath());
    }
    // mkostemp makes the file 0600; it gets what open() would have given it: 0666 less the umask. Who
    // may read a store's pages (personal data) is the administrator's choice through the umask (077 for
    // a private store, 002 for a group's), not ours.
    ::fchmod(fd, 0666 & ~currentUmask());
    d->fd = fd;
    d->tempPath = QFile::decodeName(tmpl);
    d->buffer.reserve(kBufferSize);
    return {};
}

Result<void> AtomicFileWriter::write(const char *data, qint64 size)
{
    if (d->fd < 0)
        return Error(ErrorCode::Internal, QStringLiteral("write before open: ") + d->finalPath);
    d->written += size;
    if (d->buffer.size() + size > kBufferSize) {
        if (auto r = d->flush(); !r)
            return r;
        if (size >= kBufferSize)
            return writeAll(d->fd, data, size, d->tempPath);
    }
    d->buffer.append(data, size);
    return {};
}

Result<void> AtomicFileWriter::commit()
{
    if (d->fd < 0)
        return Error(ErrorCode::Internal, QStringLiteral("commit before open: ") + d->finalPath);
    if (auto r = d->flush(); !r) {
        discard();
        return r;
    }
    if (::fsync(d->fd) != 0) {
        const int err = errno;
        discard();
        return errorFromErrno(err, ErrorCode::FileWriteFailed, d->finalPath);
    }
    ::close(d->fd);
    d->fd = -1;
    const QByteArray from = QFile::encodeName(d->tempPath);
    const QByteArray to = QFile::encodeName(d->finalPath);
    if (d->overwrite) {
        if (::rename(from.constData(), to.constData()) != 0) {
            const int err = errno;
            discard();
            return errorFromErrno(err, ErrorCode::FileWriteFailed, d->finalPath);
        }
    } else {
        // link() fails with EEXIST instead of replacing: an existing file is never overwritten,
        // even when another process created it after open().
        if (::link(from.constData(), to.constData()) != 0) {
            const int err = errno;
            discard();
            if (err == EEXIST)
                return Error(ErrorCode::OutputExists, d->finalPath);
            return errorFromErrno(err, ErrorCode::FileWriteFailed, d->finalPath);
        }
        ::unlink(from.constData());
    }
    d->committed = true;
    return fsyncDirectory(QFileInfo(d->finalPath).absolutePath());
}

void AtomicFileWriter::discard()
{
    if (d->fd >= 0) {
        ::close(d->fd);
        d->fd = -1;
    }
    if (!d->committed && !d->tempPath.isEmpty()) {
        ::unlink(QFile::encodeName(d->tempPath).constData());
        d->tempPath.clear();
    }
    d->buffer.clear();
}

qint64 AtomicFileWriter::bytesWritten() const
{
    return d->written;
}
const QString &AtomicFileWriter::finalPath() const
{
    return d->finalPath;
}
QString AtomicFileWriter::temporaryPath() const
{
    return d->tempPath;
}

Result<void> writeFileDurably(const QString &path, const QByteArray &data, bool overwrite)
{
    AtomicFileWriter w(path, overwrite);
    if (auto r = w.open(); !r)
        return r;
    if (auto r = w.write(data); !r)
        return r;
    return w.commit();
}

Result<void> fsyncDirectory(const QString &dirPath)
{
    const int fd = ::open(QFile::encodeName(dirPath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errorFromErrno(errno, ErrorCode::FileWriteFailed, dirPath);
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL) // some file systems do not support fsync on folders
        return errorFromErrno(err, ErrorCode::FileWriteFailed, dirPath);
    return {};
}

Result<void> makeDirectoryDurably(const QString &dirPath)
{
    const QString abs = QDir::cleanPath(QFileInfo(dirPath).absoluteFilePath());
    if (QFileInfo(abs).isDir())
        return {};
    const QString parent = QFileInfo(abs).absolutePath();
    if (parent != abs) {
        if (auto r = makeDirectoryDurably(parent); !r)
            return r;
    }
    if (::mkdir(QFile::encodeName(abs).constData(), 0777) != 0 && errno != EEXIST) // less the umask
        return errorFromErrno(errno, ErrorCode::FileWriteFailed, abs);
    return fsyncDirectory(parent);
}

} // namespace sohoa
