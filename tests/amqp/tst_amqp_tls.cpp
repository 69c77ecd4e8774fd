// amqps:// against the tests' private RabbitMQ over TLS (broker.sh start --tls: its own CA,
// a certificate for localhost and 127.0.0.1). With the right CA names go through, by the
// library and end to end through socket_srv and socket_cl; a CA that did not sign the broker's
// certificate, a host name the certificate is not for, TLS to the plain port and plain AMQP to
// the TLS port are each a clear error that names the broker, at once.
#include "amqp/broker_access.h"
#include "amqp/connection.h"
#include "amqp/queue.h"
#include "amqp/queue_participant.h"
#include "client_process.h"
#include "event_wait.h"
#include "ipc_test_macros.h"
#include "process_tree.h"
#include "server_process.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <array>
#include <memory>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;
using prodcons::test::waitUntil;

namespace {

ipc::WaitOptions waitFor(std::chrono::milliseconds most)
{
    ipc::WaitOptions wait;
    wait.deadline = ipc::Deadline::after(most);
    wait.slice = 20ms;
    return wait;
}

/// How long a refused connection may take: well under the connect timeout (5 s) on a quiet
/// machine; the margin is for a busy one. A hang would take the full timeout or more.
constexpr qint64 kRefusedWithinMs = 4000;

/// Sets an environment variable for this process and its children, and restores it after.
class ScopedEnv
{
public:
    ScopedEnv(const char* name, const QByteArray& value)
        : m_name(name), m_had(qEnvironmentVariableIsSet(name)), m_old(qgetenv(name))
    {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

class tst_AmqpTls : public QObject
{
    Q_OBJECT

    amqp::BrokerSettings m_plain; ///< the fixture's broker, amqp://
    amqp::BrokerSettings m_tls;   ///< the same broker, amqps://, trusting its CA
    QString m_tlsUrl;
    QString m_ca;
    QTemporaryDir m_dir;
    QString m_wrongCa; ///< a CA of this test's own, which signed nothing the broker has
    std::string m_prefix;
    int m_number = 0;
    std::vector<std::unique_ptr<ServerProcess>> m_servers;
    std::vector<std::unique_ptr<ClientProcess>> m_clients;
    QSet<pid_t> m_started;

    std::string queue() const { return amqp::queue_name(m_prefix); }

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

    /// socket_srv run once with `arguments` (and this process's environment).
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

    /// A self-signed CA made now with openssl: nobody else has its key, so it signed nothing.
    static bool makeCa(const QString& folder)
    {
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                       "-nodes", "-days", "1", "-subj", "/CN=not the broker's CA", "-keyout",
                       folder + "/wrong-ca.key", "-out", folder + "/wrong-ca.pem"});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
            qWarning("openssl: %s", openssl.readAll().constData());
            return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        const QByteArray plain = qgetenv("PRODCONS_TEST_BROKER");
        m_tlsUrl = qEnvironmentVariable("PRODCONS_TEST_BROKER_TLS");
        m_ca = qEnvironmentVariable("PRODCONS_TEST_BROKER_CACERT");
        if (plain.isEmpty() || m_tlsUrl.isEmpty() || m_ca.isEmpty())
            QSKIP("no TLS test broker: run through ctest, which starts one (tests/amqp)");
        amqp::ParsedUrl parsed = amqp::parse_broker_url(plain.toStdString());
        QVERIFY2(parsed.error.empty(), parsed.error.c_str());
        m_plain = parsed.settings;
        parsed = amqp::parse_broker_url(m_tlsUrl.toStdString());
        QVERIFY2(parsed.error.empty(), parsed.error.c_str());
        QVERIFY(parsed.settings.tls);
        m_tls = parsed.settings;
        m_tls.ca_cert = m_ca.toStdString();
        QVERIFY2(QFile::exists(m_ca), qPrintable(m_ca));

        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty(),
                 "no openssl (./run deps installs it)");
        QVERIFY(m_dir.isValid());
        QVERIFY(makeCa(m_dir.path()));
        m_wrongCa = m_dir.filePath(QStringLiteral("wrong-ca.pem"));
        QVERIFY(becomeSubreaper());
    }

    void init()
    {
        m_prefix = "/pct_amqpt_" + std::to_string(::getpid()) + "_" + std::to_string(++m_number);
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
        auto deleted = amqp::delete_queue(m_tls, queue());
        QVERIFY2(deleted, deleted ? "" : ipc::describe(deleted.error()).c_str());
    }

    void theRightCaCarriesNames_data()
    {
        QTest::addColumn<QString>("host");
        // The certificate is for both (subjectAltName DNS:localhost, IP:127.0.0.1).
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1");
        QTest::newRow("localhost") << QStringLiteral("localhost");
    }

    void theRightCaCarriesNames()
    {
        QFETCH(QString, host);
        amqp::BrokerSettings broker = m_tls;
        broker.nodes.front().host = host.toStdString();
        amqp::QueueSettings settings;
        settings.name = queue();
        auto producer =
            amqp::QueueParticipant::join(broker, settings, ipc::ParticipantRole::Producer);
        IPC_VERIFY(producer);
        auto consumer =
            amqp::QueueParticipant::join(broker, settings, ipc::ParticipantRole::Consumer);
        IPC_VERIFY(consumer);
        const std::array<std::string_view, 4> names{"tls-ann", "tls-bob", "tls-cid", "tls-dee"};
        auto stored = (*producer)->put(names, waitFor(10s));
        IPC_VERIFY(stored);
        QCOMPARE(stored.value(), names.size());
        amqp::QueueParticipant& taker = **consumer;
        const ipc::WaitOptions wait = waitFor(10s);
        while (taker.held_count() < names.size()) {
            auto got = taker.hold(std::uint32_t(names.size()) - taker.held_count(), wait);
            IPC_VERIFY(got);
        }
        for (std::uint32_t i = 0; i < names.size(); ++i)
            QCOMPARE(taker.held(i), names[i]);
        taker.acknowledge(std::uint32_t(names.size()));
    }

    void theSystemsAuthoritiesWithoutACaFile()
    {
        // No PRODCONS_BROKER_CACERT: the system's authorities, which OpenSSL takes from
        // SSL_CERT_FILE when it is set. The broker's CA there: trusted; absent: refused.
        amqp::BrokerSettings broker = m_tls;
        broker.ca_cert.clear();
        {
            const ScopedEnv trusted("SSL_CERT_FILE", m_ca.toLocal8Bit());
            auto opened = amqp::Connection::open(broker);
            IPC_VERIFY(opened);
        }
        const ScopedEnv other("SSL_CERT_FILE", m_wrongCa.toLocal8Bit());
        auto refused = amqp::Connection::open(broker);
        QVERIFY(!refused);
        const std::string text = ipc::describe(refused.error());
        qInfo("%s", text.c_str());
        QVERIFY2(text.find("certificate could not be verified") != std::string::npos, text.c_str());
    }

    void aCaFileThatCannotBeReadIsNamed_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("says");
        QTest::newRow("missing") << QStringLiteral("missing.pem") << QByteArray("No such file");
        QTest::newRow("not PEM") << QStringLiteral("not-pem.pem") << QByteArray("no certificate");
    }

    void aCaFileThatCannotBeReadIsNamed()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, says);
        const QString path = m_dir.filePath(file);
        if (file == QLatin1String("not-pem.pem")) {
            QFile text(path);
            QVERIFY(text.open(QIODevice::WriteOnly));
            text.write("not a certificate\n");
        }
        amqp::BrokerSettings broker = m_tls;
        broker.ca_cert = path.toStdString();
        auto refused = amqp::Connection::open(broker);
        QVERIFY(!refused);
        const std::string text = ipc::describe(refused.error());
        qInfo("%s", text.c_str());
        QVERIFY2(text.find(broker.ca_cert) != std::string::npos, text.c_str());
        QVERIFY2(text.find(amqp::kBrokerCaVariable) != std::string::npos, text.c_str());
        QVERIFY2(text.find(says.toStdString()) != std::string::npos, text.c_str());
    }

    void namesEndToEndThroughAmqps()
    {
        // The CA as a user gives it: PRODCONS_BROKER_CACERT, read by socket_srv and its
        // children (they inherit this process's environment).
        const ScopedEnv ca(amqp::kBrokerCaVariable, m_ca.toLocal8Bit());
        m_servers.push_back(std::make_unique<ServerProcess>(
            ipc::Mode::Shm, m_prefix, QStringList{QStringLiteral("--broker"), m_tlsUrl}));
        ServerProcess* server = m_servers.back().get();
        server->setModeOption(QStringLiteral("-amqp"));
        QVERIFY2(server->start(), server->log().constData());
        m_started.insert(server->pid());
        QVERIFY2(server->log().contains(m_tlsUrl.toUtf8()), server->log().constData());

        const int count = 200;
        ClientProcess* consumer = launch(ClientProcess::consumer(server->port(), count));
        ClientProcess* producer = launch(ClientProcess::producer(server->port(), "tls", count));
        QVERIFY(finishes(producer));
        QVERIFY(finishes(consumer));
        const auto sent = findTally(producer->tallies(), "tls");
        QVERIFY(sent);
        QCOMPARE(sent->number("acknowledged"), count);
        const auto got = findTally(consumer->tallies(), "tls");
        QVERIFY2(got, qPrintable(consumer->describe()));
        QCOMPARE(got->number("distinct"), count);
        QCOMPARE(got->number("duplicates"), 0);
        int next = 0;
        for (const QByteArray& line : consumer->lines()) {
            if (!line.startsWith("received "))
                continue;
            QVERIFY2(line.endsWith("#tls-" + QByteArray::number(next)), line.constData());
            ++next;
        }
        QCOMPARE(next, count);
        QVERIFY(server->quit());

        // --cleanup over amqps too: the queue goes.
        const auto [code, output] = runOnce(
            {QStringLiteral("--cleanup"), QStringLiteral("-amqp"), QStringLiteral("--broker"),
             m_tlsUrl, QStringLiteral("--prefix"), QString::fromStdString(m_prefix)});
        QVERIFY2(code == 0, output.constData());
        auto left = amqp::query_queue(m_tls, queue());
        QVERIFY(!left && left.error().err == 404);
    }

    void aBrokerThatCannotBeTrustedOrReachedSaysWhy_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("ca"); // PRODCONS_BROKER_CACERT; "wrong": the test's own CA
        QTest::addColumn<QByteArray>("says");
        const QString tlsPort = QString::number(m_tls.nodes.front().port);
        const QString plainPort = QString::number(m_plain.nodes.front().port);
        QTest::newRow("a CA that did not sign it")
            << QStringLiteral("amqps://127.0.0.1:%1/").arg(tlsPort) << QStringLiteral("wrong")
            << QByteArray("certificate could not be verified: self-signed certificate");
        // "127.1" is 127.0.0.1 to the resolver, and a name the certificate is not for.
        QTest::newRow("a host name the certificate is not for")
            << QStringLiteral("amqps://127.1:%1/").arg(tlsPort) << QStringLiteral("right")
            << QByteArray("certificate could not be verified: it is not for 127.1");
        QTest::newRow("amqps:// to the plain AMQP port")
            << QStringLiteral("amqps://127.0.0.1:%1/").arg(plainPort) << QStringLiteral("right")
            << QByteArray("the TLS handshake failed: wrong version number (no TLS on this port");
        QTest::newRow("amqp:// to the TLS port")
            << QStringLiteral("amqp://127.0.0.1:%1/").arg(tlsPort) << QStringLiteral("right")
            << QByteArray("no AMQP greeting, the connection closed (a TLS port? amqps:// then)");
    }

    void aBrokerThatCannotBeTrustedOrReachedSaysWhy()
    {
        QFETCH(QString, url);
        QFETCH(QString, ca);
        QFETCH(QByteArray, says);
        const ScopedEnv trust(amqp::kBrokerCaVariable,
                              (ca == QLatin1String("wrong") ? m_wrongCa : m_ca).toLocal8Bit());
        const amqp::ResolvedBroker resolved = amqp::resolve_broker(url.toStdString(), {});
        QVERIFY2(resolved.settings, resolved.error.c_str());
        const amqp::BrokerSettings& broker = *resolved.settings;

        // The library: the error names the broker and says why, at once.
        QElapsedTimer clock;
        clock.start();
        amqp::QueueSettings settings;
        settings.name = queue();
        amqp::BrokerAccess access(broker, settings);
        const ipc::Status checked = access.check();
        const qint64 took = clock.elapsed();
        QVERIFY(!checked);
        const std::string text = ipc::describe(checked.error());
        qInfo("%s (%lld ms)", text.c_str(), took);
        QVERIFY2(text.find(broker.address()) != std::string::npos, text.c_str());
        QVERIFY2(text.find(says.toStdString()) != std::string::npos, text.c_str());
        QVERIFY2(took < kRefusedWithinMs, qPrintable(QString::number(took)));

        // socket_srv: exits 1 with the same reason, at once.
        clock.restart();
        const auto [code, output] =
            runOnce({QStringLiteral("-amqp"), QString::number(test::freeTcpPort()),
                     QStringLiteral("--prefix"), QString::fromStdString(m_prefix),
                     QStringLiteral("--broker"), url});
        qInfo("socket_srv: %s (%lld ms)", output.trimmed().constData(), clock.elapsed());
        QCOMPARE(code, 1);
        QVERIFY2(output.contains("cannot use the broker"), output.constData());
        QVERIFY2(output.contains(QByteArray::fromStdString(broker.address())), output.constData());
        QVERIFY2(output.contains(says), output.constData());
        QVERIFY2(clock.elapsed() < kRefusedWithinMs + 5000, output.constData());
    }
};

QTEST_GUILESS_MAIN(tst_AmqpTls)
#include "tst_amqp_tls.moc"
