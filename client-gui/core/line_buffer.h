// Splits the bytes read from a socket into protocol lines, in bulk.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace prodcons::client {

/// Bytes in, lines out. The socket's data is appended straight into this buffer (one read() for
/// all that is available), and lines are handed out as views into it, without the '\n' and
/// without a '\r' before it (servers may end lines with CR LF). Views stay valid until the next
/// append or compact(). A line longer than the limit is a protocol error, not a reason to grow.
class LineBuffer
{
public:
    enum class Next
    {
        Line,
        NeedMore,
        TooLong
    };

    /// `maxLineLength` counts the line's bytes without its line end (LF, or CR LF).
    explicit LineBuffer(qsizetype maxLineLength = 4096);

    /// Room for `size` more bytes; write them, then call commit() with how many were written.
    char* reserve(qsizetype size);
    void commit(qsizetype written);
    void append(QByteArrayView bytes);

    /// The next complete line, if there is one.
    Next next(QByteArrayView& line);
    /// Offset of the first unread byte, for rawSince().
    qsizetype position() const { return m_read; }
    /// The raw bytes (with their line ends) read since `position`, valid until the next append
    /// or compact().
    QByteArrayView rawSince(qsizetype position) const
    {
        return QByteArrayView(m_data.constData() + position, m_read - position);
    }
    /// Drops the lines already read; call after handling a batch.
    void compact();
    void clear();
    qsizetype unreadBytes() const { return m_size - m_read; }

private:
    QByteArray m_data;
    qsizetype m_size = 0;    // bytes of m_data in use
    qsizetype m_read = 0;    // bytes of m_data already handed out as lines
    qsizetype m_scanned = 0; // bytes after m_read known to hold no '\n'
    qsizetype m_maxLineLength;
};

} // namespace prodcons::client
