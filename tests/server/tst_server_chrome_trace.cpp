// ChromeTrace from handmade lanes: the document parses, has one process track per participant
// with its name, each step is a complete event lasting until the participant's next step (the
// last one until it was seen gone, or until the latest poll), steps given twice count once, and
// the bound drops steps and says so, as it says what the rings lost.
#include "chrome_trace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace prodcons;
using namespace prodcons::server;

namespace {

ipc::StepEvent stepAt(std::uint64_t number, std::uint64_t timeNs, ipc::Step step,
                      std::uint32_t detail = 0, std::string name = {})
{
    ipc::StepEvent event;
    event.number = number;
    event.time_ns = timeNs;
    event.step = step;
    event.detail = detail;
    event.name_size = static_cast<std::uint32_t>(name.size());
    event.name = std::move(name);
    return event;
}

StepLane lane(std::uint32_t slot, pid_t pid, ipc::layout::Kind kind,
              std::vector<ipc::StepEvent> fresh, ipc::Mode mode = ipc::Mode::Shm)
{
    StepLane l;
    l.slot = slot;
    l.pid = pid;
    l.kind = kind;
    l.mode = mode;
    if (!fresh.empty())
        l.current = fresh.back();
    l.fresh = std::move(fresh);
    return l;
}

QJsonObject parse(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("%s at %d in %s", qPrintable(error.errorString()), error.offset,
                 json.left(2000).constData());
    return document.object();
}

/// The complete events ("X") of process `pid`, in the document's order.
QList<QJsonObject> stepsOf(const QJsonObject& document, qint64 pid)
{
    QList<QJsonObject> steps;
    for (const QJsonValue& value : document[QStringLiteral("traceEvents")].toArray()) {
        const QJsonObject event = value.toObject();
        if (event[QStringLiteral("ph")].toString() == QLatin1String("X") &&
            event[QStringLiteral("pid")].toInteger() == pid)
            steps << event;
    }
    return steps;
}

/// process_name of each process.
QMap<qint64, QString> processNames(const QJsonObject& document)
{
    QMap<qint64, QString> names;
    for (const QJsonValue& value : document[QStringLiteral("traceEvents")].toArray()) {
        const QJsonObject event = value.toObject();
        if (event[QStringLiteral("ph")].toString() == QLatin1String("M") &&
            event[QStringLiteral("name")].toString() == QLatin1String("process_name"))
            names[event[QStringLiteral("pid")].toInteger()] =
                event[QStringLiteral("args")].toObject()[QStringLiteral("name")].toString();
    }
    return names;
}

double number(const QJsonObject& event, const char* key)
{
    return event[QLatin1String(key)].toDouble();
}

} // namespace

class tst_ServerChromeTrace : public QObject
{
    Q_OBJECT

private slots:
    void anEmptyTraceIsAValidDocument()
    {
        const ChromeTrace trace;
        const QJsonObject document = parse(trace.toJson());
        QVERIFY(document[QStringLiteral("traceEvents")].isArray());
        QCOMPARE(document[QStringLiteral("traceEvents")].toArray().size(), 0);
        QCOMPARE(document[QStringLiteral("displayTimeUnit")].toString(), QStringLiteral("ms"));
    }

    void oneTrackPerParticipantWithStepsLastingUntilTheNext()
    {
        using ipc::Step;
        ChromeTrace trace;
        // Times in ns from 1,000,000: the document's times start at the first step.
        std::vector<StepLane> lanes = {
            lane(3, 1234, ipc::layout::Kind::Producer,
                 {stepAt(0, 1'000'000, Step::WaitEmpty, 0, "Alice"),
                  stepAt(1, 1'002'500, Step::WaitMutex, 0, "Alice"),
                  stepAt(2, 1'004'000, Step::Write, 7, "Alice")}),
            lane(4, 5678, ipc::layout::Kind::Consumer, {stepAt(0, 1'001'000, Step::Receive)},
                 ipc::Mode::Mq),
        };
        trace.add(lanes, 1'010'000);
        // The next poll: the producer goes on, the consumer took no step.
        lanes[0].fresh = {stepAt(3, 1'006'000, Step::AdvanceIn, 0, "Alice")};
        lanes[1].fresh.clear();
        trace.add(lanes, 1'020'000);
        QCOMPARE(trace.trackCount(), std::size_t(2));
        QCOMPARE(trace.eventCount(), std::size_t(5));

        const QJsonObject document = parse(trace.toJson());
        QCOMPARE(processNames(document),
                 (QMap<qint64, QString>{{1234, QStringLiteral("producer 1234 (SHM)")},
                                        {5678, QStringLiteral("consumer 5678 (MQ)")}}));

        const QList<QJsonObject> producer = stepsOf(document, 1234);
        QCOMPARE(producer.size(), 4);
        QStringList names;
        for (const QJsonObject& e : producer)
            names << e[QStringLiteral("name")].toString();
        QCOMPARE(names, QStringList({"WaitEmpty", "WaitMutex", "Write", "AdvanceIn"}));
        // ts and dur in microseconds since the first step; each lasts until the next one.
        QCOMPARE(number(producer[0], "ts"), 0.0);
        QCOMPARE(number(producer[0], "dur"), 2.5);
        QCOMPARE(number(producer[1], "ts"), 2.5);
        QCOMPARE(number(producer[1], "dur"), 1.5);
        QCOMPARE(number(producer[2], "ts"), 4.0);
        QCOMPARE(number(producer[2], "dur"), 2.0);
        for (int i = 0; i + 1 < producer.size(); ++i)
            QCOMPARE(number(producer[i], "ts") + number(producer[i], "dur"),
                     number(producer[i + 1], "ts"));
        // The last step lasts until the latest poll.
        QCOMPARE(number(producer[3], "ts"), 6.0);
        QCOMPARE(number(producer[3], "dur"), 14.0);
        // What it does, where, and what it moves.
        QCOMPARE(producer[0][QStringLiteral("cat")].toString(),
                 QStringLiteral("waiting for buffer"));
        QCOMPARE(producer[1][QStringLiteral("cat")].toString(),
                 QStringLiteral("waiting for mutex"));
        QCOMPARE(producer[2][QStringLiteral("cat")].toString(), QStringLiteral("critical section"));
        const QJsonObject writeArgs = producer[2][QStringLiteral("args")].toObject();
        QCOMPARE(writeArgs[QStringLiteral("slot")].toInt(), 7);
        QCOMPARE(writeArgs[QStringLiteral("name")].toString(), QStringLiteral("Alice"));
        QCOMPARE(producer[2][QStringLiteral("tid")].toInteger(), 1234);

        const QList<QJsonObject> consumer = stepsOf(document, 5678);
        QCOMPARE(consumer.size(), 1);
        QCOMPARE(consumer[0][QStringLiteral("name")].toString(), QStringLiteral("Receive"));
        QCOMPARE(number(consumer[0], "ts"), 1.0);
        QCOMPARE(number(consumer[0], "dur"), 19.0);
    }

    void aParticipantThatLeftEndsWhenItWasSeenGone()
    {
        ChromeTrace trace;
        StepLane gone =
            lane(1, 42, ipc::layout::Kind::Producer, {stepAt(0, 5'000'000, ipc::Step::ReadClient)});
        gone.present = false;
        gone.absentSince =
            std::chrono::steady_clock::time_point(std::chrono::nanoseconds(5'300'000));
        trace.add({gone}, 9'000'000);
        const QList<QJsonObject> steps = stepsOf(parse(trace.toJson()), 42);
        QCOMPARE(steps.size(), 1);
        QCOMPARE(number(steps[0], "dur"), 300.0);
        QCOMPARE(steps[0][QStringLiteral("cat")].toString(), QStringLiteral("socket"));
    }

    void stepsGivenTwiceCountOnce()
    {
        ChromeTrace trace;
        const std::vector<StepLane> lanes = {
            lane(0, 7, ipc::layout::Kind::Consumer,
                 {stepAt(0, 100, ipc::Step::WaitFull), stepAt(1, 200, ipc::Step::WaitMutex)})};
        trace.add(lanes, 300);
        trace.add(lanes, 400); // the same poll seen again (a second slot on updated())
        QCOMPARE(trace.eventCount(), std::size_t(2));
        QCOMPARE(stepsOf(parse(trace.toJson()), 7).size(), 2);
    }

    void theBoundDropsStepsAndTheDocumentSaysHowMany()
    {
        ChromeTrace trace(3);
        StepLane producer =
            lane(0, 11, ipc::layout::Kind::Producer,
                 {stepAt(0, 1000, ipc::Step::WaitEmpty), stepAt(1, 2000, ipc::Step::WaitMutex),
                  stepAt(2, 3000, ipc::Step::Write, 0, "x")});
        trace.add({producer}, 3500);
        // The ring lost steps 3 and 4 before they were read; 5 and 6 are over the bound.
        producer.lost = 2;
        producer.fresh = {stepAt(5, 6000, ipc::Step::PostMutex),
                          stepAt(6, 7000, ipc::Step::PostFull)};
        StepLane consumer =
            lane(1, 12, ipc::layout::Kind::Consumer, {stepAt(0, 6500, ipc::Step::WaitFull)});
        trace.add({producer, consumer}, 8000);
        QCOMPARE(trace.eventCount(), std::size_t(3));
        QCOMPARE(trace.dropped(), std::uint64_t(3));
        QCOMPARE(trace.lostInRings(), std::uint64_t(2));

        const QJsonObject document = parse(trace.toJson());
        const QJsonObject other = document[QStringLiteral("otherData")].toObject();
        QCOMPARE(other[QStringLiteral("steps")].toInteger(), 3);
        QCOMPARE(other[QStringLiteral("steps_dropped")].toInteger(), 3);
        QCOMPARE(other[QStringLiteral("steps_lost_in_rings")].toInteger(), 2);
        QCOMPARE(other[QStringLiteral("max_steps")].toInteger(), 3);
        // Every participant keeps its track, even one whose steps were all dropped.
        QCOMPARE(processNames(document).size(), 2);
        // The last kept step ends where the first dropped one began, not at the end.
        const QList<QJsonObject> steps = stepsOf(document, 11);
        QCOMPARE(steps.size(), 3);
        QCOMPARE(number(steps[2], "dur"), 3.0);
    }

    void aGapInTheNumbersShowsAsLostSteps()
    {
        ChromeTrace trace;
        StepLane producer =
            lane(0, 21, ipc::layout::Kind::Producer, {stepAt(10, 1000, ipc::Step::WaitEmpty)});
        trace.add({producer}, 1500);
        producer.fresh = {stepAt(14, 2000, ipc::Step::PostFull)};
        producer.lost = 3;
        trace.add({producer}, 2500);
        const QList<QJsonObject> steps = stepsOf(parse(trace.toJson()), 21);
        QCOMPARE(steps.size(), 2);
        QVERIFY(
            !steps[0][QStringLiteral("args")].toObject().contains(QStringLiteral("lost_before")));
        QCOMPARE(steps[1][QStringLiteral("args")].toObject()[QStringLiteral("lost_before")].toInt(),
                 3);
    }

    void namesAreEscapedAndCutCharactersReplaced()
    {
        ChromeTrace trace;
        // A name with a quote and a backslash, and one cut inside a two-byte character.
        std::string cut = "Zde\xC5"; // "Zdeň" without its last byte
        StepLane producer = lane(0, 31, ipc::layout::Kind::Producer,
                                 {stepAt(0, 1000, ipc::Step::Write, 0, "a\"b\\c"),
                                  stepAt(1, 2000, ipc::Step::Write, 1, cut)});
        producer.fresh[1].name_size = 40; // the ring keeps only the start of long names
        trace.add({producer}, 3000);
        const QList<QJsonObject> steps = stepsOf(parse(trace.toJson()), 31);
        QCOMPARE(steps.size(), 2);
        QCOMPARE(steps[0][QStringLiteral("args")].toObject()[QStringLiteral("name")].toString(),
                 QStringLiteral("a\"b\\c"));
        const QJsonObject cutArgs = steps[1][QStringLiteral("args")].toObject();
        QVERIFY(cutArgs[QStringLiteral("name")].toString().startsWith(QStringLiteral("Zde")));
        QCOMPARE(cutArgs[QStringLiteral("name_bytes")].toInt(), 40);
    }

    void saveWritesTheDocumentAndSaysWhyNot()
    {
        ChromeTrace trace;
        trace.add({lane(0, 51, ipc::layout::Kind::Producer, {stepAt(0, 10, ipc::Step::Send)},
                        ipc::Mode::Mq)},
                  20);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("trace.json"));
        QString error;
        QVERIFY2(trace.save(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), trace.toJson());

        const QString nowhere = dir.filePath(QStringLiteral("no/such/dir/trace.json"));
        QVERIFY(!trace.save(nowhere, &error));
        QVERIFY2(error.contains(nowhere), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_ServerChromeTrace)
#include "tst_server_chrome_trace.moc"
