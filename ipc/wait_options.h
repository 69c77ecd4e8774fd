// How long a blocking put/take may wait, and how it can be told to give up.
//
// Blocking calls wait in short slices (at a doorbell, in sem_clockwait or mq_timed*) so that
// between slices they can check a stop flag, ask the caller whether it still wants the result (a
// server child asks "is my client still connected?"), and look for processes that died while
// holding the mutex.
#pragma once

#include "ipc/error.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>

namespace prodcons::ipc {

using Clock = std::chrono::steady_clock; // CLOCK_MONOTONIC on Linux

/// An absolute point on the monotonic clock, or never.
class Deadline
{
public:
    static Deadline never() noexcept { return Deadline(Clock::time_point::max()); }
    static Deadline after(std::chrono::nanoseconds d) noexcept
    {
        return Deadline(Clock::now() + d);
    }
    /// Already passed: the operation may only succeed without blocking.
    static Deadline now() noexcept { return Deadline(Clock::time_point::min()); }

    bool is_never() const noexcept { return m_at == Clock::time_point::max(); }
    bool passed() const noexcept { return !is_never() && Clock::now() >= m_at; }
    Clock::time_point time() const noexcept { return m_at; }

private:
    explicit Deadline(Clock::time_point at) noexcept : m_at(at) {}
    Clock::time_point m_at;
};

struct WaitOptions
{
    Deadline deadline = Deadline::never();
    /// Raised by a signal handler or another thread: the wait ends with Errc::Stopped.
    const std::atomic<bool>* stop = nullptr;
    /// Asked between slices; returning false ends the wait with Errc::Cancelled. Child-safe
    /// callers pass a plain function (no allocation): e.g. poll() the client socket for hang-up.
    bool (*still_wanted)(void* context) = nullptr;
    void* context = nullptr;
    /// Asked by a consumer that had to wait, before it takes names: true when the one they
    /// would be for is gone (a server child's client hung up). It then takes nothing and ends
    /// with Errc::Cancelled, so that it never takes a name only to hand it back behind names a
    /// newer consumer has already received. Same context; child-safe like still_wanted.
    bool (*gone)(void* context) = nullptr;
    /// Longest single sleep; bounds how late a stop, a hang-up or a dead mutex holder is seen.
    std::chrono::milliseconds slice{50};
};

/// The end of the next slice as an absolute timespec on `clock` (CLOCK_MONOTONIC or
/// CLOCK_REALTIME): min(now + slice, deadline).
timespec slice_end(const WaitOptions& wait, clockid_t clock) noexcept;

/// Ok, or why a wait that has just slept one slice in `call` on `object` must end: Stopped,
/// Cancelled or Timeout, naming the call and the object.
Status check_wait(const WaitOptions& wait, const char* call, const char* object) noexcept;

/// A short, bounded wait for the mutex during housekeeping, honouring the caller's stop and
/// deadline: not getting the mutex then is no reason to fail the caller's wait.
WaitOptions housekeeping_wait(const WaitOptions& wait) noexcept;

} // namespace prodcons::ipc
