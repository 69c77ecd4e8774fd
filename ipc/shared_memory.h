// SharedMemory: owns a POSIX shared-memory descriptor and its mapping. Move-only; the
// destructor unmaps and closes, it never unlinks.
//
// shm_open, fstat, mmap and close are plain system calls in glibc (no allocation), so opening
// is child-safe; a server child opens the control object again to get an open file description
// of its own (see Endpoint::join).
#pragma once

#include "ipc/error.h"
#include "ipc/unique_fd.h"

#include <cstddef>
#include <sys/types.h>

namespace prodcons::ipc {

class SharedMemory
{
public:
    SharedMemory() noexcept = default;
    SharedMemory(const SharedMemory&) = delete;
    SharedMemory& operator=(const SharedMemory&) = delete;
    SharedMemory(SharedMemory&& other) noexcept;
    SharedMemory& operator=(SharedMemory&& other) noexcept;
    ~SharedMemory();

    /// O_CREAT|O_EXCL with exactly `permissions` (umask-proof); EEXIST if it exists.
    static Result<SharedMemory> create_exclusive(const char* name, mode_t permissions) noexcept;
    static Result<SharedMemory> open_existing(const char* name, bool writable) noexcept;
    /// true if something was removed, false if it was already gone.
    static Result<bool> unlink_if_exists(const char* name) noexcept;

    /// Sets the size and reserves the pages (posix_fallocate), so that a full /dev/shm is an
    /// error here rather than a SIGBUS on first write.
    Status resize(std::size_t bytes) noexcept;
    Status map(std::size_t bytes, bool writable) noexcept;

    Result<std::size_t> size() const noexcept;
    /// true once the name was unlinked (st_nlink drops to 0): the object is on its way out.
    Result<bool> unlinked() const noexcept;
    Result<ino_t> inode() const noexcept;

    int fd() const noexcept { return m_fd.get(); }
    void* data() const noexcept { return m_data; }
    const char* name() const noexcept { return m_name; }

private:
    void unmap() noexcept;

    UniqueFd m_fd;
    void* m_data = nullptr;
    std::size_t m_size = 0;
    char m_name[64] = {};
};

} // namespace prodcons::ipc
