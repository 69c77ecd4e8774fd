// SessionStatus: what the window says for each state of the session.
#include "session_status.h"

#include <QTest>

using namespace prodcons::client;

Q_DECLARE_METATYPE(SessionState)
Q_DECLARE_METATYPE(StatusTone)

class tst_ClientWindowStatus : public QObject
{
    Q_OBJECT

private slots:
    void eachState_data()
    {
        QTest::addColumn<SessionState>("state");
        QTest::addColumn<QString>("headline");
        QTest::addColumn<StatusTone>("tone");
        QTest::addColumn<QString>("detailHas");
        QTest::newRow("disconnected")
            << SessionState::Disconnected << "Disconnected" << StatusTone::Idle << "Connect";
        QTest::newRow("connecting")
            << SessionState::Connecting << "Connecting" << StatusTone::Busy << "host:1";
        QTest::newRow("awaiting") << SessionState::AwaitingTask << "Connected" << StatusTone::Busy
                                  << "Task?";
        QTest::newRow("producing")
            << SessionState::Producing << "Connected as producer" << StatusTone::Good << "host:1";
        QTest::newRow("held back") << SessionState::HeldBack << "Held back: buffer full"
                                   << StatusTone::Warning << "buffer is full";
        QTest::newRow("consuming")
            << SessionState::Consuming << "Connected as consumer" << StatusTone::Good << "host:1";
        QTest::newRow("gone") << SessionState::ServerGone << "Server gone" << StatusTone::Error
                              << "the reason";
        QTest::newRow("refused") << SessionState::Refused << "Refused" << StatusTone::Error
                                 << "Nobody listens at host:1";
        QTest::newRow("error") << SessionState::ServerError << "ERROR from the server"
                               << StatusTone::Error << "ERROR: the reason";
        QTest::newRow("failed") << SessionState::Failed << "Failed" << StatusTone::Error
                                << "the reason";
        QTest::newRow("finished") << SessionState::Finished << "Finished" << StatusTone::Idle
                                  << "closed";
    }

    void eachState()
    {
        QFETCH(SessionState, state);
        QFETCH(QString, headline);
        QFETCH(StatusTone, tone);
        QFETCH(QString, detailHas);
        const SessionStatus status = SessionStatus::of(
            state, QStringLiteral("the reason"), Role::Producer, QStringLiteral("host:1"), 0, {});
        QCOMPARE(status.headline, headline);
        QCOMPARE(status.tone, tone);
        QVERIFY2(status.detail.contains(detailHas), qPrintable(status.detail));
    }

    void rejectedNamesAreShownWhileProducing()
    {
        const SessionStatus status =
            SessionStatus::of(SessionState::Producing, {}, Role::Producer, QStringLiteral("host:1"),
                              3, QStringLiteral("name too long"));
        QCOMPARE(status.headline, QStringLiteral("Connected as producer"));
        QVERIFY(status.detail.contains(QStringLiteral("3")));
        QVERIFY(status.detail.contains(QStringLiteral("ERROR: name too long")));
    }
};

QTEST_GUILESS_MAIN(tst_ClientWindowStatus)
#include "tst_client_window_status.moc"
