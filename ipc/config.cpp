#include "ipc/config.h"

#include <algorithm>
#include <cstdio>

namespace prodcons::ipc {

const char* mode_name(Mode mode) noexcept
{
    return mode == Mode::Shm ? "SHM" : "MQ";
}

Geometry Geometry::with_slot_size(std::uint32_t slot_size) noexcept
{
    Geometry geometry;
    geometry.slot_size = slot_size;
    if (slot_size > 0)
        geometry.window = std::clamp(kHeldBytesPerParticipant / slot_size, 1u, geometry.window);
    return geometry;
}

Status Geometry::check() const noexcept
{
    auto out_of_range = [](const char* what, std::uint32_t value, std::uint32_t low,
                           std::uint32_t high) -> Error {
        char detail[96];
        std::snprintf(detail, sizeof detail, "%s %u is outside %u..%u", what, value, low, high);
        return Error::make(Errc::LayoutMismatch, "Geometry", "", detail);
    };
    if (capacity < 1 || capacity > 65536)
        return out_of_range("capacity", capacity, 1, 65536);
    if (slot_size < kMinSlotSize || slot_size > kMaxSlotSize)
        return out_of_range("slot size", slot_size, kMinSlotSize, kMaxSlotSize);
    if (participants < 1 || participants > 4096)
        return out_of_range("participants", participants, 1, 4096);
    if (window < 1 || window > 1024)
        return out_of_range("window", window, 1, 1024);
    return Ok{};
}

Config Config::from_environment()
{
    Config config;
    config.prefix = prefix_from_environment();
    return config;
}

} // namespace prodcons::ipc
