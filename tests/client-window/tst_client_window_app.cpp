// prodcons-client as a program: its command line, SIGTERM closing the window as the user would
// (a producer says quit), and where its settings go (XDG_CONFIG_HOME of the test's own).
#include "child_process.h"
#include "forking_server.h"
#include "ipc_test_prefix.h"
#include "name_session.h"
#include "raw_line_server.h"
#include "test_support.h"

#include <QDir>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <memory>
#include <thread>

using namespace prodcons;

namespace {

constexpr int kDeadlineMs = 30'000;

} // namespace

class tst_ClientWindowApp : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::unique_ptr<QTemporaryDir> m_config;

    /// prodcons-client offscreen, with a configuration folder of the test's own.
    std::unique_ptr<QProcess> client(const QStringList& arguments)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_config->path());
        env.insert(QStringLiteral("PRODCONS_IPC_PREFIX"),
                   QString::fromStdString(m_prefix->prefix()));
        process->setProcessEnvironment(env);
        process->setProgram(test::binaryPath(QStringLiteral("prodcons-client")));
        process->setArguments(arguments);
        return process;
    }

    QString settingsFile() const
    {
        return m_config->filePath(QStringLiteral("prodcons/prodcons-client.conf"));
    }

    /// Runs the client as a producer against an in-process server, ends it with SIGTERM, and
    /// returns how its server child ended.
    QString runProducerUntilTerminated(const QStringList& extra)
    {
        server::ServerConfig config;
        config.port = 0;
        config.ipc = m_prefix->config();
        server::ForkingServer server;
        if (!server.start(config))
            return QStringLiteral("<server: %1>").arg(server.lastError());
        // A consumer keeps the buffer from filling: a producer child blocked on a full buffer
        // would only notice its client leaving once there is room again.
        client::NameSession consumer;
        consumer.connectToServer(QStringLiteral("127.0.0.1"), server.serverPort(),
                                 client::Role::Consumer);
        if (!QTest::qWaitFor([&] { return consumer.state() == client::SessionState::Consuming; },
                             kDeadlineMs))
            return QStringLiteral("<no consumer: %1>").arg(consumer.reason());
        QSignalSpy ended(&server, &server::ForkingServer::childEnded);

        auto process = client(QStringList{"--host", "127.0.0.1", "--port",
                                          QString::number(server.serverPort()), "--role",
                                          "producer", "--rate", "6000", "--connect"} +
                              extra);
        process->start();
        if (!process->waitForStarted())
            return QStringLiteral("<not started>");
        // Names flow: the server's child has stored some.
        if (!QTest::qWaitFor(
                [&] {
                    const auto children = server.children();
                    return !children.empty() && children[0].names >= 5;
                },
                kDeadlineMs))
            return QStringLiteral("<no names: %1>")
                .arg(QString::fromLocal8Bit(process->readAllStandardError()));
        QSignalSpy finished(process.get(), &QProcess::finished);
        process->terminate(); // SIGTERM
        if (!finished.wait(kDeadlineMs))
            return QStringLiteral("<still running>");
        if (process->exitStatus() != QProcess::NormalExit || process->exitCode() != 0)
            return QStringLiteral("<exit %1>").arg(process->exitCode());
        if (ended.isEmpty() && !ended.wait(kDeadlineMs))
            return QStringLiteral("<child did not end>");
        const auto producerChild = ended.takeFirst().at(0).value<server::ChildView>();
        consumer.disconnectFromServer();
        server.stopNow();
        return producerChild.endText;
    }

private slots:
    void init()
    {
        m_prefix = std::make_unique<test::IpcTestPrefix>();
        m_config = std::make_unique<QTemporaryDir>();
        QVERIFY(m_config->isValid());
    }

    void cleanup()
    {
        QVERIFY(!test::zombie_child_exists());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
        m_config.reset();
    }

    void helpListsTheOptions()
    {
        auto process = client({"--help"});
        process->start();
        QVERIFY(process->waitForFinished(kDeadlineMs));
        QCOMPARE(process->exitCode(), 0);
        const QString help = QString::fromLocal8Bit(process->readAllStandardOutput());
        for (const char* option : {"--host", "--port", "--role", "--rate", "--connect", "--prefix",
                                   "--tag", "--picture"})
            QVERIFY2(help.contains(QLatin1String(option)), option);
    }

    // A --picture file that cannot be sent: the reason, and status 1 (could not), before any
    // window opens.
    void aPictureThatCannotBeSentExitsWithOne()
    {
        const QString missing = m_config->filePath(QStringLiteral("no-such.pbm"));
        auto process = client({"--no-settings", "--picture", missing});
        process->start();
        QVERIFY(process->waitForFinished(kDeadlineMs));
        QCOMPARE(process->exitCode(), 1);
        const QString error = QString::fromLocal8Bit(process->readAllStandardError());
        QVERIFY2(error.contains(QStringLiteral("no-such.pbm cannot be sent")), qPrintable(error));
    }

    void usageErrorsExitWithTwo()
    {
        auto process = client({"--rate", "fast"});
        process->start();
        QVERIFY(process->waitForFinished(kDeadlineMs));
        QCOMPARE(process->exitCode(), 2);
        QVERIFY(QString::fromLocal8Bit(process->readAllStandardError())
                    .contains(QStringLiteral("--rate")));
    }

    // SIGTERM closes the window: the producer says quit, the program exits 0, and with
    // --no-settings nothing is written.
    void sigtermClosesCleanly()
    {
        const QString how = runProducerUntilTerminated({"--no-settings"});
        QVERIFY2(how.contains(QStringLiteral("client said quit")), qPrintable(how));
        QVERIFY(!QFileInfo::exists(settingsFile()));
    }

    // A consumer's window closed while names flow (by SIGTERM here, as a user's close): it says
    // quit, and the program ends only after the connection has closed, so that nothing is
    // unread when it does. Closing with names unread resets the connection, and on loopback a
    // reset can overtake the last OKs: the server would hand counted names to another
    // consumer. The server here keeps sending after the quit, then closes; a plain POSIX
    // server, which tells a clean end of stream from a reset.
    void closingAConsumerWaitsForTheServerToClose()
    {
        test::RawLineServer server;
        QVERIFY(server.listening());
        std::atomic<bool> namesFlow = false;
        bool clientClosedFirst = false;
        std::jthread serving([&] {
            if (!server.accept(kDeadlineMs))
                return;
            server.send("Task?\n");
            server.hear("consumer\n", kDeadlineMs);
            server.send("n1\nn2\nn3\n");
            if (!server.hear("OK\nOK\nOK\n", kDeadlineMs))
                return;
            namesFlow = true;
            server.hear("quit\n", kDeadlineMs);
            // Names sent ahead before the quit was read, one every 10 ms for 300 ms: more
            // than a quiet connection is waited for (SessionTimeouts::quiet), less than a
            // closing one (SessionTimeouts::closing).
            for (int i = 0; i < 30 && !clientClosedFirst; ++i) {
                server.send("late\n");
                clientClosedFirst = server.hearEnd(10);
            }
            server.shutdownWrite();
            server.hearEnd(kDeadlineMs);
        });

        auto process = client({"--no-settings", "--host", "127.0.0.1", "--port",
                               QString::number(server.port()), "--role", "consumer", "--rate",
                               "6000", "--connect"});
        process->start();
        QVERIFY(process->waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return namesFlow.load(); }, kDeadlineMs));
        QSignalSpy finished(process.get(), &QProcess::finished);
        process->terminate(); // SIGTERM
        QVERIFY(finished.wait(kDeadlineMs));
        serving.join();
        QCOMPARE(process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(process->exitCode(), 0);
        QVERIFY2(server.heard().ends_with("quit\n"), server.heard().c_str());
        QVERIFY2(!clientClosedFirst, "the program closed before the server did");
        QCOMPARE(server.lastRead(), 0L); // a reset would be -1, ECONNRESET
    }

    // Without --no-settings the last settings are saved where QSettings keeps them (here the
    // test's own XDG_CONFIG_HOME), and a later start uses them.
    void settingsAreSavedOnClose()
    {
        const QString how = runProducerUntilTerminated({"--tag"});
        QVERIFY2(how.contains(QStringLiteral("client said quit")), qPrintable(how));
        QVERIFY(QFileInfo::exists(settingsFile()));
        QSettings saved(settingsFile(), QSettings::NativeFormat);
        QCOMPARE(saved.value("connection/role").toString(), QStringLiteral("producer"));
        QCOMPARE(saved.value("rate/perMinute").toString(), QStringLiteral("6000"));
        QCOMPARE(saved.value("names/tag").toBool(), true);
        QVERIFY(!saved.value("window/geometry").toByteArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_ClientWindowApp)
#include "tst_client_window_app.moc"
