#include "ipc/snapshot.h"

#include "ipc/attachment.h"
#include "ipc/attachment_state.h"
#include "ipc/file_lock.h"
#include "ipc/message_queue.h"
#include "ipc/named_semaphore.h"
#include "ipc/shared_memory.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace prodcons::ipc {

namespace {

/// Lists the values of the control block that no sound process writes. Reads only, and only
/// inside the mapping (indices are checked before use, loops bounded by the geometry).
std::vector<std::string> find_corruption(const layout::ControlView& view)
{
    constexpr std::size_t kMostListed = 16;
    std::vector<std::string> found;
    std::size_t more = 0;
    auto problem = [&](std::string text) {
        if (found.size() < kMostListed)
            found.push_back(std::move(text));
        else
            ++more;
    };
    const layout::Header& header = view.header();
    const Geometry& g = view.geometry();
    const auto n = [](std::uint64_t v) {
        return std::to_string(v);
    };

    if (header.slots_high_water.load() > g.participants)
        problem("slots_high_water " + n(header.slots_high_water.load()) + " > " +
                n(g.participants) + " participant slots");
    if (const std::uint32_t owner = header.mutex_owner.load();
        owner != 0 && !view.is_slot(owner - 1))
        problem("mutex_owner " + n(owner) + " names no participant slot (1.." + n(g.participants) +
                ")");
    if (view.ring_corrupt())
        problem("ring_tail - ring_head = " + n(view.ring_count_raw()) + " > capacity " +
                n(g.capacity));
    const std::uint64_t most_orphans = std::uint64_t{g.participants} * g.window;
    for (std::uint32_t m = 0; m < kModeCount; ++m)
        if (header.orphans[m].load() > most_orphans)
            problem(std::string("orphans[") + mode_name(static_cast<Mode>(m)) + "] " +
                    n(header.orphans[m].load()) + " > " + n(most_orphans));
    for (std::uint32_t i = 0; i < g.participants; ++i) {
        const layout::Slot& slot = view.slot(i);
        const std::string at = "slot " + n(i) + ": ";
        const std::uint32_t state = slot.state.load();
        if (state > static_cast<std::uint32_t>(layout::SlotState::Orphaned)) {
            problem(at + "state " + n(state) + " unknown");
            continue;
        }
        if (state == static_cast<std::uint32_t>(layout::SlotState::Free))
            continue;
        if (slot.kind.load() > static_cast<std::uint32_t>(layout::Kind::Consumer))
            problem(at + "kind " + n(slot.kind.load()) + " unknown");
        if (slot.mode.load() >= kModeCount)
            problem(at + "mode " + n(slot.mode.load()) + " unknown");
        if (slot.mutex_claim.load() > static_cast<std::uint32_t>(layout::MutexClaim::Held))
            problem(at + "mutex_claim " + n(slot.mutex_claim.load()) + " unknown");
        if (const std::uint64_t held = slot.held_tail.load() - slot.held_head.load();
            held > g.window)
            problem(at + "held_tail - held_head = " + n(held) + " > window " + n(g.window));
        if (slot.reserved.load() > layout::reservable_participants(g))
            problem(at + "reserved " + n(slot.reserved.load()) + " > " +
                    n(layout::reservable_participants(g)));
        const std::uint32_t transfer = slot.transfer.load();
        if (transfer > static_cast<std::uint32_t>(layout::Transfer::FromQueue))
            problem(at + "transfer " + n(transfer) + " unknown");
        else if (transfer != 0 && slot.transfer_count > g.window)
            problem(at + "transfer_count " + n(slot.transfer_count) + " > window " + n(g.window));
        else if (transfer == static_cast<std::uint32_t>(layout::Transfer::FromOrphans) &&
                 !view.is_slot(slot.transfer_source_slot))
            problem(at + "transfer_source_slot " + n(slot.transfer_source_slot) +
                    " >= " + n(g.participants));
    }
    if (more > 0)
        found.push_back("and " + n(more) + " more");
    return found;
}

/// The recorded holder of the mutex, looked up among the participants already read (so only a
/// slot in use, below the high-water mark, can be named: the value comes from shared memory,
/// and any process of the user may have written it), and what its process is doing now.
std::optional<MutexHolder> find_holder(const Snapshot& snap, std::uint32_t owner,
                                       const ByteLocks& locks, std::uint32_t own_slot)
{
    if (owner == 0) // nobody; unlock() clears it before posting, so otherwise it holds it
        return std::nullopt;
    const auto it = std::find_if(snap.participants.begin(), snap.participants.end(),
                                 [owner](const ParticipantInfo& p) { return p.slot == owner - 1; });
    if (it == snap.participants.end())
        return std::nullopt;
    MutexHolder holder;
    holder.slot = it->slot;
    holder.pid = it->pid;
    holder.kind = it->kind;
    holder.mode = it->mode;
    // Asked even of an Orphaned slot: a consumer hands its names back (its slot Orphaned)
    // while it still holds the mutex, and may be stopped right there.
    holder.alive = it->alive || holder.slot == own_slot || slot_owner_alive(locks, holder.slot);
    if (!holder.alive)
        return holder;
    holder.state = process_state(holder.pid);
    holder.parent = parent_pid(holder.pid);
    for (const ParticipantInfo& p : snap.participants)
        if (holder.parent > 0 && p.alive && p.kind == layout::Kind::User && p.pid == holder.parent)
            holder.parent_server_slot = p.slot;
    return holder;
}

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
    snap.teaching = read_teaching_state(header.teaching);

    const std::uint64_t head = header.ring_head.load(std::memory_order_acquire);
    const std::uint64_t tail = header.ring_tail.load(std::memory_order_acquire);
    snap.ring_head = head;
    snap.ring_tail = tail;
    snap.in = static_cast<std::uint32_t>(tail % g.capacity);
    snap.out = static_cast<std::uint32_t>(head % g.capacity);
    // Loops run over at most the capacity, whatever the counters say (they may be corrupt).
    const std::uint64_t count = std::min<std::uint64_t>(tail - head, g.capacity);
    snap.count = static_cast<std::uint32_t>(count);
    if (with_names) {
        snap.ring.assign(g.capacity, std::string());
        for (std::uint64_t k = 0; k < count; ++k) {
            const char* name = view.ring_name(head + k);
            snap.ring[(head + k) % g.capacity].assign(name, strnlen(name, g.slot_size - 1));
        }
        // A consumer may have taken (and a producer refilled) slots while we copied: only
        // slots still between the head and the tail we saw are certain.
        const std::uint64_t head_after = header.ring_head.load(std::memory_order_acquire);
        const std::uint64_t taken = std::min<std::uint64_t>(head_after - head, count);
        for (std::uint64_t k = 0; k < taken; ++k)
            snap.ring[(head + k) % g.capacity].clear();
    }

    for (std::uint32_t m = 0; m < kModeCount; ++m) {
        snap.orphans[m] = view.orphans(m);
        snap.names_put[m] = header.names_put[m].load();
        snap.names_taken[m] = header.names_taken[m].load();
    }
    snap.mutex_recoveries = header.mutex_recoveries.load();
    snap.participants_reaped = header.participants_reaped.load();
    snap.corruption = find_corruption(view);

    snap.participants_reservable = layout::reservable_participants(g);
    const std::uint32_t owner = header.mutex_owner.load();
    const std::uint32_t high = view.slots_in_use();
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
        info.held = view.held(i);
        info.names_moved = slot.names_moved.load();
        const std::uint32_t resting = slot.resting_before.load();
        info.resting_before = resting < kStepCount ? static_cast<Step>(resting) : Step::None;
        if (info.alive && info.kind == layout::Kind::User) {
            ++snap.live_users[static_cast<std::uint32_t>(info.mode)];
            info.reserved = view.reserved(i);
            snap.participants_reserved += info.reserved;
        }
        if (info.alive && i + 1 != owner &&
            slot.mutex_claim.load() == static_cast<std::uint32_t>(layout::MutexClaim::InDoubt))
            ++snap.mutex_waiters;
        snap.participants.push_back(info);
    }
    snap.mutex_holder = find_holder(snap, owner, locks, own_slot);
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
