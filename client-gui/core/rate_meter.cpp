#include "rate_meter.h"

#include <algorithm>

namespace prodcons::client {

RateMeter::RateMeter(Nanos window, int buckets)
    : m_bucketWidth(window / std::max(buckets, 1)), m_counts(std::max(buckets, 1), 0)
{}

void RateMeter::reset()
{
    std::fill(m_counts.begin(), m_counts.end(), 0);
    m_empty = true;
}

void RateMeter::add(qint64 count, Nanos now)
{
    const qint64 bucket = bucketOf(now);
    const auto size = static_cast<qint64>(m_counts.size());
    if (m_empty) {
        m_empty = false;
        m_firstBucket = m_currentBucket = bucket;
    }
    if (bucket > m_currentBucket) {
        // Clear the buckets skipped since the last event; at most one full turn of the ring.
        const qint64 stop = std::min(bucket, m_currentBucket + size);
        for (qint64 b = m_currentBucket + 1; b <= stop; ++b)
            m_counts[static_cast<size_t>(b % size)] = 0;
        m_currentBucket = bucket;
    }
    // A time before the current bucket (the clock never goes back; a caller's stale time might)
    // counts in the current bucket.
    m_counts[static_cast<size_t>(m_currentBucket % size)] += count;
}

double RateMeter::perSecond(Nanos now) const
{
    if (m_empty)
        return 0.0;
    const auto size = static_cast<qint64>(m_counts.size());
    const qint64 nowBucket = std::max(bucketOf(now), m_currentBucket);
    const qint64 oldest = std::max(nowBucket - size + 1, m_firstBucket);
    qint64 total = 0;
    for (qint64 b = std::max(oldest, m_currentBucket - size + 1); b <= m_currentBucket; ++b)
        total += m_counts[static_cast<size_t>(b % size)];
    // The events counted lie between the start of the oldest bucket and now.
    const Nanos span = std::max<Nanos>(now - oldest * m_bucketWidth, m_bucketWidth);
    return static_cast<double>(total) * 1e9 / static_cast<double>(span.count());
}

} // namespace prodcons::client
