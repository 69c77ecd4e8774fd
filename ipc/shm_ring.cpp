#include "ipc/shm_ring.h"

#include "ipc/brief_spin.h"
#include "ipc/doorbell.h"
#include "ipc/fault_point.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace prodcons::ipc {

using layout::BellFor;
using layout::Transfer;

namespace {

constexpr auto kShm = static_cast<std::uint32_t>(Mode::Shm);

/// After moving `moved` names on the strength of `claimed` units: take the units for the names
/// moved beyond the claim, as far as they have been posted. Those not posted yet arrive later
/// as spares. (Claims beyond what was moved are simply dropped: they stood for names another
/// process moved beyond its own claim.) This keeps the counts from ever falling short, which
/// would leave names unseen until a wait times out; spares only cost a spurious wake-up.
void settle_units(NamedSemaphore& units, std::uint32_t claimed, std::uint32_t moved) noexcept
{
    for (std::uint32_t extra = moved > claimed ? moved - claimed : 0; extra > 0; --extra)
        if (!units.try_wait())
            break;
}

/// The error for a ring whose counters are more than its capacity apart: corruption, which a
/// put or a take must not turn into writes over names nobody took (or a loop). Child-safe.
Error ring_corrupted(const Control& control) noexcept
{
    char detail[112];
    std::snprintf(detail, sizeof detail,
                  "ring_tail - ring_head = %llu exceeds the capacity %u; run socket_srv --cleanup",
                  static_cast<unsigned long long>(control.view().ring_count_raw()),
                  control.view().geometry().capacity);
    return Error::make(Errc::Corrupted, "ShmRing", control.locks().object(), detail);
}

/// The race mode's counters, as the textbook algorithm without its mutex leaves them: an
/// update lost between two participants makes the ring look overfull (or more than empty).
/// Brought back in range the way a ring without the mutex behaves: the oldest names are
/// overwritten, or the reader reads slots again. Race mode only (no mutex is held).
void race_resync(layout::Header& header, std::uint32_t capacity) noexcept
{
    const std::uint64_t tail = header.ring_tail.load();
    const auto count = static_cast<std::int64_t>(tail - header.ring_head.load());
    if (count < 0)
        header.ring_head.store(tail);
    else if (count > std::int64_t{capacity})
        header.ring_head.store(tail - capacity);
}

} // namespace

void store_name(char* place, std::string_view name) noexcept
{
    std::memcpy(place, name.data(), name.size());
    place[name.size()] = '\0';
}

void ShmRing::reconcile_locked(Control& control) noexcept
{
    layout::Header& header = control.header();
    header.reconcile[kShm].store(0);
    // Every count read from shared memory is bounded by what the layout holds, so this posts at
    // most capacity + participants x window units, whatever was written there; a ring count
    // beyond the capacity is corruption (put and hold refuse it), not units to post.
    const layout::ControlView& view = control.view();
    const std::uint64_t count = view.ring_count();
    const std::uint64_t available = count + view.orphans(kShm);
    const std::uint64_t free_slots = view.geometry().capacity - count;
    // Too many units only cause a spurious wake-up that finds nothing and waits again; too
    // few would leave names unseen. So top up, never take away.
    const auto full = static_cast<std::uint64_t>(m_full->value());
    const auto empty = static_cast<std::uint64_t>(m_empty->value());
    post_and_ring(header, BellFor::Full, *m_full,
                  static_cast<std::uint32_t>(available > full ? available - full : 0));
    post_and_ring(header, BellFor::Empty, *m_empty,
                  static_cast<std::uint32_t>(free_slots > empty ? free_slots - empty : 0));
}

Status ShmRing::housekeeping(Control& control, Side side, const WaitOptions& wait,
                             Clock::time_point& last_reap) noexcept
{
    // A whole slice passed without a unit. Normally the buffer is just full (or empty); after a
    // crash the counts may be short, or a dead consumer may hold names nobody can see yet.
    const layout::Header& header = control.header();
    const std::uint64_t count = header.ring_tail.load() - header.ring_head.load();
    // In the race mode the counters are wrong on purpose: topping the semaphores up from them
    // would feed consumers slots that hold nothing, without end. Only the dead are looked for.
    const bool race = control.racing();
    const bool work_visible =
        !race && (side == Side::Producer ? count < control.view().geometry().capacity
                                         : count + header.orphans[kShm].load() > 0);
    const bool reap_due = Clock::now() - last_reap >= kReapEvery;
    const bool dead_found = reap_due && control.any_dead();
    if (reap_due)
        last_reap = Clock::now();
    if (!work_visible && !dead_found && (race || header.reconcile[kShm].load() == 0))
        return Ok{};

    if (auto locked = control.lock(housekeeping_wait(wait)); !locked) {
        const Errc code = locked.error().code;
        // Not getting the mutex in a short while is no reason to fail the caller's wait.
        return code == Errc::Timeout ? Status(Ok{}) : locked;
    }
    if (dead_found)
        control.reap_dead_locked();
    if (!race)
        reconcile_locked(control);
    control.unlock();
    return Ok{};
}

Result<std::uint32_t> ShmRing::claim(Control& control, Side side, std::uint32_t max,
                                     const WaitOptions& wait) noexcept
{
    NamedSemaphore& units = side == Side::Producer ? *m_empty : *m_full;
    const BellFor bell = side == Side::Producer ? BellFor::Empty : BellFor::Full;
    auto last_reap = Clock::now();
    bool claimed_one = units.try_wait();
    // A caller that asked only for what is there now (a passed deadline) does not spin.
    for (BriefSpin spin(BriefSpin::Look::Free);
         !claimed_one && !wait.deadline.passed() && spin.again();)
        claimed_one = units.try_wait();
    while (!claimed_one) {
        // A ring for units that another process took first keeps the slice: what follows is
        // for a whole slice without progress.
        const timespec slice = slice_end(wait, CLOCK_MONOTONIC);
        Result<Awoken> awoken = Awoken::Rang;
        while (awoken && awoken.value() == Awoken::Rang)
            awoken = wait_at_doorbell(control.header(), bell, control.me(), units, slice);
        if (!awoken)
            return awoken.error();
        if (awoken.value() == Awoken::Unit) {
            claimed_one = true;
            break;
        }
        if (auto status = check_wait(wait, "futex", units.name()); !status)
            return status.error();
        if (auto status = housekeeping(control, side, wait, last_reap); !status)
            return status.error();
    }
    // Claim more units while they are there without waiting: one mutex hold then moves
    // several names, which is what makes batching pay.
    std::uint32_t claimed = 1;
    while (claimed < max && units.try_wait())
        ++claimed;
    return claimed;
}

Result<std::size_t> ShmRing::put(Control& control, std::span<const std::string_view> names,
                                 const WaitOptions& wait) noexcept
{
    if (names.empty())
        return std::size_t{0};
    const std::uint32_t capacity = control.view().geometry().capacity;
    const bool one_by_one = control.one_name_per_step();
    if (one_by_one)
        names = names.first(1);
    const auto want = static_cast<std::uint32_t>(std::min<std::size_t>(names.size(), capacity));
    for (;;) {
        control.step(Step::WaitEmpty, 0, names[0], &wait);
        auto claimed = claim(control, Side::Producer, want, wait);
        if (!claimed)
            return claimed.error();
        // The race mode skips the mutex, and with it what only the mutex makes sound.
        const bool race = control.racing();
        layout::Header& header = control.header();
        if (race) {
            race_resync(header, capacity);
        } else {
            control.step(Step::WaitMutex, 0, names[0], &wait);
            if (auto locked = control.lock(wait); !locked) {
                post_and_ring(header, BellFor::Empty, *m_empty, claimed.value());
                return locked.error();
            }
            if (control.view().ring_corrupt()) {
                control.unlock();
                post_and_ring(header, BellFor::Empty, *m_empty, claimed.value());
                return ring_corrupted(control);
            }
            if (header.reconcile[kShm].load() != 0)
                reconcile_locked(control);
        }
        const std::uint64_t head = header.ring_head.load(std::memory_order_acquire);
        const std::uint64_t tail = header.ring_tail.load(std::memory_order_relaxed);
        // Store as many as there is room for, not only as many units as we claimed: a unit
        // another process is still posting then turns up later as a spare, which costs one
        // spurious wake-up, while one mutex hold moves the whole batch. Racing, the textbook
        // way: one name per unit, wherever `in` is.
        const auto stored = static_cast<std::uint32_t>(
            race ? claimed.value()
                 : std::min<std::uint64_t>(names.size(), capacity - (tail - head)));
        if (stored > 0)
            control.step(Step::Write, static_cast<std::uint32_t>(tail % capacity), names[0], &wait);
        for (std::uint32_t i = 0; i < stored; ++i)
            store_name(control.view().ring_name(tail + i), names[i]);
        fault_point("put:stored");
        if (stored > 0)
            control.step(Step::AdvanceIn, static_cast<std::uint32_t>((tail + stored) % capacity),
                         names[0], &wait);
        header.ring_tail.store(tail + stored, std::memory_order_release); // commit
        header.names_put[kShm].fetch_add(stored);
        control.me().names_moved.fetch_add(stored);
        if (!race) {
            control.step(Step::PostMutex, 0, names[0], &wait);
            control.unlock();
        }
        if (stored > 0)
            control.step(Step::PostFull, 0, names[0], &wait);
        post_and_ring(header, BellFor::Full, *m_full, stored);
        settle_units(*m_empty, claimed.value(), stored);
        if (stored > 0)
            return std::size_t{stored};
        // Every unit claimed stood for room another producer has filled meanwhile (or was
        // a spare): wait again.
    }
}

Result<std::uint32_t> ShmRing::hold(Control& control, std::uint32_t max,
                                    const WaitOptions& wait) noexcept
{
    layout::Slot& self = control.me();
    const layout::ControlView& view = control.view();
    max = std::min(max, control.hold_room());
    if (max == 0)
        return std::uint32_t{0};
    if (control.one_name_per_step())
        max = 1;
    for (;;) {
        control.step(Step::WaitFull, 0, {}, &wait);
        auto claimed = claim(control, Side::Consumer, max, wait);
        if (!claimed)
            return claimed.error();
        // A consumer may have outlived its client, while it slept or before it came here (a
        // child descheduled after its client's last OK): the names it would take now would
        // only come back later, behind names a newer consumer has received. One poll per
        // batch, and only for callers that set `gone` (server children).
        if (taker_gone(wait)) {
            post_and_ring(control.header(), BellFor::Full, *m_full, claimed.value());
            return Error::make(Errc::Cancelled, "hold", m_full->name(), "the client has left");
        }
        const bool race = control.racing();
        layout::Header& header = control.header();
        std::uint32_t adopted = 0;
        if (race) {
            race_resync(header, view.geometry().capacity);
        } else {
            control.step(Step::WaitMutex, 0, {}, &wait);
            if (auto locked = control.lock(wait); !locked) {
                post_and_ring(header, BellFor::Full, *m_full, claimed.value());
                return locked.error();
            }
            if (view.ring_corrupt()) {
                control.unlock();
                post_and_ring(header, BellFor::Full, *m_full, claimed.value());
                return ring_corrupted(control);
            }
            if (header.reconcile[kShm].load() != 0)
                reconcile_locked(control);
            // Names handed back by consumers that left are older than anything in the ring.
            // As for put, take all there is (up to max), not only as many as units were
            // claimed.
            adopted = control.adopt_orphans_locked(Mode::Shm, max);
        }

        const std::uint64_t head = header.ring_head.load(std::memory_order_acquire);
        const std::uint64_t tail = header.ring_tail.load(std::memory_order_acquire);
        // Racing, the textbook way: one name per unit, read at `out` whatever is there.
        const auto from_ring = static_cast<std::uint32_t>(
            race ? claimed.value() : std::min<std::uint64_t>(max - adopted, tail - head));
        if (from_ring > 0) {
            const std::uint32_t capacity = view.geometry().capacity;
            const char* first = view.ring_name(head);
            const std::string_view first_name(first, strnlen(first, view.geometry().slot_size - 1));
            control.step(Step::Read, static_cast<std::uint32_t>(head % capacity), first_name,
                         &wait);
            const std::uint64_t held_tail = self.held_tail.load();
            self.transfer_count = from_ring;
            self.transfer_source_before = head;
            self.transfer_tail_before = held_tail;
            self.transfer.store(static_cast<std::uint32_t>(Transfer::FromRing),
                                std::memory_order_release);
            for (std::uint32_t i = 0; i < from_ring; ++i) {
                const char* name = view.ring_name(head + i);
                store_name(view.held_name(control.my_slot(), held_tail + i),
                           std::string_view(name, strnlen(name, view.geometry().slot_size - 1)));
            }
            fault_point("hold:copied");
            control.step(Step::AdvanceOut,
                         static_cast<std::uint32_t>((head + from_ring) % capacity), first_name,
                         &wait);
            header.ring_head.store(head + from_ring, std::memory_order_release); // commit
            fault_point("hold:committed");
            self.held_tail.store(held_tail + from_ring);
            self.transfer.store(static_cast<std::uint32_t>(Transfer::None),
                                std::memory_order_release);
        }
        const std::uint32_t taken = adopted + from_ring;
        header.names_taken[kShm].fetch_add(taken);
        self.names_moved.fetch_add(taken);
        if (!race) {
            control.step(Step::PostMutex, 0, {}, &wait);
            control.unlock();
        }
        if (from_ring > 0)
            control.step(Step::PostEmpty, 0, {}, &wait);
        post_and_ring(header, BellFor::Empty, *m_empty, from_ring);
        settle_units(*m_full, claimed.value(), taken);
        if (taken > 0)
            return taken;
    }
}

} // namespace prodcons::ipc
