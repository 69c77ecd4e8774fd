// BriefSpin: a process about to sleep in the kernel for a unit (a semaphore unit, a message,
// room in a queue) first tries again a few times, yielding the CPU in between. Internal to ipc/.
//
// Why: with a buffer of 10 slots a producer and a consumer hand the buffer back and forth every
// few names. If each hand-over puts one side to sleep on a futex and the other wakes it, every
// few names cost a sleep, a wake-up system call per unit posted and two context switches; on
// a virtual machine the wake-ups dominate. Yielding lets the other side run and post while this
// side is still awake, so most hand-overs need no sleep at all (in bench/: 2.5 times the
// names per second through the ring, 2 times end to end). The spin is bounded in time and in
// rounds, so a wait that really is long costs at most a few dozen microseconds of yields once.
#pragma once

#include "ipc/wait_options.h"

#include <chrono>
#include <sched.h>

namespace prodcons::ipc {

class BriefSpin
{
public:
    BriefSpin() noexcept : m_until(Clock::now() + kFor) {}

    /// Yields the CPU and says whether to try once more (false once the spin is over).
    bool again() noexcept
    {
        if (++m_rounds > kMaxRounds || Clock::now() >= m_until)
            return false;
        sched_yield();
        return true;
    }

private:
    static constexpr auto kFor = std::chrono::microseconds(50);
    static constexpr int kMaxRounds = 64;

    Clock::time_point m_until;
    int m_rounds = 0;
};

} // namespace prodcons::ipc
