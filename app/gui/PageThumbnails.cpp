#include "app/gui/PageThumbnails.h"

#include <QImageReader>
#include <QPointer>
#include <QThreadPool>

namespace sohoa::gui {

PageThumbnails::PageThumbnails(const QString &, bool, QObject *parent) : QObject(parent), m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
    m_memory.setMaxCost(64 * 1024 * 1024);
}

PageThumbnails::~PageThumbnails()
{
    m_pool->clear();
    m_pool->waitForDone();
}

QImage PageThumbnails::get(const QString &path, const QString &sha256, qint64)
{
    if (const QImage *image = m_memory.object(sha256))
        return *image;
    if (m_pending.contains(sha256) || m_failed.contains(sha256))
        return {};
    m_pending.insert(sha256);
    QPointer<PageThumbnails> self(this);
    m_pool->start([self, path, sha256] {
        QImageReader reader(path);
        const QSize full = reader.size();
        if (full.isValid())
            reader.setScaledSize(full.scaled(kSide, kSide, Qt::KeepAspectRatio));
        QImage image = reader.read();
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, sha256, image] {
            if (!self)
                return;
            self->m_pending.remove(sha256);
            if (image.isNull())
                self->m_failed.insert(sha256);
            else
                self->m_memory.insert(sha256, new QImage(image), int(image.sizeInBytes()));
            Q_EMIT self->ready(sha256);
        });
    });
    return {};
}

void PageThumbnails::cancelPending()
{
    m_pool->clear();
    m_pending.clear();
}

} // namespace sohoa::gui
