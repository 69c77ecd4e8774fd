// What differs for a user who is not root: objects of another user, and the per-user limits of
// message queues. The product must say what failed, on which object, and why.
#include "client_process.h"
#include "ipc_test_prefix.h"
#include "server_process.h"
#include "test_support.h"

#include <QProcess>
#include <QTest>
#include <grp.h>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::acceptance;
using namespace std::chrono_literals;

namespace {

constexpr uid_t kNobody = 65534;

struct Outcome
{
    bool started = false;
    int exitCode = -1;
    QByteArray output; // stdout and stderr
};

/// Runs socket_srv to its end, in a child process prepared by `prepare` (after fork, before
/// exec: only system calls there).
Outcome runServer(const QStringList& arguments, const std::function<void()>& prepare)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setChildProcessModifier(prepare);
    process.start(test::binaryPath(QStringLiteral("socket_srv")), arguments);
    Outcome outcome;
    outcome.started = process.waitForStarted(10000);
    if (!outcome.started)
        return outcome;
    process.closeWriteChannel(); // a server that did start stops at the end of its stdin
    if (process.waitForFinished(20000) && process.exitStatus() == QProcess::NormalExit)
        outcome.exitCode = process.exitCode();
    outcome.output = process.readAll();
    return outcome;
}

void becomeNobody()
{
    if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
        ::_exit(111);
}

} // namespace

class tst_AcceptancePermissions : public QObject
{
    Q_OBJECT

private slots:
    void objectsOfAnotherUserGiveAClearPermissionError()
    {
        if (::geteuid() != 0)
            QSKIP("needs root: objects made by one user, then used as another");
        test::IpcTestPrefix prefix;
        const QString p = QString::fromStdString(prefix.prefix());
        ServerProcess owner(ipc::Mode::Shm, prefix.prefix());
        QVERIFY2(owner.start(), owner.log().constData());

        // The same prefix as user nobody: the objects are root's, mode 0600.
        const Outcome serve =
            runServer({QStringLiteral("-shm"), QString::number(test::freeTcpPort()),
                       QStringLiteral("--prefix"), p},
                      becomeNobody);
        if (!serve.started || serve.exitCode == 111)
            QSKIP("socket_srv cannot be run as user nobody here (a private build directory?)");
        const QByteArray control = p.toUtf8() + "_shm";
        QCOMPARE(serve.exitCode, 1);
        for (const QByteArray& expected :
             {QByteArray("cannot use the shared buffer"), "\"" + control + "\"",
              QByteArray("EACCES (Permission denied)"),
              QByteArray("the objects belong to another user")})
            QVERIFY2(serve.output.contains(expected), serve.output.constData());

        const Outcome status =
            runServer({QStringLiteral("--status"), QStringLiteral("--prefix"), p}, becomeNobody);
        QCOMPARE(status.exitCode, 1);
        QVERIFY2(status.output.contains(control) && status.output.contains("EACCES"),
                 status.output.constData());

        // Nobody may remove root's objects (/dev/shm is sticky): it says so, and they stay.
        const Outcome cleanup =
            runServer({QStringLiteral("--cleanup"), QStringLiteral("--prefix"), p}, becomeNobody);
        QCOMPARE(cleanup.exitCode, 1);
        QVERIFY2(cleanup.output.contains(control), cleanup.output.constData());
        QVERIFY2(cleanup.output.contains("EACCES") || cleanup.output.contains("EPERM"),
                 cleanup.output.constData());
        QCOMPARE(prefix.leftovers().size(), 4);

        // Root's server never noticed.
        ClientProcess consumer(ClientProcess::consumer(owner.port(), 10));
        ClientProcess producer(ClientProcess::producer(owner.port(), "owner", 10));
        QVERIFY(consumer.start() && producer.start());
        QVERIFY2(producer.waitForExit() && producer.exitCode() == 0,
                 qPrintable(producer.describe()));
        QVERIFY2(consumer.waitForExit() && consumer.exitCode() == 0,
                 qPrintable(consumer.describe()));
        QVERIFY(owner.quit());
        QCOMPARE(prefix.leftovers(), QStringList());
    }

    void aMessageQueueLimitGivesAClearErrorAndLeavesNothing()
    {
        // RLIMIT_MSGQUEUE bounds the bytes of all queues of a user (819200 by default); any
        // user may lower their own. With no room for one queue, the MQ server cannot start.
        test::IpcTestPrefix prefix;
        const Outcome serve =
            runServer({QStringLiteral("-mq"), QString::number(test::freeTcpPort()),
                       QStringLiteral("--prefix"), QString::fromStdString(prefix.prefix())},
                      [] {
                          const rlimit none{0, 0};
                          if (::setrlimit(RLIMIT_MSGQUEUE, &none) != 0)
                              ::_exit(111);
                      });
        QVERIFY(serve.started);
        QCOMPARE(serve.exitCode, 1);
        const QByteArray queue = QByteArray::fromStdString(prefix.prefix()) + "_mq";
        for (const QByteArray& expected : {QByteArray("mq_open"), "\"" + queue + "\"",
                                           QByteArray("EMFILE"), QByteArray("RLIMIT_MSGQUEUE")})
            QVERIFY2(serve.output.contains(expected), serve.output.constData());
        QCOMPARE(prefix.leftovers(), QStringList());
    }
};

QTEST_GUILESS_MAIN(tst_AcceptancePermissions)
#include "tst_acceptance_permissions.moc"
