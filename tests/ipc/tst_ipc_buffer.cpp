// The buffer seen from one process, in both modes: order, wrap-around, blocking with deadlines,
// stop and cancel, bad names, held names handed back, and the snapshot.
#include "buffer_fixture.h"
#include "ipc/attachment.h"
#include "ipc/endpoint.h"
#include "ipc/snapshot.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"

#include <QTest>
#include <atomic>

using namespace prodcons;
using namespace prodcons::ipc;
using namespace std::chrono_literals;
using test::numbered;
using test::take_one;

class tst_IpcBuffer : public QObject, private test::BufferFixture
{
    Q_OBJECT

private:
    static Mode mode() { return test::rowMode(); }

private slots:
    void initTestCase_data() { test::addModeRows(); }

    void init() { attachFresh(mode()); }

    void cleanup() { QCOMPARE(detachAndListLeftovers(), QStringList()); }

    void namesComeOutInTheOrderTheyWentIn()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        for (int i = 0; i < 10; ++i)
            IPC_VERIFY(producer.put(numbered(i)));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(take_one(consumer), numbered(i));
    }

    void ringWrapsAround()
    {
        // 10 slots; 37 names through them in uneven steps crosses the end several times.
        Endpoint producer = join(Endpoint::Role::Producer);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        int next_in = 0;
        int next_out = 0;
        for (int round = 0; next_out < 37; ++round) {
            for (int k = 0; k < 1 + round % 7 && next_in < 37 && next_in - next_out < 10; ++k)
                IPC_VERIFY(producer.put(numbered(next_in++)));
            for (int k = 0; k < 1 + round % 5 && next_out < next_in; ++k)
                QCOMPARE(take_one(consumer), numbered(next_out++));
        }
        QCOMPARE(m_attachment->snapshot().queued(mode()), 0u);
    }

    void fullBufferBlocksUntilTheDeadline()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        for (int i = 0; i < 10; ++i)
            IPC_VERIFY(producer.put(numbered(i)));
        WaitOptions wait;
        wait.deadline = Deadline::after(150ms);
        const auto started = Clock::now();
        IPC_COMPARE_ERROR(producer.put("one too many", wait), Errc::Timeout);
        QVERIFY(Clock::now() - started >= 150ms);
        QCOMPARE(m_attachment->snapshot().queued(mode()), 10u);

        // Room again: the same put now goes through.
        Endpoint consumer = join(Endpoint::Role::Consumer);
        QCOMPARE(take_one(consumer), numbered(0));
        IPC_VERIFY(producer.put("one too many", wait));
    }

    void emptyBufferBlocksUntilTheDeadline()
    {
        Endpoint consumer = join(Endpoint::Role::Consumer);
        WaitOptions wait;
        wait.deadline = Deadline::after(150ms);
        const auto started = Clock::now();
        IPC_COMPARE_ERROR(consumer.hold(1, wait), Errc::Timeout);
        QVERIFY(Clock::now() - started >= 150ms);
        QCOMPARE(consumer.held_count(), 0u);
    }

    void aRaisedStopFlagEndsTheWait()
    {
        Endpoint consumer = join(Endpoint::Role::Consumer);
        std::atomic<bool> stop{true};
        WaitOptions wait;
        wait.stop = &stop;
        IPC_COMPARE_ERROR(consumer.hold(1, wait), Errc::Stopped);
    }

    void stillWantedCanCancelTheWait()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        for (int i = 0; i < 10; ++i)
            IPC_VERIFY(producer.put(numbered(i)));
        int asked = 0;
        WaitOptions wait;
        wait.slice = 10ms;
        wait.context = &asked;
        wait.still_wanted = [](void* context) {
            return ++*static_cast<int*>(context) < 3;
        };
        IPC_COMPARE_ERROR(producer.put("blocked", wait), Errc::Cancelled);
        QCOMPARE(asked, 3);
    }

    void badNamesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("code");
        QTest::newRow("empty") << QByteArray() << int(Errc::NameEmpty);
        QTest::newRow("256 bytes") << QByteArray(256, 'x') << int(Errc::NameTooLong);
        QTest::newRow("1 MiB") << QByteArray(1 << 20, 'x') << int(Errc::NameTooLong);
        QTest::newRow("NUL inside") << QByteArray("ab\0cd", 5) << int(Errc::NameInvalid);
    }

    void badNamesAreRefused()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, code);
        Endpoint producer = join(Endpoint::Role::Producer);
        IPC_COMPARE_ERROR(producer.put(std::string_view(name.constData(), name.size())),
                          Errc(code));
        QCOMPARE(m_attachment->snapshot().queued(mode()), 0u);
        // The longest name that fits does go through, intact.
        const std::string longest(255, 'y');
        IPC_VERIFY(producer.put(longest));
        Endpoint consumer = join(Endpoint::Role::Consumer);
        QCOMPARE(take_one(consumer), longest);
    }

    void aBatchStoresWhatFitsAndStopsAtABadName()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        std::vector<std::string> storage;
        for (int i = 0; i < 14; ++i)
            storage.push_back(numbered(i));
        std::vector<std::string_view> names(storage.begin(), storage.end());
        auto stored = producer.put(names);
        IPC_VERIFY(stored);
        QVERIFY(stored.value() >= 1 && stored.value() <= 10);
        std::size_t total = stored.value();
        WaitOptions now;
        now.deadline = Deadline::now();
        while (total < 10) {
            auto more = producer.put(std::span(names).subspan(total), now);
            IPC_VERIFY(more);
            total += more.value();
        }
        QCOMPARE(total, 10u);

        Endpoint consumer = join(Endpoint::Role::Consumer);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(take_one(consumer), numbered(i));

        const std::string_view with_bad[] = {"a", "b", "", "c"};
        auto partial = producer.put(with_bad);
        IPC_VERIFY(partial);
        QCOMPARE(partial.value(), 2u);
        IPC_COMPARE_ERROR(producer.put(std::span(with_bad).subspan(2)), Errc::NameEmpty);
    }

    void heldNamesAreKeptUntilAcknowledged()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        for (int i = 0; i < 5; ++i)
            IPC_VERIFY(producer.put(numbered(i)));
        std::uint32_t held = 0;
        while (held < 5) {
            auto got = consumer.hold(5 - held);
            IPC_VERIFY(got);
            held += got.value();
        }
        QCOMPARE(consumer.held_count(), 5u);
        QCOMPARE(QByteArray(consumer.held(0).data(), consumer.held(0).size()),
                 QByteArray("name-0"));
        QCOMPARE(QByteArray(consumer.held(4).data(), consumer.held(4).size()),
                 QByteArray("name-4"));
        consumer.acknowledge(2);
        QCOMPARE(consumer.held_count(), 3u);
        QCOMPARE(QByteArray(consumer.held(0).data(), consumer.held(0).size()),
                 QByteArray("name-2"));
        // Held names are out of the buffer but counted for the consumer.
        const Snapshot snap = m_attachment->snapshot();
        QCOMPARE(snap.queued(mode()), 0u);
        bool seen = false;
        for (const auto& p : snap.participants)
            if (p.slot == consumer.slot()) {
                QCOMPARE(p.held, 3u);
                seen = true;
            }
        QVERIFY(seen);
    }

    void namesHeldByAConsumerThatLeavesGoBackFirst()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        for (int i = 0; i < 6; ++i)
            IPC_VERIFY(producer.put(numbered(i)));
        {
            Endpoint leaving = join(Endpoint::Role::Consumer);
            std::uint32_t held = 0;
            while (held < 3) {
                auto got = leaving.hold(3 - held);
                IPC_VERIFY(got);
                held += got.value();
            }
            leaving.acknowledge(1); // name-0 was delivered; name-1 and name-2 were not
        }
        QCOMPARE(m_attachment->snapshot().orphans[static_cast<int>(mode())], 2u);
        QCOMPARE(m_attachment->snapshot().queued(mode()), 5u);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        for (int i = 1; i < 6; ++i)
            QCOMPARE(take_one(consumer), numbered(i));
        QCOMPARE(m_attachment->snapshot().queued(mode()), 0u);
    }

    void snapshotShowsTheRingAndTheSemaphores()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        for (int i = 0; i < 13; ++i) {
            IPC_VERIFY(producer.put(numbered(i)));
            if (i < 9)
                QCOMPARE(take_one(consumer), numbered(i));
        }
        const Snapshot snap = m_attachment->snapshot();
        QVERIFY(snap.control_present);
        QCOMPARE(snap.queued(mode()), 4u);
        QCOMPARE(snap.live_users[static_cast<int>(mode())], 1u);
        QCOMPARE(snap.live_users[1 - static_cast<int>(mode())], 0u);
        QCOMPARE(snap.sem_mutex, 1);
        QCOMPARE(snap.names_put[static_cast<int>(mode())], 13u);
        if (mode() == Mode::Shm) {
            QCOMPARE(snap.count, 4u);
            QCOMPARE(snap.out, 9u);
            QCOMPARE(snap.in, 3u); // 13 % 10
            QCOMPARE(snap.sem_full, 4);
            QCOMPARE(snap.sem_empty, 6);
            QCOMPARE(snap.ring.size(), 10u);
            QCOMPARE(QByteArray::fromStdString(snap.ring[9]), QByteArray("name-9"));
            QCOMPARE(QByteArray::fromStdString(snap.ring[2]), QByteArray("name-12"));
            QVERIFY(snap.ring[5].empty());
        } else {
            QVERIFY(snap.mq_present);
            QCOMPARE(snap.mq_current, 4L);
            QCOMPARE(snap.mq_capacity, 10L);
            QCOMPARE(snap.mq_message_size, 256L);
        }
    }
};

QTEST_GUILESS_MAIN(tst_IpcBuffer)
#include "tst_ipc_buffer.moc"
