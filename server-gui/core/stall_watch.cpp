#include "stall_watch.h"

namespace prodcons::server {

StallWatch::Change StallWatch::update(std::uint64_t namesMoved, bool holderStopped,
                                      Clock::time_point now)
{
    if (!m_seen || namesMoved != m_moved) {
        m_seen = true;
        m_moved = namesMoved;
        m_quietSince = now;
    }
    m_lastUpdate = now;
    const bool stalled = holderStopped && now - m_quietSince >= kQuietFor;
    if (stalled == m_stalled)
        return Change::None;
    m_stalled = stalled;
    return stalled ? Change::Began : Change::Ended;
}

} // namespace prodcons::server
