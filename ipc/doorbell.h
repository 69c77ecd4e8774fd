// Doorbells: where a process that found no unit of the empty or the full semaphore sleeps,
// instead of inside sem_clockwait. Internal to ipc/. Child-safe.
//
// Why: glibc's sem_post makes a FUTEX_WAKE system call for every unit posted while any waiter
// is registered on the semaphore, and a waiter stays registered from the moment it goes to
// sleep until it has run again. With four consumers and four producers on two CPUs a woken
// waiter waits long for a CPU, and meanwhile every name posted made a system call: 0.43 wake
// calls per name on each side, nine for every sleep (bench/NOTES.md). Sleeping here leaves no
// waiter registered on the semaphores, so sem_post stays in user space, and a poster wakes the
// sleepers once per batch. The semaphores still count every unit, exactly as in the classic
// algorithm; the doorbell only says when to look at them again.
//
// The protocol is an event count. A sleeper counts itself in (sleepers + 1), reads the ring
// count, tries the semaphore once more, and sleeps only while the ring count is unchanged. A
// poster posts its units, then, if anybody is counted in, rings (ring count + 1, FUTEX_WAKE).
// Either the poster sees the sleeper, or the sleeper's last try sees the units. A sleeper
// also wakes at the end of its slice, so a ring that never comes (a poster that died between
// posting and ringing, another program that only posts) delays, and loses nothing.
#pragma once

#include "ipc/error.h"
#include "ipc/layout.h"
#include "ipc/named_semaphore.h"

#include <ctime>

namespace prodcons::ipc {

enum class Awoken
{
    Unit,     ///< a unit was taken
    Rang,     ///< the bell rang (or had just rung), but another process took the units
    SliceOver ///< `until` passed, or a signal came: time to look at the stop flag and the rest
};

/// Takes a unit of `units` if there is one; otherwise sleeps at `which` of `header` until it
/// rings or until `until` (CLOCK_MONOTONIC), and then takes a unit if it can. `self` is the
/// caller's slot: it records where the caller sleeps, for whoever reaps it.
Result<Awoken> wait_at_doorbell(layout::Header& header, layout::BellFor which, layout::Slot& self,
                                NamedSemaphore& units, const timespec& until) noexcept;

/// Posts `count` units of `units`, then wakes up to `count` sleepers at `which`.
void post_and_ring(layout::Header& header, layout::BellFor which, NamedSemaphore& units,
                   std::uint32_t count) noexcept;

/// A dead process's place among the sleepers, given back (by the reaper, which holds the mutex).
void forget_sleeper(layout::Header& header, layout::Slot& dead) noexcept;

} // namespace prodcons::ipc
