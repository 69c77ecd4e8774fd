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

} // namespace prodcons::ipc
