// What /proc says about the server processes a test started: their children (the forked
// server children), their memory and state, and their descriptors. Plus a subreaper, so that
// the children of a server killed with SIGKILL become ours to reap rather than zombies of an
// init that may not reap (a container's pid 1).
#pragma once

#include <QSet>
#include <sys/types.h>
#include <vector>

namespace prodcons::acceptance {

/// The children of `pid` (all its threads'), from /proc/PID/task/TID/children.
std::vector<pid_t> childrenOf(pid_t pid);

/// VmRSS of `pid` in KiB, or -1 if it cannot be read (gone).
qint64 residentKiB(pid_t pid);

/// The state letter of `pid` ('R', 'S', 'Z', ...), or 0 if it is gone.
char processState(pid_t pid);

/// How many descriptors `pid` has open, or -1.
int openDescriptors(pid_t pid);

/// Which of `candidates` holds the server's end of the TCP connection whose client end is our
/// socket `fd` (the server child serving it), from /proc/net/tcp and /proc/PID/fd; 0 if none.
pid_t peerProcess(int fd, const std::vector<pid_t>& candidates);

/// Makes this process the reaper of its orphaned descendants (PR_SET_CHILD_SUBREAPER).
bool becomeSubreaper();

/// Reaps, without waiting, the exited children of this process that are not in `started`
/// (the processes this process started itself, which QProcess reaps). Returns how many.
int reapAdopted(const QSet<pid_t>& started);

/// The children of this process that are not in `started` (adopted, alive or zombie).
std::vector<pid_t> adoptedChildren(const QSet<pid_t>& started);

} // namespace prodcons::acceptance
