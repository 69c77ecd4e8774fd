// The classic checklist, end to end: socket_srv servers on real ports and socket_cl clients,
// each a process of its own, under the test's own IPC prefix. Names flow between two servers
// of one mode; an SHM and an MQ server work side by side without sharing names; quit removes
// every object only when the last server goes; restarts after a clean stop and after kill -9;
// and socket_srv --status while it all runs.
#include "client_process.h"
#include "event_wait.h"
#include "ipc/snapshot.h"
#include "ipc_test_prefix.h"
#include "process_tree.h"
#include "server_process.h"
#include "test_support.h"

#include <QProcess>
#include <QTest>
#include <memory>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;
using prodcons::test::waitUntil;

class tst_AcceptanceChecklist : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::vector<std::unique_ptr<ServerProcess>> m_servers;
    std::vector<std::unique_ptr<ClientProcess>> m_clients;
    QSet<pid_t> m_started;

    ServerProcess* serve(ipc::Mode mode, quint16 port = 0)
    {
        m_servers.push_back(std::make_unique<ServerProcess>(mode, m_prefix->prefix()));
        ServerProcess* server = m_servers.back().get();
        if (!server->start(port)) {
            qWarning("socket_srv did not start: %s", server->log().constData());
            return nullptr;
        }
        m_started.insert(server->pid());
        return server;
    }

    ClientProcess* launch(const QStringList& arguments)
    {
        m_clients.push_back(std::make_unique<ClientProcess>(arguments));
        ClientProcess* client = m_clients.back().get();
        if (!client->start())
            return nullptr;
        m_started.insert(client->pid());
        return client;
    }

    /// A client that must do its job and exit 0.
    bool finishes(ClientProcess* client)
    {
        if (client && client->waitForExit(30s) && client->exitCode() == 0)
            return true;
        qWarning("%s", client ? qPrintable(client->describe()) : "socket_cl did not start");
        return false;
    }

    /// `socket_srv --status` for the test's prefix.
    QByteArray status()
    {
        QProcess process;
        process.start(test::binaryPath(QStringLiteral("socket_srv")),
                      {QStringLiteral("--status"), QStringLiteral("--prefix"),
                       QString::fromStdString(m_prefix->prefix())});
        process.closeWriteChannel();
        if (!process.waitForFinished(20000) || process.exitCode() != 0)
            return "<status failed: " + process.readAllStandardError() + ">";
        return process.readAllStandardOutput();
    }

    /// What the objects of the test's prefix hold now (all zero when they cannot be read).
    ipc::Snapshot snapshot() const
    {
        auto seen = ipc::inspect(m_prefix->names());
        return seen ? *seen : ipc::Snapshot{};
    }

    /// Sends `count` tagged names from a producer on `from` to a consumer on `to` and checks
    /// both tallies: every name acknowledged, every name received once, in order.
    void flow(const ServerProcess& from, const ServerProcess& to, const QByteArray& source,
              int count)
    {
        // The children of earlier clients first notice their client left at their next look
        // (a consumer's may meanwhile take a name and hand it back, out of order): let them go.
        QVERIFY(waitUntil([&] { return from.children().empty() && to.children().empty(); }, 10s));
        ClientProcess* consumer = launch(ClientProcess::consumer(to.port(), count));
        ClientProcess* producer = launch(ClientProcess::producer(from.port(), source, count));
        QVERIFY(finishes(producer));
        QVERIFY(finishes(consumer));
        const auto sent = findTally(producer->tallies(), source);
        QVERIFY(sent);
        QCOMPARE(sent->number("sent"), count);
        QCOMPARE(sent->number("acknowledged"), count);
        const auto got = findTally(consumer->tallies(), source);
        QVERIFY2(got, qPrintable(consumer->describe()));
        QCOMPARE(got->number("distinct"), count);
        QCOMPARE(got->number("max"), count - 1);
        QCOMPARE(got->number("gaps"), 0);
        QCOMPARE(got->number("duplicates"), 0);
        QCOMPARE(findTally(consumer->tallies(), {}, "received")->number("received"), count);
        QCOMPARE(consumer->tallies().size(), 2); // this source and the total: nothing else
        // One producer, one FIFO buffer, one consumer: in order.
        int next = 0;
        for (const QByteArray& line : consumer->lines()) {
            if (!line.startsWith("received "))
                continue;
            QVERIFY2(line.endsWith("#" + source + "-" + QByteArray::number(next)),
                     line.constData());
            ++next;
        }
        QCOMPARE(next, count);
    }

    /// Objects of the prefix that exist, as short names ("shm", "mutex", ...).
    QStringList objects() const
    {
        QStringList found;
        const QString stem = QString::fromStdString(m_prefix->prefix()) + QLatin1Char('_');
        for (const QString& name : m_prefix->leftovers())
            found << QString(name).remove(stem);
        found.sort();
        return found;
    }

private slots:
    void initTestCase() { QVERIFY(becomeSubreaper()); }

    void init() { m_prefix = std::make_unique<test::IpcTestPrefix>(); }

    void cleanup()
    {
        m_clients.clear(); // kills any still running
        m_servers.clear();
        waitUntil(
            [this] {
                reapAdopted(m_started);
                return adoptedChildren(m_started).empty();
            },
            10s);
        QCOMPARE(adoptedChildren(m_started), std::vector<pid_t>());
        m_prefix.reset(); // removes what a failed test left
    }

    void namesFlowBetweenTwoServersOfOneMode_data()
    {
        QTest::addColumn<bool>("mq");
        QTest::newRow("SHM") << false;
        QTest::newRow("MQ") << true;
    }

    void namesFlowBetweenTwoServersOfOneMode()
    {
        QFETCH(bool, mq);
        const ipc::Mode mode = mq ? ipc::Mode::Mq : ipc::Mode::Shm;
        ServerProcess* a = serve(mode);
        ServerProcess* b = serve(mode);
        QVERIFY(a && b);
        QCOMPARE(snapshot().live_users[int(mode)], 2u); // b attached to a's objects
        flow(*a, *b, "atob", 500);
        flow(*b, *a, "btoa", 500);
        QVERIFY(a->quit());
        QVERIFY(b->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void shmAndMqServersWorkSideBySideAndDoNotShare()
    {
        ServerProcess* shm = serve(ipc::Mode::Shm);
        ServerProcess* mq = serve(ipc::Mode::Mq);
        QVERIFY(shm && mq);
        constexpr int kCount = 300;
        // Both flows at once, each through its own buffer.
        ClientProcess* shmConsumer = launch(ClientProcess::consumer(shm->port(), kCount));
        ClientProcess* mqConsumer = launch(ClientProcess::consumer(mq->port(), kCount));
        ClientProcess* shmProducer = launch(ClientProcess::producer(shm->port(), "viashm", kCount));
        ClientProcess* mqProducer = launch(ClientProcess::producer(mq->port(), "viamq", kCount));
        for (ClientProcess* client : {shmProducer, mqProducer, shmConsumer, mqConsumer})
            QVERIFY(finishes(client));
        // Each consumer saw its own mode's producer only.
        for (auto [consumer, own, other] :
             {std::tuple{shmConsumer, QByteArray("viashm"), QByteArray("viamq")},
              std::tuple{mqConsumer, QByteArray("viamq"), QByteArray("viashm")}}) {
            const auto mine = findTally(consumer->tallies(), own);
            QVERIFY2(mine, qPrintable(consumer->describe()));
            QCOMPARE(mine->number("distinct"), kCount);
            QCOMPARE(mine->number("gaps"), 0);
            QVERIFY(!findTally(consumer->tallies(), other));
        }
        const ipc::Snapshot seen = snapshot();
        for (ipc::Mode mode : {ipc::Mode::Shm, ipc::Mode::Mq}) {
            QCOMPARE(seen.names_put[int(mode)], std::uint64_t(kCount));
            QCOMPARE(seen.names_taken[int(mode)], std::uint64_t(kCount));
        }
        QVERIFY(shm->quit());
        QCOMPARE(objects(), QStringList({"mq", "mutex", "shm"})); // the SHM mode's are gone
        QVERIFY(mq->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void quitRemovesEveryObjectOnlyWithTheLastServer()
    {
        ServerProcess* first = serve(ipc::Mode::Shm);
        ServerProcess* second = serve(ipc::Mode::Shm);
        ServerProcess* queue = serve(ipc::Mode::Mq);
        QVERIFY(first && second && queue);
        flow(*first, *second, "before", 20);
        QCOMPARE(objects(), QStringList({"empty", "full", "mq", "mutex", "shm"}));

        // One of two SHM servers quits: nothing is removed, and the other keeps working.
        QVERIFY(first->quit());
        QCOMPARE(objects(), QStringList({"empty", "full", "mq", "mutex", "shm"}));
        flow(*second, *second, "after", 20);
        flow(*queue, *queue, "queued", 20);

        // The last of each mode removes its mode's objects; the very last removes the rest.
        QVERIFY(second->quit());
        QCOMPARE(objects(), QStringList({"mq", "mutex", "shm"}));
        QVERIFY(queue->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void aRestartAfterACleanStopStartsAfresh()
    {
        ServerProcess* server = serve(ipc::Mode::Shm);
        QVERIFY(server);
        const quint16 port = server->port();
        flow(*server, *server, "one", 50);
        QVERIFY(server->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());

        ServerProcess* again = serve(ipc::Mode::Shm, port);
        QVERIFY(again);
        // New objects: nothing of the first run is counted in them.
        const ipc::Snapshot fresh = snapshot();
        QVERIFY(fresh.control_present && fresh.shm_present);
        QCOMPARE(fresh.names_put[int(ipc::Mode::Shm)], 0u);
        QCOMPARE(fresh.names_taken[int(ipc::Mode::Shm)], 0u);
        QCOMPARE(fresh.queued(ipc::Mode::Shm), 0u);
        flow(*again, *again, "two", 50);
        QVERIFY(again->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void aRestartAfterKillMinusNineOfEveryServerRecovers_data()
    {
        QTest::addColumn<bool>("mq");
        QTest::newRow("SHM") << false;
        QTest::newRow("MQ") << true;
    }

    void aRestartAfterKillMinusNineOfEveryServerRecovers()
    {
        QFETCH(bool, mq);
        const ipc::Mode mode = mq ? ipc::Mode::Mq : ipc::Mode::Shm;
        ServerProcess* a = serve(mode);
        ServerProcess* b = serve(mode);
        QVERIFY(a && b);
        // Seven names wait in the buffer, and a slow producer (one name a minute) is connected
        // through a, so a has a child when it dies.
        ClientProcess* stored = launch(ClientProcess::producer(b->port(), "stale", 7));
        QVERIFY(finishes(stored));
        ClientProcess* slow =
            launch(ClientProcess::producer(a->port(), "slow", 0, QStringLiteral("1")));
        QVERIFY(slow);
        QVERIFY(waitUntil([&] { return snapshot().queued(mode) == 8; }, 20s));
        const std::vector<pid_t> orphans = a->children();
        QCOMPARE(orphans.size(), std::size_t(1));

        a->killHard();
        b->killHard();
        // a's child dies with its parent (it is told to); it is ours to reap now.
        QVERIFY(waitUntil(
            [&] {
                reapAdopted(m_started);
                return processState(orphans.front()) == 0;
            },
            10s));
        QVERIFY(!m_prefix->leftovers().isEmpty());
        QVERIFY(slow->waitForExit(10s)); // its server is gone; no --reconnect

        ServerProcess* restarted = serve(mode, a->port());
        QVERIFY(restarted);
        // It found the stale objects and kept what they held.
        QCOMPARE(snapshot().queued(mode), 8u);
        // The names that waited are there, and new ones flow.
        ClientProcess* consumer = launch(ClientProcess::consumer(restarted->port(), 8));
        QVERIFY(finishes(consumer));
        QCOMPARE(findTally(consumer->tallies(), "stale")->number("distinct"), 7);
        QCOMPARE(findTally(consumer->tallies(), "stale")->number("gaps"), 0);
        QCOMPARE(findTally(consumer->tallies(), "slow")->number("distinct"), 1);
        flow(*restarted, *restarted, "fresh", 100);
        QVERIFY(restarted->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void statusShowsObjectsOccupancyAndLiveServers()
    {
        ServerProcess* a = serve(ipc::Mode::Shm);
        ServerProcess* b = serve(ipc::Mode::Shm);
        ServerProcess* q = serve(ipc::Mode::Mq);
        QVERIFY(a && b && q);
        QVERIFY(finishes(launch(ClientProcess::producer(a->port(), "st", 6))));
        QVERIFY(finishes(launch(ClientProcess::producer(q->port(), "sq", 3))));
        ClientProcess* slow =
            launch(ClientProcess::producer(b->port(), "sl", 0, QStringLiteral("1")));
        QVERIFY(slow);
        QVERIFY(waitUntil([this] { return snapshot().queued(ipc::Mode::Shm) == 7; }, 20s));
        QCOMPARE(b->children().size(), std::size_t(1));
        const QByteArray report = status();
        const QByteArray stem = QByteArray::fromStdString(m_prefix->prefix()) + "_";
        for (const QByteArray& expected :
             {stem + "shm", QByteArray("control block and ring: 10 slots x 256 bytes"),
              stem + "mutex", stem + "empty", stem + "full", QByteArray("SHM ring: 7 of 10 names"),
              QByteArray("slot 0: "), QByteArray("#st-0"), QByteArray("#sl-0"),
              QByteArray("3 of 10 messages"),
              QByteArray("names stored / taken: SHM 7 / 0, MQ 3 / 0"),
              "live servers: SHM 2 (pids " + QByteArray::number(a->pid()) + ", " +
                  QByteArray::number(b->pid()) + "), MQ 1 (pids " + QByteArray::number(q->pid()) +
                  ")",
              "producer pid " + QByteArray::number(b->children().front()) + " (SHM)"})
            QVERIFY2(report.contains(expected),
                     qPrintable(QStringLiteral("no \"%1\" in:\n%2")
                                    .arg(QString::fromUtf8(expected), QString::fromUtf8(report))));
        slow->terminate();
        QVERIFY(slow->waitForExit());
        QVERIFY(a->quit());
        QVERIFY(b->quit());
        // The counts are only in the words of the log (typed events will carry them otherwise).
        QVERIFY2(b->log().contains("7 queued names were discarded"), b->log().constData());
        QVERIFY(q->quit());
        QVERIFY2(q->log().contains("3 queued names were discarded"), q->log().constData());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_AcceptanceChecklist)
#include "tst_acceptance_checklist.moc"
