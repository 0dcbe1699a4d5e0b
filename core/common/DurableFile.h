#pragma once

#include "core/common/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace sohoa {

// Writes a file so that it either appears complete and durable under its final name or not at
// all: data goes to a temporary file in the same folder (".NAME.tmp-XXXXXX"), which is fsynced,
// renamed into place (never replacing an existing file unless asked) and the folder is fsynced.
// A crash leaves at most a temporary, which DossierStore recovery removes.
class AtomicFileWriter
{
public:
    explicit AtomicFileWriter(QString finalPath, bool overwrite = false);
    ~AtomicFileWriter(); // discards an uncommitted temporary
    AtomicFileWriter(const AtomicFileWriter &) = delete;
    AtomicFileWriter &operator=(const AtomicFileWriter &) = delete;

    Result<void> open();
    Result<void> write(const char *data, qint64 size);
    Result<void> write(const QByteArray &data) { return write(data.constData(), data.size()); }
    Result<void> commit();
    void discard();

    qint64 bytesWritten() const;
    const QString &finalPath() const;
    QString temporaryPath() const;

    static bool isTemporaryName(const QString &fileName);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

Result<void> writeFileDurably(const QString &path, const QByteArray &data, bool overwrite = false);
Result<void> fsyncDirectory(const QString &dirPath);
// Creates the folder and any missing parents, fsyncing each parent so the new entries survive a crash.
Result<void> makeDirectoryDurably(const QString &dirPath);
// What a user names before anything is written, checked so that a typo gets its own answer
// (FileNotFound, FolderNotFound with the path) instead of a failed read or write later:
// an input file that exists and is a file (not a folder)...
Result<void> checkInputFile(const QString &path);
// ...and the folder an output file goes to.
Result<void> checkOutputFolder(const QString &outputFilePath);
// ENOSPC/EDQUOT become DiskFull; everything else the given fallback, with strerror and the path.
Error errorFromErrno(int err, ErrorCode fallback, const QString &path);

} // namespace sohoa
