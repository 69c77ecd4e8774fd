// The teaching view's side of the buffer, in both modes: the steps a put and a take record, in
// order, with the slots and names they move; nothing recorded while nobody watches; a pause
// holds every participant, one grant advances exactly one step, and the tempo slows and
// returns to full speed at once; and whatever the teaching settings, names arrive once each.
#include "buffer_fixture.h"
#include "child_process.h"
#include "event_wait.h"
#include "ipc/attachment.h"
#include "ipc/endpoint.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"

#include <QMap>
#include <QTest>
#include <atomic>
#include <csignal>
#include <sys/mman.h>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::ipc;
using namespace std::chrono_literals;
using test::take_one;
using test::waitUntil;

namespace {

/// "WaitEmpty Write:0:Alice ..." for the steps given: their names, and for steps that move a
/// name, the slot and the name.
QStringList describe(const std::vector<StepEvent>& steps)
{
    QStringList out;
    for (const StepEvent& e : steps) {
        QString text = QString::fromLatin1(step_name(e.step));
        if (e.step == Step::Write || e.step == Step::Read || e.step == Step::AdvanceIn ||
            e.step == Step::AdvanceOut)
            text += QStringLiteral(":%1").arg(e.detail);
        if (!e.name.empty() && (e.step == Step::Write || e.step == Step::Read ||
                                e.step == Step::Send || e.step == Step::WriteClient))
            text += QLatin1Char(':') + QString::fromStdString(e.name);
        out << text;
    }
    return out;
}

/// A counter in memory shared with forked children.
class SharedCounter
{
public:
    SharedCounter()
        : m_value(static_cast<std::atomic<int>*>(::mmap(nullptr, sizeof(std::atomic<int>),
                                                        PROT_READ | PROT_WRITE,
                                                        MAP_SHARED | MAP_ANONYMOUS, -1, 0)))
    {
        new (m_value) std::atomic<int>(0);
    }
    ~SharedCounter() { ::munmap(m_value, sizeof(std::atomic<int>)); }
    SharedCounter(const SharedCounter&) = delete;
    SharedCounter& operator=(const SharedCounter&) = delete;
    std::atomic<int>& operator*() const { return *m_value; }

private:
    std::atomic<int>* m_value;
};

} // namespace

class tst_IpcTeaching : public QObject, private test::BufferFixture
{
    Q_OBJECT

private:
    static Mode mode() { return test::rowMode(); }

    std::vector<StepEvent> stepsOf(const Endpoint& endpoint, std::uint64_t after = 0) const
    {
        return m_attachment->steps(endpoint.slot(), after);
    }

private slots:
    void initTestCase_data() { test::addModeRows(); }

    void init() { attachFresh(mode()); }

    void cleanup()
    {
        if (m_attachment) {
            m_attachment->set_paused(false);
            m_attachment->set_tempo(0ms);
            m_attachment->set_watching(false);
        }
        QCOMPARE(detachAndListLeftovers(), QStringList());
    }

    // A scripted sequence: two puts and two takes record exactly the classic algorithm's
    // steps, with the slots `in` and `out` and the names moved.
    void aPutAndATakeRecordTheClassicSteps()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        m_attachment->set_watching(true);
        QVERIFY(m_attachment->teaching_state().tracing);
        IPC_VERIFY(producer.put("Alice"));
        IPC_VERIFY(producer.put("Bob"));
        QCOMPARE(take_one(consumer), std::string("Alice"));
        QCOMPARE(take_one(consumer), std::string("Bob"));
        if (mode() == Mode::Shm) {
            QCOMPARE(describe(stepsOf(producer)),
                     QStringList({"WaitEmpty", "WaitMutex", "Write:0:Alice", "AdvanceIn:1",
                                  "PostMutex", "PostFull", "WaitEmpty", "WaitMutex", "Write:1:Bob",
                                  "AdvanceIn:2", "PostMutex", "PostFull"}));
            QCOMPARE(describe(stepsOf(consumer)),
                     QStringList({"WaitFull", "WaitMutex", "Read:0:Alice", "AdvanceOut:1",
                                  "PostMutex", "PostEmpty", "WaitFull", "WaitMutex", "Read:1:Bob",
                                  "AdvanceOut:2", "PostMutex", "PostEmpty"}));
        } else {
            QCOMPARE(describe(stepsOf(producer)), QStringList({"Send:Alice", "Send:Bob"}));
            QCOMPARE(describe(stepsOf(consumer)), QStringList({"Receive", "Receive"}));
        }
        // Times never go backwards, and numbers count from 0.
        const auto steps = stepsOf(producer);
        for (std::size_t i = 0; i < steps.size(); ++i) {
            QCOMPARE(steps[i].number, std::uint64_t(i));
            if (i > 0)
                QVERIFY(steps[i].time_ns >= steps[i - 1].time_ns);
        }
        // Reading on from the last number read gives only what is new.
        const std::uint64_t seen = steps.back().number + 1;
        IPC_VERIFY(producer.put("Carol"));
        const auto fresh = stepsOf(producer, seen);
        QVERIFY(!fresh.empty());
        QCOMPARE(fresh.front().number, seen);
        QCOMPARE(take_one(consumer), std::string("Carol"));
    }

    void nothingIsRecordedWhileNobodyWatches()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        IPC_VERIFY(producer.put("Alice"));
        QCOMPARE(take_one(consumer), std::string("Alice"));
        QVERIFY(stepsOf(producer).empty());
        QVERIFY(stepsOf(consumer).empty());
        QVERIFY(!m_attachment->teaching_state().tracing);

        m_attachment->set_watching(true);
        m_attachment->set_watching(false);
        IPC_VERIFY(producer.put("Bob"));
        QCOMPARE(take_one(consumer), std::string("Bob"));
        QVERIFY(stepsOf(producer).empty());
    }

    // The ring keeps the latest kTraceEvents steps; older ones are counted as lost.
    void aFullRingKeepsTheLatestSteps()
    {
        Endpoint producer = join(Endpoint::Role::Producer);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        m_attachment->set_watching(true);
        for (int i = 0; i < 100; ++i) {
            IPC_VERIFY(producer.put(test::numbered(i)));
            QCOMPARE(take_one(consumer), test::numbered(i));
        }
        std::uint64_t lost = 0;
        const auto steps = m_attachment->steps(producer.slot(), 0, &lost);
        QCOMPARE(steps.size(), std::size_t(layout::kTraceEvents));
        QCOMPARE(lost + steps.size(), std::uint64_t(mode() == Mode::Shm ? 600 : 100));
        QCOMPARE(steps.back().number + 1, lost + steps.size());
    }

    // Paused: a child that puts a name records nothing and stores nothing; each grant lets it
    // take exactly one step; resuming lets it finish.
    void oneGrantAdvancesExactlyOneStep()
    {
        m_attachment->set_watching(true);
        m_attachment->set_paused(true);
        QVERIFY(m_attachment->teaching_state().paused);
        SharedCounter slot;
        (*slot).store(-1);
        const pid_t child = test::fork_child([&] {
            Endpoint producer = test::join_or_die(*m_attachment, Endpoint::Role::Producer);
            (*slot).store(static_cast<int>(producer.slot()));
            return producer.put("Alice") ? 0 : 1;
        });
        test::ChildGuard guard(child);
        QVERIFY(waitUntil([&] { return (*slot).load() >= 0; }, 10s));
        const auto index = static_cast<std::uint32_t>((*slot).load());
        auto count = [&] {
            return m_attachment->steps(index, 0).size();
        };

        // Nothing moves while paused (observed for a while: there is no event to wait for).
        test::runEventsFor(300ms);
        QCOMPARE(count(), std::size_t(0));
        const std::size_t expected = mode() == Mode::Shm ? 6 : 1; // the steps of one put
        for (std::size_t step = 1; step <= expected; ++step) {
            m_attachment->grant_step(child);
            QVERIFY2(waitUntil([&] { return count() == step; }, 10s),
                     qPrintable(QStringLiteral("step %1: %2 recorded").arg(step).arg(count())));
            test::runEventsFor(100ms);
            QCOMPARE(count(), step); // one grant, one step
            if (mode() == Mode::Shm && step == 2) {
                // Its WaitMutex is over: it rests, paused, before Write (holding the mutex).
                Step resting = Step::None;
                for (const ParticipantInfo& p : m_attachment->snapshot(false).participants)
                    if (p.pid == child)
                        resting = p.resting_before;
                QCOMPARE(int(resting), int(Step::Write));
            }
        }
        QCOMPARE(test::exit_code(test::wait_child(child, 10s)), 0);
        m_attachment->set_paused(false);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        QCOMPARE(take_one(consumer), std::string("Alice"));
    }

    // A grant for another process does not move this one.
    void aGrantForAnotherProcessLeavesThisOneWaiting()
    {
        m_attachment->set_watching(true);
        m_attachment->set_paused(true);
        SharedCounter slot;
        (*slot).store(-1);
        const pid_t child = test::fork_child([&] {
            Endpoint producer = test::join_or_die(*m_attachment, Endpoint::Role::Producer);
            (*slot).store(static_cast<int>(producer.slot()));
            return producer.put("Alice") ? 0 : 1;
        });
        test::ChildGuard guard(child);
        QVERIFY(waitUntil([&] { return (*slot).load() >= 0; }, 10s));
        // This test process is no producer or consumer: nothing to grant a step to.
        QVERIFY(!m_attachment->grant_step(::getpid()));
        test::runEventsFor(300ms);
        QVERIFY(m_attachment->steps(static_cast<std::uint32_t>((*slot).load()), 0).empty());
        m_attachment->set_paused(false);
        QCOMPARE(test::exit_code(test::wait_child(child, 10s)), 0);
    }

    // Steps granted to two processes before either moves: each takes its own, one step.
    void stepsGrantedToTwoProcessesAreEachTheirOwn()
    {
        m_attachment->set_watching(true);
        m_attachment->set_paused(true);
        SharedCounter joined;
        (*joined).store(0);
        std::vector<pid_t> children;
        for (int k = 0; k < 2; ++k)
            children.push_back(test::fork_child([&, k] {
                Endpoint producer = test::join_or_die(*m_attachment, Endpoint::Role::Producer);
                (*joined).fetch_add(1);
                // Two names: after its one step a child is still there, paused (in MQ mode a
                // put is a single step).
                return producer.put(test::numbered(k)) && producer.put(test::numbered(k + 10)) ? 0
                                                                                               : 1;
            }));
        test::ChildGuard first(children[0]);
        test::ChildGuard second(children[1]);
        QVERIFY(waitUntil([&] { return (*joined).load() == 2; }, 10s));
        QVERIFY(m_attachment->grant_step(children[0]));
        QVERIFY(m_attachment->grant_step(children[1]));
        auto stepsOfPid = [&](pid_t pid) {
            for (const ParticipantInfo& p : m_attachment->snapshot(false).participants)
                if (p.pid == pid)
                    return m_attachment->steps(p.slot, 0).size();
            return std::size_t(99);
        };
        QVERIFY(waitUntil(
            [&] { return stepsOfPid(children[0]) == 1 && stepsOfPid(children[1]) == 1; }, 10s));
        test::runEventsFor(100ms);
        QCOMPARE(stepsOfPid(children[0]), std::size_t(1));
        QCOMPARE(stepsOfPid(children[1]), std::size_t(1));
        m_attachment->set_paused(false);
        for (pid_t pid : children)
            QCOMPARE(test::exit_code(test::wait_child(pid, 10s)), 0);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        for (int i = 0; i < 4; ++i)
            QVERIFY(!take_one(consumer).starts_with('<'));
    }

    // Pause holds every participant, producers and consumers; resuming delivers every name
    // exactly once.
    void pauseHoldsEveryParticipant()
    {
        constexpr int kProducers = 2;
        constexpr int kNames = 20;
        SharedCounter stored;
        SharedCounter taken;
        m_attachment->set_paused(true);
        std::vector<pid_t> children;
        for (int p = 0; p < kProducers; ++p)
            children.push_back(test::fork_child([&, p] {
                Endpoint producer = test::join_or_die(*m_attachment, Endpoint::Role::Producer);
                for (int i = 0; i < kNames; ++i) {
                    if (!producer.put(test::numbered(p * 1000 + i)))
                        return 1;
                    ++*stored;
                }
                return 0;
            }));
        children.push_back(test::fork_child([&] {
            Endpoint consumer = test::join_or_die(*m_attachment, Endpoint::Role::Consumer);
            for (int i = 0; i < kProducers * kNames; ++i) {
                if (take_one(consumer, 30s).starts_with('<'))
                    return 1;
                ++*taken;
            }
            return 0;
        }));
        std::vector<std::unique_ptr<test::ChildGuard>> guards;
        for (pid_t pid : children)
            guards.push_back(std::make_unique<test::ChildGuard>(pid));

        test::runEventsFor(400ms);
        QCOMPARE((*stored).load(), 0);
        QCOMPARE((*taken).load(), 0);
        QCOMPARE(m_attachment->snapshot(false).queued(mode()), std::uint64_t(0));

        m_attachment->set_paused(false);
        for (pid_t pid : children)
            QCOMPARE(test::exit_code(test::wait_child(pid, 30s)), 0);
        QCOMPARE((*stored).load(), kProducers * kNames);
        QCOMPARE((*taken).load(), kProducers * kNames);
    }

    // Slow motion: with 2 s a step a put takes many seconds; back to full speed, it finishes
    // at once, and the name arrives.
    void backToFullSpeedTakesEffectAtOnce()
    {
        m_attachment->set_watching(true);
        m_attachment->set_tempo(2000ms);
        QCOMPARE(m_attachment->teaching_state().tempo_ms, 2000u);
        SharedCounter done;
        const pid_t child = test::fork_child([&] {
            Endpoint producer = test::join_or_die(*m_attachment, Endpoint::Role::Producer);
            const bool ok = bool(producer.put("Alice"));
            (*done).store(1);
            return ok ? 0 : 1;
        });
        test::ChildGuard guard(child);
        test::runEventsFor(300ms);
        QCOMPARE((*done).load(), 0); // the first step waits 2 s
        m_attachment->set_tempo(0ms);
        QVERIFY(!m_attachment->teaching_state().tempo_ms);
        // Six steps of 2 s would take 12 s; at full speed it is done long before.
        QVERIFY(waitUntil([&] { return (*done).load() == 1; }, 5s));
        QCOMPARE(test::exit_code(test::wait_child(child, 10s)), 0);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        QCOMPARE(take_one(consumer), std::string("Alice"));
    }

    // The race on purpose: without the mutex, producers that read the same `in` overwrite
    // each other's names and consumers read slots twice; with it, on the fixture's prefix in
    // the same test, every name arrives exactly once. Slow motion widens the window.
    void theRaceLosesOrDoublesNamesTheMutexPreventsIt()
    {
        if (mode() == Mode::Mq)
            QSKIP("the message queue has no mutex to skip: the kernel locks it");
        auto deliveries = [](Attachment& attachment) {
            constexpr int kProducers = 4;
            constexpr int kNames = 25;
            std::vector<pid_t> producers;
            for (int p = 0; p < kProducers; ++p)
                producers.push_back(test::fork_child([&attachment, p] {
                    Endpoint producer = test::join_or_die(attachment, Endpoint::Role::Producer);
                    for (int i = 0; i < kNames; ++i)
                        if (!producer.put(test::numbered(p * 1000 + i)))
                            return 1;
                    return 0;
                }));
            QMap<std::string, int> received;
            Endpoint consumer = test::join_or_die(attachment, Endpoint::Role::Consumer);
            for (std::string name; !(name = take_one(consumer, 2s)).starts_with('<');)
                ++received[name];
            for (pid_t pid : producers)
                test::wait_child(pid, 10s);
            int lost = 0;
            int doubled = 0;
            for (int p = 0; p < kProducers; ++p)
                for (int i = 0; i < kNames; ++i) {
                    const int times = received.value(test::numbered(p * 1000 + i));
                    lost += times == 0;
                    doubled += times > 1 ? times - 1 : 0;
                }
            return std::pair(lost, doubled);
        };

        m_attachment->set_tempo(1ms);
        const auto [sound_lost, sound_doubled] = deliveries(*m_attachment);
        QCOMPARE(sound_lost, 0);
        QCOMPARE(sound_doubled, 0);
        m_attachment->set_tempo(0ms);

        test::IpcTestPrefix race_prefix;
        auto attached = Attachment::attach(race_prefix.config(), Mode::Shm);
        IPC_VERIFY(attached);
        Attachment& racing = attached.value();
        IPC_VERIFY(racing.set_race(true));
        QVERIFY(racing.teaching_state().race);
        QVERIFY(!m_attachment->teaching_state().race); // one prefix's race is its own
        racing.set_tempo(1ms);
        const auto [lost, doubled] = deliveries(racing);
        qInfo("without the mutex: %d lost, %d doubled of 100", lost, doubled);
        QVERIFY(lost + doubled > 0);
        racing.set_tempo(0ms);
        IPC_VERIFY(racing.detach());
        QCOMPARE(race_prefix.leftovers(), QStringList());
    }

    // The rule set_race() applies, checked without touching the real /prodcons objects.
    void theRaceIsNeverOnTheDefaultPrefix()
    {
        QVERIFY(!race_allowed(kDefaultPrefix));
        QVERIFY(race_allowed("/lesson1"));
        QVERIFY(race_allowed(m_prefix->prefix()));
    }

    // The tempo and the pause each end with the one that set them: a tempo set by a process
    // that dies ends, a pause set by a live one stays.
    void aTempoEndsWithItsOwnerAPauseWithItsOwn()
    {
        m_attachment->set_paused(true);
        SharedCounter slowed;
        const pid_t teacher = test::fork_child([&] {
            auto attached = Attachment::attach(m_prefix->config(), mode());
            if (!attached)
                return 1;
            attached.value().set_tempo(2000ms);
            (*slowed).store(1);
            for (;;)
                ::pause(); // until killed: it never detaches
        });
        test::ChildGuard guard(teacher);
        QVERIFY(waitUntil([&] { return (*slowed).load() == 1; }, 10s));
        QCOMPARE(m_attachment->teaching_state().tempo_ms, 2000u);
        ::kill(teacher, SIGKILL);
        QCOMPARE(test::exit_code(test::wait_child(teacher, 10s)), 128 + SIGKILL);

        // A paused participant looks for dead owners while it waits.
        const pid_t child = test::fork_child([&] {
            Endpoint producer = test::join_or_die(*m_attachment, Endpoint::Role::Producer);
            return producer.put("Alice") ? 0 : 1;
        });
        test::ChildGuard producer(child);
        QVERIFY(waitUntil([&] { return m_attachment->teaching_state().tempo_ms == 0; }, 10s));
        QVERIFY(m_attachment->teaching_state().paused); // its owner, this test, lives
        test::runEventsFor(300ms);
        QCOMPARE(m_attachment->snapshot(false).queued(mode()), std::uint64_t(0));
        m_attachment->set_paused(false);
        QCOMPARE(test::exit_code(test::wait_child(child, 10s)), 0);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        QCOMPARE(take_one(consumer), std::string("Alice"));
    }

    // Whoever paused the buffer may die: nobody would be left to resume it, so the
    // participants resume by themselves; and a dead watcher stops the recording when reaped.
    void aPauseEndsWithTheProcessThatSetIt()
    {
        SharedCounter paused;
        const pid_t teacher = test::fork_child([&] {
            auto attached = Attachment::attach(m_prefix->config(), mode());
            if (!attached)
                return 1;
            attached.value().set_paused(true);
            attached.value().set_watching(true);
            (*paused).store(1);
            for (;;)
                ::pause(); // until killed: it never detaches
        });
        test::ChildGuard guard(teacher);
        QVERIFY(waitUntil([&] { return (*paused).load() == 1; }, 10s));
        QVERIFY(m_attachment->teaching_state().paused);
        QVERIFY(m_attachment->teaching_state().tracing);
        ::kill(teacher, SIGKILL);
        QCOMPARE(test::exit_code(test::wait_child(teacher, 10s)), 128 + SIGKILL);

        Endpoint producer = join(Endpoint::Role::Producer);
        IPC_VERIFY(producer.put("Alice", [] {
            WaitOptions w;
            w.deadline = Deadline::after(10s);
            return w;
        }()));
        QVERIFY(!m_attachment->teaching_state().paused);
        IPC_VERIFY(m_attachment->reap_dead({}));
        QVERIFY(!m_attachment->teaching_state().tracing);
        Endpoint consumer = join(Endpoint::Role::Consumer);
        QCOMPARE(take_one(consumer), std::string("Alice"));
    }
};

QTEST_GUILESS_MAIN(tst_IpcTeaching)
#include "tst_ipc_teaching.moc"
