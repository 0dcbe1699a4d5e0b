#include "app/gui/AppearancePreview.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace sohoa::gui {

namespace {

constexpr double kMmPerPt = 25.4 / 72.0;
constexpr double kHandlePx = 10;
constexpr double kMinBlockMm = 15;

} // namespace

AppearancePreview::AppearancePreview(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("appearancePreview"));
    setMouseTracking(true);
    setMinimumSize(220, 280);
}

void AppearancePreview::setPage(const QImage &image, const QSizeF &pageSizePt)
{
    m_image = image;
    m_pageSizePt = pageSizePt;
    m_message.clear();
    update();
}

void AppearancePreview::setMessage(const QString &text)
{
    m_image = QImage();
    m_message = text;
    update();
}

void AppearancePreview::setBlock(const QSizeF &sizeMm, Corner corner, const QPointF &offsetMm, const QString &label)
{
    m_sizeMm = sizeMm;
    m_corner = corner;
    m_offsetMm = offsetMm;
    m_label = label;
    update();
}

void AppearancePreview::setBlockImage(const QImage &image)
{
    m_blockImage = image;
    update();
}

void AppearancePreview::setBlockVisible(bool visible)
{
    m_blockVisible = visible;
    update();
}

QSizeF AppearancePreview::pageSizeMm() const
{
    return m_pageSizePt * kMmPerPt;
}

QRectF AppearancePreview::pageRectInWidget() const
{
    if (m_pageSizePt.isEmpty())
        return {};
    QSizeF s = m_pageSizePt;
    s.scale(QSizeF(width() - 8, height() - 8), Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - s.width()) / 2, (height() - s.height()) / 2), s);
}

double AppearancePreview::pixelsPerMm() const
{
    const QSizeF mm = pageSizeMm();
    return mm.width() > 0 ? pageRectInWidget().width() / mm.width() : 0;
}

QPointF AppearancePreview::blockTopLeftMm() const
{
    const QSizeF page = pageSizeMm();
    const bool left = m_corner == Corner::TopLeft || m_corner == Corner::BottomLeft;
    const bool top = m_corner == Corner::TopLeft || m_corner == Corner::TopRight;
    // A block larger than its room is shrunk by the signer; the preview shows the asked place.
    const double x = left ? m_offsetMm.x() : page.width() - m_offsetMm.x() - m_sizeMm.width();
    const double y = top ? m_offsetMm.y() : page.height() - m_offsetMm.y() - m_sizeMm.height();
    return {x, y};
}

void AppearancePreview::setFromTopLeftMm(QPointF topLeft, QSizeF size)
{
    const QSizeF page = pageSizeMm();
    size.setWidth(std::clamp(size.width(), kMinBlockMm, std::max(kMinBlockMm, page.width())));
    size.setHeight(std::clamp(size.height(), kMinBlockMm / 2, std::max(kMinBlockMm, page.height())));
    topLeft.setX(std::clamp(topLeft.x(), 0.0, std::max(0.0, page.width() - size.width())));
    topLeft.setY(std::clamp(topLeft.y(), 0.0, std::max(0.0, page.height() - size.height())));
    const double leftGap = topLeft.x(), rightGap = page.width() - topLeft.x() - size.width();
    const double topGap = topLeft.y(), bottomGap = page.height() - topLeft.y() - size.height();
    const bool left = leftGap <= rightGap, top = topGap <= bottomGap;
    m_corner = top ? (left ? Corner::TopLeft : Corner::TopRight) : (left ? Corner::BottomLeft : Corner::BottomRight);
    // Whole tenths of a millimetre: what the settings keep is what is shown.
    const auto tenth = [](double v) { return std::round(v * 10) / 10; };
    m_offsetMm = QPointF(tenth(left ? leftGap : rightGap), tenth(top ? topGap : bottomGap));
    m_sizeMm = QSizeF(tenth(size.width()), tenth(size.height()));
    update();
}

QRectF AppearancePreview::blockRectInWidget() const
{
    const QRectF page = pageRectInWidget();
    const double ppm = pixelsPerMm();
    if (page.isEmpty() || ppm <= 0)
        return {};
    const QPointF tl = blockTopLeftMm();
    return QRectF(page.left() + tl.x() * ppm, page.top() + tl.y() * ppm, m_sizeMm.width() * ppm,
                  m_sizeMm.height() * ppm);
}

QRectF AppearancePreview::handleRectInWidget() const
{
    const QRectF b = blockRectInWidget();
    return QRectF(b.right() - kHandlePx, b.bottom() - kHandlePx, kHandlePx * 2, kHandlePx * 2);
}

void AppearancePreview::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const QRectF page = pageRectInWidget();
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(page, m_image);
    p.setPen(QPen(Qt::gray, 1));
    p.drawRect(page);
    if (!m_blockVisible || m_sizeMm.isEmpty())
        return;
    const QRectF b = blockRectInWidget();
    p.setRenderHint(QPainter::Antialiasing);
    if (!m_blockImage.isNull()) {
        // Scaled as the signer scales a block that does not fit its box: proportions kept.
        QSizeF s = m_blockImage.size();
        s.scale(b.size(), Qt::KeepAspectRatio);
        p.drawImage(QRectF(b.topLeft(), s), m_blockImage);
        p.setPen(QPen(QColor(30, 90, 200), 1, Qt::DashLine));
        p.drawRect(b);
    } else {
        p.fillRect(b, QColor(30, 90, 200, 50));
        p.setPen(QPen(QColor(30, 90, 200), 2, Qt::DashLine));
        p.drawRect(b);
        p.setPen(QColor(20, 60, 150));
        p.drawText(b.adjusted(4, 2, -4, -2), Qt::AlignCenter | Qt::TextWordWrap, m_label);
    }
    p.fillRect(handleRectInWidget().adjusted(kHandlePx / 2, kHandlePx / 2, -kHandlePx / 2, -kHandlePx / 2),
               QColor(30, 90, 200));
}

void AppearancePreview::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || m_image.isNull() || !m_blockVisible)
        return QWidget::mousePressEvent(event);
    const QPointF at = event->position();
    if (handleRectInWidget().contains(at))
        m_drag = Drag::Resize;
    else if (blockRectInWidget().contains(at))
        m_drag = Drag::Move;
    else
        return QWidget::mousePressEvent(event);
    m_dragStart = at;
    m_startTopLeftMm = blockTopLeftMm();
    m_startSizeMm = m_sizeMm;
}

void AppearancePreview::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF at = event->position();
    if (m_drag == Drag::None) {
        if (!m_image.isNull() && m_blockVisible && handleRectInWidget().contains(at))
            setCursor(Qt::SizeFDiagCursor);
        else if (!m_image.isNull() && m_blockVisible && blockRectInWidget().contains(at))
            setCursor(Qt::SizeAllCursor);
        else
            unsetCursor();
        return;
    }
    const double ppm = pixelsPerMm();
    if (ppm <= 0)
        return;
    const QPointF deltaMm = (at - m_dragStart) / ppm;
    if (m_drag == Drag::Move) {
        setFromTopLeftMm(m_startTopLeftMm + deltaMm, m_startSizeMm);
    } else {
        // Resizing keeps the block's proportions: the signer draws it scaled, never stretched.
        const double ratio = m_startSizeMm.height() / std::max(1.0, m_startSizeMm.width());
        const double w = m_startSizeMm.width() + deltaMm.x();
        setFromTopLeftMm(m_startTopLeftMm, QSizeF(w, w * ratio));
    }
}

void AppearancePreview::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_drag == Drag::None)
        return QWidget::mouseReleaseEvent(event);
    m_drag = Drag::None;
    Q_EMIT placementChanged(m_corner, m_offsetMm, m_sizeMm);
}

} // namespace sohoa::gui
