#include "picture_raster.h"

#include "pbm_stream_decoder.h"

#include <algorithm>

namespace prodcons::client {

namespace {

int ceilDiv(qint64 a, int b)
{
    return int((a + b - 1) / b);
}

} // namespace

bool PictureRaster::update(PbmStreamDecoder& decoder)
{
    const PbmStreamDecoder::Changes changes = decoder.takeChanges();
    if (changes.restarted) {
        rebuild(decoder);
        return true;
    }
    if (changes.firstRow >= changes.endRow || m_image.isNull())
        return false;
    drawRows(decoder, changes.firstRow, changes.endRow);
    return true;
}

void PictureRaster::rebuild(const PbmStreamDecoder& decoder)
{
    if (decoder.width() == 0 || decoder.height() == 0) {
        m_image = QImage();
        m_step = 1;
        return;
    }
    m_step = ceilDiv(std::max(decoder.width(), decoder.height()), kMaxImageSide);
    m_image = QImage(ceilDiv(decoder.width(), m_step), ceilDiv(decoder.height(), m_step),
                     QImage::Format_RGB32);
    m_image.fill(notReceivedColor());
    // Everything received so far: the rows up to and including the one being filled.
    drawRows(decoder, 0, ceilDiv(decoder.pixelsReceived(), decoder.width()));
}

void PictureRaster::drawRows(const PbmStreamDecoder& decoder, int firstRow, int endRow)
{
    // Image row r shows picture row r * step: the image rows whose picture row is in range.
    const int first = ceilDiv(firstRow, m_step);
    const int end = std::min(ceilDiv(endRow, m_step), m_image.height());
    const QRgb black = qRgb(0, 0, 0);
    const QRgb white = qRgb(255, 255, 255);
    const QRgb notReceived = notReceivedColor().rgb();
    const qint64 received = decoder.pixelsReceived();
    const int width = decoder.width();
    for (int row = first; row < end; ++row) {
        const int y = row * m_step;
        const QByteArrayView bits = decoder.packedRow(y);
        auto* line = reinterpret_cast<QRgb*>(m_image.scanLine(row));
        // Pixels arrive in order: those of this row before `receivedInRow` are in.
        const qint64 receivedInRow = std::clamp<qint64>(received - qint64{y} * width, 0, width);
        for (int column = 0; column < m_image.width(); ++column) {
            const int x = column * m_step;
            if (x >= receivedInRow) {
                line[column] = notReceived;
                continue;
            }
            const bool isBlack = (static_cast<unsigned char>(bits[x / 8]) >> (7 - x % 8)) & 1;
            line[column] = isBlack ? black : white;
        }
    }
}

} // namespace prodcons::client
