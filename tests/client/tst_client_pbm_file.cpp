// A .pbm file as the lines a producer sends: plain files byte for byte, raw files as plain lines
// that decode to the same pixels, and a clear sentence for every file that cannot be sent.
#include "pbm_file.h"
#include "pbm_stream_decoder.h"
#include "pbm_test_pictures.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace prodcons::client;
using namespace prodcons::test;

namespace {

QByteArray joined(const QList<QByteArray>& lines)
{
    return lines.join('\n') + '\n';
}

} // namespace

class tst_ClientPbmFile : public QObject
{
    Q_OBJECT

private slots:
    void plainLinesAreTheFilesBytes_data();
    void plainLinesAreTheFilesBytes();
    void plainFileFromDisk();
    void crLfLinesLoseTheirCr();
    void rawBecomesPlainWithTheSamePixels_data();
    void rawBecomesPlainWithTheSamePixels();
    void rawRowsToLines_data();
    void rawRowsToLines();
    void filesThatCannotBeSent_data();
    void filesThatCannotBeSent();
    void missingFile();
    void hugeFileIsRefusedUnread();
};

void tst_ClientPbmFile::plainLinesAreTheFilesBytes_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::newRow("classic") << plainTestPicture(kClassicWidth, kClassicHeight);
    QTest::newRow("comments, odd spacing, digits run together")
        << QByteArray("P1\n# two rows\n  3   2 # size\n1 0 # a comment in the raster\n1\n010\n");
    QTest::newRow("everything on one line") << QByteArray("P1 3 2 101 010\n");
}

void tst_ClientPbmFile::plainLinesAreTheFilesBytes()
{
    QFETCH(QByteArray, file);
    const PbmFile pbm = PbmFile::fromBytes(file);
    QVERIFY2(pbm.isValid(), qPrintable(pbm.errorString()));
    QCOMPARE(pbm.format(), PbmFile::Format::Plain);
    QCOMPARE(joined(pbm.lines()), file);
}

void tst_ClientPbmFile::plainFileFromDisk()
{
    const QString path = QFINDTESTDATA("data/letter_p.pbm");
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const PbmFile pbm = PbmFile::load(path);
    QVERIFY2(pbm.isValid(), qPrintable(pbm.errorString()));
    QCOMPARE(pbm.width(), 6);
    QCOMPARE(pbm.height(), 8);
    QCOMPARE(pbm.lines().size(), 11);
    QCOMPARE(pbm.lines()[1], QByteArray("# the letter P, 6 x 8 pixels"));
    QCOMPARE(joined(pbm.lines()), file.readAll());
    // A last line without its LF is a line all the same.
    const PbmFile unterminated = PbmFile::fromBytes("P1\n2 1\n0 1");
    QVERIFY2(unterminated.isValid(), qPrintable(unterminated.errorString()));
    QCOMPARE(unterminated.lines(), (QList<QByteArray>{"P1", "2 1", "0 1"}));
}

void tst_ClientPbmFile::crLfLinesLoseTheirCr()
{
    const PbmFile pbm = PbmFile::fromBytes("P1\r\n2 1\r\n0 1\r\n");
    QVERIFY2(pbm.isValid(), qPrintable(pbm.errorString()));
    QCOMPARE(pbm.lines(), (QList<QByteArray>{"P1", "2 1", "0 1"}));
}

void tst_ClientPbmFile::rawBecomesPlainWithTheSamePixels_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<qsizetype>("maxLineBytes");
    QTest::newRow("classic size") << kClassicWidth << kClassicHeight << qsizetype{8191};
    QTest::newRow("padding bits in every row") << 13 << 5 << qsizetype{8191};
    QTest::newRow("rows wider than a line") << 5000 << 4 << qsizetype{8191};
    QTest::newRow("the widest row") << 16384 << 2 << qsizetype{8191};
    QTest::newRow("a 255-byte server") << 300 << 20 << qsizetype{255};
    QTest::newRow("one pixel a line") << 20 << 3 << qsizetype{5};
}

void tst_ClientPbmFile::rawBecomesPlainWithTheSamePixels()
{
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(qsizetype, maxLineBytes);
    const PbmFile pbm = PbmFile::fromBytes(rawTestPicture(width, height), maxLineBytes);
    QVERIFY2(pbm.isValid(), qPrintable(pbm.errorString()));
    QCOMPARE(pbm.format(), PbmFile::Format::Raw);
    QCOMPARE(pbm.lines()[0], QByteArray("P1"));
    QCOMPARE(pbm.lines()[1], QByteArray::number(width) + ' ' + QByteArray::number(height));

    PbmStreamDecoder decoder;
    for (const QByteArray& line : pbm.lines()) {
        QVERIFY(line.size() <= maxLineBytes);
        decoder.feed(line);
    }
    QCOMPARE(decoder.state(), PbmStreamDecoder::State::Complete);
    QCOMPARE(decoder.width(), width);
    QCOMPARE(decoder.height(), height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (decoder.isBlack(x, y) != testPixel(x, y))
                QFAIL(qPrintable(QStringLiteral("pixel %1, %2").arg(x).arg(y)));
}

void tst_ClientPbmFile::rawRowsToLines_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<qsizetype>("maxLineBytes");
    QTest::addColumn<QList<int>>("lineBytes"); // the lengths of one row's lines
    QTest::newRow("classic: a row is a line of 2,047 bytes")
        << 1024 << qsizetype{8191} << QList<int>{2047};
    QTest::newRow("4,096 pixels just fit") << 4096 << qsizetype{8191} << QList<int>{8191};
    QTest::newRow("4,097 pixels take two lines") << 4097 << qsizetype{8191} << QList<int>{8191, 1};
    QTest::newRow("the widest row in four")
        << 16384 << qsizetype{8191} << QList<int>{8191, 8191, 8191, 8191};
    QTest::newRow("an even limit leaves its last byte")
        << 10 << qsizetype{8} << QList<int>{7, 7, 3};
}

void tst_ClientPbmFile::rawRowsToLines()
{
    QFETCH(int, width);
    QFETCH(qsizetype, maxLineBytes);
    QFETCH(QList<int>, lineBytes);
    const int height = 3;
    const PbmFile pbm = PbmFile::fromBytes(rawTestPicture(width, height), maxLineBytes);
    QVERIFY2(pbm.isValid(), qPrintable(pbm.errorString()));
    QCOMPARE(pbm.lines().size(), 2 + height * lineBytes.size());
    if (maxLineBytes == kMaxNameBytes) // the default: the longest line any server takes
        QCOMPARE(PbmFile::fromBytes(rawTestPicture(width, height)).lines(), pbm.lines());
    for (int y = 0; y < height; ++y)
        for (int i = 0; i < lineBytes.size(); ++i)
            QCOMPARE(pbm.lines()[2 + y * lineBytes.size() + i].size(), lineBytes[i]);
}

void tst_ClientPbmFile::filesThatCannotBeSent_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<qsizetype>("maxLineBytes");
    QTest::addColumn<QString>("error");
    const qsizetype normal = 8191;
    QTest::newRow("empty") << QByteArray() << normal << "the file is empty";
    QTest::newRow("text") << QByteArray("Emma\nLiam\n") << normal << "not a PBM picture";
    QTest::newRow("PNG") << QByteArray("\x89PNG\r\n\x1a\n", 8) << normal << "not a PBM picture";
    QTest::newRow("grey") << QByteArray("P2\n2 1\n255\n0 255\n") << normal
                          << "only black-and-white PBM pictures";
    QTest::newRow("colour") << QByteArray("P6\n1 1\n255\nabc") << normal
                            << "only black-and-white PBM pictures";
    QTest::newRow("negative size")
        << QByteArray("P1\n-3 2\n") << normal << "no valid width and height";
    QTest::newRow("too wide") << QByteArray("P1\n16385 1\n") << normal
                              << "at most 16,384 pixels a side";
    QTest::newRow("too many pixels")
        << QByteArray("P4\n8192 8192\n") << normal << "16,777,216 pixels in all";
    QTest::newRow("huge number") << QByteArray("P4 99999999999999999999999 1\n") << normal
                                 << "too large";
    QTest::newRow("no pixels") << QByteArray("P1\n3 0\n") << normal << "no pixels";
    QTest::newRow("header cut short")
        << QByteArray("P1\n3") << normal << "ends inside the picture's header";
    QTest::newRow("plain, truncated")
        << QByteArray("P1\n3 2\n1 0 1\n0\n") << normal << "ends after 4 of 6 pixels";
    QTest::newRow("raw, truncated")
        << QByteArray("P4\n8 3\n\x01\x02", 9) << normal << "ends after 2 of 3 rows";
    QTest::newRow("raw, more after it") << QByteArray("P4\n8 1\n\x01P4\n8 1\n\x02", 15) << normal
                                        << "more after the picture (7 byte(s))";
    QTest::newRow("plain, too many pixels")
        << QByteArray("P1\n3 1\n1 0 1\n1\n") << normal << "line 4 holds more pixels than the 3 x 1";
    QTest::newRow("plain, a second picture")
        << QByteArray("P1\n1 1\n1\nP1\n1 1\n0\n") << normal << "line 4 starts a second picture";
    QTest::newRow("plain, a word in the raster")
        << QByteArray("P1\n2 2\n1 0\nEmma\n0 1\n") << normal << "line 4 is not part of the picture";
    QTest::newRow("plain, an empty line")
        << QByteArray("P1\n2 1\n\n1 0\n") << normal << "line 3: it is empty";
    QTest::newRow("plain, tabs") << QByteArray("P1\n2 1\n1\t0\n") << normal
                                 << "line 3: it has the control byte 0x09 at byte 2";
    QTest::newRow("plain, Latin-1 comment")
        << QByteArray("P1\n# na\xefve\n1 1\n1\n") << normal << "line 2: it is not valid UTF-8";
    QTest::newRow("plain, a line too long for the server")
        << plainTestPicture(200, 2) << qsizetype{255}
        << "line 3 is 399 bytes long; the server takes lines of at most 255 bytes";
    QTest::newRow("raw, even its size line too long")
        << QByteArray("P4\n8 1\n\x01", 8) << qsizetype{2} << "line 2 is 3 bytes long";
}

void tst_ClientPbmFile::filesThatCannotBeSent()
{
    QFETCH(QByteArray, file);
    QFETCH(qsizetype, maxLineBytes);
    QFETCH(QString, error);
    const PbmFile pbm = PbmFile::fromBytes(file, maxLineBytes);
    QVERIFY(!pbm.isValid());
    QVERIFY2(pbm.errorString().contains(error), qPrintable(pbm.errorString()));
    QVERIFY(pbm.lines().isEmpty());
}

void tst_ClientPbmFile::missingFile()
{
    const PbmFile pbm = PbmFile::load(QStringLiteral("/nonexistent/picture.pbm"));
    QVERIFY(!pbm.isValid());
    QVERIFY2(pbm.errorString().startsWith(QStringLiteral("cannot read /nonexistent/picture.pbm: ")),
             qPrintable(pbm.errorString()));
}

void tst_ClientPbmFile::hugeFileIsRefusedUnread()
{
    // A sparse file of 65 MiB that starts like a picture: refused by its size, before reading.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("huge.pbm"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write("P1\n1 1\n1\n") > 0);
    QVERIFY(file.resize(qint64{65} << 20));
    file.close();
    const PbmFile pbm = PbmFile::load(path);
    QVERIFY(!pbm.isValid());
    QVERIFY2(pbm.errorString().contains(QStringLiteral("larger than 64 MiB")),
             qPrintable(pbm.errorString()));
}

QTEST_GUILESS_MAIN(tst_ClientPbmFile)
#include "tst_client_pbm_file.moc"
