// The live rate over the last seconds, fed with made-up times.
#include "rate_meter.h"

#include <QTest>

using namespace prodcons::client;
using namespace std::chrono_literals;

class tst_ClientRateMeter : public QObject
{
    Q_OBJECT

private slots:
    void emptyMeterSaysZero();
    void steadyStreamGivesItsRate();
    void firstSecondsAreNotDilutedByTheWholeWindow();
    void silenceLongerThanTheWindowGivesZero();
    void followsARateChangeWithinTheWindow();
};

namespace {

// `perSecond` events a second, added every 10 ms from `from` to `to`.
void feed(RateMeter& meter, double perSecond, Nanos from, Nanos to)
{
    for (Nanos t = from; t < to; t += 10ms)
        meter.add(static_cast<qint64>(perSecond / 100), t);
}

} // namespace

void tst_ClientRateMeter::emptyMeterSaysZero()
{
    RateMeter meter;
    QCOMPARE(meter.perSecond(10s), 0.0);
}

void tst_ClientRateMeter::steadyStreamGivesItsRate()
{
    RateMeter meter;
    feed(meter, 1000, 100s, 120s);
    QVERIFY(qAbs(meter.perSecond(120s) - 1000) <= 10);
}

void tst_ClientRateMeter::firstSecondsAreNotDilutedByTheWholeWindow()
{
    RateMeter meter(5s);
    feed(meter, 2000, 100s, 101s);
    // One second of data in a five-second window: still 2000/s, not 400/s.
    QVERIFY2(qAbs(meter.perSecond(101s) - 2000) <= 40,
             qPrintable(QString::number(meter.perSecond(101s))));
}

void tst_ClientRateMeter::silenceLongerThanTheWindowGivesZero()
{
    RateMeter meter(5s);
    feed(meter, 1000, 100s, 110s);
    QCOMPARE(meter.perSecond(116s), 0.0);
    meter.add(5, 200s); // and it starts again cleanly
    QVERIFY(meter.perSecond(200s + 100ms) > 0);
}

void tst_ClientRateMeter::followsARateChangeWithinTheWindow()
{
    RateMeter meter(5s);
    feed(meter, 1000, 100s, 110s);
    feed(meter, 3000, 110s, 116s);
    QVERIFY2(qAbs(meter.perSecond(116s) - 3000) <= 30,
             qPrintable(QString::number(meter.perSecond(116s))));
}

QTEST_GUILESS_MAIN(tst_ClientRateMeter)
#include "tst_client_rate_meter.moc"
