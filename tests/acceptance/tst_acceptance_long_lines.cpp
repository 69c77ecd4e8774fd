// Long lines (issue 18): socket_srv --slot-size 8192 on real ports, in both modes. A file of
// 2,000 lines of 1 to 8,191 bytes from socket_cl --file on one server to socket_cl --out on
// another, byte for byte; the classic test client's way (one line, then its reply, before the
// next); lines from 64 producers at once delivered exactly once; the longest line accepted and
// the next refused with the server's limit; and a second server with another slot size refused.
#include "buffer_fixture.h"
#include "client_process.h"
#include "event_wait.h"
#include "ipc_test_prefix.h"
#include "raw_client.h"
#include "server_process.h"

#include <QFile>
#include <QHash>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;
using prodcons::test::waitUntil;

namespace {

constexpr int kSlotSize = 8192;
constexpr int kLongest = kSlotSize - 1;

/// Printable ASCII of `length` bytes that starts with `tag` (digits and letters, no blanks at
/// either end, never "ERROR:"); `seed` varies the filling.
QByteArray lineOf(const QByteArray& tag, int length, quint32 seed)
{
    QByteArray line = tag;
    line.reserve(length);
    QRandomGenerator random(seed);
    while (line.size() < length)
        line.append(static_cast<char>('!' + random.bounded(94))); // '!' .. '~'
    line.truncate(length);
    return line;
}

/// A client that has said its role, or null (with a warning) if the server did not ask.
std::unique_ptr<RawClient> connectAs(quint16 port, const QByteArray& role)
{
    auto client = std::make_unique<RawClient>();
    if (!client->open(port) || !client->waitConnected()) {
        qWarning("cannot connect to port %u", port);
        return nullptr;
    }
    const QByteArray greeting = client->readLine();
    if (greeting != "Task?") {
        qWarning("the server said '%s', not Task?", greeting.constData());
        return nullptr;
    }
    if (!client->sendAll(role + "\n"))
        return nullptr;
    return client;
}

} // namespace

class tst_AcceptanceLongLines : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::vector<std::unique_ptr<ServerProcess>> m_servers;

    ServerProcess* serve(ipc::Mode mode, int slotSize = kSlotSize)
    {
        m_servers.push_back(std::make_unique<ServerProcess>(
            mode, m_prefix->prefix(),
            QStringList{QStringLiteral("--slot-size"), QString::number(slotSize)}));
        ServerProcess* server = m_servers.back().get();
        if (!server->start()) {
            qWarning("socket_srv did not start: %s", server->log().constData());
            return nullptr;
        }
        return server;
    }

private slots:
    void initTestCase_data() { test::addModeRows(); }

    void init() { m_prefix = std::make_unique<test::IpcTestPrefix>(); }

    void cleanup()
    {
        for (auto& server : m_servers)
            if (server->running())
                QVERIFY2(server->quit(), server->log().constData());
        m_servers.clear();
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    // The picture test's way, with the real tools: a producer sends a file's lines, a consumer
    // on another server writes what it receives, and the two files are the same, byte for
    // byte. Lines of every length from 1 to 8,191 bytes, some with blanks at either end.
    void aFileOfLongLinesArrivesByteForByte()
    {
        const ipc::Mode mode = test::rowMode();
        constexpr int kLines = 2000;
        ServerProcess* from = serve(mode);
        ServerProcess* to = serve(mode);
        QVERIFY(from && to);

        QByteArray content;
        for (int i = 0; i < kLines; ++i) {
            // Lengths spread over 1..8191 (4099 and 8191 are coprime), the extremes included.
            const int length = i == 0 ? kLongest : 1 + (i * 4099) % kLongest;
            QByteArray line = lineOf(QByteArray::number(i) + ":", length, quint32(i));
            if (i % 7 == 3 && line.size() > 2)
                line[line.size() - 1] = ' '; // trailing blanks are part of a line
            if (i % 11 == 5 && line.size() > 2)
                line[0] = ' ';
            content += line.left(length) + "\n";
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString sent = dir.filePath(QStringLiteral("sent.txt"));
        const QString received = dir.filePath(QStringLiteral("received.txt"));
        QFile file(sent);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(content) == content.size());
        file.close();

        ClientProcess consumer({QStringLiteral("127.0.0.1"), QString::number(to->port()),
                                QStringLiteral("--out"), received, QStringLiteral("--count"),
                                QString::number(kLines)});
        ClientProcess producer({QStringLiteral("127.0.0.1"), QString::number(from->port()),
                                QStringLiteral("--file"), sent});
        QVERIFY(consumer.start() && producer.start());
        QVERIFY2(producer.waitForExit(120s) && producer.exitCode() == 0,
                 qPrintable(producer.describe()));
        QVERIFY2(consumer.waitForExit(120s) && consumer.exitCode() == 0,
                 qPrintable(consumer.describe()));

        QFile out(received);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QByteArray arrived = out.readAll();
        QCOMPARE(arrived.size(), content.size());
        QVERIFY2(arrived == content, "the received file differs from the sent one");
    }

    // What the classic test client does: a line, then the server's reply, then the next line;
    // and as a consumer, a line, then OK. Lines of every length up to the slot size minus one
    // arrive unchanged and in order; one byte more is refused with the server's limit.
    void theClassicTestClientGetsEveryLineUpToTheSlotSize()
    {
        const ipc::Mode mode = test::rowMode();
        ServerProcess* from = serve(mode);
        ServerProcess* to = serve(mode);
        QVERIFY(from && to);
        auto producer = connectAs(from->port(), "producer");
        auto consumer = connectAs(to->port(), "consumer");
        QVERIFY(producer && consumer);

        QList<QByteArray> sent;
        for (const int length : {1, 2, 255, 256, 257, 2047, 4096, 8190, kLongest})
            sent << lineOf("L" + QByteArray::number(sent.size()) + "-", length,
                           static_cast<quint32>(length));
        sent << QByteArray("ends with blanks   "); // kept: a line is its bytes
        for (const QByteArray& line : sent) {
            QVERIFY(producer->sendAll(line + "\n"));
            QCOMPARE(producer->readLine(), QByteArray("OK"));
            const QByteArray received = consumer->readLine();
            QCOMPARE(received.size(), line.size());
            QVERIFY(received == line);
            QVERIFY(consumer->sendAll("OK\n"));
        }

        QVERIFY(producer->sendAll(lineOf("too-long-", kSlotSize, 1) + "\n"));
        QCOMPARE(producer->readLine(), QByteArray("ERROR: name too long (at most " +
                                                  QByteArray::number(kLongest) + " bytes)"));
        QVERIFY(producer->sendAll("after\n")); // the session goes on
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QCOMPARE(consumer->readLine(), QByteArray("after"));
        QVERIFY(consumer->sendAll("OK\nquit\n"));
        QVERIFY(producer->sendAll("quit\n"));
    }

    // 64 producers on one server send long tagged lines all at once, pipelined; two consumers
    // on another server take them. Every line arrives exactly once and whole.
    void linesOfSixtyFourProducersArriveExactlyOnce()
    {
        const ipc::Mode mode = test::rowMode();
        constexpr int kProducers = 64;
        constexpr int kLinesEach = 12;
        constexpr int kConsumers = 2;
        ServerProcess* from = serve(mode);
        ServerProcess* to = serve(mode);
        QVERIFY(from && to);

        QHash<QByteArray, QByteArray> expected; // tag -> line
        std::vector<std::unique_ptr<RawClient>> producers;
        std::vector<QByteArray> pending; // what each producer has still to send
        for (int p = 0; p < kProducers; ++p) {
            producers.push_back(connectAs(from->port(), "producer"));
            QVERIFY(producers.back());
            QByteArray lines;
            for (int i = 0; i < kLinesEach; ++i) {
                const QByteArray tag =
                    "p" + QByteArray::number(p) + "-" + QByteArray::number(i) + ":";
                const int length =
                    1 + static_cast<int>((quint32(p) * 977u + quint32(i) * 7919u) % kLongest);
                const QByteArray line =
                    lineOf(tag, std::max<int>(length, tag.size()), quint32(p * 100 + i));
                expected.insert(tag, line);
                lines += line + "\n";
            }
            pending.push_back(lines);
        }
        std::vector<std::unique_ptr<RawClient>> consumers;
        for (int c = 0; c < kConsumers; ++c) {
            consumers.push_back(connectAs(to->port(), "consumer"));
            QVERIFY(consumers.back());
        }

        QHash<QByteArray, int> seen; // tag -> times received
        QList<QByteArray> mangled;
        const qsizetype total = expected.size();
        qsizetype received = 0;
        const bool done = waitUntil(
            [&] {
                for (int p = 0; p < kProducers; ++p) {
                    QByteArray& rest = pending[std::size_t(p)];
                    if (!rest.isEmpty()) {
                        const qsizetype n =
                            producers[std::size_t(p)]->sendSome(rest.constData(), rest.size());
                        if (n > 0)
                            rest.remove(0, n);
                    }
                    producers[std::size_t(p)]->readAvailable(); // its OKs
                }
                for (auto& consumer : consumers) {
                    consumer->readAvailable();
                    QByteArray& in = consumer->received();
                    QByteArray acknowledgements;
                    qsizetype end;
                    while ((end = in.indexOf('\n')) >= 0) {
                        const QByteArray line = in.left(end);
                        in.remove(0, end + 1);
                        const QByteArray tag = line.left(line.indexOf(':') + 1);
                        if (expected.value(tag) != line)
                            mangled << line.left(60);
                        ++seen[tag];
                        ++received;
                        acknowledgements += "OK\n";
                    }
                    if (!acknowledgements.isEmpty())
                        consumer->sendAll(acknowledgements);
                }
                return received >= total;
            },
            120s);
        QVERIFY2(done,
                 qPrintable(QStringLiteral("%1 of %2 lines received").arg(received).arg(total)));
        QVERIFY2(mangled.isEmpty(), mangled.join(" | ").constData());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QVERIFY2(seen.value(it.key()) == 1, qPrintable(QStringLiteral("%1 received %2 times")
                                                               .arg(QString::fromLatin1(it.key()))
                                                               .arg(seen.value(it.key()))));
        QCOMPARE(received, total);
        // Every line was stored before a consumer could have it: every producer has its OKs.
        for (auto& producer : producers)
            QVERIFY(waitUntil(
                [&] {
                    producer->readAvailable();
                    return producer->received().count("OK\n") >= kLinesEach;
                },
                20s));
        for (auto& producer : producers)
            QCOMPARE(producer->received(), QByteArray("OK\n").repeated(kLinesEach));
        for (auto& consumer : consumers)
            QVERIFY(consumer->sendAll("quit\n"));
        for (auto& producer : producers)
            QVERIFY(producer->sendAll("quit\n"));
    }

    // Every server of a prefix must agree on the slot size: a second one with another size
    // does not start, and says what to do.
    void aServerWithAnotherSlotSizeIsRefused()
    {
        const ipc::Mode mode = test::rowMode();
        QVERIFY(serve(mode, kSlotSize));
        auto other = std::make_unique<ServerProcess>(mode, m_prefix->prefix());
        QVERIFY(!other->start());
        QVERIFY2(other->log().contains("incompatible layout"), other->log().constData());
        QVERIFY2(other->log().contains("--slot-size"), other->log().constData());
        QVERIFY(waitUntil([&] { return !other->running(); }, 20s));
        QCOMPARE(other->exitCode(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_AcceptanceLongLines)
#include "tst_acceptance_long_lines.moc"
