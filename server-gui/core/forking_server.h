// ForkingServer: the server core. A QTcpServer that forks one child per accepted connection;
// the child serves the client in plain POSIX code on top of ipc (see session/child_main.h)
// and the parent keeps the books: the children's table, the shared buffer's life cycle, and
// a log of what happens. Used by the server window and by socket_srv.
// In the AMQP mode the server checks the broker before it serves: socket_srv waits for that
// (start()), the window has it done off its thread (beginStart(), BrokerCheck).
#pragma once

#include "child_stats.h"
#include "child_view.h"
#include "ipc/attachment.h"
#include "ipc/participant.h"
#include "ipc/snapshot.h"
#include "server_config.h"
#include "server_event.h"
#include "stall_watch.h"

#include <QDateTime>
#include <QTcpServer>
#include <QTimer>
#include <memory>
#include <optional>
#include <vector>

namespace prodcons::amqp {
class BrokerAccess;
}

namespace prodcons::server {

class BrokerCheck;
class ChildReaper;

class ForkingServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit ForkingServer(QObject* parent = nullptr);
    /// Stops synchronously if still running: children are ended and reaped, objects detached.
    ~ForkingServer() override;

    /// Listens, then attaches to the shared buffer. On failure nothing is left behind and
    /// lastError() says why in words a person can act on.
    bool start(const ServerConfig& config);
    /// start() for a caller that must not wait for the broker (a window): in the AMQP mode the
    /// server listens without accepting yet while the broker is checked off this thread, and
    /// started() or startFailed() follows from the event loop. In the other modes, and when it
    /// fails at once (false, lastError()), the same as start().
    bool beginStart(const ServerConfig& config);
    /// Stops listening, ends the children (SIGTERM, SIGKILL after the grace period), and
    /// detaches from the buffer; emits stopped() when all that is done, always from the event
    /// loop and never before stop() returns (also when there are no children to end).
    /// While beginStart() waits for the broker, gives the start up instead: stops listening at
    /// once, drops the broker's answer to come, and emits stopped() as above.
    void stop();
    /// stop(), waiting for it here: for quitting paths where no event loop will run again.
    /// Emits stopped() before it returns.
    void stopNow();

    bool isRunning() const { return m_buffer != nullptr; }
    /// beginStart() waits for the broker's answer: not running yet.
    bool isStarting() const { return m_checking != nullptr; }
    /// While starting: the broker being checked, "amqp://host:5672/".
    QString brokerChecked() const;
    bool isStopping() const { return m_stopping; }
    const ServerConfig& config() const { return m_config; }
    QString lastError() const { return m_lastError; }

    /// The live children, with their latest statistics.
    std::vector<ChildView> children() const;
    int childCount() const { return static_cast<int>(m_children.size()); }
    /// Clients served at once at most: --max-children, or fewer when the other servers of the
    /// prefix have reserved the rest of the shared participant table.
    int maxChildren() const { return static_cast<int>(m_statsInUse.size()); }
    /// What the shared buffer looks like now (empty when not running).
    std::optional<ipc::Snapshot> bufferSnapshot(bool withNames = true) const;

    // The teaching view (ipc/teaching.h): every participant of the prefix, whichever server
    // forked it, obeys the tempo, the pause and the steps set here; they end when this server
    // stops. All do nothing while the server is not running.

    ipc::TeachingState teachingState() const;
    void setTempo(std::chrono::milliseconds tempo);
    void setPaused(bool paused);
    /// While paused: one more step for the child with `pid` (of any server of the prefix), or
    /// (0) for the next one to come. false if no producer or consumer has that pid.
    bool grantStep(pid_t pid = 0);
    /// The race on purpose: while on (for this server or another of the prefix), SHM children
    /// skip the mutex. Refused, and logged, on the default prefix; false when refused.
    bool setRace(bool race);
    /// This server asks for the race mode (another server of the prefix may too).
    bool isRacing() const { return m_racing; }
    /// Participants record their steps while some server watches (StepWatcher).
    void setWatching(bool watching);
    /// The steps participant slot `slot` recorded after event number `after`.
    std::vector<ipc::StepEvent> steps(std::uint32_t slot, std::uint64_t after,
                                      std::uint64_t* lost = nullptr) const;

signals:
    /// Something to tell a person (the window's log, the terminal).
    void logged(const prodcons::server::ServerEvent& event);
    void childStarted(const prodcons::server::ChildView& child);
    void childEnded(const prodcons::server::ChildView& child);
    void started();
    /// A start that beginStart() left waiting for the broker failed: `why` (also lastError(),
    /// and logged) names the broker and says what went wrong.
    void startFailed(const QString& why);
    void stopped();
    /// Nothing has moved for a second and the mutex's recorded holder is stopped; `text` says
    /// who it is and how to let it go on (also logged, as a warning). Once per stall.
    void stallBegan(const QString& text);
    /// The stall is over (names move, or the holder runs again or is gone), or this server
    /// stops watching it (it stops).
    void stallEnded();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Child
    {
        pid_t pid = 0;
        QString peer;
        QDateTime started;
        std::size_t statsIndex = 0;
        ChildRole reportedRole = ChildRole::None;
    };

    void onChildExited(pid_t pid, int status);
    void onTick();
    /// Part of the tick: tells when a stopped mutex holder stalls the buffer (StallWatch).
    void watchForStall();
    void finishStop();
    void refuse(int fd, const char* line, const QString& why);
    ChildView viewOf(const Child& child) const;
    void log(const ServerEvent& event) { emit logged(event); }
    void logLifecycle(const std::vector<ipc::LifecycleEvent>& events);

    enum class BrokerWait
    {
        Here,    ///< start(): the broker is checked on this thread
        Checked, ///< beginStart(): by m_brokerCheck, while the listener does not accept
    };
    bool startWith(const ServerConfig& config, BrokerWait wait);
    /// The AMQP mode's part of start(): the broker answers and the queue is there.
    bool startOnBroker(const ServerConfig& config, BrokerWait wait);
    /// The broker can be used: serves through `access`.
    void serveOnBroker(std::unique_ptr<amqp::BrokerAccess> access);
    /// Stops listening and says why the start failed; false, for start()'s return.
    bool failStart(const QString& why);
    /// A start waiting for the broker's answer ends without it (stop(), destruction).
    void giveUpStart();

    ServerConfig m_config;
    /// The SHM and MQ modes' shared objects (none in the AMQP mode: the broker holds the names).
    std::optional<ipc::Attachment> m_attachment;
    /// How a child joins the buffer (prepared while the server runs; joined only in children).
    std::unique_ptr<ipc::BufferAccess> m_buffer;
    std::unique_ptr<StatsArea> m_stats;
    std::vector<bool> m_statsInUse;
    std::vector<Child> m_children;
    ChildReaper* m_reaper = nullptr;
    /// The AMQP mode's way in while m_brokerCheck checks its broker: m_buffer once it passed.
    std::unique_ptr<amqp::BrokerAccess> m_checking;
    BrokerCheck* m_brokerCheck = nullptr;
    QTimer m_tick;      ///< roles for the log, dead participants of other servers
    QTimer m_killTimer; ///< the end of the grace period when stopping
    bool m_stopping = false;
    bool m_warnedRemoved = false;
    StallWatch m_stallWatch;
    pid_t m_stalledBy = 0; ///< the stopped holder of the stall going on
    QString m_lastError;
    bool m_racing = false;
};

} // namespace prodcons::server

Q_DECLARE_METATYPE(prodcons::server::ChildView)
