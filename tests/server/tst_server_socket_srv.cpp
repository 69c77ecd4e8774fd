// socket_srv as a person uses it: the classic command line, 'quit' on stdin, end of stdin,
// signals, --status and --cleanup, a port in use, and a restart after kill -9.
#include "child_process.h"
#include "ipc/attachment.h"
#include "ipc/endpoint.h"
#include "ipc/process_state.h"
#include "ipc_test_helpers.h"
#include "ipc_test_prefix.h"
#include "qt_line_client.h"
#include "test_support.h"

#include <QProcess>
#include <QTcpServer>
#include <QTest>
#include <csignal>
#include <memory>
#include <optional>

using namespace prodcons;

class tst_ServerSocketSrv : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::vector<std::unique_ptr<QProcess>> m_processes;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PRODCONS_IPC_PREFIX"),
                   QString::fromStdString(m_prefix->prefix()));
        return env;
    }

    QProcess& launch(const QStringList& arguments)
    {
        m_processes.push_back(std::make_unique<QProcess>());
        QProcess& p = *m_processes.back();
        p.setProcessEnvironment(environment());
        p.start(test::binaryPath(QStringLiteral("socket_srv")), arguments);
        return p;
    }

    /// Runs to completion; returns the exit code, with stdout and stderr in the outputs.
    int run(const QStringList& arguments, QByteArray* out = nullptr, QByteArray* err = nullptr)
    {
        QProcess& p = launch(arguments);
        p.closeWriteChannel();
        if (!p.waitForFinished(20000))
            return -1;
        if (out)
            *out = p.readAllStandardOutput();
        if (err)
            *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    }

    /// Starts a server on a free port and waits until it listens; `*port` says which. socket_srv
    /// takes no port 0, so a port that someone took meanwhile is tried again with another.
    QProcess* serve(const QString& mode, quint16* port = nullptr)
    {
        QProcess* server = nullptr;
        const quint16 used = test::startOnFreePort([&](quint16 candidate) {
            QProcess& p = launch({mode, QString::number(candidate)});
            if (waitForOutput(p, "listening on").contains("listening on")) {
                server = &p;
                return test::PortAttempt::Started;
            }
            p.closeWriteChannel();
            if (!p.waitForFinished(10000))
                return test::PortAttempt::Failed;
            return p.exitCode() == 1 && p.readAllStandardError().contains("already in use")
                       ? test::PortAttempt::PortInUse
                       : test::PortAttempt::Failed;
        });
        if (port)
            *port = used;
        return server;
    }

    /// What the process printed until `text` appeared (or the time ran out).
    static QByteArray waitForOutput(QProcess& p, const QByteArray& text, int timeoutMs = 20000)
    {
        QByteArray seen;
        QDeadlineTimer deadline(timeoutMs);
        while (!seen.contains(text) && !deadline.hasExpired()) {
            if (!p.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
                break;
            seen += p.readAllStandardOutput();
        }
        return seen;
    }

private slots:
    void init() { m_prefix = std::make_unique<test::IpcTestPrefix>(); }

    void cleanup()
    {
        for (auto& p : m_processes) {
            if (p->state() != QProcess::NotRunning) {
                p->kill();
                p->waitForFinished(5000);
            }
        }
        m_processes.clear();
        m_prefix->remove_all(); // after a deliberate kill -9 something may remain
        m_prefix.reset();
    }

    void usageErrorsSayWhatIsWrong_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("nothing") << QStringList{} << QByteArray("choose one mode");
        QTest::newRow("both modes")
            << QStringList{"-shm", "-mq", "1234"} << QByteArray("choose one mode");
        QTest::newRow("no port") << QStringList{"-shm"} << QByteArray("give one TCP port");
        QTest::newRow("bad port") << QStringList{"-mq", "99999"} << QByteArray("give one TCP port");
        QTest::newRow("bad prefix")
            << QStringList{"-shm", "1234", "--prefix", "no/slash"} << QByteArray("--prefix takes");
        QTest::newRow("slot size too small")
            << QStringList{"-shm", "1234", "--slot-size", "15"} << QByteArray("--slot-size takes");
        QTest::newRow("slot size too large")
            << QStringList{"-mq", "1234", "--slot-size", "8193"} << QByteArray("--slot-size takes");
        // Refused while reading the command line: nothing of /prodcons is touched.
        QTest::newRow("race on the default prefix")
            << QStringList{"-shm", "1234", "--race", "--prefix", "/prodcons"}
            << QByteArray("--race is never used on the default prefix");
        QTest::newRow("slot size not a number")
            << QStringList{"-mq", "1234", "--slot-size", "8k"} << QByteArray("not '8k'");
    }

    void usageErrorsSayWhatIsWrong()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        QByteArray err;
        QCOMPARE(run(arguments, nullptr, &err), 2);
        QVERIFY2(err.contains(message), err.constData());
    }

    void helpShowsTheClassicUsage()
    {
        QByteArray out;
        QCOMPARE(run({QStringLiteral("--help")}, &out), 0);
        QVERIFY(out.contains("-shm"));
        QVERIFY(out.contains("-mq"));
        QVERIFY(out.contains("--status"));
    }

    void quitOnStdinStopsAndRemovesTheObjects()
    {
        quint16 port = 0;
        QProcess* server = serve(QStringLiteral("-shm"), &port);
        QVERIFY(server);
        QtLineClient producer;
        QVERIFY(producer.connectTo(port));
        QCOMPARE(producer.readLine(), QByteArray("Task?"));
        producer.send("producer\nAda\n");
        QCOMPARE(producer.readLine(), QByteArray("OK"));

        server->write("quit\n");
        QVERIFY(server->waitForFinished(10000));
        QCOMPARE(server->exitCode(), 0);
        // The count is only in the words of the log (typed events will carry it otherwise).
        const QByteArray log = server->readAllStandardOutput();
        QVERIFY2(log.contains("1 queued name was discarded"), log.constData());
        QCOMPARE(m_prefix->leftovers(), QStringList()); // removed
        QVERIFY(producer.waitForClose());
    }

    void endOfStdinAndSignalsStopCleanly_data()
    {
        QTest::addColumn<int>("how"); // 0: end of stdin, else a signal number
        QTest::newRow("end of stdin") << 0;
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
    }

    void endOfStdinAndSignalsStopCleanly()
    {
        QFETCH(int, how);
        QProcess* server = serve(QStringLiteral("-mq"));
        QVERIFY(server);
        if (how == 0)
            server->closeWriteChannel();
        else
            ::kill(pid_t(server->processId()), how);
        QVERIFY(server->waitForFinished(10000));
        QCOMPARE(server->exitStatus(), QProcess::NormalExit);
        QCOMPARE(server->exitCode(), 0);
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void statusShowsObjectsOccupancyAndServers()
    {
        quint16 port = 0;
        QProcess* server = serve(QStringLiteral("-shm"), &port);
        QVERIFY(server);
        QtLineClient producer;
        QVERIFY(producer.connectTo(port));
        QCOMPARE(producer.readLine(), QByteArray("Task?"));
        producer.send("producer\nAda\nGrace\n");
        QCOMPARE(producer.readLine(), QByteArray("OK"));
        QCOMPARE(producer.readLine(), QByteArray("OK"));

        QByteArray out;
        QCOMPARE(run({QStringLiteral("--status")}, &out), 0);
        QVERIFY2(out.contains("SHM ring: 2 of 10 names"), out.constData());
        QVERIFY2(out.contains("slot 0: Ada"), out.constData());
        QVERIFY2(
            out.contains("live servers: SHM 1 (pids " + QByteArray::number(server->processId())),
            out.constData());
        QVERIFY2(out.contains("_full") && out.contains("value 2"), out.constData());
        server->write("quit\n");
        QVERIFY(server->waitForFinished(10000));
    }

    // Hardening case 6: a participant stopped while it holds the mutex is named in --status,
    // with its role, its server and what lets it go on.
    void statusNamesAStoppedMutexHolder()
    {
        // The test is the server here: the holder is a producer child of this process.
        std::optional<ipc::Attachment> server =
            test::attach_or_die(m_prefix->config(), ipc::Mode::Shm);
        const ipc::Attachment& attachment = *server;
        const pid_t holder = test::fork_child([&] {
            ipc::Endpoint producer = test::join_or_die(attachment, ipc::Endpoint::Role::Producer);
            test::stop_at_fault_point("put:stored");
            return producer.put("held") ? 0 : 2;
        });
        test::ChildGuard guard(holder);
        QVERIFY(test::wait_for_state(holder, ipc::ProcessState::Stopped));

        QByteArray out;
        QCOMPARE(run({QStringLiteral("--status")}, &out), 0);
        const QByteArray expected = "STALLED: mutex held by process " + QByteArray::number(holder) +
                                    " (a producer child of server " +
                                    QByteArray::number(::getpid()) +
                                    ", SHM mode), which is stopped";
        QVERIFY2(out.contains(expected), out.constData());
        QVERIFY2(out.contains("kill -CONT " + QByteArray::number(holder)), out.constData());

        ::kill(holder, SIGCONT);
        QCOMPARE(test::exit_code(test::wait_child(holder)), 0);
        QCOMPARE(run({QStringLiteral("--status")}, &out), 0);
        QVERIFY2(!out.contains("mutex held by"), out.constData());
        QCOMPARE(test::detach_and_list_leftovers(server, *m_prefix), QStringList());
    }

    void cleanupRemovesAndReports()
    {
        QProcess* server = serve(QStringLiteral("-mq"));
        QVERIFY(server);
        QByteArray out;
        QCOMPARE(run({QStringLiteral("--cleanup")}, &out), 0);
        QVERIFY2(out.contains("removed") && out.contains("1 live server was still attached"),
                 out.constData());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        QCOMPARE(run({QStringLiteral("--cleanup")}, &out), 0);
        QVERIFY2(out.contains("nothing to remove"), out.constData());
        server->write("quit\n");
        QVERIFY(server->waitForFinished(10000));
        QCOMPARE(m_prefix->leftovers(), QStringList()); // it did not remove others' objects
    }

    void aPortInUseIsAClearError()
    {
        QTcpServer holder;
        QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
        QByteArray err;
        QCOMPARE(run({QStringLiteral("-shm"), QString::number(holder.serverPort())}, nullptr, &err),
                 1);
        QVERIFY2(err.contains("already in use"), err.constData());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void quittingOneOfTwoServersRemovesNothing()
    {
        quint16 portA = 0;
        QProcess* a = serve(QStringLiteral("-shm"), &portA);
        QVERIFY(a);
        quint16 portB = 0;
        QProcess* b = serve(QStringLiteral("-shm"), &portB);
        QVERIFY(b);
        a->write("quit\n");
        QVERIFY(a->waitForFinished(10000));
        QCOMPARE(m_prefix->leftovers().size(), 4);
        QtLineClient producer, consumer;
        QVERIFY(producer.connectTo(portB) && consumer.connectTo(portB));
        QCOMPARE(producer.readLine(), QByteArray("Task?"));
        QCOMPARE(consumer.readLine(), QByteArray("Task?"));
        producer.send("producer\nstill-working\n");
        consumer.send("consumer\n");
        QCOMPARE(consumer.readLine(), QByteArray("still-working"));
        b->write("quit\n");
        QVERIFY(b->waitForFinished(10000));
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void aRestartAfterKillMinusNineRecoversTheNames()
    {
        quint16 port = 0;
        QProcess* first = serve(QStringLiteral("-shm"), &port);
        QVERIFY(first);
        {
            QtLineClient producer;
            QVERIFY(producer.connectTo(port));
            QCOMPARE(producer.readLine(), QByteArray("Task?"));
            producer.send("producer\nsurvivor-1\nsurvivor-2\n");
            QCOMPARE(producer.readLine(), QByteArray("OK"));
            QCOMPARE(producer.readLine(), QByteArray("OK"));
        }
        ::kill(pid_t(first->processId()), SIGKILL);
        QVERIFY(first->waitForFinished(10000));
        QVERIFY(!m_prefix->leftovers().isEmpty());

        // A port of its own (the old one may be anybody's by now): the buffer is what counts.
        QProcess* second = serve(QStringLiteral("-shm"), &port);
        QVERIFY(second);
        // The recovery shows in what the consumer gets: both names, in order.
        QtLineClient consumer;
        QVERIFY(consumer.connectTo(port));
        QCOMPARE(consumer.readLine(), QByteArray("Task?"));
        consumer.send("consumer\n");
        QCOMPARE(consumer.readLine(), QByteArray("survivor-1"));
        QCOMPARE(consumer.readLine(), QByteArray("survivor-2"));
        consumer.send("OK\nOK\n");
        second->write("quit\n");
        QVERIFY(second->waitForFinished(10000));
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_ServerSocketSrv)
#include "tst_server_socket_srv.moc"
