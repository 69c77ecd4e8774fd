#include "picture_canvas.h"

#include "picture_raster.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

namespace prodcons::client {

PictureCanvas::PictureCanvas(const PictureRaster& raster, QWidget* parent)
    : QWidget(parent), m_raster(raster)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // The whole picture is painted over itself at each change: no need to clear first.
    setAttribute(Qt::WA_OpaquePaintEvent);
}

QRect PictureCanvas::pictureRect() const
{
    const QImage& image = m_raster.image();
    const QRect room = rect().adjusted(1, 1, -1, -1); // inside the frame
    if (image.isNull() || room.isEmpty())
        return {};
    double scale =
        std::min(double(room.width()) / image.width(), double(room.height()) / image.height());
    if (scale >= 1)
        scale = std::floor(scale);
    const QSize size(std::max(1, int(image.width() * scale)),
                     std::max(1, int(image.height() * scale)));
    QRect picture(QPoint(), size);
    picture.moveCenter(room.center());
    return picture;
}

void PictureCanvas::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    const QRect picture = pictureRect();
    if (picture.isEmpty())
        return;
    // Without SmoothPixmapTransform the raster engine scales by nearest neighbour.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.drawImage(picture, m_raster.image());
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(picture.adjusted(-1, -1, 0, 0));
}

} // namespace prodcons::client
