#include "app/gui/ImageView.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

namespace sohoa::gui {

ImageView::ImageView(QWidget *parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("previewImage"));
    viewport()->setBackgroundRole(QPalette::Dark);
    viewport()->setAutoFillBackground(true);
    setFrameShape(QFrame::NoFrame);
    viewport()->setCursor(Qt::OpenHandCursor);
}

void ImageView::setImage(const QImage &image, int rotation)
{
    m_image = image;
    m_rotation = ((rotation % 360) + 360) % 360;
    m_message.clear();
    relayout();
}

void ImageView::setMessage(const QString &message)
{
    m_image = QImage();
    m_message = message;
    relayout();
}

QSize ImageView::turnedSize() const
{
    return (m_rotation == 90 || m_rotation == 270) ? m_image.size().transposed() : m_image.size();
}

void ImageView::setFit(Fit fit)
{
    m_fit = fit;
    relayout();
}

void ImageView::zoomBy(double factor)
{
    m_fit = Fit::None;
    m_scale = std::clamp(m_scale * factor, 0.02, 8.0);
    relayout();
}

void ImageView::relayout()
{
    const QSize image = turnedSize();
    const QSize area = viewport()->size() - QSize(16, 16);
    if (!image.isEmpty() && area.width() > 0 && area.height() > 0) {
        if (m_fit == Fit::Width)
            m_scale = double(area.width()) / image.width();
        else if (m_fit == Fit::Page)
            m_scale = std::min(double(area.width()) / image.width(), double(area.height()) / image.height());
    }
    const QSize shown = image.isEmpty() ? QSize() : (QSizeF(image) * m_scale).toSize();
    horizontalScrollBar()->setRange(0, std::max(0, shown.width() + 16 - viewport()->width()));
    verticalScrollBar()->setRange(0, std::max(0, shown.height() + 16 - viewport()->height()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    verticalScrollBar()->setPageStep(viewport()->height());
    viewport()->update();
    Q_EMIT scaleChanged(m_scale);
}

void ImageView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::BrightText));
        p.drawText(viewport()->rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform, m_scale < 1.0);
    const QSize shown = (QSizeF(turnedSize()) * m_scale).toSize();
    const int x = shown.width() + 16 < viewport()->width() ? (viewport()->width() - shown.width()) / 2
                                                             : 8 - horizontalScrollBar()->value();
    const int y = shown.height() + 16 < viewport()->height() ? (viewport()->height() - shown.height()) / 2
                                                               : 8 - verticalScrollBar()->value();
    p.translate(x + shown.width() / 2.0, y + shown.height() / 2.0);
    p.rotate(m_rotation);
    p.scale(m_scale, m_scale);
    p.drawImage(QPointF(-m_image.width() / 2.0, -m_image.height() / 2.0), m_image);
}

void ImageView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void ImageView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(event->angleDelta().y() > 0 ? 1.25 : 0.8);
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void ImageView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_dragging = true;
        m_dragFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
}

void ImageView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return;
    const QPoint delta = event->position().toPoint() - m_dragFrom;
    m_dragFrom = event->position().toPoint();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
}

void ImageView::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
    viewport()->setCursor(Qt::OpenHandCursor);
}

} // namespace sohoa::gui
