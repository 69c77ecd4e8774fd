#include "child_main.h"

#include "ipc/participant.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace prodcons::server {

namespace {

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) noexcept
{
    g_stop.store(true); // lock-free atomic: async-signal-safe
}

/// Signal state as a fresh process has it: the parent's handlers (Qt's, the reaper's) belong
/// to code that does not run here.
void reset_signals() noexcept
{
    struct sigaction dfl = {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int sig = 1; sig < NSIG; ++sig) {
        if (sig != SIGKILL && sig != SIGSTOP)
            ::sigaction(sig, &dfl, nullptr);
    }
    struct sigaction ignore = dfl;
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, nullptr); // a vanished client must not kill us
    // No SA_RESTART: a stop request interrupts poll() and sem_clockwait() at once.
    struct sigaction stop = dfl;
    stop.sa_handler = request_stop;
    for (int sig : {SIGTERM, SIGINT, SIGHUP})
        ::sigaction(sig, &stop, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

/// Closes every inherited descriptor but those in `keep` (the listening socket, the parent's
/// other clients, Qt's event and display descriptors, the control object's shared lock).
void close_inherited(int* keep, int count) noexcept
{
    std::sort(keep, keep + count);
    unsigned first = 3; // stdin, stdout and stderr stay
    for (int i = 0; i < count; ++i) {
        if (keep[i] < 3)
            continue;
        const auto fd = static_cast<unsigned>(keep[i]);
        if (fd > first)
            ::close_range(first, fd - 1, 0);
        first = fd + 1;
    }
    ::close_range(first, ~0U, 0);
}

} // namespace

int exit_status_for(EndReason reason) noexcept
{
    switch (reason) {
    case EndReason::ClientClosed:
    case EndReason::ClientQuit:
    case EndReason::Stopped:
        return 0;
    default:
        return 10 + static_cast<int>(reason);
    }
}

void child_main(const ChildSetup& setup) noexcept
{
    reset_signals();
    // Die with the parent: SIGTERM lets the session hand its names back first.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    // A process group of its own: Ctrl-Z (or Ctrl-C) on the terminal of a socket_srv stops
    // the server, not the children serving every other server's clients through the buffer.
    // The server still ends them itself (SIGTERM on stop, the death signal above).
    ::setpgid(0, 0);
    if (::getppid() != setup.parent) // the parent died before prctl took effect
        g_stop.store(true);

    int keep[2] = {setup.socket_fd, setup.buffer->descriptor_to_keep()};
    close_inherited(keep, 2);

    const int flags = ::fcntl(setup.socket_fd, F_GETFL);
    ::fcntl(setup.socket_fd, F_SETFL, flags | O_NONBLOCK);
    const int one = 1;
    // Replies are written in batches already; do not let Nagle hold the last one back.
    ::setsockopt(setup.socket_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    const EndReason reason =
        run_session(setup.socket_fd, *setup.buffer, setup.limits, *setup.stats, g_stop);
    ::close(setup.socket_fd);
    ::_exit(exit_status_for(reason));
}

} // namespace prodcons::server
