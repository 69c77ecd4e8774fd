// The AMQP mode's questions to RabbitMQ's management API (broker_management.h), against a small
// HTTP server of the test's own that answers as the API does, or wrongly, or not at all: where
// the API is looked for, what is read from its answers, and that every way it can fail is said
// in words and bounded in time. What a real broker answers is checked by
// tst_server_window_amqp and tst_amqp_acceptance against the tests' private RabbitMQ.
#include "amqp/broker_settings.h"
#include "broker_management.h"

#include <QElapsedTimer>
#include <QHash>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <cerrno>
#include <cstring>
#include <functional>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::server;
using namespace std::chrono_literals;

namespace {

/// An HTTP/1.1 server on loopback that records each request line and answers it with what
/// `answer` returns for its target: the whole response, or nothing at all (a silent server).
class FakeApi
{
public:
    using Answer = std::function<QByteArray(const QByteArray& target)>;

    explicit FakeApi(Answer answer) : m_answer(std::move(answer))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                 [this, socket] { serve(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        if (!m_server.listen(QHostAddress::LocalHost))
            qFatal("the fake management API cannot listen: %s", qPrintable(m_server.errorString()));
    }

    quint16 port() const { return m_server.serverPort(); }
    const QList<QByteArray>& requests() const { return m_requests; }

    static QByteArray json(int status, const QByteArray& reason, const QByteArray& body)
    {
        return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
               "\r\nContent-Type: application/json\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

private:
    void serve(QTcpSocket* socket)
    {
        QByteArray& received = m_received[socket];
        received += socket->readAll();
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = received.left(end);
        received.remove(0, end + 4);
        const QByteArray requestLine = head.left(head.indexOf("\r\n"));
        m_requests << requestLine + (head.contains("\r\nAuthorization: Basic ") ? " +auth" : "");
        const QList<QByteArray> parts = requestLine.split(' ');
        const QByteArray response = m_answer(parts.value(1));
        if (!response.isEmpty())
            socket->write(response);
    }

    QTcpServer m_server;
    Answer m_answer;
    QList<QByteArray> m_requests;
    QHash<QTcpSocket*, QByteArray> m_received;
};

/// A loopback port that refuses every connection for as long as this object lives: a socket
/// bound to it that never listens. A port merely closed a moment ago is not enough: the kernel
/// may hand it to the next listener (the test's own FakeApi, say, about once in 1,500 tries).
/// Bound without SO_REUSEADDR, it is given to no one else, listening or connecting.
class RefusingPort
{
public:
    RefusingPort() : m_fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0))
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
            ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
            qFatal("cannot hold a refusing loopback port: %s", strerror(errno));
        m_port = ntohs(address.sin_port);
    }
    ~RefusingPort() { ::close(m_fd); }
    RefusingPort(const RefusingPort&) = delete;
    RefusingPort& operator=(const RefusingPort&) = delete;

    quint16 port() const { return m_port; }

private:
    int m_fd;
    quint16 m_port = 0;
};

amqp::BrokerSettings broker(bool tls = false)
{
    amqp::BrokerSettings settings;
    settings.tls = tls;
    settings.nodes = {{.host = "127.0.0.1", .port = tls ? 5671 : 5672}};
    settings.user = "teacher";
    settings.password = "secret";
    return settings;
}

/// Points the management API at `port` of loopback for the scope of the returned guard.
auto useApiAt(quint16 port)
{
    qputenv(kBrokerManagementVariable, "http://127.0.0.1:" + QByteArray::number(port) + '/');
    return qScopeGuard([] { qunsetenv(kBrokerManagementVariable); });
}

const QByteArray kNodes = R"([{"name":"rabbit@a","running":true},)"
                          R"({"name":"rabbit@b","running":false}])";
const QByteArray kQueue = R"({"type":"quorum","leader":"rabbit@a","members":["rabbit@a",)"
                          R"("rabbit@b"],"online":["rabbit@a"],"messages_unacknowledged":7})";

} // namespace

class tst_ServerBrokerManagement : public QObject
{
    Q_OBJECT

private slots:
    void init() { qunsetenv(kBrokerManagementVariable); }

    void theApiIsFoundByRabbitMqsRule()
    {
        using Urls = QList<QUrl>;
        QCOMPARE(brokerManagementUrls(broker()),
                 Urls{QUrl(QStringLiteral("http://127.0.0.1:15672/"))});
        // TLS to the broker: TLS to its API too, never the password in clear by a rule.
        QCOMPARE(brokerManagementUrls(broker(true)),
                 Urls{QUrl(QStringLiteral("https://127.0.0.1:15671/"))});
        // A cluster's nodes: each its own API, in the order given.
        amqp::BrokerSettings cluster = broker();
        cluster.nodes = {{.host = "a.lab", .port = 5672}, {.host = "b.lab", .port = 5673}};
        QCOMPARE(brokerManagementUrls(cluster),
                 Urls({QUrl(QStringLiteral("http://a.lab:15672/")),
                       QUrl(QStringLiteral("http://b.lab:15673/"))}));

        qputenv(kBrokerManagementVariable, "http://mgmt.lab:8080/rabbit");
        QCOMPARE(brokerManagementUrls(cluster),
                 Urls{QUrl(QStringLiteral("http://mgmt.lab:8080/rabbit/"))});
        for (const char* wrong : {"ftp://mgmt.lab/", "http://guest:guest@mgmt.lab:15672/"}) {
            qputenv(kBrokerManagementVariable, wrong);
            QString why;
            QVERIFY(brokerManagementUrls(broker(), &why).isEmpty());
            QVERIFY2(why.contains(QLatin1String(kBrokerManagementVariable)) &&
                         why.contains(QLatin1String(wrong)),
                     qPrintable(why));
        }
    }

    void aNodeWhoseApiIsDownIsPassedBy()
    {
        // By the rule (AMQP port + 10000): the first node's API refuses, the second's answers.
        const RefusingPort refusing;
        const RefusingPort alsoRefusing;
        const quint16 closed = refusing.port();
        const quint16 alsoClosed = alsoRefusing.port();
        QVERIFY(closed > 10000 && alsoClosed > 10000);
        FakeApi api([](const QByteArray& target) {
            return FakeApi::json(200, "OK", target.startsWith("/api/nodes") ? kNodes : kQueue);
        });
        amqp::BrokerSettings cluster = broker();
        cluster.nodes = {{.host = "127.0.0.1", .port = closed - 10000},
                         {.host = "127.0.0.1", .port = api.port() - 10000}};
        const BrokerManagementFacts facts = askBrokerManagement(cluster, QStringLiteral("q"), 5s);
        QVERIFY2(facts.answer == BrokerManagementFacts::Answer::Known, qPrintable(facts.error));
        QCOMPARE(facts.api.port(), int(api.port()));
        QCOMPARE(facts.nodes.size(), 2);

        // When no node's API answers, each one's reason is said.
        cluster.nodes = {{.host = "127.0.0.1", .port = closed - 10000},
                         {.host = "127.0.0.1", .port = alsoClosed - 10000}};
        const BrokerManagementFacts none = askBrokerManagement(cluster, QStringLiteral("q"), 5s);
        QVERIFY(none.answer == BrokerManagementFacts::Answer::Unanswered);
        QVERIFY2(none.error.contains(QStringLiteral("127.0.0.1:%1/api/nodes").arg(closed)) &&
                     none.error.contains(QStringLiteral("127.0.0.1:%1/api/nodes").arg(alsoClosed)),
                 qPrintable(none.error));
    }

    void theFactsAreReadFromTheApisAnswers()
    {
        FakeApi api([](const QByteArray& target) {
            if (target.startsWith("/api/nodes"))
                return FakeApi::json(200, "OK", kNodes);
            if (target.startsWith("/api/queues/"))
                return FakeApi::json(200, "OK", kQueue);
            return FakeApi::json(404, "Not Found", R"({"error":"Object Not Found"})");
        });
        auto restore = useApiAt(api.port());
        const BrokerManagementFacts facts =
            askBrokerManagement(broker(), QStringLiteral("lab_buffer"), 5s);
        QVERIFY2(facts.answer == BrokerManagementFacts::Answer::Known, qPrintable(facts.error));
        QCOMPARE(facts.unacknowledged, 7);
        QCOMPARE(facts.queueType, QStringLiteral("quorum"));
        QCOMPARE(facts.leader, QStringLiteral("rabbit@a"));
        QCOMPARE(facts.members,
                 QStringList({QStringLiteral("rabbit@a"), QStringLiteral("rabbit@b")}));
        QCOMPARE(facts.online, QStringList({QStringLiteral("rabbit@a")}));
        const QList<ClusterNode> nodes = {{QStringLiteral("rabbit@a"), true},
                                          {QStringLiteral("rabbit@b"), false}};
        QCOMPARE(facts.nodes, nodes);
        // The default vhost "/" stays one segment of the path; the broker's login goes along.
        QVERIFY2(api.requests().contains(
                     "GET /api/queues/%2F/lab_buffer?columns=type,leader,members,online,"
                     "messages_unacknowledged HTTP/1.1 +auth"),
                 api.requests().join('\n').constData());
    }

    void aQueueTheApiDoesNotKnowIsNoQueue()
    {
        FakeApi api([](const QByteArray& target) {
            return target.startsWith("/api/nodes")
                       ? FakeApi::json(200, "OK", kNodes)
                       : FakeApi::json(404, "Not Found", R"({"error":"Object Not Found"})");
        });
        auto restore = useApiAt(api.port());
        const BrokerManagementFacts facts = askBrokerManagement(broker(), QStringLiteral("q"), 5s);
        QVERIFY2(facts.answer == BrokerManagementFacts::Answer::NoQueue, qPrintable(facts.error));
        QCOMPARE(facts.nodes.size(), 2);
        QCOMPARE(facts.unacknowledged, -1);
    }

    void everyFailureIsSaidInWords_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<QString>("expected");
        QTest::newRow("login refused")
            << FakeApi::json(401, "Unauthorized", R"({"error":"not_authorized"})")
            << QStringLiteral("refused user teacher (it needs the management or monitoring tag)");
        QTest::newRow("some other web server")
            << QByteArray("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
            << QStringLiteral("HTTP 404 Not Found (is this RabbitMQ's management API?)");
        QTest::newRow("no JSON") << FakeApi::json(200, "OK", "<html>hello</html>")
                                 << QStringLiteral("the answer is no JSON");
        QTest::newRow("far too long") << FakeApi::json(200, "OK", QByteArray(3 << 20, ' '))
                                      << QStringLiteral("an answer longer than 1048576 bytes");
    }

    void everyFailureIsSaidInWords()
    {
        QFETCH(QByteArray, response);
        QFETCH(QString, expected);
        FakeApi api([&](const QByteArray&) { return response; });
        auto restore = useApiAt(api.port());
        const BrokerManagementFacts facts = askBrokerManagement(broker(), QStringLiteral("q"), 10s);
        QVERIFY(facts.answer == BrokerManagementFacts::Answer::Unanswered);
        // The request is named, without the password.
        const QString request =
            QStringLiteral("GET http://127.0.0.1:%1/api/nodes?columns=name,running: ")
                .arg(api.port());
        QVERIFY2(facts.error.startsWith(request) && facts.error.contains(expected),
                 qPrintable(facts.error));
        QVERIFY(!facts.error.contains(QLatin1String("secret")));
    }

    void aSilentApiIsGivenUpInTime()
    {
        FakeApi api([](const QByteArray&) { return QByteArray(); });
        auto restore = useApiAt(api.port());
        QElapsedTimer took;
        took.start();
        const BrokerManagementFacts facts =
            askBrokerManagement(broker(), QStringLiteral("q"), 300ms);
        QVERIFY(facts.answer == BrokerManagementFacts::Answer::Unanswered);
        QVERIFY2(facts.error.contains(QLatin1String("no answer within 300 ms")),
                 qPrintable(facts.error));
        // Bounded by the limit given, not by a connection's own much longer one.
        QVERIFY2(took.elapsed() < 5000, qPrintable(QString::number(took.elapsed())));
    }

    void nobodyListeningIsSaidAtOnce()
    {
        qputenv(kBrokerManagementVariable, "http://127.0.0.1:1/");
        auto restore = qScopeGuard([] { qunsetenv(kBrokerManagementVariable); });
        const BrokerManagementFacts facts = askBrokerManagement(broker(), QStringLiteral("q"), 5s);
        QVERIFY(facts.answer == BrokerManagementFacts::Answer::Unanswered);
        QVERIFY2(facts.error.contains(QLatin1String("GET http://127.0.0.1:1/api/nodes")) &&
                     facts.error.contains(QLatin1String("refused")),
                 qPrintable(facts.error));
    }
};

QTEST_GUILESS_MAIN(tst_ServerBrokerManagement)
#include "tst_server_broker_management.moc"
