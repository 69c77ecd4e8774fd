#include "ipc/wait_options.h"

namespace prodcons::ipc {

timespec slice_end(const WaitOptions& wait, clockid_t clock) noexcept
{
    const auto now = Clock::now();
    auto end = now + wait.slice;
    if (!wait.deadline.is_never() && wait.deadline.time() < end)
        end = wait.deadline.time() < now ? now : wait.deadline.time();
    const auto remaining = std::chrono::duration_cast<std::chrono::nanoseconds>(end - now).count();

    // mq_timed* only take CLOCK_REALTIME; translate the remaining time onto that clock.
    timespec ts{};
    clock_gettime(clock, &ts);
    const std::int64_t ns = ts.tv_nsec + remaining;
    ts.tv_sec += static_cast<time_t>(ns / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(ns % 1'000'000'000);
    return ts;
}

Status check_wait(const WaitOptions& wait, const char* call, const char* object) noexcept
{
    if (wait.stop && wait.stop->load(std::memory_order_relaxed))
        return Error::make(Errc::Stopped, call, object, "the stop flag was raised");
    if (wait.still_wanted && !wait.still_wanted(wait.context))
        return Error::make(Errc::Cancelled, call, object, "the caller no longer wants it");
    if (wait.deadline.passed())
        return Error::make(Errc::Timeout, call, object, "the deadline passed");
    return Ok{};
}

WaitOptions housekeeping_wait(const WaitOptions& wait) noexcept
{
    WaitOptions w = wait;
    w.deadline = Deadline::after(std::chrono::milliseconds(wait.slice) * 4);
    if (!wait.deadline.is_never() && wait.deadline.time() < w.deadline.time())
        w.deadline = wait.deadline;
    return w;
}

} // namespace prodcons::ipc
