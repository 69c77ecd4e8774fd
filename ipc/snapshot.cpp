#include "ipc/snapshot.h"

#include "ipc/attachment.h"
#include "ipc/attachment_state.h"
#include "ipc/file_lock.h"
#include "ipc/message_queue.h"
#include "ipc/named_semaphore.h"
#include "ipc/shared_memory.h"

#include <cerrno>
#include <cstring>

namespace prodcons::ipc {

namespace {

/// Fills the parts of a snapshot that come from the control block. `own_slot` is the slot of
/// the attachment whose descriptor `locks` uses (UINT32_MAX for none): GETLK cannot see its
/// lock.
void read_control(Snapshot& snap, const layout::ControlView& view, const ByteLocks& locks,
                  bool with_names, std::uint32_t own_slot)
{
    const layout::Header& header = view.header();
    const Geometry& g = view.geometry();
    snap.control_present = true;
    snap.geometry = g;

    const std::uint64_t head = header.ring_head.load(std::memory_order_acquire);
    const std::uint64_t tail = header.ring_tail.load(std::memory_order_acquire);
    snap.ring_head = head;
    snap.ring_tail = tail;
    snap.in = static_cast<std::uint32_t>(tail % g.capacity);
    snap.out = static_cast<std::uint32_t>(head % g.capacity);
    snap.count = static_cast<std::uint32_t>(tail - head);
    if (with_names) {
        snap.ring.assign(g.capacity, std::string());
        for (std::uint64_t c = head; c < tail && c < head + g.capacity; ++c) {
            const char* name = view.ring_name(c);
            snap.ring[c % g.capacity].assign(name, strnlen(name, g.slot_size - 1));
        }
        // A consumer may have taken (and a producer refilled) slots while we copied: only
        // slots still between the head and the tail we saw are certain.
        const std::uint64_t head_after = header.ring_head.load(std::memory_order_acquire);
        for (std::uint64_t c = head; c < head_after && c < tail; ++c)
            snap.ring[c % g.capacity].clear();
    }

    for (std::uint32_t m = 0; m < kModeCount; ++m) {
        snap.orphans[m] = header.orphans[m].load();
        snap.names_put[m] = header.names_put[m].load();
        snap.names_taken[m] = header.names_taken[m].load();
    }
    snap.mutex_recoveries = header.mutex_recoveries.load();
    snap.participants_reaped = header.participants_reaped.load();

    const std::uint32_t high = header.slots_high_water.load();
    for (std::uint32_t i = 0; i < high; ++i) {
        const layout::Slot& slot = view.slot(i);
        const auto state = static_cast<layout::SlotState>(slot.state.load());
        if (state == layout::SlotState::Free)
            continue;
        ParticipantInfo info;
        info.slot = i;
        info.pid = slot.pid.load();
        info.kind = static_cast<layout::Kind>(slot.kind.load());
        info.mode = slot.mode.load() == 1 ? Mode::Mq : Mode::Shm;
        info.orphaned = state == layout::SlotState::Orphaned;
        if (!info.orphaned) {
            info.alive = i == own_slot || slot_owner_alive(locks, i);
        }
        info.held = slot.held();
        info.names_moved = slot.names_moved.load();
        if (info.alive && info.kind == layout::Kind::User)
            ++snap.live_users[static_cast<std::uint32_t>(info.mode)];
        snap.participants.push_back(info);
    }
}

void read_queue(Snapshot& snap, const MessageQueue& queue)
{
    if (auto attr = queue.attributes()) {
        snap.mq_present = true;
        snap.mq_current = attr->mq_curmsgs;
        snap.mq_capacity = attr->mq_maxmsg;
        snap.mq_message_size = attr->mq_msgsize;
    }
}

int semaphore_value(const char* name)
{
    auto sem = NamedSemaphore::open_existing(name);
    return sem ? sem->value() : -1;
}

} // namespace

std::uint64_t Snapshot::queued(Mode mode) const noexcept
{
    const std::uint64_t returned = orphans[static_cast<std::uint32_t>(mode)];
    if (mode == Mode::Shm)
        return count + returned;
    return static_cast<std::uint64_t>(mq_current) + returned;
}

std::vector<pid_t> Snapshot::live_user_pids(Mode mode) const
{
    std::vector<pid_t> pids;
    for (const auto& p : participants)
        if (p.alive && p.kind == layout::Kind::User && p.mode == mode)
            pids.push_back(p.pid);
    return pids;
}

std::vector<pid_t> Snapshot::live_user_pids() const
{
    std::vector<pid_t> pids = live_user_pids(Mode::Shm);
    for (pid_t pid : live_user_pids(Mode::Mq))
        pids.push_back(pid);
    return pids;
}

Snapshot Attachment::snapshot(bool with_names) const
{
    const State& s = *m_state;
    Snapshot snap;
    read_control(snap, s.view(), s.locks(), with_names, s.ctl.my_slot());
    snap.sem_mutex = s.mutex.value();
    if (s.mode == Mode::Shm) {
        snap.shm_present = true;
        snap.sem_empty = s.empty.value();
        snap.sem_full = s.full.value();
    } else {
        read_queue(snap, s.queue);
    }
    return snap;
}

Result<Snapshot> inspect(const ObjectNames& names)
{
    Snapshot snap;
    auto control = SharedMemory::open_existing(names.control, true);
    if (!control && control.error().err == EACCES)
        control = SharedMemory::open_existing(names.control, false);
    if (control) {
        auto size = control->size();
        if (!size)
            return size.error();
        if (size.value() > 0) {
            if (auto mapped = control->map(size.value(), false); !mapped)
                return mapped.error();
            auto geometry = layout::read_geometry(control->data(), size.value(), names.control);
            if (!geometry)
                return geometry.error();
            read_control(snap, layout::ControlView(control->data(), geometry.value()),
                         ByteLocks(control->fd(), names.control), true, UINT32_MAX);
        }
    } else if (control.error().err != ENOENT) {
        return control.error();
    }
    snap.sem_mutex = semaphore_value(names.mutex);
    snap.sem_empty = semaphore_value(names.empty);
    snap.sem_full = semaphore_value(names.full);
    snap.shm_present = snap.sem_empty >= 0 && snap.sem_full >= 0;
    if (auto queue = MessageQueue::open_existing(names.queue, false))
        read_queue(snap, queue.value());
    return snap;
}

} // namespace prodcons::ipc
