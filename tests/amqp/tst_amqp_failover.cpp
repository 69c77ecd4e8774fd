// The AMQP mode on a three-node RabbitMQ cluster: the node that leads the queue stops while
// names flow; the quorum queue elects another leader, names flow again, and nothing a producer
// got OK for is lost. The cluster is the test's own (scripts/broker.sh --nodes 3), started once
// for the test case: some 30 s on two vCPUs.
#include "amqp/broker_settings.h"
#include "amqp/queue.h"
#include "client_process.h"
#include "delivery_ledger.h"
#include "event_wait.h"
#include "process_tree.h"
#include "server_process.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>
#include <memory>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;
using prodcons::test::waitUntil;

class tst_AmqpFailover : public QObject
{
    Q_OBJECT

private:
    QString m_script;
    QString m_root;
    int m_port = 0;
    bool m_started = false;
    QSet<pid_t> m_processes;

    /// broker.sh with `arguments` for the test's cluster; true if it succeeded.
    bool cluster(QStringList arguments, std::chrono::seconds timeout = 120s)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        // A busy machine may take minutes to form the cluster: broker.sh's own deadline then.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PRODCONS_BROKER_TIMEOUT"),
                           QString::number(timeout.count()));
        process.setProcessEnvironment(environment);
        arguments << QStringLiteral("--root") << m_root;
        process.start(m_script, arguments);
        // With the event loop running: the clients' output is read (and timed) meanwhile.
        const bool done = waitUntil([&process] { return process.state() == QProcess::NotRunning; },
                                    timeout + 10s) &&
                          process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
        if (!done)
            qWarning("broker.sh %s: %s", qPrintable(arguments.join(u' ')),
                     process.readAll().constData());
        return done;
    }

    /// The number of the node that leads `queue` (0 if broker.sh cannot tell).
    int leader(const std::string& queue)
    {
        QProcess process;
        process.start(m_script, {QStringLiteral("leader"), QString::fromStdString(queue),
                                 QStringLiteral("--root"), m_root});
        if (!process.waitForFinished(60000) || process.exitCode() != 0)
            return 0;
        return process.readAllStandardOutput().trimmed().toInt();
    }

    QString node(int number) const
    {
        return QStringLiteral("amqp://127.0.0.1:%1/").arg(m_port + number - 1);
    }

private slots:
    void initTestCase()
    {
        m_script = qEnvironmentVariable("PRODCONS_TEST_BROKER_SCRIPT");
        m_root = qEnvironmentVariable("PRODCONS_TEST_CLUSTER_ROOT");
        m_port = qEnvironmentVariableIntValue("PRODCONS_TEST_CLUSTER_PORT");
        if (m_script.isEmpty() || m_root.isEmpty() || m_port == 0)
            QSKIP("no PRODCONS_TEST_CLUSTER_*: run through ctest (tests/amqp)");
        QVERIFY(becomeSubreaper());
        QVERIFY(cluster({QStringLiteral("start"), QStringLiteral("--nodes"), QStringLiteral("3"),
                         QStringLiteral("--port"), QString::number(m_port)},
                        300s));
        m_started = true;
    }

    void cleanupTestCase()
    {
        if (m_started)
            QVERIFY(cluster({QStringLiteral("stop")}));
        waitUntil(
            [this] {
                reapAdopted(m_processes);
                return adoptedChildren(m_processes).empty();
            },
            10s);
    }

    void theLeaderStopsAndNamesFlowAgainWithNothingLost()
    {
        const std::string prefix = "/pct_amqpf_" + std::to_string(::getpid());
        const auto onNode = [&](int number) {
            auto server = std::make_unique<ServerProcess>(
                ipc::Mode::Shm, prefix, QStringList{QStringLiteral("--broker"), node(number)});
            server->setModeOption(QStringLiteral("-amqp"));
            if (!server->start())
                qWarning("socket_srv did not start: %s", server->log().constData());
            m_processes.insert(server->pid());
            return server;
        };
        // A quorum queue is led by the node its declaring client is connected to: a server on
        // node 3 declares it, and leaves. The servers that carry the names use nodes 1 and 2.
        {
            auto declaring = onNode(3);
            QVERIFY(declaring->running());
            QVERIFY(declaring->quit());
        }
        const std::string queue = amqp::queue_name(prefix);
        QCOMPARE(leader(queue), 3);
        auto a = onNode(1);
        auto b = onNode(2);
        QVERIFY(a->running() && b->running());

        DeliveryLedger ledger;
        // The longest time without a delivery, from just before the leader stops (what a
        // person watching the consumer would see as the failover's stall).
        QElapsedTimer clock;
        clock.start();
        qint64 lastDelivery = -1;
        qint64 longestGap = 0;
        bool watchingGaps = false;
        QStringList consumerArguments = ClientProcess::consumer(b->port(), 0);
        consumerArguments << QStringLiteral("--reconnect");
        ClientProcess consumer(consumerArguments);
        consumer.setLineHandler([&](QByteArrayView line) {
            if (!ledger.recordLine(line))
                return;
            const qint64 now = clock.elapsed();
            if (watchingGaps && lastDelivery >= 0)
                longestGap = std::max(longestGap, now - lastDelivery);
            lastDelivery = now;
        });
        QVERIFY(consumer.start());
        m_processes.insert(consumer.pid());
        // 500 names a second (--rate is per minute) until told to stop, again after any lost
        // connection: it still produces however long the leader takes to stop.
        QStringList producerArguments =
            ClientProcess::producer(a->port(), "f", 0, QStringLiteral("30000"));
        producerArguments << QStringLiteral("--reconnect");
        ClientProcess producer(producerArguments);
        QVERIFY(producer.start());
        m_processes.insert(producer.pid());
        QVERIFY(waitUntil([&] { return ledger.total() >= 500; }, 30s));

        watchingGaps = true;
        QElapsedTimer sinceStop;
        sinceStop.start();
        QVERIFY(cluster({QStringLiteral("stop-node"), QStringLiteral("3")}));
        const qint64 stopTook = sinceStop.elapsed();
        const qint64 atStop = ledger.total();
        // Flowing again: a hundred more names than when the leader was gone.
        QVERIFY2(waitUntil([&] { return ledger.total() >= atStop + 100; }, 60s),
                 qPrintable(producer.describe() + consumer.describe()));
        qInfo("the leader's stop took %lld ms; 100 more names arrived %lld ms after it began; "
              "the longest time without a delivery: %lld ms",
              stopTook, sinceStop.elapsed(), longestGap);
        const int newLeader = leader(queue);
        QVERIFY2(newLeader == 1 || newLeader == 2, qPrintable(QString::number(newLeader)));

        producer.terminate(); // it waits for its last OKs and prints its tally
        QVERIFY2(producer.waitForExit(60s) && producer.exitCode() == 0,
                 qPrintable(producer.describe()));
        const auto tally = findTally(producer.tallies(), "f");
        QVERIFY(tally);
        const qint64 acknowledged = tally->number("acknowledged");
        QVERIFY(acknowledged > atStop);
        QVERIFY2(waitUntil([&] { return ledger.check("f", acknowledged).lost == 0; }, 30s),
                 "names acknowledged to the producer did not all arrive");
        const DeliveryLedger::Check books = ledger.check("f", acknowledged);
        qInfo("acknowledged %lld, delivered %lld, lost %lld, duplicates %lld", acknowledged,
              books.delivered, books.lost, books.duplicates);
        QCOMPARE(books.lost, 0);
        QCOMPARE(books.beyond, 0);
        consumer.kill();
        QVERIFY(a->quit() && b->quit());
        // The queue and its names go with the cluster (cleanupTestCase).
    }
};

QTEST_GUILESS_MAIN(tst_AmqpFailover)
#include "tst_amqp_failover.moc"
