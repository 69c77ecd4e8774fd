// StallWatch with a made-up clock: a stall is nothing moved for a second while the mutex's
// recorded holder is stopped, reported once when it begins and once when it ends. An idle
// buffer is no stall, nor is a stopped holder while names still move.
#include "stall_watch.h"

#include <QTest>

using namespace prodcons::server;
using namespace std::chrono_literals;
using Change = StallWatch::Change;

namespace {

const StallWatch::Clock::time_point t0{std::chrono::hours(1)};

} // namespace

class tst_ServerStallWatch : public QObject
{
    Q_OBJECT

private slots:
    void aStoppedHolderAndNoMovementForASecondIsAStall()
    {
        StallWatch watch;
        QCOMPARE(watch.update(10, true, t0), Change::None);
        QCOMPARE(watch.update(10, true, t0 + 999ms), Change::None);
        QCOMPARE(watch.update(10, true, t0 + 1000ms), Change::Began);
        QVERIFY(watch.stalled());
        QCOMPARE(watch.quietFor(), StallWatch::Clock::duration(1000ms));
        // Reported once, however long it lasts.
        QCOMPARE(watch.update(10, true, t0 + 1250ms), Change::None);
        QCOMPARE(watch.update(10, true, t0 + 60s), Change::None);
        QVERIFY(watch.stalled());
    }

    void theStallEnds_data()
    {
        QTest::addColumn<std::uint64_t>("moved");
        QTest::addColumn<bool>("stopped");
        QTest::newRow("the holder goes on") << std::uint64_t{10} << false;
        QTest::newRow("names move") << std::uint64_t{11} << true;
        QTest::newRow("both") << std::uint64_t{12} << false;
    }

    void theStallEnds()
    {
        QFETCH(std::uint64_t, moved);
        QFETCH(bool, stopped);
        StallWatch watch;
        QCOMPARE(watch.update(10, true, t0), Change::None);
        QCOMPARE(watch.update(10, true, t0 + 2s), Change::Began);
        QCOMPARE(watch.update(moved, stopped, t0 + 2250ms), Change::Ended);
        QVERIFY(!watch.stalled());
        QCOMPARE(watch.update(moved + 1, false, t0 + 2500ms), Change::None); // once
    }

    // Idle (no clients, nothing to move) is not stalled: the holder must be stopped too.
    void nothingMovingWithoutAStoppedHolderIsNoStall()
    {
        StallWatch watch;
        for (auto t = 0ms; t <= 10s; t += 250ms)
            QCOMPARE(watch.update(5, false, t0 + t), Change::None);
        QVERIFY(!watch.stalled());
    }

    // A holder seen stopped while names still move (a Ctrl-Z already undone, a holder seen
    // stopped for an instant) is no stall either: the quiet second counts from the last move.
    void aStoppedHolderWhileNamesMoveIsNoStall()
    {
        StallWatch watch;
        std::uint64_t moved = 0;
        for (auto t = 0ms; t <= 10s; t += 250ms)
            QCOMPARE(watch.update(moved += 3, true, t0 + t), Change::None);
        QCOMPARE(watch.update(moved, true, t0 + 10s + 999ms), Change::None);
        QCOMPARE(watch.update(moved, true, t0 + 11s), Change::Began);
    }

    // The quiet second may begin before the holder is stopped: a stall shows as soon as both
    // hold, not a second after the stop is seen.
    void aHolderStoppedAfterTheQuietSecondStallsAtOnce()
    {
        StallWatch watch;
        QCOMPARE(watch.update(7, false, t0), Change::None);
        QCOMPARE(watch.update(7, false, t0 + 3s), Change::None);
        QCOMPARE(watch.update(7, true, t0 + 3250ms), Change::Began);
        QCOMPARE(watch.quietFor(), StallWatch::Clock::duration(3250ms));
    }

    void aResetStartsAfresh()
    {
        StallWatch watch;
        QCOMPARE(watch.update(1, true, t0), Change::None);
        QCOMPARE(watch.update(1, true, t0 + 1s), Change::Began);
        watch.reset();
        QVERIFY(!watch.stalled());
        QCOMPARE(watch.update(1, true, t0 + 2s), Change::None); // a new quiet second begins
        QCOMPARE(watch.update(1, true, t0 + 3s), Change::Began);
    }
};

QTEST_GUILESS_MAIN(tst_ServerStallWatch)
#include "tst_server_stall_watch.moc"
