// StepWatcher: follows the steps that the participants of the server's prefix record while it
// watches (ipc/teaching.h), for the code view, the timeline, socket_srv's status and --trace.
// It polls their step rings; a participant that has left keeps its lane, with its last step,
// for a while, so that a class sees where a killed child stopped.
#pragma once

#include "ipc/config.h"
#include "ipc/layout.h"
#include "ipc/teaching.h"

#include <QObject>
#include <QTimer>
#include <chrono>
#include <optional>
#include <sys/types.h>
#include <vector>

namespace prodcons::server {

class ForkingServer;

/// One producer or consumer, whichever server of the prefix forked it.
struct StepLane
{
    std::uint32_t slot = 0;
    pid_t pid = 0;
    ipc::layout::Kind kind = ipc::layout::Kind::Producer;
    ipc::Mode mode = ipc::Mode::Shm;
    bool present = true;    ///< still in the participant table (alive, or dead and not reaped)
    std::uint64_t lost = 0; ///< steps overwritten before they could be read
    std::optional<ipc::StepEvent> current; ///< its latest step
    /// Paused or slowed down before this step: `current` is then over (Step::None: it runs, or
    /// blocks inside its current step).
    ipc::Step restingBefore = ipc::Step::None;
    std::vector<ipc::StepEvent> fresh; ///< steps read by the latest poll, oldest first
    std::uint64_t next = 0;            ///< the next step number to read
    std::chrono::steady_clock::time_point absentSince{};
};

class StepWatcher : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds kDefaultInterval{100};
    /// How long a lane stays after its participant has left the table.
    static constexpr std::chrono::seconds kKeepLeft{10};

    explicit StepWatcher(ForkingServer& server, QObject* parent = nullptr);
    ~StepWatcher() override;

    /// Watches whenever the server runs (participants record their steps while a server of
    /// the prefix watches), polling every `interval`, until stop().
    void start(std::chrono::milliseconds interval = kDefaultInterval);
    void stop();
    bool isWatching() const { return m_watching; }

    /// Reads what is new now (the timer calls it too).
    void poll();
    /// The producers and consumers seen, by slot (a slot reused by another process gets a new
    /// lane after the old one).
    const std::vector<StepLane>& lanes() const { return m_lanes; }

signals:
    /// A poll found new steps or participants coming or going; lanes() has them.
    void updated();

private:
    StepLane* laneOf(std::uint32_t slot, pid_t pid);

    ForkingServer& m_server;
    QTimer m_timer;
    bool m_watching = false;
    std::vector<StepLane> m_lanes;
};

} // namespace prodcons::server
