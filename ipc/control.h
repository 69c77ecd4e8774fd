// Control: one participant's handle on the control block and the mutex semaphore.
//
// It acquires the mutex and, when a holder died with it, repairs and releases it; it claims
// and releases participant slots; it reaps the slots of dead participants, turning the names
// they held into orphans that other consumers take first. Internal to ipc/. Child-safe.
#pragma once

#include "ipc/config.h"
#include "ipc/epoch_watch.h"
#include "ipc/error.h"
#include "ipc/file_lock.h"
#include "ipc/layout.h"
#include "ipc/named_semaphore.h"
#include "ipc/wait_options.h"

#include <cstdint>
#include <string_view>
#include <sys/types.h>

namespace prodcons::ipc {

/// What one reaping pass found.
struct ReapResult
{
    std::uint32_t slots_reaped = 0;
    std::uint32_t names_orphaned = 0;
};

class Control
{
public:
    Control() noexcept = default;
    Control(layout::ControlView view, NamedSemaphore* mutex, int lock_fd, const char* object,
            std::uint32_t my_slot) noexcept;

    const layout::ControlView& view() const noexcept { return m_view; }
    layout::Header& header() const noexcept { return m_view.header(); }
    std::uint32_t my_slot() const noexcept { return m_slot; }
    layout::Slot& me() const noexcept { return m_view.slot(m_slot); }
    /// How many more names this slot may hold now: its window less what it holds. Child-safe.
    std::uint32_t hold_room() const noexcept
    {
        return m_view.geometry().window - m_view.held(m_slot);
    }
    const ByteLocks& locks() const noexcept { return m_locks; }

    /// Acquires the mutex semaphore, waiting in slices; repairs it when its holder is dead.
    /// Whether the mutex has been held too long is judged over this call and earlier ones
    /// that gave up (a deadline, a cancel), so short waits find a dead holder too.
    Status lock(const WaitOptions& wait) noexcept;
    void unlock() noexcept;

    /// true if the owner of `slot` is alive (holds its slot lock). Errors count as alive:
    /// wrongly declaring a live process dead would corrupt the buffer.
    bool alive(std::uint32_t slot) const noexcept;
    /// A quick look without the mutex: is any Active slot's owner, or the mutex's recorded
    /// holder, dead?
    bool any_dead() const noexcept;

    /// Under the mutex: frees the slots of dead participants; names they held become orphans.
    ReapResult reap_dead_locked() noexcept;
    /// Under the mutex: the names held by `slot` become orphans (counted per mode), the slot
    /// becomes Orphaned, or Free when it held none.
    std::uint32_t orphan_held_locked(std::uint32_t slot) noexcept;
    /// Under the mutex: sets the per-mode orphan counts to what the Orphaned slots hold (a
    /// process killed while handing names back or adopting them leaves the counts wrong), and
    /// frees Orphaned slots that hold nothing. Returns the names they hold.
    std::uint32_t recount_orphans_locked() noexcept;
    /// Under the mutex: moves up to `max` orphaned names of `mode` into this slot's held
    /// window, oldest first. Returns how many.
    std::uint32_t adopt_orphans_locked(Mode mode, std::uint32_t max) noexcept;

    /// Claims a Free slot: takes its lock byte on `locks` (the caller's own open file
    /// description), then marks it Active. Errc::TableFull when none is free.
    static Result<std::uint32_t> claim_slot(const layout::ControlView& view, const ByteLocks& locks,
                                            layout::Kind kind, Mode mode, pid_t pid) noexcept;
    /// Gives up this slot (Free); the caller has orphaned any held names first.
    void release_slot() noexcept;

    /// Finishes or undoes a transfer record of a slot whose owner died (or, when the caller is
    /// the only user left, of any slot). Under the mutex, or with nobody else alive.
    void settle_transfer(std::uint32_t slot) noexcept;

    /// This participant is about to take `step` (teaching.h): it waits for the tempo or while
    /// paused, then records the step if somebody watches. `name` is the name the step moves,
    /// `detail` a slot index; `wait`'s stop flag ends a tempo or pause wait early. When nothing
    /// of that is on, this is one relaxed load.
    void step(Step step, std::uint32_t detail = 0, std::string_view name = {},
              const WaitOptions* wait = nullptr) noexcept
    {
        if (header().teaching.flags.load(std::memory_order_relaxed) != 0) [[unlikely]]
            teaching_gate(step, detail, name, wait);
    }
    /// The race mode is on: SHM puts and takes skip the mutex (teaching.h, kRace).
    bool racing() const noexcept
    {
        return (header().teaching.flags.load(std::memory_order_relaxed) & layout::kRace) != 0;
    }
    /// Slow motion or pause is on: put and hold then move one name per step, as the classic
    /// algorithm does, so that a class sees every name go through every step.
    bool one_name_per_step() const noexcept
    {
        return (header().teaching.flags.load(std::memory_order_relaxed) &
                (layout::kTempo | layout::kPause)) != 0;
    }

private:
    void teaching_gate(Step step, std::uint32_t detail, std::string_view name,
                       const WaitOptions* wait) noexcept;
    void record_step(Step step, std::uint32_t detail, std::string_view name) noexcept;
    /// Ends the tempo, or the pause, whose attachment died: nobody else would lift it.
    void end_what_dead_owners_set() noexcept;

    /// true once the mutex has stayed with one holder (same epoch) for kStuckAfter.
    bool held_too_long() noexcept;
    void try_recover_mutex() noexcept;
    bool holder_is_dead(std::uint32_t& dead_slot) noexcept;

    layout::ControlView m_view;
    NamedSemaphore* m_mutex = nullptr;
    ByteLocks m_locks{-1, ""};
    std::uint32_t m_slot = 0;

    EpochWatch m_watch; ///< the hold we are waiting out
    EpochWatch m_stuck; ///< a mutex stuck with no holder recorded
};

/// Whether the owner of participant slot `slot` is alive: its lock on the slot's byte is held
/// by another open file description. A failed check counts as alive: never reap on a doubt.
bool slot_owner_alive(const ByteLocks& locks, std::uint32_t slot) noexcept;

/// How often a process waiting on an empty or full buffer looks for dead participants.
inline constexpr auto kReapEvery = std::chrono::seconds(1);

} // namespace prodcons::ipc
