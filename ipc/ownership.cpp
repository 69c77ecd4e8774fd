#include "ipc/ownership.h"

#include "ipc/unique_fd.h"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <mqueue.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace prodcons::ipc {

namespace {

/// "nobody (uid 65534)" or "uid 1234" into `out`.
void describe_user(uid_t uid, char* out, std::size_t size) noexcept
{
    passwd entry{};
    passwd* found = nullptr;
    char buffer[1024];
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found)
        std::snprintf(out, size, "%s (uid %u)", found->pw_name, static_cast<unsigned>(uid));
    else
        std::snprintf(out, size, "uid %u", static_cast<unsigned>(uid));
}

/// /dev/shm/sem.NAME for the semaphore "/NAME" (glibc's place for named semaphores).
void semaphore_path(const char* name, char* out, std::size_t size) noexcept
{
    std::snprintf(out, size, "/dev/shm/sem.%s", name[0] == '/' ? name + 1 : name);
}

} // namespace

Status check_owner(int fd, const char* object, mode_t permissions) noexcept
{
    struct stat st = {};
    if (::fstat(fd, &st) == -1)
        return Error::posix("fstat", object, errno);
    const uid_t me = ::geteuid();
    const mode_t mode = st.st_mode & 07777;
    const mode_t allowed = permissions & 07777;
    if (st.st_uid == me && (mode & ~allowed) == 0)
        return Ok{};
    char owner[64];
    describe_user(st.st_uid, owner, sizeof owner);
    char detail[192]; // Error::make keeps what fits
    if (st.st_uid != me)
        std::snprintf(detail, sizeof detail,
                      "owned by %s, mode %04o, not by uid %u; use another --prefix", owner,
                      static_cast<unsigned>(mode), static_cast<unsigned>(me));
    else
        std::snprintf(detail, sizeof detail,
                      "owned by %s, mode %04o is more open than %04o; use another --prefix", owner,
                      static_cast<unsigned>(mode), static_cast<unsigned>(allowed));
    return Error::make(Errc::NotOwned, "check_owner", object, detail);
}

Status check_semaphore_owner(const char* name, mode_t permissions) noexcept
{
    char path[96];
    semaphore_path(name, path, sizeof path);
    const UniqueFd fd(::open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid())
        return Error::posix("open", path, errno);
    return check_owner(fd.get(), name, permissions);
}

std::optional<uid_t> object_owner(ObjectKind kind, const char* name)
{
    const char* bare = name[0] == '/' ? name + 1 : name;
    char path[128];
    switch (kind) {
    case ObjectKind::SharedMemory:
        std::snprintf(path, sizeof path, "/dev/shm/%s", bare);
        break;
    case ObjectKind::Semaphore:
        semaphore_path(name, path, sizeof path);
        break;
    case ObjectKind::Queue: {
        // An mqd_t is a descriptor on Linux; opening needs read permission, which a user
        // cleaning up another's objects may lack: then try the mounted file system.
        const mqd_t mq = ::mq_open(name, O_RDONLY | O_CLOEXEC);
        if (mq != static_cast<mqd_t>(-1)) {
            struct stat st = {};
            const bool ok = ::fstat(static_cast<int>(mq), &st) == 0;
            ::mq_close(mq);
            if (ok)
                return st.st_uid;
        }
        std::snprintf(path, sizeof path, "/dev/mqueue/%s", bare);
        break;
    }
    }
    struct stat st = {};
    if (::lstat(path, &st) == -1)
        return std::nullopt;
    return st.st_uid;
}

std::string user_name(uid_t uid)
{
    passwd entry{};
    passwd* found = nullptr;
    char buffer[1024];
    if (::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found)
        return found->pw_name;
    return "uid " + std::to_string(uid);
}

} // namespace prodcons::ipc
