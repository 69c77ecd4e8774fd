// Chaos under load, short: four producers and four consumers on two servers of one mode while
// server children are killed with SIGKILL at random and one whole server is killed and
// restarted. Nothing acknowledged may be lost, and names must keep moving after every kill.
// scripts/chaos.sh runs the same for as long as asked (docs/CHAOS.md).
#include "chaos_run.h"
#include "ipc_test_prefix.h"

#include <QTest>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;

class tst_AcceptanceChaos : public QObject
{
    Q_OBJECT

private slots:
    void killsUnderLoadLoseNothingAndWedgeNothing_data()
    {
        QTest::addColumn<bool>("mq");
        QTest::newRow("SHM") << false;
        QTest::newRow("MQ") << true;
    }

    void killsUnderLoadLoseNothingAndWedgeNothing()
    {
        QFETCH(bool, mq);
        test::IpcTestPrefix prefix;
        ChaosOptions options;
        options.mode = mq ? ipc::Mode::Mq : ipc::Mode::Shm;
        options.prefix = prefix.prefix();
        options.duration = 4s;
        options.killEvery = 200ms;
        options.seed = qEnvironmentVariableIntValue("PRODCONS_CHAOS_SEED");
        options.progress = [](const QString& line) {
            qInfo("%s", qPrintable(line));
        };

        ChaosRun chaos(options);
        const ChaosResult result = chaos.run();
        qInfo("%s", qPrintable(result.summary()));

        QVERIFY2(result.problems.isEmpty(), qPrintable(result.problems.join(u'\n')));
        QCOMPARE(result.lost, 0);
        for (const auto& source : result.perSource)
            QVERIFY2(source.acknowledged > 0, source.source.constData());
        QCOMPARE(result.perSource.size(), options.producers);
        // The chaos happened: children of both roles died, and a whole server.
        QVERIFY(result.producerKills > 0);
        QVERIFY(result.consumerKills > 0);
        QCOMPARE(result.serverKills, 1);
        QVERIFY(result.received >= result.acknowledged);
        QCOMPARE(prefix.leftovers(), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_AcceptanceChaos)
#include "tst_acceptance_chaos.moc"
