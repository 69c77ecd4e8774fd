#include "child_process.h"

#include <csignal>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace prodcons::test {

pid_t fork_child(const std::function<int()>& body)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        int code = 99;
        try {
            code = body();
        } catch (...) {
        }
        ::_exit(code); // never return into the test framework
    }
    return pid;
}

int wait_child(pid_t pid, std::chrono::milliseconds timeout)
{
    // A pidfd becomes readable when the process exits: a wait with a deadline, no polling.
    bool timed_out = false;
    const int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd >= 0) {
        pollfd pfd{pidfd, POLLIN, 0};
        timed_out = ::poll(&pfd, 1, static_cast<int>(timeout.count())) == 0;
        ::close(pidfd);
        if (timed_out)
            ::kill(pid, SIGKILL);
    }
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid || timed_out)
        return -1;
    return status;
}

int exit_code(int wait_status)
{
    if (wait_status == -1)
        return -1;
    if (WIFEXITED(wait_status))
        return WEXITSTATUS(wait_status);
    if (WIFSIGNALED(wait_status))
        return 128 + WTERMSIG(wait_status);
    return -1;
}

ChildGuard::~ChildGuard()
{
    if (::kill(m_pid, 0) == 0) { // still there (a zombie too): not yet reaped by the test
        ::kill(m_pid, SIGKILL);
        (void)wait_child(m_pid);
    }
}

bool zombie_child_exists()
{
    siginfo_t info = {};
    return ::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0;
}

} // namespace prodcons::test
