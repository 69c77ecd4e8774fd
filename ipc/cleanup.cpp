#include "ipc/cleanup.h"

#include "ipc/file_lock.h"
#include "ipc/layout.h"
#include "ipc/message_queue.h"
#include "ipc/named_semaphore.h"
#include "ipc/ownership.h"
#include "ipc/shared_memory.h"
#include "ipc/snapshot.h"

namespace prodcons::ipc {

std::size_t CleanupReport::removed_count() const noexcept
{
    std::size_t n = 0;
    for (const auto& item : items)
        n += item.removed ? 1 : 0;
    return n;
}

std::string CleanupReport::summary() const
{
    std::string removed;
    std::string failed;
    for (const auto& item : items) {
        if (item.removed)
            removed += (removed.empty() ? "" : ", ") + item.name +
                       (item.owner.empty() ? "" : " (owner " + item.owner + ")");
        if (!item.error.empty())
            failed += "; " + item.error;
    }
    std::string text = removed.empty() ? "nothing to remove" : "removed " + removed;
    if (names_discarded > 0)
        text += "; " + std::to_string(names_discarded) +
                (names_discarded == 1 ? " queued name discarded" : " queued names discarded");
    if (!live_users.empty())
        text += "; " + std::to_string(live_users.size()) +
                (live_users.size() == 1 ? " live server was still attached"
                                        : " live servers were still attached");
    return text + failed;
}

CleanupReport cleanup(const ObjectNames& names)
{
    CleanupReport report;
    // Hold the life-cycle lock while looking and removing, so that no server is half-way
    // through attaching (and missing from the report); give up waiting after a while, a
    // cleanup must not hang.
    auto control = SharedMemory::open_existing(names.control, true);
    bool locked = false;
    if (control) {
        locked = ByteLocks(control->fd(), names.control)
                     .lock_until(layout::kLifecycleLock, LockType::Write,
                                 Deadline::after(std::chrono::seconds(2)))
                     .ok();
    }
    if (auto snap = inspect(names)) {
        report.live_users = snap->live_user_pids();
        report.names_discarded = snap->queued(Mode::Shm) + snap->queued(Mode::Mq);
    }

    // Whose each object is, looked at before it goes: a cleanup run by root removes the objects
    // of any user, and should say so.
    auto record = [&](const char* name, ObjectKind kind, auto unlink) {
        CleanupReport::Item item;
        item.name = name;
        if (const auto owner = object_owner(kind, name))
            item.owner = user_name(*owner);
        const Result<bool> result = unlink(name);
        item.removed = result && result.value();
        if (!result)
            item.error = describe(result.error());
        report.items.push_back(std::move(item));
    };
    record(names.queue, ObjectKind::Queue, MessageQueue::unlink_if_exists);
    record(names.empty, ObjectKind::Semaphore, NamedSemaphore::unlink_if_exists);
    record(names.full, ObjectKind::Semaphore, NamedSemaphore::unlink_if_exists);
    record(names.mutex, ObjectKind::Semaphore, NamedSemaphore::unlink_if_exists);
    record(names.control, ObjectKind::SharedMemory, SharedMemory::unlink_if_exists);

    if (locked)
        ByteLocks(control->fd(), names.control).unlock(layout::kLifecycleLock);
    return report;
}

} // namespace prodcons::ipc
