// The layout of the control object (/prodcons_shm), shared by every process of one prefix.
//
//   [Header][Slot x participants][held names: participants x window x slot_size][ring: capacity x
//   slot_size][TraceRing x participants]
//
// No pointers: every place is an offset from the start of the mapping, computed from the
// geometry that the header records. All words that another process may read or write without
// the mutex are std::atomic; the static_asserts below make sure they are lock-free and thus
// address-free, as shared memory between processes requires.
//
// The ring holds names as NUL-terminated char arrays. ring_head and ring_tail are 64-bit
// counters that only grow; a name is at slot (counter % capacity), and the buffer holds
// ring_tail - ring_head names. Storing names and then advancing a counter with one store is
// what makes a put or a take either happen completely or not at all, even under kill -9.
#pragma once

#include "ipc/config.h"
#include "ipc/error.h"
#include "ipc/teaching.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <sys/types.h>

namespace prodcons::ipc::layout {

inline constexpr std::uint32_t kMagic = 0x31424350; // "PCB1" in memory order
/// 4: the doorbells; 3: the teaching block and the step rings.
inline constexpr std::uint32_t kVersion = 4;

// Bytes of the control object used as OFD locks (see file_lock.h).
inline constexpr off_t kLifecycleLock = 0;  ///< exclusive while creating, attaching, leaving
inline constexpr off_t kUserLock = 1;       ///< shared by every attachment while attached
inline constexpr off_t kRecoveryLock = 2;   ///< exclusive while a stuck mutex is repaired
inline constexpr off_t kFirstSlotLock = 64; ///< byte 64+i: held exclusively by slot i's owner

enum class SlotState : std::uint32_t
{
    Free = 0,
    Active = 1,   ///< owned by a live process (its slot lock is held) or a dead one not yet reaped
    Orphaned = 2, ///< owner gone; its held names wait to be taken by another consumer
};

enum class Kind : std::uint32_t
{
    User = 0,     ///< an attachment: a server or a tool
    Producer = 1, ///< puts names
    Consumer = 2, ///< takes names and holds them until the client acknowledges
};

/// Where a slot stands with the mutex semaphore. A semaphore cannot say who holds it, so each
/// process writes this down; after a crash it tells whether the dead process may hold it.
enum class MutexClaim : std::uint32_t
{
    None = 0,
    InDoubt = 1, ///< waiting for it, just acquired it, or releasing it
    Held = 2,
};

/// A write-ahead record of names moving into a slot's held window, so that a process killed
/// halfway can be finished or undone by whoever reaps it.
enum class Transfer : std::uint32_t
{
    None = 0,
    FromRing = 1,
    FromOrphans = 2,
    FromQueue = 3
};

/// Which semaphore's units a doorbell announces (doorbell.h).
enum class BellFor : std::uint32_t
{
    Empty = 0,
    Full = 1
};
inline constexpr std::uint32_t kBellCount = 2;

/// Where processes that found no unit of the empty or the full semaphore sleep (doorbell.h).
struct alignas(64) Bell
{
    std::atomic<std::uint32_t> rings;    ///< the futex word: changes at every ring
    std::atomic<std::uint32_t> sleepers; ///< processes asleep here, or about to be (at least)
};

struct alignas(64) Header
{
    std::uint32_t magic;
    std::uint32_t version;
    Geometry geometry;
    std::uint64_t total_size;

    // Guarded by the mutex semaphore (read without it only for display).
    alignas(64) std::atomic<std::uint64_t> ring_head; ///< counter of the next name to take
    std::atomic<std::uint64_t> ring_tail;             ///< counter of the next slot to fill
    std::atomic<std::uint32_t> orphans[kModeCount];   ///< names held by Orphaned slots
    std::atomic<std::uint32_t> reconcile[kModeCount]; ///< semaphore counts may be off
    std::atomic<std::uint64_t> names_put[kModeCount];
    std::atomic<std::uint64_t> names_taken[kModeCount];

    // The mutex's bookkeeping.
    alignas(64) std::atomic<std::uint32_t> mutex_owner; ///< slot + 1 of the holder, 0 = none
    std::atomic<std::uint64_t> mutex_epoch;             ///< changes at every acquire and release
    std::atomic<std::uint32_t> mutex_recoveries;
    std::atomic<std::uint32_t> participants_reaped;
    std::atomic<std::uint32_t> slots_high_water; ///< no slot at or above this index is in use

    Bell bells[kBellCount]; ///< indexed by BellFor

    /// Tempo, pause, single steps and whether anybody watches the steps (teaching.h).
    Teaching teaching;
};

struct alignas(64) Slot
{
    std::atomic<std::uint32_t> state; ///< SlotState
    std::atomic<std::uint32_t> kind;  ///< Kind
    std::atomic<std::uint32_t> mode;  ///< Mode
    std::atomic<std::int32_t> pid;
    std::atomic<std::uint32_t> mutex_claim; ///< MutexClaim
    std::atomic<std::uint64_t> held_head;   ///< oldest name held (not yet acknowledged)
    std::atomic<std::uint64_t> held_tail;   ///< one past the newest held name
    std::atomic<std::uint64_t> names_moved;
    /// Kind::User: participant slots kept for the children it forks, so that another server's
    /// clients cannot take them.
    std::atomic<std::uint32_t> reserved;
    /// Kind::User: it reads the participants' steps (Teaching::watchers counts such slots).
    std::atomic<std::uint32_t> watching;
    /// Kind::User: it asked for the race mode (Teaching::racers counts such slots).
    std::atomic<std::uint32_t> racing;
    /// Single steps granted to this participant while paused (Attachment::grant_step(pid)).
    std::atomic<std::uint32_t> step_grants;
    /// The Step it waits to take, paused or slowed down (0 while it runs or blocks in a call):
    /// its latest recorded step is then over, not going on.
    std::atomic<std::uint32_t> resting_before;
    /// 1 + the BellFor it is counted among the sleepers of, 0 = none: a reaper takes a dead
    /// process's count back.
    std::atomic<std::uint32_t> asleep_at;

    std::atomic<std::uint32_t> transfer; ///< Transfer; the fields below are valid when set
    std::uint32_t transfer_count;
    std::uint32_t transfer_source_slot;
    std::uint64_t transfer_source_before; ///< the source counter before the move
    std::uint64_t transfer_tail_before;   ///< held_tail before the move

    /// Names held now (taken, not yet acknowledged). Child-safe.
    std::uint32_t held() const noexcept
    {
        return static_cast<std::uint32_t>(held_tail.load() - held_head.load());
    }
};

/// Participant slots that servers may reserve for their children: all but a few, kept for
/// servers and tools to attach however many clients are connected.
constexpr std::uint32_t reservable_participants(const Geometry& geometry) noexcept
{
    const std::uint32_t kept_for_users =
        geometry.participants < 256 ? geometry.participants / 8 : 32;
    return geometry.participants - kept_for_users;
}

static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);
static_assert(std::atomic<std::int32_t>::is_always_lock_free);

/// Typed access to a mapped control object. Non-owning; child-safe.
class ControlView
{
public:
    ControlView() noexcept = default;
    ControlView(void* base, const Geometry& geometry) noexcept;

    static std::size_t size_for(const Geometry& geometry) noexcept;

    Header& header() const noexcept { return *static_cast<Header*>(m_base); }
    Slot& slot(std::uint32_t index) const noexcept;
    /// The place of held name number `counter` of slot `index`.
    char* held_name(std::uint32_t index, std::uint64_t counter) const noexcept;
    /// The place of ring name number `counter`.
    char* ring_name(std::uint64_t counter) const noexcept;
    /// The step ring of slot `index`.
    TraceRing& trace(std::uint32_t index) const noexcept;
    const Geometry& geometry() const noexcept { return m_geometry; }
    bool valid() const noexcept { return m_base != nullptr; }

    // Values read from shared memory, bounded by what the layout can hold. Any process with
    // write access (a bug, a stray write, a hostile user) may have put anything there, and an
    // index or a count used unchecked means writes out of bounds or loops without end, with
    // the mutex held. Child-safe.

    /// slots_high_water, at most the participant slots there are.
    std::uint32_t slots_in_use() const noexcept;
    /// true if `index` (a slot number read from shared memory) names a participant slot.
    bool is_slot(std::uint64_t index) const noexcept { return index < m_geometry.participants; }
    /// ring_tail - ring_head, which can never exceed the capacity in a sound block.
    std::uint64_t ring_count_raw() const noexcept;
    bool ring_corrupt() const noexcept { return ring_count_raw() > m_geometry.capacity; }
    /// The names in the ring, at most the capacity.
    std::uint32_t ring_count() const noexcept;
    /// Names held by slot `index`, at most its window.
    std::uint32_t held(std::uint32_t index) const noexcept;
    /// Participant slots reserved by slot `index`, at most what servers may reserve.
    std::uint32_t reserved(std::uint32_t index) const noexcept;
    /// Orphans of mode `m` (< kModeCount), at most what all held windows can hold.
    std::uint32_t orphans(std::uint32_t m) const noexcept;

    /// Writes a fresh header and empty slots and ring (the caller holds the life-cycle lock
    /// and knows that nobody else uses the object).
    void initialise() const noexcept;

private:
    void* m_base = nullptr;
    Geometry m_geometry;
    std::size_t m_slots_offset = 0;
    std::size_t m_held_offset = 0;
    std::size_t m_ring_offset = 0;
    std::size_t m_trace_offset = 0;
};

/// The geometry recorded in a mapped header, if the header is ours (magic, version) and the
/// object is as large as that geometry needs. Otherwise Errc::LayoutMismatch saying why.
Result<Geometry> read_geometry(const void* base, std::size_t size, const char* object) noexcept;

/// read_geometry, and the geometry is the expected one.
Status check_layout(const void* base, std::size_t size, const Geometry& expected,
                    const char* object) noexcept;

} // namespace prodcons::ipc::layout
