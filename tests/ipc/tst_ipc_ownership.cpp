// Objects a process did not create are used only if they are its user's own and no more open
// than its configured permissions: another local user may make a prefix's names first, world
// writable, and wait for a server (perhaps root's) to use them. The refusal names the object,
// its owner and its mode; a cleanup says whose objects it removed.
#include "child_process.h"
#include "ipc/attachment.h"
#include "ipc/cleanup.h"
#include "ipc/ownership.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"
#include "ipc_test_prefix.h"

#include <QTest>
#include <fcntl.h>
#include <grp.h>
#include <mqueue.h>
#include <pwd.h>
#include <semaphore.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::ipc;

Q_DECLARE_METATYPE(prodcons::ipc::Mode)

namespace {

/// The uid and gid of user nobody, if there is one.
bool nobody(uid_t& uid, gid_t& gid)
{
    const passwd* entry = ::getpwnam("nobody");
    if (!entry)
        return false;
    uid = entry->pw_uid;
    gid = entry->pw_gid;
    return true;
}

/// Runs `body` in a child that has become user nobody; its exit code (111: could not switch).
int as_nobody(const std::function<int()>& body)
{
    uid_t uid = 0;
    gid_t gid = 0;
    if (!nobody(uid, gid))
        return 111;
    const pid_t pid = test::fork_child([&] {
        if (::setgroups(0, nullptr) != 0 || ::setresgid(gid, gid, gid) != 0 ||
            ::setresuid(uid, uid, uid) != 0)
            return 111;
        return body();
    });
    return test::exit_code(test::wait_child(pid));
}

/// "/dev/shm/sem.NAME" for the semaphore "/NAME".
std::string semaphore_file(const char* name)
{
    return std::string("/dev/shm/sem.") + (name + 1);
}

/// Creates the semaphore `name` with mode 0666 (umask-proof); exit code 0 if it could.
int make_open_semaphore(const char* name)
{
    sem_t* sem = ::sem_open(name, O_CREAT | O_EXCL, 0666, 1);
    if (sem == SEM_FAILED)
        return 2;
    return ::chmod(semaphore_file(name).c_str(), 0666) == 0 ? 0 : 3;
}

/// Creates the queue `name` in the default geometry with mode 0666; exit code 0 if it could.
int make_open_queue(const char* name)
{
    mq_attr attr = {};
    attr.mq_maxmsg = Geometry{}.capacity;
    attr.mq_msgsize = Geometry{}.slot_size;
    const mqd_t mq = ::mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0666, &attr);
    if (mq == static_cast<mqd_t>(-1))
        return 2;
    return ::fchmod(static_cast<int>(mq), 0666) == 0 ? 0 : 3;
}

QByteArray text(const Error& error)
{
    return QByteArray::fromStdString(describe(error));
}

} // namespace

class tst_IpcOwnership : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;

private slots:
    void init() { m_prefix = std::make_unique<test::IpcTestPrefix>(); }

    void cleanup()
    {
        // Objects of another user: root (the only one who makes them here) can remove them.
        m_prefix->remove_all();
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    void anObjectOfOursMoreOpenThanConfiguredIsRefused_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::newRow("SHM") << Mode::Shm;
        QTest::newRow("MQ") << Mode::Mq;
    }

    void anObjectOfOursMoreOpenThanConfiguredIsRefused()
    {
        QFETCH(Mode, mode);
        Config open = m_prefix->config();
        open.permissions = 0666;
        QVERIFY(test::leave_stale_objects(open, mode));

        auto refused = Attachment::attach(m_prefix->config(), mode); // 0600, the default
        IPC_COMPARE_ERROR(refused, Errc::NotOwned);
        const QByteArray why = text(refused.error());
        for (const QByteArray& expected :
             {QByteArray(m_prefix->names().control), QByteArray("mode 0666"),
              QByteArray("more open than 0600"), QByteArray("--prefix"),
              QByteArray::fromStdString(user_name(::geteuid()))})
            QVERIFY2(why.contains(expected), why.constData());

        // Asked for, the same objects are fine.
        auto accepted = Attachment::attach(open, mode);
        IPC_VERIFY(accepted);
        IPC_VERIFY(accepted->detach());
    }

    void theObjectsOfAnotherUserAreRefused_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::newRow("SHM") << Mode::Shm;
        QTest::newRow("MQ") << Mode::Mq;
    }

    void theObjectsOfAnotherUserAreRefused()
    {
        QFETCH(Mode, mode);
        if (::geteuid() != 0)
            QSKIP("needs root: objects made by user nobody, then used by root");
        // User nobody makes the prefix's objects first, world writable, and leaves them.
        Config open = m_prefix->config();
        open.permissions = 0666;
        const int made = as_nobody([&] { return Attachment::attach(open, mode) ? 0 : 1; });
        if (made == 111)
            QSKIP("cannot become user nobody here");
        QCOMPARE(made, 0);

        // Root's server must not use them, not even with permissions as open as theirs.
        for (mode_t permissions : {mode_t{0600}, mode_t{0666}}) {
            Config config = m_prefix->config();
            config.permissions = permissions;
            auto refused = Attachment::attach(config, mode);
            IPC_COMPARE_ERROR(refused, Errc::NotOwned);
            const QByteArray why = text(refused.error());
            for (const QByteArray& expected :
                 {QByteArray(m_prefix->names().control), QByteArray("owned by nobody"),
                  QByteArray("mode 0666"), QByteArray("--prefix")})
                QVERIFY2(why.contains(expected), why.constData());
        }
        // Still there, untouched: refusing is not removing.
        QCOMPARE(m_prefix->leftovers().size(), mode == Mode::Shm ? 4 : 3);

        // The cleanup says whose objects it removed.
        const CleanupReport report = ipc::cleanup(m_prefix->names());
        const QByteArray summary = QByteArray::fromStdString(report.summary());
        QVERIFY2(summary.contains(QByteArray(m_prefix->names().control) + " (owner nobody)"),
                 summary.constData());
        for (const auto& item : report.items)
            if (item.removed)
                QCOMPARE(QByteArray::fromStdString(item.owner), QByteArray("nobody"));
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void aSemaphoreOrQueueOfAnotherUserIsRefused_data()
    {
        QTest::addColumn<Mode>("mode");
        QTest::addColumn<QByteArray>("object");
        QTest::newRow("mutex") << Mode::Shm << QByteArray("mutex");
        QTest::newRow("empty") << Mode::Shm << QByteArray("empty");
        QTest::newRow("full") << Mode::Shm << QByteArray("full");
        QTest::newRow("queue") << Mode::Mq << QByteArray("queue");
    }

    void aSemaphoreOrQueueOfAnotherUserIsRefused()
    {
        QFETCH(Mode, mode);
        QFETCH(QByteArray, object);
        if (::geteuid() != 0)
            QSKIP("needs root: an object made by user nobody, then used by root");
        // A server of ours runs; the name of one of its objects now leads to nobody's.
        std::optional<Attachment> server = test::attach_or_die(m_prefix->config(), mode);
        const ObjectNames& names = m_prefix->names();
        const char* name = object == "mutex"   ? names.mutex
                           : object == "empty" ? names.empty
                           : object == "full"  ? names.full
                                               : names.queue;
        if (mode == Mode::Mq)
            QVERIFY(::mq_unlink(name) == 0);
        else
            QVERIFY(::sem_unlink(name) == 0);
        const int made = as_nobody(
            [&] { return mode == Mode::Mq ? make_open_queue(name) : make_open_semaphore(name); });
        if (made == 111)
            QSKIP("cannot become user nobody here");
        QCOMPARE(made, 0);

        auto refused = Attachment::attach(m_prefix->config(), mode);
        IPC_COMPARE_ERROR(refused, Errc::NotOwned);
        const QByteArray why = text(refused.error());
        for (const QByteArray& expected : {QByteArray("\"") + name + "\"",
                                           QByteArray("owned by nobody"), QByteArray("mode 0666")})
            QVERIFY2(why.contains(expected), why.constData());

        IPC_VERIFY(server->detach());
    }
};

QTEST_GUILESS_MAIN(tst_IpcOwnership)
#include "tst_ipc_ownership.moc"
