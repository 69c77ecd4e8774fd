#include "ipc/attachment.h"

#include "ipc/attachment_state.h"
#include "ipc/channel.h"
#include "ipc/fault_point.h"
#include "ipc/file_lock.h"
#include "ipc/layout.h"
#include "ipc/message_queue.h"
#include "ipc/named_semaphore.h"
#include "ipc/ownership.h"
#include "ipc/queue_channel.h"
#include "ipc/shared_memory.h"
#include "ipc/shm_ring.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace prodcons::ipc {

using layout::Kind;
using layout::SlotState;

namespace {

constexpr int kOpenAttempts = 100;
const auto kLifecycleWait = std::chrono::seconds(10);

/// Live participants (active slots whose owner holds its lock) that `wanted(index, slot)`
/// accepts, counted up to `enough`.
template <typename Wanted>
std::uint32_t count_live(const layout::ControlView& view, const ByteLocks& locks, Wanted wanted,
                         std::uint32_t enough)
{
    std::uint32_t live = 0;
    const std::uint32_t high = view.slots_in_use();
    for (std::uint32_t i = 0; i < high && live < enough; ++i) {
        const layout::Slot& slot = view.slot(i);
        if (slot.state.load() == static_cast<std::uint32_t>(SlotState::Active) && wanted(i, slot) &&
            slot_owner_alive(locks, i))
            ++live;
    }
    return live;
}

/// Is a participant of `mode` (any mode when `mode` is null) alive, other than `except`?
bool live_participant(const layout::ControlView& view, const ByteLocks& locks, const Mode* mode,
                      std::uint32_t except)
{
    const auto wanted = [&](std::uint32_t i, const layout::Slot& slot) {
        return i != except && (!mode || slot.mode.load() == static_cast<std::uint32_t>(*mode));
    };
    return count_live(view, locks, wanted, 1) > 0;
}

std::uint32_t count_live_users(const layout::ControlView& view, const ByteLocks& locks)
{
    const auto wanted = [](std::uint32_t, const layout::Slot& slot) {
        return slot.kind.load() == static_cast<std::uint32_t>(Kind::User);
    };
    return count_live(view, locks, wanted, UINT32_MAX);
}

/// Participant slots reserved by the live servers and tools of the prefix.
std::uint32_t reserved_by_live_users(const layout::ControlView& view, const ByteLocks& locks)
{
    std::uint64_t reserved = 0;
    const std::uint32_t high = view.slots_in_use();
    for (std::uint32_t i = 0; i < high; ++i) {
        const layout::Slot& slot = view.slot(i);
        if (slot.state.load() == static_cast<std::uint32_t>(SlotState::Active) &&
            slot.kind.load() == static_cast<std::uint32_t>(Kind::User) &&
            slot_owner_alive(locks, i))
            reserved += view.reserved(i);
    }
    return static_cast<std::uint32_t>(
        std::min<std::uint64_t>(reserved, layout::reservable_participants(view.geometry())));
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
/// when this attach initialised the control block (nobody else alive used it), every object it
/// made goes again, so that a failed start leaves nothing behind for the next one to take for a
/// crash's. Having created the control object's name is not enough: another process may have
/// taken the life-cycle lock first, initialised it and be serving from it now. Objects that were
/// there before stay as they were (they may hold names). Runs under the life-cycle lock.
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

    bool control = false;    ///< this attach initialised the control block and the mutex
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
            fault_point("attach:created");
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
    // Counters more than the capacity apart are corruption: nothing in the ring can be trusted.
    if (view.ring_corrupt())
        header.ring_head.store(header.ring_tail.load());
    header.slots_high_water.store(view.slots_in_use());
    std::uint64_t kept = view.ring_count();
    for (std::uint32_t m = 0; m < kModeCount; ++m)
        kept += view.orphans(m);
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

Result<NamedSemaphore> open_semaphore(const char* name, mode_t permissions)
{
    auto sem = NamedSemaphore::open_existing(name);
    if (sem) // the name may be another user's, made before ours to be used by us
        if (auto owned = check_semaphore_owner(name, permissions); !owned)
            return owned.error();
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

using EventKind = LifecycleEvent::Kind;

LifecycleEvent created(const char* object)
{
    return {EventKind::Created, "created " + std::string(object), object};
}

/// The steps of Attachment::attach after the control object is open and its life-cycle lock
/// held. Each returns why it failed; the caller's guards undo what a failed first attach made.
class Attacher
{
public:
    Attacher(const Config& config, Mode mode, Attachment::State& state, AttachReport& report,
             CreatedObjects& fresh)
        : m_config(config), m_mode(mode), m_state(state), m_report(report), m_fresh(fresh),
          m_locks(state.locks()), m_control_name(state.names.control)
    {}

    /// Is anybody alive? Then validate what they use and open the mutex. If not, initialise
    /// the control block (or, if its layout is ours, recover it keeping the queued names) and
    /// make the mutex afresh. Ends holding our share of the user lock.
    Status settle_control();
    /// SHM mode: the empty and full semaphores, made afresh (counting the ring) when no live
    /// process of the mode uses them, opened otherwise.
    Status prepare_semaphores();
    /// MQ mode: the queue, kept if its geometry fits (with its names), replaced if stale and of
    /// another geometry, refused if in use with another geometry.
    Status prepare_queue();
    /// Keeps participant slots for the children this attachment will fork, as many as asked
    /// or as the live servers have left; none left is an error.
    Status reserve_participants();
    /// This process's own slot in the participant table.
    Status claim_user_slot();

private:
    /// What the control object holds when we come: its size, whether any process still uses
    /// it, and whether its layout is ours.
    struct FoundControl
    {
        std::size_t size = 0;
        bool nobody_alive = false;
        bool ours = false;
    };

    // The steps of settle_control(), in their order.
    Result<FoundControl> look_at_control();
    /// Live users with another layout: never touch it; the error says how it differs.
    Status refuse_layout_in_use(std::size_t size);
    /// Nobody alive and not our layout (or new): sized and initialised afresh.
    Status initialise_control(std::size_t size);
    /// Nobody alive: the mutex made afresh (a dead holder's count is not to be trusted).
    Status make_mutex();
    /// Somebody alive: their mutex, checked for its owner.
    Status open_mutex();
    /// Nobody alive and our layout: the table recovered, keeping the queued names.
    void recover_stale_control();
    void count_other_users();
    /// Our share of the user lock, which says to later comers that we are alive.
    Status share_user_lock();

    const Config& m_config;
    Mode m_mode;
    Attachment::State& m_state;
    AttachReport& m_report;
    CreatedObjects& m_fresh;
    ByteLocks m_locks;
    const char* m_control_name;
    bool m_mode_in_use = false;
    std::uint32_t m_reserved = 0;
};

Status Attacher::settle_control()
{
    auto found = look_at_control();
    if (!found)
        return found.error();
    const FoundControl control = found.value();
    if (!control.nobody_alive && !control.ours)
        return refuse_layout_in_use(control.size);
    if (control.nobody_alive && !control.ours)
        if (auto initialised = initialise_control(control.size); !initialised)
            return initialised.error();
    if (auto mutex = control.nobody_alive ? make_mutex() : open_mutex(); !mutex)
        return mutex.error();
    m_state.ctl = Control(layout::ControlView(m_state.control.data(), m_config.geometry),
                          &m_state.mutex, m_state.control.fd(), m_control_name, UINT32_MAX);
    if (control.nobody_alive && control.ours)
        recover_stale_control();
    if (!control.nobody_alive)
        count_other_users();
    return share_user_lock();
}

Result<Attacher::FoundControl> Attacher::look_at_control()
{
    auto size = m_state.control.size();
    if (!size)
        return size.error();
    // Attachments share-lock the user byte; participants lock their slot.
    auto alone = m_locks.try_lock(layout::kUserLock, LockType::Write);
    if (!alone)
        return alone.error();
    FoundControl found{size.value(), alone.value(), false};
    if (found.size == 0)
        return found;
    if (auto mapped = m_state.control.map(found.size, true); !mapped)
        return mapped.error();
    auto geometry = layout::read_geometry(m_state.control.data(), found.size, m_control_name);
    if (geometry && found.nobody_alive) {
        const layout::ControlView stale(m_state.control.data(), geometry.value());
        found.nobody_alive = !live_participant(stale, m_locks, nullptr, UINT32_MAX);
    }
    found.ours = geometry && geometry.value() == m_config.geometry;
    return found;
}

Status Attacher::refuse_layout_in_use(std::size_t size)
{
    // check_layout() says how it differs.
    auto checked =
        layout::check_layout(m_state.control.data(), size, m_config.geometry, m_control_name);
    return checked ? Error::make(Errc::LayoutMismatch, "attach", m_control_name,
                                 "in use with another layout")
                   : checked.error();
}

Status Attacher::initialise_control(std::size_t size)
{
    // New, or left by a crash of a program with another layout: start afresh.
    const std::size_t needed = layout::ControlView::size_for(m_config.geometry);
    m_report.incompatible_replaced = size > 0;
    if (auto resized = m_state.control.resize(needed); !resized)
        return resized.error();
    if (auto mapped = m_state.control.map(needed, true); !mapped)
        return mapped.error();
    layout::ControlView(m_state.control.data(), m_config.geometry).initialise();
    m_fresh.control = m_report.created;
    // An empty object is one whose creator has not initialised it yet: new, not stale.
    if (size == 0)
        m_report.events.push_back(created(m_control_name));
    else
        m_report.events.push_back(
            {EventKind::Replaced,
             "replaced " + std::string(m_control_name) + " (stale, incompatible layout)",
             m_control_name});
    return Ok{};
}

Status Attacher::make_mutex()
{
    if (auto made = recreate_semaphore(m_state.mutex, m_state.names.mutex, 1, m_config.permissions);
        !made)
        return made.error();
    m_report.events.push_back(created(m_state.names.mutex));
    return Ok{};
}

Status Attacher::open_mutex()
{
    auto opened = open_semaphore(m_state.names.mutex, m_config.permissions);
    if (!opened)
        return opened.error();
    m_state.mutex = std::move(opened).value();
    return Ok{};
}

void Attacher::recover_stale_control()
{
    m_report.recovered = true;
    m_report.names_kept = recover_stale_table(m_state.ctl);
    m_report.events.push_back(
        {EventKind::FoundStale,
         "found stale " + std::string(m_control_name) +
             " with no live user (a crash?): re-initialised, kept " +
             describe_count(m_report.names_kept, "queued name", "queued names"),
         m_control_name, m_report.names_kept});
}

void Attacher::count_other_users()
{
    m_report.other_users = count_live_users(m_state.view(), m_locks);
    m_report.events.push_back(
        {EventKind::Attached,
         "attached to " + std::string(m_control_name) + ", in use by " +
             describe_count(m_report.other_users, "other server", "other servers"),
         m_control_name, m_report.other_users});
}

Status Attacher::share_user_lock()
{
    if (auto shared = m_locks.try_lock(layout::kUserLock, LockType::Read); !shared || !*shared)
        return shared ? Error::make(Errc::Posix, "fcntl(F_OFD_SETLK)", m_control_name,
                                    "could not share the user lock")
                      : shared.error();
    m_mode_in_use = live_participant(m_state.view(), m_locks, &m_mode, UINT32_MAX);
    return Ok{};
}

Status Attacher::prepare_semaphores()
{
    if (m_mode_in_use) {
        auto empty = open_semaphore(m_state.names.empty, m_config.permissions);
        if (!empty)
            return empty.error();
        auto full = open_semaphore(m_state.names.full, m_config.permissions);
        if (!full)
            return full.error();
        m_state.empty = std::move(empty).value();
        m_state.full = std::move(full).value();
    } else {
        // The counts follow the ring as it is: a crash may have left names in it.
        layout::Header& header = m_state.view().header();
        if (m_state.view().ring_corrupt()) { // in use by the other mode, so not ours to reset
            char detail[112];
            std::snprintf(detail, sizeof detail,
                          "ring_tail - ring_head = %llu exceeds the capacity %u; run a cleanup",
                          static_cast<unsigned long long>(m_state.view().ring_count_raw()),
                          m_config.geometry.capacity);
            return Error::make(Errc::Corrupted, "attach", m_control_name, detail);
        }
        const std::uint64_t count = m_state.view().ring_count();
        const std::uint64_t available =
            count + m_state.view().orphans(static_cast<std::uint32_t>(Mode::Shm));
        if (auto made = recreate_semaphore(
                m_state.empty, m_state.names.empty,
                static_cast<unsigned>(m_config.geometry.capacity - count), m_config.permissions);
            !made)
            return made.error();
        if (auto made = recreate_semaphore(m_state.full, m_state.names.full,
                                           static_cast<unsigned>(available), m_config.permissions);
            !made)
            return made.error();
        header.reconcile[static_cast<std::uint32_t>(Mode::Shm)].store(0);
        m_fresh.semaphores = true;
        m_report.mode_objects_created = true;
        m_report.events.push_back(created(m_state.names.empty));
        m_report.events.push_back(created(m_state.names.full));
    }
    m_state.channel = std::make_unique<ShmRing>(&m_state.empty, &m_state.full);
    return Ok{};
}

Status Attacher::prepare_queue()
{
    const char* name = m_state.names.queue;
    auto queue = MessageQueue::open_existing(name, true);
    bool need_queue = !queue;
    if (!queue && (queue.error().err != ENOENT || m_mode_in_use)) {
        Error error = queue.error();
        if (error.err == ENOENT)
            std::snprintf(error.detail, sizeof error.detail,
                          "missing while servers use the other objects (removed by hand?); "
                          "stop them or run a cleanup");
        return error;
    }
    if (queue) {
        if (auto owned = check_owner(queue->fd(), name, m_config.permissions); !owned)
            return owned.error();
        auto attr = queue->attributes();
        if (!attr)
            return attr.error();
        const bool fits = attr->mq_maxmsg == m_config.geometry.capacity &&
                          attr->mq_msgsize == m_config.geometry.slot_size;
        if (!fits) {
            char detail[112];
            std::snprintf(detail, sizeof detail, "found %ld messages x %ld bytes, expected %u x %u",
                          attr->mq_maxmsg, attr->mq_msgsize, m_config.geometry.capacity,
                          m_config.geometry.slot_size);
            if (m_mode_in_use)
                return Error::make(Errc::LayoutMismatch, "mq_getattr", name, detail);
            if (auto removed = MessageQueue::unlink_if_exists(name); !removed)
                return removed.error();
            m_report.events.push_back({EventKind::Replaced,
                                       "replaced " + std::string(name) + " (stale, " + detail + ")",
                                       name});
            need_queue = true;
        } else if (!m_mode_in_use && attr->mq_curmsgs > 0) {
            const auto kept = static_cast<std::uint64_t>(attr->mq_curmsgs);
            m_report.names_kept += kept;
            m_report.events.push_back({EventKind::FoundStale,
                                       "found stale " + std::string(name) +
                                           " with no live user: kept " +
                                           describe_count(kept, "queued name", "queued names"),
                                       name, kept});
        }
    }
    if (need_queue) {
        queue = MessageQueue::create_exclusive(name, m_config.geometry.capacity,
                                               m_config.geometry.slot_size, m_config.permissions);
        if (!queue)
            return queue.error();
        m_fresh.queue = true;
        m_report.mode_objects_created = true;
        m_report.events.push_back(created(name));
    }
    m_state.queue = std::move(queue).value();
    m_state.channel = std::make_unique<QueueChannel>(&m_state.queue);
    return Ok{};
}

Status Attacher::reserve_participants()
{
    const std::uint32_t wanted = m_config.reserve_participants;
    if (wanted == 0)
        return Ok{};
    const std::uint32_t reservable = layout::reservable_participants(m_config.geometry);
    const std::uint32_t taken = reserved_by_live_users(m_state.view(), m_locks);
    const std::uint32_t left = reservable - taken;
    if (left == 0) {
        char detail[112];
        std::snprintf(detail, sizeof detail,
                      "live servers reserve all %u client places; lower their --max-children or "
                      "use another --prefix",
                      reservable);
        return Error::make(Errc::TableFull, "reserve", m_control_name, detail);
    }
    m_reserved = std::min(wanted, left);
    m_report.participants_reserved = m_reserved;
    m_report.participants_reserved_by_others = taken;
    m_report.participants_reservable = reservable;
    return Ok{};
}

Status Attacher::claim_user_slot()
{
    auto slot = Control::claim_slot(m_state.view(), m_locks, Kind::User, m_mode, ::getpid());
    if (!slot)
        return slot.error();
    // Under the life-cycle lock, as reserve_participants() was: no other attach can have
    // reserved the same places in between.
    m_state.view().slot(slot.value()).reserved.store(m_reserved);
    m_state.ctl =
        Control(m_state.view(), &m_state.mutex, m_state.control.fd(), m_control_name, slot.value());
    return Ok{};
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
    AttachReport report;

    auto control = open_control_locked(state->names, config.permissions, report.created);
    if (!control)
        return control.error();
    state->control = std::move(control).value();
    LifecycleGuard guard(state->control);
    CreatedObjects fresh(state->names); // destroyed before the guard: still under the lock
    if (auto owned = check_owner(state->control.fd(), state->names.control, config.permissions);
        !owned)
        return owned.error();
    auto inode = state->control.inode();
    if (!inode)
        return inode.error();
    state->control_inode = inode.value();

    Attacher attacher(config, mode, *state, report, fresh);
    if (auto settled = attacher.settle_control(); !settled)
        return settled.error();
    auto prepared = mode == Mode::Shm ? attacher.prepare_semaphores() : attacher.prepare_queue();
    if (!prepared)
        return prepared.error();
    if (auto reserved = attacher.reserve_participants(); !reserved)
        return reserved.error();
    if (auto claimed = attacher.claim_user_slot(); !claimed)
        return claimed.error();

    // Free the slots of processes that died meanwhile.
    Attachment attachment;
    attachment.m_state = std::move(state);
    WaitOptions quick;
    quick.deadline = Deadline::after(std::chrono::milliseconds(200));
    if (auto reaped = attachment.reap_dead(quick); reaped && reaped->slots_reaped > 0)
        report.events.push_back(
            {EventKind::FreedDead,
             "freed " + describe_count(reaped->slots_reaped, "slot of a dead process",
                                       "slots of dead processes"),
             {},
             reaped->slots_reaped});
    fresh.committed = true;
    if (report_out)
        *report_out = std::move(report);
    return attachment;
}

namespace {

/// The last of a mode leaving: the mode's names go with its objects. Others (of the other mode)
/// may still use the control block, so it is changed under the mutex (the last of all has
/// nobody to exclude). Returns how many names were discarded.
std::uint64_t discard_names_of_mode(Attachment::State& state, bool last_of_all, Deadline deadline)
{
    WaitOptions wait;
    wait.deadline = deadline;
    const bool locked = last_of_all || state.ctl.lock(wait).ok();
    const layout::ControlView view = state.view();
    layout::Header& header = view.header();
    const auto m = static_cast<std::uint32_t>(state.mode);
    // Counted from the slots, not from the counts a killed process may have left wrong.
    state.ctl.recount_orphans_locked();
    std::uint64_t discarded = header.orphans[m].load();
    if (state.mode == Mode::Shm) {
        discarded += header.ring_tail.load() - header.ring_head.load();
        header.ring_head.store(header.ring_tail.load());
    } else if (auto attr = state.queue.attributes()) {
        discarded += static_cast<std::uint64_t>(attr->mq_curmsgs);
    }
    for (std::uint32_t i = 0; i < view.geometry().participants; ++i) {
        layout::Slot& slot = view.slot(i);
        if (slot.state.load() != static_cast<std::uint32_t>(SlotState::Orphaned) ||
            slot.mode.load() != m)
            continue;
        slot.held_head.store(slot.held_tail.load()); // discard its names...
        state.ctl.orphan_held_locked(i);             // ...which frees the slot
    }
    header.orphans[m].store(0);
    if (locked && !last_of_all)
        state.ctl.unlock();
    return discarded;
}

/// Unlinks the mode's objects, and the shared ones too when this is the last of all; what was
/// removed, and what could not be, goes into `report`.
void remove_objects_of_mode(const Attachment::State& state, bool last_of_all, LeaveReport& report)
{
    auto unlink = [&](const char* name, Result<bool> result) {
        if (result && result.value())
            report.removed.emplace_back(name);
        else if (!result)
            report.events.push_back(
                {EventKind::RemoveFailed, "could not remove: " + describe(result.error()), name});
    };
    if (state.mode == Mode::Shm) {
        unlink(state.names.empty, NamedSemaphore::unlink_if_exists(state.names.empty));
        unlink(state.names.full, NamedSemaphore::unlink_if_exists(state.names.full));
    } else {
        unlink(state.names.queue, MessageQueue::unlink_if_exists(state.names.queue));
    }
    if (last_of_all) {
        unlink(state.names.mutex, NamedSemaphore::unlink_if_exists(state.names.mutex));
        unlink(state.names.control, SharedMemory::unlink_if_exists(state.names.control));
    }
}

/// The closing line of a detach: what it removed, or that others still use the objects.
LifecycleEvent what_was_left(const LeaveReport& report)
{
    if (report.removed.empty())
        return {EventKind::LeftToOthers, "left; other servers still use the objects", {}};
    std::string line = "removed";
    for (const auto& name : report.removed)
        line += " " + name;
    return {EventKind::Removed, line, {}};
}

} // namespace

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
        report.events.push_back(
            {EventKind::AlreadyRemoved, "the objects had already been removed", {}});
        return report;
    }

    // Drop our share of the user lock now, not when the descriptor closes after the
    // life-cycle lock is released: a process detaching right after us must not count us.
    locks.unlock(layout::kUserLock);
    const layout::ControlView view = state->view();
    const Mode mode = state->mode;
    // Our own slot stays ours until the end: the mutex below is taken in its name, and a
    // process of the other mode may claim a freed slot at any time.
    const std::uint32_t self = state->ctl.my_slot();
    report.last_of_mode = !live_participant(view, locks, &mode, self);
    auto alone = locks.try_lock(layout::kUserLock, LockType::Write);
    report.last_of_all = alone && alone.value() && !live_participant(view, locks, nullptr, self);

    if (report.last_of_mode) {
        report.names_discarded = discard_names_of_mode(*state, report.last_of_all, deadline);
        remove_objects_of_mode(*state, report.last_of_all, report);
        if (report.names_discarded > 0)
            report.events.push_back(
                {EventKind::NamesDiscarded,
                 describe_count(report.names_discarded, "queued name was", "queued names were") +
                     " discarded with the " + mode_name(mode) + " objects",
                 {},
                 report.names_discarded});
    }
    state->ctl.release_slot();
    report.events.push_back(what_was_left(report));
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
    return m_state->view().geometry();
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

int Attachment::queue_fd() const noexcept
{
    return m_state->mode == Mode::Mq ? m_state->queue.fd() : -1;
}

} // namespace prodcons::ipc
