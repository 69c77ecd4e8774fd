// FixedText: builds a short line in a fixed array without allocating or formatting through
// stdio, so a forked child can compose messages ("ERROR: ... (sem_clockwait: EINVAL)").
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace prodcons::server {

template <std::size_t N> class FixedText
{
public:
    FixedText& operator<<(std::string_view text) noexcept
    {
        const std::size_t n = text.size() < N - 1 - m_size ? text.size() : N - 1 - m_size;
        std::memcpy(m_text + m_size, text.data(), n);
        m_size += n;
        m_text[m_size] = '\0';
        return *this;
    }

    FixedText& operator<<(std::uint64_t value) noexcept
    {
        char digits[24];
        std::size_t n = 0;
        do {
            digits[n++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value > 0);
        char ordered[24];
        for (std::size_t i = 0; i < n; ++i)
            ordered[i] = digits[n - 1 - i];
        return *this << std::string_view(ordered, n);
    }

    void clear() noexcept
    {
        m_size = 0;
        m_text[0] = '\0';
    }
    std::string_view view() const noexcept { return {m_text, m_size}; }
    const char* c_str() const noexcept { return m_text; }

private:
    char m_text[N] = {};
    std::size_t m_size = 0;
};

} // namespace prodcons::server
