// The timeline fed by a real server: an in-process ForkingServer on the test's own IPC prefix,
// a StepWatcher, and a raw TCP producer and consumer. Lanes appear for both children with the
// states they went through, and the consumer's lane stays, marked, when it leaves.
#include "event_wait.h"
#include "forking_server.h"
#include "ipc_test_prefix.h"
#include "server_fixture.h"
#include "step_watcher.h"
#include "timeline_model.h"
#include "timeline_view.h"

#include <QTest>
#include <algorithm>
#include <set>

using namespace prodcons;
using namespace prodcons::server;
using namespace std::chrono_literals;
using ipc::StepState;

namespace {

const TimelineLane* laneOfKind(const TimelineModel& model, ipc::layout::Kind kind)
{
    for (const TimelineLane& lane : model.lanes())
        if (lane.kind == kind)
            return &lane;
    return nullptr;
}

/// The states a lane has spent any time in, over everything it holds.
std::set<StepState> statesOf(const TimelineModel& model, ipc::layout::Kind kind)
{
    std::set<StepState> states;
    for (std::size_t i = 0; i < model.lanes().size(); ++i) {
        if (model.lanes()[i].kind != kind)
            continue;
        for (const TimelineSpan& span : model.spans(i, 0, model.end() + 1)) {
            if (span.exact)
                states.insert(span.state());
            else
                for (std::size_t s = 0; s < kTimelineStates; ++s)
                    if (span.shares[s] > 0)
                        states.insert(StepState(s));
        }
    }
    return states;
}

} // namespace

class tst_ServerWindowTimelineLive : public QObject
{
    Q_OBJECT

private slots:
    void lanesAppearForAProducerAndAConsumer()
    {
        test::IpcTestPrefix prefix;
        test::ServerFixture servers(prefix);
        ForkingServer& server = servers.start(ipc::Mode::Shm);
        StepWatcher watcher(server);
        TimelineModel model;
        model.follow(watcher);
        watcher.start(20ms);

        auto producer = test::connectAs(server.serverPort(), "producer");
        auto consumer = test::connectAs(server.serverPort(), "consumer");
        QVERIFY(producer && consumer);
        QVERIFY(test::put(*producer, {"Alice", "Bob", "Carol"}));
        QCOMPARE(test::consume(*consumer, 3), (QList<QByteArray>{"Alice", "Bob", "Carol"}));

        // Both children get a lane, labelled with their role, and the states they went
        // through: the producer waited for a slot, took the mutex, wrote, signalled and talks
        // to its client; the consumer too, on its side.
        const auto expected = std::set<StepState>{
            StepState::WaitingForBuffer, StepState::WaitingForMutex, StepState::InCriticalSection,
            StepState::Signalling, StepState::OnSocket};
        auto complete = [&](ipc::layout::Kind kind) {
            const auto states = statesOf(model, kind);
            return std::includes(states.begin(), states.end(), expected.begin(), expected.end());
        };
        QVERIFY(test::waitUntil(
            [&] {
                return complete(ipc::layout::Kind::Producer) &&
                       complete(ipc::layout::Kind::Consumer);
            },
            10s));
        const TimelineLane* p = laneOfKind(model, ipc::layout::Kind::Producer);
        const TimelineLane* c = laneOfKind(model, ipc::layout::Kind::Consumer);
        QVERIFY(p && c && p->pid != c->pid && p->pid > 0 && c->pid > 0);
        QVERIFY(p->present && c->present);
        QVERIFY(TimelineView::laneLabel(*p).contains(QStringLiteral("producer")));
        QVERIFY(TimelineView::laneLabel(*c).contains(QStringLiteral("consumer")));
        // The consumer leaves: its lane stays, marked.
        const pid_t consumerPid = c->pid;
        consumer->close();
        QVERIFY(test::waitUntil(
            [&] {
                for (const TimelineLane& lane : model.lanes())
                    if (lane.pid == consumerPid)
                        return !lane.present;
                return false;
            },
            10s));
        QVERIFY(TimelineView::laneLabel(*laneOfKind(model, ipc::layout::Kind::Consumer))
                    .contains(QStringLiteral("left")));
        watcher.stop();
    }
};

QTEST_MAIN(tst_ServerWindowTimelineLive)
#include "tst_server_window_timeline_live.moc"
