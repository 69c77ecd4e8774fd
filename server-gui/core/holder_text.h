// The words for the mutex's recorded holder, shared by the server's log and window and by
// `socket_srv --status`: which process it is, what it is (a producer or consumer child of
// which server, or a server itself), and, when it is stopped, what that does and how to undo
// it. A stopped holder is a lesson about semaphores, so the text says what is going on rather
// than leave a person looking at a buffer that does not move.
#pragma once

#include "ipc/snapshot.h"

#include <QString>
#include <chrono>
#include <sys/types.h>

namespace prodcons::server {

/// "process 1234 (a consumer child of server 1200, SHM mode)". `self`: the pid of the server
/// speaking, which calls itself "this server" when it is the parent (0: --status, a tool).
QString holderText(const ipc::MutexHolder& holder, pid_t self = 0);

/// The sentence for a stall: nothing has moved for `quiet` and the holder is stopped; who it
/// is, that every producer and consumer of the prefix waits for it, and `kill -CONT`.
QString stallText(const ipc::MutexHolder& holder, std::chrono::seconds quiet, pid_t self = 0);

/// One line for --status: "mutex held by process 1234 (...), running", or, when it is stopped,
/// "STALLED: mutex held by process 1234 (...), which is stopped ...". `waiters`: the other
/// processes waiting for the mutex (Snapshot::mutex_waiters).
QString holderStatusLine(const ipc::MutexHolder& holder, std::uint32_t waiters);

} // namespace prodcons::server
