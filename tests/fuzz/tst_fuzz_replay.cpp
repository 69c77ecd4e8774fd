// Replays the fuzz corpus (seeds, and every input a fuzz run found failing) through the same
// checks the libFuzzer targets run, plus hostile inputs made here: a megabyte on one line, every
// byte value, and a few thousand random inputs from a fixed seed. A crash found by
// scripts/fuzz.sh becomes a file in corpus/<target>/ and is checked here on every run.
#include "ipc_test_prefix.h"
#include "line_reader_check.h"
#include "session_check.h"

#include <QDir>
#include <QRandomGenerator>
#include <QTest>
#include <memory>

using namespace prodcons;

namespace {

QStringList corpusFiles(const QString& target)
{
    const QDir dir(QStringLiteral(PRODCONS_FUZZ_CORPUS) + QLatin1Char('/') + target);
    QStringList files;
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name))
        files << dir.absoluteFilePath(name);
    return files;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

const std::uint8_t* bytes(const QByteArray& data)
{
    return reinterpret_cast<const std::uint8_t*>(data.constData());
}

/// Random input made of pieces that matter to a line protocol.
QByteArray randomInput(QRandomGenerator& random, int pieces)
{
    static const QList<QByteArray> words = {"producer",
                                            "consumer",
                                            "OK",
                                            "ok ",
                                            "quit",
                                            "close",
                                            "\n",
                                            "\r\n",
                                            "\r",
                                            " ",
                                            "\t",
                                            "name",
                                            "Zo\xc3\xab",
                                            "\xff",
                                            "\xc3",
                                            QByteArray(1, '\0'),
                                            "\xed\xa0\x80",
                                            QByteArray(300, 'x'),
                                            QByteArray(255, 'y'),
                                            "\x7f",
                                            "#p0-1"};
    QByteArray input;
    for (int i = 0; i < pieces; ++i) {
        if (random.bounded(4) == 0)
            input += char(random.bounded(256));
        else
            input += words[random.bounded(int(words.size()))];
    }
    return input;
}

} // namespace

class tst_FuzzReplay : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::unique_ptr<fuzz::SessionCheck> m_session;

    void checkSession(const QByteArray& input)
    {
        const std::string problem = m_session->check(bytes(input), std::size_t(input.size()));
        QVERIFY2(problem.empty(), problem.c_str());
    }

private slots:
    void initTestCase()
    {
        m_prefix = std::make_unique<test::IpcTestPrefix>();
        m_session = std::make_unique<fuzz::SessionCheck>(m_prefix->prefix());
        QVERIFY2(m_session->ok(), m_session->error().c_str());
    }

    void cleanupTestCase()
    {
        m_session.reset();
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    void lineReaderCorpus_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& path : corpusFiles(QStringLiteral("line_reader")))
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }

    void lineReaderCorpus()
    {
        QFETCH(QString, path);
        const QByteArray input = readFile(path);
        const std::string problem = fuzz::checkLineReader(bytes(input), std::size_t(input.size()));
        QVERIFY2(problem.empty(), problem.c_str());
    }

    void lineReaderRandomInputs()
    {
        QRandomGenerator random(20261130);
        for (int i = 0; i < 5000; ++i) {
            QByteArray input(3, '\0');
            for (char& c : input)
                c = char(random.bounded(256));
            input += randomInput(random, random.bounded(1, 40));
            const std::string problem =
                fuzz::checkLineReader(bytes(input), std::size_t(input.size()));
            QVERIFY2(problem.empty(), (problem + "\ninput " + input.toHex().toStdString()).c_str());
        }
    }

    void sessionCorpus_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString& path : corpusFiles(QStringLiteral("session")))
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }

    void sessionCorpus()
    {
        QFETCH(QString, path);
        checkSession(readFile(path));
    }

    void sessionHostileInputs_data()
    {
        QTest::addColumn<QByteArray>("stream");
        const QByteArray megabyte(1 << 20, 'm');
        QByteArray everyByte;
        for (int b = 0; b < 256; ++b)
            everyByte += "b" + QByteArray(1, char(b)) + "\n";
        QTest::newRow("a megabyte as the role") << megabyte + "\nproducer\n";
        QTest::newRow("a megabyte as a name") << "producer\nbefore\n" + megabyte + "\nafter\n";
        QTest::newRow("a megabyte as an OK") << "consumer\nOK\n" + megabyte + "\nOK\n";
        QTest::newRow("CRs without LF") << "producer\n" + QByteArray(100000, '\r') + "\nx\n";
        QTest::newRow("every byte value in a name") << "producer\n" + everyByte;
        QTest::newRow("every byte value as an OK") << "consumer\n" + everyByte;
        QTest::newRow("a name at the limit")
            << "producer\n" + QByteArray(255, 'a') + "\r\n" + QByteArray(256, 'a') + "\n";
        QTest::newRow("quit with the role") << QByteArray("consumer\nquit\nOK\n");
        QTest::newRow("nothing after the role") << QByteArray("producer");
        QTest::newRow("empty") << QByteArray();
    }

    void sessionHostileInputs()
    {
        QFETCH(QByteArray, stream);
        for (const char mode : {'\0', '\1'}) // SHM, MQ
            checkSession(mode + stream);
    }

    void sessionRandomInputs()
    {
        QRandomGenerator random(11302026);
        for (int i = 0; i < 300; ++i) {
            QByteArray input(1, char(random.bounded(2)));
            input += random.bounded(2) ? "producer\n" : "consumer\n";
            input += randomInput(random, random.bounded(1, 60));
            checkSession(input);
            if (QTest::currentTestFailed()) {
                qWarning("input: %s", input.toHex().constData());
                return;
            }
        }
    }
};

QTEST_GUILESS_MAIN(tst_FuzzReplay)
#include "tst_fuzz_replay.moc"
