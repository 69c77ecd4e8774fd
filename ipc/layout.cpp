#include "ipc/layout.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <new>

namespace prodcons::ipc::layout {

namespace {

constexpr std::size_t round_up(std::size_t value, std::size_t to) noexcept
{
    return (value + to - 1) / to * to;
}

constexpr std::size_t kPage = 4096;

} // namespace

ControlView::ControlView(void* base, const Geometry& geometry) noexcept
    : m_base(base), m_geometry(geometry)
{
    m_slots_offset = round_up(sizeof(Header), 64);
    m_held_offset = m_slots_offset + std::size_t{geometry.participants} * sizeof(Slot);
    m_ring_offset =
        m_held_offset + std::size_t{geometry.participants} * geometry.window * geometry.slot_size;
    m_trace_offset =
        round_up(m_ring_offset + std::size_t{geometry.capacity} * geometry.slot_size, 64);
}

std::size_t ControlView::size_for(const Geometry& g) noexcept
{
    const std::size_t header = round_up(sizeof(Header), 64);
    const std::size_t slots = std::size_t{g.participants} * sizeof(Slot);
    const std::size_t held = std::size_t{g.participants} * g.window * g.slot_size;
    const std::size_t ring = std::size_t{g.capacity} * g.slot_size;
    const std::size_t traces = std::size_t{g.participants} * sizeof(TraceRing);
    return round_up(round_up(header + slots + held + ring, 64) + traces, kPage);
}

Slot& ControlView::slot(std::uint32_t index) const noexcept
{
    return reinterpret_cast<Slot*>(static_cast<char*>(m_base) + m_slots_offset)[index];
}

char* ControlView::held_name(std::uint32_t index, std::uint64_t counter) const noexcept
{
    const std::size_t within = static_cast<std::size_t>(counter % m_geometry.window);
    return static_cast<char*>(m_base) + m_held_offset +
           (std::size_t{index} * m_geometry.window + within) * m_geometry.slot_size;
}

char* ControlView::ring_name(std::uint64_t counter) const noexcept
{
    const std::size_t within = static_cast<std::size_t>(counter % m_geometry.capacity);
    return static_cast<char*>(m_base) + m_ring_offset + within * m_geometry.slot_size;
}

TraceRing& ControlView::trace(std::uint32_t index) const noexcept
{
    return reinterpret_cast<TraceRing*>(static_cast<char*>(m_base) + m_trace_offset)[index];
}

std::uint32_t ControlView::slots_in_use() const noexcept
{
    return std::min(header().slots_high_water.load(), m_geometry.participants);
}

std::uint64_t ControlView::ring_count_raw() const noexcept
{
    const Header& h = header();
    return h.ring_tail.load(std::memory_order_acquire) -
           h.ring_head.load(std::memory_order_acquire);
}

std::uint32_t ControlView::ring_count() const noexcept
{
    return static_cast<std::uint32_t>(
        std::min<std::uint64_t>(ring_count_raw(), m_geometry.capacity));
}

std::uint32_t ControlView::held(std::uint32_t index) const noexcept
{
    const Slot& s = slot(index);
    return static_cast<std::uint32_t>(
        std::min<std::uint64_t>(s.held_tail.load() - s.held_head.load(), m_geometry.window));
}

std::uint32_t ControlView::reserved(std::uint32_t index) const noexcept
{
    return std::min(slot(index).reserved.load(), reservable_participants(m_geometry));
}

std::uint32_t ControlView::orphans(std::uint32_t m) const noexcept
{
    const std::uint64_t most = std::uint64_t{m_geometry.participants} * m_geometry.window;
    return static_cast<std::uint32_t>(
        std::min<std::uint64_t>(header().orphans[m % kModeCount].load(), most));
}

void ControlView::initialise() const noexcept
{
    const std::size_t size = size_for(m_geometry);
    // The header and the slots only: held windows and the ring are read only below counters
    // that start at zero, and the object was zero-filled when it was sized; writing 32 MiB of
    // held windows again would only cost time.
    std::memset(m_base, 0, m_held_offset);
    // Placement-new gives the atomics their lifetime in this mapping; other processes then use
    // them through the same layout.
    Header* header = new (m_base) Header{};
    header->magic = kMagic;
    header->version = kVersion;
    header->geometry = m_geometry;
    header->total_size = size;
    for (std::uint32_t i = 0; i < m_geometry.participants; ++i) {
        new (&slot(i)) Slot{};
        new (&trace(i)) TraceRing{};
    }
}

Result<Geometry> read_geometry(const void* base, std::size_t size, const char* object) noexcept
{
    if (size < sizeof(Header))
        return Error::make(Errc::LayoutMismatch, "check_layout", object,
                           "too small for a prodcons header");
    const Header& header = *static_cast<const Header*>(base);
    if (header.magic != kMagic)
        return Error::make(Errc::LayoutMismatch, "check_layout", object,
                           "not a prodcons control object (bad magic)");
    char detail[112];
    if (header.version != kVersion) {
        std::snprintf(detail, sizeof detail, "layout version %u, this program uses %u",
                      header.version, kVersion);
        return Error::make(Errc::LayoutMismatch, "check_layout", object, detail);
    }
    const Geometry g = header.geometry;
    if (!g.check() || header.total_size != ControlView::size_for(g) || size < header.total_size) {
        std::snprintf(detail, sizeof detail, "size %zu does not match its header", size);
        return Error::make(Errc::LayoutMismatch, "check_layout", object, detail);
    }
    return g;
}

Status check_layout(const void* base, std::size_t size, const Geometry& expected,
                    const char* object) noexcept
{
    auto found = read_geometry(base, size, object);
    if (!found)
        return found.error();
    const Geometry& g = found.value();
    if (g == expected)
        return Ok{};
    char detail[112];
    std::snprintf(detail, sizeof detail,
                  "found %u slots x %u bytes (%u participants, window %u), expected %u x %u "
                  "(%u, %u)",
                  g.capacity, g.slot_size, g.participants, g.window, expected.capacity,
                  expected.slot_size, expected.participants, expected.window);
    return Error::make(Errc::LayoutMismatch, "check_layout", object, detail);
}

} // namespace prodcons::ipc::layout
