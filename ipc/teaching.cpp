#include "ipc/teaching.h"

#include "ipc/control.h"
#include "ipc/object_names.h"

#include <algorithm>
#include <cstring>
#include <ctime>

namespace prodcons::ipc {

namespace {

std::uint64_t monotonic_ns() noexcept
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now); // the vDSO: no system call
    return std::uint64_t(now.tv_sec) * 1'000'000'000u + std::uint64_t(now.tv_nsec);
}

/// Sleeps `ms` milliseconds at most, in slices, and less when `still` says so. Child-safe.
template <typename Still> void nap(std::uint32_t ms, Still still) noexcept
{
    constexpr std::uint32_t kSliceMs = 10;
    const std::uint64_t end = monotonic_ns() + std::uint64_t(ms) * 1'000'000u;
    for (std::uint64_t now = monotonic_ns(); now < end && still(); now = monotonic_ns()) {
        const std::uint64_t left = std::min<std::uint64_t>(end - now, kSliceMs * 1'000'000u);
        timespec pause{0, static_cast<long>(left)};
        ::nanosleep(&pause, nullptr);
    }
}

/// Takes one of the grants counted in `grants`, if there is one.
bool take_one(std::atomic<std::uint32_t>& grants) noexcept
{
    std::uint32_t n = grants.load(std::memory_order_acquire);
    while (n > 0 && !grants.compare_exchange_weak(n, n - 1)) {
    }
    return n > 0;
}

bool stopped(const WaitOptions* wait) noexcept
{
    return wait && wait->stop && wait->stop->load(std::memory_order_relaxed);
}

} // namespace

const char* step_name(Step step) noexcept
{
    switch (step) {
    case Step::None:
        return "None";
    case Step::WaitEmpty:
        return "WaitEmpty";
    case Step::WaitFull:
        return "WaitFull";
    case Step::WaitMutex:
        return "WaitMutex";
    case Step::Write:
        return "Write";
    case Step::Read:
        return "Read";
    case Step::AdvanceIn:
        return "AdvanceIn";
    case Step::AdvanceOut:
        return "AdvanceOut";
    case Step::PostMutex:
        return "PostMutex";
    case Step::PostFull:
        return "PostFull";
    case Step::PostEmpty:
        return "PostEmpty";
    case Step::Send:
        return "Send";
    case Step::Receive:
        return "Receive";
    case Step::ReadClient:
        return "ReadClient";
    case Step::WriteClient:
        return "WriteClient";
    }
    return "Unknown";
}

StepState state_of(Step step) noexcept
{
    switch (step) {
    case Step::None:
        return StepState::Idle;
    case Step::WaitEmpty:
    case Step::WaitFull:
    case Step::Send:
    case Step::Receive:
        return StepState::WaitingForBuffer;
    case Step::WaitMutex:
        return StepState::WaitingForMutex;
    case Step::Write:
    case Step::Read:
    case Step::AdvanceIn:
    case Step::AdvanceOut:
    case Step::PostMutex: // the holder is still inside until the post returns
        return StepState::InCriticalSection;
    case Step::PostFull:
    case Step::PostEmpty:
        return StepState::Signalling;
    case Step::ReadClient:
    case Step::WriteClient:
        return StepState::OnSocket;
    }
    return StepState::Idle;
}

TeachingState read_teaching_state(const layout::Teaching& t) noexcept
{
    const std::uint32_t flags = t.flags.load();
    TeachingState state;
    state.tracing = (flags & layout::kTrace) != 0;
    state.tempo_ms = (flags & layout::kTempo) != 0 ? std::min(t.tempo_ms.load(), kMaxTempoMs) : 0;
    state.paused = (flags & layout::kPause) != 0;
    state.race = (flags & layout::kRace) != 0;
    state.watchers = t.watchers.load();
    state.steps_granted = t.steps_granted.load();
    return state;
}

bool race_allowed(std::string_view prefix) noexcept
{
    return prefix != kDefaultPrefix;
}

namespace {

/// Reads event `number` of `ring` into `out` if it is still there, whole (a sequence lock per
/// event: the writer clears `sequence`, writes, then sets it).
bool read_event(const layout::TraceRing& ring, std::uint64_t number, StepEvent& out,
                char (&name)[layout::kTraceNameBytes], std::uint32_t& name_length) noexcept
{
    const layout::TraceEvent& e = ring.events[number % layout::kTraceEvents];
    if (e.sequence.load(std::memory_order_acquire) != number + 1)
        return false;
    out.number = number;
    out.time_ns = e.time_ns.load(std::memory_order_relaxed);
    const std::uint16_t step = e.step.load(std::memory_order_relaxed);
    out.step = step < kStepCount ? static_cast<Step>(step) : Step::None;
    out.detail = e.detail.load(std::memory_order_relaxed);
    out.name_size = e.name_size.load(std::memory_order_relaxed);
    std::memcpy(name, e.name, sizeof name);
    std::atomic_thread_fence(std::memory_order_acquire);
    if (e.sequence.load(std::memory_order_relaxed) != number + 1)
        return false; // overwritten while we read
    name_length = std::min<std::uint32_t>(out.name_size, layout::kTraceNameBytes);
    return true;
}

} // namespace

std::vector<StepEvent> read_steps(const layout::TraceRing& ring, std::uint64_t after,
                                  std::uint64_t* lost)
{
    std::vector<StepEvent> events;
    const std::uint64_t next = ring.next.load(std::memory_order_acquire);
    // `next` is read from shared memory: only the last kTraceEvents can be there.
    const std::uint64_t oldest = next > layout::kTraceEvents ? next - layout::kTraceEvents : 0;
    const std::uint64_t from = std::max(after, oldest);
    std::uint64_t missed = from > after ? from - after : 0;
    if (next > from)
        events.reserve(static_cast<std::size_t>(next - from));
    for (std::uint64_t n = from; n < next; ++n) {
        StepEvent event;
        char name[layout::kTraceNameBytes];
        std::uint32_t length = 0;
        if (!read_event(ring, n, event, name, length)) {
            ++missed;
            continue;
        }
        event.name.assign(name, length);
        events.push_back(std::move(event));
    }
    if (lost)
        *lost = missed;
    return events;
}

bool latest_step(const layout::TraceRing& ring, StepEvent& out) noexcept
{
    const std::uint64_t next = ring.next.load(std::memory_order_acquire);
    char name[layout::kTraceNameBytes];
    std::uint32_t length = 0;
    return next > 0 && read_event(ring, next - 1, out, name, length);
}

// --- The participant's side -------------------------------------------------------------

void Control::record_step(Step step, std::uint32_t detail, std::string_view name) noexcept
{
    layout::TraceRing& ring = m_view.trace(m_slot);
    // Only this participant writes its ring, so `next` needs no read-modify-write.
    const std::uint64_t number = ring.next.load(std::memory_order_relaxed);
    layout::TraceEvent& e = ring.events[number % layout::kTraceEvents];
    e.sequence.store(0, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    e.time_ns.store(monotonic_ns(), std::memory_order_relaxed);
    e.step.store(static_cast<std::uint16_t>(step), std::memory_order_relaxed);
    e.detail.store(detail, std::memory_order_relaxed);
    e.name_size.store(static_cast<std::uint16_t>(std::min<std::size_t>(name.size(), 0xFFFF)),
                      std::memory_order_relaxed);
    std::memcpy(e.name, name.data(), std::min<std::size_t>(name.size(), sizeof e.name));
    e.sequence.store(number + 1, std::memory_order_release);
    ring.next.store(number + 1, std::memory_order_release);
}

void Control::end_what_dead_owners_set() noexcept
{
    // Whoever slowed or paused the buffer is gone: nobody is left to lift it.
    layout::Teaching& t = header().teaching;
    auto dead = [this](std::atomic<std::uint32_t>& owner) {
        std::uint32_t seen = owner.load(std::memory_order_relaxed);
        return seen != 0 && m_view.is_slot(seen - 1) && !alive(seen - 1) &&
               owner.compare_exchange_strong(seen, 0);
    };
    if (dead(t.tempo_owner)) {
        t.tempo_ms.store(0);
        t.flags.fetch_and(~std::uint32_t(layout::kTempo));
    }
    if (dead(t.pause_owner))
        t.flags.fetch_and(~std::uint32_t(layout::kPause));
}

void Control::teaching_gate(Step step, std::uint32_t detail, std::string_view name,
                            const WaitOptions* wait) noexcept
{
    layout::Teaching& t = header().teaching;
    std::uint32_t flags = t.flags.load(std::memory_order_acquire);
    std::atomic<std::uint32_t>& resting = me().resting_before;
    if (flags & (layout::kPause | layout::kTempo))
        resting.store(static_cast<std::uint32_t>(step), std::memory_order_relaxed);
    if (flags & layout::kPause) {
        std::atomic<std::uint32_t>& mine = this->me().step_grants;
        std::uint32_t looks = 0;
        for (;;) {
            flags = t.flags.load(std::memory_order_acquire);
            if (!(flags & layout::kPause) || stopped(wait))
                break;
            // A step granted to this participant, or to whoever comes first.
            if (take_one(mine) || take_one(t.step_grants))
                break;
            if (++looks % 50 == 0) // about every half second; the loop then sees what ended
                end_what_dead_owners_set();
            nap(10, [] { return true; });
        }
    } else if ((flags & layout::kTempo) != 0) {
        std::uint32_t looks = 0;
        // Back to full speed takes effect at once: the nap ends when the tempo does.
        nap(t.tempo_ms.load(std::memory_order_relaxed), [&] {
            if (++looks % 50 == 0)
                end_what_dead_owners_set();
            return (t.flags.load(std::memory_order_relaxed) & layout::kTempo) != 0 &&
                   !stopped(wait);
        });
    }
    // Recorded after the wait: the event says when the step began.
    if (t.flags.load(std::memory_order_relaxed) & layout::kTrace)
        record_step(step, detail, name);
    resting.store(0, std::memory_order_relaxed);
}

} // namespace prodcons::ipc
