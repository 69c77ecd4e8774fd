#include "child_reaper.h"

#include <QSocketNotifier>
#include <QTimer>
#include <cerrno>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace prodcons::server {

ChildReaper::ChildReaper(QObject* parent) : QObject(parent), m_poll(new QTimer(this))
{
    m_poll->setInterval(kPollInterval);
    connect(m_poll, &QTimer::timeout, this, &ChildReaper::pollUnwatched);
}

ChildReaper::~ChildReaper() = default;

bool ChildReaper::watch(pid_t pid)
{
    // The pid cannot be reused before we reap it, so opening the pidfd after fork() is safe.
    Watch watch;
    watch.pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
    const bool watched = watch.pidfd.valid();
    if (watched) {
        watch.notifier.reset(new QSocketNotifier(watch.pidfd.get(), QSocketNotifier::Read, this));
        connect(watch.notifier.get(), &QSocketNotifier::activated, this,
                [this, pid] { onReadable(pid); });
    } else {
        m_poll->start();
    }
    m_watched.insert_or_assign(pid, std::move(watch));
    return watched;
}

void ChildReaper::pollUnwatched()
{
    std::vector<pid_t> unwatched;
    for (const auto& [pid, watch] : m_watched)
        if (!watch.pidfd.valid())
            unwatched.push_back(pid);
    if (unwatched.empty())
        m_poll->stop();
    for (pid_t pid : unwatched)
        onReadable(pid);
}

void ChildReaper::onReadable(pid_t pid)
{
    int status = 0;
    const pid_t reaped = ::waitpid(pid, &status, WNOHANG);
    if (reaped == 0)
        return; // still running (a child without a pidfd, looked at by the timer)
    forget(pid);
    if (reaped == pid)
        emit exited(pid, status);
}

void ChildReaper::forget(pid_t pid)
{
    m_watched.erase(pid);
}

bool ChildReaper::waitForAll(std::chrono::milliseconds timeout) const
{
    std::vector<pollfd> pending;
    for (const auto& [pid, watch] : m_watched)
        if (watch.pidfd.valid())
            pending.push_back({watch.pidfd.get(), POLLIN, 0});
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pending.empty()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return false;
        if (::poll(pending.data(), pending.size(), static_cast<int>(left.count())) < 0 &&
            errno != EINTR)
            return false;
        // A pidfd stays readable once its process has exited: keep only those still running.
        std::erase_if(pending, [](const pollfd& p) { return (p.revents & POLLIN) != 0; });
    }
    return true;
}

void ChildReaper::reapBlocking()
{
    while (!m_watched.empty()) {
        const pid_t pid = m_watched.begin()->first;
        int status = 0;
        const pid_t reaped = ::waitpid(pid, &status, 0);
        forget(pid);
        if (reaped == pid)
            emit exited(pid, status);
    }
}

} // namespace prodcons::server
