// The picture a consumer is receiving, as an image to paint: kept up to date row by row, so that
// thousands of lines a second cost only the rows they touch.
#pragma once

#include <QColor>
#include <QImage>

namespace prodcons::client {

class PbmStreamDecoder;

/// A QImage of a PbmStreamDecoder's picture: black and white for the pixels received, and
/// notReceivedColor() for those not (yet). Pictures larger than kMaxImageSide are shown one pixel
/// in `step()` each way (nearest neighbour), so the image never takes more than 16 MB whatever the
/// header says; a tear still shows, since it shifts everything after it.
class PictureRaster
{
public:
    static constexpr int kMaxImageSide = 2048;

    /// The colour of pixels not received: a blue grey, neither white nor black, that stands out
    /// on light and dark window backgrounds alike.
    static QColor notReceivedColor() { return QColor(0x90, 0xa4, 0xae); }

    /// Takes the decoder's changes (PbmStreamDecoder::takeChanges()) and redraws what they touch;
    /// returns whether the image changed.
    bool update(PbmStreamDecoder& decoder);

    /// Null while there is no picture (no header yet, or not a picture).
    const QImage& image() const { return m_image; }
    /// How many picture pixels one image pixel stands for, each way.
    int step() const { return m_step; }

private:
    void rebuild(const PbmStreamDecoder& decoder);
    void drawRows(const PbmStreamDecoder& decoder, int firstRow, int endRow);

    QImage m_image;
    int m_step = 1;
};

} // namespace prodcons::client
