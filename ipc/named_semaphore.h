// NamedSemaphore: owns one sem_t* from sem_open. Move-only; the destructor only closes, it
// never unlinks (unlinking is explicit: unlink_if_exists).
//
// Opening, creating and closing are parent-only: glibc's sem_open/sem_close keep a process-wide
// table of mappings behind a lock and malloc. wait/post/value are child-safe (futex syscalls).
#pragma once

#include "ipc/error.h"

#include <semaphore.h>
#include <sys/types.h>

namespace prodcons::ipc {

class NamedSemaphore
{
public:
    NamedSemaphore() noexcept = default;
    NamedSemaphore(const NamedSemaphore&) = delete;
    NamedSemaphore& operator=(const NamedSemaphore&) = delete;
    NamedSemaphore(NamedSemaphore&& other) noexcept;
    NamedSemaphore& operator=(NamedSemaphore&& other) noexcept;
    ~NamedSemaphore();

    /// O_CREAT|O_EXCL with exactly `permissions` (umask-proof). EEXIST if it exists.
    static Result<NamedSemaphore> create_exclusive(const char* name, unsigned value,
                                                   mode_t permissions) noexcept;
    /// Opens an existing semaphore; ENOENT if there is none.
    static Result<NamedSemaphore> open_existing(const char* name) noexcept;
    /// sem_unlink; true if something was removed, false if it was already gone (ENOENT).
    static Result<bool> unlink_if_exists(const char* name) noexcept;

    /// Waits until `abs_monotonic` (CLOCK_MONOTONIC). true: acquired; false: timed out or
    /// interrupted by a signal (EINTR), so the caller can look at its stop flag. Child-safe.
    Result<bool> wait_until(const timespec& abs_monotonic) noexcept;
    /// true if a unit was taken without blocking. Child-safe.
    bool try_wait() noexcept;
    Status post() noexcept;
    /// The current value (never negative on Linux). Child-safe.
    int value() const noexcept;

    const char* name() const noexcept { return m_name; }

private:
    NamedSemaphore(sem_t* sem, const char* name) noexcept;
    void close() noexcept;

    sem_t* m_sem = SEM_FAILED;
    char m_name[64] = {};
};

} // namespace prodcons::ipc
