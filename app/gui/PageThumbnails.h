#pragma once

#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>

namespace sohoa {
class ThumbnailCache;
}

namespace sohoa::gui {

// The page grid's thumbnails: the store's ThumbnailCache (made lazily for the pages a view paints,
// off the GUI thread, cached in memory and on disk) at the grid's size. get() answers at once: the
// thumbnail, or a null image while it is made (ready() follows) or when the page file failed
// (isFailed(); the grid shows a mark instead of waiting forever).
class PageThumbnails : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSide = 160;

    PageThumbnails(const QString &storeRoot, bool readOnly, QObject *parent = nullptr);
    ~PageThumbnails() override;

    QImage get(const QString &path, const QString &sha256, qint64 size);
    bool isFailed(const QString &sha256) const { return m_failed.contains(sha256); }
    // Drops queued work (the view scrolled away or another dossier was chosen).
    void cancelPending();
    ThumbnailCache *cache() const { return m_cache; }

Q_SIGNALS:
    void ready(const QString &sha256);

private:
    ThumbnailCache *m_cache;
    QSet<QString> m_failed;
};

} // namespace sohoa::gui
