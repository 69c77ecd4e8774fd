// The live rate of a stream of names over the last few seconds.
#pragma once

#include "clock.h"

#include <QtGlobal>
#include <vector>

namespace prodcons::client {

/// Counts events in fixed time buckets over a sliding window (5 s of 100 ms buckets by default)
/// and reports events per second. Adding is O(1) and allocation-free, so it can be fed a batch
/// at a time at any rate; like the pacer it is told the time instead of reading a clock.
class RateMeter
{
public:
    explicit RateMeter(Nanos window = std::chrono::seconds(5), int buckets = 50);

    void add(qint64 count, Nanos now);
    /// Events per second over the window (or since the first event, if that is more recent).
    double perSecond(Nanos now) const;
    void reset();

private:
    qint64 bucketOf(Nanos time) const { return time.count() / m_bucketWidth.count(); }

    Nanos m_bucketWidth;
    std::vector<qint64> m_counts;
    qint64 m_currentBucket = 0;
    qint64 m_firstBucket = 0;
    bool m_empty = true;
};

} // namespace prodcons::client
