// BufferView: draws the shared buffer from a BufferModel. SHM mode: the ring of slots, each
// with the name it holds, and the in and out positions (where the next producer puts and the
// next consumer takes). MQ mode: the queue's depth against its capacity, since a POSIX message
// queue cannot be looked into without taking names out of it.
#pragma once

#include <QWidget>

namespace prodcons::server {

class BufferModel;

class BufferView : public QWidget
{
    Q_OBJECT

public:
    explicit BufferView(BufferModel* model, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// One sentence of what is drawn, for screen readers and tool tips.
    QString describe() const;

    /// The diameter of the ring as drawn at the present size (SHM mode), in pixels.
    int ringDiameter() const;

    /// The smallest ring worth drawing: its names, markers and fill stay readable.
    static constexpr int kMinimumRing = 150;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void onModelChanged();
    void paintRing(QPainter& painter, const QRectF& area) const;
    void paintGauge(QPainter& painter, const QRectF& area) const;
    void paintQueue(QPainter& painter, const QRectF& area) const;
    void paintAbsent(QPainter& painter, const QRectF& area) const;
    void paintCentre(QPainter& painter, QPointF centre, double hole) const;
    void paintMarker(QPainter& painter, QPointF center, double radius, double angle,
                     const QColor& color, const QString& label) const;

    BufferModel* m_model = nullptr;
};

} // namespace prodcons::server
