// Values read from shared memory are checked before they are used: a corrupted control block
// (a bug, a stray write, a user with write access) must not make a process write out of
// bounds, crash, or loop without end holding the mutex. It is reported as corrupted, and the
// cleanup still removes it. Each case runs in a child with a deadline, so a crash or a hang
// shows as a failed exit rather than taking the test program with it.
#include "child_process.h"
#include "ipc/attachment.h"
#include "ipc/cleanup.h"
#include "ipc/endpoint.h"
#include "ipc/layout.h"
#include "ipc/snapshot.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"
#include "ipc_test_prefix.h"
#include "mapped_control.h"

#include <QTest>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <semaphore.h>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::ipc;
using namespace std::chrono_literals;

namespace {

using Corrupt = std::function<void(const layout::ControlView& view, std::uint32_t dead_slot)>;

constexpr auto kTransferFromOrphans = static_cast<std::uint32_t>(layout::Transfer::FromOrphans);

} // namespace

Q_DECLARE_METATYPE(Corrupt)

class tst_IpcCorruption : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;

private slots:
    void init() { m_prefix = std::make_unique<test::IpcTestPrefix>(); }

    void cleanup()
    {
        const QStringList left = m_prefix->leftovers();
        m_prefix->remove_all(); // after a failure half-way, for the next test
        QCOMPARE(left, QStringList());
        m_prefix.reset();
    }

    void aCorruptedValueIsReportedNotFollowed_data()
    {
        QTest::addColumn<Corrupt>("corrupt");
        QTest::addColumn<QByteArray>("reported");
        QTest::addColumn<bool>("holdMutex");
        QTest::newRow("slots_high_water")
            << Corrupt([](const layout::ControlView& v, std::uint32_t) {
                   v.header().slots_high_water.store(0xFFFFFFF0u);
               })
            << QByteArray("slots_high_water 4294967280") << false;
        QTest::newRow("mutex_owner") << Corrupt([](const layout::ControlView& v, std::uint32_t) {
            v.header().mutex_owner.store(0x7FFFFFF0u);
        }) << QByteArray("mutex_owner 2147483632")
                                     << true;
        QTest::newRow("transfer_source_slot")
            << Corrupt([](const layout::ControlView& v, std::uint32_t dead) {
                   layout::Slot& slot = v.slot(dead);
                   slot.transfer_count = 1;
                   slot.transfer_source_slot = 0x7FFFFFF0u;
                   slot.transfer.store(kTransferFromOrphans);
               })
            << QByteArray("transfer_source_slot 2147483632") << false;
        QTest::newRow("transfer_count")
            << Corrupt([](const layout::ControlView& v, std::uint32_t dead) {
                   layout::Slot& slot = v.slot(dead);
                   slot.transfer_count = 0xFFFFFFF0u;
                   slot.transfer_source_slot = dead;
                   slot.transfer.store(kTransferFromOrphans);
               })
            << QByteArray("transfer_count 4294967280") << false;
        QTest::newRow("held window")
            << Corrupt([](const layout::ControlView& v, std::uint32_t dead) {
                   v.slot(dead).held_tail.store(v.slot(dead).held_head.load() + 0x7FFFFFF0u);
               })
            << QByteArray("held_tail - held_head = 2147483632") << false;
        QTest::newRow("orphans") << Corrupt([](const layout::ControlView& v, std::uint32_t) {
            v.header().orphans[0].store(0xFFFFFFF0u);
        }) << QByteArray("orphans[SHM] 4294967280")
                                 << false;
        QTest::newRow("ring counters") << Corrupt([](const layout::ControlView& v, std::uint32_t) {
            v.header().ring_tail.store(v.header().ring_head.load() + (1ull << 40));
        }) << QByteArray("ring_tail - ring_head = 1099511627776")
                                       << false;
        QTest::newRow("slot state")
            << Corrupt([](const layout::ControlView& v, std::uint32_t dead) {
                   v.slot(dead).state.store(77);
               })
            << QByteArray("state 77 unknown") << false;
    }

    void aCorruptedValueIsReportedNotFollowed()
    {
        QFETCH(Corrupt, corrupt);
        QFETCH(QByteArray, reported);
        QFETCH(bool, holdMutex);
        std::optional<Attachment> server = test::attach_or_die(m_prefix->config(), Mode::Shm);
        // A consumer that died without leaving: an Active slot for the server to reap.
        const pid_t consumer = test::fork_child([&] {
            ipc::Endpoint endpoint = test::join_or_die(*server, Endpoint::Role::Consumer);
            ::_exit(0); // no leave(): its slot stays Active, its lock goes with it
            return 0;
        });
        QCOMPARE(test::exit_code(test::wait_child(consumer)), 0);
        std::uint32_t dead = UINT32_MAX;
        for (const auto& p : server->snapshot().participants)
            if (p.kind == layout::Kind::Consumer)
                dead = p.slot;
        QVERIFY(dead != UINT32_MAX);

        test::MappedControl control(m_prefix->names().control);
        QVERIFY(control.ok());
        sem_t* mutex = SEM_FAILED;
        if (holdMutex) { // held by "somebody": waiters then look for a dead holder
            mutex = ::sem_open(m_prefix->names().mutex, 0);
            QVERIFY(mutex != SEM_FAILED);
            QCOMPARE(::sem_wait(mutex), 0);
        }
        corrupt(control.view(), dead);

        // The server's own paths (reaping, which reconciles the semaphores; its window's
        // snapshot), then the tools' (--status): no crash, no endless loop, and a report.
        const pid_t looker = test::fork_child([&] {
            // First the tool's look (reaping may repair what it finds, e.g. drop a corrupt
            // transfer record), then the server's.
            auto snap = inspect(m_prefix->names());
            if (!snap)
                return 2;
            bool found = false;
            for (const std::string& problem : snap->corruption) {
                std::fprintf(stderr, "reported: %s\n", problem.c_str());
                found = found || QByteArray::fromStdString(problem).contains(reported);
            }
            WaitOptions wait;
            wait.deadline = Deadline::after(1500ms);
            (void)server->reap_dead(wait);
            (void)server->snapshot();
            return found ? 0 : 3;
        });
        const int looked = test::exit_code(test::wait_child(looker, 10s));
        QVERIFY2(looked == 0, qPrintable(QStringLiteral("the child ended with %1 (-1: hung, "
                                                        ">128: killed by a signal, 3: the "
                                                        "corruption was not reported)")
                                             .arg(looked)));

        // The recovery tool removes the set, whatever is in it.
        const pid_t cleaner = test::fork_child([&] {
            const CleanupReport report = ipc::cleanup(m_prefix->names());
            return report.removed_count() == 4 ? 0 : 4;
        });
        QCOMPARE(test::exit_code(test::wait_child(cleaner, 10s)), 0);
        if (mutex != SEM_FAILED)
            ::sem_close(mutex);
        IPC_VERIFY(server->detach()); // the objects had already been removed
    }

    void aRingCountBeyondTheCapacityIsRefusedNotFollowed()
    {
        std::optional<Attachment> server = test::attach_or_die(m_prefix->config(), Mode::Shm);
        Endpoint producer = test::join_or_die(*server, Endpoint::Role::Producer);
        Endpoint consumer = test::join_or_die(*server, Endpoint::Role::Consumer);
        IPC_VERIFY(producer.put("before"));
        QCOMPARE(test::take_one(consumer), std::string("before"));

        test::MappedControl control(m_prefix->names().control);
        QVERIFY(control.ok());
        layout::Header& header = control.view().header();
        header.ring_tail.store(header.ring_head.load() + (1ull << 40));

        WaitOptions wait;
        wait.deadline = Deadline::after(2s);
        IPC_COMPARE_ERROR(producer.put("after", wait), Errc::Corrupted);
        auto held = consumer.hold(1, wait);
        IPC_COMPARE_ERROR(held, Errc::Corrupted);
        QVERIFY2(QByteArray::fromStdString(describe(held.error())).contains("exceeds the capacity"),
                 describe(held.error()).c_str());
        QCOMPARE(consumer.held_count(), 0u);

        // Put right again, it serves again.
        header.ring_tail.store(header.ring_head.load());
        IPC_VERIFY(producer.put("again", wait));
        QCOMPARE(test::take_one(consumer), std::string("again"));
        producer.leave();
        consumer.leave();
        IPC_VERIFY(server->detach());
    }
};

QTEST_GUILESS_MAIN(tst_IpcCorruption)
#include "tst_ipc_corruption.moc"
