// The life cycle of the objects: who creates, who attaches, who removes; crash recovery;
// forced cleanup; the two modes side by side; layout checks; permissions.
#include "child_process.h"
#include "ipc/attachment.h"
#include "ipc/cleanup.h"
#include "ipc/endpoint.h"
#include "ipc/shared_memory.h"
#include "ipc/snapshot.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"
#include "ipc_test_prefix.h"

#include <QTest>
#include <csignal>
#include <fcntl.h>
#include <mqueue.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::ipc;
using namespace std::chrono_literals;

using test::attach_or_die;
using test::join_or_die;
using test::take_one;

namespace {

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList qt_list(const std::vector<std::string>& names)
{
    QStringList list;
    for (const auto& n : names)
        list << QString::fromStdString(n);
    return sorted(list);
}

} // namespace

class tst_IpcLifecycle : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;

    QString name(const char* object) const { return QString::fromLatin1(object); }

private slots:
    void init() { m_prefix = std::make_unique<test::IpcTestPrefix>(); }

    void cleanup()
    {
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    void theFirstProcessCreatesAndLaterOnesAttach()
    {
        AttachReport first_report;
        Attachment first = attach_or_die(m_prefix->config(), Mode::Shm, &first_report);
        QVERIFY(first_report.created);
        QVERIFY(!first_report.recovered);
        QVERIFY(first_report.mode_objects_created);

        AttachReport second_report;
        Attachment second = attach_or_die(m_prefix->config(), Mode::Shm, &second_report);
        QVERIFY(!second_report.created);
        QVERIFY(!second_report.recovered);
        QVERIFY(!second_report.mode_objects_created);
        QCOMPARE(second_report.other_users, 1u);
        QCOMPARE(second.snapshot().live_users[0], 2u);
        IPC_VERIFY(second.detach());
        IPC_VERIFY(first.detach());
    }

    void attachingDoesNotResetTheBuffer_data()
    {
        QTest::addColumn<bool>("mq");
        QTest::newRow("SHM") << false;
        QTest::newRow("MQ") << true;
    }

    void attachingDoesNotResetTheBuffer()
    {
        QFETCH(bool, mq);
        const Mode mode = mq ? Mode::Mq : Mode::Shm;
        Attachment first = attach_or_die(m_prefix->config(), mode);
        {
            Endpoint producer = join_or_die(first, Endpoint::Role::Producer);
            for (const char* n : {"Ada", "Grace", "Linus"})
                IPC_VERIFY(producer.put(n));
        }
        Attachment second = attach_or_die(m_prefix->config(), mode);
        QCOMPARE(second.snapshot().queued(mode), 3u);
        Endpoint consumer = join_or_die(second, Endpoint::Role::Consumer);
        QCOMPARE(take_one(consumer), std::string("Ada"));
        QCOMPARE(take_one(consumer), std::string("Grace"));
        QCOMPARE(take_one(consumer), std::string("Linus"));
        consumer.leave();
        IPC_VERIFY(first.detach());
        IPC_VERIFY(second.detach());
    }

    void onlyTheLastUserRemovesTheObjects()
    {
        Attachment first = attach_or_die(m_prefix->config(), Mode::Shm);
        Attachment second = attach_or_die(m_prefix->config(), Mode::Shm);
        auto left = first.detach();
        IPC_VERIFY(left);
        QVERIFY(!left->last_of_mode);
        QVERIFY(left->removed.empty());
        QCOMPARE(m_prefix->leftovers().size(), 4);

        // The one that stays keeps working.
        {
            Endpoint producer = join_or_die(second, Endpoint::Role::Producer);
            Endpoint consumer = join_or_die(second, Endpoint::Role::Consumer);
            IPC_VERIFY(producer.put("still here"));
            QCOMPARE(take_one(consumer), std::string("still here"));
        }
        auto last = second.detach();
        IPC_VERIFY(last);
        QVERIFY(last->last_of_mode && last->last_of_all);
        QCOMPARE(qt_list(last->removed),
                 sorted({name(m_prefix->names().control), name(m_prefix->names().mutex),
                         name(m_prefix->names().empty), name(m_prefix->names().full)}));
    }

    void namesLeftInTheBufferAreCountedWhenDiscarded()
    {
        Attachment only = attach_or_die(m_prefix->config(), Mode::Mq);
        {
            Endpoint producer = join_or_die(only, Endpoint::Role::Producer);
            for (int i = 0; i < 4; ++i)
                IPC_VERIFY(producer.put("n" + std::to_string(i)));
        }
        auto left = only.detach();
        IPC_VERIFY(left);
        QCOMPARE(left->names_discarded, 4u);
    }

    void shmAndMqSideBySideDoNotShareNames()
    {
        Attachment shm = attach_or_die(m_prefix->config(), Mode::Shm);
        Attachment mq = attach_or_die(m_prefix->config(), Mode::Mq);
        Endpoint shm_producer = join_or_die(shm, Endpoint::Role::Producer);
        Endpoint mq_producer = join_or_die(mq, Endpoint::Role::Producer);
        Endpoint shm_consumer = join_or_die(shm, Endpoint::Role::Consumer);
        Endpoint mq_consumer = join_or_die(mq, Endpoint::Role::Consumer);

        IPC_VERIFY(shm_producer.put("through shared memory"));
        WaitOptions brief;
        brief.deadline = Deadline::after(100ms);
        IPC_COMPARE_ERROR(mq_consumer.hold(1, brief), Errc::Timeout);
        IPC_VERIFY(mq_producer.put("through the queue"));
        QCOMPARE(take_one(shm_consumer), std::string("through shared memory"));
        QCOMPARE(take_one(mq_consumer), std::string("through the queue"));
        IPC_COMPARE_ERROR(shm_consumer.hold(1, brief), Errc::Timeout);

        // The SHM side leaving removes only what is SHM's own.
        shm_producer.leave();
        shm_consumer.leave();
        auto left = shm.detach();
        IPC_VERIFY(left);
        QVERIFY(left->last_of_mode);
        QVERIFY(!left->last_of_all);
        QCOMPARE(qt_list(left->removed),
                 sorted({name(m_prefix->names().empty), name(m_prefix->names().full)}));
        IPC_VERIFY(mq_producer.put("queue still works"));
        QCOMPARE(take_one(mq_consumer), std::string("queue still works"));
        mq_producer.leave();
        mq_consumer.leave();
        auto last = mq.detach();
        IPC_VERIFY(last);
        QCOMPARE(qt_list(last->removed),
                 sorted({name(m_prefix->names().control), name(m_prefix->names().mutex),
                         name(m_prefix->names().queue)}));
    }

    void staleObjectsOfAKilledProcessAreRecovered_data()
    {
        QTest::addColumn<bool>("mq");
        QTest::newRow("SHM") << false;
        QTest::newRow("MQ") << true;
    }

    void staleObjectsOfAKilledProcessAreRecovered()
    {
        QFETCH(bool, mq);
        const Mode mode = mq ? Mode::Mq : Mode::Shm;
        const Config config = m_prefix->config();
        // A server that stores names, hands three to a consumer that never acknowledges them,
        // and is killed: no detach, no clean-up.
        const pid_t pid = test::fork_child([&] {
            Attachment server = attach_or_die(config, mode);
            Endpoint producer = join_or_die(server, Endpoint::Role::Producer);
            for (int i = 0; i < 6; ++i)
                if (!producer.put("stale-" + std::to_string(i)))
                    return 1;
            Endpoint consumer = join_or_die(server, Endpoint::Role::Consumer);
            if (!test::hold_exactly(consumer, 3))
                return 2;
            ::raise(SIGKILL);
            return 3;
        });
        QCOMPARE(test::exit_code(test::wait_child(pid)), 128 + SIGKILL);
        QVERIFY(!m_prefix->leftovers().isEmpty());

        AttachReport report;
        Attachment next = attach_or_die(config, mode, &report);
        QVERIFY(report.recovered);
        QVERIFY(!report.created);
        QCOMPARE(report.names_kept, 6u);
        QCOMPARE(next.snapshot().live_users[static_cast<int>(mode)], 1u);
        // Nothing lost, and the order kept: the three held names come back first.
        Endpoint consumer = join_or_die(next, Endpoint::Role::Consumer);
        for (int i = 0; i < 6; ++i)
            QCOMPARE(take_one(consumer), "stale-" + std::to_string(i));
        consumer.leave();
        IPC_VERIFY(next.detach());
    }

    void aCleanStopThenAStartBeginsAfresh()
    {
        Attachment first = attach_or_die(m_prefix->config(), Mode::Shm);
        IPC_VERIFY(first.detach());
        AttachReport report;
        Attachment again = attach_or_die(m_prefix->config(), Mode::Shm, &report);
        QVERIFY(report.created);
        QVERIFY(!report.recovered);
        IPC_VERIFY(again.detach());
    }

    void forcedCleanupRemovesEverythingAndNamesLiveUsers()
    {
        Attachment live = attach_or_die(m_prefix->config(), Mode::Shm);
        Attachment live_mq = attach_or_die(m_prefix->config(), Mode::Mq);
        {
            Endpoint producer = join_or_die(live, Endpoint::Role::Producer);
            IPC_VERIFY(producer.put("about to go"));
        }
        const CleanupReport report = ipc::cleanup(m_prefix->names());
        QCOMPARE(report.removed_count(), 5u);
        QCOMPARE(report.live_users.size(), 2u);
        QCOMPARE(report.live_users[0], ::getpid());
        QCOMPARE(report.names_discarded, 1u);
        QVERIFY(QByteArray::fromStdString(report.summary()).contains("2 live servers"));
        QCOMPARE(m_prefix->leftovers(), QStringList());
        QVERIFY(live.objects_removed());

        // A fresh start is independent of the processes still holding the old objects...
        AttachReport fresh_report;
        Attachment fresh = attach_or_die(m_prefix->config(), Mode::Shm, &fresh_report);
        QVERIFY(fresh_report.created);
        // ...and those, when they leave, do not remove the new objects.
        auto left = live.detach();
        IPC_VERIFY(left);
        QVERIFY(left->removed.empty());
        IPC_VERIFY(live_mq.detach());
        QCOMPARE(m_prefix->leftovers().size(), 4);
        IPC_VERIFY(fresh.detach());

        const CleanupReport nothing = ipc::cleanup(m_prefix->names());
        QCOMPARE(nothing.removed_count(), 0u);
        QCOMPARE(QByteArray::fromStdString(nothing.summary()), QByteArray("nothing to remove"));
    }

    void anotherLayoutInUseIsRefused()
    {
        Attachment live = attach_or_die(m_prefix->config(), Mode::Shm);
        Geometry bigger;
        bigger.capacity = 20;
        auto refused = Attachment::attach(m_prefix->config(bigger), Mode::Shm);
        IPC_COMPARE_ERROR(refused, Errc::LayoutMismatch);
        QVERIFY(QByteArray::fromStdString(describe(refused.error())).contains("found 10 slots"));
        // The live buffer is untouched.
        QCOMPARE(live.snapshot().geometry.capacity, 10u);
        IPC_VERIFY(live.detach());
    }

    // --slot-size: up to 8 KiB lines in both modes, and the control object, allocated whole
    // up front, stays about 35 MiB (held windows shrink as slots grow) instead of 1 GiB.
    void largeSlotsCarryLongLinesInAControlObjectOfTheSameSize_data()
    {
        QTest::addColumn<quint32>("slotSize");
        QTest::addColumn<quint32>("window");
        QTest::newRow("256 bytes (default)") << quint32(256) << quint32(128);
        QTest::newRow("2048 bytes") << quint32(2048) << quint32(16);
        QTest::newRow("3000 bytes") << quint32(3000) << quint32(10);
        QTest::newRow("8192 bytes") << quint32(8192) << quint32(4);
    }

    void largeSlotsCarryLongLinesInAControlObjectOfTheSameSize()
    {
        QFETCH(quint32, slotSize);
        QFETCH(quint32, window);
        const Geometry geometry = Geometry::with_slot_size(slotSize);
        IPC_VERIFY(geometry.check());
        QCOMPARE(geometry.window, window);
        QCOMPARE(geometry.max_name_length(), slotSize - 1);
        QCOMPARE(Geometry::with_slot_size(kDefaultSlotSize), Geometry{});

        Attachment shm = attach_or_die(m_prefix->config(geometry), Mode::Shm);
        Attachment mq = attach_or_die(m_prefix->config(geometry), Mode::Mq);
        struct stat st = {};
        const std::string path = "/dev/shm" + std::string(m_prefix->names().control);
        QCOMPARE(::stat(path.c_str(), &st), 0);
        QCOMPARE(std::size_t(st.st_size), layout::ControlView::size_for(geometry));
        // No larger than the default layout's, give or take the longer ring.
        const auto default_size = layout::ControlView::size_for(Geometry{});
        QVERIFY2(std::size_t(st.st_size) <= default_size + 10 * std::size_t{slotSize},
                 qPrintable(QStringLiteral("%1 against %2").arg(st.st_size).arg(default_size)));
        qInfo("slots of %u bytes: control object %lld bytes, window %u", slotSize,
              static_cast<long long>(st.st_size), geometry.window);

        for (Attachment* attachment : {&shm, &mq}) {
            Endpoint producer = join_or_die(*attachment, Endpoint::Role::Producer);
            Endpoint consumer = join_or_die(*attachment, Endpoint::Role::Consumer);
            const std::string longest(slotSize - 1, 'x');
            IPC_VERIFY(producer.put(longest));
            IPC_COMPARE_ERROR(producer.put(longest + "y"), Errc::NameTooLong);
            QCOMPARE(take_one(consumer), longest);
        }
        IPC_VERIFY(mq.detach());
        IPC_VERIFY(shm.detach());
    }

    void serversReservePlacesForTheirClientsFirstComeFirstServed()
    {
        Geometry geometry;
        geometry.participants = 64; // 56 reservable: 8 stay free for servers and tools
        Config config = m_prefix->config(geometry);
        config.reserve_participants = 40;
        AttachReport first_report;
        Attachment first = attach_or_die(config, Mode::Shm, &first_report);
        QCOMPARE(first_report.participants_reserved, 40u);

        AttachReport second_report;
        Attachment second = attach_or_die(config, Mode::Mq, &second_report);
        QCOMPARE(second_report.participants_reserved, 16u);
        QCOMPARE(second_report.participants_reserved_by_others, 40u);
        QCOMPARE(second_report.participants_reservable, 56u);

        // A third server finds no place left: a clear refusal, not a server whose clients
        // would all be turned away.
        config.reserve_participants = 1;
        auto third = Attachment::attach(config, Mode::Shm);
        IPC_COMPARE_ERROR(third, Errc::TableFull);
        QVERIFY(QByteArray::fromStdString(describe(third.error())).contains("--max-children"));

        // A tool reserves nothing and always gets in.
        Config tool_config = m_prefix->config(geometry);
        Attachment tool = attach_or_die(tool_config, Mode::Shm);

        // The places of a server that is gone, even without detaching, come back.
        IPC_VERIFY(second.detach());
        config.reserve_participants = 16;
        QVERIFY(test::leave_stale_objects(config, Mode::Mq));
        AttachReport after_report;
        Attachment after = attach_or_die(config, Mode::Mq, &after_report);
        QCOMPARE(after_report.participants_reserved, 16u);
        QCOMPARE(after_report.participants_reserved_by_others, 40u);

        IPC_VERIFY(after.detach());
        IPC_VERIFY(tool.detach());
        IPC_VERIFY(first.detach());
    }

    void aStaleObjectOfUnknownLayoutIsReplaced()
    {
        // Something else left an object under our name, and nobody uses it.
        const int fd = shm_open(m_prefix->names().control, O_RDWR | O_CREAT, 0600);
        QVERIFY(fd >= 0);
        QCOMPARE(::write(fd, "not a prodcons buffer", 21), 21);
        ::close(fd);

        AttachReport report;
        Attachment attached = attach_or_die(m_prefix->config(), Mode::Mq, &report);
        QVERIFY(report.incompatible_replaced);
        Endpoint producer = join_or_die(attached, Endpoint::Role::Producer);
        IPC_VERIFY(producer.put("works"));
        producer.leave();
        IPC_VERIFY(attached.detach());
    }

    void twoServersStartingAtOnceInitialiseOnce()
    {
        const Config config = m_prefix->config();
        constexpr int kServers = 6;
        int go[2];      // closed by the parent: every child starts attaching at once
        int results[2]; // each child writes one byte: how its attach went
        int done[2];    // closed by the parent: every child detaches
        QCOMPARE(::pipe(go), 0);
        QCOMPARE(::pipe(results), 0);
        QCOMPARE(::pipe(done), 0);
        std::vector<pid_t> children;
        for (int i = 0; i < kServers; ++i) {
            children.push_back(test::fork_child([&] {
                ::close(go[1]);
                ::close(done[1]);
                ::close(results[0]);
                char byte;
                if (::read(go[0], &byte, 1) != 0)
                    return 1;
                AttachReport report;
                auto attached = Attachment::attach(config, Mode::Shm, &report);
                const char outcome = !attached          ? 'E'
                                     : report.created   ? 'C'
                                     : report.recovered ? 'R'
                                                        : 'A';
                if (::write(results[1], &outcome, 1) != 1)
                    return 2;
                if (::read(done[0], &byte, 1) != 0)
                    return 3;
                return attached && attached->detach().ok() ? 0 : 4;
            }));
        }
        ::close(go[0]);
        ::close(go[1]);
        ::close(results[1]);
        QByteArray outcomes;
        char c;
        while (outcomes.size() < kServers && ::read(results[0], &c, 1) == 1)
            outcomes += c;
        ::close(results[0]);
        ::close(done[0]);
        ::close(done[1]);
        for (pid_t pid : children)
            QCOMPARE(test::exit_code(test::wait_child(pid)), 0);
        // One created and initialised; all the others found it alive and attached.
        QCOMPARE(outcomes.count('C'), 1);
        QCOMPARE(outcomes.count('A'), kServers - 1);
    }

    void objectsAreOwnerOnlyWhateverTheUmask_data()
    {
        QTest::addColumn<int>("mask");
        QTest::newRow("umask 000") << 0;
        QTest::newRow("umask 277") << 0277;
    }

    void objectsAreOwnerOnlyWhateverTheUmask()
    {
        QFETCH(int, mask);
        const mode_t old = ::umask(static_cast<mode_t>(mask));
        auto shm = Attachment::attach(m_prefix->config(), Mode::Shm);
        auto mq = Attachment::attach(m_prefix->config(), Mode::Mq);
        ::umask(old);
        IPC_VERIFY(shm);
        IPC_VERIFY(mq);
        const std::string stem = m_prefix->prefix().substr(1);
        for (const std::string& file :
             {"/dev/shm/" + stem + "_shm", "/dev/shm/sem." + stem + "_mutex",
              "/dev/shm/sem." + stem + "_empty", "/dev/shm/sem." + stem + "_full"}) {
            struct stat st = {};
            QCOMPARE(::stat(file.c_str(), &st), 0);
            QCOMPARE(st.st_mode & 07777, mode_t(0600));
        }
        const mqd_t queue = mq_open(m_prefix->names().queue, O_RDONLY);
        QVERIFY(queue != mqd_t(-1));
        struct stat st = {};
        QCOMPARE(::fstat(queue, &st), 0);
        mq_close(queue);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));
        IPC_VERIFY(shm->detach());
        IPC_VERIFY(mq->detach());
    }
};

QTEST_GUILESS_MAIN(tst_IpcLifecycle)
#include "tst_ipc_lifecycle.moc"
