#include "ipc/file_lock.h"

#include <cerrno>
#include <fcntl.h>
#include <time.h>

namespace prodcons::ipc {

namespace {

struct flock byte_range(off_t byte, short type) noexcept
{
    struct flock fl = {};
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = byte;
    fl.l_len = 1;
    fl.l_pid = 0; // must be 0 for OFD locks
    return fl;
}

short fcntl_type(LockType type) noexcept
{
    return type == LockType::Read ? F_RDLCK : F_WRLCK;
}

} // namespace

Result<bool> ByteLocks::try_lock(off_t byte, LockType type) const noexcept
{
    struct flock fl = byte_range(byte, fcntl_type(type));
    for (;;) {
        if (::fcntl(m_fd, F_OFD_SETLK, &fl) == 0)
            return true;
        if (errno == EAGAIN || errno == EACCES)
            return false;
        if (errno != EINTR)
            return Error::posix("fcntl(F_OFD_SETLK)", m_object, errno);
    }
}

Status ByteLocks::lock_until(off_t byte, LockType type, Deadline deadline) const noexcept
{
    for (;;) {
        auto taken = try_lock(byte, type);
        if (!taken)
            return taken.error();
        if (taken.value())
            return Ok{};
        if (deadline.passed())
            return Error::make(Errc::Timeout, "fcntl(F_OFD_SETLK)", m_object,
                               "another process holds the life-cycle lock");
        const timespec millisecond{0, 1'000'000};
        ::nanosleep(&millisecond, nullptr);
    }
}

Status ByteLocks::lock(off_t byte, LockType type) const noexcept
{
    struct flock fl = byte_range(byte, fcntl_type(type));
    while (::fcntl(m_fd, F_OFD_SETLKW, &fl) == -1) {
        if (errno != EINTR)
            return Error::posix("fcntl(F_OFD_SETLKW)", m_object, errno);
    }
    return Ok{};
}

void ByteLocks::unlock(off_t byte) const noexcept
{
    struct flock fl = byte_range(byte, F_UNLCK);
    ::fcntl(m_fd, F_OFD_SETLK, &fl); // cannot fail for a valid descriptor
}

Result<bool> ByteLocks::locked_by_other(off_t byte) const noexcept
{
    // Asking about a write lock reports any conflicting lock, read or write.
    struct flock fl = byte_range(byte, F_WRLCK);
    if (::fcntl(m_fd, F_OFD_GETLK, &fl) == -1)
        return Error::posix("fcntl(F_OFD_GETLK)", m_object, errno);
    return fl.l_type != F_UNLCK;
}

} // namespace prodcons::ipc
