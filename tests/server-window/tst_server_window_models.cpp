// The server window's models on their own: the children table (rates from successive counts,
// ended children marked and falling off, reused pids), the log (capped), the buffer model
// (rows and in/out from a snapshot, only changed rows reported) and the cleanup warning text.
#include "buffer_model.h"
#include "child_table_model.h"
#include "cleanup_flow.h"
#include "event_log_model.h"
#include "name_rate.h"
#include "readable_color.h"

#include <QGuiApplication>
#include <QPalette>
#include <QSignalSpy>
#include <QTest>

using namespace prodcons;
using namespace prodcons::server;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

ChildView child(pid_t pid, ChildRole role, quint64 names)
{
    ChildView v;
    v.pid = pid;
    v.peer = QStringLiteral("127.0.0.1:%1").arg(40000 + pid);
    v.started = QDateTime::currentDateTime();
    v.role = role;
    v.state = ChildState::Running;
    v.names = names;
    return v;
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

ipc::Snapshot ringWith(const std::vector<std::string>& ring, std::uint32_t in, std::uint32_t out)
{
    ipc::Snapshot s;
    s.control_present = true;
    s.shm_present = true;
    s.geometry.capacity = static_cast<std::uint32_t>(ring.size());
    s.ring = ring;
    s.in = in;
    s.out = out;
    for (const auto& name : ring)
        s.count += name.empty() ? 0 : 1;
    s.sem_mutex = 1;
    s.sem_full = static_cast<int>(s.count);
    s.sem_empty = static_cast<int>(ring.size() - s.count);
    return s;
}

} // namespace

class tst_ServerWindowModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Figures are shown with the locale's digit grouping; fix it for the comparisons.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void rateComesFromSuccessiveCounts()
    {
        NameRate rate;
        const auto t0 = Clock::now();
        rate.add(t0, 100);
        QCOMPARE(rate.perMinute(), 0.0); // one sample says nothing yet
        for (int i = 1; i <= 10; ++i)
            rate.add(t0 + i * 100ms, 100 + quint64(i)); // 10 names a second
        QCOMPARE(qRound(rate.perMinute()), 600);
        // Only the last two seconds count: after a stop the rate falls to zero.
        for (int i = 11; i <= 40; ++i)
            rate.add(t0 + i * 100ms, 110);
        QCOMPARE(rate.perMinute(), 0.0);
    }

    void aCountGoingBackwardsStartsAfresh()
    {
        NameRate rate;
        const auto t0 = Clock::now();
        rate.add(t0, 1000);
        rate.add(t0 + 500ms, 1010);
        rate.add(t0 + 1000ms, 5); // a reused record, say
        QVERIFY(rate.perMinute() >= 0.0);
    }

    void childrenAppearWithTheirFiguresAndRate()
    {
        ChildTableModel model;
        const auto t0 = Clock::now();
        model.refresh({child(11, ChildRole::Producer, 0), child(12, ChildRole::Consumer, 0)}, t0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.liveCount(), 2);
        QCOMPARE(cell(model, 0, ChildTableModel::PidColumn), QStringLiteral("11"));
        QCOMPARE(cell(model, 0, ChildTableModel::RoleColumn), QStringLiteral("producer"));
        QCOMPARE(cell(model, 1, ChildTableModel::RoleColumn), QStringLiteral("consumer"));
        QCOMPARE(cell(model, 0, ChildTableModel::PeerColumn), QStringLiteral("127.0.0.1:40011"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        for (int i = 1; i <= 10; ++i)
            model.refresh(
                {child(11, ChildRole::Producer, quint64(i) * 2), child(12, ChildRole::Consumer, 0)},
                t0 + i * 100ms);
        QCOMPARE(cell(model, 0, ChildTableModel::NamesColumn), QStringLiteral("20"));
        QCOMPARE(
            qRound(model.data(model.index(0, 0), ChildTableModel::RatePerMinuteRole).toDouble()),
            1200);
        QCOMPARE(cell(model, 0, ChildTableModel::RateColumn), QStringLiteral("1,200"));
        QCOMPARE(cell(model, 1, ChildTableModel::RateColumn), QStringLiteral("0"));
        // Only the row that changed is reported, not the idle consumer.
        for (const auto& args : changed)
            QCOMPARE(args.at(0).value<QModelIndex>().row(), 0);
    }

    void anEndedChildIsMarkedThenFallsOff_data()
    {
        QTest::addColumn<bool>("normal");
        QTest::addColumn<QString>("endText");
        QTest::newRow("client left") << true << "client closed the connection";
        QTest::newRow("killed") << false << "killed by signal 9 (Killed)";
    }

    void anEndedChildIsMarkedThenFallsOff()
    {
        QFETCH(bool, normal);
        QFETCH(QString, endText);
        ChildTableModel model;
        model.setLinger(5s);
        const auto t0 = Clock::now();
        model.refresh({child(21, ChildRole::Producer, 3)}, t0);
        ChildView ended = child(21, ChildRole::Producer, 3);
        ended.ended = true;
        ended.normalEnd = normal;
        ended.endText = endText;
        ended.endedAt = QDateTime::currentDateTime();
        model.markEnded(ended, t0 + 1s);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.liveCount(), 0);
        QVERIFY(model.data(model.index(0, 0), ChildTableModel::EndedRole).toBool());
        QCOMPARE(model.data(model.index(0, 0), ChildTableModel::NormalEndRole).toBool(), normal);
        const QString state = cell(model, 0, ChildTableModel::StateColumn);
        QVERIFY2(state.contains(endText), qPrintable(state));
        QCOMPARE(state.contains(QLatin1String("abnormally")), !normal);
        QCOMPARE(cell(model, 0, ChildTableModel::RateColumn), QStringLiteral("-"));

        model.refresh({}, t0 + 5s); // 4 s after it ended: still there
        QCOMPARE(model.rowCount(), 1);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.refresh({}, t0 + 6s + 1ms);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(removed.count(), 1);
    }

    void aChildThatEndsBeforeAnyRefreshIsStillShown()
    {
        ChildTableModel model;
        ChildView ended = child(31, ChildRole::None, 0);
        ended.ended = true;
        ended.endText = QStringLiteral("no role within the deadline");
        model.markEnded(ended, Clock::now());
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(model.data(model.index(0, 0), ChildTableModel::EndedRole).toBool());
    }

    void aReusedPidGetsARowOfItsOwn()
    {
        ChildTableModel model;
        const auto t0 = Clock::now();
        model.addChild(child(41, ChildRole::Producer, 0), t0);
        ChildView ended = child(41, ChildRole::Producer, 7);
        ended.ended = true;
        ended.normalEnd = true;
        model.markEnded(ended, t0 + 1s);
        model.addChild(child(41, ChildRole::Consumer, 0), t0 + 2s);
        model.refresh({child(41, ChildRole::Consumer, 5)}, t0 + 2100ms);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(41), 1);
        QCOMPARE(cell(model, 0, ChildTableModel::NamesColumn), QStringLiteral("7"));
        QCOMPARE(cell(model, 1, ChildTableModel::NamesColumn), QStringLiteral("5"));
        QCOMPARE(model.liveCount(), 1);
    }

    void theLogIsTimestampedAndCapped()
    {
        EventLogModel log;
        log.setCapacity(100);
        const QDateTime when(QDate(2024, 5, 1), QTime(13, 14, 15, 678));
        for (int i = 0; i < 250; ++i)
            log.append(i == 249 ? Severity::Error : Severity::Info,
                       QStringLiteral("event %1").arg(i), when);
        QCOMPARE(log.rowCount(), 100);
        QCOMPARE(log.messages().constFirst(), QStringLiteral("event 150"));
        QCOMPARE(log.messages().constLast(), QStringLiteral("event 249"));
        QCOMPARE(cell(log, 99, EventLogModel::TimeColumn), QStringLiteral("13:14:15.678"));
        QCOMPARE(log.data(log.index(99, 1), EventLogModel::SeverityRole).toInt(),
                 int(Severity::Error));
        QVERIFY(!log.data(log.index(99, 1), Qt::DecorationRole).isNull());
        log.clear();
        QCOMPARE(log.rowCount(), 0);
    }

    // A dark theme keeps the log's warning and error text and an ended child's row readable
    // (WCAG AA, 4.5) on the tables' background.
    void stateColoursAreReadableOnADarkPalette()
    {
        const QPalette before = QGuiApplication::palette();
        QPalette dark = before;
        dark.setColor(QPalette::Base, QColor(0x1b, 0x1e, 0x20));
        dark.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
        QGuiApplication::setPalette(dark);
        const QColor base = dark.color(QPalette::Base);

        EventLogModel log;
        log.append(Severity::Warning, QStringLiteral("stalled"));
        log.append(Severity::Error, QStringLiteral("could not start"));
        ChildTableModel children;
        const auto start = Clock::now();
        children.addChild(child(4242, ChildRole::Consumer, 3), start);
        ChildView failed = child(4242, ChildRole::Consumer, 3);
        failed.normalEnd = false;
        children.markEnded(failed, start + 1s);
        const QColor colours[] = {
            log.data(log.index(0, 1), Qt::ForegroundRole).value<QColor>(),
            log.data(log.index(1, 1), Qt::ForegroundRole).value<QColor>(),
            children.data(children.index(0, 0), Qt::ForegroundRole).value<QColor>()};
        QGuiApplication::setPalette(before);
        for (const QColor& colour : colours) {
            QVERIFY(colour.isValid());
            QVERIFY2(common::contrastRatio(colour, base) >= 4.5, qPrintable(colour.name()));
        }
    }

    void theBufferModelShowsSlotsAndPositions()
    {
        BufferModel model;
        model.show(ipc::Mode::Shm, QStringLiteral("/p"), BufferModel::Source::Attached,
                   ringWith({"", "Ada", "Bo", "", ""}, 3, 1));
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(model.present());
        QCOMPARE(model.capacity(), 5u);
        QCOMPARE(model.stored(), quint64(2));
        QCOMPARE(cell(model, 1, 0), QStringLiteral("Ada"));
        QCOMPARE(cell(model, 2, 0), QStringLiteral("Bo"));
        QVERIFY(!model.data(model.index(0), BufferModel::OccupiedRole).toBool());
        QVERIFY(model.data(model.index(1), BufferModel::OutRole).toBool());
        QVERIFY(model.data(model.index(3), BufferModel::InRole).toBool());
        QCOMPARE(model.objectName("full"), QStringLiteral("/p_full"));

        // A consumer takes Ada: slot 1 empties and out moves to 2; nothing else changes.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.show(ipc::Mode::Shm, QStringLiteral("/p"), BufferModel::Source::Attached,
                   ringWith({"", "", "Bo", "", ""}, 3, 2));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 2);
    }

    void aMessageQueueHasNoRowsOnlyADepth()
    {
        BufferModel model;
        ipc::Snapshot s;
        s.control_present = true;
        s.mq_present = true;
        s.mq_current = 4;
        s.mq_capacity = 10;
        s.live_users[1] = 2;
        s.orphans[1] = 3;
        model.show(ipc::Mode::Mq, QStringLiteral("/p"), BufferModel::Source::Inspected, s);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.present());
        QCOMPARE(model.stored(), quint64(4));
        QCOMPARE(model.capacity(), 10u);
        QCOMPARE(model.liveUsers(), 2u);
        QCOMPARE(model.orphans(), 3u);
        // The SHM side of the same objects is not this window's business.
        model.show(ipc::Mode::Shm, QStringLiteral("/p"), BufferModel::Source::Inspected, s);
        QVERIFY(!model.present());
        QCOMPARE(model.liveUsers(), 0u);
    }

    void noSnapshotMeansNothingPresent()
    {
        BufferModel model;
        model.show(ipc::Mode::Shm, QStringLiteral("/p"), BufferModel::Source::Attached,
                   std::nullopt, QStringLiteral("cannot read"));
        QVERIFY(!model.present());
        QVERIFY(model.source() == BufferModel::Source::None);
        QCOMPARE(model.problem(), QStringLiteral("cannot read"));
        QCOMPARE(model.rowCount(), 0);
    }

    void theCleanupWarningNamesWhatWouldBeHurt()
    {
        ipc::Snapshot idle;
        idle.control_present = true;
        QCOMPARE(common::cleanupRisk(idle, 1), QString()); // nothing to lose: no question

        ipc::Snapshot busy = ringWith({"a", "b", "", ""}, 2, 0);
        busy.orphans[1] = 1; // one more handed back in MQ mode
        ipc::ParticipantInfo me;
        me.pid = 100;
        me.alive = true;
        ipc::ParticipantInfo other = me;
        other.pid = 200;
        busy.participants = {me, other};
        const QString risk = common::cleanupRisk(busy, 100);
        QVERIFY2(risk.contains(QLatin1String("100 (this window)")), qPrintable(risk));
        QVERIFY2(risk.contains(QLatin1String("200")), qPrintable(risk));
        QVERIFY2(risk.contains(QLatin1String("3 queued name")), qPrintable(risk));
    }
};

QTEST_MAIN(tst_ServerWindowModels)
#include "tst_server_window_models.moc"
