// The bounded log of the last names, for a window to pull.
#include "name_log.h"

#include <QTest>

using namespace prodcons::client;

class tst_ClientNameLog : public QObject
{
    Q_OBJECT

private slots:
    void readersGetWhatIsNewSinceTheirSerial();
    void keepsOnlyTheLastCapacityNames();
    void longNamesAreCut();
    void clearForgetsButSerialsGoOn();
};

void tst_ClientNameLog::readersGetWhatIsNewSinceTheirSerial()
{
    NameLog log(10);
    log.add(NameEvent::Sent, "Olivia", 1000);
    log.add(NameEvent::Acknowledged, "Olivia", 1001);
    QList<LoggedName> entries = log.since(0);
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].serial, 1u);
    QCOMPARE(entries[0].name, QByteArray("Olivia"));
    QCOMPARE(entries[1].event, NameEvent::Acknowledged);
    QCOMPARE(entries[1].msecsSinceEpoch, 1001);
    log.add(NameEvent::Received, "Liam", 1002);
    entries = log.since(2);
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0].name, QByteArray("Liam"));
    QVERIFY(log.since(log.lastSerial()).isEmpty());
}

void tst_ClientNameLog::keepsOnlyTheLastCapacityNames()
{
    NameLog log(100);
    for (int i = 0; i < 100'000; ++i)
        log.add(NameEvent::Received, QByteArray::number(i), i);
    const QList<LoggedName> entries = log.since(0);
    QCOMPARE(entries.size(), 100);
    QCOMPARE(entries.first().name, QByteArray("99900"));
    QCOMPARE(entries.last().name, QByteArray("99999"));
    QCOMPARE(entries.last().serial, 100'000u);
}

void tst_ClientNameLog::longNamesAreCut()
{
    NameLog log(2);
    log.add(NameEvent::Received, QByteArray(1000, 'n'), 0);
    QCOMPARE(log.since(0).first().name.size(), NameLog::kShownBytes);
    // A 2-byte character across the cut is left out whole, not split.
    log.add(NameEvent::Received, QByteArray(NameLog::kShownBytes - 1, 'n') + "\xc3\xa9", 0);
    QCOMPARE(log.since(1).first().name, QByteArray(NameLog::kShownBytes - 1, 'n'));
}

void tst_ClientNameLog::clearForgetsButSerialsGoOn()
{
    NameLog log(5);
    log.add(NameEvent::Sent, "a", 0);
    log.add(NameEvent::Sent, "b", 0);
    log.clear();
    QVERIFY(log.since(0).isEmpty());
    log.add(NameEvent::Sent, "c", 0);
    QCOMPARE(log.since(2).size(), 1);
    QCOMPARE(log.lastSerial(), 3u);
}

QTEST_GUILESS_MAIN(tst_ClientNameLog)
#include "tst_client_name_log.moc"
