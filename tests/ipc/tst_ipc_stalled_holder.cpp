// Hardening case 6: a process stopped (SIGSTOP, Ctrl-Z) while it holds the mutex stops every
// flow of the prefix, and nobody may take the mutex from it. The snapshot says who it is, what
// it is, and whose child: an observer can then name it rather than show a mystery. The holder
// is read from shared memory, which any process of the user may overwrite: a value that names
// no slot in use must name nobody, and not be followed.
#include "buffer_fixture.h"
#include "child_process.h"
#include "ipc/attachment.h"
#include "ipc/endpoint.h"
#include "ipc/layout.h"
#include "ipc/process_state.h"
#include "ipc/shared_memory.h"
#include "ipc/snapshot.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"

#include <QTest>
#include <csignal>
#include <optional>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::ipc;
using namespace std::chrono_literals;

using test::join_or_die;

class tst_IpcStalledHolder : public QObject, private test::BufferFixture
{
    Q_OBJECT

private:
    /// The test's own slot: the attachment is the "server" the forked participants belong to.
    std::uint32_t ownSlot() const
    {
        for (const ParticipantInfo& p : m_attachment->snapshot(false).participants)
            if (p.kind == layout::Kind::User && p.pid == ::getpid())
                return p.slot;
        return UINT32_MAX;
    }

    /// Writes `owner` into the control block's mutex_owner, as a stray process could.
    bool writeOwner(std::uint32_t owner)
    {
        auto control = SharedMemory::open_existing(m_prefix->names().control, true);
        if (!control)
            return false;
        auto size = control->size();
        if (!size || !control->map(size.value(), true))
            return false;
        auto geometry =
            layout::read_geometry(control->data(), size.value(), m_prefix->names().control);
        if (!geometry)
            return false;
        layout::ControlView(control->data(), geometry.value()).header().mutex_owner.store(owner);
        return true;
    }

private slots:
    void init() { attachFresh(Mode::Shm); }

    void cleanup() { QCOMPARE(detachAndListLeftovers(), QStringList()); }

    void aStoppedHolderIsNamedWithItsRoleAndServer_data()
    {
        QTest::addColumn<bool>("consumer");
        QTest::addColumn<QByteArray>("point"); // inside the mutex, the holder recorded
        QTest::newRow("producer") << false << QByteArray("put:stored");
        QTest::newRow("consumer") << true << QByteArray("hold:copied");
    }

    void aStoppedHolderIsNamedWithItsRoleAndServer()
    {
        QFETCH(bool, consumer);
        QFETCH(QByteArray, point);
        if (consumer) {
            Endpoint feeder = join_or_die(*m_attachment, Endpoint::Role::Producer);
            IPC_VERIFY(feeder.put("to take"));
        }
        QVERIFY(!m_attachment->snapshot(false).mutex_holder);

        const Attachment& attachment = *m_attachment;
        const char* stopAt = point.constData();
        const pid_t holder = test::fork_child([&] {
            const auto role = consumer ? Endpoint::Role::Consumer : Endpoint::Role::Producer;
            Endpoint endpoint = join_or_die(attachment, role);
            test::stop_at_fault_point(stopAt);
            if (consumer)
                return endpoint.hold(1) ? 0 : 2;
            return endpoint.put("held") ? 0 : 2;
        });
        test::ChildGuard guard(holder);
        QVERIFY(test::wait_for_state(holder, ProcessState::Stopped));

        // A second participant waits for the mutex meanwhile.
        const pid_t waiter = test::fork_child([&] {
            Endpoint producer = join_or_die(attachment, Endpoint::Role::Producer);
            return producer.put("waiting") ? 0 : 2;
        });
        test::ChildGuard waiterGuard(waiter);
        QVERIFY(test::wait_for_state(waiter, ProcessState::Sleeping));

        // The server's view (its own attachment) and the tool's (--status: inspect()).
        const Snapshot own = m_attachment->snapshot(false);
        auto inspected = inspect(m_prefix->names());
        IPC_VERIFY(inspected);
        const Snapshot& tool = inspected.value();
        for (const Snapshot* snap : {&own, &tool}) {
            QVERIFY(snap->holder_stopped());
            const MutexHolder& h = *snap->mutex_holder;
            QCOMPARE(h.pid, holder);
            QVERIFY(h.alive);
            QCOMPARE(int(h.state), int(ProcessState::Stopped));
            QCOMPARE(int(h.kind), int(consumer ? layout::Kind::Consumer : layout::Kind::Producer));
            QCOMPARE(int(h.mode), int(Mode::Shm));
            QCOMPARE(h.parent, ::getpid());
            QCOMPARE(h.parent_server_slot, std::optional<std::uint32_t>(ownSlot()));
            QCOMPARE(snap->mutex_waiters, 1u);
        }

        ::kill(holder, SIGCONT);
        QCOMPARE(test::exit_code(test::wait_child(holder)), 0);
        QCOMPARE(test::exit_code(test::wait_child(waiter)), 0);
        const Snapshot after = m_attachment->snapshot(false);
        QVERIFY(!after.mutex_holder);
        QVERIFY(!after.holder_stopped());
        QCOMPARE(after.mutex_waiters, 0u);
    }

    void aCorruptedOwnerNamesNobody_data()
    {
        QTest::addColumn<std::uint32_t>("owner");
        QTest::addColumn<bool>("reported");
        QTest::newRow("beyond the table") << 0x7FFFFFF0u << true;
        QTest::newRow("just beyond the table") << Geometry{}.participants + 1 << true;
        QTest::newRow("a free slot in the table") << 5u << false; // slot 4: nobody uses it
    }

    void aCorruptedOwnerNamesNobody()
    {
        QFETCH(std::uint32_t, owner);
        QFETCH(bool, reported);
        QVERIFY(writeOwner(owner));
        for (const Snapshot& snap :
             {m_attachment->snapshot(false), inspect(m_prefix->names()).value()}) {
            QVERIFY(!snap.mutex_holder);
            QVERIFY(!snap.holder_stopped());
            bool found = false;
            for (const std::string& problem : snap.corruption)
                found = found || problem.rfind("mutex_owner ", 0) == 0;
            QCOMPARE(found, reported);
        }
        QVERIFY(writeOwner(0)); // so that leaving finds the block sound
    }
};

QTEST_GUILESS_MAIN(tst_IpcStalledHolder)
#include "tst_ipc_stalled_holder.moc"
