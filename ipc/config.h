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

/// The largest slot: lines of 8,191 bytes, the classic picture test's 8 KiB lines. It is also
/// Linux's default limit on a message queue's message size (/proc/sys/fs/mqueue/msgsize_max),
/// so MQ mode needs no privilege at any slot size.
inline constexpr std::uint32_t kMaxSlotSize = 8192;
inline constexpr std::uint32_t kMinSlotSize = 16;
inline constexpr std::uint32_t kDefaultSlotSize = 256;

/// Bytes of names each participant's held window may take. Every participant slot has one and
/// the whole control object is allocated up front, so a window of 128 names at 8 KiB slots would
/// make it 1 GiB; instead a window holds 128 names of 256 bytes, 16 of 2 KiB, 4 of 8 KiB, and
/// the held windows take 32 MiB whatever the slot size. Why 128: end to end, a consumer's child
/// waits for its client's OKs once its window is out, and that wait set the pace (SHM 1 x 1 in
/// alternating runs: 680 to 810 k names/s with 64, 890 k to 1.14 M with 128; bench/NOTES.md).
inline constexpr std::uint32_t kHeldBytesPerParticipant = 32768;

struct Geometry
{
    std::uint32_t capacity = 10; ///< ring slots (SHM) or queue messages (MQ)
    /// Bytes per slot including the NUL: names up to 255 bytes by default.
    std::uint32_t slot_size = kDefaultSlotSize;
    /// Processes attached at the same time: servers, tools and the servers' children.
    std::uint32_t participants = 1024;
    std::uint32_t window = 128; ///< names a consumer may hold unacknowledged

    /// The default geometry with slots of `slot_size` bytes, and the held window that fits
    /// kHeldBytesPerParticipant (at least one name, at most the default 128). Servers that agree
    /// on the slot size thus agree on the whole layout.
    static Geometry with_slot_size(std::uint32_t slot_size) noexcept;

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
