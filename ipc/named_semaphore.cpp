#include "ipc/named_semaphore.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <utility>

namespace prodcons::ipc {

NamedSemaphore::NamedSemaphore(sem_t* sem, const char* name) noexcept : m_sem(sem)
{
    std::snprintf(m_name, sizeof m_name, "%s", name);
}

NamedSemaphore::NamedSemaphore(NamedSemaphore&& other) noexcept
    : m_sem(std::exchange(other.m_sem, SEM_FAILED))
{
    std::memcpy(m_name, other.m_name, sizeof m_name);
}

NamedSemaphore& NamedSemaphore::operator=(NamedSemaphore&& other) noexcept
{
    if (this != &other) {
        close();
        m_sem = std::exchange(other.m_sem, SEM_FAILED);
        std::memcpy(m_name, other.m_name, sizeof m_name);
    }
    return *this;
}

NamedSemaphore::~NamedSemaphore()
{
    close();
}

void NamedSemaphore::close() noexcept
{
    if (m_sem != SEM_FAILED)
        ::sem_close(m_sem);
    m_sem = SEM_FAILED;
}

Result<NamedSemaphore> NamedSemaphore::create_exclusive(const char* name, unsigned value,
                                                        mode_t permissions) noexcept
{
    sem_t* sem = ::sem_open(name, O_CREAT | O_EXCL, permissions, value);
    if (sem == SEM_FAILED)
        return Error::posix("sem_open", name, errno);
    // sem_open applies the umask, which may take the owner's own write bit away; set the exact
    // mode on the file glibc keeps under /dev/shm ("sem." + name without its slash).
    char path[96];
    std::snprintf(path, sizeof path, "/dev/shm/sem.%s", name + 1);
    if (::chmod(path, permissions) == -1) {
        const int err = errno;
        ::sem_close(sem);
        ::sem_unlink(name);
        return Error::posix("chmod", path, err);
    }
    return NamedSemaphore(sem, name);
}

Result<NamedSemaphore> NamedSemaphore::open_existing(const char* name) noexcept
{
    sem_t* sem = ::sem_open(name, 0);
    if (sem == SEM_FAILED)
        return Error::posix("sem_open", name, errno);
    return NamedSemaphore(sem, name);
}

Result<bool> NamedSemaphore::unlink_if_exists(const char* name) noexcept
{
    if (::sem_unlink(name) == 0)
        return true;
    if (errno == ENOENT) // already gone: what the caller wanted
        return false;
    return Error::posix("sem_unlink", name, errno);
}

Result<bool> NamedSemaphore::wait_until(const timespec& abs_monotonic) noexcept
{
    if (::sem_clockwait(m_sem, CLOCK_MONOTONIC, &abs_monotonic) == 0)
        return true;
    if (errno == ETIMEDOUT || errno == EINTR)
        return false;
    return Error::posix("sem_clockwait", m_name, errno);
}

bool NamedSemaphore::try_wait() noexcept
{
    // EINTR cannot happen for a non-blocking try; EAGAIN means zero.
    return ::sem_trywait(m_sem) == 0;
}

Status NamedSemaphore::post() noexcept
{
    if (::sem_post(m_sem) == -1)
        return Error::posix("sem_post", m_name, errno);
    return Ok{};
}

int NamedSemaphore::value() const noexcept
{
    int v = 0;
    ::sem_getvalue(m_sem, &v);
    return v < 0 ? 0 : v;
}

} // namespace prodcons::ipc
