#include "line_buffer.h"

#include <algorithm>
#include <cstring>

namespace prodcons::client {

LineBuffer::LineBuffer(qsizetype maxLineLength) : m_maxLineLength(maxLineLength) {}

char* LineBuffer::reserve(qsizetype size)
{
    if (m_data.size() < m_size + size)
        m_data.resize(std::max(m_size + size, 2 * m_data.size())); // new bytes: uninitialised
    return m_data.data() + m_size;
}

void LineBuffer::commit(qsizetype written)
{
    m_size += written;
}

void LineBuffer::append(QByteArrayView bytes)
{
    std::memcpy(reserve(bytes.size()), bytes.data(), static_cast<size_t>(bytes.size()));
    commit(bytes.size());
}

LineBuffer::Next LineBuffer::next(QByteArrayView& line)
{
    const char* begin = m_data.constData() + m_read;
    const qsizetype unread = m_size - m_read;
    const auto* newline = static_cast<const char*>(
        std::memchr(begin + m_scanned, '\n', static_cast<size_t>(unread - m_scanned)));
    if (!newline) {
        m_scanned = unread;
        // One byte more than the limit may still be the CR of a CR LF whose LF is on its way.
        const bool overlong = unread > m_maxLineLength + 1 ||
                              (unread == m_maxLineLength + 1 && begin[unread - 1] != '\r');
        return overlong ? Next::TooLong : Next::NeedMore;
    }
    qsizetype length = newline - begin;
    m_read += length + 1;
    m_scanned = 0;
    if (length > 0 && begin[length - 1] == '\r')
        --length;
    if (length > m_maxLineLength)
        return Next::TooLong;
    line = QByteArrayView(begin, length);
    return Next::Line;
}

void LineBuffer::compact()
{
    if (m_read == 0)
        return;
    const qsizetype unread = m_size - m_read;
    if (unread > 0)
        std::memmove(m_data.data(), m_data.constData() + m_read, static_cast<size_t>(unread));
    m_size = unread;
    m_read = 0;
}

void LineBuffer::clear()
{
    m_size = m_read = m_scanned = 0;
}

} // namespace prodcons::client
