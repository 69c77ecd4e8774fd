// The live rate of the last minute, one sample at a time, for the rate plot.
#pragma once

#include <QtGlobal>
#include <deque>

namespace prodcons::client {

/// Samples of names per minute over a sliding span (the last minute by default), told the
/// time rather than reading a clock, so it is tested with made-up times. The plot reads it.
class RateHistory
{
public:
    struct Sample
    {
        qint64 msecs = 0; // monotonic time of the sample
        double perMinute = 0;
    };

    explicit RateHistory(qint64 spanMsecs = 60'000);

    /// Appends a sample and forgets those older than the span before `msecs`.
    void add(qint64 msecs, double perMinute);
    void clear() { m_samples.clear(); }

    const std::deque<Sample>& samples() const { return m_samples; }
    qint64 spanMsecs() const { return m_span; }
    /// The highest sample in the span (0 when empty).
    double peak() const;
    /// The time of the newest sample (0 when empty).
    qint64 latestMsecs() const { return m_samples.empty() ? 0 : m_samples.back().msecs; }

private:
    qint64 m_span;
    std::deque<Sample> m_samples;
};

} // namespace prodcons::client
