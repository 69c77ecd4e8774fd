// Several processes on one buffer: many writers and readers lose and duplicate nothing, and
// a process killed at the worst instants (inside the mutex, between storing and committing,
// holding names a client has not acknowledged) wedges nobody and loses nothing.
#include "buffer_fixture.h"
#include "child_process.h"
#include "ipc/attachment.h"
#include "ipc/control.h"
#include "ipc/endpoint.h"
#include "ipc/snapshot.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"

#include <QTest>
#include <atomic>
#include <csignal>
#include <cstring>
#include <sys/mman.h>

using namespace prodcons;
using namespace prodcons::ipc;
using namespace std::chrono_literals;

using test::join_or_die;
using test::take_one;

namespace {

/// Counters that forked readers update and the test reads: an anonymous shared mapping.
template <class T> class SharedArray
{
public:
    explicit SharedArray(std::size_t count) : m_count(count)
    {
        void* p =
            ::mmap(nullptr, bytes(), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            qFatal("mmap failed");
        m_data = static_cast<T*>(p);
        for (std::size_t i = 0; i < count; ++i)
            new (&m_data[i]) T{};
    }
    ~SharedArray() { ::munmap(m_data, bytes()); }
    T& operator[](std::size_t i) { return m_data[i]; }

private:
    std::size_t bytes() const { return m_count * sizeof(T); }
    std::size_t m_count;
    T* m_data;
};

} // namespace

class tst_IpcProcesses : public QObject, private test::BufferFixture
{
    Q_OBJECT

private:
    static Mode mode() { return test::rowMode(); }

private slots:
    void initTestCase_data() { test::addModeRows(); }

    void init() { attachFresh(mode()); }

    void cleanup() { QCOMPARE(detachAndListLeftovers(), QStringList()); }

    void twoWritersTwoReadersMoveEveryNameExactlyOnce()
    {
        constexpr int kWriters = 2;
        constexpr int kReaders = 2;
        constexpr int kPerWriter = 50'000;
        constexpr int kTotal = kWriters * kPerWriter;
        SharedArray<std::atomic<std::uint8_t>> seen(kTotal);
        SharedArray<std::atomic<int>> totals(2);    // [0] names read, [1] order violations
        SharedArray<std::atomic<bool>> all_read(1); // stops the readers still waiting
        const Attachment& attachment = *m_attachment;

        std::vector<pid_t> children;
        for (int w = 0; w < kWriters; ++w) {
            children.push_back(test::fork_child([&, w] {
                Endpoint producer = join_or_die(attachment, Endpoint::Role::Producer);
                std::vector<std::string> batch;
                int next = 0;
                while (next < kPerWriter) {
                    batch.clear();
                    for (int k = 0; k < 8 && next + k < kPerWriter; ++k)
                        batch.push_back(std::to_string(w) + ":" + std::to_string(next + k));
                    std::vector<std::string_view> views(batch.begin(), batch.end());
                    auto stored = producer.put(views);
                    if (!stored)
                        return 1;
                    next += static_cast<int>(stored.value());
                }
                return 0;
            }));
        }
        for (int r = 0; r < kReaders; ++r) {
            children.push_back(test::fork_child([&] {
                Endpoint consumer = join_or_die(attachment, Endpoint::Role::Consumer);
                int last[kWriters] = {-1, -1};
                WaitOptions wait;
                wait.deadline = Deadline::after(60s);
                wait.slice = 20ms;
                wait.stop = &all_read[0];
                while (totals[0].load() < kTotal) {
                    auto got = consumer.hold(16, wait);
                    if (!got) {
                        if (got.error().code == Errc::Timeout)
                            return 2;
                        continue;
                    }
                    for (std::uint32_t i = 0; i < got.value(); ++i) {
                        const std::string_view name = consumer.held(i);
                        const auto colon = name.find(':');
                        const int writer = name[0] - '0';
                        const int seq = std::stoi(std::string(name.substr(colon + 1)));
                        // Each reader sees each writer's names in the order they were put.
                        if (seq <= last[writer])
                            totals[1].fetch_add(1);
                        last[writer] = seq;
                        seen[static_cast<std::size_t>(writer * kPerWriter + seq)].fetch_add(1);
                    }
                    consumer.acknowledge(got.value());
                    totals[0].fetch_add(static_cast<int>(got.value()));
                    if (totals[0].load() >= kTotal)
                        all_read[0].store(true);
                }
                return 0;
            }));
        }
        for (pid_t pid : children)
            QCOMPARE(test::exit_code(test::wait_child(pid, 120s)), 0);

        QCOMPARE(totals[0].load(), kTotal);
        QCOMPARE(totals[1].load(), 0);
        int missing = 0;
        int duplicated = 0;
        for (int i = 0; i < kTotal; ++i) {
            missing += seen[static_cast<std::size_t>(i)].load() == 0;
            duplicated += seen[static_cast<std::size_t>(i)].load() > 1;
        }
        QCOMPARE(missing, 0);
        QCOMPARE(duplicated, 0);
        QCOMPARE(m_attachment->snapshot().queued(mode()), 0u);
    }

    void aConsumerKilledWhileHoldingNamesLosesNone()
    {
        Endpoint producer = join_or_die(*m_attachment, Endpoint::Role::Producer);
        for (int i = 0; i < 8; ++i)
            IPC_VERIFY(producer.put("held-" + std::to_string(i)));
        const Attachment& attachment = *m_attachment;
        const pid_t pid = test::fork_child([&] {
            Endpoint consumer = join_or_die(attachment, Endpoint::Role::Consumer);
            if (!test::hold_exactly(consumer, 5))
                return 1;
            consumer.acknowledge(2); // two were delivered; three were in flight
            ::raise(SIGKILL);
            return 2;
        });
        QCOMPARE(test::exit_code(test::wait_child(pid)), 128 + SIGKILL);

        // The server reaps its child and hands the three names back.
        auto reaped = m_attachment->reap_dead({});
        IPC_VERIFY(reaped);
        QCOMPARE(reaped->slots_reaped, 1u);
        QCOMPARE(reaped->names_orphaned, 3u);
        Endpoint consumer = join_or_die(*m_attachment, Endpoint::Role::Consumer);
        for (int i = 2; i < 8; ++i)
            QCOMPARE(take_one(consumer), "held-" + std::to_string(i));
    }

    void aProcessKilledInsideTheBufferWedgesNobody_data()
    {
        QTest::addColumn<QByteArray>("point");
        QTest::addColumn<bool>("producer");
        QTest::addColumn<QStringList>("expected"); // what a consumer then finds, in order
        const QStringList before = {"a", "b", "c"};
        QTest::newRow("producer holding mutex, names not committed")
            << QByteArray("put:stored") << true << before;
        QTest::newRow("producer acquired mutex, not yet recorded")
            << QByteArray("lock:acquired") << true << before;
        QTest::newRow("consumer holding mutex, take not committed")
            << QByteArray("hold:copied") << false << before;
        QTest::newRow("consumer holding mutex, take committed")
            << QByteArray("hold:committed") << false << before;
        QTest::newRow("consumer received from the queue")
            << QByteArray("queue:received") << false << before;
    }

    void aProcessKilledInsideTheBufferWedgesNobody()
    {
        QFETCH(QByteArray, point);
        QFETCH(bool, producer);
        QFETCH(QStringList, expected);
        // In MQ mode producers never take the mutex; the queue itself is the critical section.
        const bool shm_only =
            point.startsWith("put:") || point.startsWith("hold:") || point == "lock:acquired";
        if (shm_only && mode() != Mode::Shm)
            QSKIP("a point of the shared-memory ring");
        if (point.startsWith("queue:") && mode() != Mode::Mq)
            QSKIP("a point of the message queue");

        Endpoint feeder = join_or_die(*m_attachment, Endpoint::Role::Producer);
        for (const QString& name : expected)
            IPC_VERIFY(feeder.put(name.toStdString()));

        test::kill_at_fault_point(point.constData());
        const Attachment& attachment = *m_attachment;
        const pid_t pid = test::fork_child([&] {
            Endpoint victim = join_or_die(attachment, producer ? Endpoint::Role::Producer
                                                               : Endpoint::Role::Consumer);
            if (producer) {
                (void)victim.put("never acknowledged");
            } else {
                (void)victim.hold(2);
            }
            return 1; // the fault point did not fire
        });
        test::kill_at_fault_point(nullptr);
        QCOMPARE(test::exit_code(test::wait_child(pid)), 128 + SIGKILL);

        // Others go on: a producer stores (the mutex is recovered if the victim held it), the
        // server reaps the victim, and a consumer finds every name that had been stored.
        WaitOptions bounded;
        bounded.deadline = Deadline::after(10s); // a wedged buffer fails here, not by hanging
        IPC_VERIFY(feeder.put("after", bounded));
        auto reaped = m_attachment->reap_dead({});
        IPC_VERIFY(reaped);
        QCOMPARE(reaped->slots_reaped, 1u);
        Endpoint consumer = join_or_die(*m_attachment, Endpoint::Role::Consumer);
        QStringList found;
        for (;;) {
            const std::string name = take_one(consumer, 300ms);
            if (name.front() == '<')
                break;
            found << QString::fromStdString(name);
        }
        QStringList wanted = expected;
        wanted << QStringLiteral("after");
        QCOMPARE(found, wanted);
        const Snapshot snap = m_attachment->snapshot();
        const bool victim_held_mutex = point != "queue:received";
        QCOMPARE(snap.mutex_recoveries, victim_held_mutex ? 1u : 0u);
        QCOMPARE(snap.sem_mutex, 1);
    }

    void semaphoreCountsHealAfterProducersDieMidPut()
    {
        if (mode() != Mode::Shm)
            QSKIP("the counting semaphores belong to the shared-memory ring");
        const Attachment& attachment = *m_attachment;
        test::kill_at_fault_point("put:stored");
        for (int i = 0; i < 3; ++i) {
            const pid_t pid = test::fork_child([&] {
                Endpoint victim = join_or_die(attachment, Endpoint::Role::Producer);
                (void)victim.put("lost unit");
                return 1;
            });
            QCOMPARE(test::exit_code(test::wait_child(pid)), 128 + SIGKILL);
        }
        test::kill_at_fault_point(nullptr);
        // Each death took an "empty" unit with it; the buffer must still take ten names.
        Endpoint producer = join_or_die(*m_attachment, Endpoint::Role::Producer);
        WaitOptions wait;
        wait.deadline = Deadline::after(10s);
        for (int i = 0; i < 10; ++i)
            IPC_VERIFY(producer.put("n" + std::to_string(i), wait));
        QCOMPARE(m_attachment->snapshot().count, 10u);
        Endpoint consumer = join_or_die(*m_attachment, Endpoint::Role::Consumer);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(take_one(consumer), "n" + std::to_string(i));
    }
};

QTEST_GUILESS_MAIN(tst_IpcProcesses)
#include "tst_ipc_processes.moc"
