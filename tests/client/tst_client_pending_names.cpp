// The names a producer keeps until they are answered.
#include "pending_names.h"

#include <QTest>

using namespace prodcons::client;

class tst_ClientPendingNames : public QObject
{
    Q_OBJECT

private slots:
    void keepsLinesOldestFirst();
    void newestBytesAreTheLatestAppends();
    void manyNamesSurviveCompaction();
};

void tst_ClientPendingNames::keepsLinesOldestFirst()
{
    PendingNames pending;
    pending.append("Olivia#s-0");
    pending.append("Liam#s-1");
    pending.append("Emma#s-2");
    QCOMPARE(pending.count(), 3);
    QCOMPARE(pending.front(), QByteArrayView("Olivia#s-0"));
    QCOMPARE(pending.oldest(2), QByteArrayView("Olivia#s-0\nLiam#s-1\n"));
    pending.removeOldest(2);
    QCOMPARE(pending.count(), 1);
    QCOMPARE(pending.all(), QByteArrayView("Emma#s-2\n"));
    pending.removeOldest(1);
    QVERIFY(pending.isEmpty());
    QCOMPARE(pending.bytes(), 0);
}

void tst_ClientPendingNames::newestBytesAreTheLatestAppends()
{
    PendingNames pending;
    pending.append("a");
    const qsizetype before = pending.bytes();
    pending.append("bb");
    pending.append("ccc");
    QCOMPARE(pending.newestBytes(pending.bytes() - before), QByteArrayView("bb\nccc\n"));
}

void tst_ClientPendingNames::manyNamesSurviveCompaction()
{
    PendingNames pending;
    qint64 nextIn = 0, nextOut = 0;
    for (int round = 0; round < 2000; ++round) {
        for (int i = 0; i < 100; ++i)
            pending.append("name-" + QByteArray::number(nextIn++));
        for (int i = 0; i < 97; ++i) {
            QCOMPARE(pending.front(), "name-" + QByteArray::number(nextOut++));
            pending.removeOldest(1);
        }
    }
    QCOMPARE(pending.count(), nextIn - nextOut);
    QCOMPARE(pending.front(), "name-" + QByteArray::number(nextOut));
    QVERIFY(pending.all().endsWith("name-" + QByteArray::number(nextIn - 1) + "\n"));
}

QTEST_GUILESS_MAIN(tst_ClientPendingNames)
#include "tst_client_pending_names.moc"
