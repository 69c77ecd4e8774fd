// When a producer may send its next names: a schedule, not a sleep.
#pragma once

#include "clock.h"
#include "rate.h"

#include <QtGlobal>
#include <limits>
#include <optional>

namespace prodcons::client {

/// The producer's schedule. At a rate of r names per minute, slot k falls due at
/// origin + k × 60 s / r (k = 0, 1, 2, ...), computed exactly in integers, so the count of names
/// due after any stretch of time never drifts, however late or irregular the caller asks. When the
/// interval is shorter than the caller's timer tick, one call simply takes a batch.
///
/// The pacer keeps no clock: every call is given the time, which makes it testable without
/// sleeping. Slots the caller could not use for longer than `maxLag` (a producer held back by a
/// full server, a stalled process) are dropped rather than sent later in one burst.
class Pacer
{
public:
    static constexpr qint64 kUnlimited = std::numeric_limits<qint64>::max();

    explicit Pacer(Rate rate = Rate::perMinute(60), Nanos maxLag = std::chrono::seconds(1));

    /// Starts (or restarts) the schedule: the first name is due at `now`.
    void start(Nanos now);

    /// Takes effect at once. The next name falls due one new interval after the last name taken,
    /// or now if that moment has passed; the schedule then runs at the new rate from there.
    void setRate(Rate rate, Nanos now);
    Rate rate() const { return m_rate; }

    /// Names due at `now` and not yet taken (kUnlimited when unthrottled; 0 before start()).
    qint64 due(Nanos now) const;
    /// Takes up to `limit` of the names due at `now` and returns how many it took.
    qint64 take(Nanos now, qint64 limit);
    /// When the next name not yet taken falls due (throttled only; may be in the past).
    Nanos nextDueTime() const;
    /// Slots dropped because they were more than maxLag late.
    qint64 droppedSlots() const { return m_dropped; }

private:
    qint64 slotsDueBy(Nanos time) const;
    Nanos slotTime(qint64 slot) const;
    qint64 staleSlots(Nanos now) const;

    Rate m_rate;
    Nanos m_maxLag;
    Nanos m_origin{0};
    qint64 m_taken = 0; // slots since m_origin that were sent or dropped
    qint64 m_dropped = 0;
    /// When the last name taken was due (throttled): a rate change counts from it, however
    /// many changes came since (m_taken restarts at each).
    std::optional<Nanos> m_lastTaken;
    bool m_started = false;
};

} // namespace prodcons::client
