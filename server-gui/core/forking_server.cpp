#include "forking_server.h"

#include "amqp/broker_access.h"
#include "broker_check.h"
#include "child_main.h"
#include "child_reaper.h"
#include "holder_text.h"
#include "ipc/endpoint.h"

#include <QNetworkProxy>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace prodcons::server {

namespace {

constexpr auto kTickInterval = std::chrono::milliseconds(250);

QString peerOf(int fd)
{
    sockaddr_storage address = {};
    socklen_t length = sizeof address;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return QStringLiteral("?");
    QHostAddress host(reinterpret_cast<const sockaddr*>(&address));
    quint16 port = 0;
    if (address.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    else if (address.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    if (host.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(host.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(host.toString()).arg(port);
}

QString describeIpcError(const ipc::Error& error)
{
    QString text = QString::fromStdString(ipc::describe(error));
    if (error.code == ipc::Errc::Posix && (error.err == EACCES || error.err == EPERM))
        text += ForkingServer::tr(" - the objects belong to another user; pick another prefix "
                                  "or ask their owner to clean up");
    else if (error.code == ipc::Errc::LayoutMismatch)
        text += ForkingServer::tr(" - running programs of another layout use these objects; "
                                  "use their slot size (--slot-size), stop them, pick another "
                                  "prefix, or remove the objects (cleanup)");
    return text;
}

} // namespace

ForkingServer::ForkingServer(QObject* parent)
    : QTcpServer(parent), m_reaper(new ChildReaper(this)), m_brokerCheck(new BrokerCheck(this))
{
    qRegisterMetaType<Severity>();
    qRegisterMetaType<ServerEvent>();
    qRegisterMetaType<ChildView>();
    // With a proxy the descriptor handed to incomingConnection() may not be a native socket.
    setProxy(QNetworkProxy::NoProxy);
    connect(m_reaper, &ChildReaper::exited, this, &ForkingServer::onChildExited);
    connect(m_brokerCheck, &BrokerCheck::passed, this, [this] {
        resumeAccepting(); // the clients that came meanwhile waited in the backlog
        serveOnBroker(std::move(m_checking));
    });
    connect(m_brokerCheck, &BrokerCheck::failed, this, [this](const ipc::Error& error) {
        m_checking.reset();
        failStart(tr("cannot use the broker: %1").arg(describeIpcError(error)));
        emit startFailed(m_lastError);
    });
    m_tick.setInterval(kTickInterval);
    connect(&m_tick, &QTimer::timeout, this, &ForkingServer::onTick);
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        for (const Child& child : m_children) {
            log({.kind = ServerEvent::Kind::ChildKilled,
                 .severity = Severity::Warning,
                 .text = tr("child %1 did not stop within %2 ms; killing it")
                             .arg(child.pid)
                             .arg(m_config.stopGrace.count()),
                 .pid = child.pid});
            ::kill(child.pid, SIGKILL);
        }
    });
}

ForkingServer::~ForkingServer()
{
    if (isStarting())
        giveUpStart();
    if (isRunning())
        stopNow();
}

bool ForkingServer::start(const ServerConfig& config)
{
    return startWith(config, BrokerWait::Here);
}

bool ForkingServer::beginStart(const ServerConfig& config)
{
    return startWith(config, BrokerWait::Checked);
}

QString ForkingServer::brokerChecked() const
{
    return m_checking ? QString::fromStdString(m_checking->settings().address()) : QString();
}

bool ForkingServer::startWith(const ServerConfig& config, BrokerWait wait)
{
    if (isRunning() || isStarting() || m_stopping) {
        m_lastError = tr("the server is already running");
        return false;
    }
    m_config = config;
    m_lastError.clear();
    m_warnedRemoved = false;

    // Listen first: a port in use must not leave IPC objects behind. A deep backlog lets a
    // burst of clients wait in the kernel while we fork for the ones before them.
    setListenBacklogSize(SOMAXCONN);
    if (!listen(config.address, config.port)) {
        m_lastError = serverError() == QAbstractSocket::AddressInUseError
                          ? tr("port %1 is already in use on %2")
                                .arg(config.port)
                                .arg(config.address.toString())
                          : tr("cannot listen on %1:%2: %3")
                                .arg(config.address.toString())
                                .arg(config.port)
                                .arg(errorString());
        log({.kind = ServerEvent::Kind::StartFailed,
             .severity = Severity::Error,
             .text = m_lastError});
        return false;
    }

    if (config.race && !ipc::race_allowed(config.ipc.prefix)) {
        close();
        m_lastError = tr("the race mode is never used on the default prefix %1, which real "
                         "demos share: give the server another prefix")
                          .arg(QString::fromStdString(config.ipc.prefix));
        log({.kind = ServerEvent::Kind::StartFailed,
             .severity = Severity::Error,
             .text = m_lastError});
        return false;
    }

    if (config.broker)
        return startOnBroker(config, wait);

    ipc::AttachReport report;
    // The places for this server's clients are kept in the shared participant table, so that
    // the clients of the other servers of the prefix cannot take them.
    ipc::Config ipcConfig = config.ipc;
    ipcConfig.reserve_participants = static_cast<std::uint32_t>(config.maxChildren);
    auto attached = ipc::Attachment::attach(ipcConfig, config.mode, &report);
    if (!attached) {
        close();
        m_lastError =
            tr("cannot use the shared buffer: %1").arg(describeIpcError(attached.error()));
        log({.kind = ServerEvent::Kind::StartFailed,
             .severity = Severity::Error,
             .text = m_lastError});
        return false;
    }
    m_attachment.emplace(std::move(attached).value());
    m_buffer = std::make_unique<ipc::AttachmentAccess>(*m_attachment);
    logLifecycle(report.events);
    if (config.race)
        setRace(true);

    const auto maxChildren = static_cast<int>(report.participants_reserved);
    if (maxChildren < config.maxChildren)
        log({.kind = ServerEvent::Kind::LimitLowered,
             .severity = Severity::Warning,
             .text = tr("serving at most %1 clients at once, not %2: the other servers of the "
                        "prefix reserve %3 of the %4 client places")
                         .arg(maxChildren)
                         .arg(config.maxChildren)
                         .arg(report.participants_reserved_by_others)
                         .arg(report.participants_reservable),
             .count = static_cast<quint64>(maxChildren)});
    m_stats = std::make_unique<StatsArea>(static_cast<std::size_t>(maxChildren));
    m_statsInUse.assign(static_cast<std::size_t>(maxChildren), false);
    m_tick.start();
    log({.kind = ServerEvent::Kind::Listening,
         .text = tr("listening on %1:%2 (%3 mode)")
                     .arg(serverAddress().toString())
                     .arg(serverPort())
                     .arg(QLatin1String(ipc::mode_name(config.mode))),
         .count = serverPort()});
    emit started();
    return true;
}

bool ForkingServer::startOnBroker(const ServerConfig& config, BrokerWait wait)
{
    if (config.race)
        return failStart(tr("the race mode needs the SHM mode's mutex; the AMQP mode has none"));
    const amqp::ResolvedBroker broker = amqp::resolve_broker(
        config.broker->url.toStdString(), config.broker->credentialsFile.toStdString());
    if (!broker.settings)
        return failStart(tr("cannot use the broker: %1").arg(QString::fromStdString(broker.error)));
    amqp::QueueSettings queue;
    queue.name = amqp::queue_name(config.ipc.prefix);
    queue.capacity = config.ipc.geometry.capacity;
    queue.window = config.ipc.geometry.window;
    queue.max_name_length = config.ipc.geometry.max_name_length();
    auto access = std::make_unique<amqp::BrokerAccess>(*broker.settings, queue);
    // Now rather than in every child: a broker that cannot be used is one clear error here.
    if (wait == BrokerWait::Here) {
        if (const ipc::Status checked = access->check(); !checked)
            return failStart(
                tr("cannot use the broker: %1").arg(describeIpcError(checked.error())));
        serveOnBroker(std::move(access));
        return true;
    }
    // Listening already (a port in use is known at once), but not accepting: the clients that
    // come during the check wait in the backlog, as they do while start() checks.
    pauseAccepting();
    m_brokerCheck->begin(access->settings(), access->queue());
    m_checking = std::move(access);
    log({.kind = ServerEvent::Kind::BrokerCheck,
         .text = tr("connecting to the broker %1 before serving").arg(brokerChecked())});
    return true;
}

void ForkingServer::serveOnBroker(std::unique_ptr<amqp::BrokerAccess> access)
{
    const QString queue = QString::fromStdString(access->queue().name);
    const QString broker = QString::fromStdString(access->settings().address());
    m_buffer = std::move(access);
    m_stats = std::make_unique<StatsArea>(static_cast<std::size_t>(m_config.maxChildren));
    m_statsInUse.assign(static_cast<std::size_t>(m_config.maxChildren), false);
    m_tick.start();
    log({.kind = ServerEvent::Kind::Listening,
         .text = tr("listening on %1:%2 (AMQP mode: queue %3 on %4)")
                     .arg(serverAddress().toString())
                     .arg(serverPort())
                     .arg(queue, broker),
         .count = serverPort()});
    emit started();
}

bool ForkingServer::failStart(const QString& why)
{
    close();
    m_lastError = why;
    log({.kind = ServerEvent::Kind::StartFailed, .severity = Severity::Error, .text = why});
    return false;
}

void ForkingServer::giveUpStart()
{
    const QString broker = brokerChecked();
    m_brokerCheck->cancel();
    m_checking.reset();
    close();
    log({.kind = ServerEvent::Kind::Stopped,
         .text = tr("start given up: not waiting any longer for the broker %1").arg(broker)});
}

void ForkingServer::incomingConnection(qintptr descriptor)
{
    const int fd = static_cast<int>(descriptor);
    const QString peer = peerOf(fd);
    if (m_stopping || !isRunning()) {
        refuse(fd, "ERROR: server stopping\n", tr("refused %1: the server is stopping").arg(peer));
        return;
    }
    auto freeSlot = std::find(m_statsInUse.begin(), m_statsInUse.end(), false);
    if (freeSlot == m_statsInUse.end()) {
        refuse(
            fd, "ERROR: server busy\n",
            tr("refused %1: server busy (%2 clients, the limit)").arg(peer).arg(m_children.size()));
        return;
    }
    const auto index = static_cast<std::size_t>(freeSlot - m_statsInUse.begin());
    (*m_stats)[index].reset();

    // Everything the child needs is ready before fork(): it allocates nothing and touches no
    // Qt object afterwards.
    ChildSetup setup;
    setup.socket_fd = fd;
    setup.buffer = m_buffer.get();
    setup.limits = m_config.limits;
    setup.stats = &(*m_stats)[index];
    setup.parent = ::getpid();

    // Signals stay blocked until the child has reset its handlers: one that arrived before
    // (a stop's SIGTERM to a child just forked) would run the parent's handler in the child
    // and reach the parent through the handler's pipe.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    const pid_t pid = ::fork();
    if (pid == 0)
        child_main(setup); // never returns
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    if (pid < 0) {
        const int err = errno;
        refuse(fd, "ERROR: server cannot start a process for you\n",
               tr("refused %1: fork: %2").arg(peer, QString::fromLocal8Bit(std::strerror(err))));
        return;
    }
    ::close(fd); // the child's copy is the one in use
    *freeSlot = true;
    Child child{pid, peer, QDateTime::currentDateTime(), index, ChildRole::None};
    m_children.push_back(child);
    if (!m_reaper->watch(pid)) {
        const int err = errno;
        log({.kind = ServerEvent::Kind::NoPidfd,
             .severity = Severity::Warning,
             .text = tr("child %1 has no pidfd (pidfd_open: %2): looked at every %3 ms")
                         .arg(pid)
                         .arg(QString::fromLocal8Bit(std::strerror(err)))
                         .arg(ChildReaper::kPollInterval.count()),
             .pid = pid});
    }
    log({.kind = ServerEvent::Kind::ClientConnected,
         .text = tr("connection from %1: child %2").arg(peer).arg(pid),
         .pid = pid});
    emit childStarted(viewOf(child));
}

void ForkingServer::refuse(int fd, const char* line, const QString& why)
{
    // A best effort: the client may already be gone, and we must not block the event loop.
    (void)::send(fd, line, std::strlen(line), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(fd);
    log({.kind = ServerEvent::Kind::ClientRefused, .severity = Severity::Warning, .text = why});
}

ChildView ForkingServer::viewOf(const Child& child) const
{
    const ChildStats& stats = (*m_stats)[child.statsIndex];
    ChildView view;
    view.pid = child.pid;
    view.peer = child.peer;
    view.started = child.started;
    view.role = static_cast<ChildRole>(stats.role.load());
    view.state = static_cast<ChildState>(stats.state.load());
    view.names = stats.names.load();
    view.sent = stats.sent.load();
    view.refused = stats.refused.load();
    view.lastName = QString::fromUtf8(stats.last_name_copy());
    return view;
}

std::vector<ChildView> ForkingServer::children() const
{
    std::vector<ChildView> views;
    views.reserve(m_children.size());
    for (const Child& child : m_children)
        views.push_back(viewOf(child));
    return views;
}

std::optional<ipc::Snapshot> ForkingServer::bufferSnapshot(bool withNames) const
{
    if (!m_attachment)
        return std::nullopt;
    return m_attachment->snapshot(withNames);
}

ipc::TeachingState ForkingServer::teachingState() const
{
    return m_attachment ? m_attachment->teaching_state() : ipc::TeachingState{};
}

void ForkingServer::setTempo(std::chrono::milliseconds tempo)
{
    if (m_attachment)
        m_attachment->set_tempo(tempo);
}

void ForkingServer::setPaused(bool paused)
{
    if (m_attachment)
        m_attachment->set_paused(paused);
}

bool ForkingServer::grantStep(pid_t pid)
{
    return m_attachment && m_attachment->grant_step(pid);
}

bool ForkingServer::setRace(bool race)
{
    if (!m_attachment)
        return false;
    if (const auto set = m_attachment->set_race(race); !set) {
        log({.kind = ServerEvent::Kind::RaceMode,
             .severity = Severity::Error,
             .text = QString::fromStdString(ipc::describe(set.error()))});
        return false;
    }
    m_racing = race;
    const QString prefix = QString::fromLatin1(m_attachment->names().prefix);
    log({.kind = ServerEvent::Kind::RaceMode,
         .severity = race ? Severity::Warning : Severity::Info,
         .text = race ? tr("RACE MODE on prefix %1: the SHM children of every server of the "
                           "prefix skip the mutex; names will be overwritten, lost and doubled")
                            .arg(prefix)
                      : tr("race mode off (this server): the children use the mutex again, "
                           "unless another server of %1 still asks for the race")
                            .arg(prefix)});
    return true;
}

void ForkingServer::setWatching(bool watching)
{
    if (m_attachment)
        m_attachment->set_watching(watching);
}

std::vector<ipc::StepEvent> ForkingServer::steps(std::uint32_t slot, std::uint64_t after,
                                                 std::uint64_t* lost) const
{
    return m_attachment ? m_attachment->steps(slot, after, lost) : std::vector<ipc::StepEvent>{};
}

void ForkingServer::onChildExited(pid_t pid, int status)
{
    auto it = std::find_if(m_children.begin(), m_children.end(),
                           [pid](const Child& c) { return c.pid == pid; });
    if (it == m_children.end())
        return;
    ChildView view = viewOf(*it);
    const ChildStats& stats = (*m_stats)[it->statsIndex];
    const auto reason = static_cast<EndReason>(stats.end_reason.load());
    view.ended = true;
    view.endedAt = QDateTime::currentDateTime();
    view.endText =
        describeEnd(status, reason, QString::fromUtf8(stats.detail.c_str()), &view.normalEnd);
    m_statsInUse[it->statsIndex] = false;
    m_children.erase(it);

    // A child that was killed, or left without handing its names back, leaves a slot that
    // only looks alive to nobody: free it now so its names reach other consumers.
    if (m_attachment) {
        ipc::WaitOptions wait;
        wait.deadline = ipc::Deadline::after(std::chrono::milliseconds(100));
        if (auto reaped = m_attachment->reap_dead(wait); reaped && reaped->names_orphaned > 0)
            log({.kind = ServerEvent::Kind::NamesHandedBack,
                 .severity = Severity::Warning,
                 .text = tr("child %1 held %2 unacknowledged name(s); they are back in the "
                            "buffer")
                             .arg(pid)
                             .arg(reaped->names_orphaned),
                 .count = reaped->names_orphaned,
                 .pid = pid});
    }
    if (const auto dropped = stats.dropped.load(); dropped > 0)
        log({.kind = ServerEvent::Kind::NamesDropped,
             .severity = Severity::Warning,
             .text = tr("child %1 dropped %2 name(s) found in the shared buffer that no "
                        "producer's child stores (control characters, 'ERROR:', invalid "
                        "UTF-8): another process wrote them there")
                         .arg(pid)
                         .arg(dropped),
             .count = dropped,
             .pid = pid});
    const QString moved = view.role == ChildRole::Consumer
                              ? tr("%1 name(s) delivered").arg(view.names)
                              : tr("%1 name(s) stored").arg(view.names);
    log({.kind = ServerEvent::Kind::ChildEnded,
         .severity = view.normalEnd ? Severity::Info : Severity::Warning,
         .text = tr("child %1 (%2, %3) ended: %4; %5")
                     .arg(pid)
                     .arg(view.peer, roleText(view.role), view.endText, moved),
         .count = view.names,
         .pid = pid});
    emit childEnded(view);
    if (m_stopping && m_children.empty())
        finishStop();
}

void ForkingServer::onTick()
{
    for (Child& child : m_children) {
        const auto role = static_cast<ChildRole>((*m_stats)[child.statsIndex].role.load());
        if (role != child.reportedRole) {
            child.reportedRole = role;
            log({.kind = ServerEvent::Kind::RoleChosen,
                 .text = tr("child %1 (%2) is a %3").arg(child.pid).arg(child.peer, roleText(role)),
                 .pid = child.pid});
        }
    }
    if (!m_attachment || m_stopping)
        return;
    // Participants of other servers may have died (a whole server killed): free their slots.
    ipc::WaitOptions quick;
    quick.deadline = ipc::Deadline::after(std::chrono::milliseconds(20));
    if (auto reaped = m_attachment->reap_dead(quick); reaped && reaped->slots_reaped > 0)
        log({.kind = ServerEvent::Kind::DeadFreed,
             .severity = Severity::Warning,
             .text = tr("freed %1 slot(s) of processes that died; %2 name(s) they held are "
                        "back in the buffer")
                         .arg(reaped->slots_reaped)
                         .arg(reaped->names_orphaned),
             .count = reaped->slots_reaped});
    if (!m_warnedRemoved && m_attachment->objects_removed()) {
        m_warnedRemoved = true;
        log({.kind = ServerEvent::Kind::ObjectsRemoved,
             .severity = Severity::Error,
             .text = tr("the shared objects were removed by a cleanup while this server uses "
                        "them; restart the server to share a buffer again")});
    }
    watchForStall();
}

void ForkingServer::watchForStall()
{
    // Read without the mutex, like every look at the buffer: a look must never wait for it.
    const ipc::Snapshot snap = m_attachment->snapshot(false);
    std::uint64_t moved = 0;
    for (std::uint32_t m = 0; m < ipc::kModeCount; ++m)
        moved += snap.names_put[m] + snap.names_taken[m];
    switch (m_stallWatch.update(moved, snap.holder_stopped(), StallWatch::Clock::now())) {
    case StallWatch::Change::None:
        break;
    case StallWatch::Change::Began: {
        m_stalledBy = snap.mutex_holder->pid;
        const auto quiet =
            std::chrono::duration_cast<std::chrono::seconds>(m_stallWatch.quietFor());
        const QString text = stallText(*snap.mutex_holder, quiet, ::getpid());
        log({.kind = ServerEvent::Kind::StallBegan,
             .severity = Severity::Warning,
             .text = text,
             .pid = m_stalledBy});
        emit stallBegan(text);
        break;
    }
    case StallWatch::Change::Ended:
        log({.kind = ServerEvent::Kind::StallEnded,
             .text = tr("the stall is over: process %1 no longer holds the mutex stopped, and "
                        "names can move again")
                         .arg(m_stalledBy),
             .pid = m_stalledBy});
        m_stalledBy = 0;
        emit stallEnded();
        break;
    }
}

void ForkingServer::stop()
{
    if (isStarting()) {
        giveUpStart();
        // From the event loop, as any stop's; not if a start has begun again meanwhile.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (!isRunning() && !isStarting() && !m_stopping)
                    emit stopped();
            },
            Qt::QueuedConnection);
        return;
    }
    if (!isRunning() || m_stopping)
        return;
    m_stopping = true;
    close(); // no new clients
    m_tick.stop();
    if (m_stallWatch.stalled()) // nobody watches it any more; no claim that it is over
        emit stallEnded();
    m_stallWatch.reset();
    m_stalledBy = 0;
    if (m_children.empty()) {
        // Finished from the event loop, as when children have to end first: stopped() always
        // comes after stop() has returned, so a caller may connect to it after calling stop().
        // The guard: stopNow() may have finished this stop meanwhile (and a start() followed).
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_stopping && m_children.empty())
                    finishStop();
            },
            Qt::QueuedConnection);
        return;
    }
    log({.kind = ServerEvent::Kind::Stopping,
         .text = tr("stopping: ending %1 child(ren)").arg(m_children.size()),
         .count = m_children.size()});
    for (const Child& child : m_children)
        ::kill(child.pid, SIGTERM);
    m_killTimer.start(m_config.stopGrace);
}

void ForkingServer::stopNow()
{
    if (isStarting()) {
        giveUpStart();
        emit stopped();
        return;
    }
    if (!isRunning())
        return;
    stop();
    if (m_children.empty()) {
        if (m_stopping)
            finishStop(); // here and now, not from the event loop stop() queued it for
    } else {
        // No event loop from here on: wait out the grace period here, then kill.
        if (!m_reaper->waitForAll(m_config.stopGrace)) {
            for (const Child& child : m_children)
                ::kill(child.pid, SIGKILL);
        }
        m_reaper->reapBlocking(); // emits exited() for each, and the last one finishes the stop
    }
}

void ForkingServer::logLifecycle(const std::vector<ipc::LifecycleEvent>& events)
{
    for (const ipc::LifecycleEvent& step : events)
        log({.kind = ServerEvent::Kind::Lifecycle,
             .severity = step.notable() ? Severity::Warning : Severity::Info,
             .text = QString::fromStdString(step.text),
             .lifecycle = step.kind,
             .count = step.count});
}

void ForkingServer::finishStop()
{
    m_killTimer.stop();
    m_stopping = false;
    if (!isRunning())
        return;
    m_buffer.reset();
    m_stats.reset();
    if (m_attachment) {
        auto left = m_attachment->detach();
        m_attachment.reset();
        m_racing = false; // the race ended with the attachment (ipc forgets its slot's request)
        if (!left) {
            log({.kind = ServerEvent::Kind::LeaveFailed,
                 .severity = Severity::Error,
                 .text = tr("leaving the shared buffer: %1").arg(describeIpcError(left.error()))});
        } else {
            logLifecycle(left->events);
        }
    }
    log({.kind = ServerEvent::Kind::Stopped, .text = tr("stopped")});
    emit stopped();
}

} // namespace prodcons::server
