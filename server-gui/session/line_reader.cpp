#include "line_reader.h"

#include <cstring>

namespace prodcons::server {

LineReader::LineReader(std::span<char> storage, std::size_t max_line) noexcept
    : m_storage(storage), m_max_line(max_line)
{}

std::span<char> LineReader::free_space() noexcept
{
    if (m_begin > 0) {
        // Move the partial line to the front; names are consumed before more is received.
        std::memmove(m_storage.data(), m_storage.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_scanned -= m_begin;
        m_begin = 0;
    }
    return m_storage.subspan(m_end);
}

void LineReader::commit(std::size_t count) noexcept
{
    m_end += count;
}

LineReader::Item LineReader::make_item(std::size_t begin, std::size_t end) const noexcept
{
    if (end > begin && m_storage[end - 1] == '\r')
        --end;
    const std::size_t length = end - begin;
    if (length > m_max_line)
        return {Kind::TooLong, {}};
    return {Kind::Line, std::string_view(m_storage.data() + begin, length)};
}

std::optional<LineReader::Item> LineReader::next() noexcept
{
    const char* base = m_storage.data();
    const void* lf = std::memchr(base + m_scanned, '\n', m_end - m_scanned);
    if (!lf) {
        m_scanned = m_end;
        // A partial line that can no longer fit (limit + CR + LF) will be too long: stop
        // keeping it, so the buffer never fills with one line.
        if (m_end - m_begin > m_max_line + 1) {
            m_discarding = true;
            m_begin = m_end = m_scanned = 0;
        }
        return std::nullopt;
    }
    const auto at = static_cast<std::size_t>(static_cast<const char*>(lf) - base);
    const std::size_t begin = m_begin;
    m_begin = m_scanned = at + 1;
    if (m_discarding) {
        m_discarding = false;
        return Item{Kind::TooLong, {}};
    }
    return make_item(begin, at);
}

std::optional<LineReader::Item> LineReader::finish() noexcept
{
    if (m_discarding) {
        m_discarding = false;
        m_begin = m_end = m_scanned = 0;
        return Item{Kind::TooLong, {}};
    }
    if (m_begin == m_end)
        return std::nullopt;
    const std::size_t begin = m_begin;
    const std::size_t end = m_end;
    m_begin = m_end = m_scanned = 0;
    return make_item(begin, end);
}

} // namespace prodcons::server
