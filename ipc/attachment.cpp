#include "ipc/attachment.h"

#include "ipc/attachment_state.h"
#include "ipc/channel.h"
#include "ipc/file_lock.h"
#include "ipc/layout.h"
#include "ipc/message_queue.h"
#include "ipc/named_semaphore.h"
#include "ipc/shared_memory.h"

#include <cerrno>
#include <unistd.h>

namespace prodcons::ipc {

using layout::Kind;
using layout::SlotState;

namespace {

constexpr int kOpenAttempts = 100;
const auto kLifecycleWait = std::chrono::seconds(10);

/// Is a participant of `mode` (any mode when `mode` is null) alive, other than `except`?
bool live_participant(const layout::ControlView& view, const ByteLocks& locks, const Mode* mode,
                      std::uint32_t except)
{
    const std::uint32_t high = view.header().slots_high_water.load();
    for (std::uint32_t i = 0; i < high; ++i) {
        const layout::Slot& slot = view.slot(i);
        if (i == except || slot.state.load() != static_cast<std::uint32_t>(SlotState::Active))
            continue;
        if (mode && slot.mode.load() != static_cast<std::uint32_t>(*mode))
            continue;
        auto locked = locks.locked_by_other(layout::kFirstSlotLock + static_cast<off_t>(i));
        if (!locked || locked.value())
            return true;
    }
    return false;
}

std::uint32_t count_live_users(const layout::ControlView& view, const ByteLocks& locks)
{
    std::uint32_t users = 0;
    const std::uint32_t high = view.header().slots_high_water.load();
    for (std::uint32_t i = 0; i < high; ++i) {
        const layout::Slot& slot = view.slot(i);
        if (slot.state.load() != static_cast<std::uint32_t>(SlotState::Active) ||
            slot.kind.load() != static_cast<std::uint32_t>(Kind::User))
            continue;
        auto locked = locks.locked_by_other(layout::kFirstSlotLock + static_cast<off_t>(i));
        if (!locked || locked.value())
            ++users;
    }
    return users;
}

/// Releases the life-cycle lock when attach() or detach() returns, whichever way.
class LifecycleGuard
{
public:
    explicit LifecycleGuard(const SharedMemory& control) : m_control(control) {}
    LifecycleGuard(const LifecycleGuard&) = delete;
    LifecycleGuard& operator=(const LifecycleGuard&) = delete;
    ~LifecycleGuard()
    {
        if (m_control.fd() >= 0)
            ByteLocks(m_control.fd(), m_control.name()).unlock(layout::kLifecycleLock);
    }

private:
    const SharedMemory& m_control;
};

/// Undoes a first attach that failed half-way (e.g. a queue over the user's RLIMIT_MSGQUEUE):
/// when this attach created the control object, every object it made goes again, so that a
/// failed start leaves nothing behind for the next one to take for a crash's. Objects that
/// were there before stay as they were (they may hold names). Runs under the life-cycle lock.
class CreatedObjects
{
public:
    explicit CreatedObjects(const ObjectNames& names) : m_names(names) {}
    CreatedObjects(const CreatedObjects&) = delete;
    CreatedObjects& operator=(const CreatedObjects&) = delete;
    ~CreatedObjects()
    {
        if (committed || !control)
            return;
        if (semaphores) {
            (void)NamedSemaphore::unlink_if_exists(m_names.empty);
            (void)NamedSemaphore::unlink_if_exists(m_names.full);
        }
        if (queue)
            (void)MessageQueue::unlink_if_exists(m_names.queue);
        (void)NamedSemaphore::unlink_if_exists(m_names.mutex);
        (void)SharedMemory::unlink_if_exists(m_names.control);
    }

    bool control = false;    ///< the control object is new (and so is the mutex)
    bool semaphores = false; ///< empty and full were made
    bool queue = false;      ///< the queue was made
    bool committed = false;  ///< the attach succeeded: keep everything

private:
    ObjectNames m_names;
};

/// Opens or creates the control object and takes its life-cycle lock. Retries when the object
/// was unlinked between our open and our lock (a last user leaving at that moment).
Result<SharedMemory> open_control_locked(const ObjectNames& names, mode_t permissions,
                                         bool& created)
{
    const Deadline deadline = Deadline::after(kLifecycleWait);
    for (int attempt = 0; attempt < kOpenAttempts; ++attempt) {
        created = false;
        auto shm = SharedMemory::create_exclusive(names.control, permissions);
        if (shm) {
            created = true;
        } else if (shm.error().code == Errc::Posix && shm.error().err == EEXIST) {
            shm = SharedMemory::open_existing(names.control, true);
            if (!shm && shm.error().code == Errc::Posix && shm.error().err == ENOENT)
                continue; // removed in between: start over
        }
        if (!shm)
            return shm.error();
        const ByteLocks locks(shm->fd(), names.control);
        if (auto locked = locks.lock_until(layout::kLifecycleLock, LockType::Write, deadline);
            !locked)
            return locked.error();
        auto gone = shm->unlinked();
        if (!gone)
            return gone.error();
        if (!gone.value())
            return std::move(shm).value();
        locks.unlock(layout::kLifecycleLock);
    }
    return Error::make(Errc::ObjectsRemoved, "shm_open", names.control,
                       "the object kept being removed while attaching");
}

/// Rebuilds the participant table of objects nobody uses: every slot's owner is dead, so its
/// transfers are settled and its held names become orphans; mutex bookkeeping is reset.
std::uint64_t recover_stale_table(Control& ctl)
{
    const layout::ControlView& view = ctl.view();
    layout::Header& header = view.header();
    for (auto& orphans : header.orphans)
        orphans.store(0);
    for (std::uint32_t i = 0; i < view.geometry().participants; ++i) {
        layout::Slot& slot = view.slot(i);
        if (slot.state.load() == static_cast<std::uint32_t>(SlotState::Free))
            continue;
        ctl.settle_transfer(i);
        ctl.orphan_held_locked(i); // re-counts its orphans, or frees it
    }
    header.mutex_owner.store(0);
    for (auto& flag : header.reconcile)
        flag.store(1);
    std::uint64_t kept = header.ring_tail.load() - header.ring_head.load();
    for (auto& orphans : header.orphans)
        kept += orphans.load();
    return kept;
}

Status recreate_semaphore(NamedSemaphore& sem, const char* name, unsigned value, mode_t permissions)
{
    auto removed = NamedSemaphore::unlink_if_exists(name);
    if (!removed)
        return removed.error();
    auto created = NamedSemaphore::create_exclusive(name, value, permissions);
    if (!created)
        return created.error();
    sem = std::move(created).value();
    return Ok{};
}

Result<NamedSemaphore> open_semaphore(const char* name)
{
    auto sem = NamedSemaphore::open_existing(name);
    if (!sem && sem.error().err == ENOENT) {
        Error error = sem.error();
        std::snprintf(error.detail, sizeof error.detail,
                      "missing while servers use the other objects (removed by hand?); stop "
                      "them or run a cleanup");
        return error;
    }
    return sem;
}

std::string describe_count(std::uint64_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

Attachment::Attachment() noexcept = default;
Attachment::Attachment(Attachment&&) noexcept = default;
Attachment& Attachment::operator=(Attachment&&) noexcept = default;
Attachment::~Attachment() = default;

Result<Attachment> Attachment::attach(const Config& config, Mode mode, AttachReport* report_out)
{
    if (auto ok = config.geometry.check(); !ok)
        return ok.error();
    auto names = ObjectNames::from_prefix(config.prefix);
    if (!names)
        return names.error();

    auto state = std::make_unique<State>();
    state->mode = mode;
    state->names = names.value();
    state->geometry = config.geometry;
    state->permissions = config.permissions;
    AttachReport report;
    const char* control_name = state->names.control;

    auto control = open_control_locked(state->names, config.permissions, report.created);
    if (!control)
        return control.error();
    state->control = std::move(control).value();
    LifecycleGuard guard(state->control);
    CreatedObjects fresh(state->names); // destroyed before the guard: still under the lock
    fresh.control = report.created;
    auto inode = state->control.inode();
    if (!inode)
        return inode.error();
    state->control_inode = inode.value();
    const ByteLocks locks = state->locks();

    auto size = state->control.size();
    if (!size)
        return size.error();

    // 1. Is anybody alive? Attachments share-lock the user byte; participants lock their slot.
    auto alone = locks.try_lock(layout::kUserLock, LockType::Write);
    if (!alone)
        return alone.error();
    bool nobody_alive = alone.value();
    bool ours = false;
    if (size.value() > 0) {
        if (auto mapped = state->control.map(size.value(), true); !mapped)
            return mapped.error();
        auto found = layout::read_geometry(state->control.data(), size.value(), control_name);
        if (found && nobody_alive) {
            layout::ControlView stale(state->control.data(), found.value());
            nobody_alive = !live_participant(stale, locks, nullptr, UINT32_MAX);
        }
        ours = found && found.value() == config.geometry;
    }
    if (!nobody_alive && !ours) // in use with another layout: never touch it
        return layout::check_layout(state->control.data(), size.value(), config.geometry,
                                    control_name)
            .error();

    const std::size_t needed = layout::ControlView::size_for(config.geometry);
    if (nobody_alive) {
        if (!ours) {
            // New, or left by a crash of a program with another layout: start afresh.
            report.incompatible_replaced = !report.created && size.value() > 0;
            if (auto resized = state->control.resize(needed); !resized)
                return resized.error();
            if (auto mapped = state->control.map(needed, true); !mapped)
                return mapped.error();
            layout::ControlView(state->control.data(), config.geometry).initialise();
            report.events.push_back(report.created ? "created " + std::string(control_name)
                                                   : "replaced " + std::string(control_name) +
                                                         " (stale, incompatible layout)");
        }
        if (auto made = recreate_semaphore(state->mutex, state->names.mutex, 1, config.permissions);
            !made)
            return made.error();
        report.events.push_back("created " + std::string(state->names.mutex));
    } else {
        auto opened = open_semaphore(state->names.mutex);
        if (!opened)
            return opened.error();
        state->mutex = std::move(opened).value();
    }
    state->ctl = Control(layout::ControlView(state->control.data(), config.geometry), &state->mutex,
                         state->control.fd(), control_name, UINT32_MAX);
    const layout::ControlView view = state->view();

    if (nobody_alive && ours) {
        report.recovered = true;
        report.names_kept = recover_stale_table(state->ctl);
        report.events.push_back("found stale " + std::string(control_name) +
                                " with no live user (a crash?): re-initialised, kept " +
                                describe_count(report.names_kept, "queued name", "queued names"));
    }
    if (!nobody_alive) {
        report.other_users = count_live_users(view, locks);
        report.events.push_back(
            "attached to " + std::string(control_name) + ", in use by " +
            describe_count(report.other_users, "other server", "other servers"));
    }
    if (auto shared = locks.try_lock(layout::kUserLock, LockType::Read); !shared || !*shared)
        return shared ? Error::make(Errc::Posix, "fcntl(F_OFD_SETLK)", control_name,
                                    "could not share the user lock")
                      : shared.error();

    // 2. The mode's own objects. Nobody of this mode alive: (re)make them, keeping names.
    const bool mode_in_use = live_participant(view, locks, &mode, UINT32_MAX);
    layout::Header& header = view.header();
    if (mode == Mode::Shm) {
        if (!mode_in_use) {
            const std::uint64_t count = header.ring_tail.load() - header.ring_head.load();
            const std::uint64_t available =
                count + header.orphans[static_cast<std::uint32_t>(Mode::Shm)].load();
            if (auto made = recreate_semaphore(
                    state->empty, state->names.empty,
                    static_cast<unsigned>(config.geometry.capacity - count), config.permissions);
                !made)
                return made.error();
            if (auto made =
                    recreate_semaphore(state->full, state->names.full,
                                       static_cast<unsigned>(available), config.permissions);
                !made)
                return made.error();
            header.reconcile[static_cast<std::uint32_t>(Mode::Shm)].store(0);
            fresh.semaphores = true;
            report.mode_objects_created = true;
            report.events.push_back("created " + std::string(state->names.empty) + " and " +
                                    state->names.full);
        } else {
            auto empty = open_semaphore(state->names.empty);
            if (!empty)
                return empty.error();
            auto full = open_semaphore(state->names.full);
            if (!full)
                return full.error();
            state->empty = std::move(empty).value();
            state->full = std::move(full).value();
        }
        state->channel = std::make_unique<ShmRing>(&state->empty, &state->full);
    } else {
        auto queue = MessageQueue::open_existing(state->names.queue, true);
        bool need_queue = !queue;
        if (!queue && (queue.error().err != ENOENT || mode_in_use)) {
            Error error = queue.error();
            if (error.err == ENOENT)
                std::snprintf(error.detail, sizeof error.detail,
                              "missing while servers use the other objects (removed by hand?); "
                              "stop them or run a cleanup");
            return error;
        }
        if (queue) {
            auto attr = queue->attributes();
            if (!attr)
                return attr.error();
            const bool fits = attr->mq_maxmsg == config.geometry.capacity &&
                              attr->mq_msgsize == config.geometry.slot_size;
            if (!fits) {
                char detail[112];
                std::snprintf(detail, sizeof detail,
                              "found %ld messages x %ld bytes, expected %u x %u", attr->mq_maxmsg,
                              attr->mq_msgsize, config.geometry.capacity,
                              config.geometry.slot_size);
                if (mode_in_use)
                    return Error::make(Errc::LayoutMismatch, "mq_getattr", state->names.queue,
                                       detail);
                if (auto removed = MessageQueue::unlink_if_exists(state->names.queue); !removed)
                    return removed.error();
                report.events.push_back("replaced " + std::string(state->names.queue) +
                                        " (stale, " + detail + ")");
                need_queue = true;
            } else if (!mode_in_use && attr->mq_curmsgs > 0) {
                const auto kept = static_cast<std::uint64_t>(attr->mq_curmsgs);
                report.names_kept += kept;
                report.events.push_back("found stale " + std::string(state->names.queue) +
                                        " with no live user: kept " +
                                        describe_count(kept, "queued name", "queued names"));
            }
        }
        if (need_queue) {
            queue = MessageQueue::create_exclusive(state->names.queue, config.geometry.capacity,
                                                   config.geometry.slot_size, config.permissions);
            if (!queue)
                return queue.error();
            fresh.queue = true;
            report.mode_objects_created = true;
            report.events.push_back("created " + std::string(state->names.queue));
        }
        state->queue = std::move(queue).value();
        state->channel = std::make_unique<QueueChannel>(&state->queue);
    }

    // 3. Our own slot, then free the slots of processes that died meanwhile.
    auto slot = Control::claim_slot(view, locks, Kind::User, mode, ::getpid());
    if (!slot)
        return slot.error();
    state->ctl = Control(view, &state->mutex, state->control.fd(), control_name, slot.value());

    Attachment attachment;
    attachment.m_state = std::move(state);
    WaitOptions quick;
    quick.deadline = Deadline::after(std::chrono::milliseconds(200));
    if (auto reaped = attachment.reap_dead(quick); reaped && reaped->slots_reaped > 0)
        report.events.push_back("freed " + describe_count(reaped->slots_reaped,
                                                          "slot of a dead process",
                                                          "slots of dead processes"));
    fresh.committed = true;
    if (report_out)
        *report_out = std::move(report);
    return attachment;
}

Result<LeaveReport> Attachment::detach(Deadline deadline)
{
    if (!m_state)
        return Error::make(Errc::ObjectsRemoved, "detach", "", "not attached");
    std::unique_ptr<State> state = std::move(m_state); // closed on return, whatever happens
    LeaveReport report;
    const ByteLocks locks = state->locks();
    if (auto locked = locks.lock_until(layout::kLifecycleLock, LockType::Write, deadline); !locked)
        return locked.error();
    LifecycleGuard guard(state->control);

    // Objects already unlinked by a cleanup are not ours to remove again: the names may
    // belong to new objects by now.
    if (auto gone = state->control.unlinked(); !gone || gone.value()) {
        state->ctl.release_slot();
        report.events.push_back("the objects had already been removed");
        return report;
    }

    state->ctl.release_slot();
    // Drop our share of the user lock now, not when the descriptor closes after the
    // life-cycle lock is released: a process detaching right after us must not count us.
    locks.unlock(layout::kUserLock);
    const layout::ControlView view = state->view();
    const Mode mode = state->mode;
    report.last_of_mode = !live_participant(view, locks, &mode, UINT32_MAX);
    auto alone = locks.try_lock(layout::kUserLock, LockType::Write);
    report.last_of_all =
        alone && alone.value() && !live_participant(view, locks, nullptr, UINT32_MAX);

    if (report.last_of_mode) {
        // The mode's names go with its objects. Others (of the other mode) may still use the
        // control block, so change it under the mutex.
        WaitOptions wait;
        wait.deadline = deadline;
        const bool locked = report.last_of_all || state->ctl.lock(wait).ok();
        layout::Header& header = view.header();
        const auto m = static_cast<std::uint32_t>(mode);
        std::uint64_t discarded = header.orphans[m].load();
        if (mode == Mode::Shm) {
            discarded += header.ring_tail.load() - header.ring_head.load();
            header.ring_head.store(header.ring_tail.load());
        } else if (auto attr = state->queue.attributes()) {
            discarded += static_cast<std::uint64_t>(attr->mq_curmsgs);
        }
        for (std::uint32_t i = 0; i < view.geometry().participants; ++i) {
            layout::Slot& slot = view.slot(i);
            if (slot.state.load() != static_cast<std::uint32_t>(SlotState::Orphaned) ||
                slot.mode.load() != m)
                continue;
            slot.held_head.store(slot.held_tail.load()); // discard its names...
            state->ctl.orphan_held_locked(i);            // ...which frees the slot
        }
        header.orphans[m].store(0);
        if (locked && !report.last_of_all)
            state->ctl.unlock();
        report.names_discarded = discarded;

        auto unlink = [&](const char* name, Result<bool> result) {
            if (result && result.value())
                report.removed.emplace_back(name);
            else if (!result)
                report.events.push_back("could not remove: " + describe(result.error()));
        };
        if (mode == Mode::Shm) {
            unlink(state->names.empty, NamedSemaphore::unlink_if_exists(state->names.empty));
            unlink(state->names.full, NamedSemaphore::unlink_if_exists(state->names.full));
        } else {
            unlink(state->names.queue, MessageQueue::unlink_if_exists(state->names.queue));
        }
        if (report.last_of_all) {
            unlink(state->names.mutex, NamedSemaphore::unlink_if_exists(state->names.mutex));
            unlink(state->names.control, SharedMemory::unlink_if_exists(state->names.control));
        }
        if (discarded > 0)
            report.events.push_back(
                describe_count(discarded, "queued name was", "queued names were") +
                " discarded with the " + mode_name(mode) + " objects");
    }
    if (!report.removed.empty()) {
        std::string line = "removed";
        for (const auto& name : report.removed)
            line += " " + name;
        report.events.push_back(line);
    } else {
        report.events.push_back("left; other servers still use the objects");
    }
    return report;
}

bool Attachment::attached() const noexcept
{
    return m_state != nullptr;
}

Mode Attachment::mode() const noexcept
{
    return m_state->mode;
}

const ObjectNames& Attachment::names() const noexcept
{
    return m_state->names;
}

const Geometry& Attachment::geometry() const noexcept
{
    return m_state->geometry;
}

Result<ReapResult> Attachment::reap_dead(const WaitOptions& wait)
{
    State& s = *m_state;
    if (!s.ctl.any_dead())
        return ReapResult{};
    if (auto locked = s.ctl.lock(wait); !locked)
        return locked.error();
    const ReapResult result = s.ctl.reap_dead_locked();
    if (s.channel && s.mode == Mode::Shm)
        s.channel->reconcile_locked(s.ctl);
    s.ctl.unlock();
    return result;
}

bool Attachment::objects_removed() const noexcept
{
    auto gone = m_state->control.unlinked();
    return gone && gone.value();
}

int Attachment::control_fd() const noexcept
{
    return m_state->control.fd();
}

int Attachment::queue_fd() const noexcept
{
    return m_state->mode == Mode::Mq ? m_state->queue.fd() : -1;
}

} // namespace prodcons::ipc
