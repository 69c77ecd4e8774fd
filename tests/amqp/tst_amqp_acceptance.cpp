// The AMQP mode end to end: socket_srv -amqp servers on real ports, socket_cl clients, the
// tests' private RabbitMQ as the buffer. Names flow between two servers of one broker, in
// order for one producer and one consumer and exactly once for four of each; kill -9 of a
// consumer's child and of a whole server loses nothing a producer got OK for; a full queue
// holds producers back; a broker that cannot be used is a clear error at once.
#include "amqp/broker_settings.h"
#include "amqp/queue.h"
#include "client_process.h"
#include "delivery_ledger.h"
#include "event_wait.h"
#include "process_tree.h"
#include "server_process.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <csignal>
#include <memory>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;
using prodcons::test::waitUntil;

class tst_AmqpAcceptance : public QObject
{
    Q_OBJECT

private:
    QString m_broker;
    amqp::BrokerSettings m_settings;
    std::string m_prefix;
    int m_number = 0;
    std::vector<std::unique_ptr<ServerProcess>> m_servers;
    std::vector<std::unique_ptr<ClientProcess>> m_clients;
    QSet<pid_t> m_started;

    std::string queue() const { return amqp::queue_name(m_prefix); }

    ServerProcess* serve(QStringList extra = {}, quint16 port = 0)
    {
        if (extra.isEmpty())
            extra = {QStringLiteral("--broker"), m_broker};
        m_servers.push_back(
            std::make_unique<ServerProcess>(ipc::Mode::Shm, m_prefix, std::move(extra)));
        ServerProcess* server = m_servers.back().get();
        server->setModeOption(QStringLiteral("-amqp"));
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

    bool finishes(ClientProcess* client)
    {
        if (client && client->waitForExit(60s) && client->exitCode() == 0)
            return true;
        qWarning("%s", client ? qPrintable(client->describe()) : "socket_cl did not start");
        return false;
    }

    /// A consumer whose every delivery goes to `ledger`, kept going across server losses.
    ClientProcess* ledgerConsumer(quint16 port, DeliveryLedger& ledger)
    {
        QStringList arguments = ClientProcess::consumer(port, 0);
        arguments << QStringLiteral("--reconnect");
        m_clients.push_back(std::make_unique<ClientProcess>(arguments));
        ClientProcess* client = m_clients.back().get();
        client->setLineHandler([&ledger](QByteArrayView line) { ledger.recordLine(line); });
        if (!client->start())
            return nullptr;
        m_started.insert(client->pid());
        return client;
    }

    /// The names the queue holds now (-1 when it cannot be asked).
    qint64 ready() const
    {
        auto counts = amqp::query_queue(m_settings, queue());
        return counts ? qint64(counts->ready) : -1;
    }

    /// socket_srv run once with `arguments`: its exit code, and what it printed.
    static std::pair<int, QByteArray> runOnce(const QStringList& arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(test::binaryPath(QStringLiteral("socket_srv")), arguments);
        process.closeWriteChannel();
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
            return {-1, "<did not finish within 30 s>"};
        }
        return {process.exitCode(), process.readAll()};
    }

    /// Every delivery of `sources` checked against their producers' OKs: none lost.
    static void checkNothingLost(const DeliveryLedger& ledger,
                                 const QList<std::pair<QByteArray, ClientProcess*>>& producers,
                                 bool exactlyOnce)
    {
        for (const auto& [source, producer] : producers) {
            const auto tally = findTally(producer->tallies(), source);
            QVERIFY2(tally, qPrintable(producer->describe()));
            const qint64 acknowledged = tally->number("acknowledged");
            QVERIFY(acknowledged > 0);
            const DeliveryLedger::Check books = ledger.check(source, acknowledged);
            qInfo("source %s: acknowledged %lld, delivered %lld, lost %lld, duplicates %lld",
                  source.constData(), acknowledged, books.delivered, books.lost, books.duplicates);
            QCOMPARE(books.lost, 0);
            QCOMPARE(books.beyond, 0);
            if (exactlyOnce)
                QCOMPARE(books.duplicates, 0);
        }
    }

private slots:
    void initTestCase()
    {
        m_broker = qEnvironmentVariable("PRODCONS_TEST_BROKER");
        if (m_broker.isEmpty())
            QSKIP("no test broker: run through ctest, which starts one (tests/amqp)");
        const amqp::ParsedUrl parsed = amqp::parse_broker_url(m_broker.toStdString());
        QVERIFY2(parsed.error.empty(), parsed.error.c_str());
        m_settings = parsed.settings;
        QVERIFY(becomeSubreaper());
    }

    void init()
    {
        m_prefix = "/pct_amqpa_" + std::to_string(::getpid()) + "_" + std::to_string(++m_number);
    }

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
        // socket_srv --cleanup removes the queue: nothing is left on the broker.
        const auto [code, output] = runOnce(
            {QStringLiteral("--cleanup"), QStringLiteral("-amqp"), QStringLiteral("--broker"),
             m_broker, QStringLiteral("--prefix"), QString::fromStdString(m_prefix)});
        QVERIFY2(code == 0, output.constData());
        auto left = amqp::query_queue(m_settings, queue());
        QVERIFY(!left && left.error().err == 404);
    }

    void oneByOneInOrderThroughTwoServers()
    {
        ServerProcess* a = serve();
        ServerProcess* b = serve();
        QVERIFY(a && b);
        QVERIFY2(a->log().contains(QByteArray::fromStdString(queue())), a->log().constData());
        const int count = 500;
        ClientProcess* consumer = launch(ClientProcess::consumer(b->port(), count));
        ClientProcess* producer = launch(ClientProcess::producer(a->port(), "atob", count));
        QVERIFY(finishes(producer));
        QVERIFY(finishes(consumer));
        const auto sent = findTally(producer->tallies(), "atob");
        QVERIFY(sent);
        QCOMPARE(sent->number("acknowledged"), count);
        const auto got = findTally(consumer->tallies(), "atob");
        QVERIFY2(got, qPrintable(consumer->describe()));
        QCOMPARE(got->number("distinct"), count);
        QCOMPARE(got->number("duplicates"), 0);
        int next = 0;
        for (const QByteArray& line : consumer->lines()) {
            if (!line.startsWith("received "))
                continue;
            QVERIFY2(line.endsWith("#atob-" + QByteArray::number(next)), line.constData());
            ++next;
        }
        QCOMPARE(next, count);

        // socket_srv --status asks the broker.
        const auto [code, output] = runOnce(
            {QStringLiteral("--status"), QStringLiteral("-amqp"), QStringLiteral("--broker"),
             m_broker, QStringLiteral("--prefix"), QString::fromStdString(m_prefix)});
        QVERIFY2(code == 0 && output.contains("0 name(s) ready"), output.constData());
        // With what only the management API knows: the one node, which leads the queue.
        const QByteArray node =
            "prodcons-" + QByteArray::number(QUrl(m_broker).port()) + "-1@localhost";
        QVERIFY2(output.contains("cluster nodes: " + node + " (running)\n"), output.constData());
        QVERIFY2(output.contains("queue leader: " + node + ";"), output.constData());
        // The teaching commands are the SHM and MQ modes': said so, not silently ignored.
        QVERIFY(!a->log().contains("teaching:"));
        a->type("pause");
        QVERIFY2(a->waitForLog("'pause' is for the SHM and MQ modes"), a->log().constData());
        QVERIFY(a->quit());
        QVERIFY(b->quit());
    }

    void fourByFourExactlyOnce()
    {
        ServerProcess* a = serve();
        ServerProcess* b = serve();
        QVERIFY(a && b);
        DeliveryLedger ledger;
        for (int i = 0; i < 4; ++i)
            QVERIFY(ledgerConsumer((i % 2 ? a : b)->port(), ledger));
        const qint64 each = 1500;
        QList<std::pair<QByteArray, ClientProcess*>> producers;
        for (int i = 0; i < 4; ++i) {
            const QByteArray source = "p" + QByteArray::number(i);
            ClientProcess* producer =
                launch(ClientProcess::producer((i % 2 ? b : a)->port(), source, each));
            QVERIFY(producer);
            producers.append({source, producer});
        }
        for (const auto& [source, producer] : producers)
            QVERIFY(finishes(producer));
        QVERIFY2(
            waitUntil([&] { return ledger.total() >= 4 * each; }, 30s),
            qPrintable(QStringLiteral("%1 of %2 delivered").arg(ledger.total()).arg(4 * each)));
        checkNothingLost(ledger, producers, true);
        QCOMPARE(ledger.total(), 4 * each);
        QCOMPARE(ledger.untagged(), 0);
    }

    void killNineOfAConsumerChildAndOfAServerLosesNothing()
    {
        ServerProcess* a = serve();
        ServerProcess* b = serve();
        QVERIFY(a && b);
        const quint16 bPort = b->port();
        DeliveryLedger ledger;
        for (int i = 0; i < 2; ++i)
            QVERIFY(ledgerConsumer(bPort, ledger));
        // 1,000 names a second (--rate is per minute): kills land mid-stream.
        ClientProcess* producer =
            launch(ClientProcess::producer(a->port(), "k", 4000, QStringLiteral("60000")));
        QVERIFY(producer);

        // A consumer's child, killed with names in hand: the broker hands them to the other.
        QVERIFY(waitUntil([&] { return ledger.total() >= 500; }, 30s));
        const std::vector<pid_t> children = b->children();
        QVERIFY(!children.empty());
        ::kill(children.front(), SIGKILL);

        // Then the whole consumer-side server and its children, restarted on its port: the
        // consumers reconnect.
        QVERIFY(waitUntil([&] { return ledger.total() >= 1500; }, 30s));
        const std::vector<pid_t> all = b->children();
        ::kill(b->pid(), SIGKILL);
        for (pid_t child : all)
            ::kill(child, SIGKILL);
        b->killHard();
        QVERIFY(serve({}, bPort));

        QVERIFY(finishes(producer));
        const auto tally = findTally(producer->tallies(), "k");
        QVERIFY(tally);
        QVERIFY2(
            waitUntil([&] { return ledger.check("k", tally->number("acknowledged")).lost == 0; },
                      30s),
            "names acknowledged to the producer did not all arrive");
        checkNothingLost(ledger, {{"k", producer}}, false);
    }

    void aBrokerRestartedMidStreamLosesNothing()
    {
        // The fixture's broker itself (the amqp tests hold it one at a time): its application
        // stops, closing every connection, and starts again with its data, as after a restart.
        const QString root = qEnvironmentVariable("PRODCONS_TEST_BROKER_ROOT");
        const QString script = qEnvironmentVariable("PRODCONS_TEST_BROKER_SCRIPT");
        if (root.isEmpty() || script.isEmpty())
            QSKIP("no PRODCONS_TEST_BROKER_ROOT and _SCRIPT: run through ctest");
        const auto broker = [&root, &script](const char* command) {
            QProcess process;
            process.setProcessChannelMode(QProcess::MergedChannels);
            process.start(script, {QLatin1String(command), QStringLiteral("1"),
                                   QStringLiteral("--root"), root});
            const bool done = process.waitForFinished(60000) && process.exitCode() == 0;
            if (!done)
                qWarning("broker.sh %s: %s", command, process.readAll().constData());
            return done;
        };
        ServerProcess* a = serve();
        ServerProcess* b = serve();
        QVERIFY(a && b);
        DeliveryLedger ledger;
        ClientProcess* consumer = ledgerConsumer(b->port(), ledger);
        QVERIFY(consumer);
        QStringList arguments =
            ClientProcess::producer(a->port(), "r", 3000, QStringLiteral("30000")); // 500 a second
        arguments << QStringLiteral("--reconnect");
        ClientProcess* producer = launch(arguments);
        QVERIFY(producer);
        QVERIFY(waitUntil([&] { return ledger.total() >= 300; }, 30s));

        QVERIFY(broker("stop-node"));
        // Started again whatever happens below: the tests after this one need it.
        bool restarted = false;
        const auto restart = qScopeGuard([&] {
            if (!restarted)
                broker("start-node");
        });
        // The clients are told, by the servers' children, and try again; the servers log why
        // their children ended.
        QVERIFY2(waitUntil(
                     [&] {
                         return producer->errors().contains("reconnecting") &&
                                consumer->errors().contains("reconnecting");
                     },
                     20s),
                 qPrintable(producer->describe() + consumer->describe()));
        QVERIFY2(waitUntil(
                     [&] {
                         return a->log().contains("shared buffer unavailable") &&
                                b->log().contains("shared buffer unavailable");
                     },
                     20s),
                 (a->log() + b->log()).constData());
        const qint64 before = ledger.total();
        restarted = true;
        QVERIFY(broker("start-node"));
        QElapsedTimer back;
        back.start();
        QVERIFY(waitUntil([&] { return ledger.total() > before; }, 60s));
        qInfo("names flowed again %lld ms after the broker was back", back.elapsed());

        QVERIFY(finishes(producer));
        const auto tally = findTally(producer->tallies(), "r");
        QVERIFY(tally);
        QCOMPARE(tally->number("acknowledged"), 3000);
        QVERIFY2(waitUntil([&] { return ledger.check("r", 3000).lost == 0; }, 30s),
                 "names acknowledged to the producer did not all arrive");
        checkNothingLost(ledger, {{"r", producer}}, false);
    }

    void aFullQueueHoldsTheProducerBack()
    {
        ServerProcess* a = serve();
        QVERIFY(a);
        // No consumer: the producer gets OK for the capacity (10) and is then held back.
        ClientProcess* producer = launch(ClientProcess::producer(a->port(), "full", 0));
        QVERIFY(producer);
        QVERIFY(waitUntil([&] { return ready() == 10; }, 20s));
        // Held back, not refused and not dropped: still 10 while it keeps trying.
        test::runEventsFor(500ms);
        QCOMPARE(ready(), 10);
        QVERIFY(producer->running());

        DeliveryLedger ledger;
        QVERIFY(ledgerConsumer(a->port(), ledger));
        QVERIFY(waitUntil([&] { return ledger.total() >= 200; }, 20s));
        producer->terminate();
        QVERIFY(producer->waitForExit(20s));
        QVERIFY(waitUntil([&] { return ready() == 0; }, 20s));
    }

    void aBrokerThatCannotBeUsedIsAClearErrorAtOnce_data()
    {
        QTest::addColumn<QString>("broker");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QByteArray>("says");
        const amqp::BrokerNode s =
            amqp::parse_broker_url(qEnvironmentVariable("PRODCONS_TEST_BROKER").toStdString())
                .settings.nodes.front();
        const QString base = QStringLiteral("amqp://%1:%2/").arg(QString::fromStdString(s.host));
        QTest::newRow("unreachable") << base.arg(1) << QString() << QByteArray("ECONNREFUSED");
        QTest::newRow("wrong credentials")
            << base.arg(s.port) << QStringLiteral("guest:wrong") << QByteArray("refused");
        QTest::newRow("missing vhost") << base.arg(s.port) + QStringLiteral("nosuchvhost")
                                       << QString() << QByteArray("nosuchvhost");
    }

    void aBrokerThatCannotBeUsedIsAClearErrorAtOnce()
    {
        QFETCH(QString, broker);
        QFETCH(QString, password);
        QFETCH(QByteArray, says);
        QStringList arguments = {QStringLiteral("-amqp"),    QString::number(test::freeTcpPort()),
                                 QStringLiteral("--prefix"), QString::fromStdString(m_prefix),
                                 QStringLiteral("--broker"), broker};
        QTemporaryDir dir;
        if (!password.isEmpty()) {
            QFile file(dir.filePath(QStringLiteral("credentials")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(password.toUtf8() + '\n');
            file.close();
            QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
            arguments << QStringLiteral("--broker-credentials") << file.fileName();
        }
        const auto [code, output] = runOnce(arguments);
        qInfo("%s", output.trimmed().constData());
        QCOMPARE(code, 1);
        QVERIFY2(output.contains("cannot use the broker"), output.constData());
        QVERIFY2(output.contains(says), output.constData());
        QVERIFY(!output.contains("wrong")); // never the password
    }

    void commandLineMistakesAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("says");
        const QString port = QString::number(test::freeTcpPort());
        QTest::newRow("password on the command line")
            << QStringList{"-amqp", port, "--broker", "amqp://guest:guest@127.0.0.1/"} << 1
            << QByteArray("PRODCONS_BROKER_URL");
        QTest::newRow("--broker without -amqp")
            << QStringList{"-shm", port, "--broker", "amqp://127.0.0.1/"} << 2
            << QByteArray("add -amqp");
        QTest::newRow("two modes")
            << QStringList{"-amqp", "-mq", port} << 2 << QByteArray("choose one mode");
        QTest::newRow("tempo") << QStringList{"-amqp", port, "--tempo", "100"} << 2
                               << QByteArray("--tempo and --trace are for the SHM and MQ modes");
    }

    void commandLineMistakesAreRefused()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, code);
        QFETCH(QByteArray, says);
        const auto [exitCode, output] = runOnce(arguments);
        QCOMPARE(exitCode, code);
        QVERIFY2(output.contains(says), output.constData());
    }
};

QTEST_GUILESS_MAIN(tst_AmqpAcceptance)
#include "tst_amqp_acceptance.moc"
