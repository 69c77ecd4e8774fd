#include "chaos_run.h"

#include "client_process.h"
#include "event_wait.h"
#include "ipc/snapshot.h"
#include "mutex_peek.h"
#include "process_tree.h"
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

namespace {

// A kill after which nothing moves for this long is a wedge, not a stall.
constexpr auto kWedge = 10s;
constexpr auto kSampleEvery = 10ms;

QString ms(milliseconds duration)
{
    return QStringLiteral("%1 ms").arg(duration.count());
}

} // namespace

QString ChaosResult::summary() const
{
    QStringList lines;
    lines << QStringLiteral("seed: %1").arg(seed);
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
    lines << QStringLiteral("stalls over 1 s: %1; longest time with no name moving: %2")
                 .arg(stallsOverOneSecond)
                 .arg(ms(longestStill));
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

    struct PendingKill
    {
        Clock::time_point at;
        quint64 put = 0;
        quint64 taken = 0;
        bool server = false;
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
    std::vector<PendingKill> pending;

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

    /// Every few milliseconds: have names moved since each kill?
    void sample()
    {
        reapAdopted(started);
        auto snap = snapshot();
        if (!snap)
            return;
        const auto now = Clock::now();
        const quint64 p = put(*snap);
        const quint64 t = taken(*snap);
        if (measuring && (p != lastPut || t != lastTaken)) {
            result.longestStill = std::max(
                result.longestStill, std::chrono::duration_cast<milliseconds>(now - lastMove));
            lastMove = now;
        }
        lastPut = p;
        lastTaken = t;
        for (auto it = pending.begin(); it != pending.end();) {
            if (p > it->put && t > it->taken) {
                const auto stall = std::chrono::duration_cast<milliseconds>(now - it->at);
                auto& worst =
                    it->server ? result.maxStallAfterServerKill : result.maxStallAfterKill;
                worst = std::max(worst, stall);
                if (stall > 1s) {
                    ++result.stallsOverOneSecond;
                    say(QStringLiteral("names moved again %1 after %2").arg(ms(stall), it->what));
                }
                it = pending.erase(it);
            } else {
                ++it;
            }
        }
        last = std::move(snap);
    }

    void notePending(const QString& what, bool server)
    {
        PendingKill kill;
        kill.at = Clock::now();
        kill.server = server;
        kill.what = what;
        if (last) {
            kill.put = put(*last);
            kill.taken = taken(*last);
        }
        // The freshest figures: names moved since the last sample do not count as progress.
        if (auto snap = snapshot()) {
            kill.put = put(*snap);
            kill.taken = taken(*snap);
        }
        pending.push_back(kill);
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

    /// The children of our servers that serve a producer (or a consumer) now.
    std::vector<pid_t> childrenServing(ipc::layout::Kind kind) const
    {
        const std::vector<pid_t> ours = serverChildren();
        std::vector<pid_t> found;
        if (!last)
            return found;
        for (const ipc::ParticipantInfo& p : last->participants) {
            if (p.kind == kind && p.alive && !p.orphaned &&
                std::find(ours.begin(), ours.end(), p.pid) != ours.end())
                found.push_back(p.pid);
        }
        return found;
    }

    /// Tries for up to `budget` to kill one of our children while it holds the mutex, on a
    /// thread of its own (the event loop must keep reading the consumers' output): whenever
    /// one is recorded as the holder it is stopped (SIGSTOP); if it still holds the mutex once
    /// stopped it is killed, else it goes on (SIGCONT). Critical sections last microseconds,
    /// so this succeeds now and then (mostly when the holder was preempted), not every time.
    bool killHolder(milliseconds budget)
    {
        const MutexPeek peek(names);
        if (!peek.valid())
            return false;
        const std::vector<pid_t> ours = serverChildren();
        std::atomic<pid_t> killed{0};
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
                    killed.store(holder);
                    break;
                }
                ::kill(holder, SIGCONT);
            }
            done.store(true);
        });
        waitUntil([&] { return done.load(); }, budget + 1s);
        hunter.join();
        const pid_t holder = killed.load();
        if (holder == 0)
            return false;
        // Stopped while holding the mutex: the kill lands with the mutex held.
        notePending(QStringLiteral("the kill of mutex holder %1").arg(holder), false);
        ::kill(holder, SIGKILL);
        ++result.holderKills;
        bool consumer = false;
        if (last) {
            for (const ipc::ParticipantInfo& p : last->participants)
                consumer |= p.pid == holder && p.kind == ipc::layout::Kind::Consumer;
        }
        ++(consumer ? result.consumerKills : result.producerKills);
        return true;
    }

    void killChild(int number)
    {
        if (number % 3 == 2 && killHolder(200ms))
            return;
        auto kind = number % 2 == 0 ? ipc::layout::Kind::Producer : ipc::layout::Kind::Consumer;
        std::vector<pid_t> candidates = childrenServing(kind);
        if (candidates.empty()) {
            kind = kind == ipc::layout::Kind::Producer ? ipc::layout::Kind::Consumer
                                                       : ipc::layout::Kind::Producer;
            candidates = childrenServing(kind);
        }
        if (candidates.empty())
            return;
        const pid_t victim = candidates[rng.bounded(static_cast<quint32>(candidates.size()))];
        const bool producer = kind == ipc::layout::Kind::Producer;
        notePending(QStringLiteral("the kill of %1 child %2")
                        .arg(producer ? QStringLiteral("producer") : QStringLiteral("consumer"))
                        .arg(victim),
                    false);
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
        notePending(QStringLiteral("the kill of server %1").arg(server.pid()), true);
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
            lines << QStringLiteral("semaphores: mutex %1 empty %2 full %3; queued %4")
                         .arg(snap->sem_mutex)
                         .arg(snap->sem_empty)
                         .arg(snap->sem_full)
                         .arg(snap->queued(options.mode));
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

    // The chaos: a child killed every killEvery on average (from half to one and a half times
    // it), the whole server once, half-way.
    s.measuring = true;
    s.lastMove = State::Clock::now();
    QElapsedTimer chaos;
    chaos.start();
    bool serverKilled = !m_options.killWholeServer;
    int kills = 0;
    while (chaos.elapsed() < m_options.duration.count()) {
        const auto gap = milliseconds(
            m_options.killEvery.count() / 2 +
            s.rng.bounded(static_cast<quint32>(std::max<qint64>(1, m_options.killEvery.count()))));
        runEventsFor(gap);
        if (!serverKilled && chaos.elapsed() >= m_options.duration.count() / 2) {
            serverKilled = true;
            s.killServer();
        } else {
            s.killChild(kills++);
        }
        for (const auto& pendingKill : s.pending) {
            if (State::Clock::now() - pendingKill.at > kWedge) {
                s.problem(QStringLiteral("wedged: no name moved within %1 after %2\n%3")
                              .arg(ms(kWedge), pendingKill.what, s.diagnosis()));
                if (qEnvironmentVariableIsSet("PRODCONS_CHAOS_HOLD_WEDGE")) // for a debugger
                    runEventsFor(std::chrono::seconds(
                        qEnvironmentVariableIntValue("PRODCONS_CHAOS_HOLD_WEDGE")));
                return s.result;
            }
        }
    }
    // Let the last kills settle before anyone stops.
    if (!waitUntil([&s] { return s.pending.empty(); }, kWedge)) {
        s.problem(QStringLiteral("wedged: names stopped moving after the last kills\n%1")
                      .arg(s.diagnosis()));
        return s.result;
    }
    s.measuring = false;
    s.say(QStringLiteral("chaos over: %1 producer kills, %2 consumer kills, %3 server kills")
              .arg(s.result.producerKills)
              .arg(s.result.consumerKills)
              .arg(s.result.serverKills));

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
    s.sampler.stop();
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
    s.result.elapsed = milliseconds(elapsed.elapsed());
    return s.result;
}

} // namespace prodcons::acceptance
