// A plain PBM picture put together from received lines: exact when the lines are, torn from the
// first lost or doubled line on, and safe whatever arrives.
#include "pbm_limits.h"
#include "pbm_stream_decoder.h"
#include "pbm_test_pictures.h"

#include <QRandomGenerator>
#include <QTest>

using namespace prodcons::client;
using namespace prodcons::test;
using State = PbmStreamDecoder::State;
using Problem = PbmStreamDecoder::Problem;

Q_DECLARE_METATYPE(PbmStreamDecoder::Problem)

namespace {

void feedAll(PbmStreamDecoder& decoder, const QList<QByteArray>& lines)
{
    for (const QByteArray& line : lines)
        decoder.feed(line);
}

/// Whether row y of the decoded picture has arrived whole and equals row y of the test picture.
bool rowIsOriginal(const PbmStreamDecoder& decoder, int y)
{
    for (int x = 0; x < decoder.width(); ++x)
        if (!decoder.isReceived(x, y) || decoder.isBlack(x, y) != testPixel(x, y))
            return false;
    return true;
}

/// The pixels of a small picture as text, one row a line: '1', '0', and '.' for not received.
QByteArray picture(const PbmStreamDecoder& decoder)
{
    QByteArray text;
    for (int y = 0; y < decoder.height(); ++y) {
        for (int x = 0; x < decoder.width(); ++x)
            text += !decoder.isReceived(x, y) ? '.' : decoder.isBlack(x, y) ? '1' : '0';
        text += '\n';
    }
    return text;
}

} // namespace

class tst_ClientPbmStreamDecoder : public QObject
{
    Q_OBJECT

private slots:
    void classicPictureDecodesExactly();
    void headerForms_data();
    void headerForms();
    void rowsMayBeCutAnywhere();
    void droppedLineTearsFromItsRowOn_data();
    void droppedLineTearsFromItsRowOn();
    void doubledLineTearsAndOverflows_data();
    void doubledLineTearsAndOverflows();
    void overflowIsCountedNotStored();
    void oneHugeLineIsCountedNotStored();
    void foreignLinesAreSkippedWhole();
    void aP1LineStartsANewPicture();
    void notAPicture_data();
    void notAPicture();
    void aPictureAfterGarbageIsDrawn();
    void storageFollowsTheRowsThatArrived();
    void changesNameTheRowsTouched();
    void resetForgetsThePicture();
    void hostileBytesNeverBreakIt();
};

void tst_ClientPbmStreamDecoder::classicPictureDecodesExactly()
{
    const QList<QByteArray> lines = classicTestPictureLines();
    QCOMPARE(lines.size(), 1764);
    QCOMPARE(lines[100].size(), 2047);
    PbmStreamDecoder decoder;
    feedAll(decoder, lines);
    QCOMPARE(decoder.state(), State::Complete);
    QCOMPARE(decoder.width(), kClassicWidth);
    QCOMPARE(decoder.height(), kClassicHeight);
    QCOMPARE(decoder.rowsComplete(), kClassicHeight);
    QCOMPARE(decoder.pixelsReceived(), qint64{kClassicWidth} * kClassicHeight);
    QCOMPARE(decoder.linesFed(), 1764);
    QCOMPARE(decoder.skippedLines(), 0);
    QCOMPARE(decoder.extraLines(), 0);
    for (int y = 0; y < kClassicHeight; ++y)
        QVERIFY2(rowIsOriginal(decoder, y), qPrintable(QStringLiteral("row %1").arg(y)));
    // The packed rows are the raw PBM's rows.
    QCOMPARE(decoder.packedRow(0).size(), kClassicWidth / 8);
    const QByteArray raw = rawTestPicture(kClassicWidth, kClassicHeight);
    const qsizetype rasterStart = raw.size() - qsizetype{kClassicHeight} * kClassicWidth / 8;
    QCOMPARE(decoder.packedRow(7).toByteArray(),
             raw.mid(rasterStart + 7 * kClassicWidth / 8, kClassicWidth / 8));
}

void tst_ClientPbmStreamDecoder::headerForms_data()
{
    QTest::addColumn<QList<QByteArray>>("lines");
    const QByteArray expected = "101\n010\n";
    QTest::addColumn<QByteArray>("pixels");
    QTest::newRow("one line each") << QList<QByteArray>{"P1", "3 2", "1 0 1", "0 1 0"} << expected;
    QTest::newRow("all on one line") << QList<QByteArray>{"P1 3 2 1 0 1 0 1 0"} << expected;
    QTest::newRow("width and height apart")
        << QList<QByteArray>{"P1", "3", "2", "101", "010"} << expected;
    QTest::newRow("comments everywhere")
        << QList<QByteArray>{"P1# magic", "# made by hand", "  3 # wide", "#", "2#tall", "101010"}
        << expected;
    QTest::newRow("comments in the raster")
        << QList<QByteArray>{"P1", "3 2 # size", "# row 0", "1 0 1 # row 0 again", "010#"}
        << expected;
    QTest::newRow("header and raster share a line")
        << QList<QByteArray>{"P1", "3 2 101", "010"} << expected;
    QTest::newRow("tabs, CR, spaces")
        << QList<QByteArray>{"P1\t3\r2", "1\t0 1\r", " 0 1 0 "} << expected;
    QTest::newRow("leading zeros and blank lines")
        << QList<QByteArray>{"", "  ", "P1", "", "003 0002", "", "101", "", "010"} << expected;
}

void tst_ClientPbmStreamDecoder::headerForms()
{
    QFETCH(QList<QByteArray>, lines);
    QFETCH(QByteArray, pixels);
    PbmStreamDecoder decoder;
    feedAll(decoder, lines);
    QCOMPARE(decoder.state(), State::Complete);
    QCOMPARE(decoder.width(), 3);
    QCOMPARE(decoder.height(), 2);
    QCOMPARE(picture(decoder), pixels);
    QCOMPARE(decoder.skippedLines(), 0);
}

void tst_ClientPbmStreamDecoder::rowsMayBeCutAnywhere()
{
    PbmStreamDecoder decoder;
    feedAll(decoder, {"P1", "5 3", "10", "0 1 1 0", "0111", "0"});
    QCOMPARE(decoder.state(), State::Drawing);
    QCOMPARE(decoder.rowsComplete(), 2);
    QCOMPARE(picture(decoder), QByteArray("10011\n00111\n0....\n"));
    decoder.feed("0 0 0 1");
    QCOMPARE(decoder.state(), State::Complete);
    QCOMPARE(picture(decoder), QByteArray("10011\n00111\n00001\n"));
}

void tst_ClientPbmStreamDecoder::droppedLineTearsFromItsRowOn_data()
{
    QTest::addColumn<int>("droppedRow");
    QTest::newRow("first row") << 0;
    QTest::newRow("a middle row") << 300;
    QTest::newRow("the last row") << kClassicHeight - 1;
}

void tst_ClientPbmStreamDecoder::droppedLineTearsFromItsRowOn()
{
    QFETCH(int, droppedRow);
    QList<QByteArray> lines = classicTestPictureLines();
    lines.removeAt(2 + droppedRow);
    PbmStreamDecoder decoder;
    feedAll(decoder, lines);

    QCOMPARE(decoder.state(), State::Drawing); // one row short, for good
    QCOMPARE(decoder.rowsComplete(), kClassicHeight - 1);
    for (int y = 0; y < droppedRow; ++y)
        QVERIFY2(rowIsOriginal(decoder, y), qPrintable(QStringLiteral("row %1").arg(y)));
    // From the lost row on, every row shows the next one: each differs from the original.
    for (int y = droppedRow; y < kClassicHeight - 1; ++y)
        QVERIFY2(!rowIsOriginal(decoder, y), qPrintable(QStringLiteral("row %1").arg(y)));
    QVERIFY(!decoder.isReceived(0, kClassicHeight - 1));
}

void tst_ClientPbmStreamDecoder::doubledLineTearsAndOverflows_data()
{
    QTest::addColumn<int>("doubledRow");
    QTest::newRow("first row") << 0;
    QTest::newRow("a middle row") << 1000;
    QTest::newRow("the last row") << kClassicHeight - 1;
}

void tst_ClientPbmStreamDecoder::doubledLineTearsAndOverflows()
{
    QFETCH(int, doubledRow);
    QList<QByteArray> lines = classicTestPictureLines();
    lines.insert(2 + doubledRow, lines[2 + doubledRow]);
    PbmStreamDecoder decoder;
    feedAll(decoder, lines);

    QCOMPARE(decoder.state(), State::Overflow);
    QCOMPARE(decoder.extraLines(), 1);
    QCOMPARE(decoder.extraPixels(), kClassicWidth);
    QCOMPARE(decoder.rowsComplete(), kClassicHeight);
    for (int y = 0; y <= doubledRow; ++y)
        QVERIFY2(rowIsOriginal(decoder, y), qPrintable(QStringLiteral("row %1").arg(y)));
    // After the doubled row, every row shows the one before it.
    for (int y = doubledRow + 1; y < kClassicHeight; ++y)
        QVERIFY2(!rowIsOriginal(decoder, y), qPrintable(QStringLiteral("row %1").arg(y)));
}

void tst_ClientPbmStreamDecoder::overflowIsCountedNotStored()
{
    PbmStreamDecoder decoder;
    feedAll(decoder, {"P1", "4 2", "1111", "0000"});
    QCOMPARE(decoder.state(), State::Complete);
    decoder.feed("   "); // whitespace carries no pixel: still complete
    QCOMPARE(decoder.state(), State::Complete);
    for (int i = 0; i < 10000; ++i)
        decoder.feed("1 0 1");
    QCOMPARE(decoder.state(), State::Overflow);
    QCOMPARE(decoder.extraLines(), 10000);
    QCOMPARE(decoder.extraPixels(), 30000);
    QCOMPARE(picture(decoder), QByteArray("1111\n0000\n"));
    QVERIFY(decoder.packedRow(2).isEmpty()); // nothing stored past the picture

    // A line that ends the picture and runs past it counts as one extra line.
    PbmStreamDecoder partly;
    feedAll(partly, {"P1", "4 2", "1111", "0 0 0 0 1 1"});
    QCOMPARE(partly.state(), State::Overflow);
    QCOMPARE(partly.extraLines(), 1);
    QCOMPARE(partly.extraPixels(), 2);
    QCOMPARE(picture(partly), QByteArray("1111\n0000\n"));
}

void tst_ClientPbmStreamDecoder::oneHugeLineIsCountedNotStored()
{
    PbmStreamDecoder decoder;
    decoder.feed("P1 8 2");
    decoder.feed(QByteArray(1'000'000, '1'));
    QCOMPARE(decoder.state(), State::Overflow);
    QCOMPARE(decoder.pixelsReceived(), 16);
    QCOMPARE(decoder.extraPixels(), 1'000'000 - 16);
    QCOMPARE(decoder.extraLines(), 1);
    QCOMPARE(picture(decoder), QByteArray("11111111\n11111111\n"));
    QVERIFY(decoder.packedRow(2).isEmpty());
    // A megabyte of binary is one skipped line.
    QByteArray binary(1'000'000, '\0');
    for (qsizetype i = 0; i < binary.size(); ++i)
        binary[i] = char(i * 131 % 256);
    decoder.feed(binary);
    QCOMPARE(decoder.skippedLines(), 1);
    QCOMPARE(decoder.extraPixels(), 1'000'000 - 16);
}

void tst_ClientPbmStreamDecoder::foreignLinesAreSkippedWhole()
{
    PbmStreamDecoder decoder;
    // A name from another producer, a doubled size line and binary, between the rows: none of
    // them leaves a pixel behind, not even the digits they hold.
    feedAll(decoder, {"P1", "4 2", "1 0 0 1", "Emma#k3x9-12", "4 2", QByteArray("\x00\x01\xff", 3),
                      "0 1 1 0"});
    QCOMPARE(decoder.state(), State::Complete);
    QCOMPARE(decoder.skippedLines(), 3);
    QCOMPARE(picture(decoder), QByteArray("1001\n0110\n"));
}

void tst_ClientPbmStreamDecoder::aP1LineStartsANewPicture()
{
    PbmStreamDecoder decoder;
    feedAll(decoder, {"P1", "4 2", "1 0 0 1"});
    decoder.takeChanges();
    feedAll(decoder, {"P1", "P1", "2 2", "1 1"}); // a doubled magic is harmless
    QCOMPARE(decoder.picturesStarted(), 3);
    QCOMPARE(decoder.width(), 2);
    QCOMPARE(decoder.height(), 2);
    QCOMPARE(decoder.state(), State::Drawing);
    QCOMPARE(picture(decoder), QByteArray("11\n..\n"));
    QVERIFY(decoder.takeChanges().restarted);
    QCOMPARE(decoder.linesFed(), 7);
}

void tst_ClientPbmStreamDecoder::notAPicture_data()
{
    QTest::addColumn<QList<QByteArray>>("lines");
    QTest::addColumn<Problem>("problem");
    QTest::newRow("a name") << QList<QByteArray>{"Emma"} << Problem::NotPbm;
    QTest::newRow("P followed by more digits") << QList<QByteArray>{"P12 3"} << Problem::NotPbm;
    QTest::newRow("raw PBM") << QList<QByteArray>{"P4", "8 1"} << Problem::RawPbm;
    QTest::newRow("grey") << QList<QByteArray>{"P2 3 2 255"} << Problem::NotBlackAndWhite;
    QTest::newRow("colour") << QList<QByteArray>{"P6"} << Problem::NotBlackAndWhite;
    QTest::newRow("binary") << QList<QByteArray>{QByteArray("\x00\xfe\x7f", 3)} << Problem::NotPbm;
    QTest::newRow("negative width") << QList<QByteArray>{"P1", "-3 2"} << Problem::BadHeader;
    QTest::newRow("a word for the height")
        << QList<QByteArray>{"P1", "3 tall"} << Problem::BadHeader;
    QTest::newRow("a hundred digits")
        << QList<QByteArray>{"P1", QByteArray(100, '9') + " 2"} << Problem::TooLarge;
    QTest::newRow("one pixel too wide") << QList<QByteArray>{"P1 16385 1"} << Problem::TooLarge;
    QTest::newRow("too many pixels in all")
        << QList<QByteArray>{"P1", "16384 16384"} << Problem::TooLarge;
    QTest::newRow("no pixels") << QList<QByteArray>{"P1", "0 5"} << Problem::NoPixels;
}

void tst_ClientPbmStreamDecoder::notAPicture()
{
    QFETCH(QList<QByteArray>, lines);
    QFETCH(Problem, problem);
    PbmStreamDecoder decoder;
    feedAll(decoder, lines);
    QCOMPARE(decoder.state(), State::NotAPicture);
    QCOMPARE(decoder.problem(), problem);
    QCOMPARE(decoder.width(), 0);
    QCOMPARE(decoder.height(), 0);
    decoder.feed("1 0 1"); // raster without a header: still nothing to draw
    QCOMPARE(decoder.state(), State::NotAPicture);
    QCOMPARE(decoder.pixelsReceived(), 0);
}

void tst_ClientPbmStreamDecoder::aPictureAfterGarbageIsDrawn()
{
    PbmStreamDecoder decoder;
    feedAll(decoder, {"Olivia", "Liam"});
    QCOMPARE(decoder.state(), State::NotAPicture);
    QCOMPARE(decoder.skippedLines(), 2);
    feedAll(decoder, {"P1", "2 1", "0 1"});
    QCOMPARE(decoder.state(), State::Complete);
    QCOMPARE(decoder.problem(), Problem::None);
    QCOMPARE(picture(decoder), QByteArray("01\n"));
    QCOMPARE(decoder.skippedLines(), 2); // the stream's count, kept across pictures
}

void tst_ClientPbmStreamDecoder::storageFollowsTheRowsThatArrived()
{
    // The largest header allowed, then one row: one row's storage, not 2 MB.
    PbmStreamDecoder decoder;
    feedAll(decoder, {"P1", "4096 4096", QByteArray(4096, '1')});
    QCOMPARE(decoder.state(), State::Drawing);
    QCOMPARE(decoder.rowsComplete(), 1);
    QCOMPARE(decoder.packedRow(0).size(), 512);
    QVERIFY(decoder.packedRow(1).isEmpty());
    QVERIFY(decoder.isBlack(4095, 0));
    QVERIFY(!decoder.isReceived(0, 1));
    QVERIFY(!decoder.isBlack(0, 1));
    // Out of range asks are answered, not crashed on.
    QVERIFY(!decoder.isReceived(-1, 0));
    QVERIFY(!decoder.isReceived(0, 4096));
    QVERIFY(!decoder.isBlack(4096, 0));
    QVERIFY(decoder.packedRow(-1).isEmpty());
}

void tst_ClientPbmStreamDecoder::changesNameTheRowsTouched()
{
    PbmStreamDecoder decoder;
    decoder.feed("P1");
    decoder.feed("4 5");
    PbmStreamDecoder::Changes changes = decoder.takeChanges();
    QVERIFY(changes.restarted);
    QCOMPARE(changes.endRow - changes.firstRow, 0);

    decoder.feed("1 1 1 1 0 0"); // row 0 and the start of row 1
    changes = decoder.takeChanges();
    QVERIFY(!changes.restarted);
    QCOMPARE(changes.firstRow, 0);
    QCOMPARE(changes.endRow, 2);

    decoder.feed("0 0");           // the rest of row 1
    decoder.feed("1 1 1 1 0 0 0"); // row 2 and most of row 3
    changes = decoder.takeChanges();
    QCOMPARE(changes.firstRow, 1);
    QCOMPARE(changes.endRow, 4);

    decoder.feed("Emma");
    changes = decoder.takeChanges();
    QCOMPARE(changes.endRow - changes.firstRow, 0);
    QVERIFY(!changes.restarted);
}

void tst_ClientPbmStreamDecoder::resetForgetsThePicture()
{
    PbmStreamDecoder decoder;
    feedAll(decoder, {"P1", "2 1", "1 1", "1"});
    decoder.takeChanges();
    decoder.reset();
    QCOMPARE(decoder.state(), State::WaitingForHeader);
    QCOMPARE(decoder.width(), 0);
    QCOMPARE(decoder.linesFed(), 0);
    QCOMPARE(decoder.extraLines(), 0);
    QVERIFY(decoder.takeChanges().restarted);
}

void tst_ClientPbmStreamDecoder::hostileBytesNeverBreakIt()
{
    // Random lines, some of them made of header and raster bytes so that they get deep into the
    // decoder, with a valid header now and then: whatever happens, the figures stay consistent.
    QRandomGenerator random(18);
    const QByteArray alphabet("P14 01\t\r#-9x\xff", 13);
    PbmStreamDecoder decoder;
    for (int i = 0; i < 50000; ++i) {
        QByteArray line(random.bounded(40), '\0');
        const bool fromAlphabet = random.bounded(2) == 0;
        for (char& c : line)
            c = fromAlphabet ? alphabet[random.bounded(alphabet.size())]
                             : char(random.bounded(256));
        if (i % 997 == 0)
            line = "P1 " + QByteArray::number(random.bounded(1, 200)) + ' ' +
                   QByteArray::number(random.bounded(1, 200));
        decoder.feed(line);
        QVERIFY(decoder.pixelsReceived() <= decoder.pixelCount());
        QVERIFY(decoder.pixelCount() <= prodcons::client::pbm::kMaxPixels);
        QVERIFY(decoder.width() <= prodcons::client::pbm::kMaxSide);
        if (decoder.state() == State::Drawing || decoder.state() == State::Complete)
            QVERIFY(decoder.width() > 0 && decoder.height() > 0);
    }
    QCOMPARE(decoder.linesFed(), 50000);
    QVERIFY(decoder.picturesStarted() > 0);
}

QTEST_GUILESS_MAIN(tst_ClientPbmStreamDecoder)
#include "tst_client_pbm_stream_decoder.moc"
