// What a process asks for when it attaches: which objects (prefix), which mode, which geometry.
#pragma once

#include "ipc/error.h"
#include "ipc/object_names.h"

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace prodcons::ipc {

enum class Mode : std::uint32_t
{
    Shm = 0,
    Mq = 1
};
inline constexpr std::uint32_t kModeCount = 2;

/// "SHM" or "MQ".
const char* mode_name(Mode mode) noexcept;

struct Geometry
{
    std::uint32_t capacity = 10;   ///< ring slots (SHM) or queue messages (MQ)
    std::uint32_t slot_size = 256; ///< bytes per slot including the NUL: names up to 255 bytes
    /// Processes attached at the same time: servers, tools and the servers' children.
    std::uint32_t participants = 1024;
    std::uint32_t window = 32; ///< names a consumer may hold unacknowledged

    std::uint32_t max_name_length() const noexcept { return slot_size - 1; }
    bool operator==(const Geometry&) const = default;

    /// capacity 1..65536, slot_size 16..8192, participants 1..4096, window 1..1024.
    Status check() const noexcept;
};

struct Config
{
    std::string prefix = std::string(kDefaultPrefix);
    Geometry geometry;
    /// Objects are created for the owner only unless asked otherwise; the umask cannot widen
    /// or narrow this (the mode is set explicitly after creation).
    mode_t permissions = 0600;
    /// Participant slots kept for the processes this attachment will fork (a server's
    /// --max-children; 0 for a tool). See layout::reservable_participants.
    std::uint32_t reserve_participants = 0;

    /// Defaults, with the prefix from PRODCONS_IPC_PREFIX when set.
    static Config from_environment();
};

} // namespace prodcons::ipc
