#include "app/gui/PageThumbnails.h"

#include "core/imaging/ThumbnailCache.h"

namespace sohoa::gui {

PageThumbnails::PageThumbnails(const QString &storeRoot, bool readOnly, QObject *parent)
    : QObject(parent), m_cache(nullptr)
{
    ThumbnailCache::Options options;
    options.folder = ThumbnailCache::defaultFolder(storeRoot, readOnly);
    // One decoder: the other core stays with the scanner pipeline while the feeder runs.
    options.threads = 1;
    m_cache = new ThumbnailCache(options, this);
    connect(m_cache, &ThumbnailCache::thumbnailReady, this, [this](const QString &sha256, int side) {
        if (side == kSide)
            Q_EMIT ready(sha256);
    });
    connect(m_cache, &ThumbnailCache::thumbnailFailed, this, [this](const QString &sha256, int side) {
        if (side != kSide)
            return;
        m_failed.insert(sha256);
        Q_EMIT ready(sha256);
    });
}

PageThumbnails::~PageThumbnails() = default;

QImage PageThumbnails::get(const QString &path, const QString &sha256, qint64 size)
{
    if (m_failed.contains(sha256))
        return {};
    return m_cache->request({path, sha256, size}, kSide);
}

void PageThumbnails::cancelPending()
{
    m_cache->cancelPending();
    m_failed.clear(); // another look (a rescan, a restored file) may succeed
}

} // namespace sohoa::gui
