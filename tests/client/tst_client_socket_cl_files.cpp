// socket_cl --file and --out end to end: the real program (QProcess) against a fake server in
// the test process, which records the exact bytes it reads and sends.
#include "fake_name_server.h"
#include "protocol_limits.h"
#include "test_support.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace prodcons::client;
using prodcons::client::test::FakeNameServer;

namespace {

constexpr int kDeadlineMs = 15'000; // only a hang waits this long

QByteArray tallyField(const QByteArray& output, const QByteArray& key)
{
    for (const QByteArray& line : output.split('\n')) {
        if (!line.startsWith("tally "))
            continue;
        for (const QByteArray& field : line.mid(6).split(' ')) {
            if (field.startsWith(key + '='))
                return field.mid(key.size() + 1);
        }
    }
    return {};
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<cannot read>");
}

// The lines of the file the tests send: what a plain list of names would trim or skip, the
// longest line the protocol carries, and a last line without its LF.
QByteArray awkwardText()
{
    return "  two leading spaces\n"
           "two trailing spaces  \n"
           "# not a comment here\n" +
           QByteArray(kMaxNameBytes, 'L') + "\n" + "Zoë Ångström\n" +
           QByteArray(kMaxNameBytes - 2, 'M') + "é\n" + "last line without LF";
}

} // namespace

class tst_ClientSocketClFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void usageErrors_data();
    void usageErrors();
    void fileIsSentByteForByte_data();
    void fileIsSentByteForByte();
    void crLfFileIsSentWithLfLineEnds();
    void badLineRefusesTheWholeFileUpFront_data();
    void badLineRefusesTheWholeFileUpFront();
    void serverErrorStopsAndNamesTheLine_data();
    void serverErrorStopsAndNamesTheLine();
    void outWritesExactlyWhatArrives();
    void outPrintsNamesOnlyWhenAsked();
    void outThatCannotBeOpenedExitsOneBeforeConnecting();
    void outOnAFullDiskExitsOne();

private:
    void start(QProcess& process, quint16 port, const QStringList& options);
    QString writeFile(const QString& name, const QByteArray& bytes);

    QString m_program;
    QTemporaryDir m_dir;
};

void tst_ClientSocketClFiles::initTestCase()
{
    m_program = prodcons::test::binaryPath("socket_cl");
    QVERIFY2(QFile::exists(m_program), qPrintable(m_program));
    QVERIFY(m_dir.isValid());
}

void tst_ClientSocketClFiles::start(QProcess& process, quint16 port, const QStringList& options)
{
    process.start(m_program, QStringList{"127.0.0.1", QString::number(port)} + options);
    QVERIFY2(process.waitForStarted(), "could not start socket_cl");
}

QString tst_ClientSocketClFiles::writeFile(const QString& name, const QByteArray& bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// Waits for `process` while the event loop (and so the fake server) keeps running; see
// tst_client_socket_cl.cpp. No race: finished() is only emitted from the event loop.
#define FINISH(process)                                                                            \
    if ((process).state() != QProcess::NotRunning) {                                               \
        QSignalSpy finishedSpy(&(process), &QProcess::finished);                                   \
        QVERIFY2(finishedSpy.wait(kDeadlineMs), "socket_cl did not finish");                       \
    }                                                                                              \
    QCOMPARE((process).exitStatus(), QProcess::NormalExit)

void tst_ClientSocketClFiles::usageErrors_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QByteArray>("expected"); // in stderr
    QTest::newRow("--file as a consumer")
        << QStringList{"--file", "f.txt", "--role", "consumer"} << QByteArray("--role consumer");
    QTest::newRow("--file with --count")
        << QStringList{"--file", "f.txt", "--count", "3"} << QByteArray("--count");
    QTest::newRow("--file with --tag")
        << QStringList{"--file", "f.txt", "--tag"} << QByteArray("--tag");
    QTest::newRow("--file with --reconnect")
        << QStringList{"--file", "f.txt", "--reconnect"} << QByteArray("--reconnect");
    QTest::newRow("--out as a producer")
        << QStringList{"--out", "o.txt", "--role", "producer"} << QByteArray("--role producer");
    QTest::newRow("--out with --file") << QStringList{"--out", "o.txt", "--file", "f.txt"}
                                       << QByteArray("--out is for a consumer");
}

void tst_ClientSocketClFiles::usageErrors()
{
    QFETCH(QStringList, options);
    QFETCH(QByteArray, expected);
    FakeNameServer server({});
    QVERIFY(server.listen());
    QProcess client;
    client.setWorkingDirectory(m_dir.path());
    start(client, server.port(), options);
    FINISH(client);
    QCOMPARE(client.exitCode(), 2);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(err.contains(expected), err.constData());
    QCOMPARE(server.observed().connections, 0);
}

void tst_ClientSocketClFiles::fileIsSentByteForByte_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("lineByLine"); // the server must never see two lines waiting
    QTest::newRow("pipelined") << QStringList{} << false;
    QTest::newRow("one line, then its OK") << QStringList{"--window", "1"} << true;
    QTest::newRow("paced") << QStringList{"--rate", "600000"} << false;
}

void tst_ClientSocketClFiles::fileIsSentByteForByte()
{
    QFETCH(QStringList, options);
    QFETCH(bool, lineByLine);
    const QString path = writeFile("awkward.txt", awkwardText());
    FakeNameServer server({}); // a classic server: one line per event-loop turn
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), QStringList{"--file", path} + options);
    FINISH(client);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(client.exitCode() == 0, err.constData());
    QCOMPARE(server.observed().roles, QList<QByteArray>{"producer"});
    QCOMPARE(server.observed().nameBytes, awkwardText() + '\n'); // the protocol's LF added
    QCOMPARE(server.observed().stored.size(), 7);
    QVERIFY(server.observed().quitReceived);
    const QByteArray out = client.readAllStandardOutput();
    QCOMPARE(tallyField(out, "sent"), QByteArray("7"));
    QCOMPARE(tallyField(out, "acknowledged"), QByteArray("7"));
    QVERIFY2(!out.contains("acknowledged "), out.constData()); // no line per name with --file
    if (lineByLine)
        QCOMPARE(server.observed().maxLinesWaiting, 1);
}

void tst_ClientSocketClFiles::crLfFileIsSentWithLfLineEnds()
{
    // The CR of a CR LF is the file's line end, not data (the server would drop it anyway).
    const QString path = writeFile("crlf.txt", "one \r\n two\r\nthree");
    FakeNameServer server({});
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), {"--file", path});
    FINISH(client);
    QCOMPARE(client.exitCode(), 0);
    QCOMPARE(server.observed().nameBytes, QByteArray("one \n two\nthree\n"));
}

void tst_ClientSocketClFiles::badLineRefusesTheWholeFileUpFront_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected"); // in stderr
    const QByteArray good = "fine\nalso fine\n";
    QTest::newRow("empty line") << good + "\nnext\n" << QByteArray("line 3: it is empty");
    QTest::newRow("tab") << good + "a\tb\n" << QByteArray("line 3: it has the control byte 0x09");
    QTest::newRow("lone CR") << good + "a\rb\n" << QByteArray("line 3: it has a CR (0x0D)");
    QTest::newRow("CR at the end of the file")
        << good + "last\r" << QByteArray("line 3: it has a CR (0x0D) at byte 5");
    QTest::newRow("invalid UTF-8") << good + "Zo\xEB\n" << QByteArray("line 3: it is not valid");
    QTest::newRow("error line") << good + "ERROR: no\n" << QByteArray("line 3: it starts with");
    QTest::newRow("too long") << good + QByteArray(kMaxNameBytes + 1, 'x') + "\n"
                              << QByteArray("line 3: it is 8192 bytes long");
    QTest::newRow("second bad line not reported") << good + "\n\t\n" << QByteArray("line 3:");
}

void tst_ClientSocketClFiles::badLineRefusesTheWholeFileUpFront()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    const QString path = writeFile("bad.txt", text);
    FakeNameServer server({});
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), {"--file", path});
    FINISH(client);
    QCOMPARE(client.exitCode(), 1);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(err.contains(path.toUtf8() + ", " + expected), err.constData());
    QVERIFY2(err.contains("nothing sent"), err.constData());
    QCOMPARE(server.observed().connections, 0); // not one byte sent
}

void tst_ClientSocketClFiles::serverErrorStopsAndNamesTheLine_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("pipelined") << QStringList{};
    QTest::newRow("one line, then its OK") << QStringList{"--window", "1"};
}

void tst_ClientSocketClFiles::serverErrorStopsAndNamesTheLine()
{
    QFETCH(QStringList, options);
    QByteArray text;
    for (int i = 1; i <= 3000; ++i)
        text += (i == 50 ? "Refuse me " : "line ") + QByteArray::number(i) + '\n';
    const QString path = writeFile("refused.txt", text);
    FakeNameServer::Script script;
    script.rejectPrefix = "Refuse"; // answered "ERROR: name rejected"
    FakeNameServer server(script);
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), QStringList{"--file", path} + options);
    FINISH(client);
    QCOMPARE(client.exitCode(), 1);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(err.contains("line 50 of " + path.toUtf8() + " refused by the server: name rejected"),
             err.constData());
    // Sending stopped: at once with one line at a time, within the window when pipelined;
    // whatever went before and after it was answered, in order, once each.
    const QList<QByteArray>& stored = server.observed().stored;
    const qint64 sent = server.observed().namesReceived;
    QVERIFY2(sent < 3000, QByteArray::number(sent).constData());
    if (options.contains("--window"))
        QCOMPARE(sent, 50);
    QCOMPARE(stored.size(), sent - 1);
    for (qsizetype i = 0; i < stored.size(); ++i)
        QCOMPARE(stored[i], "line " + QByteArray::number(i < 49 ? i + 1 : i + 2));
    QVERIFY(server.observed().quitReceived);
    const QByteArray out = client.readAllStandardOutput();
    QCOMPARE(tallyField(out, "errors"), QByteArray("1"));
    QCOMPARE(tallyField(out, "acknowledged").toLongLong(), sent - 1);
}

void tst_ClientSocketClFiles::outWritesExactlyWhatArrives()
{
    FakeNameServer::Script script;
    script.namesToSend = {"  spaces  ", "# hash",      QByteArray(kMaxNameBytes, 'N'),
                          "Zoë",        "name#with-7", "not taken: past --count"};
    script.sendAhead = 4;
    script.lineEnd = "\r\n"; // the client drops the CR of CR LF, as the protocol says
    FakeNameServer server(script);
    QVERIFY(server.listen());
    const QString out = m_dir.filePath("received.txt");
    QProcess client;
    start(client, server.port(), {"--out", out, "--count", "5"});
    FINISH(client);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(client.exitCode() == 0, err.constData());
    QCOMPARE(server.observed().roles, QList<QByteArray>{"consumer"}); // --out means consumer
    QByteArray expected;
    for (const QByteArray& name : script.namesToSend.first(5))
        expected += name + '\n';
    QCOMPARE(readFile(out), expected);
    const QByteArray stdOut = client.readAllStandardOutput();
    QCOMPARE(tallyField(stdOut, "received"), QByteArray("5"));
    QVERIFY2(!stdOut.contains("received "), stdOut.constData()); // no line per name with --out
}

void tst_ClientSocketClFiles::outPrintsNamesOnlyWhenAsked()
{
    FakeNameServer::Script script;
    script.namesToSend = {"Ada", "Grace"};
    FakeNameServer server(script);
    QVERIFY(server.listen());
    const QString out = m_dir.filePath("printed.txt");
    QProcess client;
    start(client, server.port(), {"--out", out, "--count", "2", "--print-names"});
    FINISH(client);
    QCOMPARE(client.exitCode(), 0);
    const QByteArray stdOut = client.readAllStandardOutput();
    QVERIFY2(stdOut.contains("received Ada\nreceived Grace\n"), stdOut.constData());
    QCOMPARE(readFile(out), QByteArray("Ada\nGrace\n"));
}

void tst_ClientSocketClFiles::outThatCannotBeOpenedExitsOneBeforeConnecting()
{
    FakeNameServer server({});
    QVERIFY(server.listen());
    const QString out = m_dir.filePath("no-such-dir/out.txt");
    QProcess client;
    start(client, server.port(), {"--out", out});
    FINISH(client);
    QCOMPARE(client.exitCode(), 1);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(err.contains("cannot write " + out.toUtf8()), err.constData());
    QCOMPARE(server.observed().connections, 0);
}

void tst_ClientSocketClFiles::outOnAFullDiskExitsOne()
{
    if (!QFile::exists("/dev/full"))
        QSKIP("no /dev/full to stand for a full disk");
    FakeNameServer::Script script;
    for (int i = 0; i < 20; ++i)
        script.namesToSend.append("name " + QByteArray::number(i));
    script.sendAhead = 20;
    FakeNameServer server(script);
    QVERIFY(server.listen());
    QProcess client;
    start(client, server.port(), {"--out", "/dev/full", "--count", "20"});
    FINISH(client);
    QCOMPARE(client.exitCode(), 1);
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(err.contains("cannot write /dev/full: No space left on device"), err.constData());
    QCOMPARE(err.count("cannot write"), 1); // said once
}

QTEST_GUILESS_MAIN(tst_ClientSocketClFiles)
#include "tst_client_socket_cl_files.moc"
