// The command line of prodcons-server (the demo script depends on it) and the settings the
// window remembers: which wins, what is refused and what a remembered value turns into.
#include "server_window_command_line.h"
#include "server_window_settings.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace prodcons;
using namespace prodcons::server;

using Action = common::CommandLineOutcome::Action;

namespace {

/// ServerWindowCommandLine::parse, its message kept in `message`.
Action parse(const QStringList& arguments, ServerWindowCommandLine& commandLine, QString& message)
{
    const common::CommandLineOutcome outcome =
        ServerWindowCommandLine::parse(arguments, commandLine);
    message = outcome.message;
    return outcome.action;
}

} // namespace

class tst_ServerWindowOptions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Never the user's real settings.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("prodcons-tests"));
        qunsetenv(ipc::kPrefixEnvironmentVariable);
    }

    void init() { QSettings().clear(); }

    void theDemoCommandLineParses()
    {
        ServerWindowCommandLine options;
        QString message;
        const QStringList args = {"prodcons-server", "--port", "12346",    "--mode",  "mq",
                                  "--bind",          "any",    "--prefix", "/demo_1", "--start",
                                  "--slot-size",     "8192"};
        QCOMPARE(parse(args, options, message), Action::Run);
        QCOMPARE(options.slotSize, std::optional<quint32>(8192));
        QCOMPARE(options.port, std::optional<quint16>(12346));
        QVERIFY(options.mode == ipc::Mode::Mq);
        QCOMPARE(options.bind, std::optional<QString>(QStringLiteral("any")));
        QCOMPARE(options.prefix, std::optional<QString>(QStringLiteral("/demo_1")));
        QVERIFY(options.start);
        QVERIFY(!options.noSettings); // the remembered settings are used unless asked not to
    }

    void noSettingsIsAnOption()
    {
        ServerWindowCommandLine options;
        QString message;
        QCOMPARE(parse({"prodcons-server", "--no-settings", "--port", "12346"}, options, message),
                 Action::Run);
        QVERIFY(options.noSettings);
        QCOMPARE(options.port, std::optional<quint16>(12346));
        QCOMPARE(parse({"prodcons-server", "--help"}, options, message), Action::Answer);
        QVERIFY2(message.contains(QLatin1String("--no-settings")), qPrintable(message));
    }

    void optionsNotGivenLeaveTheSettingsAlone()
    {
        ServerWindowCommandLine options;
        QString message;
        QCOMPARE(parse({"prodcons-server", "--port", "4000"}, options, message), Action::Run);
        QVERIFY(!options.start);
        ServerWindowSettings remembered;
        remembered.port = 5000;
        remembered.mode = ipc::Mode::Mq;
        remembered.bind = QStringLiteral("any");
        remembered.prefix = QStringLiteral("/kept");
        remembered.slotSize = 2048;
        const ServerWindowSettings merged = options.over(remembered);
        QCOMPARE(merged.slotSize, quint32(2048));
        QCOMPARE(merged.toConfig(nullptr)->ipc.geometry, ipc::Geometry::with_slot_size(2048));
        QCOMPARE(merged.port, quint16(4000));
        QVERIFY(merged.mode == ipc::Mode::Mq);
        QCOMPARE(merged.bind, QStringLiteral("any"));
        QCOMPARE(merged.prefix, QStringLiteral("/kept"));
    }

    void badValuesAreRefusedWithAReason_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("port too big") << QStringList{"--port", "70000"} << "--port";
        QTest::newRow("port not a number") << QStringList{"--port", "abc"} << "--port";
        QTest::newRow("unknown mode") << QStringList{"--mode", "pipe"} << "--mode";
        QTest::newRow("bind not an address") << QStringList{"--bind", "nowhere"} << "--bind";
        QTest::newRow("prefix without slash") << QStringList{"--prefix", "demo"} << "--prefix";
        QTest::newRow("prefix with a slash inside")
            << QStringList{"--prefix", "/a/b"} << "--prefix";
        QTest::newRow("slot size too large") << QStringList{"--slot-size", "9000"} << "--slot-size";
        QTest::newRow("slot size not a number") << QStringList{"--slot-size", "big"} << "'big'";
        QTest::newRow("unknown option") << QStringList{"--colour"} << "colour";
        QTest::newRow("stray argument") << QStringList{"12345"} << "12345";
    }

    void badValuesAreRefusedWithAReason()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        ServerWindowCommandLine options;
        QString message;
        arguments.prepend(QStringLiteral("prodcons-server"));
        QCOMPARE(parse(arguments, options, message), Action::UsageError);
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }

    void bindAcceptsAnyLocalhostAndAddresses_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<QString>("kept");
        QTest::newRow("any") << "any"
                             << "any";
        QTest::newRow("ANY") << "ANY"
                             << "any";
        QTest::newRow("localhost") << "localhost"
                                   << "127.0.0.1";
        QTest::newRow("loopback") << "127.0.0.1"
                                  << "127.0.0.1";
        QTest::newRow("IPv6") << "::1"
                              << "::1";
    }

    void bindAcceptsAnyLocalhostAndAddresses()
    {
        QFETCH(QString, given);
        QFETCH(QString, kept);
        ServerWindowCommandLine options;
        QString message;
        QCOMPARE(parse({"prodcons-server", "--bind", given}, options, message), Action::Run);
        QCOMPARE(*options.bind, kept);
        QVERIFY(!bindAddressFrom(kept).isNull());
    }

    void helpAndVersionAreAnswersNotErrors()
    {
        ServerWindowCommandLine options;
        QString message;
        QCOMPARE(parse({"prodcons-server", "--help"}, options, message), Action::Answer);
        for (const char* option : {"--port", "--mode", "--bind", "--prefix", "--start"})
            QVERIFY2(message.contains(QLatin1String(option)), option);
        QCOMPARE(parse({"prodcons-server", "--version"}, options, message), Action::Answer);
    }

    void theAmqpModeIsTakenAsSocketSrvTakesIt()
    {
        ServerWindowCommandLine options;
        QString message;
        QCOMPARE(parse({"prodcons-server", "-amqp", "--broker", "amqp://10.0.0.7:5700/lab",
                        "--broker-credentials", "/home/me/.broker", "--prefix", "/lab"},
                       options, message),
                 Action::Run);
        QVERIFY(options.amqp);
        QVERIFY(!options.mode);
        QCOMPARE(options.brokerUrl,
                 std::optional<QString>(QStringLiteral("amqp://10.0.0.7:5700/lab")));
        QCOMPARE(options.brokerCredentials,
                 std::optional<QString>(QStringLiteral("/home/me/.broker")));

        // Over remembered settings of another mode, the AMQP mode and its broker win.
        ServerWindowSettings remembered;
        remembered.mode = ipc::Mode::Mq;
        const ServerWindowSettings merged = options.over(remembered);
        QVERIFY(merged.amqp);
        QString error;
        const auto config = merged.toConfig(&error);
        QVERIFY2(config, qPrintable(error));
        QVERIFY(config->broker.has_value());
        QCOMPARE(config->broker->url, QStringLiteral("amqp://10.0.0.7:5700/lab"));
        QCOMPARE(config->broker->credentialsFile, QStringLiteral("/home/me/.broker"));
        QCOMPARE(modeName(*config), QStringLiteral("AMQP"));

        // --mode amqp says the same; --mode shm over a remembered AMQP mode leaves it.
        QCOMPARE(parse({"prodcons-server", "--mode", "amqp"}, options, message), Action::Run);
        QVERIFY(options.amqp);
        QCOMPARE(parse({"prodcons-server", "--mode", "shm"}, options, message), Action::Run);
        QVERIFY(!options.over(merged).amqp);
        QVERIFY(!options.over(merged).toConfig(nullptr)->broker);
        QVERIFY2(parse({"prodcons-server", "--help"}, options, message) == Action::Answer &&
                     message.contains(QLatin1String("--broker-credentials")),
                 qPrintable(message));
    }

    void theBrokerOptionsNeedTheAmqpMode_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("--broker alone") << QStringList{"--broker", "amqp://h/"} << "-amqp";
        QTest::newRow("--broker-credentials alone")
            << QStringList{"--broker-credentials", "/tmp/c"} << "-amqp";
        QTest::newRow("--broker in the MQ mode")
            << QStringList{"--mode", "mq", "--broker", "amqp://h/"} << "-amqp";
        QTest::newRow("two modes") << QStringList{"-amqp", "--mode", "mq"} << "one mode";
        QTest::newRow("--broker without its URL") << QStringList{"-amqp", "--broker"} << "broker";
    }

    void theBrokerOptionsNeedTheAmqpMode()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        ServerWindowCommandLine options;
        QString message;
        arguments.prepend(QStringLiteral("prodcons-server"));
        QCOMPARE(parse(arguments, options, message), Action::UsageError);
        QVERIFY2(message.contains(mentions), qPrintable(message));
    }

    void theAmqpModeAndItsBrokerAreRememberedButNoPassword()
    {
        ServerWindowSettings s;
        s.amqp = true;
        s.brokerUrl = QStringLiteral("amqp://broker.lab:5672/");
        s.brokerCredentials = QStringLiteral("/home/me/.broker");
        s.prefix = QStringLiteral("/remembered");
        {
            QSettings settings;
            s.save(settings);
        }
        QCOMPARE(ServerWindowSettings::load(QSettings()), s);

        // A password typed into the URL (the server refuses it) never reaches the settings file.
        s.brokerUrl = QStringLiteral("amqp://me:secret@broker.lab:5672/");
        {
            QSettings settings;
            s.save(settings);
        }
        QSettings settings;
        QVERIFY(!settings.allKeys().join(QLatin1Char(' ')).isEmpty());
        for (const QString& key : settings.allKeys())
            QVERIFY2(!settings.value(key).toString().contains(QLatin1String("secret")),
                     qPrintable(key));
        QVERIFY(ServerWindowSettings::load(settings).amqp);
    }

    void settingsRoundTripThroughQSettings()
    {
        ServerWindowSettings s;
        s.port = 23456;
        s.mode = ipc::Mode::Mq;
        s.bind = QStringLiteral("any");
        s.prefix = QStringLiteral("/remembered");
        {
            QSettings settings;
            s.save(settings);
        }
        QCOMPARE(ServerWindowSettings::load(QSettings()), s);
    }

    void nothingRememberedGivesTheDefaults()
    {
        const ServerWindowSettings s = ServerWindowSettings::load(QSettings());
        QCOMPARE(s.port, quint16(12345));
        QVERIFY(s.mode == ipc::Mode::Shm);
        QCOMPARE(s.bind, QStringLiteral("127.0.0.1"));
        QCOMPARE(s.prefix, QStringLiteral("/prodcons"));
    }

    void garbageRememberedFallsBackToDefaults()
    {
        {
            QSettings settings;
            settings.setValue("server/port", "not a port");
            settings.setValue("server/mode", "carrier pigeon");
            settings.setValue("server/bind", "nowhere");
        }
        const ServerWindowSettings s = ServerWindowSettings::load(QSettings());
        QCOMPARE(s.port, quint16(12345));
        QVERIFY(s.mode == ipc::Mode::Shm);
        QCOMPARE(s.bind, QStringLiteral("127.0.0.1"));
    }

    void theEnvironmentPrefixWinsOverARememberedOne()
    {
        {
            QSettings settings;
            settings.setValue("server/prefix", "/remembered");
        }
        qputenv(ipc::kPrefixEnvironmentVariable, "/from_env");
        const ServerWindowSettings s = ServerWindowSettings::load(QSettings());
        qunsetenv(ipc::kPrefixEnvironmentVariable);
        QCOMPARE(s.prefix, QStringLiteral("/from_env"));
        QCOMPARE(ServerWindowSettings::load(QSettings()).prefix, QStringLiteral("/remembered"));
    }

    void toConfigSaysWhatIsWrong()
    {
        ServerWindowSettings s;
        s.prefix = QStringLiteral("no-slash");
        QString error;
        QVERIFY(!s.toConfig(&error));
        QVERIFY2(error.contains(QLatin1String("prefix")), qPrintable(error));

        s.prefix = QStringLiteral("/fine");
        s.bind = QStringLiteral("nowhere");
        QVERIFY(!s.toConfig(&error));
        QVERIFY2(error.contains(QLatin1String("nowhere")), qPrintable(error));

        s.bind = QStringLiteral("any");
        s.port = 4242;
        s.mode = ipc::Mode::Mq;
        const auto config = s.toConfig(&error);
        QVERIFY(config);
        QCOMPARE(config->address, QHostAddress(QHostAddress::Any));
        QCOMPARE(config->port, quint16(4242));
        QVERIFY(config->mode == ipc::Mode::Mq);
        QCOMPARE(config->ipc.prefix, std::string("/fine"));
    }
};

QTEST_GUILESS_MAIN(tst_ServerWindowOptions)
#include "tst_server_window_options.moc"
