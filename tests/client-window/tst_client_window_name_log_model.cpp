// NameLogModel: rows from NameLog batches, answers matched to their names, the cap.
#include "name_log.h"
#include "name_log_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace prodcons::client;

namespace {

using Status = NameLogModel::Status;

Status statusAt(const NameLogModel& model, int row)
{
    return Status(model.data(model.index(row), NameLogModel::StatusRole).toInt());
}

QString nameAt(const NameLogModel& model, int row)
{
    return model.data(model.index(row), NameLogModel::NameRole).toString();
}

/// A log and a model fed from it as the controller does.
struct Feed
{
    NameLog log{2000};
    NameLogModel model;
    qint64 clock = 1'700'000'000'000;

    explicit Feed(qsizetype capacity = 50) : model(capacity) {}
    void add(NameEvent event, const QByteArray& name, qint64 step = 1)
    {
        clock += step;
        log.add(event, name, clock);
    }
    void pull() { model.append(log.since(model.lastSerial())); }
};

} // namespace

class tst_ClientWindowNameLogModel : public QObject
{
    Q_OBJECT

private slots:
    void producerRowsGetTheirAnswers()
    {
        Feed feed;
        QAbstractItemModelTester tester(&feed.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        feed.add(NameEvent::Sent, "Ana");
        feed.add(NameEvent::Sent, "Bo");
        feed.add(NameEvent::Sent, "Cy");
        feed.add(NameEvent::Acknowledged, "Ana", 4);
        feed.pull();
        QCOMPARE(feed.model.rowCount(), 3);
        // Newest first.
        QCOMPARE(nameAt(feed.model, 0), QStringLiteral("Cy"));
        QCOMPARE(nameAt(feed.model, 2), QStringLiteral("Ana"));
        QCOMPARE(statusAt(feed.model, 2), Status::Acknowledged);
        QCOMPARE(feed.model.data(feed.model.index(2), NameLogModel::LatencyRole).toLongLong(), 6);
        QCOMPARE(statusAt(feed.model, 1), Status::Sent);

        // Answers in a later batch change rows already shown: one dataChanged.
        QSignalSpy changed(&feed.model, &QAbstractItemModel::dataChanged);
        feed.add(NameEvent::Acknowledged, "Bo");
        feed.add(NameEvent::Rejected, "Cy");
        feed.pull();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(statusAt(feed.model, 1), Status::Acknowledged);
        QCOMPARE(statusAt(feed.model, 0), Status::Rejected);
        QVERIFY(feed.model.data(feed.model.index(0)).toString().contains(QStringLiteral("Cy")));
        QVERIFY(feed.model.data(feed.model.index(0))
                    .toString()
                    .contains(NameLogModel::statusText(Status::Rejected, -1)));
    }

    void sameNamesAreAnsweredInOrder()
    {
        Feed feed;
        for (int i = 0; i < 3; ++i)
            feed.add(NameEvent::Sent, "Ana");
        feed.add(NameEvent::Acknowledged, "Ana");
        feed.pull();
        QCOMPARE(statusAt(feed.model, 2), Status::Acknowledged); // the oldest
        QCOMPARE(statusAt(feed.model, 1), Status::Sent);
        QCOMPARE(statusAt(feed.model, 0), Status::Sent);
    }

    // Entries that fell out of the log between two pulls: later answers still land on the
    // right names, and those before them count as answered.
    void skippedEntriesDoNotMisplaceAnswers()
    {
        Feed feed;
        feed.log = NameLog(4); // tiny: most of a burst is lost
        feed.add(NameEvent::Sent, "Ana");
        feed.add(NameEvent::Sent, "Bo");
        feed.pull();
        feed.add(NameEvent::Acknowledged, "Ana");
        feed.add(NameEvent::Sent, "Cy");
        feed.add(NameEvent::Sent, "Di");
        feed.add(NameEvent::Acknowledged, "Bo"); // the log keeps only from here on
        feed.add(NameEvent::Acknowledged, "Cy");
        feed.add(NameEvent::Sent, "Ed");
        feed.add(NameEvent::Acknowledged, "Di");
        feed.pull();
        QCOMPARE(feed.model.skipped(), 3u);
        QCOMPARE(feed.model.rowCount(), 3); // Ana, Bo, Ed: Cy and Di were never seen
        QCOMPARE(nameAt(feed.model, 0), QStringLiteral("Ed"));
        QCOMPARE(statusAt(feed.model, 0), Status::Sent);
        QCOMPARE(statusAt(feed.model, 1), Status::Acknowledged); // Bo, with its own answer
        QCOMPARE(statusAt(feed.model, 2), Status::Answered);     // Ana: its OK was lost
    }

    void consumerRowsAreReceived()
    {
        Feed feed;
        feed.add(NameEvent::Received, "Ana");
        feed.add(NameEvent::Received, "Bo");
        feed.pull();
        QCOMPARE(feed.model.rowCount(), 2);
        QCOMPARE(statusAt(feed.model, 0), Status::Received);
        QCOMPARE(feed.model.data(feed.model.index(0), NameLogModel::LatencyRole).toLongLong(), -1);
        QVERIFY(
            feed.model.data(feed.model.index(0), NameLogModel::TimeRole).toDateTime().isValid());
    }

    // 100,000 names in batches of every size: never more rows than the cap, the newest kept,
    // one insert per batch.
    void staysCappedAfter100000Names()
    {
        constexpr qsizetype kCap = 500;
        Feed feed(kCap);
        QAbstractItemModelTester tester(&feed.model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&feed.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&feed.model, &QAbstractItemModel::modelReset);
        int maxRows = 0;
        connect(&feed.model, &QAbstractItemModel::rowsInserted, this,
                [&] { maxRows = std::max(maxRows, feed.model.rowCount()); });
        int pulls = 0;
        int names = 0;
        int batch = 1;
        while (names < 100'000) {
            for (int i = 0; i < batch && names < 100'000; ++i, ++names) {
                const QByteArray name = "N" + QByteArray::number(names);
                feed.add(NameEvent::Sent, name);
                feed.add(NameEvent::Acknowledged, name);
            }
            feed.pull();
            ++pulls;
            batch = batch * 3 % 1499 + 1; // 1 .. 1499, mixed
        }
        QCOMPARE(feed.model.rowCount(), int(kCap));
        QVERIFY(maxRows <= int(kCap));
        QCOMPARE(nameAt(feed.model, 0), QStringLiteral("N99999"));
        QCOMPARE(nameAt(feed.model, int(kCap) - 1), QStringLiteral("N%1").arg(100'000 - kCap));
        QCOMPARE(statusAt(feed.model, 0), Status::Acknowledged);
        QCOMPARE(inserted.count() + reset.count(), pulls); // one change per batch, not per name
    }

    void clearEmptiesButKeepsTheSerial()
    {
        Feed feed;
        feed.add(NameEvent::Sent, "Ana");
        feed.pull();
        const quint64 serial = feed.model.lastSerial();
        feed.model.clear();
        QCOMPARE(feed.model.rowCount(), 0);
        QCOMPARE(feed.model.lastSerial(), serial);
        feed.add(NameEvent::Acknowledged, "Ana"); // an answer for a row no longer shown
        feed.add(NameEvent::Received, "Bo");
        feed.pull();
        QCOMPARE(feed.model.rowCount(), 1);
        QCOMPARE(feed.model.skipped(), 0u);
    }
};

QTEST_GUILESS_MAIN(tst_ClientWindowNameLogModel)
#include "tst_client_window_name_log_model.moc"
