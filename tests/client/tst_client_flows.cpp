// The producer's and the consumer's protocol logic, without any socket.
#include "consumer_flow.h"
#include "line_sequence.h"
#include "manual_clock.h"
#include "name_tag.h"
#include "producer_flow.h"
#include "protocol_limits.h"

#include <QTest>

using namespace prodcons::client;
using namespace std::chrono_literals;
using prodcons::client::test::ManualClock;

class tst_ClientFlows : public QObject
{
    Q_OBJECT

private slots:
    void producerFillsTheWindowAndNoMore();
    void repliesInBulkFreeTheWindow();
    void perNameErrorIsCountedAndTheFlowGoesOn();
    void sessionErrorsEndTheFlow_data();
    void sessionErrorsEndTheFlow();
    void replyWithNothingPendingIsAProtocolError();
    void taggedNamesCarryConsecutiveSeqs();
    void limitStopsSendingAndFinishesWhenAnswered();
    void stopFinishesOnceDrained();
    void resendGivesTheUnansweredNamesAsSent();
    void pacedProducerWaitsForTheSchedule();
    void observerSeesEveryNameLogOnlyTheLast();
    void consumerAnswersEveryNameInOneBuffer();
    void consumerTracksTags();
    void consumerStopsAtTheLimitMidBatch();
    void consumerTreatsErrorLineAsTheEnd();
    void consumerTakesTheLongestNameWithCrLf();
    void linesGoOnceInOrderAsTheyAreThenFinish();
    void linesStopAtTheFirstRejection();
    void longLinesInFlightAreBoundedInBytes();
};

namespace {

QList<QByteArray> lines(QByteArrayView bytes)
{
    QList<QByteArray> result = bytes.toByteArray().split('\n');
    if (!result.isEmpty() && result.last().isEmpty())
        result.removeLast();
    return result;
}

// A producer flow over a fixed list, unthrottled unless told otherwise.
struct Producer
{
    ManualClock clock;
    NameReporter reporter;
    ProducerFlow flow{reporter};
    explicit Producer(qsizetype window = 10)
    {
        flow.setNames(NameSource(NameList::fromText("Ana\nBo\nCy"), NameSource::Order::Cycle));
        flow.setWindow(window);
        flow.setRate(Rate::unthrottled(), clock.now());
        flow.start(clock.now());
    }
    ProducerFlow::Replies reply(QByteArrayView bytes)
    {
        LineBuffer in;
        in.append(bytes);
        return flow.takeReplies(in, clock.now());
    }
};

} // namespace

void tst_ClientFlows::producerFillsTheWindowAndNoMore()
{
    Producer p(5);
    const QList<QByteArray> sent = lines(p.flow.produceDue(p.clock.now()));
    QCOMPARE(sent, (QList<QByteArray>{"Ana", "Bo", "Cy", "Ana", "Bo"}));
    QVERIFY(p.flow.windowFull());
    QVERIFY(p.flow.produceDue(p.clock.now()).isEmpty());
    QCOMPARE(p.flow.sent(), 5);
    QCOMPARE(p.flow.pending(), 5);
}

void tst_ClientFlows::repliesInBulkFreeTheWindow()
{
    Producer p(5);
    p.flow.produceDue(p.clock.now());
    const ProducerFlow::Replies replies = p.reply("OK\nOK\r\nOK\n");
    QCOMPARE(replies.answered, 3);
    QVERIFY(replies.sessionError.isEmpty() && replies.protocolError.isEmpty());
    QCOMPARE(p.flow.acknowledged(), 3);
    QCOMPARE(p.flow.pending(), 2);
    QCOMPARE(lines(p.flow.produceDue(p.clock.now())), (QList<QByteArray>{"Cy", "Ana", "Bo"}));
}

void tst_ClientFlows::perNameErrorIsCountedAndTheFlowGoesOn()
{
    Producer p(5);
    p.flow.produceDue(p.clock.now());
    const ProducerFlow::Replies replies = p.reply("OK\nERROR: name too dull\nOK\n");
    QCOMPARE(replies.answered, 3);
    QVERIFY(replies.sessionError.isEmpty());
    QCOMPARE(p.flow.acknowledged(), 2);
    QCOMPARE(p.flow.errors(), 1);
    QCOMPARE(p.flow.lastError(), QByteArray("name too dull"));
    QCOMPARE(p.flow.pending(), 2);
    const QList<LoggedName> log = p.reporter.log().since(0);
    QVERIFY(std::any_of(log.begin(), log.end(), [](const LoggedName& entry) {
        return entry.event == NameEvent::Rejected && entry.name == "Bo"; // the 2nd name sent
    }));
}

void tst_ClientFlows::sessionErrorsEndTheFlow_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("busy") << QByteArray("ERROR: server busy\n") << QByteArray("server busy");
    QTest::newRow("invalid task, after an OK")
        << QByteArray("OK\nERROR: invalid task; use 'producer' or 'consumer'\r\n")
        << QByteArray("invalid task; use 'producer' or 'consumer'");
    QTest::newRow("buffer lost")
        << QByteArray("OK\nERROR: server cannot use the shared buffer: basic.publish(q): failed\n")
        << QByteArray("server cannot use the shared buffer: basic.publish(q): failed");
}

void tst_ClientFlows::sessionErrorsEndTheFlow()
{
    QFETCH(QByteArray, reply);
    QFETCH(QByteArray, reason);
    Producer p;
    p.flow.produceDue(p.clock.now());
    QCOMPARE(p.reply(reply).sessionError, reason);
    QCOMPARE(p.flow.errors(), 0); // not a rejected name
}

void tst_ClientFlows::replyWithNothingPendingIsAProtocolError()
{
    Producer p(2);
    p.flow.produceDue(p.clock.now());
    QVERIFY(!p.reply("OK\nOK\nOK\n").protocolError.isEmpty());
    Producer q;
    q.flow.produceDue(q.clock.now());
    QVERIFY(q.reply("Task?\n").protocolError.contains("Task?"));
}

void tst_ClientFlows::taggedNamesCarryConsecutiveSeqs()
{
    Producer p(1000);
    p.flow.setTagSource("k3x9");
    const QList<QByteArray> sent = lines(p.flow.produceDue(p.clock.now()));
    QCOMPARE(sent.size(), 1000);
    for (qsizetype i = 0; i < sent.size(); ++i) {
        const auto tag = NameTag::parse(sent[i]);
        QVERIFY(tag);
        QCOMPARE(tag->source, QByteArrayView("k3x9"));
        QCOMPARE(tag->seq, quint64(i));
    }
}

void tst_ClientFlows::limitStopsSendingAndFinishesWhenAnswered()
{
    Producer p(10);
    p.flow.setLimit(4);
    QCOMPARE(lines(p.flow.produceDue(p.clock.now())).size(), 4);
    QVERIFY(!p.flow.wantsMore());
    QVERIFY(!p.flow.isFinished()); // four answers outstanding
    p.reply("OK\nOK\nOK\n");
    QVERIFY(!p.flow.isFinished());
    p.reply("OK\n");
    QVERIFY(p.flow.isFinished());
    QVERIFY(p.flow.produceDue(p.clock.now()).isEmpty());
}

void tst_ClientFlows::stopFinishesOnceDrained()
{
    Producer p(3);
    p.flow.produceDue(p.clock.now());
    p.flow.stop();
    p.reply("OK\nOK\n");
    QVERIFY(p.flow.produceDue(p.clock.now()).isEmpty()); // room, but stopped
    QVERIFY(!p.flow.isFinished());
    p.reply("OK\n");
    QVERIFY(p.flow.isFinished());
}

void tst_ClientFlows::resendGivesTheUnansweredNamesAsSent()
{
    Producer p(4);
    p.flow.setTagSource("src");
    p.flow.produceDue(p.clock.now());
    p.reply("OK\n");
    QCOMPARE(lines(p.flow.resendPending()),
             (QList<QByteArray>{"Bo#src-1", "Cy#src-2", "Ana#src-3"}));
    QCOMPARE(p.flow.resent(), 3);
    QCOMPARE(p.flow.sent(), 4); // re-sends are not new names
}

void tst_ClientFlows::pacedProducerWaitsForTheSchedule()
{
    Producer p(100);
    p.flow.setRate(Rate::perMinute(6000), p.clock.now()); // one every 10 ms
    p.flow.start(p.clock.now());
    QCOMPARE(lines(p.flow.produceDue(p.clock.now())).size(), 1);
    QCOMPARE(p.flow.nextDueTime(), std::optional<Nanos>(p.clock.now() + 10ms));
    p.clock.advance(35ms);
    QCOMPARE(lines(p.flow.produceDue(p.clock.now())).size(), 3); // 10, 20, 30 ms
    p.flow.setRate(Rate::unthrottled(), p.clock.now());
    QCOMPARE(p.flow.nextDueTime(), std::nullopt); // only replies wake an unthrottled producer
}

void tst_ClientFlows::observerSeesEveryNameLogOnlyTheLast()
{
    Producer p(5000);
    qint64 observedSent = 0, observedAcknowledged = 0;
    p.reporter.setObserver([&](NameEvent event, QByteArrayView) {
        (event == NameEvent::Sent ? observedSent : observedAcknowledged)++;
    });
    p.flow.produceDue(p.clock.now());
    p.reply(QByteArray("OK\n").repeated(5000));
    QCOMPARE(observedSent, 5000);
    QCOMPARE(observedAcknowledged, 5000);
    const QList<LoggedName> log = p.reporter.log().since(0);
    QCOMPARE(log.size(), p.reporter.log().capacity());
    QCOMPARE(log.last().event, NameEvent::Acknowledged);
    QCOMPARE(log.last().name, QByteArray("Bo")); // name 5000 of Ana, Bo, Cy, ...
}

void tst_ClientFlows::consumerAnswersEveryNameInOneBuffer()
{
    ManualClock clock;
    NameReporter reporter;
    ConsumerFlow flow(reporter);
    LineBuffer in;
    in.append("Ana\nBo\r\nCy\nDa"); // "Da" is not complete yet
    QByteArray replies;
    const ConsumerFlow::Names names = flow.takeNames(in, replies, clock.now());
    QCOMPARE(names.taken, 3);
    QCOMPARE(replies, QByteArray("OK\nOK\nOK\n"));
    QCOMPARE(flow.received(), 3);
    const QList<LoggedName> log = reporter.log().since(0);
    QCOMPARE(log.size(), 3);
    QCOMPARE(log[1].name, QByteArray("Bo")); // the CR is not part of the name
}

void tst_ClientFlows::consumerTracksTags()
{
    ManualClock clock;
    NameReporter reporter;
    ConsumerFlow flow(reporter);
    flow.setTracking(true);
    LineBuffer in;
    in.append("A#s-0\nB#s-2\nB#s-2\nplain\nC#t-0\n");
    QByteArray replies;
    QCOMPARE(flow.takeNames(in, replies, clock.now()).taken, 5);
    QCOMPARE(flow.tracker().totalGaps(), 1);
    QCOMPARE(flow.tracker().totalDuplicates(), 1);
    QCOMPARE(flow.tracker().untagged(), 1);
    QCOMPARE(flow.tracker().tallies().size(), 2);
}

void tst_ClientFlows::consumerStopsAtTheLimitMidBatch()
{
    ManualClock clock;
    NameReporter reporter;
    ConsumerFlow flow(reporter);
    flow.setLimit(2);
    LineBuffer in;
    in.append("Ana\nBo\nCy\n");
    QByteArray replies;
    QCOMPARE(flow.takeNames(in, replies, clock.now()).taken, 2);
    QCOMPARE(replies, QByteArray("OK\nOK\n")); // no OK for a name it did not take
    QVERIFY(flow.limitReached());
}

void tst_ClientFlows::consumerTreatsErrorLineAsTheEnd()
{
    ManualClock clock;
    NameReporter reporter;
    ConsumerFlow flow(reporter);
    LineBuffer in;
    in.append("Ana\nERROR: server shutting down\nBo\n");
    QByteArray replies;
    const ConsumerFlow::Names names = flow.takeNames(in, replies, clock.now());
    QCOMPARE(names.taken, 1);
    QCOMPARE(names.serverError, QByteArray("server shutting down"));
    QCOMPARE(replies, QByteArray("OK\n"));
}

void tst_ClientFlows::consumerTakesTheLongestNameWithCrLf()
{
    NameReporter reporter;
    QList<QByteArray> seen;
    reporter.setObserver([&](NameEvent, QByteArrayView name) { seen.append(name.toByteArray()); });
    ConsumerFlow flow(reporter);
    const QByteArray longest(kMaxNameBytes, 'w');
    LineBuffer in(kMaxNameBytes);
    in.append(longest + "\r\n" + longest + "\n");
    QByteArray replies;
    const ConsumerFlow::Names names = flow.takeNames(in, replies, Nanos{0});
    QVERIFY2(names.protocolError.isEmpty(), names.protocolError.constData());
    QCOMPARE(names.taken, 2);
    QCOMPARE(replies, QByteArray("OK\nOK\n"));
    QCOMPARE(seen, (QList<QByteArray>{longest, longest})); // whole, not cut like the log
}

void tst_ClientFlows::linesGoOnceInOrderAsTheyAreThenFinish()
{
    Producer p(2);
    p.flow.setTagSource("tag"); // lines are never tagged
    std::optional<LineSequence> text =
        LineSequence::fromText(" lead\ntrail  \r\n# not a comment\nlast");
    QVERIFY(text);
    p.flow.setLines(std::move(*text));
    QCOMPARE(p.flow.produceDue(p.clock.now()), QByteArrayView(" lead\ntrail  \n"));
    QVERIFY(p.flow.produceDue(p.clock.now()).isEmpty()); // the window of 2 is full
    p.reply("OK\nOK\n");
    QCOMPARE(p.flow.produceDue(p.clock.now()), QByteArrayView("# not a comment\nlast\n"));
    QVERIFY(!p.flow.wantsMore());
    QVERIFY(!p.flow.isFinished()); // two still unanswered
    p.reply("OK\nOK\n");
    QVERIFY(p.flow.isFinished());
    QCOMPARE(p.flow.sent(), 4);
    QCOMPARE(p.flow.acknowledged(), 4);
}

void tst_ClientFlows::linesStopAtTheFirstRejection()
{
    Producer p(3);
    p.flow.setLines(*LineSequence::fromText("a\nb\nc\nd\ne\n"));
    p.flow.setStopOnRejection(true);
    p.flow.produceDue(p.clock.now()); // a b c
    p.reply("OK\nERROR: name too long (at most 255 bytes)\n");
    QVERIFY(p.flow.produceDue(p.clock.now()).isEmpty()); // d never goes
    QVERIFY(!p.flow.isFinished());                       // c still awaits its answer
    p.reply("ERROR: name too long (at most 255 bytes)\n");
    QVERIFY(p.flow.isFinished());
    QVERIFY(p.flow.firstRejection());
    QCOMPARE(p.flow.firstRejection()->index, 1); // "b", line 2: the first one refused
    QCOMPARE(p.flow.firstRejection()->reason, QByteArray("name too long (at most 255 bytes)"));
    QCOMPARE(p.flow.errors(), 2);
    QCOMPARE(p.flow.sent(), 3);
}

void tst_ClientFlows::longLinesInFlightAreBoundedInBytes()
{
    Producer p(1000);
    QList<QByteArray> text;
    for (int i = 0; i < 400; ++i)
        text.append(QByteArray(kMaxNameBytes, char('a' + i % 26)));
    p.flow.setLines(*LineSequence::fromLines(text));
    const qsizetype lineBytes = kMaxNameBytes + 1;
    const QByteArrayView first = p.flow.produceDue(p.clock.now());
    QCOMPARE(first.size(), ProducerFlow::kMaxLineBytesInFlight / lineBytes * lineBytes);
    QVERIFY(p.flow.pending() < 400);
    // Every line goes, in order, as replies free room.
    QByteArray all = first.toByteArray();
    while (!p.flow.isFinished()) {
        p.reply(QByteArray("OK\n").repeated(p.flow.pending()));
        all += p.flow.produceDue(p.clock.now()).toByteArray();
    }
    QCOMPARE(lines(all), text);
}

QTEST_GUILESS_MAIN(tst_ClientFlows)
#include "tst_client_flows.moc"
