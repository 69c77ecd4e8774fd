#include "ipc/control.h"

#include "ipc/doorbell.h"
#include "ipc/fault_point.h"
#include "ipc/process_state.h"

#include <algorithm>
#include <cstring>

namespace prodcons::ipc {

using layout::Kind;
using layout::MutexClaim;
using layout::SlotState;
using layout::Transfer;

namespace {

// A mutex held this long is worth a look: normal holds last microseconds.
constexpr auto kStuckAfter = std::chrono::milliseconds(200);
// With no holder recorded, a dead process "in doubt" may have died in the instant between
// acquiring and recording. A live process cannot plausibly sit in that instant this long.
constexpr auto kInDoubtGrace = std::chrono::seconds(1);

void clear_slot(layout::Slot& slot) noexcept
{
    slot.held_head.store(0);
    slot.held_tail.store(0);
    slot.names_moved.store(0);
    slot.reserved.store(0);
    slot.mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::None));
    slot.transfer.store(static_cast<std::uint32_t>(Transfer::None));
    slot.pid.store(0);
    slot.state.store(static_cast<std::uint32_t>(SlotState::Free), std::memory_order_release);
}

/// Slot `index` leaves (it detaches, or it died and is reaped): it no longer watches nor
/// races, and a tempo or pause it set ends with it, since nobody else would know to lift it.
void forget_teaching_of(const layout::ControlView& view, std::uint32_t index) noexcept
{
    layout::Teaching& t = view.header().teaching;
    if (view.slot(index).watching.exchange(0) != 0) {
        const std::uint32_t before = t.watchers.load();
        if (before > 0 && t.watchers.fetch_sub(1) == 1)
            t.flags.fetch_and(~std::uint32_t(layout::kTrace));
    }
    if (view.slot(index).racing.exchange(0) != 0) {
        const std::uint32_t before = t.racers.load();
        if (before > 0 && t.racers.fetch_sub(1) == 1)
            t.flags.fetch_and(~std::uint32_t(layout::kRace));
    }
    std::uint32_t owner = index + 1;
    if (t.tempo_owner.compare_exchange_strong(owner, 0)) {
        t.tempo_ms.store(0);
        t.flags.fetch_and(~std::uint32_t(layout::kTempo));
    }
    owner = index + 1;
    if (t.pause_owner.compare_exchange_strong(owner, 0))
        t.flags.fetch_and(~std::uint32_t(layout::kPause));
}

SlotState state_of(const layout::Slot& slot) noexcept
{
    return static_cast<SlotState>(slot.state.load(std::memory_order_acquire));
}

} // namespace

bool slot_owner_alive(const ByteLocks& locks, std::uint32_t slot) noexcept
{
    auto locked = locks.locked_by_other(layout::kFirstSlotLock + static_cast<off_t>(slot));
    return !locked || locked.value();
}

Control::Control(layout::ControlView view, NamedSemaphore* mutex, int lock_fd, const char* object,
                 std::uint32_t my_slot) noexcept
    : m_view(view), m_mutex(mutex), m_locks(lock_fd, object), m_slot(my_slot)
{}

Status Control::lock(const WaitOptions& wait) noexcept
{
    layout::Slot& self = me();
    self.mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::InDoubt));
    (void)held_too_long(); // starts the watch if this hold is new to us
    for (;;) {
        auto acquired = m_mutex->wait_until(slice_end(wait, CLOCK_MONOTONIC));
        if (!acquired) {
            self.mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::None));
            return acquired.error();
        }
        if (acquired.value()) {
            fault_point("lock:acquired");
            self.mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::Held));
            header().mutex_owner.store(m_slot + 1);
            header().mutex_epoch.fetch_add(1);
            m_stuck.reset();
            m_watch.reset();
            return Ok{};
        }
        // Before the caller's limits: a wait shorter than kStuckAfter (housekeeping, reaping)
        // must do its share of looking, or a dead holder is never found when only such waits
        // are left.
        if (held_too_long())
            try_recover_mutex();
        if (auto status = check_wait(wait, "sem_clockwait", m_mutex->name()); !status) {
            self.mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::None));
            return status;
        }
    }
}

bool Control::held_too_long() noexcept
{
    // The epoch changes at every acquire and release: the same epoch seen kStuckAfter apart,
    // in this wait or in earlier ones that gave up, means one hold has lasted that long.
    return m_watch.unchanged_for(header().mutex_epoch.load(), Clock::now(), kStuckAfter);
}

void Control::unlock() noexcept
{
    // The owner is cleared before the post: a recorded owner therefore always means "holds it".
    header().mutex_owner.store(0);
    header().mutex_epoch.fetch_add(1);
    me().mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::InDoubt));
    (void)m_mutex->post(); // sem_post fails only on overflow, impossible for a 0/1 semaphore
    me().mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::None));
}

bool Control::alive(std::uint32_t slot) const noexcept
{
    return slot == m_slot || slot_owner_alive(m_locks, slot);
}

bool Control::any_dead() const noexcept
{
    // A holder of the mutex that died after marking its slot Orphaned (killed while handing
    // names back) is no Active slot, but its mutex still has to be recovered.
    const std::uint32_t owner = header().mutex_owner.load();
    if (owner != 0 && m_view.is_slot(owner - 1) && !alive(owner - 1))
        return true;
    const std::uint32_t high = m_view.slots_in_use();
    for (std::uint32_t i = 0; i < high; ++i) {
        if (state_of(m_view.slot(i)) == SlotState::Active && !alive(i))
            return true;
    }
    return false;
}

bool Control::holder_is_dead(std::uint32_t& dead_slot) noexcept
{
    const std::uint32_t owner = header().mutex_owner.load();
    if (owner != 0 && m_view.is_slot(owner - 1)) { // out of range: corrupt, look at the slots
        // unlock() clears the owner before posting, so a recorded owner still holds it.
        if (owner - 1 == m_slot || alive(owner - 1))
            return false;
        dead_slot = owner - 1;
        return true;
    }

    // No holder recorded. If a live process says it holds the mutex, it is just slow.
    bool found = false;
    const std::uint32_t high = m_view.slots_in_use();
    for (std::uint32_t i = 0; i < high; ++i) {
        const layout::Slot& slot = m_view.slot(i);
        if (i == m_slot || state_of(slot) != SlotState::Active ||
            slot.mutex_claim.load() == static_cast<std::uint32_t>(MutexClaim::None))
            continue;
        if (alive(i)) {
            if (slot.mutex_claim.load() == static_cast<std::uint32_t>(MutexClaim::Held))
                return false;
            // A live process in doubt that is not asleep in the kernel may be the holder: it
            // returned from sem_wait and has not yet recorded itself (stopped there, or not
            // scheduled). Only a waiter sleeps in doubt, so any other state keeps the mutex
            // where it is: releasing it in a dead process's name would break mutual exclusion.
            if (process_state(slot.pid.load()) != ProcessState::Sleeping) {
                m_stuck.reset();
                return false;
            }
            continue;
        }
        found = true;
        dead_slot = i;
    }
    if (!found) {
        m_stuck.reset();
        return false;
    }
    // A dead process was acquiring or releasing. A live one may also sit in the instant
    // between sem_wait returning and recording itself; only a mutex that makes no progress
    // for kInDoubtGrace is taken to belong to the dead one.
    return m_stuck.unchanged_for(header().mutex_epoch.load(), Clock::now(), kInDoubtGrace);
}

void Control::try_recover_mutex() noexcept
{
    // One recoverer at a time, and nobody waits for it: a recoverer that is stopped (SIGSTOP,
    // Ctrl-Z) would otherwise freeze every caller, a server window's event loop included.
    // Whoever finds it taken simply looks again at its next slice.
    auto mine = m_locks.try_lock(layout::kRecoveryLock, LockType::Write);
    if (!mine || !mine.value())
        return;
    std::uint32_t dead = 0;
    if (m_mutex->value() == 0 && holder_is_dead(dead)) {
        // We act as the dead holder: finish what it was doing, then release in its name.
        settle_transfer(dead);
        // It may have died half-way through handing names back or adopting them: the counts
        // follow the slots again.
        recount_orphans_locked();
        m_view.slot(dead).mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::None));
        header().mutex_owner.store(0);
        header().mutex_epoch.fetch_add(1);
        header().mutex_recoveries.fetch_add(1);
        // A producer killed between storing and posting "full" leaves the counts short.
        for (auto& flag : header().reconcile)
            flag.store(1);
        (void)m_mutex->post();
        m_stuck.reset();
    }
    m_locks.unlock(layout::kRecoveryLock);
}

void Control::settle_transfer(std::uint32_t index) noexcept
{
    if (!m_view.is_slot(index))
        return;
    layout::Slot& slot = m_view.slot(index);
    const auto transfer = static_cast<Transfer>(slot.transfer.load(std::memory_order_acquire));
    if (transfer == Transfer::None)
        return;
    // A record no sound process writes (corrupted shared memory): drop it, touch nothing else.
    if (slot.transfer.load() > static_cast<std::uint32_t>(Transfer::FromQueue) ||
        slot.transfer_count > m_view.geometry().window ||
        (transfer == Transfer::FromOrphans && !m_view.is_slot(slot.transfer_source_slot))) {
        slot.transfer.store(static_cast<std::uint32_t>(Transfer::None), std::memory_order_release);
        return;
    }
    // Each transfer commits with one store to its source counter (or, for a message queue,
    // with the kernel writing the message into the zeroed place): look at which side of it
    // the owner died.
    bool committed = false;
    switch (transfer) {
    case Transfer::None:
        break;
    case Transfer::FromRing:
        committed = header().ring_head.load() == slot.transfer_source_before + slot.transfer_count;
        break;
    case Transfer::FromOrphans:
        committed = m_view.slot(slot.transfer_source_slot).held_head.load() ==
                    slot.transfer_source_before + slot.transfer_count;
        break;
    case Transfer::FromQueue:
        committed = m_view.held_name(index, slot.transfer_tail_before)[0] != '\0';
        break;
    }
    slot.held_tail.store(slot.transfer_tail_before + (committed ? slot.transfer_count : 0));
    slot.transfer.store(static_cast<std::uint32_t>(Transfer::None), std::memory_order_release);
}

std::uint32_t Control::orphan_held_locked(std::uint32_t index) noexcept
{
    if (!m_view.is_slot(index))
        return 0;
    layout::Slot& slot = m_view.slot(index);
    const std::uint32_t held = m_view.held(index); // at most the window, whatever is written
    if (held == 0) {
        clear_slot(slot);
        return 0;
    }
    const auto mode = slot.mode.load();
    slot.mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::None));
    slot.state.store(static_cast<std::uint32_t>(SlotState::Orphaned), std::memory_order_release);
    fault_point("orphan:marked");
    if (mode < kModeCount)
        header().orphans[mode].fetch_add(held);
    return held;
}

std::uint32_t Control::recount_orphans_locked() noexcept
{
    std::uint32_t counts[kModeCount] = {};
    std::uint32_t total = 0;
    const std::uint32_t participants = m_view.geometry().participants;
    for (std::uint32_t i = 0; i < participants; ++i) {
        layout::Slot& slot = m_view.slot(i);
        if (state_of(slot) != SlotState::Orphaned)
            continue;
        const std::uint32_t held = m_view.held(i);
        const std::uint32_t mode = slot.mode.load();
        if (held == 0 || mode >= kModeCount) {
            clear_slot(slot); // nothing left to hand on (an adopter died before freeing it)
            continue;
        }
        counts[mode] += held;
        total += held;
    }
    for (std::uint32_t m = 0; m < kModeCount; ++m)
        header().orphans[m].store(counts[m]);
    return total;
}

ReapResult Control::reap_dead_locked() noexcept
{
    ReapResult result;
    const std::uint32_t high = m_view.slots_in_use();
    for (std::uint32_t i = 0; i < high; ++i) {
        layout::Slot& slot = m_view.slot(i);
        if (state_of(slot) != SlotState::Active || alive(i))
            continue;
        // We hold the mutex, so the dead process does not: any transfer under the mutex was
        // settled when the mutex was recovered; a message-queue receive may still be open.
        settle_transfer(i);
        forget_teaching_of(m_view, i);
        forget_sleeper(header(), slot);
        result.names_orphaned += orphan_held_locked(i);
        ++result.slots_reaped;
    }
    if (result.slots_reaped > 0) {
        recount_orphans_locked();
        header().participants_reaped.fetch_add(result.slots_reaped);
        // A dead producer or consumer may have taken semaphore units it never gave back.
        for (auto& flag : header().reconcile)
            flag.store(1);
    }
    return result;
}

std::uint32_t Control::adopt_orphans_locked(Mode mode, std::uint32_t max) noexcept
{
    const auto m = static_cast<std::uint32_t>(mode);
    std::uint32_t moved = 0;
    const std::uint32_t high = m_view.slots_in_use();
    layout::Slot& self = me();
    for (std::uint32_t i = 0; i < high && moved < max && header().orphans[m].load() > 0; ++i) {
        layout::Slot& source = m_view.slot(i);
        if (state_of(source) != SlotState::Orphaned || source.mode.load() != m)
            continue;
        const std::uint64_t head = source.held_head.load();
        const std::uint32_t available = m_view.held(i); // at most the window
        const std::uint32_t count = std::min(available, max - moved);
        const std::uint64_t tail = self.held_tail.load();

        self.transfer_count = count;
        self.transfer_source_slot = i;
        self.transfer_source_before = head;
        self.transfer_tail_before = tail;
        self.transfer.store(static_cast<std::uint32_t>(Transfer::FromOrphans),
                            std::memory_order_release);
        for (std::uint32_t k = 0; k < count; ++k)
            std::memcpy(m_view.held_name(m_slot, tail + k), m_view.held_name(i, head + k),
                        m_view.geometry().slot_size);
        source.held_head.store(head + count); // commit
        fault_point("adopt:committed");
        self.held_tail.store(tail + count);
        self.transfer.store(static_cast<std::uint32_t>(Transfer::None), std::memory_order_release);

        header().orphans[m].fetch_sub(std::min(count, header().orphans[m].load()));
        if (available == count)
            clear_slot(source);
        moved += count;
    }
    return moved;
}

Result<std::uint32_t> Control::claim_slot(const layout::ControlView& view, const ByteLocks& locks,
                                          Kind kind, Mode mode, pid_t pid) noexcept
{
    layout::Header& header = view.header();
    for (std::uint32_t i = 0; i < view.geometry().participants; ++i) {
        layout::Slot& slot = view.slot(i);
        if (state_of(slot) != SlotState::Free)
            continue;
        // Lock first, then mark Active: an Active slot without its lock is a dead owner's.
        auto taken =
            locks.try_lock(layout::kFirstSlotLock + static_cast<off_t>(i), LockType::Write);
        if (!taken)
            return taken.error();
        if (!taken.value())
            continue; // another process is claiming it right now
        std::uint32_t expected = static_cast<std::uint32_t>(SlotState::Free);
        if (!slot.state.compare_exchange_strong(expected,
                                                static_cast<std::uint32_t>(SlotState::Active))) {
            locks.unlock(layout::kFirstSlotLock + static_cast<off_t>(i));
            continue;
        }
        // The previous owner's steps are not this one's: observers see the new pid only
        // once its ring is empty.
        layout::TraceRing& trace = view.trace(i);
        for (layout::TraceEvent& event : trace.events)
            event.sequence.store(0, std::memory_order_relaxed);
        trace.next.store(0);
        slot.kind.store(static_cast<std::uint32_t>(kind));
        slot.mode.store(static_cast<std::uint32_t>(mode));
        slot.pid.store(pid);
        slot.mutex_claim.store(static_cast<std::uint32_t>(MutexClaim::None));
        slot.held_head.store(0);
        slot.held_tail.store(0);
        slot.names_moved.store(0);
        slot.reserved.store(0);
        slot.step_grants.store(0);
        slot.resting_before.store(0);
        slot.asleep_at.store(0);
        slot.transfer.store(static_cast<std::uint32_t>(Transfer::None));
        std::uint32_t high = header.slots_high_water.load();
        while (high < i + 1 && !header.slots_high_water.compare_exchange_weak(high, i + 1)) {
        }
        return i;
    }
    char detail[64];
    std::snprintf(detail, sizeof detail, "all %u participant slots are in use",
                  view.geometry().participants);
    return Error::make(Errc::TableFull, "claim_slot", "", detail);
}

void Control::release_slot() noexcept
{
    layout::Slot& self = me();
    forget_teaching_of(m_view, m_slot);
    if (state_of(self) == SlotState::Active)
        clear_slot(self);
    m_locks.unlock(layout::kFirstSlotLock + static_cast<off_t>(m_slot));
}

} // namespace prodcons::ipc
