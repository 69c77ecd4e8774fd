// SessionStatus: what the window says for each state of the session; PictureSendStatus: what it
// says while a picture is sent, once it is, and when the server refuses a line.
#include "picture_send_status.h"
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

    void pictureProgressWithTimeToGo()
    {
        PictureSendFacts facts{QStringLiteral("tree.pbm"), 1764, 2047, 312, 300, {},
                               Rate::perMinute(600)};
        const SessionStatus base = SessionStatus::of(SessionState::Producing, {}, Role::Producer,
                                                     QStringLiteral("host:1"), 0, {});
        SessionStatus status = PictureSendStatus::of(SessionState::Producing, base, facts);
        QCOMPARE(status.headline, QStringLiteral("Sending picture"));
        QCOMPARE(status.tone, StatusTone::Good);
        // 1,452 lines to go at 10 a second: 146 s, said in minutes.
        QCOMPARE(status.detail,
                 QStringLiteral("tree.pbm: 312 of 1,764 lines sent, 300 stored. About 2 min to "
                                "go at this rate; Max sends as fast as the server takes them."));
        facts.rate = Rate::unthrottled();
        status = PictureSendStatus::of(SessionState::Producing, base, facts);
        QCOMPARE(status.detail, QStringLiteral("tree.pbm: 312 of 1,764 lines sent, 300 stored."));
        QCOMPARE(PictureSendStatus::durationText(45), QStringLiteral("45 s"));
        QCOMPARE(PictureSendStatus::durationText(3 * 3600 + 5 * 60), QStringLiteral("3 h 5 min"));
    }

    void pictureSentAndStopped()
    {
        PictureSendFacts facts{QStringLiteral("tree.pbm"), 1764, 2047, 1764, 1764, {},
                               Rate::unthrottled()};
        const SessionStatus finished = SessionStatus::of(SessionState::Finished, {}, Role::Producer,
                                                         QStringLiteral("host:1"), 0, {});
        SessionStatus status = PictureSendStatus::of(SessionState::Finished, finished, facts);
        QCOMPARE(status.headline, QStringLiteral("Picture sent"));
        QCOMPARE(status.tone, StatusTone::Good);
        QCOMPARE(status.detail,
                 QStringLiteral("All 1,764 lines of tree.pbm are stored in the buffer."));

        facts.sent = 400;
        facts.acknowledged = 390;
        const SessionStatus gone =
            SessionStatus::of(SessionState::ServerGone, QStringLiteral("closed"), Role::Producer,
                              QStringLiteral("host:1"), 0, {});
        status = PictureSendStatus::of(SessionState::ServerGone, gone, facts);
        QCOMPARE(status.headline, QStringLiteral("Server gone"));
        QVERIFY2(status.detail.endsWith(QStringLiteral("Picture tree.pbm: 390 of 1,764 lines "
                                                       "stored.")),
                 qPrintable(status.detail));
    }

    void pictureRefusedSaysWhatToDo()
    {
        PictureSendFacts facts{QStringLiteral("tree.pbm"),
                               1764,
                               2047,
                               40,
                               2,
                               ProducerFlow::Rejection{2, "name too long (at most 255 bytes)"},
                               Rate::unthrottled()};
        const SessionStatus base = SessionStatus::of(SessionState::Producing, {}, Role::Producer,
                                                     QStringLiteral("host:1"), 1, {});
        const SessionStatus status = PictureSendStatus::of(SessionState::Producing, base, facts);
        QCOMPARE(status.headline, QStringLiteral("Picture refused"));
        QCOMPARE(status.tone, StatusTone::Error);
        QCOMPARE(status.detail,
                 QStringLiteral("The server refused line 3 of 1,764 with \"ERROR: name too long "
                                "(at most 255 bytes)\"; 2 of 1,764 lines stored. The picture's "
                                "lines are up to 2,047 bytes: start the servers with --slot-size "
                                "8192 (server window: Slots, 8192 bytes), then Connect again."));
        facts.firstRejection->reason = "name starts with ERROR:";
        QVERIFY(!PictureSendStatus::of(SessionState::Finished, base, facts)
                     .detail.contains(QStringLiteral("--slot-size")));
    }

    void connectSaysWhatItWillSend()
    {
        QCOMPARE(PictureSendStatus::ready(QStringLiteral("tree.pbm"), 1024, 1762, 1764),
                 QStringLiteral("Connect sends the picture tree.pbm (1024 x 1762 pixels) line by "
                                "line instead of names: 1,764 lines, each once."));
    }
};

QTEST_GUILESS_MAIN(tst_ClientWindowStatus)
#include "tst_client_window_status.moc"
