#pragma once

#include <QAbstractScrollArea>
#include <QImage>

namespace sohoa::gui {

// A page at any zoom: fit to width, fit to page or a fixed scale; dragged with the mouse or moved with
// the scroll bars to pan; Ctrl+wheel zooms. The image is painted turned by the page's rotation.
class ImageView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    enum class Fit
    {
        None,
        Width,
        Page,
    };
    Q_ENUM(Fit)

    explicit ImageView(QWidget *parent = nullptr);

    void setImage(const QImage &image, int rotation = 0);
    void setMessage(const QString &message); // instead of an image (loading, an error)
    const QImage &image() const { return m_image; }
    int rotation() const { return m_rotation; }
    QString message() const { return m_message; }
    double scale() const { return m_scale; }
    Fit fit() const { return m_fit; }

    void setFit(Fit fit);
    void zoomBy(double factor);

Q_SIGNALS:
    void scaleChanged(double scale);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    QSize turnedSize() const;
    void relayout();

    QImage m_image;
    int m_rotation = 0;
    QString m_message;
    Fit m_fit = Fit::Page;
    double m_scale = 1.0;
    QPoint m_dragFrom;
    bool m_dragging = false;
};

} // namespace sohoa::gui
