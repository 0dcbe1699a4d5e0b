#pragma once

#include <QCache>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>

class QThreadPool;

namespace sohoa::gui {

// Thumbnails for the page grid, made lazily (only for pages a view paints) off the GUI thread and
// kept in a bounded memory cache. get() answers at once: the thumbnail, or a null image while it is
// being made (ready() follows).
class PageThumbnails : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSide = 160;

    explicit PageThumbnails(const QString &storeRoot, bool readOnly, QObject *parent = nullptr);
    ~PageThumbnails() override;

    QImage get(const QString &path, const QString &sha256, qint64 size);
    // Drops queued work (the view scrolled away or another dossier was chosen).
    void cancelPending();

Q_SIGNALS:
    void ready(const QString &sha256);

private:
    QThreadPool *m_pool;
    QCache<QString, QImage> m_memory;
    QSet<QString> m_pending;
    QSet<QString> m_failed;
};

} // namespace sohoa::gui
