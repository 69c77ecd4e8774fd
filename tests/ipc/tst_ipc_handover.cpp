// Names handed from one consumer to another: a consumer that leaves (or dies) with names it
// was sent but never had acknowledged gives them back, and they reach a consumer that is
// already waiting, promptly and in order; a process killed while handing them over or taking
// them strands nothing and leaves no count wrong.
#include "buffer_fixture.h"
#include "child_process.h"
#include "ipc/attachment.h"
#include "ipc/control.h"
#include "ipc/endpoint.h"
#include "ipc/process_state.h"
#include "ipc/snapshot.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"

#include <QTest>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::ipc;
using namespace std::chrono_literals;

using test::join_or_die;
using test::take_one;

class tst_IpcHandover : public QObject, private test::BufferFixture
{
    Q_OBJECT

private:
    static Mode mode() { return test::rowMode(); }

    /// A forked consumer that is already waiting on an empty buffer when names are handed
    /// back; it exits 0 if it got `expected` as its first name within `within`.
    pid_t waitingConsumer(const std::string& expected, std::chrono::milliseconds within)
    {
        int ready[2];
        if (::pipe(ready) != 0)
            qFatal("pipe failed");
        const Attachment& attachment = *m_attachment;
        const pid_t pid = test::fork_child([&] {
            ::close(ready[0]);
            Endpoint consumer = join_or_die(attachment, Endpoint::Role::Consumer);
            (void)::write(ready[1], "r", 1);
            WaitOptions wait;
            wait.deadline = Deadline::after(within);
            auto got = consumer.hold(1, wait);
            if (!got)
                return 2; // nothing arrived in time
            return consumer.held(0) == expected ? 0 : 3;
        });
        ::close(ready[1]);
        char byte = 0;
        (void)::read(ready[0], &byte, 1);
        ::close(ready[0]);
        return pid;
    }

    /// Puts numbered(0) .. numbered(count - 1).
    void putNumbered(int count)
    {
        Endpoint producer = join_or_die(*m_attachment, Endpoint::Role::Producer);
        for (int i = 0; i < count; ++i)
            IPC_VERIFY(producer.put(test::numbered(i)));
    }

    /// A forked consumer holds `count` names, then leaves; killed at `point` on the way.
    void consumerDiesAt(const char* point, std::uint32_t count, bool leave)
    {
        test::kill_at_fault_point(point);
        const Attachment& attachment = *m_attachment;
        const pid_t pid = test::fork_child([&] {
            Endpoint victim = join_or_die(attachment, Endpoint::Role::Consumer);
            if (!test::hold_exactly(victim, count))
                return 2;
            if (leave)
                victim.leave();
            return 1; // the fault point did not fire
        });
        test::kill_at_fault_point(nullptr);
        QCOMPARE(test::exit_code(test::wait_child(pid)), 128 + SIGKILL);
    }

    /// The names that Orphaned slots hold, per the slots themselves.
    std::uint64_t heldByOrphanedSlots()
    {
        std::uint64_t held = 0;
        for (const auto& p : m_attachment->snapshot(false).participants)
            held += p.orphaned ? p.held : 0;
        return held;
    }

private slots:
    void initTestCase_data() { test::addModeRows(); }

    void init() { attachFresh(mode()); }

    void cleanup() { QCOMPARE(detachAndListLeftovers(), QStringList()); }

    // Case 1: orphans reach a consumer that is already waiting within a second, without
    // another name being produced.
    void namesHandedBackReachAWaitingConsumerWithinASecond()
    {
        Endpoint producer = join_or_die(*m_attachment, Endpoint::Role::Producer);
        Endpoint leaving = join_or_die(*m_attachment, Endpoint::Role::Consumer);
        for (int i = 0; i < 3; ++i)
            IPC_VERIFY(producer.put(test::numbered(i)));
        QVERIFY(test::hold_exactly(leaving, 3));

        const pid_t waiting = waitingConsumer(test::numbered(0), 1000ms);
        QVERIFY(test::wait_for_state(waiting, ProcessState::Sleeping));
        leaving.leave();
        QCOMPARE(test::exit_code(test::wait_child(waiting)), 0);
    }

    // Case 3: a consumer killed inside leave(), after its slot was marked Orphaned and before
    // the names were counted: they still reach the next consumer, in order.
    void namesOfAConsumerKilledWhileLeavingAreNotStranded()
    {
        putNumbered(3);
        consumerDiesAt("orphan:marked", 3, true);
        Endpoint consumer = join_or_die(*m_attachment, Endpoint::Role::Consumer);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(take_one(consumer), test::numbered(i));
        QCOMPARE(m_attachment->snapshot(false).orphans[static_cast<int>(mode())], 0u);
    }

    // Case 3, at a clean stop: the names it left are counted as discarded, not dropped silently.
    void aCleanStopCountsTheNamesOfAConsumerKilledWhileLeaving()
    {
        putNumbered(3);
        consumerDiesAt("orphan:marked", 3, true);
        auto left = m_attachment->detach();
        IPC_VERIFY(left);
        QVERIFY(left->last_of_all);
        QCOMPARE(left->names_discarded, std::uint64_t{3});
    }

    // Case 4: a consumer killed inside adoption, after the commit and before the count was
    // lowered: once it is handled, the counts follow the slots again.
    void countsFollowTheSlotsAfterAnAdopterIsKilled()
    {
        putNumbered(3);
        {
            Endpoint leaving = join_or_die(*m_attachment, Endpoint::Role::Consumer);
            QVERIFY(test::hold_exactly(leaving, 3));
        } // leaves: three orphans
        QCOMPARE(m_attachment->snapshot(false).orphans[static_cast<int>(mode())], 3u);
        consumerDiesAt("adopt:committed", 3, false);

        Endpoint consumer = join_or_die(*m_attachment, Endpoint::Role::Consumer);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(take_one(consumer), test::numbered(i));
        const Snapshot after = m_attachment->snapshot(false);
        QCOMPARE(after.orphans[static_cast<int>(mode())], 0u);
        QCOMPARE(heldByOrphanedSlots(), std::uint64_t{0});
    }

    // Case 5: a process stopped right after acquiring the mutex, before recording itself,
    // while a dead participant was waiting for it. Nobody may release the mutex in the dead
    // one's name: the stopped process holds it.
    void theMutexIsNeverReleasedInTheNameOfAStoppedHolder()
    {
        if (mode() == Mode::Mq)
            QSKIP("an MQ put does not take the mutex; the mutex's code is the same for both");
        const Attachment& attachment = *m_attachment;
        const pid_t holder = test::fork_child([&] {
            Endpoint producer = join_or_die(attachment, Endpoint::Role::Producer);
            test::stop_at_fault_point("lock:acquired");
            return producer.put("held") ? 0 : 2;
        });
        test::ChildGuard holderGuard(holder);
        QVERIFY(test::wait_for_state(holder, ProcessState::Stopped));
        QCOMPARE(m_attachment->snapshot(false).sem_mutex, 0);

        // A participant waits for the mutex (in doubt), and dies waiting.
        const pid_t waiter = test::fork_child([&] {
            Endpoint producer = join_or_die(attachment, Endpoint::Role::Producer);
            return producer.put("waiting") ? 0 : 2;
        });
        QVERIFY(test::wait_for_state(waiter, ProcessState::Sleeping));
        ::kill(waiter, SIGKILL);
        QCOMPARE(test::exit_code(test::wait_child(waiter)), 128 + SIGKILL);

        // Well past the one-second grace for a holder "in doubt".
        Endpoint producer = join_or_die(*m_attachment, Endpoint::Role::Producer);
        WaitOptions wait;
        wait.deadline = Deadline::after(2500ms);
        const Status put = producer.put("must wait", wait);
        QVERIFY(!put);
        QCOMPARE(put.error().code, Errc::Timeout);
        QCOMPARE(m_attachment->snapshot(false).mutex_recoveries, 0u);

        ::kill(holder, SIGCONT);
        QCOMPARE(test::exit_code(test::wait_child(holder)), 0);
        QCOMPARE(m_attachment->snapshot(false).sem_mutex, 1); // never 2: exclusion holds
        IPC_VERIFY(producer.put("after"));
        Endpoint consumer = join_or_die(*m_attachment, Endpoint::Role::Consumer);
        QCOMPARE(take_one(consumer), std::string("held"));
        QCOMPARE(take_one(consumer), std::string("after"));
    }

    // Case 7: a start that made the control object's name, lost the race for the life-cycle
    // lock to a server that then initialised it, and fails, removes nothing of that server's.
    void aFailedStartLeavesARunningServersObjectsAlone()
    {
        if (mode() == Mode::Mq)
            QSKIP("one run is enough: the running server is SHM, the failing start MQ");
        QVERIFY(test::detach_and_list_leftovers(m_attachment, *m_prefix).isEmpty());
        const ipc::Config config = m_prefix->config();
        const pid_t loser = test::fork_child([&] {
            const rlimit none{0, 0}; // no room for any message queue: the MQ attach fails
            if (::setrlimit(RLIMIT_MSGQUEUE, &none) != 0)
                return 3;
            test::stop_at_fault_point("attach:created");
            auto attached = Attachment::attach(config, Mode::Mq);
            return attached ? 1 : 0;
        });
        test::ChildGuard loserGuard(loser);
        QVERIFY(test::wait_for_state(loser, ProcessState::Stopped));
        m_attachment.emplace(test::attach_or_die(config, Mode::Shm)); // wins the race
        ::kill(loser, SIGCONT);
        QCOMPARE(test::exit_code(test::wait_child(loser)), 0);

        QVERIFY(!m_attachment->objects_removed());
        QCOMPARE(m_attachment->snapshot(false).sem_mutex, 1);
        Endpoint producer = join_or_die(*m_attachment, Endpoint::Role::Producer);
        IPC_VERIFY(producer.put("still served"));
        Endpoint consumer = join_or_die(*m_attachment, Endpoint::Role::Consumer);
        QCOMPARE(take_one(consumer), std::string("still served"));
    }
};

QTEST_GUILESS_MAIN(tst_IpcHandover)
#include "tst_ipc_handover.moc"
