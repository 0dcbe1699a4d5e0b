#pragma once

#include "core/common/Error.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <atomic>

namespace sohoa {

// The file a thumbnail is made from. sha256 (hex) names the thumbnail on disk: a page file is never
// rewritten, so its content hash is a name that can never show another picture. size, when known,
// is checked before decoding: a file of another size (truncated by a crash or a full disk) gives
// page-file-damaged, not a thumbnail with a grey bottom.
struct ThumbnailSource
{
    QString path;
    QString sha256;
    qint64 size = 0;
};

// Thumbnails of page images, made on demand off the calling thread and kept in memory (bounded in
// bytes) and on disk (`<folder>/ab/<sha256>-<side>.jpg`, written by a rename so that a reader never
// sees half a file; not fsynced: a lost thumbnail is made again). The picture is as stored: a page's
// rotation is the view's to apply.
//
// request() answers at once from memory; otherwise it queues the work on the cache's own small thread
// pool (never the global one, which scanning and export use) and thumbnailReady or thumbnailFailed
// follows later, in the thread that owns the cache. The newest request is served first (a view that
// scrolls wants what it shows now), and cancelPending() drops what has not started (the view scrolled
// away). JPEG pages are decoded at a fraction of their size (libjpeg's DCT scaling through
// QImageReader::setScaledSize), so a 300 dpi A4 page costs a few hundred kilobytes, not 30 MB.
class ThumbnailCache : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString folder; // the disk cache; empty: memory only (see defaultFolder)
        qint64 memoryLimitBytes = qint64(64) * 1024 * 1024;
        int threads = 2;
        int jpegQuality = 85;
    };

    explicit ThumbnailCache(const Options &options, QObject *parent = nullptr);
    ~ThumbnailCache() override; // drops pending work and waits for the running (at most `threads` pages)

    // Where a store's thumbnails go: `<store>/.sohoa/thumbs` (beside the store's own working files),
    // or `<QStandardPaths::CacheLocation>/thumbs` when the store is read-only or its folder cannot be
    // written (a mounted archive). Names are content hashes, so one folder may serve several stores.
    static QString defaultFolder(const QString &storeRoot, bool storeReadOnly);
    // The file a thumbnail of this content and size is kept in (it may not exist yet).
    QString diskPath(const QString &sha256, int maxSide) const;

    // The thumbnail (longest side at most maxSide; never larger than the page) if it is in memory;
    // otherwise a null QImage, and the thumbnail is made (or read from disk) and announced.
    // A request for something already queued moves it to the front.
    QImage request(const ThumbnailSource &source, int maxSide);
    // Drops every queued request that has not started; what is running finishes and is cached.
    void cancelPending();
    int pendingCount() const;

    qint64 memoryBytes() const; // of the thumbnails held in memory; never above memoryLimitBytes
    qint64 memoryLimitBytes() const;
    // Work done so far: page files decoded, thumbnails read back from the disk cache.
    quint64 decodeCount() const { return m_decodes.load(); }
    quint64 diskReadCount() const { return m_diskReads.load(); }

signals:
    void thumbnailReady(const QString &sha256, int maxSide, const QImage &image);
    // The page file is missing (page-file-missing), has another size (page-file-damaged) or cannot be
    // decoded (image-decode-failed). A view shows a placeholder; a later request tries again.
    void thumbnailFailed(const QString &sha256, int maxSide, const sohoa::Error &error);

private:
    struct Job
    {
        ThumbnailSource source;
        int maxSide = 0;
        QString key;
    };
    struct Made
    {
        QImage image;
        Error error;
    };
    static QString keyOf(const ThumbnailSource &source, int maxSide);
    bool takeJob(Job *job);
    void drain();
    Made make(const Job &job);
    Made decode(const Job &job);
    void storeOnDisk(const QString &path, const QImage &image);
    void finish(const Job &job, const Made &made);

    const Options m_options;
    QCache<QString, QImage> m_memory; // owner's thread only
    QSet<QString> m_requested;        // queued or running (guarded by m_mutex): one job per key
    mutable QMutex m_mutex;           // guards the queue and m_drainers
    QList<Job> m_queue;               // newest last
    int m_drainers = 0;
    QThreadPool m_pool;
    std::atomic<quint64> m_decodes{0};
    std::atomic<quint64> m_diskReads{0};
    std::atomic<bool> m_diskWarned{false};
};

} // namespace sohoa
