// TimelineModel: what every producer and consumer did over the last seconds, for the timeline
// (issue 14), built from StepWatcher's lanes. Each step event marks the start of a step; a
// participant is in that step until its next event, so consecutive events make intervals.
//
// Memory stays bounded whatever the rate: an interval of at least one quantum (1 ms) is kept
// exactly; shorter ones are folded into one aggregate per quantum-sized time bucket (the time
// spent in each state and the number of steps). A lane therefore holds at most
// about 2 * window / quantum spans, at a million steps a second as at one. Steps the rings
// overwrote before they were read (StepLane::lost; told by the event numbers) become an
// aggregate whose shares are estimated from the steps that were read, marked as such.
//
// No widgets: TimelineView draws it.
#pragma once

#include "ipc/config.h"
#include "ipc/layout.h"
#include "ipc/teaching.h"
#include "step_watcher.h"

#include <QObject>
#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace prodcons::server {

/// Nanoseconds on CLOCK_MONOTONIC, the clock of StepEvent::time_ns.
using TimelineNs = std::int64_t;

/// CLOCK_MONOTONIC now.
TimelineNs timelineNow();

inline constexpr std::size_t kTimelineStates = 6; ///< ipc::StepState's values

/// A stretch of one lane: either one step exactly, or an aggregate of short (or unread) steps.
struct TimelineSpan
{
    TimelineNs start = 0;
    TimelineNs end = 0;
    bool exact = true;
    // An exact span: the step, what it moved, and where.
    ipc::Step step = ipc::Step::None;
    std::uint32_t detail = 0;
    std::uint32_t nameSize = 0; ///< the whole name's length; `name` is its start
    std::string name;
    // An aggregate: time per ipc::StepState in ns, the steps in it, and how many of them the
    // ring overwrote before they could be read (their time is estimated).
    std::array<TimelineNs, kTimelineStates> shares{};
    std::uint64_t steps = 0;
    std::uint64_t unrecorded = 0;
    TimelineNs bucket = -1; ///< the quantum bucket an aggregate of short steps collects

    ipc::StepState state() const { return ipc::state_of(step); }
    TimelineNs duration() const { return end - start; }
};

/// One pixel column (or any slice of time) of a lane, summarised.
struct TimelineColumn
{
    std::array<double, kTimelineStates> shares{}; ///< fraction of the column per state
    double steps = 0;                             ///< steps that started in it (estimated)
    bool estimated = false;                       ///< some of it comes from unread steps
    double covered() const;                       ///< fraction with anything known
};

struct TimelineLane
{
    std::uint32_t slot = 0;
    pid_t pid = 0;
    ipc::layout::Kind kind = ipc::layout::Kind::Producer;
    ipc::Mode mode = ipc::Mode::Shm;
    bool present = true;
    TimelineNs leftAt = 0;  ///< when it was first seen gone (present == false)
    std::uint64_t lost = 0; ///< steps its ring overwrote before they were read
    std::deque<TimelineSpan> spans;
    std::optional<ipc::StepEvent> open; ///< the step it is in now (its end is not known yet)
};

class TimelineModel : public QObject
{
    Q_OBJECT

public:
    static constexpr TimelineNs kDefaultWindow = 60'000'000'000;
    static constexpr TimelineNs kDefaultQuantum = 1'000'000;

    explicit TimelineModel(QObject* parent = nullptr, TimelineNs window = kDefaultWindow,
                           TimelineNs quantum = kDefaultQuantum);

    /// Follows `watcher`: add(watcher.lanes()) on each of its updated().
    void follow(const StepWatcher& watcher);

    /// Takes the fresh steps of every lane (StepWatcher::lanes() after its updated()), and
    /// notes the lanes that left. `now` is CLOCK_MONOTONIC in ns.
    void add(const std::vector<StepLane>& lanes, TimelineNs now);
    void add(const std::vector<StepLane>& lanes) { add(lanes, timelineNow()); }
    /// Moves time on without new steps: open steps grow, old spans scroll out.
    void advance(TimelineNs now);
    void advance() { advance(timelineNow()); }

    /// A frozen model shows what it had when frozen (its time range ends at frozenAt()) while
    /// the live data keeps coming and is shown again on unfreezing.
    void setFrozen(bool frozen);
    bool isFrozen() const { return m_frozen.has_value(); }

    /// The right edge of what is shown: now, or the moment it was frozen.
    TimelineNs end() const;
    TimelineNs window() const { return m_window; }
    TimelineNs quantum() const { return m_quantum; }

    /// The lanes shown (the frozen ones while frozen), in the order they appeared.
    const std::vector<TimelineLane>& lanes() const;

    /// Lane `lane` over [from, to) cut into `count` equal columns: paint cost O(count + spans
    /// in the range), never the number of steps.
    std::vector<TimelineColumn> columns(std::size_t lane, TimelineNs from, TimelineNs to,
                                        int count) const;
    /// The spans of `lane` overlapping [from, to), the open step included (as an exact span
    /// ending at end()), oldest first. `minDuration` keeps only those at least that long.
    std::vector<TimelineSpan> spans(std::size_t lane, TimelineNs from, TimelineNs to,
                                    TimelineNs minDuration = 0) const;
    /// The span of `lane` at time `t`, if any.
    std::optional<TimelineSpan> spanAt(std::size_t lane, TimelineNs t) const;

    /// Spans held in all lanes, live and frozen: what memory the model uses.
    std::size_t spanCount() const;
    /// The most a lane can hold: one aggregate per quantum bucket and one span per quantum, over
    /// the window and a bucket on either side (the open step aside).
    std::size_t maxSpansPerLane() const;

signals:
    /// New steps, lanes or time: what is shown changed (not emitted while frozen, except by
    /// setFrozen itself).
    void changed();

private:
    TimelineLane& laneFor(const StepLane& source);
    void take(TimelineLane& lane, const std::vector<ipc::StepEvent>& fresh);
    void append(TimelineLane& lane, TimelineSpan span) const;
    void appendStep(TimelineLane& lane, const ipc::StepEvent& step, TimelineNs end) const;
    void expire();
    std::optional<TimelineSpan> openSpan(const TimelineLane& lane) const;

    TimelineNs m_window;
    TimelineNs m_quantum;
    TimelineNs m_now = 0;
    std::vector<TimelineLane> m_lanes;
    struct Frozen
    {
        TimelineNs at = 0;
        std::vector<TimelineLane> lanes;
    };
    std::optional<Frozen> m_frozen;
};

} // namespace prodcons::server
