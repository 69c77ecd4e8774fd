// NameSession through the real server: two in-process ForkingServers sharing one buffer (SHM
// and MQ), a producer session on one and consumer sessions on the other, tagged names checked
// for loss and duplicates end to end.
#include "child_process.h"
#include "forking_server.h"
#include "ipc_test_prefix.h"
#include "name_session.h"
#include "name_tag.h"
#include "server_fixture.h"
#include "test_support.h"

#include <QFile>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace prodcons;
using namespace prodcons::client;

namespace {

constexpr int kDeadlineMs = 30'000; // only a hang waits this long

const QString kHost = QStringLiteral("127.0.0.1");

/// Collects the sequence numbers a consumer session received, by name tag.
struct SeenSeqs
{
    QList<quint64> seqs;
    qint64 untagged = 0;

    NameObserver observer()
    {
        return [this](NameEvent event, QByteArrayView name) {
            if (event != NameEvent::Received)
                return;
            if (const auto tag = NameTag::parse(name))
                seqs.append(tag->seq);
            else
                ++untagged;
        };
    }
};

} // namespace

class tst_ClientRealServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<prodcons::test::IpcTestPrefix> m_prefix;
    std::unique_ptr<prodcons::test::ServerFixture> m_servers;

    // socket_cl with `options`, on 127.0.0.1:`port`.
    static void startSocketCl(QProcess& process, quint16 port, const QStringList& options)
    {
        process.start(prodcons::test::binaryPath("socket_cl"),
                      QStringList{kHost, QString::number(port)} + options);
        QVERIFY2(process.waitForStarted(), "could not start socket_cl");
    }

    // Waits for socket_cl with a real event loop running (the servers accept in this process).
    static bool waitForExit(QProcess& process)
    {
        if (process.state() == QProcess::NotRunning)
            return true;
        QSignalSpy finished(&process, &QProcess::finished);
        return finished.wait(kDeadlineMs);
    }

    static QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
    {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
        return file.fileName();
    }

    static QByteArray readFile(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<cannot read>");
    }

    static void makeProducer(NameSession& session, qint64 limit)
    {
        session.setRate(Rate::unthrottled());
        session.setTagging(true, "real");
        session.setLimit(limit);
    }

private slots:
    void init()
    {
        m_prefix = std::make_unique<prodcons::test::IpcTestPrefix>();
        m_servers = std::make_unique<prodcons::test::ServerFixture>(*m_prefix);
    }

    void cleanup()
    {
        m_servers.reset(); // stops them: children ended and reaped
        QVERIFY(!prodcons::test::zombie_child_exists());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    void producerToConsumerThroughTwoServers_data()
    {
        QTest::addColumn<bool>("mq");
        QTest::newRow("SHM") << false;
        QTest::newRow("MQ") << true;
    }

    // Every tagged name arrives once, in order, and both sides agree on the counts.
    void producerToConsumerThroughTwoServers()
    {
        QFETCH(bool, mq);
        const ipc::Mode mode = mq ? ipc::Mode::Mq : ipc::Mode::Shm;
        server::ForkingServer& in = m_servers->start(mode);
        server::ForkingServer& out = m_servers->start(mode);
        constexpr qint64 kNames = 5000;

        NameSession consumer;
        consumer.setTagging(true);
        consumer.setLimit(kNames);
        SeenSeqs seen;
        consumer.setNameObserver(seen.observer());
        QSignalSpy consumerFinished(&consumer, &NameSession::finished);
        consumer.connectToServer(kHost, out.serverPort(), Role::Consumer);

        NameSession producer;
        makeProducer(producer, kNames);
        QSignalSpy producerFinished(&producer, &NameSession::finished);
        producer.connectToServer(kHost, in.serverPort(), Role::Producer);

        // QSignalSpy::wait runs a real event loop (QTRY_* would sleep between rounds).
        QVERIFY(producerFinished.count() == 1 || producerFinished.wait(kDeadlineMs));
        QVERIFY(consumerFinished.count() == 1 || consumerFinished.wait(kDeadlineMs));
        QCOMPARE(producer.state(), SessionState::Finished);
        QCOMPARE(consumer.state(), SessionState::Finished);

        const SessionFigures sent = producer.figures();
        QCOMPARE(sent.sent, kNames);
        QCOMPARE(sent.acknowledged, kNames);
        QCOMPARE(sent.errors, 0);
        const SessionFigures got = consumer.figures();
        QCOMPARE(got.received, kNames);
        QCOMPARE(got.gaps, 0);
        QCOMPARE(got.duplicates, 0);
        const QList<SourceTally> tallies = consumer.tracker().tallies();
        QCOMPARE(tallies.size(), 1);
        QCOMPARE(tallies[0].source, QByteArray("real"));
        QCOMPARE(tallies[0].distinct, kNames);
        QCOMPARE(tallies[0].maxSeq, quint64(kNames - 1));
        QCOMPARE(tallies[0].outOfOrder, 0);
        QCOMPARE(consumer.tracker().untagged(), 0);
        // One buffer, one consumer: exactly in the order produced.
        QCOMPARE(seen.seqs.size(), kNames);
        for (qint64 i = 0; i < kNames; ++i)
            QCOMPARE(seen.seqs[i], quint64(i));
    }

    void aSecondConsumerGetsWhatTheFirstLeft_data() { producerToConsumerThroughTwoServers_data(); }

    // The first consumer stops after part of the names (names sent ahead to it and not
    // acknowledged go back to the buffer); a second one takes the rest: together exactly once.
    void aSecondConsumerGetsWhatTheFirstLeft()
    {
        QFETCH(bool, mq);
        const ipc::Mode mode = mq ? ipc::Mode::Mq : ipc::Mode::Shm;
        server::ForkingServer& in = m_servers->start(mode);
        server::ForkingServer& out = m_servers->start(mode);
        constexpr qint64 kNames = 3000;
        constexpr qint64 kFirst = 700;

        NameSession producer;
        makeProducer(producer, kNames);
        producer.connectToServer(kHost, in.serverPort(), Role::Producer);

        NameSession first;
        first.setTagging(true);
        first.setLimit(kFirst);
        SeenSeqs firstSeen;
        first.setNameObserver(firstSeen.observer());
        QSignalSpy firstFinished(&first, &NameSession::finished);
        first.connectToServer(kHost, out.serverPort(), Role::Consumer);
        QVERIFY(firstFinished.count() == 1 || firstFinished.wait(kDeadlineMs));
        // Its child has ended, so whatever it held is back in the buffer.
        QTRY_COMPARE_WITH_TIMEOUT(out.childCount(), 0, kDeadlineMs);

        NameSession second;
        second.setTagging(true);
        second.setLimit(kNames - kFirst);
        SeenSeqs secondSeen;
        second.setNameObserver(secondSeen.observer());
        QSignalSpy secondFinished(&second, &NameSession::finished);
        second.connectToServer(kHost, out.serverPort(), Role::Consumer);
        QVERIFY(secondFinished.count() == 1 || secondFinished.wait(kDeadlineMs));
        QTRY_COMPARE_WITH_TIMEOUT(producer.state(), SessionState::Finished, kDeadlineMs);

        QCOMPARE(first.figures().received, kFirst);
        QCOMPARE(second.figures().received, kNames - kFirst);
        QCOMPARE(first.figures().duplicates + second.figures().duplicates, 0);
        QSet<quint64> all;
        for (const quint64 seq : std::as_const(firstSeen.seqs))
            all.insert(seq);
        for (const quint64 seq : std::as_const(secondSeen.seqs)) {
            QVERIFY2(!all.contains(seq), qPrintable(QStringLiteral("seq %1 twice").arg(seq)));
            all.insert(seq);
        }
        QCOMPARE(all.size(), kNames);
        QCOMPARE(*std::max_element(all.begin(), all.end()), quint64(kNames - 1));
    }

    // A producer held back by a full buffer (no consumer) says so, and goes on once a consumer
    // drains it.
    void aFullBufferHoldsTheProducerBack()
    {
        server::ForkingServer& server = m_servers->start(ipc::Mode::Shm);
        NameSession producer;
        makeProducer(producer, 200);
        producer.connectToServer(kHost, server.serverPort(), Role::Producer);
        QTRY_COMPARE_WITH_TIMEOUT(producer.state(), SessionState::HeldBack, kDeadlineMs);
        // The buffer holds 10 names, the server takes no more.
        QVERIFY(producer.figures().acknowledged <= 10 + 1);

        NameSession consumer;
        consumer.setTagging(true);
        consumer.setLimit(200);
        consumer.connectToServer(kHost, server.serverPort(), Role::Consumer);
        QTRY_COMPARE_WITH_TIMEOUT(producer.state(), SessionState::Finished, kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(consumer.state(), SessionState::Finished, kDeadlineMs);
        QCOMPARE(consumer.figures().gaps, 0);
        QCOMPARE(consumer.figures().duplicates, 0);
    }

    // socket_cl --file into one server and socket_cl --out out of another: the file arrives
    // byte for byte (the last line gains its LF), through a buffer smaller than the file.
    void socketClFileToSocketClOutThroughTwoServers()
    {
        server::ForkingServer& in = m_servers->start(ipc::Mode::Shm);
        server::ForkingServer& out = m_servers->start(ipc::Mode::Shm);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray text;
        for (int i = 0; i < 40; ++i)
            text += "  line " + QByteArray::number(i) + " with spaces  \n";
        text += "# kept\n" + QByteArray(255, 'x') + "\nŽluťoučký kůň\nlast without LF";
        const QString sent = writeFile(dir, "sent.txt", text);
        const QString received = dir.filePath("received.txt");

        QProcess consumer;
        startSocketCl(consumer, out.serverPort(), {"--out", received, "--count", "44"});
        QProcess producer;
        startSocketCl(producer, in.serverPort(), {"--file", sent});
        QVERIFY2(waitForExit(producer), "the producer did not finish");
        QVERIFY2(waitForExit(consumer), "the consumer did not finish");
        QCOMPARE(producer.exitCode(), 0);
        QCOMPARE(consumer.exitCode(), 0);
        QCOMPARE(readFile(received), text + '\n');
    }

    // The server refuses line 3 (too long for its slots): socket_cl names it and stops; with
    // one line at a time, the line after it is never sent.
    void socketClFileStopsAtTheServersError()
    {
        server::ForkingServer& server = m_servers->start(ipc::Mode::Shm);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString sent =
            writeFile(dir, "sent.txt", "one\ntwo\n" + QByteArray(4000, 'y') + "\nfour\n");
        QProcess producer;
        startSocketCl(producer, server.serverPort(), {"--file", sent, "--window", "1"});
        QVERIFY2(waitForExit(producer), "the producer did not finish");
        QCOMPARE(producer.exitCode(), 1);
        const QByteArray err = producer.readAllStandardError();
        QVERIFY2(
            err.contains("line 3 of " + sent.toUtf8() + " refused by the server: name too long"),
            err.constData());
        const QByteArray out = producer.readAllStandardOutput();
        QVERIFY2(out.contains("tally sent=3 acknowledged=2 errors=1\n"), out.constData());

        // What the buffer holds: the two lines before it.
        const QString received = dir.filePath("received.txt");
        QProcess consumer;
        startSocketCl(consumer, server.serverPort(), {"--out", received, "--count", "2"});
        QVERIFY2(waitForExit(consumer), "the consumer did not finish");
        QCOMPARE(consumer.exitCode(), 0);
        QCOMPARE(readFile(received), QByteArray("one\ntwo\n"));
    }
};

QTEST_GUILESS_MAIN(tst_ClientRealServer)
#include "tst_client_real_server.moc"
