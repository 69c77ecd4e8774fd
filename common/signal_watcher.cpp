#include "signal_watcher.h"

#include <QSocketNotifier>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace prodcons::common {

namespace {

// One watcher at a time: the handler can only reach globals.
int g_pipe[2] = {-1, -1};

struct Installed
{
    int signalNumber = 0;
    struct sigaction previous = {};
};
Installed g_installed[SignalWatcher::kMaxSignals];
int g_installedCount = 0;

// Async-signal-safe: only write(2), with errno saved.
extern "C" void onSignal(int signalNumber)
{
    const int savedErrno = errno;
    const auto byte = static_cast<unsigned char>(signalNumber);
    // A full pipe (EAGAIN) already holds a wake-up: dropping this one loses nothing.
    [[maybe_unused]] const ssize_t written = ::write(g_pipe[1], &byte, 1);
    errno = savedErrno;
}

} // namespace

SignalWatcher::SignalWatcher(std::initializer_list<int> signalNumbers, QObject* parent)
    : QObject(parent)
{
    if (signalNumbers.size() > static_cast<std::size_t>(kMaxSignals))
        return;
    if (g_pipe[0] != -1 || ::pipe2(g_pipe, O_NONBLOCK | O_CLOEXEC) == -1)
        return; // another watcher lives, or no pipe: signals keep their action
    // The pipe exists before the handler does, so the handler always has somewhere to write.
    m_notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::drain);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    g_installedCount = 0;
    for (const int signalNumber : signalNumbers) {
        Installed& slot = g_installed[g_installedCount];
        slot.signalNumber = signalNumber;
        if (::sigaction(signalNumber, &action, &slot.previous) == 0)
            ++g_installedCount;
    }
}

SignalWatcher::~SignalWatcher()
{
    if (!m_notifier)
        return;
    for (int i = g_installedCount - 1; i >= 0; --i)
        ::sigaction(g_installed[i].signalNumber, &g_installed[i].previous, nullptr);
    g_installedCount = 0;
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_pipe[0]);
    ::close(g_pipe[1]);
    g_pipe[0] = g_pipe[1] = -1;
}

void SignalWatcher::drain()
{
    unsigned char bytes[16];
    ssize_t count;
    while ((count = ::read(g_pipe[0], bytes, sizeof bytes)) > 0) {
        for (ssize_t i = 0; i < count; ++i)
            emit signalled(bytes[i]);
    }
}

} // namespace prodcons::common
