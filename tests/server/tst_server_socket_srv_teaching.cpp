// socket_srv's teaching side, as a teacher uses it at a terminal: --trace writes the children's
// steps as a Chrome trace (one track per child) when the server stops, however it stops;
// `pause` holds a producer's name until `step PID` and `resume` let it through; --tempo slows
// every step and `tempo 0` is full speed at once; `status` shows each child's step; and wrong
// arguments and commands get a line that says what is wrong.
#include "event_wait.h"
#include "ipc_test_prefix.h"
#include "raw_client.h"
#include "server_process.h"
#include "test_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <memory>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;
using prodcons::test::runEventsFor;
using prodcons::test::waitUntil;

namespace {

/// The pid of the child the server's log says is a `role` ("child 1234 (...) is a producer").
pid_t childOf(const ServerProcess& server, const char* role)
{
    const QRegularExpression line(
        QStringLiteral("child (\\d+) \\([^)]*\\) is a %1").arg(QLatin1String(role)));
    const QRegularExpressionMatch match = line.match(QString::fromUtf8(server.log()));
    return match.hasMatch() ? pid_t(match.captured(1).toInt()) : 0;
}

/// Steps of the SHM algorithm, and of the queue.
const QStringList kShmProducerSteps = {"WaitEmpty", "WaitMutex", "Write",
                                       "AdvanceIn", "PostMutex", "PostFull"};
const QStringList kShmConsumerSteps = {"WaitFull",   "WaitMutex", "Read",
                                       "AdvanceOut", "PostMutex", "PostEmpty"};

} // namespace

class tst_ServerSocketSrvTeaching : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<ServerProcess>> m_servers;

    ServerProcess* serve(ipc::Mode mode, const QStringList& extra = {})
    {
        m_servers.push_back(std::make_unique<ServerProcess>(mode, m_prefix->prefix(), extra));
        ServerProcess* server = m_servers.back().get();
        if (!server->start()) {
            qWarning("socket_srv did not start: %s", server->log().constData());
            return nullptr;
        }
        return server;
    }

    /// A client that has answered Task? with `role`.
    static std::unique_ptr<RawClient> connectAs(const ServerProcess& server, const QByteArray& role)
    {
        auto client = std::make_unique<RawClient>();
        if (!client->open(server.port()) || !client->waitConnected() ||
            client->readLine() != "Task?" || !client->sendAll(role + "\n"))
            return nullptr;
        return client;
    }

    /// Types `status` and returns child `pid`'s line of the answer ("producer SHM: Write
    /// (writing Ada into slot 0)"), or "<none>" if the answer has none in time.
    static QString stepLineOf(ServerProcess& server, pid_t pid)
    {
        const qsizetype from = server.log().size();
        server.type("status");
        const QRegularExpression line(QStringLiteral("\n  %1 ([^\n]*)\n").arg(pid));
        QString found = QStringLiteral("<none>");
        waitUntil(
            [&] {
                const QString answer = QString::fromUtf8(server.log().mid(from));
                if (!answer.contains(QLatin1String("children of this server")))
                    return false;
                const QRegularExpressionMatch match = line.match(answer);
                if (match.hasMatch())
                    found = match.captured(1);
                return match.hasMatch();
            },
            10s);
        return found;
    }

    /// The JSON document in `path`, or an empty object (with a warning) if it does not parse.
    static QJsonObject readTrace(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            qWarning("cannot open %s", qPrintable(path));
            return {};
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error != QJsonParseError::NoError)
            qWarning("%s: %s", qPrintable(path), qPrintable(error.errorString()));
        return document.object();
    }

    /// The step names ("X" events) of each process of the trace.
    static QMap<qint64, QStringList> stepsByProcess(const QJsonObject& trace)
    {
        QMap<qint64, QStringList> steps;
        for (const QJsonValue& value : trace[QStringLiteral("traceEvents")].toArray()) {
            const QJsonObject event = value.toObject();
            if (event[QStringLiteral("ph")].toString() == QLatin1String("X"))
                steps[event[QStringLiteral("pid")].toInteger()]
                    << event[QStringLiteral("name")].toString();
        }
        return steps;
    }

    /// process_name of each process of the trace.
    static QMap<qint64, QString> processNames(const QJsonObject& trace)
    {
        QMap<qint64, QString> names;
        for (const QJsonValue& value : trace[QStringLiteral("traceEvents")].toArray()) {
            const QJsonObject event = value.toObject();
            if (event[QStringLiteral("name")].toString() == QLatin1String("process_name"))
                names[event[QStringLiteral("pid")].toInteger()] =
                    event[QStringLiteral("args")].toObject()[QStringLiteral("name")].toString();
        }
        return names;
    }

    /// Runs socket_srv to completion with `arguments`; its exit code, stderr in `*err`.
    int run(const QStringList& arguments, QByteArray* err)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PRODCONS_IPC_PREFIX"),
                   QString::fromStdString(m_prefix->prefix()));
        process.setProcessEnvironment(env);
        process.start(test::binaryPath(QStringLiteral("socket_srv")), arguments);
        process.closeWriteChannel();
        if (!process.waitForFinished(20000))
            return -1;
        *err = process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    }

private slots:
    void init()
    {
        m_prefix = std::make_unique<test::IpcTestPrefix>();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        m_servers.clear(); // kills what a failed test left running
        m_prefix->remove_all();
        m_prefix.reset();
        m_dir.reset();
    }

    void wrongTeachingOptionsSayWhatIsWrong_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("tempo too long") << QStringList{"-shm", "1234", "--tempo", "2001"}
                                        << QByteArray("--tempo takes 0 to 2000 milliseconds");
        QTest::newRow("tempo not a number")
            << QStringList{"-shm", "1234", "--tempo", "fast"} << QByteArray("not 'fast'");
        QTest::newRow("trace into no directory")
            << QStringList{"-shm", "1234", "--trace", "/nonexistent-dir/steps.json"}
            << QByteArray("--trace: there is no directory /nonexistent-dir");
        QTest::newRow("trace is a directory")
            << QStringList{"-shm", "1234", "--trace", "/tmp"} << QByteArray("is a directory");
    }

    void wrongTeachingOptionsSayWhatIsWrong()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, message);
        QByteArray err;
        QCOMPARE(run(arguments, &err), 2);
        QVERIFY2(err.contains(message), err.constData());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void theTraceHasOneTrackPerChild_data()
    {
        QTest::addColumn<ipc::Mode>("mode");
        QTest::addColumn<QString>("how"); // how the server is stopped
        QTest::newRow("SHM, quit") << ipc::Mode::Shm << QStringLiteral("quit");
        QTest::newRow("SHM, SIGTERM") << ipc::Mode::Shm << QStringLiteral("SIGTERM");
        QTest::newRow("MQ, end of stdin") << ipc::Mode::Mq << QStringLiteral("eof");
    }

    void theTraceHasOneTrackPerChild()
    {
        QFETCH(ipc::Mode, mode);
        QFETCH(QString, how);
        const QString path = m_dir->filePath(QStringLiteral("steps.json"));
        ServerProcess* server = serve(mode, {QStringLiteral("--trace"), path});
        QVERIFY(server);
        QVERIFY2(server->waitForLog("the trace goes to " + path.toUtf8()),
                 server->log().constData());

        auto consumer = connectAs(*server, "consumer");
        auto producer = connectAs(*server, "producer");
        QVERIFY(consumer && producer);
        QVERIFY(producer->sendAll("Ada\nGrace\nLinus\n"));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(producer->readLine(), QByteArray("OK"));
        QCOMPARE(consumer->readLine(), QByteArray("Ada"));
        QCOMPARE(consumer->readLine(), QByteArray("Grace"));
        QCOMPARE(consumer->readLine(), QByteArray("Linus"));
        QVERIFY(consumer->sendAll("OK\nOK\nOK\n"));
        QVERIFY(server->waitForLog("is a producer") && server->waitForLog("is a consumer"));
        const pid_t producerPid = childOf(*server, "producer");
        const pid_t consumerPid = childOf(*server, "consumer");
        QVERIFY(producerPid > 0 && consumerPid > 0);
        // The consumer's OKs have arrived when its child shows it waiting for the next name.
        QVERIFY(waitUntil(
            [&] {
                const QString line = stepLineOf(*server, consumerPid);
                return line.contains(mode == ipc::Mode::Shm ? QLatin1String("WaitFull")
                                                            : QLatin1String("Receive"));
            },
            20s));

        if (how == QLatin1String("quit")) {
            QVERIFY(server->quit());
        } else {
            if (how == QLatin1String("SIGTERM"))
                ::kill(server->pid(), SIGTERM);
            else
                server->closeInput();
            QVERIFY(server->waitForExit());
        }
        QVERIFY2(server->log().contains("trace written to " + path.toUtf8()),
                 server->log().constData());
        QCOMPARE(m_prefix->leftovers(), QStringList());

        const QJsonObject trace = readTrace(path);
        QCOMPARE(trace[QStringLiteral("displayTimeUnit")].toString(), QStringLiteral("ms"));
        const QString modeName =
            mode == ipc::Mode::Shm ? QStringLiteral("SHM") : QStringLiteral("MQ");
        QCOMPARE(
            processNames(trace),
            (QMap<qint64, QString>{
                {producerPid, QStringLiteral("producer %1 (%2)").arg(producerPid).arg(modeName)},
                {consumerPid, QStringLiteral("consumer %1 (%2)").arg(consumerPid).arg(modeName)}}));
        const QMap<qint64, QStringList> steps = stepsByProcess(trace);
        QCOMPARE(steps.keys(), QList<qint64>({std::min(producerPid, consumerPid),
                                              std::max(producerPid, consumerPid)}));
        const QStringList producerExpected =
            mode == ipc::Mode::Shm ? kShmProducerSteps : QStringList{"Send"};
        const QStringList consumerExpected =
            mode == ipc::Mode::Shm ? kShmConsumerSteps : QStringList{"Receive"};
        for (const QString& step : producerExpected + QStringList{"ReadClient", "WriteClient"})
            QVERIFY2(steps[producerPid].contains(step),
                     qPrintable(step + ": " + steps[producerPid].join(' ')));
        for (const QString& step : consumerExpected + QStringList{"ReadClient", "WriteClient"})
            QVERIFY2(steps[consumerPid].contains(step),
                     qPrintable(step + ": " + steps[consumerPid].join(' ')));
        // Nothing was lost: the few steps fit the rings and the bound.
        const QJsonObject other = trace[QStringLiteral("otherData")].toObject();
        QCOMPARE(other[QStringLiteral("steps_dropped")].toInteger(), 0);
        QCOMPARE(other[QStringLiteral("processes")].toInteger(), 2);
    }

    void aTraceThatCannotBeWrittenIsAnErrorAtTheEnd()
    {
        QDir dir(m_dir->path());
        QVERIFY(dir.mkdir(QStringLiteral("gone")));
        const QString path = dir.filePath(QStringLiteral("gone/steps.json"));
        ServerProcess* server = serve(ipc::Mode::Shm, {QStringLiteral("--trace"), path});
        QVERIFY(server);
        QVERIFY(QDir(dir.filePath(QStringLiteral("gone"))).removeRecursively());
        server->type("quit");
        QVERIFY(!server->waitForExit()); // it exits, with status 1
        QVERIFY(!server->running());
        QCOMPARE(server->exitCode(), 1);
        QVERIFY2(server->log().contains("cannot write the trace to " + path.toUtf8()),
                 server->log().constData());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void pauseHoldsANameUntilStepAndResumeLetItThrough()
    {
        ServerProcess* server = serve(ipc::Mode::Shm);
        QVERIFY(server);
        // Steps watched from before the children come, so that each shows where it is.
        server->type("status");
        QVERIFY(server->waitForLog("watching the children's steps from now on"));
        auto consumer = connectAs(*server, "consumer");
        auto producer = connectAs(*server, "producer");
        QVERIFY(consumer && producer);
        // Both children in place and moving: one name through.
        QVERIFY(producer->sendAll("warm-up\n"));
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QCOMPARE(consumer->readLine(), QByteArray("warm-up"));
        QVERIFY(consumer->sendAll("OK\n"));
        QVERIFY(server->waitForLog("is a producer"));
        const pid_t producerPid = childOf(*server, "producer");
        QVERIFY(producerPid > 0);

        // The producer is back reading its client (blocked there) before the pause.
        QVERIFY(waitUntil(
            [&] { return stepLineOf(*server, producerPid).contains(QLatin1String("ReadClient")); },
            20s));
        server->type("pause");
        QVERIFY(server->waitForLog("paused: every producer and consumer"));
        QVERIFY(producer->sendAll("held\n"));
        // Nothing happens while paused (a bounded look: nothing must arrive).
        QCOMPARE(consumer->readLine(700ms), QByteArray("<timeout>"));
        QCOMPARE(stepLineOf(*server, producerPid).section(QLatin1Char(':'), 1).trimmed().left(10),
                 QStringLiteral("ReadClient"));

        // One step at a time, each seen in status, until the name is stored and signalled.
        QStringList taken;
        QString line = stepLineOf(*server, producerPid);
        // A paused child's line says the step it took and the next ("WaitMutex done, next
        // Write"): the step taken is the first word.
        const auto stepTaken = [](const QString& text) {
            return text.section(QLatin1Char(':'), 1).trimmed().section(QLatin1Char(' '), 0, 0);
        };
        for (int i = 0; i < 10 && stepTaken(line) != QLatin1String("PostFull"); ++i) {
            server->type("step " + QByteArray::number(producerPid));
            const QString before = line;
            QVERIFY2(waitUntil(
                         [&] {
                             line = stepLineOf(*server, producerPid);
                             return line != before;
                         },
                         20s),
                     qPrintable(before));
            taken << stepTaken(line);
            if (stepTaken(line) == QLatin1String("Write"))
                QVERIFY2(line.contains(QLatin1String("done, next AdvanceIn")), qPrintable(line));
        }
        QCOMPARE(taken, kShmProducerSteps);
        QVERIFY2(server->log().contains("step: one step for " + QByteArray::number(producerPid) +
                                        " (producer SHM)"),
                 server->log().constData());

        server->type("resume");
        QVERIFY(server->waitForLog("resumed"));
        QCOMPARE(consumer->readLine(), QByteArray("held"));
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QVERIFY(consumer->sendAll("OK\n"));
        QVERIFY(server->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void tempoSlowsEveryStepAndZeroIsFullSpeedAtOnce()
    {
        ServerProcess* server = serve(ipc::Mode::Shm, {QStringLiteral("--tempo"), "2000"});
        QVERIFY(server);
        QVERIFY2(server->waitForLog("tempo 2000: every producer and consumer of the prefix waits "
                                    "2000 ms before each step"),
                 server->log().constData());
        server->type("tempo");
        QVERIFY(server->waitForLog("tempo: 2000 ms before each step"));

        auto consumer = connectAs(*server, "consumer");
        auto producer = connectAs(*server, "producer");
        QVERIFY(consumer && producer);
        QVERIFY(producer->sendAll("slow\n"));
        // Six steps of two seconds each before the name is even stored: nothing within one.
        QCOMPARE(consumer->readLine(1s), QByteArray("<timeout>"));

        server->type("tempo 0");
        QVERIFY(server->waitForLog("tempo 0: every producer and consumer of the prefix runs at "
                                   "full speed"));
        QCOMPARE(consumer->readLine(), QByteArray("slow"));
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QVERIFY(consumer->sendAll("OK\n"));
        server->type("tempo");
        QVERIFY(server->waitForLog("tempo: full speed"));
        QVERIFY(server->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void wrongCommandsGetAClearLine()
    {
        ServerProcess* server = serve(ipc::Mode::Mq);
        QVERIFY(server);
        const struct
        {
            QByteArray typed;
            QByteArray answer;
        } cases[] = {
            {"tempo 2001", "tempo takes 0 to 2000 milliseconds, not '2001'"},
            {"tempo slow", "tempo takes 0 to 2000 milliseconds, not 'slow'"},
            {"step", "step: not paused, so every step is taken anyway; type 'pause' first"},
            {"step abc", "step takes the pid of a producer or consumer, or nothing for the next "
                         "in line; not 'abc'"},
            {"resume", "not paused"},
            {"pause", "paused: every producer and consumer"},
            {"pause", "already paused"},
            {"step 1", "step: no producer or consumer of this prefix has pid 1"},
            {"step", "step: one step for whichever producer or consumer comes first"},
            {"resume", "resumed"},
            {"frobnicate", "unknown command 'frobnicate'; type 'help' for the commands"},
            {"help", "step [PID]"},
        };
        for (const auto& c : cases) {
            const qsizetype from = server->log().size();
            server->type(c.typed);
            QVERIFY2(waitUntil([&] { return server->log().mid(from).contains(c.answer); }, 10s),
                     qPrintable(c.typed + " -> " + server->log().mid(from)));
        }
        QVERIFY(server->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void statusShowsEachChildsStep()
    {
        ServerProcess* server = serve(ipc::Mode::Shm);
        QVERIFY(server);
        auto consumer = connectAs(*server, "consumer");
        QVERIFY(consumer);
        QVERIFY(server->waitForLog("is a consumer"));
        const pid_t consumerPid = childOf(*server, "consumer");
        // Steps are watched from the first status on; the consumer, already blocked, shows
        // its step once it takes one: a name makes it.
        QCOMPARE(stepLineOf(*server, consumerPid),
                 QStringLiteral("consumer SHM: no step seen yet"));
        QVERIFY(server->log().contains("watching the children's steps from now on"));
        auto producer = connectAs(*server, "producer");
        QVERIFY(producer && producer->sendAll("Ada\n"));
        QCOMPARE(consumer->readLine(), QByteArray("Ada"));
        QVERIFY(consumer->sendAll("OK\n"));
        QString line;
        QVERIFY2(waitUntil(
                     [&] {
                         line = stepLineOf(*server, consumerPid);
                         return line ==
                                QLatin1String("consumer SHM: WaitFull (waiting for a name)");
                     },
                     20s),
                 qPrintable(line));
        QVERIFY(server->quit());
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_ServerSocketSrvTeaching)
#include "tst_server_socket_srv_teaching.moc"
