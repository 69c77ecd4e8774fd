#include "chaos_run.h"

#include "chaos_sessions.h"
#include "client_process.h"
#include "event_wait.h"
#include "ipc/attachment.h"
#include "ipc/snapshot.h"
#include "mutex_peek.h"
#include "process_tree.h"
#include "raw_client.h"
#include "server_process.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <csignal>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace prodcons::acceptance {

using namespace std::chrono_literals;
using std::chrono::milliseconds;
using test::runEventsFor;
using test::waitUntil;

namespace {

// A kill after which nothing moves for this long is a wedge, not a stall.
constexpr auto kWedge = 10s;
constexpr auto kSampleEvery = 10ms;
// A stop lasts from kShortestStop to kLongestStop, at random.
constexpr auto kShortestStop = 50ms;
constexpr auto kLongestStop = 1500ms;
// A reset consumer takes this many names (the servers' window: then its child sends no more).
constexpr int kGreedyWindow = static_cast<int>(prodcons::ipc::Geometry{}.window);
// Names handed back must reach a waiting consumer within a second (waiting consumers look for
// them); on a loaded machine a little later is recorded, not failed, up to kHandBackFails.
constexpr auto kHandBackPromised = 1s;
constexpr auto kHandBackFails = 5s;
constexpr auto kHandBackGivesUp = 15s;

QString ms(milliseconds duration)
{
    return QStringLiteral("%1 ms").arg(duration.count());
}

} // namespace

std::optional<ChaosPhases> ChaosPhases::parse(const QString& text)
{
    if (text.trimmed() == QLatin1String("all"))
        return ChaosPhases{};
    ChaosPhases phases{false, false, false, false, false};
    for (const QString& word : text.split(u',', Qt::SkipEmptyParts)) {
        const QString phase = word.trimmed();
        if (phase == QLatin1String("kill"))
            phases.kill = true;
        else if (phase == QLatin1String("stop"))
            phases.stop = true;
        else if (phase == QLatin1String("pause-reset"))
            phases.pauseReset = true;
        else if (phase == QLatin1String("sessions"))
            phases.sessions = true;
        else if (phase == QLatin1String("teach"))
            phases.teach = true;
        else
            return std::nullopt;
    }
    return phases;
}

QString ChaosPhases::toString() const
{
    QStringList words;
    if (kill)
        words << QStringLiteral("kill");
    if (stop)
        words << QStringLiteral("stop");
    if (pauseReset)
        words << QStringLiteral("pause-reset");
    if (sessions)
        words << QStringLiteral("sessions");
    if (teach)
        words << QStringLiteral("teach");
    return words.isEmpty() ? QStringLiteral("none") : words.join(u',');
}

QString ChaosResult::summary() const
{
    QStringList lines;
    lines << QStringLiteral("seed: %1").arg(seed);
    lines << QStringLiteral("phases: %1").arg(phases);
    lines << QStringLiteral("duration: %1 (drain %2)").arg(ms(elapsed), ms(drainTime));
    lines << QStringLiteral("names acknowledged to producers: %1").arg(acknowledged);
    lines << QStringLiteral("names received by consumers: %1").arg(received);
    lines << QStringLiteral("lost (acknowledged, never delivered): %1").arg(lost);
    lines << QStringLiteral("duplicates (delivered again after a kill): %1").arg(duplicates);
    lines << QStringLiteral("delivered without the producer seeing the OK: %1").arg(beyond);
    lines << QStringLiteral("kills: %1 producer children, %2 consumer children, %3 whole servers")
                 .arg(producerKills)
                 .arg(consumerKills)
                 .arg(serverKills);
    lines << QStringLiteral("children killed while holding the mutex: %1").arg(holderKills);
    lines << QStringLiteral("mutex recoveries: %1; dead participants freed: %2")
                 .arg(mutexRecoveries)
                 .arg(participantsReaped);
    lines << QStringLiteral("max stall after a child kill: %1; after the server kill: %2")
                 .arg(ms(maxStallAfterKill), ms(maxStallAfterServerKill));
    lines << QStringLiteral("stops: %1 (%2 of mutex holders), the longest %3; max stall after "
                            "a SIGCONT: %4")
                 .arg(stops)
                 .arg(holderStops)
                 .arg(ms(longestStop), ms(maxStallAfterCont));
    lines << QStringLiteral("stalls over 1 s: %1; longest time with no name moving, held-back "
                            "producers and stopped mutex holders aside: %2")
                 .arg(stallsOverOneSecond)
                 .arg(ms(longestStill));
    for (const QString& stall : longStalls)
        lines << QStringLiteral("  stall: ") + stall;
    lines << QStringLiteral("teaching: %1 slow-downs, %2 pauses, %3 single steps granted")
                 .arg(teachSlowDowns)
                 .arg(teachPauses)
                 .arg(teachSteps);
    lines << QStringLiteral("pause-reset rounds: %1 (%2 with the producers stopped); names held "
                            "by reset consumers: %3, never delivered: %4")
                 .arg(pauseResetRounds)
                 .arg(pausedRounds)
                 .arg(resetHeld)
                 .arg(resetHeldNotDelivered);
    lines << QStringLiteral("max hand-back time after a reset: %1; over 1 s: %2")
                 .arg(ms(maxHandBack))
                 .arg(handBacksOverOneSecond);
    lines << QStringLiteral("back-to-back sessions: %1 of %2 names; order violations: %3; the "
                            "longest session %4")
                 .arg(sessionsRun)
                 .arg(sessionNames)
                 .arg(orderViolations)
                 .arg(ms(longestSession));
    for (const DeliveryLedger::Check& c : perSource) {
        QString line = QStringLiteral("  source %1: acknowledged %2, delivered %3, lost %4, "
                                      "duplicates %5, beyond the OKs %6")
                           .arg(QString::fromLatin1(c.source))
                           .arg(c.acknowledged)
                           .arg(c.delivered)
                           .arg(c.lost)
                           .arg(c.duplicates)
                           .arg(c.beyond);
        if (!c.firstLost.isEmpty()) {
            QStringList seqs;
            for (qint64 seq : c.firstLost)
                seqs << QString::number(seq);
            line += QStringLiteral(" (first lost: %1)").arg(seqs.join(QStringLiteral(", ")));
        }
        lines << line;
    }
    for (const QString& problem : problems)
        lines << QStringLiteral("problem: ") + problem;
    lines << QStringLiteral("verdict: %1")
                 .arg(passed() ? QStringLiteral("PASS") : QStringLiteral("FAIL"));
    return lines.join(u'\n');
}

struct ChaosRun::State
{
    using Clock = std::chrono::steady_clock;

    enum class Cause
    {
        ChildKill,
        ServerKill,
        Continue
    };

    /// A kill or a SIGCONT whose stall is being measured: until names are both stored and
    /// taken again.
    struct PendingStall
    {
        Clock::time_point at;
        Clock::duration heldAt{}; ///< heldOnPurpose() then
        quint64 put = 0;
        quint64 taken = 0;
        Cause cause = Cause::ChildKill;
        QString what;
    };

    ChaosOptions options;
    ChaosResult result;
    QRandomGenerator rng;
    ipc::ObjectNames names;
    std::unique_ptr<ServerProcess> servers[2];
    std::vector<std::unique_ptr<ClientProcess>> producers;
    std::vector<std::unique_ptr<ClientProcess>> consumers;
    std::vector<qint64> receivedLines; // per consumer
    QSet<pid_t> started;               // every process we started (QProcess reaps those)
    DeliveryLedger ledger;
    QTimer sampler;
    std::optional<ipc::Snapshot> last;
    quint64 lastPut = 0;
    quint64 lastTaken = 0;
    Clock::time_point lastMove;
    bool measuring = false;
    std::vector<PendingStall> pending;
    /// The child the stop phase holds stopped, which the kill phase leaves alone (so that a
    /// stall has one cause).
    pid_t stoppedChild = 0;
    /// The flow held back on purpose: a stopped mutex holder (nothing can move until it runs
    /// again: docs/IPC.md) or stopped producers. Stalls are counted without that time.
    int holds = 0;
    Clock::time_point holdSince;
    Clock::duration heldTotal{};

    void say(const QString& line) const
    {
        if (options.progress)
            options.progress(line);
    }

    void problem(const QString& text)
    {
        result.problems << text;
        say(QStringLiteral("problem: ") + text);
    }

    std::optional<ipc::Snapshot> snapshot() const
    {
        auto snap = ipc::inspect(names);
        if (!snap || !snap->control_present)
            return std::nullopt;
        return std::move(snap).value();
    }

    quint64 put(const ipc::Snapshot& s) const
    {
        return s.names_put[static_cast<std::uint32_t>(options.mode)];
    }
    quint64 taken(const ipc::Snapshot& s) const
    {
        return s.names_taken[static_cast<std::uint32_t>(options.mode)];
    }

    void beginHold()
    {
        if (holds++ == 0)
            holdSince = Clock::now();
    }
    void endHold()
    {
        if (--holds == 0)
            heldTotal += Clock::now() - holdSince;
    }
    /// The time the flow was held back on purpose so far, a hold in progress included.
    Clock::duration heldOnPurpose() const
    {
        return heldTotal + (holds > 0 ? Clock::now() - holdSince : Clock::duration{});
    }

    /// Every few milliseconds: have names moved since each kill and SIGCONT?
    void sample()
    {
        reapAdopted(started);
        auto snap = snapshot();
        if (!snap)
            return;
        const auto now = Clock::now();
        const quint64 p = put(*snap);
        const quint64 t = taken(*snap);
        if (holds > 0) {
            lastMove = now; // standing still on purpose
        } else if (measuring && (p != lastPut || t != lastTaken)) {
            result.longestStill = std::max(
                result.longestStill, std::chrono::duration_cast<milliseconds>(now - lastMove));
            lastMove = now;
        }
        lastPut = p;
        lastTaken = t;
        for (auto it = pending.begin(); it != pending.end();) {
            if (p > it->put && t > it->taken) {
                noteStall(*it, std::chrono::duration_cast<milliseconds>(
                                   now - it->at - (heldOnPurpose() - it->heldAt)));
                it = pending.erase(it);
            } else {
                ++it;
            }
        }
        last = std::move(snap);
    }

    void noteStall(const PendingStall& after, milliseconds stall)
    {
        milliseconds& worst = after.cause == Cause::ServerKill ? result.maxStallAfterServerKill
                              : after.cause == Cause::Continue ? result.maxStallAfterCont
                                                               : result.maxStallAfterKill;
        worst = std::max(worst, stall);
        if (stall > 1s) {
            ++result.stallsOverOneSecond;
            result.longStalls << QStringLiteral("%1 after %2").arg(ms(stall), after.what);
            say(QStringLiteral("names moved again %1 after %2").arg(ms(stall), after.what));
        }
    }

    void notePending(const QString& what, Cause cause)
    {
        PendingStall stall;
        stall.at = Clock::now();
        stall.heldAt = heldOnPurpose();
        stall.cause = cause;
        stall.what = what;
        if (last) {
            stall.put = put(*last);
            stall.taken = taken(*last);
        }
        // The freshest figures: names moved since the last sample do not count as progress.
        if (auto snap = snapshot()) {
            stall.put = put(*snap);
            stall.taken = taken(*snap);
        }
        pending.push_back(stall);
    }

    /// A kill or SIGCONT after which nothing moved for kWedge (held time included: a hold
    /// lasts far less) fails the run.
    bool wedged()
    {
        for (const PendingStall& stall : pending) {
            if (Clock::now() - stall.at > kWedge) {
                problem(QStringLiteral("wedged: no name moved within %1 after %2\n%3")
                            .arg(ms(kWedge), stall.what, diagnosis()));
                if (qEnvironmentVariableIsSet("PRODCONS_CHAOS_HOLD_WEDGE")) // for a debugger
                    runEventsFor(std::chrono::seconds(
                        qEnvironmentVariableIntValue("PRODCONS_CHAOS_HOLD_WEDGE")));
                return true;
            }
        }
        return false;
    }

    bool startServer(int index, quint16 port)
    {
        servers[index] = std::make_unique<ServerProcess>(options.mode, options.prefix);
        if (!servers[index]->start(port)) {
            problem(QStringLiteral("server %1 did not start: %2")
                        .arg(index)
                        .arg(QString::fromUtf8(servers[index]->log().right(400))));
            return false;
        }
        started.insert(servers[index]->pid());
        return true;
    }

    bool startClient(std::vector<std::unique_ptr<ClientProcess>>& list, QStringList arguments,
                     ClientProcess::LineHandler handler)
    {
        arguments << QStringLiteral("--reconnect");
        list.push_back(std::make_unique<ClientProcess>(arguments));
        ClientProcess& client = *list.back();
        if (handler)
            client.setLineHandler(std::move(handler));
        if (!client.start()) {
            problem(QStringLiteral("socket_cl did not start"));
            return false;
        }
        started.insert(client.pid());
        return true;
    }

    std::vector<pid_t> serverChildren() const
    {
        std::vector<pid_t> ours;
        for (const auto& server : servers) {
            if (server)
                for (pid_t pid : server->children())
                    ours.push_back(pid);
        }
        return ours;
    }

    /// The children of our servers that serve a producer (or a consumer) now, but the one the
    /// stop phase holds stopped.
    std::vector<pid_t> childrenServing(ipc::layout::Kind kind) const
    {
        const std::vector<pid_t> ours = serverChildren();
        std::vector<pid_t> found;
        if (!last)
            return found;
        for (const ipc::ParticipantInfo& p : last->participants) {
            if (p.kind == kind && p.alive && !p.orphaned && p.pid != stoppedChild &&
                std::find(ours.begin(), ours.end(), p.pid) != ours.end())
                found.push_back(p.pid);
        }
        return found;
    }

    /// One of those children at random, of `kind` or, when none serves that, of the other
    /// kind (`kind` then says which); 0 if there is none.
    pid_t pickChild(ipc::layout::Kind& kind)
    {
        std::vector<pid_t> candidates = childrenServing(kind);
        if (candidates.empty()) {
            kind = kind == ipc::layout::Kind::Producer ? ipc::layout::Kind::Consumer
                                                       : ipc::layout::Kind::Producer;
            candidates = childrenServing(kind);
        }
        if (candidates.empty())
            return 0;
        return candidates[rng.bounded(static_cast<quint32>(candidates.size()))];
    }

    static QString roleOf(ipc::layout::Kind kind)
    {
        return kind == ipc::layout::Kind::Producer ? QStringLiteral("producer")
                                                   : QStringLiteral("consumer");
    }

    /// Tries for up to `budget` to catch one of our children while it holds the mutex, on a
    /// thread of its own (the event loop must keep reading the consumers' output): whenever
    /// one is recorded as the holder it is stopped (SIGSTOP); if it still holds the mutex once
    /// stopped it is returned, still stopped, else it goes on (SIGCONT). Critical sections
    /// last microseconds, so this succeeds now and then (mostly when the holder was
    /// preempted), not every time. 0 if none was caught.
    pid_t catchHolder(milliseconds budget)
    {
        const MutexPeek peek(names);
        if (!peek.valid())
            return 0;
        std::vector<pid_t> ours = serverChildren();
        std::erase(ours, stoppedChild);
        std::atomic<pid_t> caught{0};
        std::atomic<bool> done{false};
        std::thread hunter([&] {
            QElapsedTimer watching;
            watching.start();
            while (watching.elapsed() < budget.count()) {
                const pid_t holder = peek.holder();
                if (holder <= 0 || std::find(ours.begin(), ours.end(), holder) == ours.end())
                    continue;
                if (::kill(holder, SIGSTOP) != 0)
                    continue;
                QElapsedTimer stopping;
                stopping.start();
                while (processState(holder) != 'T' && stopping.elapsed() < 50) {
                }
                if (peek.holder() == holder) {
                    caught.store(holder);
                    break;
                }
                ::kill(holder, SIGCONT);
            }
            done.store(true);
        });
        waitUntil([&] { return done.load(); }, budget + 1s);
        hunter.join();
        return caught.load();
    }

    /// The role of one of our children, from the last snapshot.
    ipc::layout::Kind kindOf(pid_t child) const
    {
        if (last) {
            for (const ipc::ParticipantInfo& p : last->participants) {
                if (p.pid == child && p.kind == ipc::layout::Kind::Consumer)
                    return ipc::layout::Kind::Consumer;
            }
        }
        return ipc::layout::Kind::Producer;
    }

    /// Kills a child caught holding the mutex (see catchHolder); false if none was caught.
    bool killHolder(milliseconds budget)
    {
        const pid_t holder = catchHolder(budget);
        if (holder == 0)
            return false;
        // Stopped while holding the mutex: the kill lands with the mutex held.
        notePending(QStringLiteral("the kill of mutex holder %1").arg(holder), Cause::ChildKill);
        ::kill(holder, SIGKILL);
        ++result.holderKills;
        ++(kindOf(holder) == ipc::layout::Kind::Consumer ? result.consumerKills
                                                         : result.producerKills);
        return true;
    }

    void killChild(int number)
    {
        if (number % 3 == 2 && killHolder(200ms))
            return;
        auto kind = number % 2 == 0 ? ipc::layout::Kind::Producer : ipc::layout::Kind::Consumer;
        const pid_t victim = pickChild(kind);
        if (victim == 0)
            return;
        const bool producer = kind == ipc::layout::Kind::Producer;
        notePending(QStringLiteral("the kill of %1 child %2").arg(roleOf(kind)).arg(victim),
                    Cause::ChildKill);
        if (::kill(victim, SIGKILL) == 0)
            ++(producer ? result.producerKills : result.consumerKills);
    }

    void killServer()
    {
        const int index = static_cast<int>(rng.bounded(2u));
        ServerProcess& server = *servers[index];
        const quint16 port = server.port();
        const std::vector<pid_t> children = server.children();
        say(QStringLiteral("killing server %1 (pid %2) and its %3 children")
                .arg(index)
                .arg(server.pid())
                .arg(children.size()));
        notePending(QStringLiteral("the kill of server %1").arg(server.pid()), Cause::ServerKill);
        ::kill(server.pid(), SIGKILL);
        for (pid_t child : children)
            ::kill(child, SIGKILL);
        server.killHard(); // waits for it
        ++result.serverKills;
        // Its children are ours now (subreaper); the sampler reaps them.
        if (startServer(index, port))
            say(QStringLiteral("restarted server %1 on port %2 (pid %3)")
                    .arg(index)
                    .arg(port)
                    .arg(servers[index]->pid()));
    }

    /// What a person needs to see about a wedge: the mutex's books, the semaphores, and what
    /// every server child is doing.
    QString diagnosis() const
    {
        QStringList lines;
        lines << MutexPeek(names).describe();
        if (auto snap = ipc::inspect(names)) {
            lines << QStringLiteral("semaphores: mutex %1 empty %2 full %3; queued %4; handed "
                                    "back %5")
                         .arg(snap->sem_mutex)
                         .arg(snap->sem_empty)
                         .arg(snap->sem_full)
                         .arg(snap->queued(options.mode))
                         .arg(snap->orphans[static_cast<std::uint32_t>(options.mode)]);
        }
        for (const auto& server : servers) {
            if (!server)
                continue;
            lines << QStringLiteral("server %1:").arg(server->pid());
            for (pid_t child : server->children()) {
                QFile wchan(QStringLiteral("/proc/%1/wchan").arg(child));
                const QByteArray where =
                    wchan.open(QIODevice::ReadOnly) ? wchan.readAll() : QByteArray("?");
                lines << QStringLiteral("  child %1 state %2 in %3")
                             .arg(child)
                             .arg(QChar::fromLatin1(processState(child)))
                             .arg(QString::fromLatin1(where));
            }
        }
        return lines.join(u'\n');
    }

    bool drained() const
    {
        if (!last)
            return false;
        if (last->queued(options.mode) > 0)
            return false;
        for (const ipc::ParticipantInfo& p : last->participants) {
            if (p.kind == ipc::layout::Kind::Consumer && (p.held > 0 || p.orphaned))
                return false;
        }
        return true;
    }

    /// From half to one and a half times `mean`, at random.
    milliseconds gap(milliseconds mean)
    {
        return milliseconds(mean.count() / 2 +
                            rng.bounded(static_cast<quint32>(std::max<qint64>(1, mean.count()))));
    }
};

/// The stop phase: one server child at a time is stopped (SIGSTOP) for kShortestStop to
/// kLongestStop, then let go (SIGCONT); every other time it is the child caught holding the
/// mutex (as the kill phase catches one), when one is caught within 200 ms. One at a time, so
/// that the stall after a SIGCONT is that stop's and no other's.
struct ChaosRun::StopPhase
{
    using Clock = State::Clock;

    State& s;
    int number = 0;
    QString what; ///< "consumer child 123"
    bool holder = false;
    Clock::time_point since;
    Clock::time_point until;
    Clock::time_point next; ///< the next stop, at the earliest

    explicit StopPhase(State& state) : s(state)
    {
        next = Clock::now() + s.gap(s.options.stopEvery);
    }

    bool busy() const { return s.stoppedChild != 0; }
    bool due() const { return !busy() && Clock::now() >= next; }

    void stopOne()
    {
        auto kind =
            (number / 2) % 2 == 0 ? ipc::layout::Kind::Producer : ipc::layout::Kind::Consumer;
        pid_t child = number++ % 2 == 1 ? s.catchHolder(200ms) : 0;
        holder = child != 0;
        if (holder) {
            kind = s.kindOf(child);
            s.beginHold(); // nothing moves while it holds the mutex (SHM), by design
        } else {
            child = s.pickChild(kind);
            if (child == 0 || ::kill(child, SIGSTOP) != 0)
                return;
        }
        s.stoppedChild = child;
        what = QStringLiteral("%1 child %2").arg(State::roleOf(kind)).arg(child);
        since = Clock::now();
        const auto span = kLongestStop - kShortestStop;
        until = since + kShortestStop +
                milliseconds(s.rng.bounded(static_cast<quint32>(span.count()) + 1));
        ++s.result.stops;
        if (holder)
            ++s.result.holderStops;
    }

    /// From the sampler: lets the stopped child go once its time is up, and measures the
    /// stall from there.
    void continueDue()
    {
        if (!busy() || Clock::now() < until)
            return;
        const pid_t child = std::exchange(s.stoppedChild, 0);
        const auto length = std::chrono::duration_cast<milliseconds>(Clock::now() - since);
        s.result.longestStop = std::max(s.result.longestStop, length);
        next = Clock::now() + s.gap(s.options.stopEvery);
        const char state = processState(child);
        if (state != 0 && state != 'Z') {
            s.notePending(QStringLiteral("the SIGCONT of %1 (stopped %2%3)")
                              .arg(what, ms(length),
                                   holder ? QStringLiteral(" holding the mutex") : QString()),
                          State::Cause::Continue);
            ::kill(child, SIGCONT);
        } // else it died meanwhile, with the server killed half-way
        if (holder)
            s.endHold();
    }

    /// Waits until nothing is stopped (at most kLongestStop).
    void waitIdle()
    {
        waitUntil([this] { return !busy(); }, kLongestStop + 1s);
    }
};

/// A function the sampler calls on every tick while the hook exists.
class SamplerHook
{
public:
    SamplerHook(QTimer& sampler, std::function<void()> hook)
        : m_connection(QObject::connect(&sampler, &QTimer::timeout, std::move(hook)))
    {}
    ~SamplerHook() { QObject::disconnect(m_connection); }
    SamplerHook(const SamplerHook&) = delete;
    SamplerHook& operator=(const SamplerHook&) = delete;

private:
    QMetaObject::Connection m_connection;
};

/// The teach phase: a tool of the prefix (an attachment of its own, as a server window is)
/// watches the steps throughout and, at random times, slows every participant down for a while
/// or pauses them all and lets a few single steps through, then resumes. A pause holds the flow
/// on purpose: its time is not counted in stalls.
struct ChaosRun::TeachPhase
{
    using Clock = State::Clock;

    State& s;
    std::optional<ipc::Attachment> teacher;
    Clock::time_point next;  ///< the next slow-down or pause
    Clock::time_point until; ///< the end of the one going on
    bool pausing = false;
    bool slowing = false;

    explicit TeachPhase(State& state) : s(state)
    {
        ipc::Config config;
        config.prefix = s.options.prefix;
        auto attached = ipc::Attachment::attach(config, s.options.mode);
        if (!attached) {
            s.problem(QStringLiteral("teach: cannot attach: ") +
                      QString::fromStdString(ipc::describe(attached.error())));
            return;
        }
        teacher = std::move(attached).value();
        teacher->set_watching(true);
        next = Clock::now() + s.gap(s.options.teachEvery);
    }

    ~TeachPhase() { finish(); }

    /// From the main loop: starts, steps through and ends slow-downs and pauses.
    void tick()
    {
        if (!teacher)
            return;
        const auto now = Clock::now();
        if (pausing || slowing) {
            if (pausing && s.rng.bounded(4u) == 0) {
                teacher->grant_step(0); // one step of whoever comes first
                ++s.result.teachSteps;
            }
            if (now >= until)
                resume();
            return;
        }
        if (now < next)
            return;
        until = now + 150ms + milliseconds(s.rng.bounded(250u));
        if (s.rng.bounded(2u) == 0) {
            pausing = true;
            s.beginHold(); // nothing moves but single steps, by design
            teacher->set_paused(true);
            ++s.result.teachPauses;
        } else {
            slowing = true;
            teacher->set_tempo(milliseconds(1 + s.rng.bounded(5u)));
            ++s.result.teachSlowDowns;
        }
    }

    void resume()
    {
        if (pausing) {
            teacher->set_paused(false);
            s.endHold();
        }
        if (slowing)
            teacher->set_tempo(0ms);
        pausing = slowing = false;
        next = Clock::now() + s.gap(s.options.teachEvery);
    }

    /// Back to full speed and out of the prefix, before the servers leave it.
    void finish()
    {
        if (!teacher)
            return;
        resume();
        teacher->set_watching(false);
        if (auto left = teacher->detach(); !left)
            s.problem(QStringLiteral("teach: detach: ") +
                      QString::fromStdString(ipc::describe(left.error())));
        teacher.reset();
    }
};

/// The pause-reset phase: two consumers on raw sockets, one on each server, take a window of
/// names and never acknowledge them, then reset their connections (SO_LINGER 0). Every other
/// round the producers are stopped first (SIGSTOP to the socket_cl processes) and the buffer
/// drained, so that the names handed back go to consumers waiting on an empty buffer (issue
/// 12, case 1); the other rounds reset under full flow. The hand-back time runs from the
/// resets until the reset consumers' server children have handed back every name and no
/// handed-back name is left waiting. The names they held were never acknowledged: the real
/// consumers must still get each of them (checked at the end against the ledger).
struct ChaosRun::PauseResetPhase
{
    using Clock = State::Clock;

    /// A consumer that answers "consumer" to Task? and then only reads.
    struct GreedyConsumer
    {
        RawClient socket;
        bool answered = false;
        QList<QByteArray> names;
        pid_t child = 0; ///< its server child

        void read()
        {
            socket.readAvailable();
            QByteArray& in = socket.received();
            qsizetype begin = 0;
            for (qsizetype end; (end = in.indexOf('\n', begin)) >= 0; begin = end + 1) {
                const QByteArray line = in.mid(begin, end - begin);
                if (!answered) {
                    answered = socket.sendAll("consumer\n");
                    continue;
                }
                if (!line.startsWith("ERROR"))
                    names << line;
            }
            in.remove(0, begin);
        }
    };

    State& s;
    StopPhase& stops;
    Clock::time_point next;
    QList<QByteArray> held; ///< every name a reset consumer held

    PauseResetPhase(State& state, StopPhase& stopPhase) : s(state), stops(stopPhase)
    {
        next = Clock::now() + s.gap(s.options.pauseResetEvery);
    }

    bool due() const { return Clock::now() >= next; }

    void stopProducers(int signal)
    {
        for (const auto& producer : s.producers)
            ::kill(producer->pid(), signal);
    }

    /// Nothing handed back is left: the reset consumers' children have left (their slots are
    /// freed once every name they held has been adopted) and no other names wait as orphans.
    bool handedBack(const std::vector<pid_t>& children) const
    {
        const auto snap = s.snapshot();
        if (!snap || snap->orphans[static_cast<std::uint32_t>(s.options.mode)] > 0)
            return false;
        for (const ipc::ParticipantInfo& p : snap->participants) {
            if (std::find(children.begin(), children.end(), p.pid) != children.end())
                return false;
        }
        return true;
    }

    void round()
    {
        // A stopped mutex holder would hold the hand-back up: its own phase's business.
        stops.waitIdle();
        const bool paused = s.result.pauseResetRounds % 2 == 1;
        std::vector<std::unique_ptr<GreedyConsumer>> greedy;
        for (const auto& server : s.servers) {
            greedy.push_back(std::make_unique<GreedyConsumer>());
            if (!greedy.back()->socket.open(server->port()))
                s.problem(QStringLiteral("a raw consumer could not open a socket"));
        }
        // A window each (a slow --rate may give fewer: they reset with what they have).
        waitUntil(
            [&greedy] {
                bool full = true;
                for (const auto& g : greedy) {
                    g->read();
                    full &= g->names.size() >= kGreedyWindow;
                }
                return full;
            },
            5s);
        std::vector<pid_t> children;
        for (const auto& g : greedy) {
            g->child = peerProcess(g->socket.fd(), s.serverChildren());
            if (g->child == 0)
                s.problem(QStringLiteral("the server child of a raw consumer holding %1 names "
                                         "was not found")
                              .arg(g->names.size()));
            children.push_back(g->child);
        }
        if (paused) {
            s.beginHold();
            stopProducers(SIGSTOP);
            // The real consumers take what is left and wait on an empty buffer.
            waitUntil(
                [this] {
                    const auto snap = s.snapshot();
                    return snap && snap->queued(s.options.mode) == 0;
                },
                3s);
        }
        for (const auto& g : greedy) {
            s.result.resetHeld += g->names.size();
            held << g->names;
            g->socket.close(true);
        }
        QElapsedTimer handBack;
        handBack.start();
        const bool back = waitUntil([&] { return handedBack(children); }, kHandBackGivesUp);
        const milliseconds took(handBack.elapsed());
        if (paused) {
            stopProducers(SIGCONT);
            s.endHold();
            ++s.result.pausedRounds;
        }
        ++s.result.pauseResetRounds;
        s.result.maxHandBack = std::max(s.result.maxHandBack, took);
        const QString round =
            QStringLiteral("the reset of consumers holding %1 and %2 names, producers %3")
                .arg(greedy[0]->names.size())
                .arg(greedy[1]->names.size())
                .arg(paused ? QStringLiteral("stopped") : QStringLiteral("running"));
        if (!back) {
            s.problem(QStringLiteral("names handed back after %1 still waited after %2\n%3")
                          .arg(round, ms(took), s.diagnosis()));
        } else if (took > kHandBackFails) {
            s.problem(QStringLiteral("names handed back after %1 took %2 to reach a consumer")
                          .arg(round, ms(took)));
        }
        if (took > kHandBackPromised) {
            ++s.result.handBacksOverOneSecond;
            s.say(QStringLiteral("hand-back took %1 after %2").arg(ms(took), round));
        }
        next = Clock::now() + s.gap(s.options.pauseResetEvery);
    }

    /// At the end: every name a reset consumer held must have reached a real consumer.
    void checkDelivered()
    {
        QStringList missing;
        for (const QByteArray& name : held) {
            const auto tag = DeliveryLedger::parseTag(name);
            if (tag && s.ledger.delivered(tag->source, tag->seq))
                continue;
            ++s.result.resetHeldNotDelivered;
            if (missing.size() < 10)
                missing << QString::fromUtf8(name);
        }
        if (!missing.isEmpty())
            s.problem(QStringLiteral("%1 names held by reset consumers never reached a consumer "
                                     "(first: %2)")
                          .arg(s.result.resetHeldNotDelivered)
                          .arg(missing.join(QStringLiteral(", "))));
    }
};

ChaosRun::ChaosRun(ChaosOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{}

ChaosRun::~ChaosRun() = default;

ChaosResult ChaosRun::run()
{
    m_state = std::make_unique<State>();
    State& s = *m_state;
    s.options = m_options;
    s.result.seed = m_options.seed != 0 ? m_options.seed : QRandomGenerator::global()->generate();
    s.result.phases = m_options.phases.toString();
    s.rng.seed(s.result.seed);
    QElapsedTimer elapsed;
    elapsed.start();

    auto names = ipc::ObjectNames::from_prefix(m_options.prefix);
    if (!names) {
        s.problem(QString::fromStdString(ipc::describe(names.error())));
        return s.result;
    }
    s.names = names.value();
    if (!becomeSubreaper())
        s.problem(QStringLiteral("cannot become a subreaper; killed servers' children may be "
                                 "left as zombies"));

    QObject::connect(&s.sampler, &QTimer::timeout, [&s] { s.sample(); });
    s.sampler.start(kSampleEvery);

    // Two servers; producers and consumers alternate between them, so names cross ports.
    if (!s.startServer(0, 0) || !s.startServer(1, 0))
        return s.result;
    s.receivedLines.assign(static_cast<std::size_t>(m_options.consumers), 0);
    for (int i = 0; i < m_options.consumers; ++i) {
        auto handler = [&s, i](QByteArrayView line) {
            if (s.ledger.recordLine(line))
                ++s.receivedLines[static_cast<std::size_t>(i)];
        };
        if (!s.startClient(s.consumers, ClientProcess::consumer(s.servers[i % 2]->port(), 0),
                           handler))
            return s.result;
    }
    for (int i = 0; i < m_options.producers; ++i) {
        const QByteArray source = "p" + QByteArray::number(i);
        if (!s.startClient(
                s.producers,
                ClientProcess::producer(s.servers[i % 2]->port(), source, 0, m_options.rate),
                nullptr))
            return s.result;
    }
    if (!waitUntil([&s] { return s.last && s.taken(*s.last) > 0; }, 20s)) {
        s.problem(QStringLiteral("no name moved within 20 s of the start"));
        return s.result;
    }
    s.say(QStringLiteral("names flow; chaos for %1").arg(ms(m_options.duration)));

    // The chaos, each phase at its own random times: a child killed every killEvery on average
    // (from half to one and a half times it) and the whole server once, half-way; a child
    // stopped for a while, one at a time; a round of consumers resetting with names in hand.
    s.measuring = true;
    s.lastMove = State::Clock::now();
    const ChaosPhases& phases = m_options.phases;
    StopPhase stops(s);
    PauseResetPhase rounds(s, stops);
    std::optional<TeachPhase> teaching;
    if (phases.teach)
        teaching.emplace(s);
    // From the sampler, which also runs while a phase waits in its own loop: a SIGCONT, and
    // the end of a pause (a pause-reset round waits for names to be handed back), come on
    // time. Disconnected before the phases go out of scope, whichever way run() returns.
    const SamplerHook hooks(s.sampler, [&stops, &teaching] {
        stops.continueDue();
        if (teaching)
            teaching->tick();
    });
    const auto start = State::Clock::now();
    const auto end = start + m_options.duration;
    auto nextKill = start + s.gap(m_options.killEvery);
    bool serverKilled = !m_options.killWholeServer;
    int kills = 0;
    for (auto now = start; now < end; now = State::Clock::now()) {
        // In slices, so that a stop due after a SIGCONT (which the sampler sends) starts on time.
        runEventsFor(std::min(10ms, std::chrono::ceil<milliseconds>(end - now)));
        now = State::Clock::now();
        if (phases.kill && now >= nextKill) {
            if (!serverKilled && now - start >= m_options.duration / 2) {
                serverKilled = true;
                stops.waitIdle(); // its stall is the kill's alone
                s.killServer();
            } else {
                s.killChild(kills++);
            }
            nextKill = State::Clock::now() + s.gap(m_options.killEvery);
        }
        if (phases.stop && stops.due())
            stops.stopOne();
        if (phases.pauseReset && rounds.due())
            rounds.round();
        if (s.wedged()) {
            if (s.stoppedChild != 0)
                ::kill(s.stoppedChild, SIGCONT);
            return s.result;
        }
    }
    while (phases.pauseReset && s.result.pauseResetRounds < m_options.minimumPauseResetRounds) {
        rounds.round();
        if (s.wedged())
            return s.result;
    }
    // Let the last stop end and the last kills settle before anyone stops.
    if (teaching)
        teaching->finish();
    stops.waitIdle();
    if (!waitUntil([&s] { return s.pending.empty(); }, kWedge)) {
        s.problem(QStringLiteral("wedged: names stopped moving after the last kills\n%1")
                      .arg(s.diagnosis()));
        return s.result;
    }
    s.measuring = false;
    s.say(QStringLiteral("chaos over: %1 producer kills, %2 consumer kills, %3 server kills, %4 "
                         "stops, %5 pause-reset rounds")
              .arg(s.result.producerKills)
              .arg(s.result.consumerKills)
              .arg(s.result.serverKills)
              .arg(s.result.stops)
              .arg(s.result.pauseResetRounds));

    // Producers stop (they wait for their OKs and print their tally)...
    for (auto& producer : s.producers)
        producer->terminate();
    for (auto& producer : s.producers) {
        if (!producer->waitForExit(20s) || producer->exitCode() != 0)
            s.problem(QStringLiteral("producer did not end well: ") + producer->describe());
    }
    // ...the consumers empty the buffer...
    QElapsedTimer drain;
    drain.start();
    int calm = 0;
    const bool drainedInTime = waitUntil(
        [&s, &calm] {
            calm = s.drained() ? calm + 1 : 0;
            return calm >= 5;
        },
        30s);
    s.result.drainTime = milliseconds(drain.elapsed());
    if (!drainedInTime)
        s.problem(QStringLiteral("the buffer did not drain within 30 s: %1 names still queued")
                      .arg(s.last ? s.last->queued(m_options.mode) : 0));
    // ...and stop.
    for (auto& consumer : s.consumers)
        consumer->terminate();
    for (std::size_t i = 0; i < s.consumers.size(); ++i) {
        ClientProcess& consumer = *s.consumers[i];
        if (!consumer.waitForExit(20s) || consumer.exitCode() != 0)
            s.problem(QStringLiteral("consumer did not end well: ") + consumer.describe());
        const auto total = findTally(consumer.tallies(), {}, "received");
        if (!total || total->number("received") != s.receivedLines[i])
            s.problem(QStringLiteral("consumer %1 printed %2 names but its tally says %3")
                          .arg(i)
                          .arg(s.receivedLines[i])
                          .arg(total ? total->number("received") : -1));
    }
    if (s.last) {
        s.result.mutexRecoveries = s.last->mutex_recoveries;
        s.result.participantsReaped = s.last->participants_reaped;
    }
    // The sampler reaps adopted children: it would take the sessions' clients from QProcess.
    s.sampler.stop();
    // The back-to-back sessions, on an empty buffer with nobody else connected: names of one
    // session found in another's consumer would be names left over.
    if (phases.sessions && drainedInTime) {
        s.say(QStringLiteral("%1 back-to-back sessions of %2 names")
                  .arg(m_options.sessions)
                  .arg(m_options.sessionNames));
        SessionsOptions sessions;
        sessions.producerPort = s.servers[0]->port();
        sessions.consumerPort = s.servers[1]->port();
        sessions.sessions = m_options.sessions;
        sessions.names = m_options.sessionNames;
        sessions.progress = m_options.progress;
        const SessionsResult done = runBackToBackSessions(sessions);
        s.result.sessionsRun = done.run;
        s.result.sessionNames = m_options.sessionNames;
        s.result.orderViolations = done.orderViolations;
        s.result.longestSession = done.longest;
        for (const QString& problem : done.problems)
            s.problem(problem);
        if (done.run < m_options.sessions && done.problems.isEmpty())
            s.problem(
                QStringLiteral("only %1 of %2 sessions ran").arg(done.run).arg(m_options.sessions));
    }
    for (auto& server : s.servers) {
        if (server && !server->quit())
            s.problem(QStringLiteral("a server did not quit cleanly: ") +
                      QString::fromUtf8(server->log().right(400)));
    }
    if (auto left = ipc::inspect(s.names);
        left && (left->control_present || left->sem_mutex >= 0 || left->mq_present))
        s.problem(QStringLiteral("objects left after both servers quit"));
    const bool reaped = waitUntil(
        [&s] {
            reapAdopted(s.started);
            return adoptedChildren(s.started).empty();
        },
        5s);
    if (!reaped)
        s.problem(QStringLiteral("children of the killed server are still around"));

    // The books.
    QSet<QByteArray> sources;
    for (int i = 0; i < m_options.producers; ++i) {
        const QByteArray source = "p" + QByteArray::number(i);
        sources.insert(source);
        const auto tally = findTally(s.producers[static_cast<std::size_t>(i)]->tallies(), source);
        if (!tally) {
            s.problem(QStringLiteral("producer %1 printed no tally").arg(i));
            continue;
        }
        const DeliveryLedger::Check check = s.ledger.check(source, tally->number("acknowledged"));
        s.result.perSource << check;
        s.result.acknowledged += check.acknowledged;
        s.result.lost += check.lost;
        s.result.duplicates += check.duplicates;
        s.result.beyond += check.beyond;
        if (check.acknowledged <= 0)
            s.problem(QStringLiteral("producer %1 got no OK at all").arg(i));
    }
    s.result.received = s.ledger.total();
    for (const QByteArray& source : s.ledger.sources()) {
        if (!sources.contains(source))
            s.problem(QStringLiteral("names of an unknown source '%1' were delivered")
                          .arg(QString::fromLatin1(source)));
    }
    if (s.ledger.untagged() > 0)
        s.problem(QStringLiteral("%1 delivered names had no tag").arg(s.ledger.untagged()));
    rounds.checkDelivered();
    s.result.elapsed = milliseconds(elapsed.elapsed());
    return s.result;
}

} // namespace prodcons::acceptance
