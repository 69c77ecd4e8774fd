// Splitting socket bytes into protocol lines.
#include "line_buffer.h"
#include "protocol_limits.h"

#include <QTest>

using namespace prodcons::client;

class tst_ClientLineBuffer : public QObject
{
    Q_OBJECT

private slots:
    void manyLinesFromOneRead();
    void lineSplitAcrossReads();
    void crLfEndingsAreStripped();
    void emptyLineIsALine();
    void overlongLineIsAnErrorNotGrowth();
    void lineAtTheLimitWaitsForTheLfAfterItsCr();
    void rawSinceGivesTheBytesAsRead();
    void compactKeepsThePartialLine();
};

namespace {

QList<QByteArray> drain(LineBuffer& buffer)
{
    QList<QByteArray> lines;
    QByteArrayView line;
    while (buffer.next(line) == LineBuffer::Next::Line)
        lines.append(line.toByteArray());
    return lines;
}

} // namespace

void tst_ClientLineBuffer::manyLinesFromOneRead()
{
    LineBuffer buffer;
    buffer.append("OK\nOK\nERROR: full\nOK\n");
    QCOMPARE(drain(buffer), (QList<QByteArray>{"OK", "OK", "ERROR: full", "OK"}));
    QCOMPARE(buffer.unreadBytes(), 0);
}

void tst_ClientLineBuffer::lineSplitAcrossReads()
{
    LineBuffer buffer;
    buffer.append("Oli");
    QVERIFY(drain(buffer).isEmpty());
    buffer.append("via\nLi");
    QCOMPARE(drain(buffer), QList<QByteArray>{"Olivia"});
    buffer.compact();
    buffer.append("am\n");
    QCOMPARE(drain(buffer), QList<QByteArray>{"Liam"});
}

void tst_ClientLineBuffer::crLfEndingsAreStripped()
{
    LineBuffer buffer;
    buffer.append("Task?\r\nOK\r");
    QCOMPARE(drain(buffer), QList<QByteArray>{"Task?"});
    buffer.append("\n"); // CR and LF in different reads
    QCOMPARE(drain(buffer), QList<QByteArray>{"OK"});
}

void tst_ClientLineBuffer::emptyLineIsALine()
{
    LineBuffer buffer;
    buffer.append("\n\r\nx\n");
    QCOMPARE(drain(buffer), (QList<QByteArray>{"", "", "x"}));
}

void tst_ClientLineBuffer::overlongLineIsAnErrorNotGrowth()
{
    LineBuffer buffer(10);
    buffer.append("0123456789"); // exactly the limit, no newline yet: wait
    QByteArrayView line;
    QCOMPARE(buffer.next(line), LineBuffer::Next::NeedMore);
    buffer.append("A");
    QCOMPARE(buffer.next(line), LineBuffer::Next::TooLong);
    LineBuffer complete(4);
    complete.append("12345\n");
    QCOMPARE(complete.next(line), LineBuffer::Next::TooLong);
}

void tst_ClientLineBuffer::lineAtTheLimitWaitsForTheLfAfterItsCr()
{
    // The longest name (8191 bytes) with CR LF, the CR in one read and the LF in the next.
    const QByteArray longest(kMaxNameBytes, 'z');
    LineBuffer buffer(kMaxNameBytes);
    buffer.append(longest + '\r');
    QByteArrayView line;
    QCOMPARE(buffer.next(line), LineBuffer::Next::NeedMore);
    buffer.append("\n");
    QCOMPARE(buffer.next(line), LineBuffer::Next::Line);
    QCOMPARE(line, QByteArrayView(longest));
    // One byte more, that is not a CR: too long at once, no waiting for the LF.
    LineBuffer over(kMaxNameBytes);
    over.append(longest + 'z');
    QCOMPARE(over.next(line), LineBuffer::Next::TooLong);
}

void tst_ClientLineBuffer::rawSinceGivesTheBytesAsRead()
{
    LineBuffer buffer;
    buffer.append("a\r\nb\nc");
    const qsizetype start = buffer.position();
    QByteArrayView line;
    QCOMPARE(buffer.next(line), LineBuffer::Next::Line);
    QCOMPARE(buffer.next(line), LineBuffer::Next::Line);
    QCOMPARE(buffer.rawSince(start), QByteArrayView("a\r\nb\n"));
}

void tst_ClientLineBuffer::compactKeepsThePartialLine()
{
    LineBuffer buffer;
    for (int round = 0; round < 1000; ++round) {
        buffer.append("name" + QByteArray::number(round) + "\nhalf");
        QCOMPARE(drain(buffer), QList<QByteArray>{"name" + QByteArray::number(round)});
        buffer.compact();
        buffer.append("-done\n");
        QCOMPARE(drain(buffer), QList<QByteArray>{"half-done"});
        buffer.compact();
    }
    QCOMPARE(buffer.unreadBytes(), 0);
}

QTEST_GUILESS_MAIN(tst_ClientLineBuffer)
#include "tst_client_line_buffer.moc"
