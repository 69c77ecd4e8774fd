// The producer's schedule, driven by a hand-moved clock: no sleeping, exact counts.
#include "manual_clock.h"
#include "pacer.h"

#include <QRandomGenerator>
#include <QTest>
#include <functional>

using namespace prodcons::client;
using namespace std::chrono_literals;
using prodcons::client::test::ManualClock;

namespace {

constexpr Nanos kMinute = 60s;

// How the session wakes up: at the next due time rounded up to the timer's tick (at least one
// tick), plus a random scheduling latency. `takeDue` is called at each wake-up and returns how
// many names it sent; `nextWake` says when the pacer under test wants to be woken.
qint64 simulate(ManualClock& clock, Nanos duration, Nanos tick, Nanos maxLatency, quint32 seed,
                const std::function<qint64(Nanos)>& takeDue, const std::function<Nanos()>& nextWake)
{
    QRandomGenerator random(seed);
    const Nanos end = clock.now() + duration;
    qint64 taken = 0;
    while (clock.now() < end) {
        taken += takeDue(clock.now());
        const Nanos wait = std::max(nextWake() - clock.now(), Nanos{1});
        const Nanos ticks = ((wait + tick - Nanos{1}) / tick) * tick; // whole ticks, rounded up
        const Nanos latency{random.bounded(static_cast<quint64>(maxLatency.count()) + 1)};
        clock.advance(std::min(ticks + latency, end - clock.now()));
    }
    return taken + takeDue(end); // the slot at exactly `end` counts too
}

// A pacer that sleeps one interval after each send: the classic way to drift.
struct SleepAfterSendPacer
{
    Nanos interval;
    Nanos nextSend;
    qint64 take(Nanos now)
    {
        if (now < nextSend)
            return 0;
        nextSend = now + interval;
        return 1;
    }
};

// A pacer that sends per wake-up the whole number of intervals since the last wake-up and
// throws the fraction away: right at slow rates, short when the interval is below the tick.
struct TruncatingPacer
{
    Nanos interval;
    Nanos last;
    qint64 take(Nanos now)
    {
        const qint64 count = (now - last) / interval;
        if (count > 0)
            last = now;
        return count;
    }
};

} // namespace

class tst_ClientPacer : public QObject
{
    Q_OBJECT

private slots:
    void firstNameIsDueAtStart();
    void nothingIsDueBeforeStart();
    void achievedRateOverAMinuteIsExact_data();
    void achievedRateOverAMinuteIsExact();
    void brokenPacersFailTheSameCheck_data();
    void brokenPacersFailTheSameCheck();
    void nextDueTimeIsExactlyWhenTheSlotFallsDue();
    void fasterRateTakesEffectAtOnce();
    void slowerRateWaitsOneNewIntervalAfterTheLastName();
    void rateChangesInARowAllCountFromTheLastName();
    void settingTheSameRateKeepsTheSchedule();
    void slotsLaterThanMaxLagAreDroppedNotBurst();
    void unthrottledGivesWhateverIsAsked();
    void tenHoursAtTheTopRateDoNotDrift();
};

void tst_ClientPacer::firstNameIsDueAtStart()
{
    ManualClock clock;
    Pacer pacer(Rate::perMinute(60));
    pacer.start(clock.now());
    QCOMPARE(pacer.due(clock.now()), 1);
    QCOMPARE(pacer.take(clock.now(), 10), 1);
    QCOMPARE(pacer.due(clock.now() + 999ms), 0);
    QCOMPARE(pacer.due(clock.now() + 1s), 1);
}

void tst_ClientPacer::nothingIsDueBeforeStart()
{
    Pacer pacer(Rate::perMinute(1'000'000));
    QCOMPARE(pacer.due(5s), 0);
    QCOMPARE(pacer.take(5s, 100), 0);
}

void tst_ClientPacer::achievedRateOverAMinuteIsExact_data()
{
    QTest::addColumn<qint64>("perMinute");
    QTest::addColumn<qint64>("tickUs");
    QTest::addColumn<qint64>("maxLatencyUs");
    for (const qint64 rate : {1LL, 60LL, 7LL * 60 + 1, 6'000LL, 600'000LL, 1'000'000LL}) {
        QTest::addRow("%lld/min, 1 ms tick", rate) << rate << 1'000LL << 3'000LL;
        QTest::addRow("%lld/min, 16 ms tick, 40 ms latency", rate) << rate << 16'000LL << 40'000LL;
    }
}

void tst_ClientPacer::achievedRateOverAMinuteIsExact()
{
    QFETCH(qint64, perMinute);
    QFETCH(qint64, tickUs);
    QFETCH(qint64, maxLatencyUs);
    ManualClock clock;
    Pacer pacer(Rate::perMinute(perMinute));
    pacer.start(clock.now());
    const qint64 taken = simulate(
        clock, kMinute, std::chrono::microseconds(tickUs), std::chrono::microseconds(maxLatencyUs),
        static_cast<quint32>(perMinute),
        [&](Nanos now) { return pacer.take(now, Pacer::kUnlimited); },
        [&] { return pacer.nextDueTime(); });
    // Slots at 0, 1/r, 2/r, ... 60 s: r + 1 of them in a closed minute. Not "within 1%": exactly,
    // however late and irregular the wake-ups were.
    QCOMPARE(taken, perMinute + 1);
    QCOMPARE(pacer.droppedSlots(), 0);
}

void tst_ClientPacer::brokenPacersFailTheSameCheck_data()
{
    QTest::addColumn<qint64>("perMinute");
    for (const qint64 rate : {60LL, 6'000LL, 600'000LL, 1'000'000LL})
        QTest::addRow("%lld/min", rate) << rate;
}

void tst_ClientPacer::brokenPacersFailTheSameCheck()
{
    // The check above must be able to fail: run two classic mistakes through the same harness.
    QFETCH(qint64, perMinute);
    const Nanos interval = kMinute / perMinute;
    const Nanos tick = 1ms;
    const Nanos latency = 3ms;

    ManualClock clock;
    SleepAfterSendPacer sleeper{interval, clock.now()};
    const qint64 sleeperTaken = simulate(
        clock, kMinute, tick, latency, 1, [&](Nanos now) { return sleeper.take(now); },
        [&] { return sleeper.nextSend; });
    QVERIFY2(sleeperTaken < perMinute + 1,
             qPrintable(QStringLiteral("sleep-after-send sent %1").arg(sleeperTaken)));

    ManualClock clock2;
    TruncatingPacer truncator{interval, clock2.now() - interval};
    const qint64 truncatorTaken = simulate(
        clock2, kMinute, tick, Nanos{0}, 1, [&](Nanos now) { return truncator.take(now); },
        [&] { return truncator.last + interval; });
    if (interval < tick && tick % interval != Nanos{0}) { // only then is there a fraction to lose
        QVERIFY2(std::abs(truncatorTaken - perMinute) > perMinute / 100,
                 qPrintable(QStringLiteral("truncating pacer sent %1").arg(truncatorTaken)));
    }
    qInfo("%lld/min: sleep-after-send %lld (%.2f%% short), truncating %lld (%.2f%% short)",
          perMinute, sleeperTaken, 100.0 * double(perMinute + 1 - sleeperTaken) / double(perMinute),
          truncatorTaken, 100.0 * double(perMinute + 1 - truncatorTaken) / double(perMinute));
}

void tst_ClientPacer::nextDueTimeIsExactlyWhenTheSlotFallsDue()
{
    // 7 per minute: an interval of 8.571428... s, never a whole number of nanoseconds.
    ManualClock clock;
    Pacer pacer(Rate::perMinute(7));
    pacer.start(clock.now());
    for (int slot = 0; slot < 50; ++slot) {
        const Nanos due = pacer.nextDueTime();
        QCOMPARE(pacer.due(due - Nanos{1}), 0);
        QCOMPARE(pacer.due(due), 1);
        QCOMPARE(pacer.take(due, 5), 1);
    }
    // 50 slots of 60/7 s from the start: the 50th (index 49) at ceil(49 × 60 / 7 s).
    QCOMPARE(pacer.nextDueTime() - clock.now(), Nanos{428'571'428'572});
}

void tst_ClientPacer::fasterRateTakesEffectAtOnce()
{
    ManualClock clock;
    Pacer pacer(Rate::perMinute(1));
    pacer.start(clock.now());
    QCOMPARE(pacer.take(clock.now(), 10), 1);
    clock.advance(10s); // the next name would be 50 s away at 1/min
    pacer.setRate(Rate::perMinute(600'000), clock.now());
    QCOMPARE(pacer.due(clock.now()), 1);
    const qint64 taken = simulate(
        clock, 10s, 1ms, 0ms, 3, [&](Nanos now) { return pacer.take(now, Pacer::kUnlimited); },
        [&] { return pacer.nextDueTime(); });
    QCOMPARE(taken, 100'000 + 1); // 10 s at 10,000/s, both ends included
}

void tst_ClientPacer::slowerRateWaitsOneNewIntervalAfterTheLastName()
{
    ManualClock clock;
    const Nanos start = clock.now();
    Pacer pacer(Rate::perMinute(60'000));
    pacer.start(start);
    QCOMPARE(pacer.take(start, 10), 1);
    clock.advance(500us);
    pacer.setRate(Rate::perMinute(60), clock.now());
    QCOMPARE(pacer.nextDueTime(), start + 1s);
    QCOMPARE(pacer.due(start + 1s - Nanos{1}), 0);
    QCOMPARE(pacer.due(start + 1s), 1);
}

void tst_ClientPacer::rateChangesInARowAllCountFromTheLastName()
{
    // A slider dragged step by step: each step is a rate change before the next name.
    ManualClock clock;
    const Nanos start = clock.now();
    Pacer pacer(Rate::perMinute(60));
    pacer.start(start);
    QCOMPARE(pacer.take(start, 10), 1);
    clock.advance(500ms);
    pacer.setRate(Rate::perMinute(50), clock.now()); // next at 1.2 s
    clock.advance(100ms);
    pacer.setRate(Rate::perMinute(40), clock.now()); // next at 1.5 s, not now
    QCOMPARE(pacer.due(clock.now()), 0);
    QCOMPARE(pacer.nextDueTime(), start + 1500ms);
    QCOMPARE(pacer.due(start + 1500ms - Nanos{1}), 0);
    QCOMPARE(pacer.due(start + 1500ms), 1);
}

void tst_ClientPacer::settingTheSameRateKeepsTheSchedule()
{
    ManualClock clock;
    Pacer pacer(Rate::perMinute(6'000));
    pacer.start(clock.now());
    clock.advance(15ms);
    QCOMPARE(pacer.take(clock.now(), 100), 2);          // at 0 and 10 ms
    pacer.setRate(Rate::perMinute(6'000), clock.now()); // a slider that did not really move
    QCOMPARE(pacer.nextDueTime(), clock.now() + 5ms);
}

void tst_ClientPacer::slotsLaterThanMaxLagAreDroppedNotBurst()
{
    ManualClock clock;
    Pacer pacer(Rate::perMinute(6'000), 1s); // one every 10 ms
    pacer.start(clock.now());
    clock.advance(5s); // held back for 5 s
    // Only the slots of the last second may still go out; the 400 before are given up.
    QCOMPARE(pacer.due(clock.now()), 101);
    QCOMPARE(pacer.take(clock.now(), Pacer::kUnlimited), 101);
    QCOMPARE(pacer.droppedSlots(), 400);
    QCOMPARE(pacer.due(clock.now()), 0);
    QCOMPARE(pacer.nextDueTime(), clock.now() + 10ms); // and the grid is the same as before
}

void tst_ClientPacer::unthrottledGivesWhateverIsAsked()
{
    ManualClock clock;
    Pacer pacer(Rate::unthrottled());
    pacer.start(clock.now());
    QCOMPARE(pacer.due(clock.now()), Pacer::kUnlimited);
    QCOMPARE(pacer.take(clock.now(), 12345), 12345);
    QCOMPARE(pacer.take(clock.now(), 0), 0);
}

void tst_ClientPacer::tenHoursAtTheTopRateDoNotDrift()
{
    // elapsed × rate passes 2^63 after 2.5 hours at 1,000,000/min: the arithmetic must not.
    ManualClock clock;
    Pacer pacer(Rate::perMinute(1'000'000));
    pacer.start(clock.now());
    const qint64 taken = simulate(
        clock, 10h, 97ms, 0ms, 5, [&](Nanos now) { return pacer.take(now, Pacer::kUnlimited); },
        [&] { return pacer.nextDueTime(); });
    QCOMPARE(taken, 600'000'000LL + 1);
}

QTEST_GUILESS_MAIN(tst_ClientPacer)
#include "tst_client_pacer.moc"
