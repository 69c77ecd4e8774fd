#include "rate_history.h"

#include <algorithm>

namespace prodcons::client {

RateHistory::RateHistory(qint64 spanMsecs) : m_span(std::max<qint64>(spanMsecs, 1)) {}

void RateHistory::add(qint64 msecs, double perMinute)
{
    m_samples.push_back({msecs, std::max(perMinute, 0.0)});
    while (!m_samples.empty() && m_samples.front().msecs < msecs - m_span)
        m_samples.pop_front();
}

double RateHistory::peak() const
{
    double peak = 0;
    for (const Sample& sample : m_samples)
        peak = std::max(peak, sample.perMinute);
    return peak;
}

} // namespace prodcons::client
