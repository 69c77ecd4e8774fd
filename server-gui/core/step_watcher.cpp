#include "step_watcher.h"

#include "forking_server.h"

#include <algorithm>

namespace prodcons::server {

StepWatcher::StepWatcher(ForkingServer& server, QObject* parent) : QObject(parent), m_server(server)
{
    connect(&m_timer, &QTimer::timeout, this, &StepWatcher::poll);
    // A server started after start() watches from its start; one that stops stops watching
    // by itself (its slot, which carries the flag, is released).
    connect(&m_server, &ForkingServer::started, this, [this] {
        if (m_watching)
            m_server.setWatching(true);
    });
}

StepWatcher::~StepWatcher()
{
    stop();
}

void StepWatcher::start(std::chrono::milliseconds interval)
{
    m_watching = true;
    m_server.setWatching(true);
    m_timer.start(interval);
}

void StepWatcher::stop()
{
    if (!m_watching)
        return;
    m_watching = false;
    m_timer.stop();
    m_server.setWatching(false);
}

StepLane* StepWatcher::laneOf(std::uint32_t slot, pid_t pid)
{
    auto it = std::find_if(m_lanes.begin(), m_lanes.end(), [&](const StepLane& lane) {
        return lane.slot == slot && lane.pid == pid && lane.present;
    });
    return it == m_lanes.end() ? nullptr : &*it;
}

void StepWatcher::poll()
{
    if (!m_watching)
        return;
    m_server.setWatching(true); // said again: see Attachment::set_watching
    const auto snapshot = m_server.bufferSnapshot(false);
    const auto now = std::chrono::steady_clock::now();
    bool changed = false;
    for (StepLane& lane : m_lanes)
        lane.fresh.clear();

    std::vector<bool> seen(m_lanes.size(), false);
    if (snapshot) {
        for (const ipc::ParticipantInfo& p : snapshot->participants) {
            if (p.kind == ipc::layout::Kind::User || p.orphaned)
                continue;
            StepLane* lane = laneOf(p.slot, p.pid);
            if (!lane) {
                StepLane fresh;
                fresh.slot = p.slot;
                fresh.pid = p.pid;
                fresh.kind = p.kind;
                fresh.mode = p.mode;
                m_lanes.push_back(std::move(fresh));
                seen.push_back(false);
                lane = &m_lanes.back();
                changed = true;
            }
            seen[static_cast<std::size_t>(lane - m_lanes.data())] = true;
            if (lane->restingBefore != p.resting_before) {
                lane->restingBefore = p.resting_before;
                changed = true;
            }
            std::uint64_t lost = 0;
            std::vector<ipc::StepEvent> steps = m_server.steps(lane->slot, lane->next, &lost);
            lane->lost += lost;
            if (!steps.empty()) {
                lane->next = steps.back().number + 1;
                lane->current = steps.back();
                lane->fresh = std::move(steps);
                changed = true;
            }
        }
    }
    // Participants that left: kept a while with their last step, then forgotten.
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        StepLane& lane = m_lanes[i];
        if (seen[i] || !lane.present)
            continue;
        lane.present = false;
        lane.restingBefore = ipc::Step::None;
        lane.absentSince = now;
        changed = true;
    }
    const auto before = m_lanes.size();
    std::erase_if(m_lanes, [&](const StepLane& lane) {
        return !lane.present && now - lane.absentSince > kKeepLeft;
    });
    changed = changed || m_lanes.size() != before;
    std::stable_sort(m_lanes.begin(), m_lanes.end(), [](const StepLane& a, const StepLane& b) {
        return a.slot != b.slot ? a.slot < b.slot : a.present < b.present;
    });
    if (changed)
        emit updated();
}

} // namespace prodcons::server
