// ByteLocks: open-file-description byte locks (fcntl F_OFD_SETLK) on one descriptor.
//
// Why OFD locks: the kernel drops them when the last descriptor of the open file description
// closes, which includes the owner being killed by SIGKILL. So a held lock is proof of life
// that survives crashes, unlike a counter in shared memory. Unlike classic fcntl locks they
// are not dropped when the process closes some other descriptor of the same file, and unlike
// flock they offer byte ranges (one byte per purpose) and atomic read->write conversion.
// All functions are child-safe (fcntl and nanosleep only). Non-owning: the caller keeps the
// descriptor open.
#pragma once

#include "ipc/error.h"
#include "ipc/wait_options.h"

#include <sys/types.h>

namespace prodcons::ipc {

enum class LockType
{
    Read,
    Write
};

class ByteLocks
{
public:
    ByteLocks(int fd, const char* object) noexcept : m_fd(fd), m_object(object) {}

    /// Takes (or converts to) a lock on one byte without blocking: true if taken, false if
    /// another open file description holds a conflicting lock.
    Result<bool> try_lock(off_t byte, LockType type) const noexcept;
    /// Retries every millisecond until `deadline`; Errc::Timeout after it.
    Status lock_until(off_t byte, LockType type, Deadline deadline) const noexcept;
    /// Blocks; only for locks that are never held across another wait.
    Status lock(off_t byte, LockType type) const noexcept;
    void unlock(off_t byte) const noexcept;
    /// true if an open file description other than this one holds a lock on the byte.
    Result<bool> locked_by_other(off_t byte) const noexcept;
    /// The name of the object the descriptor is open on, for error messages.
    const char* object() const noexcept { return m_object; }

private:
    int m_fd;
    const char* m_object;
};

} // namespace prodcons::ipc
