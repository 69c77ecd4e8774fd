#include "step_code_model.h"

#include "child_view.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace prodcons::server {

using ipc::Step;
using ipc::layout::Kind;

namespace {

/// Steps that start a new round of a loop: the name of the last round is done with.
bool beginsRound(Step step, Kind kind)
{
    switch (step) {
    case Step::ReadClient:
        return kind == Kind::Producer; // a consumer reads the OK of the name it just sent
    case Step::WaitEmpty:
    case Step::WaitFull:
    case Step::Receive:
        return true;
    default:
        return false;
    }
}

bool carriesName(Step step)
{
    return step == Step::Write || step == Step::Read || step == Step::Send ||
           step == Step::WriteClient;
}

} // namespace

StepCodeModel::StepCodeModel(QObject* parent)
    : QObject(parent), m_producer(producerListing(m_mode)), m_consumer(consumerListing(m_mode))
{}

void StepCodeModel::setMode(ipc::Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_producer = producerListing(mode);
    m_consumer = consumerListing(mode);
    m_markers.clear();
    emit changed();
}

const CodeListing& StepCodeModel::listingOf(Kind kind) const
{
    return kind == Kind::Consumer ? m_consumer : m_producer;
}

const CodeMarker* StepCodeModel::markerOf(pid_t pid) const
{
    auto it = std::find_if(m_markers.begin(), m_markers.end(),
                           [pid](const CodeMarker& m) { return m.pid == pid; });
    return it == m_markers.end() ? nullptr : &*it;
}

void StepCodeModel::followNames(const StepLane& lane)
{
    QString& name = m_names[lane.pid];
    for (const ipc::StepEvent& event : lane.fresh) {
        if (beginsRound(event.step, lane.kind))
            name.clear();
        if (carriesName(event.step) && !event.name.empty()) {
            name = QString::fromUtf8(event.name.data(), static_cast<qsizetype>(event.name.size()));
            if (event.name_size > event.name.size())
                name += QChar(0x2026); // only its start is recorded
        }
    }
}

void StepCodeModel::update(const std::vector<StepLane>& lanes, const ipc::TeachingState& state)
{
    std::vector<CodeMarker> markers;
    std::set<pid_t> seen;
    for (const StepLane& lane : lanes) {
        if (lane.mode != m_mode || (lane.kind != Kind::Producer && lane.kind != Kind::Consumer))
            continue;
        followNames(lane);
        seen.insert(lane.pid);
        CodeMarker marker;
        marker.pid = lane.pid;
        marker.kind = lane.kind;
        marker.present = lane.present;
        marker.step = lane.current ? lane.current->step : Step::None;
        const int line = listingOf(lane.kind).lineOf(marker.step);
        marker.line = line >= 0 ? line : CodeListing::kLoopLine;
        marker.name = m_names[lane.pid];
        const bool restingAfterAStep =
            marker.step != Step::None && lane.restingBefore != Step::None;
        if (!lane.present)
            marker.state = tr("gone; it stopped here");
        else if (restingAfterAStep)
            // The step on its line is over: it rests before the next one, slowed or paused. A
            // producer that got the mutex is not "waiting for the mutex" any more.
            marker.state = restingText(lane.restingBefore, state.paused);
        else if (marker.step == Step::None)
            marker.state = state.tracing ? tr("no step yet") : tr("not watched");
        else
            marker.state = stateText(marker.step, lane.kind);
        if (lane.present && state.paused && !restingAfterAStep)
            marker.state = tr("%1, paused").arg(marker.state);
        markers.push_back(std::move(marker));
    }
    std::erase_if(m_names, [&](const auto& entry) { return !seen.contains(entry.first); });
    std::stable_sort(markers.begin(), markers.end(), [](const CodeMarker& a, const CodeMarker& b) {
        return std::tuple(!a.present, a.kind != Kind::Producer, a.pid) <
               std::tuple(!b.present, b.kind != Kind::Producer, b.pid);
    });
    if (markers == m_markers)
        return;
    m_markers = std::move(markers);
    emit changed();
}

void StepCodeModel::clear()
{
    m_names.clear();
    if (m_markers.empty())
        return;
    m_markers.clear();
    emit changed();
}

QString StepCodeModel::stateText(Step step, Kind kind)
{
    switch (step) {
    case Step::None:
        return tr("no step yet");
    case Step::WaitEmpty:
        return tr("waiting for empty (a free slot)");
    case Step::WaitFull:
        return tr("waiting for full (a name)");
    case Step::WaitMutex:
        return tr("waiting for the mutex");
    case Step::Write:
    case Step::Read:
    case Step::AdvanceIn:
    case Step::AdvanceOut:
    case Step::PostMutex:
        return tr("running, holds the mutex");
    case Step::PostFull:
    case Step::PostEmpty:
        return tr("running");
    case Step::Send:
        return tr("sending; waits while the queue is full");
    case Step::Receive:
        return tr("receiving; waits while the queue is empty");
    case Step::ReadClient:
        return kind == Kind::Producer ? tr("talking to its client: waiting for a name")
                                      : tr("talking to its client: waiting for OK");
    case Step::WriteClient:
        return kind == Kind::Producer ? tr("talking to its client: sending OK")
                                      : tr("talking to its client: sending the name");
    }
    return {};
}

QString StepCodeModel::restingText(Step next, bool paused)
{
    const bool holdsMutex = ipc::state_of(next) == ipc::StepState::InCriticalSection;
    if (paused)
        return holdsMutex ? tr("done; holds the mutex, paused before the next line")
                          : tr("done; paused before the next line");
    return holdsMutex ? tr("done; holds the mutex, slowed down before the next line")
                      : tr("done; slowed down before the next line");
}

QString StepCodeModel::describeState(const CodeMarker& marker)
{
    const QString role =
        roleText(marker.kind == Kind::Consumer ? ChildRole::Consumer : ChildRole::Producer);
    QString text = tr("%1: %2").arg(role, marker.state);
    if (!marker.name.isEmpty())
        text += tr(", moving %1").arg(marker.name);
    return text;
}

QString StepCodeModel::describe(const CodeMarker& marker)
{
    return tr("%1 %2").arg(marker.pid).arg(describeState(marker));
}

} // namespace prodcons::server
