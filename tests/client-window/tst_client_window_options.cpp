// prodcons-client's command line and saved settings: options override settings, bad values
// are usage errors, settings round-trip through a QSettings file of the test's own.
#include "client_window_command_line.h"
#include "client_window_settings.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace prodcons::client;

using Action = prodcons::common::CommandLineOutcome::Action;

namespace {

QStringList args(const QStringList& rest)
{
    return QStringList{QStringLiteral("prodcons-client")} + rest;
}

/// ClientWindowCommandLine::parse, its message kept in `message`.
Action parse(const QStringList& arguments, ClientWindowCommandLine& commandLine, QString& message)
{
    const auto outcome = ClientWindowCommandLine::parse(arguments, commandLine);
    message = outcome.message;
    return outcome.action;
}

} // namespace

class tst_ClientWindowOptions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString settingsFile(const QString& name) const { return m_dir.filePath(name + ".ini"); }

private slots:
    // --picture: a producer sending FILE, for this run only (never among the saved settings).
    void pictureOption()
    {
        ClientWindowCommandLine line;
        QString message;
        QCOMPARE(parse(args({"--picture", "tree.pbm"}), line, message), Action::Run);
        QCOMPARE(line.picture, QStringLiteral("tree.pbm"));
        ClientWindowSettings remembered;
        remembered.role = Role::Consumer;
        const ClientWindowSettings settings = line.over(remembered);
        QCOMPARE(settings.role, Role::Producer); // a picture is sent
        QSettings file(settingsFile(QStringLiteral("picture")), QSettings::IniFormat);
        settings.save(file);
        file.sync();
        for (const QString& key : file.allKeys())
            QVERIFY2(!file.value(key).toString().contains(QStringLiteral("tree.pbm")),
                     qPrintable(key));

        QCOMPARE(parse(args({"--picture", "tree.pbm", "--role", "producer"}), line, message),
                 Action::Run);
        QCOMPARE(parse(args({"--picture", "tree.pbm", "--role", "consumer"}), line, message),
                 Action::UsageError);
        QVERIFY2(message.contains(QStringLiteral("--picture")), qPrintable(message));
        QCOMPARE(parse(args({"--picture", ""}), line, message), Action::UsageError);
        QCOMPARE(parse(args({"--picture"}), line, message), Action::UsageError);

        QCOMPARE(parse(args({}), line, message), Action::Run);
        QVERIFY(!line.picture);
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qunsetenv("PRODCONS_IPC_PREFIX");
    }

    void allOptions()
    {
        ClientWindowCommandLine line;
        QString message;
        QCOMPARE(
            parse(args({"--host", "example.org", "--port", "23456", "--role", "consumer", "--rate",
                        "max", "--connect", "--prefix", "/demo_x", "--tag", "--no-settings"}),
                  line, message),
            Action::Run);
        QCOMPARE(line.host, QStringLiteral("example.org"));
        QCOMPARE(line.port, quint16(23456));
        QCOMPARE(line.role, Role::Consumer);
        QVERIFY(line.rate && line.rate->isUnthrottled());
        QCOMPARE(line.prefix, QStringLiteral("/demo_x"));
        QVERIFY(line.connect);
        QVERIFY(line.tag);
        QVERIFY(line.noSettings);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("port 0") << QStringList{"--port", "0"} << "--port";
        QTest::newRow("port too big") << QStringList{"--port", "70000"} << "--port";
        QTest::newRow("port text") << QStringList{"--port", "http"} << "--port";
        QTest::newRow("role") << QStringList{"--role", "both"} << "--role";
        QTest::newRow("rate 0") << QStringList{"--rate", "0"} << "--rate";
        QTest::newRow("rate too fast") << QStringList{"--rate", "1000001"} << "--rate";
        QTest::newRow("rate text") << QStringList{"--rate", "fast"} << "--rate";
        QTest::newRow("prefix") << QStringList{"--prefix", "no-slash"} << "--prefix";
        QTest::newRow("empty host") << QStringList{"--host", " "} << "--host";
        QTest::newRow("unknown") << QStringList{"--colour"} << "colour";
        QTest::newRow("positional") << QStringList{"localhost"} << "localhost";
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        ClientWindowCommandLine line;
        QString message;
        QCOMPARE(parse(args(arguments), line, message), Action::UsageError);
        QVERIFY2(message.contains(says), qPrintable(message));
    }

    void helpIsNotAnError()
    {
        ClientWindowCommandLine line;
        QString message;
        QCOMPARE(parse(args({"--help"}), line, message), Action::Answer);
        for (const char* option : {"--host", "--port", "--role", "--rate", "--connect", "--prefix",
                                   "--tag", "--no-settings"})
            QVERIFY2(message.contains(QLatin1String(option)), option);
    }

    void settingsRoundTrip()
    {
        QSettings file(settingsFile("roundtrip"), QSettings::IniFormat);
        ClientWindowSettings saved;
        saved.host = "10.1.2.3";
        saved.port = 4242;
        saved.role = Role::Consumer;
        saved.rate = Rate::perMinute(777);
        saved.tag = true;
        saved.prefix = "/saved_prefix";
        saved.save(file);

        const ClientWindowSettings loaded = ClientWindowSettings::load(file);
        QCOMPARE(loaded.host, saved.host);
        QCOMPARE(loaded.port, saved.port);
        QCOMPARE(loaded.role, saved.role);
        QCOMPARE(loaded.rate, saved.rate);
        QCOMPARE(loaded.tag, true);
        QCOMPARE(loaded.prefix, saved.prefix);
        QCOMPARE(loaded, saved);

        saved.rate = Rate::unthrottled();
        saved.save(file);
        QVERIFY(ClientWindowSettings::load(file).rate.isUnthrottled());
    }

    void optionsOverrideSettings()
    {
        QSettings file(settingsFile("override"), QSettings::IniFormat);
        ClientWindowSettings saved;
        saved.host = "10.1.2.3";
        saved.port = 4242;
        saved.rate = Rate::perMinute(777);
        saved.save(file);

        ClientWindowCommandLine line;
        QString message;
        QCOMPARE(parse(args({"--port", "12346", "--role", "consumer"}), line, message),
                 Action::Run);
        const ClientWindowSettings options = line.over(ClientWindowSettings::load(file));
        QCOMPARE(options.host, QStringLiteral("10.1.2.3")); // not given: the saved one
        QCOMPARE(options.port, quint16(12346));             // given: wins
        QCOMPARE(options.role, Role::Consumer);
        QCOMPARE(options.rate, Rate::perMinute(777));
    }

    void badSavedValuesAreIgnored()
    {
        QSettings file(settingsFile("bad"), QSettings::IniFormat);
        file.setValue("connection/port", 0);
        file.setValue("connection/role", "spectator");
        file.setValue("rate/perMinute", "lots");
        file.setValue("cleanup/prefix", "no-slash");
        const ClientWindowSettings defaults;
        const ClientWindowSettings loaded = ClientWindowSettings::load(file);
        QCOMPARE(loaded.port, defaults.port);
        QCOMPARE(loaded.role, defaults.role);
        QCOMPARE(loaded.rate, defaults.rate);
        QCOMPARE(loaded.prefix, defaults.prefix);
    }

    void environmentPrefixWinsOverTheSavedOne()
    {
        QSettings file(settingsFile("prefix"), QSettings::IniFormat);
        file.setValue("cleanup/prefix", "/saved_prefix");
        qputenv("PRODCONS_IPC_PREFIX", "/from_env");
        const ClientWindowSettings loaded = ClientWindowSettings::load(file);
        qunsetenv("PRODCONS_IPC_PREFIX");
        QCOMPARE(loaded.prefix, QStringLiteral("/from_env"));
        QCOMPARE(ClientWindowSettings::load(file).prefix, QStringLiteral("/saved_prefix"));
        QCOMPARE(ClientWindowSettings().prefix, QStringLiteral("/prodcons"));
    }
};

QTEST_GUILESS_MAIN(tst_ClientWindowOptions)
#include "tst_client_window_options.moc"
