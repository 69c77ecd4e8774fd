#include "pbm_stream_decoder.h"

#include "pbm_limits.h"

#include <algorithm>
#include <cstring>

namespace prodcons::client {

namespace {

/// "P1" and then the end, whitespace or a comment: the first line of a plain PBM picture.
bool startsPlainPbm(QByteArrayView line)
{
    return line.size() >= 2 && line[0] == 'P' && line[1] == '1' &&
           (line.size() == 2 || pbm::isWhitespace(line[2]) || line[2] == '#');
}

bool isBlank(QByteArrayView line)
{
    return std::all_of(line.begin(), line.end(), pbm::isWhitespace);
}

PbmStreamDecoder::Problem problemOf(const PbmHeaderParser& header)
{
    using P = PbmHeaderParser::Problem;
    switch (header.problem()) {
    case P::None:
    case P::NotNetpbm:
        return PbmStreamDecoder::Problem::NotPbm;
    case P::NotBlackAndWhite:
        return PbmStreamDecoder::Problem::NotBlackAndWhite;
    case P::BadNumber:
        return PbmStreamDecoder::Problem::BadHeader;
    case P::TooLarge:
        return PbmStreamDecoder::Problem::TooLarge;
    case P::NoPixels:
        return PbmStreamDecoder::Problem::NoPixels;
    }
    return PbmStreamDecoder::Problem::NotPbm;
}

} // namespace

void PbmStreamDecoder::feed(QByteArrayView line)
{
    ++m_linesFed;
    if (startsPlainPbm(line)) {
        startPicture();
        feedHeader(line);
        return;
    }
    switch (m_state) {
    case State::WaitingForHeader:
        if (m_magicSeen) {
            feedHeader(line);
        } else if (!isBlank(line)) {
            // Not "P1": say what it is (a raw or grey picture, or no picture at all).
            PbmHeaderParser look;
            look.feed(line);
            look.feed("\n");
            ++m_skippedLines;
            becomeNotAPicture(look.format() == '4'                               ? Problem::RawPbm
                              : look.status() == PbmHeaderParser::Status::Failed ? problemOf(look)
                                                                                 : Problem::NotPbm);
        }
        return;
    case State::Drawing:
    case State::Complete:
    case State::Overflow:
        feedRaster(line);
        return;
    case State::NotAPicture:
        ++m_skippedLines;
        return;
    }
}

void PbmStreamDecoder::reset()
{
    *this = PbmStreamDecoder();
    m_changes.restarted = true;
}

void PbmStreamDecoder::startPicture()
{
    // Counters of lines stay: they describe the stream, not one picture.
    const qint64 linesFed = m_linesFed;
    const qint64 skippedLines = m_skippedLines;
    const int picturesStarted = m_picturesStarted;
    *this = PbmStreamDecoder();
    m_linesFed = linesFed;
    m_skippedLines = skippedLines;
    m_picturesStarted = picturesStarted + 1;
    m_magicSeen = true;
    m_changes.restarted = true;
}

void PbmStreamDecoder::feedHeader(QByteArrayView bytes)
{
    qsizetype used = m_header.feed(bytes);
    if (m_header.status() == PbmHeaderParser::Status::NeedMore)
        m_header.feed("\n"); // the line's end, which the protocol took off, is whitespace
    switch (m_header.status()) {
    case PbmHeaderParser::Status::NeedMore:
        return;
    case PbmHeaderParser::Status::Failed:
        return becomeNotAPicture(problemOf(m_header));
    case PbmHeaderParser::Status::Done:
        break;
    }
    m_width = m_header.width();
    m_height = m_header.height();
    m_rowBytes = (m_width + 7) / 8;
    m_state = State::Drawing;
    m_changes.restarted = true;
    if (used < bytes.size())
        feedRaster(bytes.sliced(used)); // "P1 3 2 010 110": the raster may share the line
}

void PbmStreamDecoder::feedRaster(QByteArrayView bytes)
{
    // Netpbm's own reader skips '#' comments in a plain raster too, to the end of their line.
    if (const qsizetype comment = bytes.indexOf('#'); comment >= 0)
        bytes.truncate(comment);
    // A line is raster only if all of it is: a name or a header line that slipped in between
    // rows must not leave half of itself in the picture.
    qint64 digits = 0;
    for (const char c : bytes) {
        if (c == '0' || c == '1')
            ++digits;
        else if (!pbm::isWhitespace(c)) {
            ++m_skippedLines;
            return;
        }
    }
    if (digits == 0)
        return;

    const qint64 total = pixelCount();
    const qint64 stored = std::min(digits, total - m_pixels);
    if (stored > 0) {
        const int firstRow = int(m_pixels / m_width);
        qint64 left = stored;
        int x = int(m_pixels % m_width);
        int y = firstRow;
        // Rows begin (get storage) at their first pixel, so a row with x > 0 has begun.
        char* row = x > 0 ? m_bits.data() + y * m_rowBytes : nullptr;
        for (const char c : bytes) {
            if (left == 0)
                break;
            if (c != '0' && c != '1')
                continue;
            if (x == 0) {
                beginRow(y);
                row = m_bits.data() + y * m_rowBytes;
            }
            if (c == '1')
                row[x / 8] = char(row[x / 8] | (0x80 >> (x % 8)));
            --left;
            if (++x == m_width) {
                x = 0;
                ++y;
            }
        }
        m_pixels += stored;
        markChanged(firstRow, int((m_pixels - 1) / m_width) + 1);
    }
    if (digits > stored) {
        m_extraPixels += digits - stored;
        ++m_extraLines;
        m_state = State::Overflow;
    } else if (m_pixels == total && m_state == State::Drawing) {
        m_state = State::Complete;
    }
}

void PbmStreamDecoder::beginRow(int row)
{
    const qsizetype needed = (row + 1) * m_rowBytes;
    if (m_bits.size() < needed) {
        // Grow in doublings, never past the whole picture: memory follows what arrived.
        const qsizetype whole = m_height * m_rowBytes;
        m_bits.resize(std::min(whole, std::max(needed, 2 * m_bits.size())));
    }
    std::memset(m_bits.data() + row * m_rowBytes, 0, size_t(m_rowBytes));
    m_rowsBegun = row + 1;
}

void PbmStreamDecoder::becomeNotAPicture(Problem problem)
{
    m_state = State::NotAPicture;
    m_problem = problem;
    m_width = m_height = 0;
    m_pixels = 0;
    m_rowsBegun = 0;
    m_bits = QByteArray();
    m_changes.restarted = true;
}

void PbmStreamDecoder::markChanged(int firstRow, int endRow)
{
    if (m_changes.firstRow == m_changes.endRow) {
        m_changes.firstRow = firstRow;
        m_changes.endRow = endRow;
        return;
    }
    m_changes.firstRow = std::min(m_changes.firstRow, firstRow);
    m_changes.endRow = std::max(m_changes.endRow, endRow);
}

bool PbmStreamDecoder::isReceived(int x, int y) const
{
    return x >= 0 && y >= 0 && x < m_width && y < m_height && qint64{y} * m_width + x < m_pixels;
}

bool PbmStreamDecoder::isBlack(int x, int y) const
{
    return isReceived(x, y) && (m_bits[y * m_rowBytes + x / 8] & char(0x80 >> (x % 8))) != 0;
}

QByteArrayView PbmStreamDecoder::packedRow(int y) const
{
    if (y < 0 || y >= m_rowsBegun)
        return {};
    return QByteArrayView(m_bits.constData() + y * m_rowBytes, m_rowBytes);
}

PbmStreamDecoder::Changes PbmStreamDecoder::takeChanges()
{
    const Changes changes = m_changes;
    m_changes = Changes();
    return changes;
}

} // namespace prodcons::client
