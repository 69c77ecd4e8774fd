#include "ipc/doorbell.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace prodcons::ipc {

namespace {

layout::Bell& bell_of(layout::Header& header, layout::BellFor which) noexcept
{
    return header.bells[static_cast<std::uint32_t>(which)];
}

/// The word lives in a shared mapping: the futex calls are the shared kind (no
/// FUTEX_PRIVATE_FLAG), which the kernel keys on the object and the offset, not the address.
std::uint32_t* futex_word(layout::Bell& bell) noexcept
{
    static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t));
    return reinterpret_cast<std::uint32_t*>(&bell.rings);
}

/// One less sleeper, never below zero (a count written by a corrupted or hostile process may
/// be anything; too high only costs a needless wake-up call per batch).
void leave(layout::Bell& bell) noexcept
{
    std::uint32_t count = bell.sleepers.load();
    while (count > 0 && !bell.sleepers.compare_exchange_weak(count, count - 1)) {
    }
}

} // namespace

Result<Awoken> wait_at_doorbell(layout::Header& header, layout::BellFor which, layout::Slot& self,
                                NamedSemaphore& units, const timespec& until) noexcept
{
    layout::Bell& bell = bell_of(header, which);
    // Counted in before the slot says so, and out after it stops saying so: a process that
    // dies in between leaves the count too high, never too low.
    bell.sleepers.fetch_add(1); // seq_cst: ordered before the last look at the semaphore
    self.asleep_at.store(static_cast<std::uint32_t>(which) + 1);
    const std::uint32_t seen = bell.rings.load();
    Result<Awoken> awoken = Awoken::Unit;
    if (!units.try_wait()) {
        // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC time, like sem_clockwait.
        const long slept = ::syscall(SYS_futex, futex_word(bell), FUTEX_WAIT_BITSET, seen, &until,
                                     nullptr, FUTEX_BITSET_MATCH_ANY);
        const int err = slept == -1 ? errno : 0;
        if (err != 0 && err != EAGAIN && err != ETIMEDOUT && err != EINTR)
            awoken = Error::posix("futex(FUTEX_WAIT_BITSET)", units.name(), err);
        else if (units.try_wait())
            awoken = Awoken::Unit;
        else if (err == ETIMEDOUT || err == EINTR)
            awoken = Awoken::SliceOver;
        else
            awoken = Awoken::Rang; // woken (0), or it had rung since `seen` (EAGAIN)
    }
    self.asleep_at.store(0);
    leave(bell);
    return awoken;
}

void post_and_ring(layout::Header& header, layout::BellFor which, NamedSemaphore& units,
                   std::uint32_t count) noexcept
{
    if (count == 0)
        return;
    for (std::uint32_t i = 0; i < count; ++i)
        (void)units.post(); // fails only on overflow, beyond any count a ring can reach
    layout::Bell& bell = bell_of(header, which);
    // The posts before the look at the sleepers: pairs with the sleeper's count-in before its
    // last try (sem_post itself only releases).
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (bell.sleepers.load() == 0)
        return;
    bell.rings.fetch_add(1);
    ::syscall(SYS_futex, futex_word(bell), FUTEX_WAKE,
              static_cast<int>(std::min<std::uint32_t>(count, INT_MAX)), nullptr, nullptr, 0);
}

void forget_sleeper(layout::Header& header, layout::Slot& dead) noexcept
{
    const std::uint32_t at = dead.asleep_at.exchange(0);
    if (at == 0 || at > layout::kBellCount)
        return; // not asleep, or a value nobody of ours wrote
    leave(bell_of(header, static_cast<layout::BellFor>(at - 1)));
}

} // namespace prodcons::ipc
