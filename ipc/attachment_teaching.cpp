// Attachment's side of the teaching view (teaching.h): the settings every participant of the
// prefix obeys, and the steps they record. Parent only.
#include "ipc/attachment.h"
#include "ipc/attachment_state.h"

#include <algorithm>

namespace prodcons::ipc {

TeachingState Attachment::teaching_state() const noexcept
{
    return read_teaching_state(m_state->view().header().teaching);
}

void Attachment::set_tempo(std::chrono::milliseconds tempo) noexcept
{
    layout::Teaching& t = m_state->view().header().teaching;
    const auto ms = static_cast<std::uint32_t>(
        std::clamp<std::chrono::milliseconds::rep>(tempo.count(), 0, kMaxTempoMs));
    t.tempo_owner.store(m_state->ctl.my_slot() + 1);
    t.tempo_ms.store(ms);
    if (ms > 0)
        t.flags.fetch_or(layout::kTempo);
    else
        t.flags.fetch_and(~std::uint32_t(layout::kTempo));
}

void Attachment::set_paused(bool paused) noexcept
{
    layout::Teaching& t = m_state->view().header().teaching;
    t.pause_owner.store(m_state->ctl.my_slot() + 1);
    if (paused) {
        // Grants left from an earlier pause would let steps through.
        t.step_grants.store(0);
        const layout::ControlView& view = m_state->view();
        for (std::uint32_t i = 0; i < view.slots_in_use(); ++i)
            view.slot(i).step_grants.store(0);
        t.flags.fetch_or(layout::kPause);
    } else {
        t.flags.fetch_and(~std::uint32_t(layout::kPause));
    }
}

bool Attachment::grant_step(pid_t pid) noexcept
{
    const layout::ControlView& view = m_state->view();
    layout::Teaching& t = view.header().teaching;
    if (pid == 0) {
        t.step_grants.fetch_add(1);
        t.steps_granted.fetch_add(1);
        return true;
    }
    for (std::uint32_t i = 0; i < view.slots_in_use(); ++i) {
        layout::Slot& slot = view.slot(i);
        if (slot.state.load() == static_cast<std::uint32_t>(layout::SlotState::Active) &&
            slot.pid.load() == pid &&
            slot.kind.load() != static_cast<std::uint32_t>(layout::Kind::User)) {
            slot.step_grants.fetch_add(1);
            t.steps_granted.fetch_add(1);
            return true;
        }
    }
    return false;
}

Status Attachment::set_race(bool race) noexcept
{
    if (race && !race_allowed(m_state->names.prefix))
        return Error::make(Errc::BadPrefix, "set_race", m_state->names.prefix,
                           "the race mode is never used on the default prefix; pick another");
    const layout::ControlView& view = m_state->view();
    layout::Teaching& t = view.header().teaching;
    layout::Slot& self = view.slot(m_state->ctl.my_slot());
    const std::uint32_t was = self.racing.exchange(race ? 1 : 0);
    if (race && !was)
        t.racers.fetch_add(1);
    else if (!race && was && t.racers.fetch_sub(1) == 1)
        t.flags.fetch_and(~std::uint32_t(layout::kRace));
    if (race)
        t.flags.fetch_or(layout::kRace);
    return Ok{};
}

void Attachment::set_watching(bool watching) noexcept
{
    const layout::ControlView& view = m_state->view();
    layout::Teaching& t = view.header().teaching;
    layout::Slot& self = view.slot(m_state->ctl.my_slot());
    const std::uint32_t was = self.watching.exchange(watching ? 1 : 0);
    if (watching && !was)
        t.watchers.fetch_add(1);
    else if (!watching && was && t.watchers.fetch_sub(1) == 1)
        t.flags.fetch_and(~std::uint32_t(layout::kTrace));
    // Said again at every call, not only on a change: a watcher that stops at the same instant
    // as another starts may have cleared the flag after the other set it.
    if (watching)
        t.flags.fetch_or(layout::kTrace);
}

std::vector<StepEvent> Attachment::steps(std::uint32_t slot, std::uint64_t after,
                                         std::uint64_t* lost) const
{
    const layout::ControlView& view = m_state->view();
    if (!view.is_slot(slot))
        return {};
    return read_steps(view.trace(slot), after, lost);
}

} // namespace prodcons::ipc
