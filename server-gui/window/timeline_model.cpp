#include "timeline_model.h"

#include <algorithm>
#include <ctime>
#include <numeric>

namespace prodcons::server {

namespace {

std::size_t stateIndex(ipc::StepState state)
{
    return static_cast<std::size_t>(state);
}

TimelineNs timeOf(const ipc::StepEvent& event)
{
    return static_cast<TimelineNs>(event.time_ns);
}

/// The first span of `spans` that ends after `from` (spans are in time order, end to start).
template <typename Spans> auto firstEndingAfter(const Spans& spans, TimelineNs from)
{
    return std::partition_point(spans.begin(), spans.end(),
                                [from](const TimelineSpan& span) { return span.end <= from; });
}

} // namespace

TimelineNs timelineNow()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return TimelineNs(now.tv_sec) * 1'000'000'000 + TimelineNs(now.tv_nsec);
}

double TimelineColumn::covered() const
{
    return std::accumulate(shares.begin(), shares.end(), 0.0);
}

TimelineModel::TimelineModel(QObject* parent, TimelineNs window, TimelineNs quantum)
    : QObject(parent), m_window(std::max<TimelineNs>(window, 1)),
      m_quantum(std::max<TimelineNs>(quantum, 1))
{}

void TimelineModel::follow(const StepWatcher& watcher)
{
    connect(&watcher, &StepWatcher::updated, this, [this, &watcher] { add(watcher.lanes()); });
}

TimelineLane& TimelineModel::laneFor(const StepLane& source)
{
    auto it = std::find_if(m_lanes.begin(), m_lanes.end(), [&](const TimelineLane& lane) {
        return lane.slot == source.slot && lane.pid == source.pid;
    });
    if (it != m_lanes.end())
        return *it;
    TimelineLane lane;
    lane.slot = source.slot;
    lane.pid = source.pid;
    lane.kind = source.kind;
    lane.mode = source.mode;
    m_lanes.push_back(std::move(lane));
    return m_lanes.back();
}

void TimelineModel::add(const std::vector<StepLane>& lanes, TimelineNs now)
{
    m_now = std::max(m_now, now);
    std::vector<bool> seen(m_lanes.size(), false);
    for (const StepLane& source : lanes) {
        TimelineLane& lane = laneFor(source);
        const auto index = static_cast<std::size_t>(&lane - m_lanes.data());
        seen.resize(m_lanes.size(), false);
        lane.lost = source.lost;
        take(lane, source.fresh);
        seen[index] = source.present;
    }
    // Lanes the watcher says have left, or no longer lists: they end where they were.
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        TimelineLane& lane = m_lanes[i];
        if (seen[i] || !lane.present)
            continue;
        lane.present = false;
        lane.leftAt = m_now;
        if (lane.open) {
            appendStep(lane, *lane.open, std::max(timeOf(*lane.open), m_now));
            lane.open.reset();
        }
    }
    expire();
    if (!isFrozen())
        emit changed();
}

void TimelineModel::take(TimelineLane& lane, const std::vector<ipc::StepEvent>& fresh)
{
    // Only events after the open one (a lane given twice adds nothing twice).
    const auto newer =
        lane.open
            ? std::find_if(fresh.begin(), fresh.end(),
                           [&](const ipc::StepEvent& e) { return e.number > lane.open->number; })
            : fresh.begin();
    if (newer == fresh.end())
        return;

    // What the steps that were read did, to estimate what the unread ones between them did: at
    // full speed the ring keeps the last 64 steps of each poll, a fair sample of the rest.
    std::array<TimelineNs, kTimelineStates> sample{};
    TimelineNs sampled = 0;
    for (auto it = newer + 1; it < fresh.end(); ++it) {
        const auto& before = *(it - 1);
        if (it->number != before.number + 1)
            continue;
        const TimelineNs d = std::max<TimelineNs>(0, timeOf(*it) - timeOf(before));
        sample[stateIndex(ipc::state_of(before.step))] += d;
        sampled += d;
    }

    for (auto it = newer; it != fresh.end(); ++it) {
        if (lane.open) {
            const ipc::StepEvent& previous = *lane.open;
            const TimelineNs end = std::max(timeOf(*it), timeOf(previous));
            const std::uint64_t unread = it->number - previous.number - 1;
            if (unread == 0) {
                appendStep(lane, previous, end);
            } else {
                TimelineSpan gap;
                gap.exact = false;
                gap.start = timeOf(previous);
                gap.end = end;
                gap.steps = unread + 1;
                gap.unrecorded = unread;
                const TimelineNs duration = gap.duration();
                if (sampled > 0) {
                    TimelineNs given = 0;
                    for (std::size_t s = 0; s < kTimelineStates; ++s) {
                        gap.shares[s] =
                            TimelineNs(double(duration) * double(sample[s]) / double(sampled));
                        given += gap.shares[s];
                    }
                    // Rounding: the rest to the state with the most time, so the shares add up.
                    const auto most = std::max_element(sample.begin(), sample.end());
                    gap.shares[std::size_t(most - sample.begin())] += duration - given;
                } else {
                    gap.shares[stateIndex(ipc::StepState::Idle)] = duration; // unknown
                }
                append(lane, std::move(gap));
            }
        }
        lane.open = *it;
    }
}

void TimelineModel::appendStep(TimelineLane& lane, const ipc::StepEvent& step, TimelineNs end) const
{
    TimelineSpan span;
    span.start = timeOf(step);
    span.end = std::max(end, span.start);
    span.step = step.step;
    span.detail = step.detail;
    span.nameSize = step.name_size;
    span.name = step.name;
    span.steps = 1;
    append(lane, std::move(span));
}

void TimelineModel::append(TimelineLane& lane, TimelineSpan span) const
{
    if (span.duration() >= m_quantum) {
        lane.spans.push_back(std::move(span));
        return;
    }
    // A short one joins the aggregate of its quantum bucket: at most one aggregate per bucket,
    // and every other span is at least a quantum long, hence the bound on memory.
    const TimelineNs bucket = span.start / m_quantum;
    if (lane.spans.empty() || lane.spans.back().exact || lane.spans.back().bucket != bucket) {
        TimelineSpan aggregate;
        aggregate.exact = false;
        aggregate.start = span.start;
        aggregate.end = span.start;
        aggregate.bucket = bucket;
        lane.spans.push_back(std::move(aggregate));
    }
    TimelineSpan& into = lane.spans.back();
    into.end = std::max(into.end, span.end);
    if (span.exact) {
        into.shares[stateIndex(span.state())] += span.duration();
        into.steps += 1;
    } else {
        for (std::size_t s = 0; s < kTimelineStates; ++s)
            into.shares[s] += span.shares[s];
        into.steps += span.steps;
        into.unrecorded += span.unrecorded;
    }
}

void TimelineModel::advance(TimelineNs now)
{
    m_now = std::max(m_now, now);
    expire();
    if (!isFrozen())
        emit changed();
}

void TimelineModel::expire()
{
    const TimelineNs horizon = m_now - m_window;
    for (TimelineLane& lane : m_lanes) {
        while (!lane.spans.empty() && lane.spans.front().end <= horizon)
            lane.spans.pop_front();
    }
    // A lane that left stays, marked, until its last step has scrolled out.
    std::erase_if(m_lanes, [horizon](const TimelineLane& lane) {
        return !lane.present && lane.leftAt <= horizon && lane.spans.empty();
    });
}

void TimelineModel::setFrozen(bool frozen)
{
    if (frozen == isFrozen())
        return;
    if (frozen) {
        Frozen copy{m_now, m_lanes};
        for (TimelineLane& lane : copy.lanes) {
            if (lane.open) {
                appendStep(lane, *lane.open, copy.at);
                lane.open.reset();
            }
        }
        m_frozen = std::move(copy);
    } else {
        m_frozen.reset();
    }
    emit changed();
}

TimelineNs TimelineModel::end() const
{
    return m_frozen ? m_frozen->at : m_now;
}

const std::vector<TimelineLane>& TimelineModel::lanes() const
{
    return m_frozen ? m_frozen->lanes : m_lanes;
}

std::optional<TimelineSpan> TimelineModel::openSpan(const TimelineLane& lane) const
{
    if (!lane.open)
        return std::nullopt;
    TimelineSpan span;
    span.start = timeOf(*lane.open);
    span.end = std::max(span.start, end());
    span.step = lane.open->step;
    span.detail = lane.open->detail;
    span.nameSize = lane.open->name_size;
    span.name = lane.open->name;
    span.steps = 1;
    return span;
}

std::vector<TimelineColumn> TimelineModel::columns(std::size_t laneIndex, TimelineNs from,
                                                   TimelineNs to, int count) const
{
    std::vector<TimelineColumn> columns(static_cast<std::size_t>(std::max(count, 0)));
    if (count <= 0 || to <= from || laneIndex >= lanes().size())
        return columns;
    const TimelineLane& lane = lanes()[laneIndex];
    const double width = double(to - from) / count;

    auto spread = [&](const TimelineSpan& span) {
        const TimelineNs s = std::max(span.start, from);
        const TimelineNs e = std::min(span.end, to);
        if (e <= s)
            return;
        const int first = std::clamp(int(double(s - from) / width), 0, count - 1);
        const int last = std::clamp(int(double(e - from - 1) / width), first, count - 1);
        for (int c = first; c <= last; ++c) {
            const double columnStart = double(from) + c * width;
            const double overlap =
                std::min(double(e), columnStart + width) - std::max(double(s), columnStart);
            if (overlap <= 0)
                continue;
            TimelineColumn& column = columns[std::size_t(c)];
            if (span.exact) {
                column.shares[stateIndex(span.state())] += overlap / width;
                if (c == first && span.start >= from)
                    column.steps += 1;
            } else {
                // An aggregate's steps are taken as spread evenly over it.
                const double part = overlap / double(span.duration());
                for (std::size_t k = 0; k < kTimelineStates; ++k)
                    column.shares[k] += double(span.shares[k]) * part / width;
                column.steps += double(span.steps) * part;
                column.estimated = column.estimated || span.unrecorded > 0;
            }
        }
    };
    for (auto it = firstEndingAfter(lane.spans, from); it != lane.spans.end() && it->start < to;
         ++it)
        spread(*it);
    if (const auto open = openSpan(lane))
        spread(*open);
    for (TimelineColumn& column : columns)
        for (double& share : column.shares)
            share = std::min(share, 1.0);
    return columns;
}

std::vector<TimelineSpan> TimelineModel::spans(std::size_t laneIndex, TimelineNs from,
                                               TimelineNs to, TimelineNs minDuration) const
{
    std::vector<TimelineSpan> found;
    if (laneIndex >= lanes().size())
        return found;
    const TimelineLane& lane = lanes()[laneIndex];
    for (auto it = firstEndingAfter(lane.spans, from); it != lane.spans.end() && it->start < to;
         ++it) {
        if (it->duration() >= minDuration)
            found.push_back(*it);
    }
    if (auto open = openSpan(lane);
        open && open->end > from && open->start < to && open->duration() >= minDuration)
        found.push_back(std::move(*open));
    return found;
}

std::optional<TimelineSpan> TimelineModel::spanAt(std::size_t laneIndex, TimelineNs t) const
{
    if (laneIndex >= lanes().size())
        return std::nullopt;
    const TimelineLane& lane = lanes()[laneIndex];
    const auto it = firstEndingAfter(lane.spans, t);
    if (it != lane.spans.end() && it->start <= t)
        return *it;
    if (auto open = openSpan(lane); open && open->start <= t && t <= open->end)
        return open;
    return std::nullopt;
}

std::size_t TimelineModel::spanCount() const
{
    std::size_t count = 0;
    for (const TimelineLane& lane : m_lanes)
        count += lane.spans.size();
    if (m_frozen)
        for (const TimelineLane& lane : m_frozen->lanes)
            count += lane.spans.size();
    return count;
}

std::size_t TimelineModel::maxSpansPerLane() const
{
    return static_cast<std::size_t>(2 * (m_window / m_quantum) + 4);
}

} // namespace prodcons::server
