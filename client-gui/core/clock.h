// A monotonic time source that tests can replace.
#pragma once

#include <chrono>

namespace prodcons::client {

using Nanos = std::chrono::nanoseconds;

/// Monotonic time. The session asks its clock for the time and hands the answer to the pacer and
/// the rate meters, which never read a clock themselves: a test drives them with made-up times.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual Nanos now() const = 0;
};

/// std::chrono::steady_clock, the clock of the real programs.
class SteadyClock final : public Clock
{
public:
    Nanos now() const override
    {
        return std::chrono::duration_cast<Nanos>(
            std::chrono::steady_clock::now().time_since_epoch());
    }

    /// One shared instance; it has no state.
    static const SteadyClock& instance()
    {
        static const SteadyClock clock;
        return clock;
    }
};

} // namespace prodcons::client
