// The forking server with real TCP clients: two servers sharing one buffer, both modes side by
// side, names in flight when a consumer leaves or is killed, hostile input while others flow,
// a flood of connections, and no zombie or leaked descriptor after many connections.
#include "child_process.h"
#include "forking_server.h"
#include "ipc/process_state.h"
#include "ipc_test_helpers.h"
#include "ipc_test_prefix.h"
#include "server_fixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <csignal>
#include <memory>

using namespace prodcons;
using namespace prodcons::server;
using namespace std::chrono_literals;
using test::connectAs;
using test::consume;
using test::numbered_bytes;

namespace {

int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
}

} // namespace

class tst_ServerForking : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::unique_ptr<test::ServerFixture> m_servers;

private slots:
    void init()
    {
        m_prefix = std::make_unique<test::IpcTestPrefix>();
        m_servers = std::make_unique<test::ServerFixture>(*m_prefix);
    }

    void cleanup()
    {
        test::kill_at_fault_point(nullptr); // a test that failed half-way may have left one
        m_servers.reset();                  // stops them: children ended and reaped
        QVERIFY(!test::zombie_child_exists());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    void twoServersShareOneBuffer_data()
    {
        QTest::addColumn<bool>("mq");
        QTest::newRow("SHM") << false;
        QTest::newRow("MQ") << true;
    }

    void twoServersShareOneBuffer()
    {
        QFETCH(bool, mq);
        const ipc::Mode mode = mq ? ipc::Mode::Mq : ipc::Mode::Shm;
        ForkingServer& a = m_servers->start(mode);
        ForkingServer& b = m_servers->start(mode);
        QVERIFY(a.serverPort() != b.serverPort());
        auto producer = connectAs(a.serverPort(), "producer");
        auto consumer = connectAs(b.serverPort(), "consumer");
        QVERIFY(producer && consumer);

        constexpr int kNames = 1000;
        QByteArray all;
        for (int i = 0; i < kNames; ++i)
            all += numbered_bytes(i) + "\n";
        producer->send(all); // pipelined: far more than the buffer holds
        const QList<QByteArray> names = consume(*consumer, kNames);
        QCOMPARE(names.size(), kNames);
        for (int i = 0; i < kNames; ++i)
            QCOMPARE(names[i], numbered_bytes(i)); // exactly once, in order
        for (int i = 0; i < kNames; ++i)
            QCOMPARE(producer->readLine(), QByteArray("OK"));
        // Both servers' tables show their child with its role.
        QTRY_COMPARE(a.children().size(), 1u);
        QTRY_COMPARE(int(a.children()[0].role), int(ChildRole::Producer));
        QTRY_VERIFY(!b.children().empty() && b.children()[0].names == quint64(kNames));
        QCOMPARE(b.bufferSnapshot()->live_users[int(mode)], 2u);
    }

    void shmAndMqServersSideBySideDoNotShare()
    {
        ForkingServer& shm = m_servers->start(ipc::Mode::Shm);
        ForkingServer& mq = m_servers->start(ipc::Mode::Mq);
        auto producer = connectAs(shm.serverPort(), "producer");
        auto mqConsumer = connectAs(mq.serverPort(), "consumer");
        auto shmConsumer = connectAs(shm.serverPort(), "consumer");
        producer->send("only-in-shm\n");
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QCOMPARE(shmConsumer->readLine(), QByteArray("only-in-shm"));
        QCOMPARE(mqConsumer->readLine(300), QByteArray("<timeout>"));
    }

    // The race on purpose is a prefix's, while the server that asked for it runs: every
    // server of the prefix sees it, and it ends with that server.
    void theRaceModeIsThePrefixsWhileItsServerRuns()
    {
        server::ServerConfig racing;
        racing.race = true;
        ForkingServer& other = m_servers->start(ipc::Mode::Mq);
        QVERIFY(!other.teachingState().race);
        ForkingServer& racer = m_servers->start(ipc::Mode::Shm, racing);
        QVERIFY(racer.teachingState().race);
        QVERIFY(other.teachingState().race); // the same control block
        racer.stopNow();
        QVERIFY(!other.teachingState().race);
    }

    // Hardening case 6: Ctrl-Z on a terminal socket_srv stops its process group. Children in
    // that group would stop with it, holding the mutex for every server of the prefix.
    void childrenHaveAProcessGroupOfTheirOwn()
    {
        server::ForkingServer& server = m_servers->start(ipc::Mode::Shm);
        auto client = connectAs(server.serverPort(), "producer");
        QVERIFY(client);
        QTRY_COMPARE(server.children().size(), std::size_t{1});
        const pid_t child = server.children().front().pid;
        QTRY_COMPARE(::getpgid(child), child); // it calls setpgid just after fork
        QVERIFY(::getpgid(child) != ::getpgrp());
    }

    // Hardening case 6: a child stopped while it holds the mutex stalls every flow of the
    // prefix, and nobody may take the mutex from it. The server says so once, naming the
    // process, and once when it is over.
    void aStoppedMutexHolderIsReportedOnceAndItsEndToo()
    {
        ForkingServer& server = m_servers->start(ipc::Mode::Shm);
        QSignalSpy events(&server, &ForkingServer::logged);
        QSignalSpy began(&server, &ForkingServer::stallBegan);
        QSignalSpy ended(&server, &ForkingServer::stallEnded);
        test::stop_at_fault_point("put:stored"); // inherited by the child forked next
        auto producer = connectAs(server.serverPort(), "producer");
        test::kill_at_fault_point(nullptr); // the child has its copy; nothing else stops
        QVERIFY(producer);
        QTRY_COMPARE(server.children().size(), std::size_t{1});
        const pid_t child = server.children().front().pid;
        // If the test fails half-way: let it finish its put, so the server stops as usual.
        const auto resume = qScopeGuard([child] { ::kill(child, SIGCONT); });
        producer->send("held\n");
        QVERIFY(test::wait_for_state(child, ipc::ProcessState::Stopped));

        const QString pid = QString::number(child);
        const auto logged = [&](ServerEvent::Kind kind, Severity severity) {
            int count = 0;
            for (const auto& e : events) {
                const auto event = e.at(0).value<ServerEvent>();
                count += event.kind == kind && event.severity == severity && event.pid == child;
            }
            return count;
        };
        QTRY_COMPARE_WITH_TIMEOUT(began.count(), 1, 10000);
        const QString text = began.at(0).at(0).toString();
        QVERIFY2(text.contains(
                     QStringLiteral("process %1 (a producer child of this server, SHM mode) is "
                                    "stopped")
                         .arg(pid)),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("kill -CONT ") + pid), qPrintable(text));
        QCOMPARE(logged(ServerEvent::Kind::StallBegan, Severity::Warning), 1);
        // Still stalled over several more ticks: no second report.
        QDeadlineTimer window(1000);
        while (!window.hasExpired()) {
            QTest::qWait(50);
            QCOMPARE(began.count(), 1);
        }
        QCOMPARE(ended.count(), 0);

        ::kill(child, SIGCONT);
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 10000);
        QCOMPARE(logged(ServerEvent::Kind::StallEnded, Severity::Info), 1);
        QCOMPARE(began.count(), 1);
        QCOMPARE(logged(ServerEvent::Kind::StallBegan, Severity::Warning), 1);
    }

    void aConsumerLeavingWithNamesInFlightLosesNone()
    {
        ForkingServer& a = m_servers->start(ipc::Mode::Shm);
        ForkingServer& b = m_servers->start(ipc::Mode::Shm);
        auto producer = connectAs(a.serverPort(), "producer");
        QByteArray ten;
        for (int i = 0; i < 10; ++i)
            ten += numbered_bytes(i) + "\n";
        producer->send(ten);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(producer->readLine(), QByteArray("OK"));

        auto leaving = connectAs(b.serverPort(), "consumer");
        for (int i = 0; i < 10; ++i)
            QCOMPARE(leaving->readLine(), numbered_bytes(i)); // all sent ahead of the OKs
        leaving->send("OK\nOK\nOK\n");
        QTRY_VERIFY(!b.children().empty() && b.children()[0].names == 3);
        leaving->close();
        QTRY_COMPARE(b.childCount(), 0);

        auto next = connectAs(b.serverPort(), "consumer");
        const QList<QByteArray> rest = consume(*next, 7);
        QCOMPARE(rest.size(), 7);
        for (int i = 0; i < 7; ++i)
            QCOMPARE(rest[i], numbered_bytes(i + 3));
    }

    void aKilledConsumerChildLosesNone()
    {
        ForkingServer& server = m_servers->start(ipc::Mode::Shm);
        auto producer = connectAs(server.serverPort(), "producer");
        producer->send("one\ntwo\nthree\n");
        for (int i = 0; i < 3; ++i)
            QCOMPARE(producer->readLine(), QByteArray("OK"));
        auto victim = connectAs(server.serverPort(), "consumer");
        QCOMPARE(victim->readLine(), QByteArray("one"));
        QCOMPARE(victim->readLine(), QByteArray("two"));
        QCOMPARE(victim->readLine(), QByteArray("three"));
        pid_t victimPid = 0;
        for (const ChildView& child : server.children())
            if (child.role == ChildRole::Consumer)
                victimPid = child.pid;
        QVERIFY(victimPid > 0);
        QSignalSpy ended(&server, &ForkingServer::childEnded);
        ::kill(victimPid, SIGKILL);
        QVERIFY(ended.wait());
        const auto view = ended.takeFirst().at(0).value<ChildView>();
        QVERIFY(!view.normalEnd);
        QVERIFY(view.endText.contains(QLatin1String("signal 9")));

        auto next = connectAs(server.serverPort(), "consumer");
        QCOMPARE(consume(*next, 3), (QList<QByteArray>{"one", "two", "three"}));
    }

    void hostileClientsGetTheirAnswerWhileOthersFlow()
    {
        ServerConfig config;
        // Long enough for a loaded machine to move a megabyte before the silent one times out.
        config.limits.role_timeout = 3s;
        ForkingServer& server = m_servers->start(ipc::Mode::Shm, config);
        auto producer = connectAs(server.serverPort(), "producer");
        auto consumer = connectAs(server.serverPort(), "consumer");

        QtLineClient huge, binary, unknown, silent;
        for (QtLineClient* c : {&huge, &binary, &unknown, &silent}) {
            QVERIFY(c->connectTo(server.serverPort()));
            QCOMPARE(c->readLine(), QByteArray("Task?"));
        }
        huge.send(QByteArray(1 << 20, 'x') + "\n");
        binary.send(QByteArray("\x00\xff\x01\x80\n", 5));
        unknown.send("spectator\n");
        producer->send("during-the-attack\n");
        const QByteArray invalid = "ERROR: invalid task; use 'producer' or 'consumer'";
        QCOMPARE(huge.readLine(), invalid);
        QCOMPARE(binary.readLine(), invalid);
        QCOMPARE(unknown.readLine(), invalid);
        QCOMPARE(silent.readLine(), QByteArray("ERROR: no task within 3 s"));
        for (QtLineClient* c : {&huge, &binary, &unknown, &silent})
            QVERIFY(c->waitForClose());
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QCOMPARE(consumer->readLine(), QByteArray("during-the-attack"));
        consumer->send("OK\n");
        producer->send("after-the-attack\n");
        QCOMPARE(consumer->readLine(), QByteArray("after-the-attack"));
    }

    void aFloodOfConnectionsIsServedOrToldTheServerIsBusy()
    {
        ServerConfig config;
        config.maxChildren = 100;
        ForkingServer& server = m_servers->start(ipc::Mode::Shm, config);
        constexpr int kClients = 500;
        std::vector<std::unique_ptr<QtLineClient>> clients;
        for (int i = 0; i < kClients; ++i) {
            clients.push_back(std::make_unique<QtLineClient>());
            clients.back()->socket().connectToHost(QHostAddress::LocalHost, server.serverPort());
        }
        int greeted = 0;
        int busy = 0;
        for (auto& client : clients) {
            const QByteArray line = client->readLine(30000);
            greeted += line == "Task?";
            busy += line == "ERROR: server busy";
        }
        QCOMPARE(greeted + busy, kClients);
        QCOMPARE(greeted, config.maxChildren);
        for (auto& client : clients)
            client->abort(); // all dropped at once
        QTRY_COMPARE_WITH_TIMEOUT(server.childCount(), 0, 30000);
        // And the server still serves.
        auto producer = connectAs(server.serverPort(), "producer");
        QVERIFY(producer);
        producer->send("still-alive\n");
        QCOMPARE(producer->readLine(), QByteArray("OK"));
    }

    void theClientsOfOneServerCannotTakeThePlacesOfAnother()
    {
        // 16 participant slots: 14 for the servers' clients, 2 kept for the servers themselves.
        ServerConfig config;
        config.ipc.geometry.participants = 16;
        config.maxChildren = 10;
        ForkingServer& a = m_servers->start(ipc::Mode::Shm, config);
        ForkingServer& b = m_servers->start(ipc::Mode::Shm, config);
        QCOMPARE(a.maxChildren(), 10);
        QCOMPARE(b.maxChildren(), 4); // what A left

        // Ten clients of A that say their role and then nothing hold all of A's places...
        std::vector<std::unique_ptr<QtLineClient>> idle;
        for (int i = 0; i < 10; ++i) {
            idle.push_back(connectAs(a.serverPort(), "producer"));
            QVERIFY(idle.back());
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.childCount(), 10, 10000);
        // ... and B still serves its four,
        std::vector<std::unique_ptr<QtLineClient>> producers;
        for (int i = 0; i < 4; ++i) {
            producers.push_back(connectAs(b.serverPort(), "producer"));
            QVERIFY(producers.back());
            QVERIFY(test::put(*producers.back(), {numbered_bytes(i)}));
        }
        // and tells a fifth that it is busy rather than failing it on a full table.
        QtLineClient fifth;
        QVERIFY(fifth.connectTo(b.serverPort()));
        QCOMPARE(fifth.readLine(), QByteArray("ERROR: server busy"));

        // A third server finds no place left for its clients and says so when it starts.
        ServerConfig third = config;
        third.port = 0;
        third.ipc = m_prefix->config(config.ipc.geometry);
        ForkingServer refused;
        QVERIFY(!refused.start(third));
        QVERIFY2(refused.lastError().contains(QLatin1String("--max-children")),
                 qPrintable(refused.lastError()));
    }

    void manyConnectionsLeaveNoZombieAndNoDescriptor()
    {
        ForkingServer& server = m_servers->start(ipc::Mode::Shm);
        auto cycle = [&](int i) {
            QtLineClient client;
            if (!client.connectTo(server.serverPort()) || client.readLine() != "Task?")
                return false;
            if (i % 2 == 0)
                client.send("consumer\n");
            client.close();
            return true;
        };
        QVERIFY(cycle(0)); // the first connection may create Qt's lazily made descriptors
        QTRY_COMPARE(server.childCount(), 0);
        const int before = openDescriptors();
        constexpr int kCycles = 1000;
        for (int i = 1; i <= kCycles; ++i)
            QVERIFY2(cycle(i), qPrintable(QStringLiteral("cycle %1").arg(i)));
        QTRY_COMPARE_WITH_TIMEOUT(server.childCount(), 0, 20000);
        QVERIFY(!test::zombie_child_exists());
        QCOMPARE(openDescriptors(), before);
    }

    void stoppingEndsChildrenAndTheLastServerRemovesTheObjects()
    {
        ForkingServer& a = m_servers->start(ipc::Mode::Shm);
        ForkingServer& b = m_servers->start(ipc::Mode::Shm);
        auto consumer = connectAs(a.serverPort(), "consumer");
        auto producer = connectAs(b.serverPort(), "producer");
        producer->send("left-behind\n");
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QCOMPARE(consumer->readLine(), QByteArray("left-behind")); // held, never acknowledged
        QTRY_COMPARE(a.childCount(), 1);

        QSignalSpy stoppedA(&a, &ForkingServer::stopped);
        a.stop();
        QVERIFY(stoppedA.wait());
        QVERIFY(consumer->waitForClose());
        QVERIFY(!a.isRunning());
        QVERIFY(!m_prefix->leftovers().isEmpty()); // b still uses them
        // The name a's consumer held went back to the buffer.
        QCOMPARE(b.bufferSnapshot()->queued(ipc::Mode::Shm), 1u);

        QSignalSpy events(&b, &ForkingServer::logged);
        QSignalSpy stoppedB(&b, &ForkingServer::stopped);
        b.stop();
        QVERIFY(stoppedB.wait());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        bool discardedAnnounced = false;
        for (const auto& e : events) {
            const auto event = e.at(0).value<ServerEvent>();
            discardedAnnounced |= event.kind == ServerEvent::Kind::Lifecycle &&
                                  event.lifecycle == ipc::LifecycleEvent::Kind::NamesDiscarded &&
                                  event.count == 1 && event.severity == Severity::Warning;
        }
        QVERIFY(discardedAnnounced);
    }

    void aPortInUseIsReportedAndLeavesNothingBehind()
    {
        ForkingServer& first = m_servers->start(ipc::Mode::Shm);
        test::IpcTestPrefix other;
        ServerConfig config;
        config.port = first.serverPort();
        config.ipc = other.config();
        ForkingServer second;
        QVERIFY(!second.start(config));
        QCOMPARE(second.serverError(), QAbstractSocket::AddressInUseError);
        QVERIFY(!second.lastError().isEmpty());
        QCOMPARE(other.leftovers(), QStringList());
    }

    // stopped() comes from the event loop also when no child has to end first: whoever
    // connects to it right after calling stop() hears it, once.
    void stoppedComesAfterStopReturnsEvenWithoutChildren()
    {
        ForkingServer& server = m_servers->start(ipc::Mode::Shm);
        QCOMPARE(server.childCount(), 0);
        server.stop();
        QSignalSpy stopped(&server, &ForkingServer::stopped); // only now
        QVERIFY(server.isStopping());
        QTRY_COMPARE(stopped.count(), 1);
        QVERIFY(!server.isRunning());
        QVERIFY(!server.isStopping());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        QCoreApplication::sendPostedEvents(); // anything still queued for the server
        QCOMPARE(stopped.count(), 1);
    }

    // stopNow() after stop(), as a destructor does: finished at once, without the event loop,
    // and the finish stop() had queued does nothing to a server started again meanwhile.
    void stopNowFinishesAQueuedStopAtOnce()
    {
        ServerConfig config;
        config.port = 0;
        config.ipc = m_prefix->config();
        ForkingServer server;
        QVERIFY2(server.start(config), qPrintable(server.lastError()));
        QSignalSpy stopped(&server, &ForkingServer::stopped);
        server.stop();
        server.stopNow();
        QCOMPARE(stopped.count(), 1);
        QVERIFY(!server.isRunning());
        QCOMPARE(m_prefix->leftovers(), QStringList());

        QVERIFY2(server.start(config), qPrintable(server.lastError()));
        QCoreApplication::sendPostedEvents(); // the finish stop() queued runs now
        QVERIFY(server.isRunning());
        QVERIFY(!server.isStopping());
        QCOMPARE(stopped.count(), 1);
        auto producer = connectAs(server.serverPort(), "producer");
        QVERIFY(producer);
        producer->send("still-serving\n");
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        producer->close();
        server.stopNow();
        QCOMPARE(stopped.count(), 2);
    }
};

QTEST_GUILESS_MAIN(tst_ServerForking)
#include "tst_server_forking.moc"
