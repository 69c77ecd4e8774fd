#include "ipc/queue_channel.h"

#include "ipc/brief_spin.h"
#include "ipc/fault_point.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <time.h>

namespace prodcons::ipc {

using layout::Transfer;

namespace {

constexpr auto kMq = static_cast<std::uint32_t>(Mode::Mq);

} // namespace

Result<std::size_t> QueueChannel::put(Control& control, std::span<const std::string_view> names,
                                      const WaitOptions& wait) noexcept
{
    std::size_t sent = 0;
    BriefSpin spin(BriefSpin::Look::SystemCall);
    bool spinning = !wait.deadline.passed(); // a caller asking only for what is there does not spin
    if (control.one_name_per_step())
        names = names.first(std::min<std::size_t>(names.size(), 1));
    std::size_t announced = 0; // names whose Send step is recorded
    while (sent < names.size()) {
        // The first name may wait for room, after a brief spin; the rest go only while there is
        // room, so the caller can answer for what was stored without delay.
        const bool only_now = sent > 0 || spinning;
        const std::string_view name = names[sent];
        if (announced == sent) {
            control.step(Step::Send, 0, name, &wait);
            ++announced;
        }
        auto ok = only_now ? m_queue->try_send(name.data(), name.size(), 0)
                           : m_queue->send_until(name.data(), name.size(), 0,
                                                 slice_end(wait, CLOCK_REALTIME));
        if (!ok) {
            if (sent > 0)
                break;
            return ok.error();
        }
        if (ok.value()) {
            ++sent;
            continue;
        }
        if (sent > 0)
            break;
        if (spinning) {
            spinning = spin.again();
            continue;
        }
        if (auto status = check_wait(wait, "mq_timedsend", m_queue->name()); !status)
            return status.error();
    }
    control.header().names_put[kMq].fetch_add(sent);
    control.me().names_moved.fetch_add(sent);
    return sent;
}

Result<std::uint32_t> QueueChannel::adopt_orphans(Control& control, std::uint32_t max,
                                                  const WaitOptions& wait) noexcept
{
    if (control.header().orphans[kMq].load() == 0)
        return std::uint32_t{0};
    if (auto locked = control.lock(wait); !locked)
        return locked.error();
    const std::uint32_t adopted = control.adopt_orphans_locked(Mode::Mq, max);
    control.unlock();
    return adopted;
}

Result<bool> QueueChannel::wait_readable(const WaitOptions& wait) noexcept
{
    const timespec end = slice_end(wait, CLOCK_MONOTONIC);
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    const long long ms = (end.tv_sec - now.tv_sec) * 1000LL + (end.tv_nsec - now.tv_nsec) / 1000000;
    pollfd pfd{m_queue->fd(), POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(std::max(0LL, ms)));
    if (ready < 0 && errno != EINTR)
        return Error::posix("poll", m_queue->name(), errno);
    return ready > 0;
}

Result<std::uint32_t> QueueChannel::hold(Control& control, std::uint32_t max,
                                         const WaitOptions& wait) noexcept
{
    layout::Slot& self = control.me();
    const layout::ControlView& view = control.view();
    const std::uint32_t slot_size = view.geometry().slot_size;
    max = std::min(max, control.hold_room());
    if (max == 0)
        return std::uint32_t{0};
    if (control.one_name_per_step())
        max = 1;
    control.step(Step::Receive, 0, {}, &wait);

    // A consumer that outlived its client takes nothing, not even in the brief spin below
    // (which does not look at the client): see ShmRing::hold.
    if (taker_gone(wait))
        return Error::make(Errc::Cancelled, "hold", m_queue->name(), "the client has left");

    // Names handed back by consumers that left go first.
    auto adopted = adopt_orphans(control, max, wait);
    if (!adopted)
        return adopted.error();
    std::uint32_t taken = adopted.value();
    auto last_reap = Clock::now();
    BriefSpin spin(BriefSpin::Look::SystemCall);
    bool spinning = !wait.deadline.passed(); // a caller asking only for what is there does not spin

    // A slice passed with an empty queue: names may have been handed back meanwhile, or a
    // consumer may have died holding some.
    const auto after_empty_slice = [&]() -> Status {
        if (Clock::now() - last_reap >= kReapEvery) {
            last_reap = Clock::now();
            if (control.any_dead()) {
                if (auto locked = control.lock(housekeeping_wait(wait)); locked) {
                    control.reap_dead_locked();
                    control.unlock();
                } else if (locked.error().code != Errc::Timeout) {
                    return locked.error();
                }
            }
        }
        adopted = adopt_orphans(control, max - taken, wait);
        if (!adopted)
            return adopted.error();
        taken += adopted.value();
        return Ok{};
    };

    while (taken < max) {
        // A consumer that can be told its client left waits for a message without taking it,
        // and looks once more before the take: a name taken for a client that is gone would
        // come back later, behind names a newer consumer has already received.
        bool message_seen = false;
        if (taken == 0 && !spinning && wait.gone) {
            auto readable = wait_readable(wait);
            if (!readable)
                return readable.error();
            if (!readable.value()) {
                if (auto status = check_wait(wait, "poll", m_queue->name()); !status)
                    return status.error();
                if (auto status = after_empty_slice(); !status)
                    return status.error();
                continue;
            }
            if (taker_gone(wait))
                return Error::make(Errc::Cancelled, "hold", m_queue->name(),
                                   "the client left while the consumer waited");
            message_seen = true;
        }
        // The first name may wait, after a brief spin; the rest only if they are there.
        const bool only_now = taken > 0 || spinning || message_seen;
        // Receive straight into the held window in shared memory, so that the name is never
        // only in this process's memory. The slot is zeroed whole: its first byte tells whoever
        // reaps a process killed during the call whether the kernel delivered the message, and
        // the zeros after the message end the name if the kill comes before we write its NUL.
        const std::uint64_t tail = self.held_tail.load();
        char* place = view.held_name(control.my_slot(), tail);
        std::memset(place, 0, slot_size);
        self.transfer_count = 1;
        self.transfer_tail_before = tail;
        self.transfer.store(static_cast<std::uint32_t>(Transfer::FromQueue),
                            std::memory_order_release);
        auto received =
            only_now ? m_queue->try_receive(place, slot_size)
                     : m_queue->receive_until(place, slot_size, slice_end(wait, CLOCK_REALTIME));
        if (received && received.value() && *received.value() > 0) {
            const std::size_t size = std::min<std::size_t>(*received.value(), slot_size - 1);
            place[size] = '\0'; // a foreign sender may fill the whole message
            fault_point("queue:received");
            self.held_tail.store(tail + 1);
            self.transfer.store(static_cast<std::uint32_t>(Transfer::None),
                                std::memory_order_release);
            ++taken;
            continue;
        }
        place[0] = '\0'; // an empty message is dropped, not held
        self.transfer.store(static_cast<std::uint32_t>(Transfer::None), std::memory_order_release);
        if (!received) {
            if (taken > 0)
                break;
            return received.error();
        }
        if (received.value()) // an empty message: look again
            continue;
        if (taken > 0)
            break;
        if (spinning) {
            spinning = spin.again();
            // The spin yields the CPU, and on a busy machine this process may come back much
            // later: its client may have left meanwhile, and a message received now could not
            // be put back where it was.
            if (taker_gone(wait))
                return Error::make(Errc::Cancelled, "hold", m_queue->name(), "the client has left");
            continue;
        }
        if (message_seen) // another consumer was quicker: wait again
            continue;
        if (auto status = check_wait(wait, "mq_timedreceive", m_queue->name()); !status)
            return status.error();
        if (auto status = after_empty_slice(); !status)
            return status.error();
    }
    control.header().names_taken[kMq].fetch_add(taken);
    self.names_moved.fetch_add(taken);
    return taken;
}

} // namespace prodcons::ipc
