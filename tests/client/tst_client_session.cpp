// NameSession against fake servers in the test process: real sockets on 127.0.0.1.
#include "fake_name_server.h"
#include "name_session.h"
#include "name_tag.h"
#include "raw_line_server.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <string>
#include <thread>

using namespace prodcons::client;
using namespace std::chrono_literals;
using prodcons::client::test::FakeNameServer;

namespace {

constexpr int kDeadlineMs = 10'000; // generous: only a hang ever waits this long

const QString kHost = QStringLiteral("127.0.0.1");

NameSource threeNames()
{
    return NameSource(NameList::fromText("Ana\nBo\nCy"), NameSource::Order::Cycle);
}

QList<QByteArray> taggedNames(QByteArrayView source, int count)
{
    QList<QByteArray> names;
    for (int i = 0; i < count; ++i) {
        QByteArray name;
        NameTag::append(name, "Name", source, static_cast<quint64>(i));
        names.append(name);
    }
    return names;
}

// A producer session with the usual settings of these tests.
void makeProducer(NameSession& session, qint64 limit, qsizetype window = 50)
{
    session.setNames(threeNames());
    session.setRate(Rate::unthrottled());
    session.setWindow(window);
    session.setLimit(limit);
}

} // namespace

class tst_ClientSession : public QObject
{
    Q_OBJECT

private slots:
    void producerPipelinesAgainstALineByLineServer();
    void windowOfOneIsStrictlyLineByLine();
    void consumerAgainstALineByLineServer();
    void consumerAgainstAServerThatSendsAhead();
    void consumerWithoutLimitAnswersEveryName();
    void aConsumerThatIsDoneSaysQuitAndClosesAfterTheServer();
    void aServerThatStaysOpenAndQuietIsNotWaitedForLong();
    void crLfServerWorksForBothRoles();
    void producerSeesServerGoneMidStream();
    void consumerSeesServerGoneMidStream();
    void nobodyListeningIsRefused();
    void busyServerIsAServerError();
    void invalidTaskIsAServerError_data();
    void invalidTaskIsAServerError();
    void perNameErrorIsCountedAndTheProducerGoesOn();
    void unexpectedReplyIsAFailureNotAHang();
    void silentServerTimesOut();
    void fullServerHoldsTheProducerBack();
    void withoutARoleTheSessionAsks();
    void rateChangeTakesEffectWhileConnected();
    void userDisconnectSaysQuit();
    void disconnectBeforeTheTaskClosesAtOnce();
    void autoReconnectResendsUnansweredNamesWithTheirTags();
    void figuresChangedIsBatchedNotPerName();
    void unthrottledThroughput();
};

void tst_ClientSession::producerPipelinesAgainstALineByLineServer()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 500);
    QSignalSpy finished(&session, &NameSession::finished);
    session.connectToServer(kHost, server.port(), Role::Producer);
    QVERIFY(finished.wait(kDeadlineMs));
    QCOMPARE(session.state(), SessionState::Finished);
    const SessionFigures figures = session.figures();
    QCOMPARE(figures.sent, 500);
    QCOMPARE(figures.acknowledged, 500);
    QCOMPARE(figures.pending, 0);
    QCOMPARE(figures.errors, 0);
    QTRY_VERIFY_WITH_TIMEOUT(server.observed().quitReceived, kDeadlineMs);
    QCOMPARE(server.observed().roles, QList<QByteArray>{"producer"});
    QCOMPARE(server.observed().stored.size(), 500);
    QCOMPARE(server.observed().stored.mid(0, 4), (QList<QByteArray>{"Ana", "Bo", "Cy", "Ana"}));
    // The server found several names waiting at once: the client did not wait for each OK.
    QVERIFY2(server.observed().maxLinesWaiting > 1,
             qPrintable(QString::number(server.observed().maxLinesWaiting)));
    QVERIFY(server.observed().maxLinesWaiting <= 50); // and never more than the window
}

void tst_ClientSession::windowOfOneIsStrictlyLineByLine()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 50, 1);
    QSignalSpy finished(&session, &NameSession::finished);
    session.connectToServer(kHost, server.port(), Role::Producer);
    QVERIFY(finished.wait(kDeadlineMs));
    QCOMPARE(session.figures().acknowledged, 50);
    QCOMPARE(server.observed().maxLinesWaiting, 1);
}

void tst_ClientSession::consumerAgainstALineByLineServer()
{
    FakeNameServer::Script script;
    script.namesToSend = taggedNames("src", 300);
    script.sendAhead = 1;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    session.setLimit(300);
    session.setTagging(true);
    QSignalSpy finished(&session, &NameSession::finished);
    session.connectToServer(kHost, server.port(), Role::Consumer);
    QVERIFY(finished.wait(kDeadlineMs));
    QCOMPARE(session.figures().received, 300);
    QTRY_COMPARE_WITH_TIMEOUT(server.observed().oksReceived, 300, kDeadlineMs);
    const QList<SourceTally> tallies = session.tracker().tallies();
    QCOMPARE(tallies.size(), 1);
    QCOMPARE(tallies[0].distinct, 300);
    QCOMPARE(tallies[0].gaps, 0);
    QCOMPARE(tallies[0].duplicates, 0);
}

void tst_ClientSession::consumerAgainstAServerThatSendsAhead()
{
    FakeNameServer::Script script;
    script.namesToSend = taggedNames("ahead", 5000);
    script.sendAhead = 64;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    session.setLimit(5000);
    session.setTagging(true);
    QSignalSpy finished(&session, &NameSession::finished);
    session.connectToServer(kHost, server.port(), Role::Consumer);
    QVERIFY(finished.wait(kDeadlineMs));
    QCOMPARE(session.figures().received, 5000);
    QCOMPARE(session.figures().gaps, 0);
    QCOMPARE(session.figures().duplicates, 0);
    QTRY_COMPARE_WITH_TIMEOUT(server.observed().oksReceived, 5000, kDeadlineMs);
}

void tst_ClientSession::aConsumerThatIsDoneSaysQuitAndClosesAfterTheServer()
{
    // A consumer that had closed with names unread (the server sends ahead) made the kernel
    // reset the connection, and a reset can overtake the last OKs: the server then handed
    // back names the client had counted, and another consumer got them again. Done, it now
    // says quit and closes only after the server, so nothing is unread when it does: the
    // server reads a clean end of stream, not a reset. A plain POSIX server, to tell the two.
    prodcons::test::RawLineServer server;
    QVERIFY(server.listening());
    std::jthread serving([&server] {
        if (!server.accept(kDeadlineMs))
            return;
        server.send("Task?\n");
        server.hear("consumer\n", kDeadlineMs);
        server.send("n1\nn2\nn3\nn4\nn5\n"); // two more than wanted
        server.hear("quit\n", kDeadlineMs);
        server.send("n6\n"); // sent ahead before the quit was read
        server.shutdownWrite();
        server.hearEnd(kDeadlineMs);
    });

    NameSession session;
    SessionTimeouts timeouts; // only the server's close may end the connection here
    timeouts.closing = timeouts.quiet = std::chrono::milliseconds(10 * kDeadlineMs);
    session.setTimeouts(timeouts);
    session.setLimit(3);
    QSignalSpy finished(&session, &NameSession::finished);
    QSignalSpy closed(&session, &NameSession::closed);
    session.connectToServer(kHost, server.port(), Role::Consumer);
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, kDeadlineMs);
    serving.join();
    QCOMPARE(finished.count(), 1);
    QCOMPARE(session.figures().received, 3);
    QCOMPARE(server.heard(), std::string("consumer\nOK\nOK\nOK\nquit\n"));
    QCOMPARE(server.lastRead(), 0L); // a reset would be -1, ECONNRESET
    QVERIFY(!session.isClosing());
}

void tst_ClientSession::aServerThatStaysOpenAndQuietIsNotWaitedForLong()
{
    // The textbook server does not read "quit" from a consumer: it waits on its buffer for the
    // next name and never closes. Once nothing has come for a while there is nothing unread
    // and no OK in flight, so the client closes (cleanly) without waiting for the server.
    prodcons::test::RawLineServer server;
    QVERIFY(server.listening());
    std::jthread serving([&server] {
        if (!server.accept(kDeadlineMs))
            return;
        server.send("Task?\n");
        server.hear("consumer\n", kDeadlineMs);
        server.send("n1\n");
        server.hear("quit\n", kDeadlineMs);
        server.hearEnd(kDeadlineMs); // and never closes first
    });

    NameSession session;
    SessionTimeouts timeouts;
    timeouts.closing = std::chrono::milliseconds(10 * kDeadlineMs); // not what ends it here
    timeouts.quiet = 50ms;
    session.setTimeouts(timeouts);
    session.setLimit(1);
    QSignalSpy closed(&session, &NameSession::closed);
    session.connectToServer(kHost, server.port(), Role::Consumer);
    QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, kDeadlineMs);
    serving.join();
    QCOMPARE(server.heard(), std::string("consumer\nOK\nquit\n"));
    QCOMPARE(server.lastRead(), 0L); // a clean end of stream, not a reset
}

void tst_ClientSession::consumerWithoutLimitAnswersEveryName()
{
    FakeNameServer::Script script;
    script.namesToSend = taggedNames("x", 1000);
    script.sendAhead = 100;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    session.connectToServer(kHost, server.port(), Role::Consumer);
    QTRY_COMPARE_WITH_TIMEOUT(server.observed().oksReceived, 1000, kDeadlineMs);
    QCOMPARE(session.figures().received, 1000);
    QCOMPARE(session.state(), SessionState::Consuming); // waits for more, as asked
    const QList<LoggedName> log = session.log().since(0);
    QVERIFY(!log.isEmpty());
    QCOMPARE(log.last().event, NameEvent::Received);
    QCOMPARE(log.last().name, script.namesToSend.last());
}

void tst_ClientSession::crLfServerWorksForBothRoles()
{
    FakeNameServer::Script script;
    script.lineEnd = "\r\n";
    script.namesToSend = taggedNames("crlf", 20);
    FakeNameServer server(script);
    QVERIFY(server.listen());

    NameSession producer;
    makeProducer(producer, 20);
    QSignalSpy producerFinished(&producer, &NameSession::finished);
    producer.connectToServer(kHost, server.port(), Role::Producer);
    QVERIFY(producerFinished.wait(kDeadlineMs));
    QCOMPARE(producer.figures().acknowledged, 20);

    NameSession consumer;
    consumer.setLimit(20);
    consumer.setTagging(true);
    QSignalSpy consumerFinished(&consumer, &NameSession::finished);
    consumer.connectToServer(kHost, server.port(), Role::Consumer);
    QVERIFY(consumerFinished.wait(kDeadlineMs));
    QCOMPARE(consumer.figures().gaps, 0);
    QCOMPARE(consumer.tracker().untagged(), 0); // the CR did not end up in the tag
    QCOMPARE(consumer.log().since(0).last().name, script.namesToSend.last());
}

void tst_ClientSession::producerSeesServerGoneMidStream()
{
    FakeNameServer::Script script;
    script.dropFirstConnectionAfterOks = 100;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 0);
    session.connectToServer(kHost, server.port(), Role::Producer);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::ServerGone, kDeadlineMs);
    QVERIFY2(session.reason().contains("closed"), qPrintable(session.reason()));
    QCOMPARE(session.figures().acknowledged, 100);
    QVERIFY(session.figures().pending > 0);
}

void tst_ClientSession::consumerSeesServerGoneMidStream()
{
    FakeNameServer::Script script;
    script.namesToSend = taggedNames("y", 100);
    script.sendAhead = 5;
    script.closeAfterSending = 10;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    session.connectToServer(kHost, server.port(), Role::Consumer);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::ServerGone, kDeadlineMs);
    QCOMPARE(session.figures().received, 10);
}

void tst_ClientSession::nobodyListeningIsRefused()
{
    // Bound by the test and never listened on: refused, and nobody else can take it meanwhile.
    const prodcons::test::RefusingPort refusing;
    const quint16 port = refusing.port();
    NameSession session;
    session.connectToServer(kHost, port, Role::Producer);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Refused, kDeadlineMs);
    QVERIFY(session.reason().contains(QString::number(port)));
}

void tst_ClientSession::busyServerIsAServerError()
{
    FakeNameServer::Script script;
    script.greeting = "ERROR: server busy";
    script.closeAfterGreeting = true;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    session.connectToServer(kHost, server.port(), Role::Producer);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::ServerError, kDeadlineMs);
    QCOMPARE(session.reason(), QStringLiteral("server busy"));
}

void tst_ClientSession::invalidTaskIsAServerError_data()
{
    QTest::addColumn<Role>("role");
    QTest::newRow("producer") << Role::Producer;
    QTest::newRow("consumer") << Role::Consumer;
}

void tst_ClientSession::invalidTaskIsAServerError()
{
    QFETCH(Role, role);
    FakeNameServer::Script script;
    script.roleReply = "ERROR: invalid task; use 'producer' or 'consumer'";
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 0);
    session.connectToServer(kHost, server.port(), role);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::ServerError, kDeadlineMs);
    QVERIFY2(session.reason().startsWith("invalid task"), qPrintable(session.reason()));
}

void tst_ClientSession::perNameErrorIsCountedAndTheProducerGoesOn()
{
    FakeNameServer::Script script;
    script.rejectPrefix = "Bo";
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 30);
    QSignalSpy finished(&session, &NameSession::finished);
    session.connectToServer(kHost, server.port(), Role::Producer);
    QVERIFY(finished.wait(kDeadlineMs));
    const SessionFigures figures = session.figures();
    QCOMPARE(figures.sent, 30);
    QCOMPARE(figures.errors, 10);
    QCOMPARE(figures.acknowledged, 20);
    QCOMPARE(session.lastRejection(), QByteArray("name rejected"));
    QCOMPARE(server.observed().stored.count("Bo"), 0);
}

void tst_ClientSession::unexpectedReplyIsAFailureNotAHang()
{
    FakeNameServer::Script script;
    script.replyInsteadOfOk = "WHAT?";
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 10);
    session.connectToServer(kHost, server.port(), Role::Producer);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Failed, kDeadlineMs);
    QVERIFY2(session.reason().contains("WHAT?"), qPrintable(session.reason()));
}

void tst_ClientSession::silentServerTimesOut()
{
    QTcpServer silent; // accepts, and never says "Task?"
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    NameSession session;
    SessionTimeouts timeouts;
    timeouts.handshake = 200ms;
    session.setTimeouts(timeouts);
    session.connectToServer(kHost, silent.serverPort(), Role::Producer);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::Failed, kDeadlineMs);
    QVERIFY2(session.reason().contains("did not ask"), qPrintable(session.reason()));
}

void tst_ClientSession::fullServerHoldsTheProducerBack()
{
    FakeNameServer::Script script;
    script.holdReplies = true; // a full buffer: the classic server waits before its OK
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 100, 20);
    SessionTimeouts timeouts;
    timeouts.heldBackAfter = 100ms;
    session.setTimeouts(timeouts);
    QSignalSpy finished(&session, &NameSession::finished);
    session.connectToServer(kHost, server.port(), Role::Producer);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::HeldBack, kDeadlineMs);
    QCOMPARE(session.figures().sent, 20); // the window, and not one name more
    QCOMPARE(session.figures().pending, 20);
    QCOMPARE(finished.count(), 0);
    server.releaseReplies();
    // The session may leave HeldBack and finish within one round of events: count the spy's
    // signals (it listens since before the connect) rather than wait for one still to come.
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kDeadlineMs);
    QVERIFY(session.state() != SessionState::HeldBack);
    QCOMPARE(session.figures().acknowledged, 100);
}

void tst_ClientSession::withoutARoleTheSessionAsks()
{
    FakeNameServer::Script script;
    script.namesToSend = taggedNames("q", 5);
    script.sendAhead = 5;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    QSignalSpy asked(&session, &NameSession::taskRequested);
    session.connectToServer(kHost, server.port());
    QVERIFY(asked.wait(kDeadlineMs));
    QCOMPARE(session.state(), SessionState::ChoosingRole);
    QVERIFY(server.observed().roles.isEmpty());
    session.answerTask(Role::Consumer);
    QCOMPARE(session.state(), SessionState::Consuming);
    QTRY_COMPARE_WITH_TIMEOUT(session.figures().received, 5, kDeadlineMs);
    QCOMPARE(server.observed().roles, QList<QByteArray>{"consumer"});
}

void tst_ClientSession::rateChangeTakesEffectWhileConnected()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 50);
    session.setRate(Rate::perMinute(1)); // the second name would be a minute away
    QSignalSpy finished(&session, &NameSession::finished);
    session.connectToServer(kHost, server.port(), Role::Producer);
    QTRY_COMPARE_WITH_TIMEOUT(session.figures().acknowledged, 1, kDeadlineMs);
    QCOMPARE(session.figures().sent, 1);
    session.setRate(Rate::unthrottled());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kDeadlineMs); // 49 more, well before it
    QCOMPARE(session.figures().acknowledged, 50);
}

void tst_ClientSession::userDisconnectSaysQuit()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 0);
    session.setRate(Rate::perMinute(600));
    session.connectToServer(kHost, server.port(), Role::Producer);
    // At least one: a name every 100 ms, and a busy machine may look only after the second.
    QTRY_VERIFY_WITH_TIMEOUT(session.figures().acknowledged >= 1, kDeadlineMs);
    session.disconnectFromServer();
    QCOMPARE(session.state(), SessionState::Disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(server.observed().quitReceived, kDeadlineMs);
}

void tst_ClientSession::disconnectBeforeTheTaskClosesAtOnce()
{
    // Before Task? nothing has been said, so nothing can be lost: no quit, and no waiting for
    // a server that is still waiting for a role (the window's program would linger unseen).
    prodcons::test::RawLineServer server;
    QVERIFY(server.listening());
    std::jthread serving([&server] {
        if (server.accept(kDeadlineMs))
            server.hearEnd(kDeadlineMs);
    });
    NameSession session;
    session.connectToServer(kHost, server.port(), Role::Consumer);
    QTRY_COMPARE_WITH_TIMEOUT(session.state(), SessionState::AwaitingTask, kDeadlineMs);
    session.disconnectFromServer();
    QCOMPARE(session.state(), SessionState::Disconnected);
    QVERIFY(!session.isClosing());
    serving.join();
    QCOMPARE(server.heard(), std::string());
    QCOMPARE(server.lastRead(), 0L); // a clean close: the server sent nothing to leave unread
}

void tst_ClientSession::autoReconnectResendsUnansweredNamesWithTheirTags()
{
    FakeNameServer::Script script;
    script.dropFirstConnectionAfterOks = 20; // names read after the 20th OK are not stored
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 200);
    session.setTagging(true, "rc");
    session.setAutoReconnect(true);
    SessionTimeouts timeouts;
    timeouts.reconnectFirst = 10ms;
    session.setTimeouts(timeouts);
    QSignalSpy states(&session, &NameSession::stateChanged);
    QSignalSpy finished(&session, &NameSession::finished);
    session.connectToServer(kHost, server.port(), Role::Producer);
    QVERIFY(finished.wait(kDeadlineMs));
    QCOMPARE(server.observed().connections, 2);
    QVERIFY(states.contains(QVariantList{QVariant::fromValue(SessionState::ServerGone)}));
    const SessionFigures figures = session.figures();
    QCOMPARE(figures.connections, 2);
    QCOMPARE(figures.acknowledged, 200);
    QVERIFY(figures.resent > 0);
    // Every seq stored exactly once: the unanswered names came again, same tags, none lost.
    QSet<quint64> seqs;
    for (const QByteArray& name : server.observed().stored) {
        const auto tag = NameTag::parse(name);
        QVERIFY(tag);
        QCOMPARE(tag->source, QByteArrayView("rc"));
        QVERIFY2(!seqs.contains(tag->seq), name.constData());
        seqs.insert(tag->seq);
    }
    QCOMPARE(seqs.size(), 200);
    QCOMPARE(*std::max_element(seqs.begin(), seqs.end()), 199u);
}

void tst_ClientSession::figuresChangedIsBatchedNotPerName()
{
    FakeNameServer::Script script;
    script.bulk = true;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 20'000, 500);
    QSignalSpy figures(&session, &NameSession::figuresChanged);
    QSignalSpy finished(&session, &NameSession::finished);
    session.connectToServer(kHost, server.port(), Role::Producer);
    QVERIFY(finished.wait(kDeadlineMs));
    QTRY_VERIFY_WITH_TIMEOUT(!figures.isEmpty(), kDeadlineMs);
    QVERIFY2(figures.size() < 200, qPrintable(QString::number(figures.size())));
}

void tst_ClientSession::unthrottledThroughput()
{
    // Not a benchmark with a bar to clear (the machine is shared); it prints the figure, and
    // checks that a long unthrottled run is exact.
    FakeNameServer::Script script;
    script.bulk = true;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    NameSession session;
    makeProducer(session, 300'000, 2000);
    session.setTagging(true, "fast");
    QSignalSpy finished(&session, &NameSession::finished);
    QElapsedTimer elapsed;
    elapsed.start();
    session.connectToServer(kHost, server.port(), Role::Producer);
    QVERIFY(finished.wait(60'000));
    const double seconds = static_cast<double>(elapsed.nsecsElapsed()) / 1e9;
    QCOMPARE(session.figures().acknowledged, 300'000);
    QCOMPARE(server.observed().stored.size(), 300'000);
    qInfo("unthrottled producer, server in the same thread: %.0f names/s", 300'000 / seconds);
}

QTEST_GUILESS_MAIN(tst_ClientSession)
#include "tst_client_session.moc"
