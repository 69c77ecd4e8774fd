// Where the broker is and who logs in: URLs taken apart, and the password kept off the
// command line. No broker needed.
#include "amqp/broker_settings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace prodcons::amqp;

class tst_AmqpSettings : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        qunsetenv(kBrokerUrlVariable);
        qunsetenv(kBrokerCaVariable);
    }

    void urlsAreTakenApart_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("vhost");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("address");
        QTest::newRow("bare") << "amqp://" << false << "localhost" << 5672 << "/"
                              << "guest"
                              << "amqp://localhost:5672/";
        QTest::newRow("host and port")
            << "amqp://10.0.0.7:5690/" << false << "10.0.0.7" << 5690 << "/"
            << "guest"
            << "amqp://10.0.0.7:5690/";
        QTest::newRow("vhost") << "amqp://broker/lab%2f3" << false << "broker" << 5672 << "lab/3"
                               << "guest"
                               << "amqp://broker:5672/lab/3";
        QTest::newRow("tls default port")
            << "amqps://broker.example" << true << "broker.example" << 5671 << "/"
            << "guest"
            << "amqps://broker.example:5671/";
        QTest::newRow("user") << "amqp://ann@h:1/v" << false << "h" << 1 << "v"
                              << "ann"
                              << "amqp://h:1/v";
        QTest::newRow("ipv6") << "amqp://[::1]:5690/" << false << "::1" << 5690 << "/"
                              << "guest"
                              << "amqp://[::1]:5690/";
    }

    void urlsAreTakenApart()
    {
        QFETCH(QString, url);
        const ParsedUrl parsed = parse_broker_url(url.toStdString());
        QCOMPARE(QString::fromStdString(parsed.error), QString());
        QFETCH(bool, tls);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, vhost);
        QFETCH(QString, user);
        QFETCH(QString, address);
        QCOMPARE(parsed.settings.tls, tls);
        QCOMPARE(parsed.settings.nodes.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(parsed.settings.nodes.front().host), host);
        QCOMPARE(parsed.settings.nodes.front().port, port);
        QCOMPARE(QString::fromStdString(parsed.settings.vhost), vhost);
        QCOMPARE(QString::fromStdString(parsed.settings.user), user);
        // What logs and windows show never has a password in it.
        QCOMPARE(QString::fromStdString(parsed.settings.address()), address);
    }

    void badUrlsSayWhy_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");
        QTest::newRow("scheme") << "http://broker/"
                                << "amqp:// or amqps://";
        QTest::newRow("port") << "amqp://broker:99999/"
                              << "port";
        QTest::newRow("port text") << "amqp://broker:abc/"
                                   << "port";
        QTest::newRow("escape") << "amqp://broker/%zz"
                                << "escape";
        QTest::newRow("ipv6") << "amqp://[::1/"
                              << "IPv6";
    }

    void badUrlsSayWhy()
    {
        QFETCH(QString, url);
        QFETCH(QString, why);
        const ParsedUrl parsed = parse_broker_url(url.toStdString());
        QVERIFY2(QString::fromStdString(parsed.error).contains(why), parsed.error.c_str());
    }

    void aBadUrlNeverShowsItsPassword()
    {
        // $PRODCONS_BROKER_URL carries the password; a typo in it must not put it on screen.
        for (const char* url : {"amqp://teacher:secret@broker:99999/",
                                "amqp://teacher:s%40cret@broker/%zz", "amqps://t:secret@[::1/"}) {
            const ParsedUrl parsed = parse_broker_url(url);
            QVERIFY2(!parsed.error.empty(), url);
            QVERIFY2(parsed.error.find("cret") == std::string::npos &&
                         parsed.error.find(":***@") != std::string::npos,
                     parsed.error.c_str());
        }
    }

    void aListNamesTheNodesOfOneCluster_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("nodes");
        QTest::addColumn<QString>("address");
        QTest::newRow("two") << "amqp://127.0.0.1:5700/,amqp://127.0.0.1:5701/"
                             << QStringList{"127.0.0.1:5700", "127.0.0.1:5701"}
                             << "amqp://127.0.0.1:5700/,amqp://127.0.0.1:5701/";
        QTest::newRow("spaces") << "amqp://a:1/v , amqp://b/v" << QStringList{"a:1", "b:5672"}
                                << "amqp://a:1/v,amqp://b:5672/v";
        QTest::newRow("tls") << "amqps://a,amqps://[::1]:5000" << QStringList{"a:5671", "::1:5000"}
                             << "amqps://a:5671/,amqps://[::1]:5000/";
        QTest::newRow("login once") << "amqp://ann@a:1/,amqp://b:2/" << QStringList{"a:1", "b:2"}
                                    << "amqp://a:1/,amqp://b:2/";
        QTest::newRow("password once") << "amqp://ann:pw@a:1/,amqp://ann@b:2/"
                                       << QStringList{"a:1", "b:2"} << "amqp://a:1/,amqp://b:2/";
    }

    void aListNamesTheNodesOfOneCluster()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, nodes);
        QFETCH(QString, address);
        const ParsedUrl parsed = parse_broker_url(url.toStdString());
        QCOMPARE(QString::fromStdString(parsed.error), QString());
        QStringList found;
        for (const BrokerNode& n : parsed.settings.nodes)
            found << QStringLiteral("%1:%2").arg(QString::fromStdString(n.host)).arg(n.port);
        QCOMPARE(found, nodes);
        QCOMPARE(QString::fromStdString(parsed.settings.address()), address);
        // The address reads back as the same list.
        QCOMPARE(QString::fromStdString(parse_broker_url(address.toStdString()).settings.address()),
                 address);
    }

    void aBadListSaysWhy_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");
        QTest::newRow("mixed schemes") << "amqp://a/,amqps://b/"
                                       << "amqp:// and amqps:// mixed";
        QTest::newRow("two vhosts") << "amqp://a/one,amqp://b/two"
                                    << "the vhosts 'one' and 'two' differ";
        QTest::newRow("default and other vhost") << "amqp://a/,amqp://b/two"
                                                 << "the vhosts '/' and 'two' differ";
        QTest::newRow("trailing comma") << "amqp://a/,"
                                        << "empty place";
        QTest::newRow("two commas") << "amqp://a/,,amqp://b/"
                                    << "empty place";
        QTest::newRow("leading comma") << ",amqp://a/"
                                       << "empty place";
        QTest::newRow("a bad node") << "amqp://a/,http://b/"
                                    << "'http://b/' is not a broker URL";
        QTest::newRow("a bad port") << "amqp://a/,amqp://b:0/"
                                    << "port";
        QTest::newRow("two users") << "amqp://ann@a/,amqp://bob@b/"
                                   << "two different users";
        QTest::newRow("two passwords") << "amqp://ann:one@a/,amqp://ann:two@b/"
                                       << "two different passwords";
        QTest::newRow("ten nodes")
            << QStringList(10, QStringLiteral("amqp://a/")).join(u',') << "more than 9 nodes";
    }

    void aBadListSaysWhy()
    {
        QFETCH(QString, url);
        QFETCH(QString, why);
        const ParsedUrl parsed = parse_broker_url(url.toStdString());
        QVERIFY2(QString::fromStdString(parsed.error).contains(why), parsed.error.c_str());
        // A password in a refused list is not repeated in the message.
        QVERIFY2(!QString::fromStdString(parsed.error).contains(QLatin1String(":one@")),
                 parsed.error.c_str());
    }

    void aListTakesOneLoginForEveryNode()
    {
        // A password with any node of --broker is refused, as with one node.
        ResolvedBroker resolved = resolve_broker("amqp://a/,amqp://ann:secret@b/", "");
        QVERIFY(!resolved.settings);
        QVERIFY2(QString::fromStdString(resolved.error).contains(kBrokerUrlVariable),
                 resolved.error.c_str());

        // The environment's list, with its login given once.
        qputenv(kBrokerUrlVariable, "amqp://ann:secret@e1:7000/,amqp://e2:7001/");
        resolved = resolve_broker("", "");
        QVERIFY2(resolved.settings, resolved.error.c_str());
        QCOMPARE(resolved.settings->address(), std::string("amqp://e1:7000/,amqp://e2:7001/"));
        QCOMPARE(resolved.settings->user, std::string("ann"));
        QCOMPARE(resolved.settings->password, std::string("secret"));

        // --broker's list, with the environment's login.
        resolved = resolve_broker("amqp://a:1/,amqp://b:2/,amqp://c:3/", "");
        QVERIFY2(resolved.settings, resolved.error.c_str());
        QCOMPARE(resolved.settings->nodes.size(), std::size_t(3));
        QCOMPARE(resolved.settings->node_address(2), std::string("amqp://c:3/"));
        QCOMPARE(resolved.settings->user, std::string("ann"));
        QCOMPARE(resolved.settings->password, std::string("secret"));
        QVERIFY(resolved.settings->address().find("secret") == std::string::npos);

        // A list in the environment that is no list: the variable is named.
        qputenv(kBrokerUrlVariable, "amqp://a/,amqps://b/");
        resolved = resolve_broker("", "");
        QVERIFY(!resolved.settings);
        QVERIFY2(QString::fromStdString(resolved.error).startsWith(kBrokerUrlVariable),
                 resolved.error.c_str());
    }

    void aPasswordOnTheCommandLineIsRefused()
    {
        const ResolvedBroker resolved = resolve_broker("amqp://ann:secret@broker/", "");
        QVERIFY(!resolved.settings);
        QVERIFY2(QString::fromStdString(resolved.error).contains(kBrokerUrlVariable),
                 resolved.error.c_str());
    }

    void theEnvironmentGivesCredentialsAndTheOptionTheAddress()
    {
        qputenv(kBrokerUrlVariable, "amqp://ann:secret@envhost:7000/envv");
        ResolvedBroker resolved = resolve_broker("", "");
        QVERIFY2(resolved.settings, resolved.error.c_str());
        QCOMPARE(resolved.settings->nodes.front().host, std::string("envhost"));
        QCOMPARE(resolved.settings->user, std::string("ann"));
        QCOMPARE(resolved.settings->password, std::string("secret"));

        resolved = resolve_broker("amqp://other:5690/", "");
        QVERIFY2(resolved.settings, resolved.error.c_str());
        QCOMPARE(resolved.settings->address(), std::string("amqp://other:5690/"));
        QCOMPARE(resolved.settings->user, std::string("ann"));
        QCOMPARE(resolved.settings->password, std::string("secret"));
    }

    void nothingGivenIsTheLocalBrokerAsGuest()
    {
        const ResolvedBroker resolved = resolve_broker("", "");
        QVERIFY2(resolved.settings, resolved.error.c_str());
        QCOMPARE(resolved.settings->address(), std::string(kDefaultBrokerUrl));
        QCOMPARE(resolved.settings->user, std::string("guest"));
    }

    void aCredentialsFileMustBePrivate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("credentials"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\nbob:p@ss:word\n");
        file.close();
        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        ResolvedBroker resolved = resolve_broker("amqp://h/", path.toStdString());
        QVERIFY(!resolved.settings);
        QVERIFY2(QString::fromStdString(resolved.error).contains(QLatin1String("chmod 600")),
                 resolved.error.c_str());

        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        resolved = resolve_broker("amqp://h/", path.toStdString());
        QVERIFY2(resolved.settings, resolved.error.c_str());
        QCOMPARE(resolved.settings->user, std::string("bob"));
        QCOMPARE(resolved.settings->password, std::string("p@ss:word"));

        resolved = resolve_broker("amqp://h/", dir.filePath(QStringLiteral("none")).toStdString());
        QVERIFY(!resolved.settings);
        QVERIFY2(QString::fromStdString(resolved.error).contains(QLatin1String("cannot be read")),
                 resolved.error.c_str());
    }
};

QTEST_GUILESS_MAIN(tst_AmqpSettings)
#include "tst_amqp_settings.moc"
