// The AMQP mode's buffer on a real RabbitMQ (the private broker tests/amqp starts): names go
// through in order, a full queue holds a producer back, names a consumer never acknowledged
// go back to the queue, and a broker that cannot be used says why, at once.
#include "amqp/broker_access.h"
#include "amqp/queue.h"
#include "amqp/queue_participant.h"
#include "ipc_test_macros.h"

#include <QTest>
#include <array>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::amqp;
using namespace std::chrono_literals;

namespace {

constexpr const char* kTestBrokerVariable = "PRODCONS_TEST_BROKER";

ipc::WaitOptions waitFor(std::chrono::milliseconds most)
{
    ipc::WaitOptions wait;
    wait.deadline = ipc::Deadline::after(most);
    wait.slice = 20ms;
    return wait;
}

} // namespace

class tst_AmqpQueue : public QObject
{
    Q_OBJECT

    BrokerSettings m_broker;
    QueueSettings m_queue;
    int m_number = 0;

    std::unique_ptr<QueueParticipant> join(ipc::ParticipantRole role)
    {
        auto joined = QueueParticipant::join(m_broker, m_queue, role);
        if (!joined) {
            qWarning("join: %s", ipc::describe(joined.error()).c_str());
            return nullptr;
        }
        return std::move(joined).value();
    }

    /// Holds until `consumer` has `count` names or the deadline passes.
    static void holdUntil(QueueParticipant& consumer, std::uint32_t count)
    {
        const ipc::WaitOptions wait = waitFor(10s);
        while (consumer.held_count() < count) {
            auto got = consumer.hold(count - consumer.held_count(), wait);
            if (!got) {
                qWarning("hold: %s", ipc::describe(got.error()).c_str());
                return;
            }
        }
    }

private slots:
    void initTestCase()
    {
        const QByteArray url = qgetenv(kTestBrokerVariable);
        if (url.isEmpty())
            QSKIP("no test broker: run through ctest, which starts one (tests/amqp)");
        const ParsedUrl parsed = parse_broker_url(url.toStdString());
        QVERIFY2(parsed.error.empty(), parsed.error.c_str());
        m_broker = parsed.settings;
    }

    void init()
    {
        m_queue = QueueSettings{};
        m_queue.name = queue_name("/pct_amqp_" + std::to_string(::getpid()) + "_" +
                                  std::to_string(++m_number));
    }

    void cleanup()
    {
        auto deleted = delete_queue(m_broker, m_queue.name);
        if (!deleted)
            qWarning("cleanup: %s", ipc::describe(deleted.error()).c_str());
    }

    void namesGoThroughInOrder()
    {
        auto producer = join(ipc::ParticipantRole::Producer);
        auto consumer = join(ipc::ParticipantRole::Consumer);
        QVERIFY(producer && consumer);
        const std::array<std::string_view, 5> names{"ann", "bob", "cid", "dee", "eve"};
        auto stored = producer->put(names, waitFor(10s));
        IPC_VERIFY(stored);
        QCOMPARE(stored.value(), names.size());

        holdUntil(*consumer, 5);
        QCOMPARE(consumer->held_count(), 5u);
        for (std::uint32_t i = 0; i < 5; ++i)
            QCOMPARE(consumer->held(i), names[i]);
        consumer->acknowledge(2);
        QCOMPARE(consumer->held_count(), 3u);
        QCOMPARE(consumer->held(0), names[2]);
        consumer->acknowledge(3);

        // Acknowledged names are gone for good: nobody gets them again.
        consumer.reset();
        auto next = join(ipc::ParticipantRole::Consumer);
        QVERIFY(next);
        IPC_COMPARE_ERROR(next->hold(1, waitFor(300ms)), ipc::Errc::Timeout);
    }

    void aFullQueueHoldsTheProducerBack()
    {
        m_queue.capacity = 3;
        auto producer = join(ipc::ParticipantRole::Producer);
        QVERIFY(producer);
        const std::array<std::string_view, 5> names{"n1", "n2", "n3", "n4", "n5"};
        auto stored = producer->put(names, waitFor(10s));
        IPC_VERIFY(stored);
        QCOMPARE(stored.value(), std::size_t(3)); // as many as fit

        // Full: the producer waits, and gives up at its deadline with nothing stored.
        IPC_COMPARE_ERROR(producer->put(std::span(names).subspan(3), waitFor(300ms)),
                          ipc::Errc::Timeout);
        Connection look = Connection::open(m_broker).value();
        auto counts = peek_queue(look, m_queue.name);
        IPC_VERIFY(counts);
        QCOMPARE(counts->ready, 3u);

        // A consumer takes one and acknowledges it: there is room for one more.
        auto consumer = join(ipc::ParticipantRole::Consumer);
        QVERIFY(consumer);
        holdUntil(*consumer, 1);
        consumer->acknowledge(1);
        stored = producer->put(std::span(names).subspan(3), waitFor(10s));
        IPC_VERIFY(stored);
        QVERIFY(stored.value() >= 1);

        // And the names still come out in the order they went in.
        holdUntil(*consumer, 3);
        QCOMPARE(consumer->held(0), names[1]);
        QCOMPARE(consumer->held(1), names[2]);
        QCOMPARE(consumer->held(2), names[3]);
    }

    void namesNeverAcknowledgedGoBack()
    {
        auto producer = join(ipc::ParticipantRole::Producer);
        auto greedy = join(ipc::ParticipantRole::Consumer);
        QVERIFY(producer && greedy);
        const std::array<std::string_view, 3> names{"x1", "x2", "x3"};
        IPC_VERIFY(producer->put(names, waitFor(10s)));
        holdUntil(*greedy, 3);
        QCOMPARE(greedy->held_count(), 3u);
        greedy->acknowledge(1);
        greedy.reset(); // leaves holding x2 and x3, as a killed child's connection would

        auto other = join(ipc::ParticipantRole::Consumer);
        QVERIFY(other);
        holdUntil(*other, 2);
        QCOMPARE(other->held_count(), 2u);
        QCOMPARE(other->held(0), names[1]);
        QCOMPARE(other->held(1), names[2]);
    }

    void aStopEndsTheWait()
    {
        auto consumer = join(ipc::ParticipantRole::Consumer);
        QVERIFY(consumer);
        const std::atomic<bool> stop{true};
        ipc::WaitOptions wait;
        wait.stop = &stop;
        wait.slice = 20ms;
        IPC_COMPARE_ERROR(consumer->hold(1, wait), ipc::Errc::Stopped);
    }

    void aNameTooLongArrivesTooLongToBeSent()
    {
        // Anyone with access to the broker may publish anything: the consumer keeps enough of
        // an over-long name for the server's check to refuse it, and no more.
        auto producer = join(ipc::ParticipantRole::Producer);
        auto consumer = join(ipc::ParticipantRole::Consumer);
        QVERIFY(producer && consumer);
        const std::string huge(4000, 'z');
        const std::array<std::string_view, 1> names{huge};
        IPC_VERIFY(producer->put(names, waitFor(10s)));
        holdUntil(*consumer, 1);
        QCOMPARE(consumer->held(0).size(), std::size_t(m_queue.max_name_length) + 1);
    }

    void anotherCapacityIsRefusedWithTheBrokersReason()
    {
        BrokerAccess first(m_broker, m_queue);
        IPC_VERIFY(first.check());
        QueueSettings other = m_queue;
        other.capacity = 20;
        BrokerAccess second(m_broker, other);
        const ipc::Status checked = second.check();
        QVERIFY(!checked);
        QCOMPARE(checked.error().code, ipc::Errc::Broker);
        QCOMPARE(checked.error().err, 406); // PRECONDITION_FAILED
        QVERIFY2(ipc::describe(checked.error()).find("x-max-length") != std::string::npos,
                 ipc::describe(checked.error()).c_str());
    }

    void aBrokerThatCannotBeUsedSaysWhy_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("wrong password") << "password" << int(ipc::Errc::Broker) << "refused";
        QTest::newRow("no such vhost") << "vhost" << int(ipc::Errc::Broker) << "vhost";
        QTest::newRow("nobody listening") << "port" << int(ipc::Errc::Posix) << "ECONNREFUSED";
    }

    void aBrokerThatCannotBeUsedSaysWhy()
    {
        QFETCH(QString, what);
        BrokerSettings settings = m_broker;
        if (what == QLatin1String("password"))
            settings.password = "not-the-password";
        else if (what == QLatin1String("vhost"))
            settings.vhost = "no-such-vhost";
        else
            settings.nodes.front().port = 1; // nothing listens on tcpmux
        BrokerAccess access(settings, m_queue);
        const ipc::Status checked = access.check();
        QVERIFY(!checked);
        const std::string text = ipc::describe(checked.error());
        qInfo("%s", text.c_str());
        QFETCH(int, code);
        QFETCH(QString, says);
        QCOMPARE(int(checked.error().code), code);
        QVERIFY2(QString::fromStdString(text).contains(says, Qt::CaseInsensitive), text.c_str());
        // The message names the broker, never the password.
        QVERIFY(text.find(settings.address()) != std::string::npos);
        QVERIFY(text.find(settings.password) == std::string::npos);
    }

    void aNodeThatDoesNotAnswerIsPassedBy()
    {
        // Nothing listens on port 1 (tcpmux): the dead node comes first for some attempts and
        // second for the others, as each attempt starts at the next node.
        BrokerSettings settings = m_broker;
        settings.nodes.insert(settings.nodes.begin(), BrokerNode{"127.0.0.1", 1});
        for (int attempt = 0; attempt < 4; ++attempt) {
            auto opened = Connection::open(settings);
            if (!opened)
                QFAIL(ipc::describe(opened.error()).c_str());
            QCOMPARE(std::string(opened->address()), m_broker.address());
        }
    }

    void noNodeAnsweringSaysWhyForEach()
    {
        BrokerSettings settings = m_broker;
        settings.nodes = {BrokerNode{"127.0.0.1", 1}, BrokerNode{"127.0.0.1", 7}};
        auto opened = Connection::open(settings);
        QVERIFY(!opened);
        const std::string text = ipc::describe(opened.error());
        qInfo("%s", text.c_str());
        QVERIFY2(text.find(settings.address()) != std::string::npos, text.c_str());
        QVERIFY2(text.find("every node") != std::string::npos, text.c_str());

        // A node that refuses the login and one that does not listen: each its own reason.
        settings = m_broker;
        settings.password = "not-the-password";
        settings.nodes.push_back(BrokerNode{"127.0.0.1", 1});
        opened = Connection::open(settings);
        QVERIFY(!opened);
        const std::string mixed = ipc::describe(opened.error());
        qInfo("%s", mixed.c_str());
        QVERIFY2(mixed.find("127.0.0.1:1 ECONNREFUSED") != std::string::npos, mixed.c_str());
        QVERIFY2(mixed.find("amqp_login") != std::string::npos, mixed.c_str());
        QVERIFY(mixed.find(settings.password) == std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_AmqpQueue)
#include "tst_amqp_queue.moc"
