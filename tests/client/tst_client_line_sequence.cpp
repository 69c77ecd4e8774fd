// LineSequence: a text's lines to send as they are, refused whole at its first bad line; and
// NameCheck, the reasons given for it.
#include "line_sequence.h"
#include "name_list.h"
#include "protocol_limits.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace prodcons::client;

namespace {

QList<QByteArray> all(LineSequence lines)
{
    QList<QByteArray> result;
    while (!lines.atEnd())
        result.append(lines.next().toByteArray());
    return result;
}

} // namespace

class tst_ClientLineSequence : public QObject
{
    Q_OBJECT

private slots:
    void linesAreKeptAsTheyAre();
    void crLfEndsALineLikeLf();
    void emptyTextHasNoLines();
    void firstBadLineIsNamed_data();
    void firstBadLineIsNamed();
    void fromLinesRefusesLineEndsInsideALine();
    void fromFileNamesTheFileAndTheLine();
    void nameListAcceptsTheLongestName();
};

void tst_ClientLineSequence::linesAreKeptAsTheyAre()
{
    const QByteArray longest(kMaxNameBytes, 'q');
    const auto lines =
        LineSequence::fromText("  spaces around  \n# kept\n" + longest + "\nZoë\nno newline");
    QVERIFY(lines);
    QCOMPARE(lines->count(), 5);
    QCOMPARE(all(*lines),
             (QList<QByteArray>{"  spaces around  ", "# kept", longest, "Zoë", "no newline"}));
}

void tst_ClientLineSequence::crLfEndsALineLikeLf()
{
    const auto lines = LineSequence::fromText("a\r\nb\nc\r\n");
    QVERIFY(lines);
    QCOMPARE(all(*lines), (QList<QByteArray>{"a", "b", "c"}));
}

void tst_ClientLineSequence::emptyTextHasNoLines()
{
    const auto lines = LineSequence::fromText("");
    QVERIFY(lines);
    QCOMPARE(lines->count(), 0);
    QVERIFY(lines->atEnd());
}

void tst_ClientLineSequence::firstBadLineIsNamed_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qsizetype>("lineNumber");
    QTest::addColumn<QString>("reason"); // in describe()
    QTest::newRow("empty line") << QByteArray("a\n\nb\n") << qsizetype(2) << "line 2: it is empty";
    QTest::newRow("empty CR LF line")
        << QByteArray("a\r\n\r\n") << qsizetype(2) << "line 2: it is empty";
    QTest::newRow("tab") << QByteArray("a\nb\tc\n") << qsizetype(2)
                         << "control byte 0x09 at byte 2";
    QTest::newRow("CR inside") << QByteArray("a\rb\n") << qsizetype(1) << "CR (0x0D) at byte 2";
    QTest::newRow("CR at the very end")
        << QByteArray("a\nb\r") << qsizetype(2) << "CR (0x0D) at byte 2";
    QTest::newRow("two CRs") << QByteArray("a\r\r\n") << qsizetype(1) << "CR (0x0D) at byte 2";
    QTest::newRow("DEL") << QByteArray("ok\nx\x7f\n") << qsizetype(2) << "0x7F";
    QTest::newRow("Latin-1") << QByteArray("ok\nok\nZo\xEB\n") << qsizetype(3) << "not valid UTF-8";
    QTest::newRow("error line") << QByteArray("ERROR: x\n") << qsizetype(1) << "\"ERROR:\"";
    QTest::newRow("too long") << QByteArray("a\n") + QByteArray(kMaxNameBytes + 1, 'x')
                              << qsizetype(2) << "8192 bytes long; a name may have at most 8191";
    QTest::newRow("first of two") << QByteArray("a\n\n\tb\n") << qsizetype(2) << "empty";
}

void tst_ClientLineSequence::firstBadLineIsNamed()
{
    QFETCH(QByteArray, text);
    QFETCH(qsizetype, lineNumber);
    QFETCH(QString, reason);
    LineSequence::Problem problem;
    QVERIFY(!LineSequence::fromText(text, &problem));
    QCOMPARE(problem.lineNumber, lineNumber);
    QVERIFY2(problem.describe().contains(reason), qPrintable(problem.describe()));
}

void tst_ClientLineSequence::fromLinesRefusesLineEndsInsideALine()
{
    LineSequence::Problem problem;
    QVERIFY(!LineSequence::fromLines({"a", "b\r"}, &problem));
    QCOMPARE(problem.lineNumber, 2);
    QVERIFY(!LineSequence::fromLines({"a", "b", "c\nd"}, &problem));
    QCOMPARE(problem.lineNumber, 3);
    const auto lines = LineSequence::fromLines({" a ", "b"});
    QVERIFY(lines);
    QCOMPARE(all(*lines), (QList<QByteArray>{" a ", "b"}));
}

void tst_ClientLineSequence::fromFileNamesTheFileAndTheLine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("lines.txt");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("fine\nalso fine\n\nnever reached\n");
    file.close();
    QString error;
    QVERIFY(!LineSequence::fromFile(path, &error));
    QCOMPARE(error, path + ", line 3: it is empty");
    QVERIFY(!LineSequence::fromFile(dir.filePath("missing.txt"), &error));
    QVERIFY2(error.startsWith("cannot read " + dir.filePath("missing.txt")), qPrintable(error));
}

void tst_ClientLineSequence::nameListAcceptsTheLongestName()
{
    QVERIFY(NameList::isValidName(QByteArray(kMaxNameBytes, 'n')));
    QVERIFY(!NameList::isValidName(QByteArray(kMaxNameBytes + 1, 'n')));
    QCOMPARE(NameCheck::of(QByteArray(kMaxNameBytes + 1, 'n')).fault, NameCheck::Fault::TooLong);
}

QTEST_GUILESS_MAIN(tst_ClientLineSequence)
#include "tst_client_line_sequence.moc"
