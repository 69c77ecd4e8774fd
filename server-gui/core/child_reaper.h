// ChildReaper: tells when a child this process forked has exited, and reaps it, from the
// event loop. Each child gets a pidfd (Linux 5.3+) watched by a QSocketNotifier, so there is
// no process-wide SIGCHLD handler to share with QProcess, and only our own pids are waited
// for: no zombie is left, and nobody else's child is reaped by mistake. A child the kernel
// gives no pidfd for (out of descriptors) is looked at by a timer instead.
#pragma once

#include "ipc/unique_fd.h"

#include <QObject>
#include <QSocketNotifier>
#include <chrono>
#include <memory>
#include <sys/types.h>
#include <unordered_map>

class QTimer;

namespace prodcons::server {

class ChildReaper : public QObject
{
    Q_OBJECT

public:
    explicit ChildReaper(QObject* parent = nullptr);
    ~ChildReaper() override;

    /// Starts watching a child just forked by this process. false if the kernel refused a
    /// pidfd: the child is then looked at every kPollInterval instead.
    bool watch(pid_t pid);
    /// Waits until every child with a pidfd has exited, without reaping; false at the timeout.
    bool waitForAll(std::chrono::milliseconds timeout) const;
    /// Waits for every watched child (after the caller has killed them) and reaps it. Used
    /// when the event loop will not run again.
    void reapBlocking();

    static constexpr std::chrono::milliseconds kPollInterval{100};

signals:
    /// `status` is the raw wait status (see describeEnd in child_view.h).
    void exited(pid_t pid, int status);

private:
    void onReadable(pid_t pid);
    void pollUnwatched();
    void forget(pid_t pid);

    /// Disables a notifier and deletes it once control is back in the event loop: forget()
    /// runs from the notifier's own activated() signal.
    struct DisableAndDeleteLater
    {
        void operator()(QSocketNotifier* notifier) const
        {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    };
    struct Watch
    {
        ipc::UniqueFd pidfd; ///< invalid when the kernel gave none
        // Declared after the descriptor, so destroyed (disabled) before it is closed.
        std::unique_ptr<QSocketNotifier, DisableAndDeleteLater> notifier;
    };
    std::unordered_map<pid_t, Watch> m_watched;
    QTimer* m_poll = nullptr; ///< runs while a child has no pidfd
};

} // namespace prodcons::server
