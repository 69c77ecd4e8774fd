// BriefSpin: a process about to sleep in the kernel for a unit (a semaphore unit, a message,
// room in a queue) first tries again for a few tens of microseconds. Internal to ipc/.
//
// Why: with a buffer of 10 slots a producer and a consumer hand the buffer back and forth every
// few names. If each hand-over puts one side to sleep and the other wakes it, every few names
// cost a sleep, a wake-up system call and two context switches; on a virtual machine those
// dominate. Trying again while the other side, running on another CPU, posts means most
// hand-overs need no sleep at all (in bench/: 2.5 times the names per second through the ring,
// 2 times end to end).
//
// It tries in two ways, one after the other:
// - Without giving up the CPU (a pause instruction between tries), for at most 10 µs, when a
//   try costs no system call (sem_trywait) and there is another CPU for the other side to run
//   on. Giving up the CPU would hand it to any other runnable process: with four producers and
//   four consumers on two CPUs that is mostly another process of the same side, which finds
//   the buffer as full as this one did; every such hand-over was a context switch, about one
//   per three names. With this phase first, eight processes move 5 to 7 times the names per
//   second through the ring (bench/NOTES.md).
// - Then yielding the CPU between tries, up to 50 µs in all: the other side may be waiting
//   for this very CPU (its client, or the other side itself, may be queued behind us).
// Both are bounded, so a wait that really is long costs at most a few dozen microseconds once.
#pragma once

#include "ipc/wait_options.h"

#include <atomic>
#include <chrono>
#include <sched.h>

namespace prodcons::ipc {

class BriefSpin
{
public:
    enum class Look
    {
        Free,      ///< a try is a few instructions in user space (sem_trywait)
        SystemCall ///< a try is a system call (a message queue)
    };

    explicit BriefSpin(Look look) noexcept
        : m_start(Clock::now()),
          m_pure_until(look == Look::Free && several_cpus() ? m_start + kPureFor : m_start)
    {}

    /// Waits a moment and says whether to try once more (false once the spin is over).
    bool again() noexcept
    {
        const auto now = Clock::now();
        if (now < m_pure_until) {
            for (int i = 0; i < kPausesPerRound; ++i)
                cpu_relax();
            return true;
        }
        if (++m_yields > kMaxYields || now >= m_start + kFor)
            return false;
        sched_yield();
        return true;
    }

private:
    static constexpr auto kPureFor = std::chrono::microseconds(10);
    static constexpr auto kFor = std::chrono::microseconds(50);
    static constexpr int kPausesPerRound = 32;
    static constexpr int kMaxYields = 64;

    static void cpu_relax() noexcept
    {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#elif defined(__aarch64__)
        asm volatile("yield" ::: "memory");
#else
        std::atomic_signal_fence(std::memory_order_seq_cst);
#endif
    }

    /// Whether this process may run on more than one CPU. Asked once (sched_getaffinity, a
    /// system call: child-safe), then remembered.
    static bool several_cpus() noexcept
    {
        static std::atomic<int> known{0}; // 0: not asked yet, 1: one CPU, 2: several
        int value = known.load(std::memory_order_relaxed);
        if (value == 0) {
            cpu_set_t set;
            CPU_ZERO(&set);
            value = sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 1 ? 2 : 1;
            known.store(value, std::memory_order_relaxed);
        }
        return value == 2;
    }

    Clock::time_point m_start;
    Clock::time_point m_pure_until;
    int m_yields = 0;
};

} // namespace prodcons::ipc
