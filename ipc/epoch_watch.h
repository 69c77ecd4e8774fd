// EpochWatch: how long one value of the mutex's epoch has been seen, across the waits of one
// process; the mutex changes epoch at every acquire and release, so an unchanged epoch means
// one holder all along. Child-safe.
#pragma once

#include "ipc/wait_options.h"

#include <cstdint>

namespace prodcons::ipc {

/// How long one value of the mutex epoch has been seen, across the waits of one process.
/// Child-safe.
struct EpochWatch
{
    /// Notes `epoch` seen at `now`. true once the same epoch has been seen for `at_least`; a new
    /// epoch (or the first look) starts the watch again.
    bool unchanged_for(std::uint64_t epoch, Clock::time_point now,
                       Clock::duration at_least) noexcept
    {
        if (!m_seen || epoch != m_epoch) {
            m_seen = true;
            m_epoch = epoch;
            m_since = now;
            return false;
        }
        return now - m_since >= at_least;
    }
    void reset() noexcept { m_seen = false; }

private:
    std::uint64_t m_epoch = 0;
    Clock::time_point m_since{};
    bool m_seen = false;
};

} // namespace prodcons::ipc
