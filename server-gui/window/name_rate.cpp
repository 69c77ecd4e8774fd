#include "name_rate.h"

namespace prodcons::server {

void NameRate::add(Clock::time_point when, quint64 names)
{
    if (!m_samples.empty() && names < m_samples.back().names)
        m_samples.clear(); // a count never goes back; start afresh rather than go negative
    m_samples.push_back({when, names});
    // Keep one sample at or before the start of the window, so that the window stays full.
    while (m_samples.size() > 2 && when - m_samples[1].when >= kWindow)
        m_samples.pop_front();
}

double NameRate::perMinute() const
{
    if (m_samples.size() < 2)
        return 0.0;
    const Sample& first = m_samples.front();
    const Sample& last = m_samples.back();
    const auto span = std::chrono::duration<double>(last.when - first.when).count();
    if (span < 0.2)
        return 0.0;
    return static_cast<double>(last.names - first.names) * 60.0 / span;
}

} // namespace prodcons::server
