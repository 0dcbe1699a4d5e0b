#pragma once

#include "core/common/Corner.h"

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QWidget>

namespace sohoa::gui {

// A page as it will be signed, with the signature block drawn where it will land. The block is
// dragged to move it and by its lower-right handle to resize it; the place is kept as the signer
// takes it: a corner of the page as the reader sees it, the offset from that corner and the size,
// all in millimetres (the corner nearest to the block after a drag, so that the block keeps its
// distance to the nearest edges on pages of another size).
class AppearancePreview : public QWidget
{
    Q_OBJECT
public:
    explicit AppearancePreview(QWidget *parent = nullptr);

    // The rendered page (as displayed, /Rotate applied) and its size in points.
    void setPage(const QImage &image, const QSizeF &pageSizePt);
    void setMessage(const QString &text); // instead of a page (none chosen, cannot be rendered)
    // The block: its size in mm and where it goes.
    void setBlock(const QSizeF &sizeMm, Corner corner, const QPointF &offsetMm, const QString &label);
    void setBlockVisible(bool visible);
    // The block as it will be drawn (its own rendering); null: a framed label instead.
    void setBlockImage(const QImage &image);
    bool hasBlockImage() const { return !m_blockImage.isNull(); }

    Corner corner() const { return m_corner; }
    QPointF offsetMm() const { return m_offsetMm; }
    QSizeF blockSizeMm() const { return m_sizeMm; }
    QSizeF pageSizeMm() const;
    bool hasPage() const { return !m_image.isNull(); }
    // Where the block is drawn, in widget coordinates (tests drag from its centre).
    QRectF blockRectInWidget() const;
    QRectF handleRectInWidget() const;

Q_SIGNALS:
    // The user moved or resized the block (not emitted by setBlock).
    void placementChanged(sohoa::Corner corner, const QPointF &offsetMm, const QSizeF &sizeMm);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    QSize sizeHint() const override { return {320, 420}; }

private:
    QRectF pageRectInWidget() const;
    double pixelsPerMm() const;
    // The block's top-left from the page's top-left, in mm.
    QPointF blockTopLeftMm() const;
    void setFromTopLeftMm(QPointF topLeftMm, QSizeF sizeMm);

    QImage m_image;
    QImage m_blockImage;
    QSizeF m_pageSizePt;
    QString m_message;
    QString m_label;
    bool m_blockVisible = true;
    QSizeF m_sizeMm;
    Corner m_corner = Corner::TopRight;
    QPointF m_offsetMm;
    enum class Drag
    {
        None,
        Move,
        Resize,
    } m_drag = Drag::None;
    QPointF m_dragStart;
    QPointF m_startTopLeftMm;
    QSizeF m_startSizeMm;
};

} // namespace sohoa::gui
