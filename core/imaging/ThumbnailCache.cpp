#include "core/imaging/ThumbnailCache.h"

#include "core/common/CoreLogging.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QStandardPaths>
#include <QTemporaryFile>

#include <algorithm>

#include <unistd.h>

namespace sohoa {

namespace {

bool mayWrite(const QString &path)
{
    return ::access(QFile::encodeName(path).constData(), W_OK) == 0;
}

} // namespace

ThumbnailCache::ThumbnailCache(const Options &options, QObject *parent) : QObject(parent), m_options(options)
{
    static const bool registered = [] {
        qRegisterMetaType<Error>();
        return true;
    }();
    Q_UNUSED(registered);
    m_memory.setMaxCost(std::max<qint64>(options.memoryLimitBytes, 1));
    m_pool.setMaxThreadCount(std::max(options.threads, 1));
    m_pool.setObjectName(QStringLiteral("sohoa-thumbnails"));
}

ThumbnailCache::~ThumbnailCache()
{
    {
        QMutexLocker lock(&m_mutex);
        m_queue.clear();
    }
    m_pool.waitForDone();
}

QString ThumbnailCache::defaultFolder(const QString &storeRoot, bool storeReadOnly)
{
    const QString inStore = storeRoot + QStringLiteral("/.sohoa");
    if (!storeReadOnly && mayWrite(storeRoot) && (!QFileInfo::exists(inStore) || mayWrite(inStore)))
        return inStore + QStringLiteral("/thumbs");
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/thumbs");
}

QString ThumbnailCache::diskPath(const QString &sha256, int maxSide) const
{
    if (m_options.folder.isEmpty() || sha256.size() < 2)
        return {};
    return QStringLiteral("%1/%2/%3-%4.jpg")
        .arg(m_options.folder, sha256.left(2).toLower(), sha256.toLower())
        .arg(maxSide);
}

QString ThumbnailCache::keyOf(const ThumbnailSource &source, int maxSide)
{
    // Without a content hash the path names it (and nothing goes to disk).
    return (source.sha256.isEmpty() ? QStringLiteral("path:") + source.path : source.sha256.toLower()) + u'@' +
           QString::number(maxSide);
}

QImage ThumbnailCache::request(const ThumbnailSource &source, int maxSide)
{
    const QString key = keyOf(source, maxSide);
    if (const QImage *held = m_memory.object(key))
        return *held;
    bool startDrainer = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_requested.contains(key)) {
            // Queued: to the front (the back of the list); running: it comes soon anyway.
            const auto it = std::find_if(m_queue.begin(), m_queue.end(), [&](const Job &j) { return j.key == key; });
            if (it != m_queue.end()) {
                Job job = std::move(*it);
                m_queue.erase(it);
                m_queue.append(job);
            }
            return {};
        }
        m_requested.insert(key);
        m_queue.append(Job{source, maxSide, key});
        if (m_drainers < m_pool.maxThreadCount()) {
            ++m_drainers;
            startDrainer = true;
        }
    }
    if (startDrainer)
        m_pool.start([this] { drain(); });
    return {};
}

void ThumbnailCache::cancelPending()
{
    QMutexLocker lock(&m_mutex);
    for (const Job &job : std::as_const(m_queue))
        m_requested.remove(job.key);
    m_queue.clear();
}

int ThumbnailCache::pendingCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_queue.size());
}

qint64 ThumbnailCache::memoryBytes() const
{
    return m_memory.totalCost();
}

qint64 ThumbnailCache::memoryLimitBytes() const
{
    return m_memory.maxCost();
}

bool ThumbnailCache::takeJob(Job *job)
{
    QMutexLocker lock(&m_mutex);
    if (m_queue.isEmpty()) {
        --m_drainers;
        return false;
    }
    *job = m_queue.takeLast(); // newest first
    return true;
}

void ThumbnailCache::drain()
{
    Job job;
    while (takeJob(&job)) {
        const Made made = make(job);
        // Queued to the owner's thread; dropped by Qt if the cache is gone by then.
        QMetaObject::invokeMethod(
            this, [this, job, made] { finish(job, made); }, Qt::QueuedConnection);
    }
}

ThumbnailCache::Made ThumbnailCache::make(const Job &job)
{
    const QString cached = diskPath(job.source.sha256, job.maxSide);
    if (!cached.isEmpty() && QFileInfo::exists(cached)) {
        QImageReader reader(cached);
        QImage image;
        if (reader.read(&image)) {
            ++m_diskReads;
            return {image, {}};
        }
        // A damaged cache file is only a cache file: made again below.
        qCWarning(lcCore) << "thumbnail cache file unreadable, made again:" << cached << reader.errorString();
        QFile::remove(cached);
    }
    Made made = decode(job);
    if (!made.error.isError() && !cached.isEmpty())
        storeOnDisk(cached, made.image);
    return made;
}

ThumbnailCache::Made ThumbnailCache::decode(const Job &job)
{
    const QFileInfo file(job.source.path);
    if (!file.exists())
        return {{}, Error(ErrorCode::PageFileMissing, job.source.path)};
    if (job.source.size > 0 && file.size() != job.source.size)
        return {{},
                Error(ErrorCode::PageFileDamaged, QStringLiteral("%1: %2 bytes, %3 recorded")
                                                      .arg(job.source.path)
                                                      .arg(file.size())
                                                      .arg(job.source.size))};
    ++m_decodes;
    QImageReader reader(job.source.path);
    reader.setAutoTransform(false); // the page's rotation is the view's
    const QSize full = reader.size();
    if (!full.isValid())
        return {{}, Error(ErrorCode::ImageDecodeFailed, job.source.path + QStringLiteral(": ") + reader.errorString())};
    if (full.width() > job.maxSide || full.height() > job.maxSide)
        reader.setScaledSize(full.scaled(job.maxSide, job.maxSide, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
    QImage image;
    if (!reader.read(&image))
        return {{}, Error(ErrorCode::ImageDecodeFailed, job.source.path + QStringLiteral(": ") + reader.errorString())};
    // What the disk cache keeps (JPEG: gray or RGB), so that memory and disk give the same picture.
    if (image.isGrayscale() && image.format() != QImage::Format_Grayscale8)
        image.convertTo(QImage::Format_Grayscale8);
    else if (!image.isGrayscale() && image.format() != QImage::Format_RGB888)
        image.convertTo(QImage::Format_RGB888);
    return {image, {}};
}

void ThumbnailCache::storeOnDisk(const QString &path, const QImage &image)
{
    const QFileInfo target(path);
    if (!QDir().mkpath(target.absolutePath())) {
        if (!m_diskWarned.exchange(true))
            qCWarning(lcCore) << "thumbnail cache folder cannot be made:" << target.absolutePath();
        return;
    }
    // The temporary's name is the one store recovery removes after a crash (AtomicFileWriter's form).
    QTemporaryFile temporary(target.absolutePath() + u"/." + target.fileName() + QStringLiteral(".tmp-XXXXXX"));
    QImageWriter writer(&temporary, "jpg");
    writer.setQuality(m_options.jpegQuality);
    if (!temporary.open() || !writer.write(image) || !temporary.flush()) {
        if (!m_diskWarned.exchange(true))
            qCWarning(lcCore) << "thumbnail cache file cannot be written:" << path << temporary.errorString()
                              << writer.errorString();
        return;
    }
    temporary.close();
    // rename(2) replaces an existing file atomically; another thread may have made the same picture.
    if (::rename(QFile::encodeName(temporary.fileName()).constData(), QFile::encodeName(path).constData()) == 0)
        temporary.setAutoRemove(false);
}

void ThumbnailCache::finish(const Job &job, const Made &made)
{
    {
        QMutexLocker lock(&m_mutex);
        m_requested.remove(job.key);
    }
    if (made.error.isError()) {
        emit thumbnailFailed(job.source.sha256, job.maxSide, made.error);
        return;
    }
    const qint64 cost = std::max<qint64>(made.image.sizeInBytes(), 1);
    if (cost <= m_memory.maxCost())
        m_memory.insert(job.key, new QImage(made.image), cost);
    emit thumbnailReady(job.source.sha256, job.maxSide, made.image);
}

} // namespace sohoa
