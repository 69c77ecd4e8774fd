// What a server child does between fork() and _exit(): leave the parent's world behind (its
// signal handlers, its descriptors, its threads' locks), then serve one client. Shared by the
// server window and socket_srv.
#pragma once

#include "child_stats.h"
#include "session.h"

#include <sys/types.h>

namespace prodcons::ipc {
class BufferAccess;
}

namespace prodcons::server {

/// Everything the child needs, prepared by the parent before fork(): the child allocates
/// nothing and touches no Qt object.
struct ChildSetup
{
    int socket_fd = -1;
    /// Joined in the child (the parent's copy stays unjoined).
    ipc::BufferAccess* buffer = nullptr;
    SessionLimits limits;
    ChildStats* stats = nullptr;
    pid_t parent = 0;
};

/// The exit status a child reports for an end reason (0 for the normal ends).
int exit_status_for(EndReason reason) noexcept;

/// Runs in the child right after fork(); never returns.
[[noreturn]] void child_main(const ChildSetup& setup) noexcept;

} // namespace prodcons::server
