#include "child_stats.h"

#include <new>
#include <stdexcept>
#include <sys/mman.h>

namespace prodcons::server {

void ChildStats::reset() noexcept
{
    role.store(static_cast<std::uint32_t>(ChildRole::None));
    state.store(static_cast<std::uint32_t>(ChildState::Handshake));
    end_reason.store(0);
    refused.store(0);
    names.store(0);
    sent.store(0);
    dropped.store(0);
    detail.clear();
    last_name_sequence.store(0);
    last_name_length.store(0);
}

namespace {

/// The longest prefix of `text` (at most `limit` bytes; only those are read) that does not end
/// inside a UTF-8 sequence, so that a long name cut for display shows no broken character.
std::size_t utf8_prefix(const char* text, std::size_t length, std::size_t limit) noexcept
{
    if (length <= limit)
        return length;
    auto byte = [text](std::size_t i) {
        return static_cast<unsigned char>(text[i]);
    };
    // Find the last lead byte among the last four bytes kept, and whether its sequence fits.
    std::size_t lead = limit;
    while (lead > 0 && limit - lead < 4 && (byte(lead - 1) & 0xC0) == 0x80)
        --lead;
    if (lead == 0)
        return 0;
    const unsigned char c = byte(lead - 1);
    const std::size_t size = (c & 0xE0) == 0xC0   ? 2
                             : (c & 0xF0) == 0xE0 ? 3
                             : (c & 0xF8) == 0xF0 ? 4
                                                  : 1;
    return lead - 1 + size > limit ? lead - 1 : limit;
}

} // namespace

void ChildStats::set_last_name(const char* name, std::size_t length) noexcept
{
    // Lines may be up to 8 KiB long (--slot-size); the table shows the start of them.
    const std::size_t stored = utf8_prefix(name, length, sizeof last_name);
    const std::uint32_t seq = last_name_sequence.load(std::memory_order_relaxed);
    last_name_sequence.store(seq + 1, std::memory_order_relaxed); // odd: being written
    std::atomic_thread_fence(std::memory_order_release);
    std::memcpy(last_name, name, stored);
    last_name_length.store(static_cast<std::uint32_t>(length), std::memory_order_relaxed);
    last_name_sequence.store(seq + 2, std::memory_order_release);
}

std::string ChildStats::last_name_copy() const
{
    char copy[sizeof last_name];
    for (int attempt = 0; attempt < 8; ++attempt) {
        const std::uint32_t before = last_name_sequence.load(std::memory_order_acquire);
        if (before % 2 != 0)
            continue;
        const std::uint32_t length = last_name_length.load(std::memory_order_relaxed);
        std::memcpy(copy, last_name, sizeof copy);
        std::atomic_thread_fence(std::memory_order_acquire);
        if (last_name_sequence.load(std::memory_order_relaxed) != before)
            continue;
        if (length <= sizeof copy)
            return std::string(copy, length);
        return std::string(copy, utf8_prefix(copy, length, sizeof copy)) + "\u2026";
    }
    return {}; // the child is writing names faster than we can look; show none this time
}

StatsArea::StatsArea(std::size_t count) : m_count(count)
{
    void* p = ::mmap(nullptr, count * sizeof(ChildStats), PROT_READ | PROT_WRITE,
                     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::runtime_error("mmap of the children's statistics failed");
    m_records = static_cast<ChildStats*>(p);
    for (std::size_t i = 0; i < count; ++i) {
        new (&m_records[i]) ChildStats{};
        m_records[i].reset();
    }
}

StatsArea::~StatsArea()
{
    ::munmap(m_records, m_count * sizeof(ChildStats));
}

} // namespace prodcons::server
