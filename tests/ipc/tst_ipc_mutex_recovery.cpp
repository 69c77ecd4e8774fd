// A dead holder of the mutex is found even when nobody waits long for the mutex. Found by the
// chaos run (tests/acceptance): after kills had taken every semaphore unit with them, the only
// waits left were the short ones of housekeeping (a consumer's topping up of "full", bounded
// to 200 ms) and of the server's reaping (20-100 ms). A dead holder was looked for only by a
// single wait of more than 200 ms, so none of those ever looked, and the buffer stayed wedged.
#include "buffer_fixture.h"
#include "child_process.h"
#include "ipc/attachment.h"
#include "ipc/control.h"
#include "ipc/endpoint.h"
#include "ipc/file_lock.h"
#include "ipc/layout.h"
#include "ipc/shared_memory.h"
#include "ipc/snapshot.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"

#include <QDeadlineTimer>
#include <QTest>
#include <csignal>
#include <cstring>

using namespace prodcons;
using namespace prodcons::ipc;
using namespace std::chrono_literals;

using test::join_or_die;

class tst_IpcMutexRecovery : public QObject, private test::BufferFixture
{
    Q_OBJECT

private:
    /// A child joins with `role` and is killed at `point`, inside the mutex.
    void dieInside(const char* point, Endpoint::Role role, std::uint32_t take = 1)
    {
        test::kill_at_fault_point(point);
        const Attachment& attachment = *m_attachment;
        const pid_t pid = test::fork_child([&] {
            Endpoint victim = join_or_die(attachment, role);
            if (role == Endpoint::Role::Producer)
                (void)victim.put("never acknowledged");
            else
                (void)victim.hold(take);
            return 1; // the fault point did not fire
        });
        test::kill_at_fault_point(nullptr);
        QCOMPARE(test::exit_code(test::wait_child(pid)), 128 + SIGKILL);
        QCOMPARE(m_attachment->snapshot().sem_mutex, 0); // it died holding the mutex
    }

private slots:
    void init() { attachFresh(Mode::Shm); }

    void cleanup() { QCOMPARE(detachAndListLeftovers(), QStringList()); }

    void aConsumerWithoutUnitsRecoversTheMutexOfADeadHolder()
    {
        Endpoint feeder = join_or_die(*m_attachment, Endpoint::Role::Producer);
        for (const char* name : {"one", "two", "three", "four", "five"})
            IPC_VERIFY(feeder.put(name));
        // The victim claims all five "full" units, then dies holding the mutex: the ring still
        // holds the names, but no unit is left for anyone to claim.
        dieInside("hold:copied", Endpoint::Role::Consumer, 5);
        QCOMPARE(m_attachment->snapshot().sem_full, 0);

        // A consumer now only ever waits for the mutex in short housekeeping waits.
        Endpoint consumer = join_or_die(*m_attachment, Endpoint::Role::Consumer);
        WaitOptions wait;
        wait.deadline = Deadline::after(5s); // a wedge fails here rather than hanging
        auto got = consumer.hold(5, wait);
        IPC_VERIFY(got);
        QStringList names;
        for (std::uint32_t i = 0; i < consumer.held_count(); ++i)
            names << QString::fromUtf8(consumer.held(i).data(), qsizetype(consumer.held(i).size()));
        QCOMPARE(names.first(), QStringLiteral("one"));
        consumer.acknowledge(consumer.held_count());
        QCOMPARE(m_attachment->snapshot().mutex_recoveries, 1u);
    }

    void theServersShortReapingWaitsRecoverTheMutexOfADeadHolder()
    {
        dieInside("put:stored", Endpoint::Role::Producer);
        // Nobody else waits: only the server's tick, which reaps with a 20 ms wait every
        // 250 ms (here every 50 ms), looks at the mutex.
        WaitOptions quick;
        QDeadlineTimer deadline(5000);
        while (m_attachment->snapshot().mutex_recoveries == 0 && !deadline.hasExpired()) {
            quick.deadline = Deadline::after(20ms);
            (void)m_attachment->reap_dead(quick);
            QTest::qWait(50); // the server's tick interval, shortened
        }
        QCOMPARE(m_attachment->snapshot().mutex_recoveries, 1u);
        WaitOptions bounded;
        bounded.deadline = Deadline::after(1s);
        auto reaped = m_attachment->reap_dead(bounded);
        IPC_VERIFY(reaped);
        QCOMPARE(m_attachment->snapshot().sem_mutex, 1);
    }

    // Hardening case 6: a recoverer stopped while it holds the recovery lock freezes nobody.
    // Waiters used to block on that lock (F_OFD_SETLKW), a server's event loop among them.
    void aStoppedRecovererBlocksNoOtherWaiter()
    {
        // Another open file description takes the recovery lock, as a stopped recoverer would.
        auto other = SharedMemory::open_existing(m_prefix->names().control, true);
        IPC_VERIFY(other);
        const ByteLocks recoverer(other->fd(), m_prefix->names().control);
        auto taken = recoverer.try_lock(layout::kRecoveryLock, LockType::Write);
        QVERIFY(taken && taken.value());

        dieInside("put:stored", Endpoint::Role::Producer);
        const Attachment& attachment = *m_attachment;
        const pid_t reaper = test::fork_child([&] {
            Attachment& server = const_cast<Attachment&>(attachment);
            WaitOptions wait;
            wait.deadline = Deadline::after(1s); // long enough to find the hold stuck (200 ms)
            (void)server.reap_dead(wait);
            return 0;
        });
        QCOMPARE(test::exit_code(test::wait_child(reaper, 10s)), 0); // -1: still blocked

        recoverer.unlock(layout::kRecoveryLock);
        QDeadlineTimer deadline(10000);
        while (m_attachment->snapshot(false).mutex_recoveries == 0 && !deadline.hasExpired()) {
            WaitOptions quick;
            quick.deadline = Deadline::after(300ms);
            (void)m_attachment->reap_dead(quick);
        }
        QCOMPARE(m_attachment->snapshot(false).mutex_recoveries, 1u);
    }
};

QTEST_GUILESS_MAIN(tst_IpcMutexRecovery)
#include "tst_ipc_mutex_recovery.moc"
