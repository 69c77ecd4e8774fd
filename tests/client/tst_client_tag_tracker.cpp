// Loss, duplicates and order of tagged names, per source.
#include "tag_tracker.h"

#include <QTest>

using namespace prodcons::client;

class tst_ClientTagTracker : public QObject
{
    Q_OBJECT

private slots:
    void inOrderStreamHasNoGapsNorDuplicates();
    void missingSeqsAreGaps();
    void repeatedSeqsAreDuplicates();
    void outOfOrderArrivalFillsGaps();
    void sourcesAreTrackedApart();
    void sparseHugeSeqsCostLittle();
    void gapsOfTheLargestSeqDoNotOverflow();
    void untaggedNamesAreCountedApart();
};

namespace {

SourceTally tallyOf(const TagTracker& tracker, QByteArrayView source)
{
    for (const SourceTally& tally : tracker.tallies())
        if (tally.source == source)
            return tally;
    return {};
}

} // namespace

void tst_ClientTagTracker::inOrderStreamHasNoGapsNorDuplicates()
{
    TagTracker tracker;
    for (quint64 seq = 0; seq < 10'000; ++seq)
        tracker.record("k3x9", seq);
    const SourceTally tally = tallyOf(tracker, "k3x9");
    QCOMPARE(tally.distinct, 10'000);
    QCOMPARE(tally.maxSeq, 9'999u);
    QCOMPARE(tally.gaps, 0);
    QCOMPARE(tally.duplicates, 0);
    QCOMPARE(tally.outOfOrder, 0);
}

void tst_ClientTagTracker::missingSeqsAreGaps()
{
    TagTracker tracker;
    for (quint64 seq = 0; seq < 100; ++seq)
        if (seq != 5 && seq != 50 && seq != 51)
            tracker.record("s", seq);
    const SourceTally tally = tallyOf(tracker, "s");
    QCOMPARE(tally.distinct, 97);
    QCOMPARE(tally.gaps, 3);
    QCOMPARE(tracker.totalGaps(), 3);
    // A stream that does not start at 0 lacks its beginning.
    TagTracker late;
    late.record("t", 10);
    QCOMPARE(tallyOf(late, "t").gaps, 10);
}

void tst_ClientTagTracker::repeatedSeqsAreDuplicates()
{
    TagTracker tracker;
    for (quint64 seq = 0; seq < 10; ++seq)
        tracker.record("s", seq);
    tracker.record("s", 3);
    tracker.record("s", 3);
    tracker.record("s", 9);
    const SourceTally tally = tallyOf(tracker, "s");
    QCOMPARE(tally.distinct, 10);
    QCOMPARE(tally.duplicates, 3);
    QCOMPARE(tally.gaps, 0);
    QCOMPARE(tracker.totalDuplicates(), 3);
}

void tst_ClientTagTracker::outOfOrderArrivalFillsGaps()
{
    TagTracker tracker;
    for (const quint64 seq : {0, 2, 1, 4, 3, 5})
        tracker.record("s", seq);
    SourceTally tally = tallyOf(tracker, "s");
    QCOMPARE(tally.gaps, 0);
    QCOMPARE(tally.outOfOrder, 2);
    QCOMPARE(tally.duplicates, 0);
    // Seqs on both sides of a block boundary (4096), late ones included.
    tracker.record("s", 5000);
    QCOMPARE(tallyOf(tracker, "s").gaps, 5000 - 6);
    for (quint64 seq = 6; seq < 5000; ++seq)
        tracker.record("s", seq);
    tally = tallyOf(tracker, "s");
    QCOMPARE(tally.gaps, 0);
    QCOMPARE(tally.distinct, 5001);
}

void tst_ClientTagTracker::sourcesAreTrackedApart()
{
    TagTracker tracker;
    for (quint64 seq = 0; seq < 100; ++seq) {
        tracker.record("aaa", seq);
        if (seq % 10 != 0)
            tracker.record("bbb", seq); // 10 lost
        tracker.record("ccc", seq / 2); // every one twice
    }
    const QList<SourceTally> tallies = tracker.tallies();
    QCOMPARE(tallies.size(), 3);
    QCOMPARE(tallies[0].source, QByteArray("aaa")); // sorted
    QCOMPARE(tallies[0].gaps + tallies[0].duplicates, 0);
    QCOMPARE(tallies[1].source, QByteArray("bbb"));
    QCOMPARE(tallies[1].gaps, 10); // 0, 10, ..., 90
    QCOMPARE(tallies[1].distinct, 90);
    QCOMPARE(tallies[2].distinct, 50);
    QCOMPARE(tallies[2].duplicates, 50);
    QCOMPARE(tracker.totalDuplicates(), 50);
}

void tst_ClientTagTracker::sparseHugeSeqsCostLittle()
{
    TagTracker tracker;
    // A far-out seq must not allocate a bitset up to it.
    tracker.record("s", 0);
    tracker.record("s", quint64(1) << 62);
    tracker.record("s", quint64(1) << 62);
    const SourceTally tally = tallyOf(tracker, "s");
    QCOMPARE(tally.distinct, 2);
    QCOMPARE(tally.duplicates, 1);
    QCOMPARE(tally.gaps, (qint64(1) << 62) - 1);
}

void tst_ClientTagTracker::gapsOfTheLargestSeqDoNotOverflow()
{
    TagTracker tracker;
    tracker.record("s", ~quint64(0));
    QCOMPARE(tallyOf(tracker, "s").gaps, std::numeric_limits<qint64>::max());
}

void tst_ClientTagTracker::untaggedNamesAreCountedApart()
{
    TagTracker tracker;
    tracker.recordUntagged();
    tracker.recordUntagged();
    QCOMPARE(tracker.untagged(), 2);
    QVERIFY(tracker.tallies().isEmpty());
}

QTEST_GUILESS_MAIN(tst_ClientTagTracker)
#include "tst_client_tag_tracker.moc"
