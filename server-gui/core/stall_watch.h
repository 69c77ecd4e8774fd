// StallWatch: tells when the shared buffer is stalled by a stopped mutex holder. A process
// stopped (SIGSTOP, Ctrl-Z, a debugger) while it holds the mutex stops every flow of the
// prefix, and nobody may take the mutex from a live holder; the best a server can do is say
// who it is. Fed on every tick with how many names have moved so far and whether the recorded
// holder is stopped, it reports a stall once when it begins and once when it ends.
//
// "Nothing moved" alone is no stall (an idle buffer moves nothing either), and a holder seen
// stopped once may be a Ctrl-Z already undone: both must hold, the quiet for kQuietFor.
#pragma once

#include <chrono>
#include <cstdint>

namespace prodcons::server {

class StallWatch
{
public:
    using Clock = std::chrono::steady_clock;
    static constexpr auto kQuietFor = std::chrono::seconds(1);

    enum class Change
    {
        None,
        Began,
        Ended
    };

    /// Notes the names moved so far (put and taken, all modes together) and whether the
    /// recorded mutex holder is stopped, at `now`. Began when nothing has moved for kQuietFor
    /// and the holder is stopped; Ended at the first tick after that where names moved or the
    /// holder is no longer stopped (running again, gone, or no holder).
    Change update(std::uint64_t namesMoved, bool holderStopped, Clock::time_point now);

    bool stalled() const { return m_stalled; }
    /// How long nothing has moved, as of the last update.
    Clock::duration quietFor() const { return m_lastUpdate - m_quietSince; }
    /// Forgets everything (a server that stops watching): the next update starts afresh.
    void reset() { *this = StallWatch(); }

private:
    bool m_seen = false;
    bool m_stalled = false;
    std::uint64_t m_moved = 0;
    Clock::time_point m_quietSince{};
    Clock::time_point m_lastUpdate{};
};

} // namespace prodcons::server
