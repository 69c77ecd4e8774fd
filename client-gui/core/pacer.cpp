#include "pacer.h"

#include <algorithm>

namespace prodcons::client {

namespace {

// elapsed (ns) × rate overflows 64 bits after 2.5 hours at 1,000,000/min; 128 bits never do.
__extension__ typedef __int128 Wide;
constexpr Wide kMinuteNs = 60'000'000'000;

} // namespace

Pacer::Pacer(Rate rate, Nanos maxLag) : m_rate(rate), m_maxLag(maxLag) {}

void Pacer::start(Nanos now)
{
    m_origin = now;
    m_taken = 0;
    m_lastTaken.reset();
    m_started = true;
}

void Pacer::setRate(Rate rate, Nanos now)
{
    if (rate == m_rate)
        return;
    Nanos origin = now;
    if (rate.isUnthrottled()) {
        m_lastTaken.reset(); // names go out unscheduled: none is "the last one taken"
    } else if (m_started && !m_rate.isUnthrottled() && m_lastTaken) {
        const Wide perMinute = rate.namesPerMinute();
        const Nanos newInterval{static_cast<qint64>((kMinuteNs + perMinute - 1) / perMinute)};
        origin = std::max(now, *m_lastTaken + newInterval);
    }
    m_rate = rate;
    if (m_started) {
        m_origin = origin;
        m_taken = 0;
    }
}

qint64 Pacer::slotsDueBy(Nanos time) const
{
    if (time < m_origin)
        return 0;
    const Wide elapsed = (time - m_origin).count();
    return static_cast<qint64>(elapsed * m_rate.namesPerMinute() / kMinuteNs) + 1;
}

Nanos Pacer::slotTime(qint64 slot) const
{
    // Rounded up, so that a caller woken at this time finds the slot due.
    const Wide perMinute = m_rate.namesPerMinute();
    const Wide offset = (Wide(slot) * kMinuteNs + perMinute - 1) / perMinute;
    return m_origin + Nanos{static_cast<qint64>(offset)};
}

qint64 Pacer::staleSlots(Nanos now) const
{
    return slotsDueBy(now - m_maxLag - Nanos{1});
}

qint64 Pacer::due(Nanos now) const
{
    if (!m_started)
        return 0;
    if (m_rate.isUnthrottled())
        return kUnlimited;
    return slotsDueBy(now) - std::max(m_taken, staleSlots(now));
}

qint64 Pacer::take(Nanos now, qint64 limit)
{
    if (!m_started || limit <= 0)
        return 0;
    if (m_rate.isUnthrottled())
        return limit;
    const qint64 stale = staleSlots(now);
    if (stale > m_taken) {
        m_dropped += stale - m_taken;
        m_taken = stale;
    }
    const qint64 taken = std::min(limit, slotsDueBy(now) - m_taken);
    m_taken += taken;
    if (taken > 0)
        m_lastTaken = slotTime(m_taken - 1);
    return taken;
}

Nanos Pacer::nextDueTime() const
{
    return slotTime(m_taken);
}

} // namespace prodcons::client
