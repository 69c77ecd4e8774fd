// Formatting and parsing the `#source-seq` tag.
#include "name_tag.h"

#include <QStringDecoder>
#include <QTest>

using namespace prodcons::client;

class tst_ClientNameTag : public QObject
{
    Q_OBJECT

private slots:
    void formatsNameSourceAndSeq();
    void parse_data();
    void parse();
    void roundTripsAcrossTheSeqRange();
    void longNameIsCutToFitTheDefaultSlot();
    void cutNeverSplitsAUtf8Character();
    void validSources_data();
    void validSources();
    void randomSourcesAreValidAndDiffer();
};

void tst_ClientNameTag::formatsNameSourceAndSeq()
{
    QByteArray out = "x";
    NameTag::append(out, "Olivia", "k3x9", 42);
    QCOMPARE(out, QByteArray("xOlivia#k3x9-42"));
    out.clear();
    NameTag::append(out, "Zoë", "a", 0);
    QCOMPARE(out, QByteArray("Zo\xc3\xab#a-0"));
}

void tst_ClientNameTag::parse_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<quint64>("seq");
    QTest::newRow("plain") << QByteArray("Olivia#k3x9-42") << true << QByteArray("Olivia")
                           << QByteArray("k3x9") << quint64(42);
    QTest::newRow("hash in the name: the last one counts")
        << QByteArray("C#sharp#src-7") << true << QByteArray("C#sharp") << QByteArray("src")
        << quint64(7);
    QTest::newRow("empty name part")
        << QByteArray("#s-0") << true << QByteArray() << QByteArray("s") << quint64(0);
    QTest::newRow("largest seq") << QByteArray("a#s-18446744073709551615") << true
                                 << QByteArray("a") << QByteArray("s")
                                 << quint64(18446744073709551615ULL);
    QTest::newRow("seq overflows") << QByteArray("a#s-18446744073709551616") << false
                                   << QByteArray() << QByteArray() << quint64(0);
    QTest::newRow("no tag") << QByteArray("Olivia") << false << QByteArray() << QByteArray()
                            << quint64(0);
    QTest::newRow("no dash") << QByteArray("Olivia#k3x9") << false << QByteArray() << QByteArray()
                             << quint64(0);
    QTest::newRow("no seq") << QByteArray("Olivia#k3x9-") << false << QByteArray() << QByteArray()
                            << quint64(0);
    QTest::newRow("seq not decimal")
        << QByteArray("Olivia#k3x9-4x") << false << QByteArray() << QByteArray() << quint64(0);
    QTest::newRow("negative seq") << QByteArray("Olivia#k3x9--4") << false << QByteArray()
                                  << QByteArray() << quint64(0);
    QTest::newRow("upper-case source")
        << QByteArray("Olivia#K3X9-4") << false << QByteArray() << QByteArray() << quint64(0);
    QTest::newRow("source too long")
        << QByteArray("O#abcdefghijklm-1") << false << QByteArray() << QByteArray() << quint64(0);
    QTest::newRow("empty source") << QByteArray("O#-1") << false << QByteArray() << QByteArray()
                                  << quint64(0);
}

void tst_ClientNameTag::parse()
{
    QFETCH(QByteArray, line);
    QFETCH(bool, valid);
    const std::optional<NameTag::Parsed> parsed = NameTag::parse(line);
    QCOMPARE(parsed.has_value(), valid);
    if (!valid)
        return;
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, source);
    QFETCH(quint64, seq);
    QCOMPARE(parsed->name.toByteArray(), name);
    QCOMPARE(parsed->source.toByteArray(), source);
    QCOMPARE(parsed->seq, seq);
}

void tst_ClientNameTag::roundTripsAcrossTheSeqRange()
{
    for (const quint64 seq : {0ULL, 9ULL, 10ULL, 99ULL, 12345678901ULL, ~0ULL}) {
        QByteArray line;
        NameTag::append(line, "Ngozi", "abcdefghijkl", seq);
        const auto parsed = NameTag::parse(line);
        QVERIFY(parsed);
        QCOMPARE(parsed->seq, seq);
        QCOMPARE(parsed->name, QByteArrayView("Ngozi"));
    }
}

void tst_ClientNameTag::longNameIsCutToFitTheDefaultSlot()
{
    const QByteArray name(300, 'a');
    QByteArray line;
    NameTag::append(line, name, "src", 123456);
    QCOMPARE(line.size(), NameTag::kMaxTaggedBytes);
    QVERIFY(line.endsWith("#src-123456"));
    const auto parsed = NameTag::parse(line);
    QVERIFY(parsed);
    QCOMPARE(parsed->seq, 123456u);
    QCOMPARE(parsed->name.size(), NameTag::kMaxTaggedBytes - qsizetype(sizeof "#src-123456" - 1));
}

void tst_ClientNameTag::cutNeverSplitsAUtf8Character()
{
    // 2-byte and 3-byte characters, at every alignment against the cut.
    for (const QByteArray& unit : {QByteArray("\xc3\xa9"), QByteArray("\xe2\x82\xac")}) {
        for (int prefix = 0; prefix < 3; ++prefix) {
            const QByteArray name = QByteArray(prefix, 'x') + unit.repeated(200);
            QByteArray line;
            NameTag::append(line, name, "s", 5);
            QVERIFY(line.size() <= NameTag::kMaxTaggedBytes);
            QVERIFY(line.size() >
                    NameTag::kMaxTaggedBytes - unit.size()); // cut no more than needed
            QStringDecoder decoder(QStringDecoder::Utf8);
            const QString text = decoder(line);
            QVERIFY2(!decoder.hasError(), line.constData());
            QVERIFY(text.endsWith(QLatin1String("#s-5")));
        }
    }
}

void tst_ClientNameTag::validSources_data()
{
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<bool>("valid");
    QTest::newRow("short") << QByteArray("a") << true;
    QTest::newRow("twelve") << QByteArray("abcdef012345") << true;
    QTest::newRow("thirteen") << QByteArray("abcdef0123456") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("dash") << QByteArray("a-b") << false;
    QTest::newRow("hash") << QByteArray("a#b") << false;
    QTest::newRow("upper") << QByteArray("Ab") << false;
}

void tst_ClientNameTag::validSources()
{
    QFETCH(QByteArray, source);
    QFETCH(bool, valid);
    QCOMPARE(NameTag::isValidSource(source), valid);
}

void tst_ClientNameTag::randomSourcesAreValidAndDiffer()
{
    const QByteArray a = NameTag::randomSource();
    const QByteArray b = NameTag::randomSource();
    QVERIFY(NameTag::isValidSource(a));
    QVERIFY(NameTag::isValidSource(b));
    QVERIFY(a != b); // 36^6 possibilities: a clash means the generator is not random
}

QTEST_GUILESS_MAIN(tst_ClientNameTag)
#include "tst_client_name_tag.moc"
