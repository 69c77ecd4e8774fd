#include "quit_signals.h"

#include <QSocketNotifier>
#include <cerrno>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace prodcons::server {

namespace {

int g_pipe[2] = {-1, -1};

// Async-signal-safe: only write(2), with errno saved. EAGAIN means a byte is already waiting.
extern "C" void onQuitSignal(int sig)
{
    const int saved = errno;
    const char byte = static_cast<char>(sig);
    (void)!::write(g_pipe[1], &byte, 1);
    errno = saved;
}

constexpr int kSignals[] = {SIGTERM, SIGINT, SIGHUP};

} // namespace

QuitSignals::QuitSignals(QObject* parent) : QObject(parent)
{
    // The pipe exists before the handler, so the handler never writes to -1.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, g_pipe) != 0)
        return;
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitSignals::onReadable);
    struct sigaction action = {};
    action.sa_handler = onQuitSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int sig : kSignals)
        ::sigaction(sig, &action, nullptr);
}

QuitSignals::~QuitSignals()
{
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    for (int sig : kSignals)
        ::sigaction(sig, &action, nullptr);
    delete m_notifier;
    for (int& fd : g_pipe) {
        if (fd >= 0)
            ::close(fd);
        fd = -1;
    }
}

void QuitSignals::onReadable()
{
    char sig = 0;
    int last = 0;
    while (::read(g_pipe[0], &sig, 1) == 1)
        last = sig;
    if (last != 0)
        emit received(last);
}

} // namespace prodcons::server
