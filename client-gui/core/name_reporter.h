// Passes batches of names on to the log, the per-name observer and the rate meters.
#pragma once

#include "clock.h"
#include "name_event.h"
#include "name_log.h"
#include "rate_meter.h"

#include <array>

namespace prodcons::client {

/// Where the flows report names that moved, a batch at a time. Of a batch it logs only the last
/// capacity() names (the log would drop the rest anyway), counts it in the rate meter of its
/// event, and calls the observer, if any, once per name.
class NameReporter
{
public:
    explicit NameReporter(qsizetype logCapacity = 200);

    void setObserver(NameObserver observer) { m_observer = std::move(observer); }

    /// `lines` holds `count` names, each ended by '\n' (a '\r' before it is not part of the name).
    void reportLines(NameEvent event, QByteArrayView lines, qint64 count, Nanos now);
    void reportOne(NameEvent event, QByteArrayView name, Nanos now);

    const NameLog& log() const { return m_log; }
    NameLog& log() { return m_log; }
    /// Names per second of `event` over the last seconds.
    double perSecond(NameEvent event, Nanos now) const;
    void resetRates();

private:
    RateMeter& meter(NameEvent event) { return m_meters[static_cast<size_t>(event)]; }

    NameLog m_log;
    NameObserver m_observer;
    std::array<RateMeter, 4> m_meters;
};

} // namespace prodcons::client
