#include "ipc/shared_memory.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <utility>

namespace prodcons::ipc {

SharedMemory::SharedMemory(SharedMemory&& other) noexcept
    : m_fd(std::move(other.m_fd)), m_data(std::exchange(other.m_data, nullptr)),
      m_size(std::exchange(other.m_size, 0))
{
    std::memcpy(m_name, other.m_name, sizeof m_name);
}

SharedMemory& SharedMemory::operator=(SharedMemory&& other) noexcept
{
    if (this != &other) {
        unmap();
        m_fd = std::move(other.m_fd);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        std::memcpy(m_name, other.m_name, sizeof m_name);
    }
    return *this;
}

SharedMemory::~SharedMemory()
{
    unmap();
}

void SharedMemory::unmap() noexcept
{
    if (m_data)
        ::munmap(m_data, m_size);
    m_data = nullptr;
    m_size = 0;
}

Result<SharedMemory> SharedMemory::create_exclusive(const char* name, mode_t permissions) noexcept
{
    UniqueFd fd(::shm_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, permissions));
    if (!fd.valid())
        return Error::posix("shm_open", name, errno);
    // shm_open applies the umask; set the exact mode asked for.
    if (::fchmod(fd.get(), permissions) == -1) {
        const int err = errno;
        ::shm_unlink(name);
        return Error::posix("fchmod", name, err);
    }
    SharedMemory shm;
    shm.m_fd = std::move(fd);
    std::snprintf(shm.m_name, sizeof shm.m_name, "%s", name);
    return shm;
}

Result<SharedMemory> SharedMemory::open_existing(const char* name, bool writable) noexcept
{
    UniqueFd fd(::shm_open(name, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC, 0));
    if (!fd.valid())
        return Error::posix("shm_open", name, errno);
    SharedMemory shm;
    shm.m_fd = std::move(fd);
    std::snprintf(shm.m_name, sizeof shm.m_name, "%s", name);
    return shm;
}

Result<bool> SharedMemory::unlink_if_exists(const char* name) noexcept
{
    if (::shm_unlink(name) == 0)
        return true;
    if (errno == ENOENT) // already gone: what the caller wanted
        return false;
    return Error::posix("shm_unlink", name, errno);
}

Status SharedMemory::resize(std::size_t bytes) noexcept
{
    if (::ftruncate(m_fd.get(), static_cast<off_t>(bytes)) == -1)
        return Error::posix("ftruncate", m_name, errno);
    if (const int err = ::posix_fallocate(m_fd.get(), 0, static_cast<off_t>(bytes)); err != 0)
        return Error::posix("posix_fallocate", m_name, err);
    return Ok{};
}

Status SharedMemory::map(std::size_t bytes, bool writable) noexcept
{
    unmap();
    const int protection = writable ? PROT_READ | PROT_WRITE : PROT_READ;
    void* data = ::mmap(nullptr, bytes, protection, MAP_SHARED, m_fd.get(), 0);
    if (data == MAP_FAILED)
        return Error::posix("mmap", m_name, errno);
    m_data = data;
    m_size = bytes;
    return Ok{};
}

Result<std::size_t> SharedMemory::size() const noexcept
{
    struct stat st = {};
    if (::fstat(m_fd.get(), &st) == -1)
        return Error::posix("fstat", m_name, errno);
    return static_cast<std::size_t>(st.st_size);
}

Result<bool> SharedMemory::unlinked() const noexcept
{
    struct stat st = {};
    if (::fstat(m_fd.get(), &st) == -1)
        return Error::posix("fstat", m_name, errno);
    return st.st_nlink == 0;
}

Result<ino_t> SharedMemory::inode() const noexcept
{
    struct stat st = {};
    if (::fstat(m_fd.get(), &st) == -1)
        return Error::posix("fstat", m_name, errno);
    return st.st_ino;
}

} // namespace prodcons::ipc
