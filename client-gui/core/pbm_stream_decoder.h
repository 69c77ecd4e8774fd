// A plain PBM picture (P1) put together from protocol lines as a consumer receives them, in
// whatever order and number they come: lost, doubled or foreign lines must show, not break it.
#pragma once

#include "pbm_header_parser.h"

#include <QByteArray>
#include <QByteArrayView>

namespace prodcons::client {

/// Fed one received line at a time (without its line end). Reads the header incrementally, then
/// fills the pixels left to right and top to bottom with the raster's digits ('0' white, '1'
/// black, whitespace and '#' comments ignored), whatever the lines' lengths: a line lost or
/// doubled shifts every pixel after it, which is what makes the tear visible.
///
/// Any bytes are safe. A line that is neither header nor raster (a name from another producer,
/// binary) is skipped whole and counted. A line starting with the magic "P1" starts a new
/// picture, so a doubled "P1" line or a second picture is harmless. Pixels beyond width x height
/// are counted, never stored. Memory grows with the rows actually received, up to the header's
/// size, itself capped by pbm::kMaxSide and pbm::kMaxPixels (2 MB of bits at most).
class PbmStreamDecoder
{
public:
    enum class State
    {
        WaitingForHeader, ///< nothing yet, or the header so far
        Drawing,          ///< header read; pixels arriving
        Complete,         ///< exactly width x height pixels so far
        Overflow,         ///< more pixels than the header announced (extraLines(), extraPixels())
        NotAPicture       ///< problem() says why; a later "P1" line starts a picture again
    };
    enum class Problem
    {
        None,
        NotPbm,           ///< the first line is not a Netpbm header
        NotBlackAndWhite, ///< a grey or colour Netpbm picture
        RawPbm,           ///< "P4": raw bytes, which cannot travel as lines
        BadHeader,        ///< no number where the width or height belongs
        TooLarge,         ///< beyond pbm::kMaxSide or pbm::kMaxPixels
        NoPixels          ///< a width or height of 0
    };
    /// Rows whose pixels changed since the last takeChanges(): [firstRow, endRow). `restarted`:
    /// the picture itself changed (new header, reset, not a picture); draw everything again.
    struct Changes
    {
        bool restarted = false;
        int firstRow = 0;
        int endRow = 0;
    };

    void feed(QByteArrayView line);
    /// Back to waiting for a header, as new.
    void reset();

    State state() const { return m_state; }
    Problem problem() const { return m_problem; }
    /// 0 until the header is read.
    int width() const { return m_width; }
    int height() const { return m_height; }
    qint64 pixelCount() const { return qint64{m_width} * m_height; }
    /// Pixels received, at most pixelCount(); the next one goes to (pixelsReceived() % width,
    /// pixelsReceived() / width).
    qint64 pixelsReceived() const { return m_pixels; }
    int rowsComplete() const { return m_width ? int(m_pixels / m_width) : 0; }

    /// Whether pixel (x, y) has arrived, and whether it is black (false if it has not arrived).
    bool isReceived(int x, int y) const;
    bool isBlack(int x, int y) const;
    /// Row y as bits, most significant first, 1 for black (as in a raw PBM or QImage::Format_Mono);
    /// only the pixels received are meaningful, the rest are 0. Empty for a row not yet begun.
    QByteArrayView packedRow(int y) const;

    qint64 linesFed() const { return m_linesFed; }
    /// Lines that were neither header nor raster, skipped whole.
    qint64 skippedLines() const { return m_skippedLines; }
    /// Lines that brought pixels beyond the picture's end, and how many pixels.
    qint64 extraLines() const { return m_extraLines; }
    qint64 extraPixels() const { return m_extraPixels; }
    /// How many "P1" lines started a picture (a second one starts the picture anew).
    int picturesStarted() const { return m_picturesStarted; }

    /// What changed since the last call, and forget it: for a view that repaints only that.
    Changes takeChanges();

private:
    void startPicture();
    void feedHeader(QByteArrayView bytes);
    void feedRaster(QByteArrayView bytes);
    void beginRow(int row);
    void becomeNotAPicture(Problem problem);
    void markChanged(int firstRow, int endRow);

    State m_state = State::WaitingForHeader;
    Problem m_problem = Problem::None;
    bool m_magicSeen = false;
    PbmHeaderParser m_header;
    int m_width = 0;
    int m_height = 0;
    qsizetype m_rowBytes = 0;
    QByteArray m_bits;   // rows begun so far, m_rowBytes each
    qint64 m_pixels = 0; // pixels received, <= width x height
    int m_rowsBegun = 0; // rows with storage, cleared when begun

    qint64 m_linesFed = 0;
    qint64 m_skippedLines = 0;
    qint64 m_extraLines = 0;
    qint64 m_extraPixels = 0;
    int m_picturesStarted = 0;
    Changes m_changes;
};

} // namespace prodcons::client
