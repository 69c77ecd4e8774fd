// Forking helpers for tests: run a function in a child process that always leaves with
// _exit (never returning into QTest), and collect its status with a deadline.
#pragma once

#include <chrono>
#include <functional>
#include <sys/types.h>

namespace prodcons::test {

/// Forks; the child runs `body` and _exits with its result (or 99 if it throws).
pid_t fork_child(const std::function<int()>& body);

/// Waits for `pid` up to `timeout`; returns the raw wait status, or -1 on timeout (the child
/// is then killed and reaped, so no zombie is left either way).
int wait_child(pid_t pid, std::chrono::milliseconds timeout = std::chrono::seconds(30));

/// Exit code of a normally exited child, or 128 + signal number, or -1 (timeout).
int exit_code(int wait_status);

/// Kills (SIGKILL, which also ends a stopped process) and reaps a child still there when a
/// test fails half-way, so that no stopped or running child outlives its test.
class ChildGuard
{
public:
    explicit ChildGuard(pid_t pid) : m_pid(pid) {}
    ~ChildGuard();
    ChildGuard(const ChildGuard&) = delete;
    ChildGuard& operator=(const ChildGuard&) = delete;

private:
    pid_t m_pid;
};

/// true if some child of this process has exited and not been reaped (a zombie). It only
/// looks (WNOWAIT): the zombie is left for its owner to reap.
bool zombie_child_exists();

} // namespace prodcons::test
