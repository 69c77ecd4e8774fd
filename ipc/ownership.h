// Ownership: is an IPC object this process is about to use its user's own, and no more open
// than the configured permissions? Another local user may create a prefix's names first (mode
// 0666) and wait for a server, perhaps root's, to use them: then that user could read, inject
// and corrupt names. So every object that attach() opens rather than creates is checked.
// Parent only: the error text looks the owner's name up (getpwuid_r, which may load NSS
// modules and allocate). A forked child never opens by name what was not checked: it compares
// the inode of the control object with the one its parent checked (Endpoint::join).
#pragma once

#include "ipc/error.h"

#include <optional>
#include <string>
#include <sys/types.h>

namespace prodcons::ipc {

/// Ok if the object open on `fd` belongs to the effective user and its mode has no bit that
/// `permissions` lacks; otherwise Errc::NotOwned naming `object`, its owner and its mode, or
/// the fstat failure. Parent only.
Status check_owner(int fd, const char* object, mode_t permissions) noexcept;

/// check_owner for the named semaphore `name` ("/p_mutex"): glibc keeps it as the file
/// /dev/shm/sem.p_mutex, opened here with O_NOFOLLOW (a symbolic link is refused, ELOOP).
/// Parent only.
Status check_semaphore_owner(const char* name, mode_t permissions) noexcept;

enum class ObjectKind
{
    SharedMemory,
    Semaphore,
    Queue
};

/// The owner of an existing object (nullopt: absent, or it cannot be told, e.g. a queue of
/// another user while /dev/mqueue is not mounted). Parent only.
std::optional<uid_t> object_owner(ObjectKind kind, const char* name);

/// "root", or "uid 1234" for a uid without a name. Parent only.
std::string user_name(uid_t uid);

} // namespace prodcons::ipc
