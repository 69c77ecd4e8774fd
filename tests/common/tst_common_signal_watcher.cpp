// SignalWatcher: each watched signal arrives as a Qt signal, once per delivery; signals not
// watched keep their action; one watcher at a time; the handlers that were there come back.
#include "signal_watcher.h"

#include <QSignalSpy>
#include <QTest>
#include <csignal>

using namespace prodcons::common;

namespace {

extern "C" void previousHandler(int) {}

/// The handler installed for `signalNumber` now.
void (*handlerOf(int signalNumber))(int)
{
    struct sigaction current = {};
    ::sigaction(signalNumber, nullptr, &current);
    return current.sa_handler;
}

} // namespace

class tst_CommonSignalWatcher : public QObject
{
    Q_OBJECT

private slots:
    void eachWatchedSignalArrives_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGHUP") << int(SIGHUP);
    }

    void eachWatchedSignalArrives()
    {
        QFETCH(int, signalNumber);
        SignalWatcher watcher({SIGINT, SIGTERM, SIGHUP});
        QVERIFY(watcher.isWatching());
        QSignalSpy signalled(&watcher, &SignalWatcher::signalled);
        ::raise(signalNumber);
        QVERIFY(signalled.wait(5000));
        QCOMPARE(signalled.count(), 1);
        QCOMPARE(signalled.at(0).at(0).toInt(), signalNumber);
    }

    // A terminal client stops at once when asked twice: two signals are two emissions.
    void twoSignalsAreTwoEmissions()
    {
        SignalWatcher watcher({SIGINT, SIGTERM});
        QSignalSpy signalled(&watcher, &SignalWatcher::signalled);
        ::raise(SIGINT);
        ::raise(SIGTERM);
        QTRY_COMPARE(signalled.count(), 2);
        QCOMPARE(signalled.at(0).at(0).toInt(), int(SIGINT));
        QCOMPARE(signalled.at(1).at(0).toInt(), int(SIGTERM));
    }

    void signalsNotWatchedKeepTheirAction()
    {
        // (QTest has handlers of its own for these; whatever is there stays.)
        const auto hangUp = handlerOf(SIGHUP);
        const auto interrupt = handlerOf(SIGINT);
        SignalWatcher watcher({SIGINT, SIGTERM});
        QVERIFY(handlerOf(SIGINT) != interrupt);
        QVERIFY(handlerOf(SIGHUP) == hangUp);
    }

    void oneWatcherAtATime()
    {
        SignalWatcher first({SIGTERM});
        QVERIFY(first.isWatching());
        {
            SignalWatcher second({SIGTERM});
            QVERIFY(!second.isWatching());
        } // the second one's end does not undo the first one's handler
        QSignalSpy signalled(&first, &SignalWatcher::signalled);
        ::raise(SIGTERM);
        QVERIFY(signalled.wait(5000));
        QCOMPARE(signalled.at(0).at(0).toInt(), int(SIGTERM));
    }

    void theHandlersThatWereThereComeBack()
    {
        struct sigaction mine = {};
        mine.sa_handler = previousHandler;
        sigemptyset(&mine.sa_mask);
        struct sigaction before = {};
        QCOMPARE(::sigaction(SIGTERM, &mine, &before), 0);
        const auto interrupt = handlerOf(SIGINT);
        {
            SignalWatcher watcher({SIGTERM, SIGINT});
            QVERIFY(handlerOf(SIGTERM) != previousHandler);
            QVERIFY(handlerOf(SIGINT) != interrupt);
        }
        QVERIFY(handlerOf(SIGTERM) == previousHandler);
        QVERIFY(handlerOf(SIGINT) == interrupt);
        ::sigaction(SIGTERM, &before, nullptr);

        // And a new watcher can start once the last one has gone.
        SignalWatcher again({SIGTERM});
        QVERIFY(again.isWatching());
    }
};

QTEST_GUILESS_MAIN(tst_CommonSignalWatcher)
#include "tst_common_signal_watcher.moc"
