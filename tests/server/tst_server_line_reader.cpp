// Framing bytes into lines, and what counts as a name: the parts of the server that see raw
// bytes from the network first.
#include "line_reader.h"
#include "name_check.h"

#include <QTest>
#include <cstring>

using namespace prodcons::server;

namespace {

/// Feeds `input` in chunks of `chunk` bytes; returns the items as text ("!" for TooLong),
/// the unterminated rest included at the end.
QStringList frame(const QByteArray& input, int chunk, std::size_t max_line = 255)
{
    static char storage[1024];
    LineReader reader(std::span<char>(storage, sizeof storage), max_line);
    QStringList items;
    auto drain = [&] {
        while (auto item = reader.next())
            items << (item->kind == LineReader::Kind::TooLong
                          ? QStringLiteral("!")
                          : QString::fromUtf8(item->text.data(), qsizetype(item->text.size())));
    };
    for (qsizetype at = 0; at < input.size(); at += chunk) {
        const qsizetype take = std::min<qsizetype>(chunk, input.size() - at);
        // One network read of `take` bytes, which may need several passes to fit.
        for (qsizetype copied = 0; copied < take;) {
            const std::span<char> space = reader.free_space();
            const auto n = std::min<qsizetype>(take - copied, qsizetype(space.size()));
            std::memcpy(space.data(), input.constData() + at + copied, std::size_t(n));
            reader.commit(std::size_t(n));
            copied += n;
            drain();
        }
    }
    if (auto last = reader.finish())
        items << (last->kind == LineReader::Kind::TooLong
                      ? QStringLiteral("!")
                      : QString::fromUtf8(last->text.data(), qsizetype(last->text.size())));
    return items;
}

} // namespace

class tst_ServerLineReader : public QObject
{
    Q_OBJECT

private slots:
    void framesLines_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("one") << QByteArray("Ada\n") << QStringList{"Ada"};
        QTest::newRow("several") << QByteArray("a\nb\nc\n") << QStringList{"a", "b", "c"};
        QTest::newRow("CR LF") << QByteArray("a\r\nb\r\n") << QStringList{"a", "b"};
        QTest::newRow("CR only is data") << QByteArray("a\rb\n") << QStringList{"a\rb"};
        QTest::newRow("empty line") << QByteArray("\n") << QStringList{""};
        QTest::newRow("unterminated last") << QByteArray("a\nb") << QStringList{"a", "b"};
        QTest::newRow("at the limit") << QByteArray(255, 'x') + "\n"
                                      << QStringList{QString(255, 'x')};
        QTest::newRow("limit with CR") << QByteArray(255, 'x') + "\r\n"
                                       << QStringList{QString(255, 'x')};
        QTest::newRow("one over") << QByteArray(256, 'x') + "\nnext\n" << QStringList{"!", "next"};
        QTest::newRow("far over") << QByteArray(5000, 'y') + "\nnext\n" << QStringList{"!", "next"};
        QTest::newRow("far over, unterminated") << QByteArray(5000, 'y') << QStringList{"!"};
        QTest::newRow("NUL is data")
            << QByteArray("a\0b\n", 4) << QStringList{QString::fromUtf8("a\0b", 3)};
    }

    void framesLines()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, expected);
        // However the bytes are cut into reads, the lines are the same.
        for (int chunk : {1, 2, 3, 7, 64, 100000})
            QCOMPARE(frame(input, chunk), expected);
    }

    void aMegabyteLineIsReportedOnceAndNeverBuffered()
    {
        const QByteArray input = "before\n" + QByteArray(1 << 20, 'z') + "\nafter\n";
        QCOMPARE(frame(input, 4096), (QStringList{"before", "!", "after"}));
    }

    void namesAreChecked_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("verdict");
        QTest::newRow("plain") << QByteArray("Olivia") << int(NameVerdict::Ok);
        QTest::newRow("accents") << QByteArray("Zoë Ångström") << int(NameVerdict::Ok);
        QTest::newRow("cjk") << QByteArray("李小龍") << int(NameVerdict::Ok);
        QTest::newRow("emoji") << QByteArray("\xF0\x9F\x98\x80") << int(NameVerdict::Ok);
        QTest::newRow("empty") << QByteArray() << int(NameVerdict::Empty);
        QTest::newRow("256 bytes") << QByteArray(256, 'a') << int(NameVerdict::TooLong);
        QTest::newRow("tab") << QByteArray("a\tb") << int(NameVerdict::ControlBytes);
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << int(NameVerdict::ControlBytes);
        QTest::newRow("DEL") << QByteArray("a\x7f") << int(NameVerdict::ControlBytes);
        QTest::newRow("lone continuation") << QByteArray("\x80") << int(NameVerdict::NotUtf8);
        QTest::newRow("truncated") << QByteArray("\xC3") << int(NameVerdict::NotUtf8);
        QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << int(NameVerdict::NotUtf8);
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << int(NameVerdict::NotUtf8);
        QTest::newRow("above U+10FFFF")
            << QByteArray("\xF4\x90\x80\x80") << int(NameVerdict::NotUtf8);
        QTest::newRow("latin-1") << QByteArray("Zo\xEB") << int(NameVerdict::NotUtf8);
        QTest::newRow("error line") << QByteArray("ERROR: hi") << int(NameVerdict::LooksLikeError);
        QTest::newRow("error-like, not one") << QByteArray("error: hi") << int(NameVerdict::Ok);
    }

    void namesAreChecked()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, verdict);
        QCOMPARE(int(check_name(std::string_view(name.constData(), std::size_t(name.size())), 255)),
                 verdict);
    }

    void wordsIgnoreCaseAndBlanks()
    {
        QVERIFY(is_word("producer", "producer"));
        QVERIFY(is_word("  Producer\t", "producer"));
        QVERIFY(is_word("OK", "ok"));
        QVERIFY(!is_word("producers", "producer"));
        QVERIFY(!is_word("prod", "producer"));
        QVERIFY(!is_word("", "ok"));
    }
};

QTEST_GUILESS_MAIN(tst_ServerLineReader)
#include "tst_server_line_reader.moc"
