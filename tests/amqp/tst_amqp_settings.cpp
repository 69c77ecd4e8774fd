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
        QCOMPARE(QString::fromStdString(parsed.settings.host), host);
        QCOMPARE(parsed.settings.port, port);
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
        QCOMPARE(resolved.settings->host, std::string("envhost"));
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
