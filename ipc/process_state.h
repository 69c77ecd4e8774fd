// What the kernel says a process is doing right now, and who its parent is, from
// /proc/PID/stat. Child-safe: open, read and close into a stack buffer.
//
// The mutex's bookkeeping needs it because a semaphore cannot say who holds it: a process
// stopped (SIGSTOP, Ctrl-Z, a debugger) between acquiring the mutex and recording itself looks
// exactly like a waiter, and must never be taken for one. The snapshot uses both to say which
// process holds the mutex stopped, and whose child it is.
#pragma once

#include <sys/types.h>

namespace prodcons::ipc {

enum class ProcessState
{
    Sleeping, ///< blocked in the kernel (S): waiting, so not between two instructions
    Running,  ///< on a CPU or ready to run (R), or in an uninterruptible sleep (D)
    Stopped,  ///< stopped by a signal or traced (T, t)
    Gone,     ///< no such process (or a zombie)
    Unknown,  ///< /proc could not be read
};

ProcessState process_state(pid_t pid) noexcept;

/// The pid of `pid`'s parent (/proc/PID/stat), or 0 when it cannot be read (no such process).
/// Child-safe. For messages: a parent may exit and the pid be reused, so it names, never proves.
pid_t parent_pid(pid_t pid) noexcept;

/// "stopped", "running", ...: for messages.
const char* process_state_name(ProcessState state) noexcept;

} // namespace prodcons::ipc
