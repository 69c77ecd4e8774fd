// Paints a picture's image as large as it fits, pixels crisp.
#pragma once

#include <QWidget>

namespace prodcons::client {

class PictureRaster;

/// A PictureRaster's image (not owned; call update() after the raster changed) scaled to fit with
/// its aspect ratio kept, nearest neighbour so that pixels stay sharp edged: by a whole factor when
/// it is smaller than the room, so that all pixels are the same size. A thin frame shows where the
/// picture ends.
class PictureCanvas : public QWidget
{
    Q_OBJECT

public:
    /// Paints the raster's image in place: a copy of it would be copied again by the raster's
    /// next row (a shared QImage detaches when written).
    explicit PictureCanvas(const PictureRaster& raster, QWidget* parent = nullptr);

    /// Where the picture is painted, in this widget's coordinates; empty without a picture.
    QRect pictureRect() const;

    QSize sizeHint() const override { return {240, 320}; }
    QSize minimumSizeHint() const override { return {80, 80}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    const PictureRaster& m_raster;
};

} // namespace prodcons::client
