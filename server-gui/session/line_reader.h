// LineReader: frames a byte stream into lines in a fixed buffer, without allocating (it runs in
// a forked child). A line longer than the limit is never buffered whole: it is reported once,
// as TooLong, when its end arrives, and its bytes are dropped as they come. CR LF is
// tolerated: a CR before the LF is not part of the line.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace prodcons::server {

class LineReader
{
public:
    enum class Kind
    {
        Line,
        TooLong
    };
    struct Item
    {
        Kind kind;
        std::string_view text; ///< without the LF (and CR); empty for TooLong
    };

    /// `storage` must hold more than `max_line` + 2 bytes.
    LineReader(std::span<char> storage, std::size_t max_line) noexcept;

    /// Where to receive next. Empty only when the storage is full of lines not yet taken with
    /// next(). Invalidates the text of items returned before.
    std::span<char> free_space() noexcept;
    /// `count` bytes were received into free_space().
    void commit(std::size_t count) noexcept;
    /// The next complete line, if any.
    std::optional<Item> next() noexcept;
    /// At end of input: an unterminated last line, if any, as a line of its own.
    std::optional<Item> finish() noexcept;

    std::size_t max_line() const noexcept { return m_max_line; }

private:
    Item make_item(std::size_t begin, std::size_t end) const noexcept;

    std::span<char> m_storage;
    std::size_t m_max_line;
    std::size_t m_begin = 0;   ///< first unconsumed byte
    std::size_t m_end = 0;     ///< one past the last received byte
    std::size_t m_scanned = 0; ///< no LF in [m_begin, m_scanned)
    bool m_discarding = false; ///< inside a line already known to be too long
};

} // namespace prodcons::server
