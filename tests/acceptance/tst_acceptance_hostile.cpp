// Hostile input against a real socket_srv: a megabyte on one line, NUL, control and binary
// bytes, invalid UTF-8, CR without LF, a role dribbled one byte a second, a thousand
// connections opened and dropped at once, a consumer that never reads and a producer that never
// reads its OKs. The server answers each as the protocol says, serves everyone else meanwhile,
// and its children's memory stays flat (VmRSS).
#include "client_process.h"
#include "event_wait.h"
#include "ipc/snapshot.h"
#include "ipc_test_prefix.h"
#include "process_tree.h"
#include "raw_client.h"
#include "server_process.h"
#include "test_support.h"

#include <QDeadlineTimer>
#include <QTest>
#include <algorithm>
#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;
using prodcons::test::runEventsFor;
using prodcons::test::waitUntil;

namespace {

// A child's buffers are fixed (64 KiB in, 32 KiB out): whatever a client does, its resident
// memory must not grow by more than this.
constexpr qint64 kMaxGrowthKiB = 1024;

const QByteArray kTooLong = "ERROR: name too long (at most 255 bytes)";
const QByteArray kControl = "ERROR: name contains control characters";
const QByteArray kNotUtf8 = "ERROR: name is not valid UTF-8";
const QByteArray kEmpty = "ERROR: empty name";

/// The local port of socket `fd`, or 0.
quint16 localPort(int fd)
{
    sockaddr_in address = {};
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0 ||
        address.sin_family != AF_INET)
        return 0;
    return ntohs(address.sin_port);
}

} // namespace

class tst_AcceptanceHostile : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::vector<std::unique_ptr<ServerProcess>> m_servers;
    std::vector<std::unique_ptr<ClientProcess>> m_clients;

    ServerProcess* serve(QStringList extra = {})
    {
        m_servers.push_back(
            std::make_unique<ServerProcess>(ipc::Mode::Shm, m_prefix->prefix(), extra));
        ServerProcess* server = m_servers.back().get();
        if (!server->start()) {
            qWarning("socket_srv did not start: %s", server->log().constData());
            return nullptr;
        }
        return server;
    }

    ClientProcess* launch(const QStringList& arguments)
    {
        m_clients.push_back(std::make_unique<ClientProcess>(arguments));
        return m_clients.back()->start() ? m_clients.back().get() : nullptr;
    }

    /// Connects a raw client, reads "Task?" and says `role`; its server child is `*child`.
    std::unique_ptr<RawClient> connectAs(ServerProcess& server, const QByteArray& role,
                                         pid_t* child = nullptr, int receiveBuffer = 0,
                                         int sendBuffer = 0)
    {
        const std::vector<pid_t> before = server.children();
        auto client = std::make_unique<RawClient>();
        if (!client->open(server.port(), receiveBuffer, sendBuffer) || !client->waitConnected())
            return nullptr;
        if (role != "<silent>") {
            if (client->readLine() != "Task?" || !client->sendAll(role + "\n"))
                return nullptr;
        }
        if (child) {
            *child = 0;
            waitUntil(
                [&] {
                    for (pid_t pid : server.children())
                        if (std::find(before.begin(), before.end(), pid) == before.end())
                            *child = pid;
                    return *child != 0;
                },
                10s);
        }
        return client;
    }

    /// Reads `count` replies; the lines.
    static QList<QByteArray> replies(RawClient& client, int count)
    {
        QList<QByteArray> lines;
        while (lines.size() < count) {
            const QByteArray line = client.readLine();
            lines << line;
            if (line.startsWith('<'))
                break;
        }
        return lines;
    }

private slots:
    void initTestCase()
    {
        // A thousand sockets need more descriptors than the usual soft limit of 1024.
        rlimit limit = {};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 8192);
        QVERIFY(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
    }

    void init() { m_prefix = std::make_unique<test::IpcTestPrefix>(); }

    void cleanup()
    {
        m_clients.clear();
        for (auto& server : m_servers)
            QVERIFY2(!server->running() || server->quit(), server->log().constData());
        m_servers.clear();
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    void aMegabyteLineIsRefusedOnceAndNeverBuffered()
    {
        ServerProcess* server = serve();
        QVERIFY(server);
        pid_t producerChild = 0;
        auto producer = connectAs(*server, "producer", &producerChild);
        auto consumer = connectAs(*server, "consumer");
        QVERIFY(producer && consumer && producerChild);
        QVERIFY(producer->sendAll("first\n"));
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        const qint64 before = residentKiB(producerChild); // it has stored a name: warmed up

        QVERIFY(producer->sendAll(QByteArray(1 << 20, 'x') + "\nsecond\n"));
        QCOMPARE(replies(*producer, 2), (QList<QByteArray>{kTooLong, "OK"}));
        const qint64 after = residentKiB(producerChild);
        qInfo("a megabyte line: the child's VmRSS %lld KiB before, %lld KiB after", before, after);
        QVERIFY2(after - before < kMaxGrowthKiB,
                 qPrintable(QStringLiteral("%1 KiB -> %2 KiB").arg(before).arg(after)));
        QCOMPARE(consumer->readLine(), QByteArray("first"));
        QCOMPARE(consumer->readLine(), QByteArray("second"));
        // A consumer's megabyte in place of an OK is answered too, and it goes on.
        QVERIFY(consumer->sendAll("OK\nOK\n" + QByteArray(1 << 20, 'y') + "\n"));
        QCOMPARE(consumer->readLine(), QByteArray("ERROR: expected 'OK'"));
        QVERIFY(producer->sendAll("third\n"));
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QCOMPARE(consumer->readLine(), QByteArray("third"));
        QVERIFY(consumer->sendAll("OK\n"));
    }

    void binaryControlAndInvalidUtf8NamesAreRefusedOneByOne()
    {
        ServerProcess* server = serve();
        QVERIFY(server);
        auto producer = connectAs(*server, "producer");
        QVERIFY(producer);
        const QByteArray longest(255, 'a');
        const QList<std::pair<QByteArray, QByteArray>> lines = {
            {"ok-1", "OK"},
            {QByteArray("nul\0inside", 10), kControl},
            {QByteArray("\0", 1), kControl},
            {"\x01\x02\x03", kControl},
            {"tab\there", kControl},
            {"del\x7f", kControl},
            {"cr\rinside", kControl}, // a CR without LF ends nothing
            {"\xff\xfe", kNotUtf8},
            {"caf\xc3", kNotUtf8},              // cut in the middle of a character
            {"\xc0\xaf", kNotUtf8},             // overlong
            {"\xed\xa0\x80", kNotUtf8},         // a UTF-16 surrogate
            {"\xf4\x90\x80\x80", kNotUtf8},     // beyond U+10FFFF
            {"\x80\x80\x80", kNotUtf8},         // continuation bytes alone
            {"Zo\xc3\xab", "OK"},               // Zoë
            {"\xe6\x97\xa5\xe6\x9c\xac", "OK"}, // 日本
            {"", kEmpty},
            {"\r", kEmpty}, // CR LF around nothing
            {"crlf\r", "OK"},
            {longest, "OK"},
            {longest + "b", kTooLong},
        };
        QByteArray stream;
        QList<QByteArray> expected;
        for (const auto& [line, reply] : lines) {
            stream += line + '\n';
            expected << reply;
        }
        QVERIFY(producer->sendAll(stream));
        QCOMPARE(replies(*producer, int(expected.size())), expected);

        // Only the accepted names reach a consumer, as sent (CR LF without its CR).
        auto consumer = connectAs(*server, "consumer");
        QVERIFY(consumer);
        for (const QByteArray& name :
             {QByteArray("ok-1"), QByteArray("Zo\xc3\xab"), QByteArray("\xe6\x97\xa5\xe6\x9c\xac"),
              QByteArray("crlf"), longest})
            QCOMPARE(consumer->readLine(), name);
        QVERIFY(consumer->sendAll("OK\nOK\nOK\nOK\nOK\n"));
        QCOMPARE(consumer->readLine(500ms), QByteArray("<timeout>")); // nothing else
    }

    void crWithoutLfEndsNoLine()
    {
        ServerProcess* server = serve();
        QVERIFY(server);
        auto producer = connectAs(*server, "producer");
        QVERIFY(producer);
        // A third of a megabyte of CRs is one line, far too long, refused once.
        QVERIFY(producer->sendAll(QByteArray(300'000, '\r') + "\nafter\n"));
        QCOMPARE(replies(*producer, 2), (QList<QByteArray>{kTooLong, "OK"}));
        // An unterminated last line is still a line at the end of the input: refused here.
        QVERIFY(producer->sendAll("a\rb"));
        producer->shutdownWrite();
        QCOMPARE(producer->readLine(), kControl);
        QCOMPARE(producer->readLine(), QByteArray("<eof>"));
    }

    void aRoleDribbledOneByteASecondIsServedUntilTheRoleTimeout()
    {
        ServerProcess* patient = serve({QStringLiteral("--role-timeout"), QStringLiteral("10")});
        ServerProcess* strict = serve({QStringLiteral("--role-timeout"), QStringLiteral("2")});
        QVERIFY(patient && strict);
        auto slow = connectAs(*patient, "<silent>");
        auto slower = connectAs(*strict, "<silent>");
        QVERIFY(slow && slower);
        QCOMPARE(slow->readLine(), QByteArray("Task?"));
        QCOMPARE(slower->readLine(), QByteArray("Task?"));
        // "produc" at once, then one byte a second: the deadline counts from the greeting,
        // however the bytes trickle in.
        QVERIFY(slow->sendAll("produc") && slower->sendAll("produc"));
        for (const char byte : QByteArray("er\n")) {
            runEventsFor(1s);
            QVERIFY(slow->sendAll(QByteArray(1, byte)));
            (void)slower->sendSome(&byte, 1); // it may be closed by now
        }
        QVERIFY(slow->sendAll("patient-name\n"));
        QCOMPARE(slow->readLine(), QByteArray("OK"));
        QCOMPARE(slower->readLine(), QByteArray("ERROR: no task within 2 s"));
        QCOMPARE(slower->readLine(), QByteArray("<eof>"));
    }

    void aThousandConnectionsOpenedAndDroppedAtOnce()
    {
        ServerProcess* server = serve();
        QVERIFY(server);
        const int descriptorsBefore = openDescriptors(server->pid());
        constexpr int kConnections = 1000;
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < kConnections; ++i) {
            clients.push_back(std::make_unique<RawClient>());
            QVERIFY2(clients.back()->open(server->port()), qPrintable(QString::number(i)));
        }
        QVERIFY(waitUntil(
            [&] {
                return std::all_of(clients.begin(), clients.end(),
                                   [](const auto& c) { return c->connectedNow(); });
            },
            20s));
        // A third say they consume (and join the buffer), a third send half a role, the rest
        // nothing; then all go at once, half of them with a reset.
        for (int i = 0; i < kConnections; ++i) {
            const QByteArray words = i % 3 == 0 ? "consumer\n" : i % 3 == 1 ? "prod" : "";
            (void)clients[std::size_t(i)]->sendSome(words.constData(), words.size());
        }
        for (int i = 0; i < kConnections; ++i)
            clients[std::size_t(i)]->close(i % 2 == 0);
        clients.clear();

        // Every child ends and is reaped (no zombie: /proc lists those too), every descriptor
        // is closed, nobody is left in the participant table, and the server still serves.
        QVERIFY2(waitUntil([&] { return server->children().empty(); }, 60s),
                 qPrintable(QStringLiteral("%1 children left").arg(server->children().size())));
        QVERIFY(
            waitUntil([&] { return openDescriptors(server->pid()) == descriptorsBefore; }, 10s));
        ClientProcess* consumer = launch(ClientProcess::consumer(server->port(), 100));
        ClientProcess* producer = launch(ClientProcess::producer(server->port(), "after", 100));
        QVERIFY(consumer && producer);
        QVERIFY2(producer->waitForExit() && producer->exitCode() == 0,
                 qPrintable(producer->describe()));
        QVERIFY2(consumer->waitForExit() && consumer->exitCode() == 0,
                 qPrintable(consumer->describe()));
        QCOMPARE(findTally(consumer->tallies(), "after")->number("distinct"), 100);
        QCOMPARE(findTally(consumer->tallies(), "after")->number("gaps"), 0);
    }

    void aConsumerThatNeverReadsBlocksNobodyAndStaysSmall()
    {
        ServerProcess* server = serve();
        QVERIFY(server);
        // It says it consumes, then reads nothing, ever: not even "Task?".
        const std::vector<pid_t> before = server->children();
        RawClient deaf;
        QVERIFY(deaf.open(server->port(), 4096) && deaf.waitConnected());
        QVERIFY(deaf.sendAll("consumer\n"));
        QVERIFY(waitUntil([&] { return server->children().size() == before.size() + 1; }, 10s));
        const pid_t stuckChild = server->children().back();

        constexpr int kCount = 5000;
        const std::uint32_t window = ipc::Geometry{}.window; // what the server holds per consumer
        ClientProcess* consumer = launch(ClientProcess::consumer(server->port(), 0));
        ClientProcess* producer = launch(ClientProcess::producer(server->port(), "deaf", kCount));
        QVERIFY(consumer && producer);
        // Once the deaf consumer's child has sent it a full window of names, it has done all it
        // will do: from then on its memory stays as it is, however many names pass by.
        qint64 rssBefore = -1;
        QVERIFY(waitUntil(
            [&] {
                if (auto snap = ipc::inspect(m_prefix->names()))
                    for (const ipc::ParticipantInfo& p : snap->participants)
                        if (p.pid == stuckChild && p.held == window)
                            rssBefore = residentKiB(stuckChild);
                return rssBefore > 0;
            },
            30s));
        // The producer gets every OK while the deaf consumer sits on its window.
        QVERIFY2(producer->waitForExit(60s) && producer->exitCode() == 0,
                 qPrintable(producer->describe()));
        qint64 rssMost = rssBefore;
        QVERIFY(waitUntil(
            [&] {
                rssMost = std::max(rssMost, residentKiB(stuckChild));
                return consumer->lines().size() >= kCount - window;
            },
            30s));
        qInfo("the deaf consumer's child: VmRSS %lld KiB, at most %lld KiB while names passed",
              rssBefore, rssMost);
        QVERIFY2(rssMost - rssBefore < kMaxGrowthKiB,
                 qPrintable(QStringLiteral("%1 KiB -> %2 KiB").arg(rssBefore).arg(rssMost)));
        QVERIFY(processState(stuckChild) != 0); // still there, holding its window

        // When it goes, the names it sat on reach the other consumer: nothing is lost.
        deaf.close(true);
        QVERIFY(waitUntil([&] { return consumer->lines().size() >= kCount + 1; }, 20s));
        consumer->terminate();
        QVERIFY(consumer->waitForExit());
        const auto tally = findTally(consumer->tallies(), "deaf");
        QVERIFY(tally);
        QCOMPARE(tally->number("distinct"), kCount);
        QCOMPARE(tally->number("gaps"), 0);
    }

    void aProducerThatNeverReadsItsOksIsHeldBackNotBuffered()
    {
        ServerProcess* server = serve();
        QVERIFY(server);
        ClientProcess* consumer = launch(ClientProcess::consumer(server->port(), 0));
        QVERIFY(consumer);
        pid_t child = 0;
        auto deaf = connectAs(*server, "producer", &child, 4096, 16384);
        QVERIFY(deaf && child);

        // Mostly empty lines, each answered with an 18-byte ERROR, and a name every 100th: the
        // replies pile up until the child cannot write and stops reading, and then the kernel
        // stops taking our bytes. Nothing in between may grow.
        qint64 lines = 0;
        qint64 names = 0;
        QByteArray chunk;
        qsizetype offset = 0;
        qint64 bytesTaken = 0;
        qint64 rssBefore = -1;
        qint64 rssMost = 0;
        auto refill = [&] {
            chunk.clear();
            offset = 0;
            for (int i = 0; i < 1000; ++i, ++lines) {
                if (lines % 100 == 99)
                    chunk += "never-read-" + QByteArray::number(names++) + "\n";
                else
                    chunk += "\n";
            }
        };
        refill();
        // Held back is what the kernel shows, not a pause in progress (a busy machine makes
        // those): our bytes are refused, and the child's socket holds input the child has not
        // read and replies it cannot send while the child sleeps. It waits for room to write,
        // not for a CPU. Seen on a few looks in a row, within a deadline; a server that never
        // stops taking bytes fails below.
        const quint16 ourPort = localPort(deaf->fd());
        QVERIFY(ourPort != 0);
        const auto childHeldBack = [&] {
            const auto queues = test::tcpQueues(server->port(), ourPort); // the child's end
            return queues && queues->unread > 0 && queues->unsent > 0 && processState(child) == 'S';
        };
        int heldLooks = 0;
        QDeadlineTimer deadline(120s);
        while (heldLooks < 3 && !deadline.hasExpired() && bytesTaken < (64 << 20)) {
            const qsizetype n = deaf->sendSome(chunk.constData() + offset, chunk.size() - offset);
            QVERIFY(n >= 0);
            if (n > 0) {
                bytesTaken += n;
                offset += n;
                heldLooks = 0;
                if (offset == chunk.size())
                    refill();
            } else {
                heldLooks = childHeldBack() ? heldLooks + 1 : 0;
                runEventsFor(5ms);
            }
            // The child has run every code path it will run once it has answered many lines
            // (or once it first holds us back).
            if (rssBefore < 0 && (lines >= 100'000 || n == 0))
                rssBefore = residentKiB(child);
            rssMost = std::max(rssMost, residentKiB(child));
        }
        QVERIFY2(bytesTaken < (64 << 20), "the server never stopped taking bytes");
        QVERIFY2(heldLooks == 3,
                 qPrintable(QStringLiteral("not held back after %1 bytes").arg(bytesTaken)));
        QVERIFY(rssBefore > 0);
        qInfo("held back after %lld bytes (%lld lines); the child's VmRSS %lld KiB, at most %lld "
              "KiB",
              bytesTaken, lines, rssBefore, rssMost);
        QVERIFY2(rssMost - rssBefore < kMaxGrowthKiB,
                 qPrintable(QStringLiteral("%1 KiB -> %2 KiB").arg(rssBefore).arg(rssMost)));

        // Meanwhile another producer is served, and its names reach the consumer.
        ClientProcess* other = launch(ClientProcess::producer(server->port(), "other", 200));
        QVERIFY(other);
        QVERIFY2(other->waitForExit() && other->exitCode() == 0, qPrintable(other->describe()));

        // Now it reads: every line gets its reply, in order, and the rest of its input flows.
        const QByteArray rest = chunk.mid(offset) + "quit\n";
        qsizetype restSent = 0;
        QVERIFY(waitUntil(
            [&] {
                if (restSent < rest.size()) {
                    const qsizetype n =
                        deaf->sendSome(rest.constData() + restSent, rest.size() - restSent);
                    restSent += std::max<qsizetype>(n, 0);
                }
                deaf->readAvailable();
                return deaf->peerClosed();
            },
            60s));
        const QList<QByteArray> got = deaf->received().split('\n');
        qint64 oks = 0;
        qint64 errors = 0;
        qint64 wrong = 0;
        for (qint64 i = 0; i < lines; ++i) {
            const QByteArray& reply = got.value(i);
            const bool name = i % 100 == 99;
            if (reply == (name ? QByteArray("OK") : kEmpty))
                ++(name ? oks : errors);
            else
                ++wrong;
        }
        QCOMPARE(wrong, 0);
        QCOMPARE(oks, names);
        QVERIFY(waitUntil([&] { return consumer->lines().size() >= names + 200 + 1; },
                          30s)); // + "Task?"
        consumer->terminate();
        QVERIFY(consumer->waitForExit());
        QCOMPARE(findTally(consumer->tallies(), "other")->number("distinct"), 200);
        QCOMPARE(findTally(consumer->tallies(), {}, "received")->number("untagged"), names);
    }
};

QTEST_GUILESS_MAIN(tst_AcceptanceHostile)
#include "tst_acceptance_hostile.moc"
