// The doorbells of the SHM ring (ipc/doorbell.h): a process that found no unit sleeps at a
// doorbell instead of inside sem_wait, and whoever posts units rings it. A sleeper is woken by
// the put or the take it waits for, not by the end of its slice; a sleeper killed in its sleep
// is counted out by the reaper; and a count another process wrote wrong delays, never loses.
#include "buffer_fixture.h"
#include "child_process.h"
#include "ipc/attachment.h"
#include "ipc/endpoint.h"
#include "ipc/layout.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"
#include "mapped_control.h"

#include <QTest>
#include <csignal>
#include <memory>

using namespace prodcons;
using namespace prodcons::ipc;
using namespace std::chrono_literals;

using test::join_or_die;

namespace {

/// Far longer than any test here waits for a child: a sleeper that is only woken by the end of
/// its slice makes the test fail, not pass late.
constexpr auto kLongSlice = std::chrono::milliseconds(120s);

/// What a child waits with: it sleeps until rung, or for a whole kLongSlice.
WaitOptions long_sleep()
{
    WaitOptions wait;
    wait.slice = kLongSlice;
    wait.deadline = Deadline::after(2 * kLongSlice);
    return wait;
}

/// Waits (polling) until `bell` counts `count` sleepers; false after `timeout`.
bool wait_for_sleepers(const layout::Bell& bell, std::uint32_t count,
                       std::chrono::milliseconds timeout = 20s)
{
    const Deadline deadline = Deadline::after(timeout);
    while (bell.sleepers.load() != count) {
        if (deadline.passed())
            return false;
        QTest::qSleep(1);
    }
    return true;
}

} // namespace

class tst_IpcDoorbell : public QObject, private test::BufferFixture
{
    Q_OBJECT

private:
    /// The doorbell `which` of the test's buffer, as every process maps it.
    layout::Bell& bell(layout::BellFor which) const
    {
        return m_control->view().header().bells[static_cast<std::uint32_t>(which)];
    }

    std::unique_ptr<test::MappedControl> m_control;

private slots:
    void init()
    {
        attachFresh(Mode::Shm);
        m_control = std::make_unique<test::MappedControl>(m_prefix->names().control);
        QVERIFY(m_control->ok());
    }

    void cleanup()
    {
        m_control.reset();
        QCOMPARE(detachAndListLeftovers(), QStringList());
    }

    void aSleepingConsumerIsWokenByThePut()
    {
        const Attachment& attachment = *m_attachment;
        const pid_t pid = test::fork_child([&] {
            Endpoint consumer = join_or_die(attachment, Endpoint::Role::Consumer);
            auto held = consumer.hold(1, long_sleep());
            return held && held.value() == 1 && consumer.held(0) == "wake up" ? 0 : 1;
        });
        test::ChildGuard guard(pid);
        QVERIFY(wait_for_sleepers(bell(layout::BellFor::Full), 1));

        Endpoint producer = join(Endpoint::Role::Producer);
        IPC_VERIFY(producer.put("wake up"));
        QCOMPARE(test::exit_code(test::wait_child(pid, 30s)), 0);
        QCOMPARE(bell(layout::BellFor::Full).sleepers.load(), 0u);
    }

    void aSleepingProducerIsWokenByTheTake()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        const std::uint32_t capacity = Geometry{}.capacity;
        for (std::uint32_t i = 0; i < capacity; ++i)
            IPC_VERIFY(producer.put(test::numbered(static_cast<int>(i))));
        const Attachment& attachment = *m_attachment;
        const pid_t pid = test::fork_child([&] {
            Endpoint late = join_or_die(attachment, Endpoint::Role::Producer);
            return late.put("one more", long_sleep()) ? 0 : 1;
        });
        test::ChildGuard guard(pid);
        QVERIFY(wait_for_sleepers(bell(layout::BellFor::Empty), 1));

        Endpoint consumer = join(Endpoint::Role::Consumer);
        QCOMPARE(test::take_one(consumer), test::numbered(0));
        QCOMPARE(test::exit_code(test::wait_child(pid, 30s)), 0);
        QCOMPARE(bell(layout::BellFor::Empty).sleepers.load(), 0u);
    }

    void aSleeperKilledInItsSleepIsCountedOutByTheReaper()
    {
        const Attachment& attachment = *m_attachment;
        const pid_t pid = test::fork_child([&] {
            Endpoint consumer = join_or_die(attachment, Endpoint::Role::Consumer);
            (void)consumer.hold(1, long_sleep());
            return 1;
        });
        test::ChildGuard guard(pid);
        const layout::Bell& full = bell(layout::BellFor::Full);
        QVERIFY(wait_for_sleepers(full, 1));
        ::kill(pid, SIGKILL);
        QCOMPARE(test::exit_code(test::wait_child(pid, 30s)), 128 + SIGKILL);
        QCOMPARE(full.sleepers.load(), 1u); // nobody has looked yet

        auto reaped = m_attachment->reap_dead({});
        IPC_VERIFY(reaped);
        QCOMPARE(reaped->slots_reaped, 1u);
        QCOMPARE(full.sleepers.load(), 0u);
    }

    void aSleeperCountWrittenWrongDelaysAndLosesNothing()
    {
        const Attachment& attachment = *m_attachment;
        const pid_t pid = test::fork_child([&] {
            Endpoint consumer = join_or_die(attachment, Endpoint::Role::Consumer);
            WaitOptions wait; // slices of the default length: a missed ring costs one
            wait.deadline = Deadline::after(60s);
            auto held = consumer.hold(1, wait);
            return held && held.value() == 1 && consumer.held(0) == "still here" ? 0 : 1;
        });
        test::ChildGuard guard(pid);
        layout::Bell& full = bell(layout::BellFor::Full);
        QVERIFY(wait_for_sleepers(full, 1));
        full.sleepers.store(0); // as a stray write would: the put sees nobody to wake

        Endpoint producer = join(Endpoint::Role::Producer);
        IPC_VERIFY(producer.put("still here"));
        QCOMPARE(test::exit_code(test::wait_child(pid, 30s)), 0);
        QCOMPARE(full.sleepers.load(), 0u); // counted out without going below zero
    }
};

QTEST_GUILESS_MAIN(tst_IpcDoorbell)
#include "tst_ipc_doorbell.moc"
