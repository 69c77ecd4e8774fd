// socket_cl end to end: the real program (QProcess) against a fake server in the test process.
#include "fake_name_server.h"
#include "name_list.h"
#include "name_tag.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace prodcons::client;
using prodcons::client::test::FakeNameServer;

namespace {

constexpr int kDeadlineMs = 15'000; // only a hang waits this long

// The key=value fields of the first "tally ..." line whose fields include all of `match`.
QMap<QByteArray, QByteArray> tally(const QByteArray& output,
                                   const QMap<QByteArray, QByteArray>& match = {})
{
    for (const QByteArray& line : output.split('\n')) {
        if (!line.startsWith("tally "))
            continue;
        QMap<QByteArray, QByteArray> fields;
        for (const QByteArray& field : line.mid(6).split(' ')) {
            const qsizetype equals = field.indexOf('=');
            if (equals > 0)
                fields.insert(field.left(equals), field.mid(equals + 1));
        }
        bool matches = true;
        for (auto it = match.begin(); it != match.end(); ++it)
            matches = matches && fields.value(it.key()) == it.value();
        if (matches)
            return fields;
    }
    return {};
}

QList<QByteArray> tagged(QByteArrayView source, const QList<int>& seqs)
{
    QList<QByteArray> names;
    for (const int seq : seqs) {
        QByteArray name;
        NameTag::append(name, "Name", source, static_cast<quint64>(seq));
        names.append(name);
    }
    return names;
}

} // namespace

class tst_ClientSocketCl : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpAndUsageErrors_data();
    void helpAndUsageErrors();
    void producerSendsCountTaggedNamesAndExitsZero();
    void namesOptionSelectsABundledListOrAFile_data();
    void namesOptionSelectsABundledListOrAFile();
    void consumerTallyShowsGapsAndDuplicatesPerSource();
    void refusedConnectionExitsNonZero();
    void busyServerExitsNonZero();
    void serverLossExitsNonZeroWithoutReconnect();
    void reconnectOptionRidesOutServerLoss();
    void perNameErrorExitsNonZero();
    void roleTypedOnStdin();
    void endOfInputWithoutRoleIsAUsageError();
    void rateTypedOnStdinTakesEffectAtOnce();
    void sigtermDrainsAndPrintsTheTally();
    void unthrottledThroughput();

private:
    void start(QProcess& process, quint16 port, const QStringList& options);
    QString m_program;
};

void tst_ClientSocketCl::initTestCase()
{
    m_program = prodcons::test::binaryPath("socket_cl");
    QVERIFY2(QFile::exists(m_program), qPrintable(m_program));
}

void tst_ClientSocketCl::start(QProcess& process, quint16 port, const QStringList& options)
{
    process.start(m_program, QStringList{"127.0.0.1", QString::number(port)} + options);
    QVERIFY2(process.waitForStarted(), "could not start socket_cl");
}

// Waits for `process` while the event loop (and so the fake server) keeps running. A signal
// spy, not QTRY_*: QTest::qWait() naps 10 ms between event batches, which would throttle the
// fake server. No race: finished() is only emitted from the event loop, after the spy exists.
#define FINISH(process)                                                                            \
    if ((process).state() != QProcess::NotRunning) {                                               \
        QSignalSpy finishedSpy(&(process), &QProcess::finished);                                   \
        QVERIFY2(finishedSpy.wait(kDeadlineMs), "socket_cl did not finish");                       \
    }                                                                                              \
    QCOMPARE((process).exitStatus(), QProcess::NormalExit)

void tst_ClientSocketCl::helpAndUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("expected"); // in stdout + stderr
    QTest::newRow("help") << QStringList{"--help"} << 0 << QByteArray("--count");
    QTest::newRow("no arguments") << QStringList{} << 2 << QByteArray("HOST and PORT");
    QTest::newRow("bad port") << QStringList{"localhost", "99999"} << 2 << QByteArray("PORT");
    QTest::newRow("bad role") << QStringList{"localhost", "1", "--role", "baker"} << 2
                              << QByteArray("--role");
    QTest::newRow("bad rate") << QStringList{"localhost", "1", "--rate", "2000000"} << 2
                              << QByteArray("--rate");
    QTest::newRow("bad tag") << QStringList{"localhost", "1", "--tag=No-Way"} << 2
                             << QByteArray("SOURCE");
    QTest::newRow("help names") << QStringList{"--help"} << 0 << QByteArray("international");
    QTest::newRow("missing names file")
        << QStringList{"localhost", "1", "--names", "/nonexistent/n.txt"} << 2
        << QByteArray("/nonexistent/n.txt");
}

void tst_ClientSocketCl::helpAndUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, expected);
    QProcess process;
    process.start(m_program, arguments);
    QVERIFY(process.waitForFinished(kDeadlineMs)); // no server involved: blocking is fine
    QCOMPARE(process.exitCode(), exitCode);
    const QByteArray output = process.readAllStandardOutput() + process.readAllStandardError();
    QVERIFY2(output.contains(expected), output.constData());
}

void tst_ClientSocketCl::namesOptionSelectsABundledListOrAFile_data()
{
    QTest::addColumn<QString>("names");
    QTest::addColumn<QList<QByteArray>>("expected"); // the first names sent
    const auto firstOf = [](const NameList& list) {
        return list.names().mid(0, 5);
    };
    QTest::newRow("default") << QString() << firstOf(NameList::bundled());
    QTest::newRow("international")
        << "international" << firstOf(NameList::bundled(NameList::Bundled::International));
    QTest::newRow("cs") << "cs" << firstOf(NameList::bundled(NameList::Bundled::Czech));
    QTest::newRow("file") << "FILE" << QList<QByteArray>{"Ája", "Bob", "Ája", "Bob", "Ája"};
}

void tst_ClientSocketCl::namesOptionSelectsABundledListOrAFile()
{
    QFETCH(QString, names);
    QFETCH(QList<QByteArray>, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (names == QLatin1String("FILE")) {
        names = dir.filePath("names.txt");
        QFile file(names);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Ája\nBob\n");
    }
    FakeNameServer server({});
    QVERIFY(server.listen());
    QProcess client;
    QStringList options{"--role", "producer", "--rate", "max", "--count", "5", "--quiet"};
    if (!names.isEmpty())
        options << "--names" << names;
    start(client, server.port(), options);
    FINISH(client);
    QCOMPARE(client.exitCode(), 0);
    QCOMPARE(server.observed().stored, expected);
}

void tst_ClientSocketCl::producerSendsCountTaggedNamesAndExitsZero()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(),
          {"--role", "producer", "--rate", "max", "--count", "200", "--tag=abc", "--quiet"});
    FINISH(client);
    const QByteArray out = client.readAllStandardOutput();
    QCOMPARE(client.exitCode(), 0);
    const auto fields = tally(out, {{"source", "abc"}});
    QCOMPARE(fields.value("sent"), QByteArray("200"));
    QCOMPARE(fields.value("acknowledged"), QByteArray("200"));
    QVERIFY2(!out.contains("acknowledged Name"), out.constData()); // --quiet: no name lines
    QCOMPARE(server.observed().stored.size(), 200);
    QVERIFY(server.observed().stored.last().endsWith("#abc-199"));
}

void tst_ClientSocketCl::consumerTallyShowsGapsAndDuplicatesPerSource()
{
    FakeNameServer::Script script;
    // Source x: 0..9 with 3 lost and 5 twice; source y: 0..4, in order.
    script.namesToSend = tagged("x", {0, 1, 2, 4, 5, 5, 6}) + tagged("y", {0, 1, 2}) +
                         tagged("x", {7, 8, 9}) + tagged("y", {3, 4});
    script.sendAhead = 4;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), {"--role", "consumer", "--count", "15", "--tag"});
    FINISH(client);
    const QByteArray out = client.readAllStandardOutput();
    QCOMPARE(client.exitCode(), 0);
    const auto x = tally(out, {{"source", "x"}});
    QCOMPARE(x.value("distinct"), QByteArray("9"));
    QCOMPARE(x.value("max"), QByteArray("9"));
    QCOMPARE(x.value("gaps"), QByteArray("1"));
    QCOMPARE(x.value("duplicates"), QByteArray("1"));
    const auto y = tally(out, {{"source", "y"}});
    QCOMPARE(y.value("distinct"), QByteArray("5"));
    QCOMPARE(y.value("gaps"), QByteArray("0"));
    QCOMPARE(y.value("duplicates"), QByteArray("0"));
    QCOMPARE(tally(out, {{"received", "15"}}).size(), 1);
    QCOMPARE(out.count("received Name#"), 15); // not quiet: one line per name
}

void tst_ClientSocketCl::refusedConnectionExitsNonZero()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    QProcess client;
    start(client, port, {"--role", "producer"});
    FINISH(client);
    QCOMPARE(client.exitCode(), 1);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(err.contains("refused"), err.constData());
    QCOMPARE(tally(client.readAllStandardOutput()).value("sent"), QByteArray("0"));
}

void tst_ClientSocketCl::busyServerExitsNonZero()
{
    FakeNameServer::Script script;
    script.greeting = "ERROR: server busy";
    script.closeAfterGreeting = true;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), {"--role", "consumer"});
    FINISH(client);
    QCOMPARE(client.exitCode(), 1);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(err.contains("server busy"), err.constData());
}

void tst_ClientSocketCl::serverLossExitsNonZeroWithoutReconnect()
{
    FakeNameServer::Script script;
    script.dropFirstConnectionAfterOks = 30;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), {"--role", "producer", "--rate", "max", "--quiet"});
    FINISH(client);
    QCOMPARE(client.exitCode(), 1);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(err.contains("server gone"), err.constData());
    QCOMPARE(tally(client.readAllStandardOutput()).value("acknowledged"), QByteArray("30"));
}

void tst_ClientSocketCl::reconnectOptionRidesOutServerLoss()
{
    FakeNameServer::Script script;
    script.dropFirstConnectionAfterOks = 20;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(),
          {"--role", "producer", "--rate", "max", "--count", "100", "--tag=rc", "--reconnect",
           "--quiet"});
    FINISH(client);
    QCOMPARE(client.exitCode(), 0);
    QCOMPARE(tally(client.readAllStandardOutput(), {{"source", "rc"}}).value("acknowledged"),
             QByteArray("100"));
    QCOMPARE(server.observed().connections, 2);
    QSet<QByteArray> distinct(server.observed().stored.begin(), server.observed().stored.end());
    QCOMPARE(distinct.size(), 100);
}

void tst_ClientSocketCl::perNameErrorExitsNonZero()
{
    FakeNameServer::Script script;
    script.rejectPrefix = "Liam"; // the bundled list starts Olivia, Liam, Emma
    FakeNameServer server(script);
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), {"--role", "producer", "--rate", "max", "--count", "6"});
    FINISH(client);
    QCOMPARE(client.exitCode(), 1);
    const QByteArray out = client.readAllStandardOutput();
    const auto fields = tally(out);
    QCOMPARE(fields.value("sent"), QByteArray("6"));
    QCOMPARE(fields.value("acknowledged"), QByteArray("5"));
    QCOMPARE(fields.value("errors"), QByteArray("1"));
    QVERIFY(out.contains("rejected Liam"));
    QVERIFY(client.readAllStandardError().contains("name rejected"));
}

void tst_ClientSocketCl::roleTypedOnStdin()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), {"--count", "5", "--rate", "max"});
    // QTRY_* evaluates its expression again after success: collect, do not just read.
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += client.readAllStandardOutput()).contains("Task?"),
                             kDeadlineMs);
    client.write("producer\n");
    FINISH(client);
    QCOMPARE(client.exitCode(), 0);
    out += client.readAllStandardOutput();
    QCOMPARE(out.count("acknowledged "), 5);
    QCOMPARE(server.observed().roles, QList<QByteArray>{"producer"});
}

void tst_ClientSocketCl::endOfInputWithoutRoleIsAUsageError()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), {});
    client.closeWriteChannel();
    FINISH(client);
    QCOMPARE(client.exitCode(), 2);
    QVERIFY(client.readAllStandardError().contains("no role"));
}

void tst_ClientSocketCl::rateTypedOnStdinTakesEffectAtOnce()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    QProcess client;
    // At 1 per minute, three names take two minutes, far past the deadline below.
    start(client, server.port(), {"--role", "producer", "--rate", "1", "--count", "3"});
    QTRY_COMPARE_WITH_TIMEOUT(server.observed().stored.size(), 1, kDeadlineMs);
    client.write("max\n");
    FINISH(client);
    QCOMPARE(client.exitCode(), 0);
    QCOMPARE(server.observed().stored.size(), 3);
    QVERIFY(client.readAllStandardError().contains("rate: max"));
}

void tst_ClientSocketCl::sigtermDrainsAndPrintsTheTally()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(),
          {"--role", "producer", "--rate", "600000", "--tag=sig", "--quiet"});
    QTRY_VERIFY_WITH_TIMEOUT(server.observed().stored.size() >= 100, kDeadlineMs);
    client.terminate(); // SIGTERM
    FINISH(client);
    QCOMPARE(client.exitCode(), 0);
    const auto fields = tally(client.readAllStandardOutput(), {{"source", "sig"}});
    QVERIFY(!fields.isEmpty());
    // Stopped sending, and waited for every OK before leaving.
    QCOMPARE(fields.value("acknowledged"), fields.value("sent"));
    QCOMPARE(fields.value("acknowledged").toLongLong(), server.observed().stored.size());
    QVERIFY(server.observed().quitReceived);
}

void tst_ClientSocketCl::unthrottledThroughput()
{
    // Prints the figure; the bar is only that every name arrives (the machine is shared).
    FakeNameServer::Script script;
    script.bulk = true;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    QProcess client;
    QElapsedTimer elapsed;
    elapsed.start();
    start(client, server.port(),
          {"--role", "producer", "--rate", "max", "--count", "500000", "--quiet"});
    FINISH(client);
    const double seconds = static_cast<double>(elapsed.nsecsElapsed()) / 1e9;
    QCOMPARE(client.exitCode(), 0);
    QCOMPARE(server.observed().stored.size(), 500'000);
    qInfo("socket_cl --rate max against a fake server in another process: %.0f names/s",
          500'000 / seconds);
}

QTEST_GUILESS_MAIN(tst_ClientSocketCl)
#include "tst_client_socket_cl.moc"
