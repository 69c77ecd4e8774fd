// Object names from a prefix, geometry limits, and error texts at the POSIX boundary.
#include "ipc/config.h"
#include "ipc/error.h"
#include "ipc/object_names.h"

#include <QTest>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace prodcons::ipc;

class tst_IpcNames : public QObject
{
    Q_OBJECT

private slots:
    void defaultNamesAreTheClassicOnes()
    {
        const ObjectNames names = ObjectNames::defaults();
        QCOMPARE(QByteArray(names.control), QByteArray("/prodcons_shm"));
        QCOMPARE(QByteArray(names.mutex), QByteArray("/prodcons_mutex"));
        QCOMPARE(QByteArray(names.empty), QByteArray("/prodcons_empty"));
        QCOMPARE(QByteArray(names.full), QByteArray("/prodcons_full"));
        QCOMPARE(QByteArray(names.queue), QByteArray("/prodcons_mq"));
    }

    void prefixIsChecked_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<bool>("valid");
        QTest::newRow("default") << QByteArray("/prodcons") << true;
        QTest::newRow("test style") << QByteArray("/pct123_4") << true;
        QTest::newRow("dots and dashes") << QByteArray("/a.b-c") << true;
        QTest::newRow("no slash") << QByteArray("prodcons") << false;
        QTest::newRow("only slash") << QByteArray("/") << false;
        QTest::newRow("inner slash") << QByteArray("/a/b") << false;
        QTest::newRow("space") << QByteArray("/a b") << false;
        QTest::newRow("too long") << QByteArray("/" + QByteArray(48, 'x')) << false;
        QTest::newRow("longest") << QByteArray("/" + QByteArray(47, 'x')) << true;
    }

    void prefixIsChecked()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(bool, valid);
        auto names = ObjectNames::from_prefix(prefix.toStdString());
        QCOMPARE(names.ok(), valid);
        if (valid)
            QCOMPARE(QByteArray(names->queue), prefix + "_mq");
        else
            QCOMPARE(names.error().code, Errc::BadPrefix);
    }

    void geometryLimits()
    {
        QVERIFY(Geometry{}.check().ok());
        Geometry g;
        g.capacity = 0;
        QVERIFY(!g.check().ok());
        g = Geometry{};
        g.slot_size = 8;
        QVERIFY(!g.check().ok());
        QVERIFY(QByteArray(describe(g.check().error()).c_str()).contains("slot size 8"));
        QCOMPARE(Geometry{}.max_name_length(), 255u);
    }

    void posixErrorNamesCallObjectAndErrno()
    {
        const Error e = Error::posix("sem_open", "/prodcons_full", EACCES);
        QCOMPARE(QByteArray(describe(e).c_str()),
                 QByteArray("sem_open(\"/prodcons_full\"): EACCES (Permission denied)"));
    }

    void otherErrorsCarryTheirDetail()
    {
        const Error e = Error::make(Errc::LayoutMismatch, "check_layout", "/x_shm", "bad magic");
        QCOMPARE(QByteArray(describe(e).c_str()),
                 QByteArray("check_layout(\"/x_shm\"): incompatible layout: bad magic"));
    }

    void longObjectNamesAreTruncatedNotOverflowed()
    {
        const std::string huge(500, 'n');
        const Error e = Error::posix("shm_open", huge, ENOENT);
        QCOMPARE(std::strlen(e.object), sizeof e.object - 1);
    }

    void misusingAResultAbortsWithAMessage_data()
    {
        QTest::addColumn<bool>("askForTheValue");
        QTest::newRow("value() of an error") << true;
        QTest::newRow("error() of a value") << false;
    }

    // A misused Result must stop the program where the bug is, not read the wrong member of
    // the variant and go on with garbage.
    void misusingAResultAbortsWithAMessage()
    {
        QFETCH(bool, askForTheValue);
        int err[2];
        QCOMPARE(::pipe(err), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::dup2(err[1], STDERR_FILENO);
            const rlimit noCore{0, 0}; // an expected abort leaves no core file behind
            ::setrlimit(RLIMIT_CORE, &noCore);
            ::signal(SIGABRT, SIG_DFL); // not QTest's crash handler, which asks a debugger
            if (askForTheValue) {
                const Result<int> failed = Error::make(Errc::Timeout, "wait", "/x_full");
                _exit(failed.value());
            }
            const Result<int> fine = 7;
            _exit(fine.error().err);
        }
        ::close(err[1]);
        QByteArray said;
        char chunk[256];
        for (ssize_t n; (n = ::read(err[0], chunk, sizeof chunk)) > 0;)
            said.append(chunk, n);
        ::close(err[0]);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, said.constData());
        QVERIFY2(said.contains(askForTheValue ? "value() of a Result holding an error"
                                              : "error() of a Result holding a value"),
                 said.constData());
    }
};

QTEST_GUILESS_MAIN(tst_IpcNames)
#include "tst_ipc_names.moc"
