// The timeline (issue 14) on handmade lanes: the model's intervals and states exactly, a lane
// that left, freezing, and aggregation at a million steps with bounded memory; the view's
// colours where the intervals are, its legend, elided names, zoom and freezing.
#include "timeline_model.h"
#include "timeline_panel.h"
#include "timeline_view.h"

#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace prodcons;
using namespace prodcons::server;
using ipc::Step;
using ipc::StepState;

namespace {

constexpr TimelineNs kMs = 1'000'000;
constexpr TimelineNs kS = 1'000'000'000;
constexpr TimelineNs kBase = 1000 * kS; // any CLOCK_MONOTONIC-like origin

ipc::StepEvent stepAt(std::uint64_t number, TimelineNs t, Step step, const std::string& name = {},
                      std::uint32_t nameSize = 0)
{
    ipc::StepEvent e;
    e.number = number;
    e.time_ns = std::uint64_t(t);
    e.step = step;
    e.name = name;
    e.name_size = nameSize ? nameSize : std::uint32_t(name.size());
    return e;
}

StepLane lane(pid_t pid, ipc::layout::Kind kind, std::vector<ipc::StepEvent> fresh,
              std::uint32_t slot = 0)
{
    StepLane l;
    l.slot = slot;
    l.pid = pid;
    l.kind = kind;
    l.fresh = std::move(fresh);
    return l;
}

/// A producer going round the classic cycle, 5 s long, ending in ReadClient (open) at base+4.
StepLane producerCycle(TimelineNs base)
{
    return lane(101, ipc::layout::Kind::Producer,
                {stepAt(0, base, Step::WaitEmpty, "Alice"),
                 stepAt(1, base + 2 * kS, Step::WaitMutex, "Alice"),
                 stepAt(2, base + 3 * kS, Step::Write, "Alice"),
                 stepAt(3, base + 4 * kS, Step::ReadClient)});
}

QColor pixel(const QImage& image, int x, int y)
{
    return QColor(image.pixel(x, y));
}

bool imageHas(const QImage& image, const QRect& area, const QColor& color)
{
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            if (pixel(image, x, y) == color)
                return true;
    return false;
}

} // namespace

class tst_ServerWindowTimeline : public QObject
{
    Q_OBJECT

private slots:
    void intervalsAndStatesExactly()
    {
        TimelineModel model;
        model.add({producerCycle(kBase)}, kBase + 5 * kS);
        QCOMPARE(model.lanes().size(), 1u);
        const TimelineLane& l = model.lanes()[0];
        QCOMPARE(l.pid, 101);
        QVERIFY(l.present);
        const auto spans = model.spans(0, 0, kBase + 10 * kS);
        QCOMPARE(spans.size(), 4u);
        const std::vector<std::tuple<TimelineNs, TimelineNs, Step, StepState>> expected{
            {kBase, kBase + 2 * kS, Step::WaitEmpty, StepState::WaitingForBuffer},
            {kBase + 2 * kS, kBase + 3 * kS, Step::WaitMutex, StepState::WaitingForMutex},
            {kBase + 3 * kS, kBase + 4 * kS, Step::Write, StepState::InCriticalSection},
            // The open step lasts until now.
            {kBase + 4 * kS, kBase + 5 * kS, Step::ReadClient, StepState::OnSocket},
        };
        for (std::size_t i = 0; i < spans.size(); ++i) {
            QVERIFY(spans[i].exact);
            QCOMPARE(spans[i].start, std::get<0>(expected[i]));
            QCOMPARE(spans[i].end, std::get<1>(expected[i]));
            QCOMPARE(spans[i].step, std::get<2>(expected[i]));
            QCOMPARE(spans[i].state(), std::get<3>(expected[i]));
        }
        QCOMPARE(spans[2].name, std::string("Alice"));
        QCOMPARE(model.spanAt(0, kBase + 3500 * kMs)->step, Step::Write);
        QVERIFY(!model.spanAt(0, kBase - 1));

        // The same lanes again add nothing; the next poll's steps continue the lane.
        model.add({producerCycle(kBase)}, kBase + 5 * kS);
        QCOMPARE(model.spans(0, 0, kBase + 10 * kS).size(), 4u);
        model.add({lane(101, ipc::layout::Kind::Producer,
                        {stepAt(4, kBase + 6 * kS, Step::WaitEmpty, "Bob")})},
                  kBase + 7 * kS);
        const auto later = model.spans(0, 0, kBase + 10 * kS);
        QCOMPARE(later.size(), 5u);
        QCOMPARE(later[3].end, kBase + 6 * kS); // ReadClient closed by the next step
        QCOMPARE(later[4].name, std::string("Bob"));

        // A column per second: each all one state.
        const auto columns = model.columns(0, kBase, kBase + 5 * kS, 5);
        QCOMPARE(columns[0].shares[std::size_t(StepState::WaitingForBuffer)], 1.0);
        QCOMPARE(columns[2].shares[std::size_t(StepState::WaitingForMutex)], 1.0);
        QCOMPARE(columns[3].shares[std::size_t(StepState::InCriticalSection)], 1.0);
        QCOMPARE(columns[4].shares[std::size_t(StepState::OnSocket)], 1.0);
    }

    void aLaneThatLeftStaysMarkedUntilItScrollsOut()
    {
        TimelineModel model(nullptr, 10 * kS);
        model.add({producerCycle(kBase), lane(202, ipc::layout::Kind::Consumer,
                                              {stepAt(0, kBase + kS, Step::WaitFull)}, 1)},
                  kBase + 5 * kS);
        QCOMPARE(model.lanes().size(), 2u);

        // The watcher marks the consumer gone, then forgets it: the timeline keeps it.
        StepLane gone = lane(202, ipc::layout::Kind::Consumer, {}, 1);
        gone.present = false;
        model.add({lane(101, ipc::layout::Kind::Producer, {}), gone}, kBase + 6 * kS);
        model.add({lane(101, ipc::layout::Kind::Producer, {})}, kBase + 7 * kS);
        QCOMPARE(model.lanes().size(), 2u);
        const TimelineLane& left = model.lanes()[1];
        QCOMPARE(left.pid, 202);
        QVERIFY(!left.present);
        QCOMPARE(left.leftAt, kBase + 6 * kS);
        // Its last step ends where it left, and does not grow.
        const auto spans = model.spans(1, 0, kBase + 100 * kS);
        QCOMPARE(spans.size(), 1u);
        QCOMPARE(spans[0].step, Step::WaitFull);
        QCOMPARE(spans[0].end, kBase + 6 * kS);
        QVERIFY(!model.lanes()[1].open);

        // Until its steps are out of the window (10 s here).
        model.advance(kBase + 15 * kS);
        QCOMPARE(model.lanes().size(), 2u);
        model.advance(kBase + 16 * kS + 1);
        QCOMPARE(model.lanes().size(), 1u);
        QCOMPARE(model.lanes()[0].pid, 101);
    }

    void freezingKeepsTheRangeWhileDataComes()
    {
        TimelineModel model;
        model.add({producerCycle(kBase)}, kBase + 5 * kS);
        QSignalSpy changed(&model, &TimelineModel::changed);
        model.setFrozen(true);
        QVERIFY(model.isFrozen());
        QCOMPARE(model.end(), kBase + 5 * kS);
        const auto before = model.spans(0, 0, kBase + 100 * kS);

        // New steps, a new lane, and a long time: the frozen view does not move.
        model.add(
            {lane(101, ipc::layout::Kind::Producer,
                  {stepAt(4, kBase + 8 * kS, Step::WaitEmpty, "Bob")}),
             lane(303, ipc::layout::Kind::Consumer, {stepAt(0, kBase + 9 * kS, Step::Read)}, 2)},
            kBase + 10 * kS);
        model.advance(kBase + 90 * kS);
        QCOMPARE(model.end(), kBase + 5 * kS);
        QCOMPARE(model.lanes().size(), 1u);
        const auto after = model.spans(0, 0, kBase + 100 * kS);
        QCOMPARE(after.size(), before.size());
        QCOMPARE(after.back().end, kBase + 5 * kS);
        QCOMPARE(changed.count(), 1); // only setFrozen itself

        model.setFrozen(false);
        QCOMPARE(model.end(), kBase + 90 * kS);
        QCOMPARE(model.lanes().size(), 2u);
        // 60 s window: the steps before base + 30 s have scrolled out meanwhile.
        const auto live = model.spans(0, 0, kBase + 100 * kS);
        QCOMPARE(live.size(), 1u);
        QCOMPARE(live[0].name, std::string("Bob"));
    }

    void aMillionStepsAreAggregatedWithBoundedMemory()
    {
        // 4 lanes x 250,000 steps of 10 to 40 us: 10 % waiting for a slot, 20 % for the mutex,
        // 30 % in the critical section, 40 % signalling, fed in polls of 1,000 steps.
        TimelineModel model;
        constexpr int kLanes = 4;
        constexpr std::uint64_t kSteps = 250'000;
        constexpr std::array<Step, 4> kCycle{Step::WaitEmpty, Step::WaitMutex, Step::Write,
                                             Step::PostFull};
        constexpr std::array<TimelineNs, 4> kLength{10'000, 20'000, 30'000, 40'000};
        std::array<TimelineNs, kLanes> clock{};
        std::array<std::uint64_t, kLanes> number{};
        clock.fill(kBase);
        std::size_t most = 0;
        while (number[0] < kSteps) {
            std::vector<StepLane> poll;
            for (int l = 0; l < kLanes; ++l) {
                std::vector<ipc::StepEvent> fresh;
                for (int i = 0; i < 1000; ++i) {
                    const auto k = std::size_t(number[l] % 4);
                    fresh.push_back(stepAt(number[l]++, clock[l], kCycle[k], "n"));
                    clock[l] += kLength[k];
                }
                poll.push_back(
                    lane(400 + l, ipc::layout::Kind::Producer, std::move(fresh), std::uint32_t(l)));
            }
            model.add(poll, clock[0]);
            most = std::max(most, model.spanCount());
        }
        // 6.25 s of steps per lane in 1 ms buckets: about 6,250 spans a lane, not 250,000.
        QVERIFY2(most <= kLanes * 6300, qPrintable(QString::number(most)));
        QVERIFY(most <= kLanes * model.maxSpansPerLane());

        const auto columns = model.columns(0, kBase, clock[0], 10);
        double steps = 0;
        for (const TimelineColumn& c : columns) {
            QVERIFY(std::abs(c.shares[std::size_t(StepState::WaitingForBuffer)] - 0.1) < 0.01);
            QVERIFY(std::abs(c.shares[std::size_t(StepState::WaitingForMutex)] - 0.2) < 0.01);
            QVERIFY(std::abs(c.shares[std::size_t(StepState::InCriticalSection)] - 0.3) < 0.01);
            QVERIFY(std::abs(c.shares[std::size_t(StepState::Signalling)] - 0.4) < 0.01);
            QVERIFY(!c.estimated);
            steps += c.steps;
        }
        QVERIFY(std::abs(steps - double(kSteps)) < 10);
    }

    void stepsTheRingLostAreEstimatedFromTheOnesRead()
    {
        // Full speed: each poll reads only the last 64 of 10,000 steps; the rest are counted
        // (by their numbers) and their time shared out as the 64 read were.
        TimelineModel model;
        constexpr std::array<Step, 2> kCycle{Step::WaitMutex, Step::Read};
        TimelineNs t = kBase;
        std::uint64_t number = 0;
        for (int poll = 0; poll < 100; ++poll) {
            std::vector<ipc::StepEvent> fresh;
            for (int i = 0; i < 10'000; ++i) {
                if (i >= 10'000 - 64)
                    fresh.push_back(stepAt(number, t, kCycle[number % 2]));
                t += number % 2 ? 3'000 : 1'000; // 25 % waiting, 75 % inside
                ++number;
            }
            StepLane l = lane(500, ipc::layout::Kind::Consumer, std::move(fresh));
            model.add({l}, t);
        }
        QVERIFY(model.spanCount() <= 300);
        const auto columns = model.columns(0, kBase + 20 * kMs, t - 20 * kMs, 4);
        double steps = 0;
        for (const TimelineColumn& c : columns) {
            QVERIFY(c.estimated);
            QVERIFY(std::abs(c.shares[std::size_t(StepState::WaitingForMutex)] - 0.25) < 0.02);
            QVERIFY(std::abs(c.shares[std::size_t(StepState::InCriticalSection)] - 0.75) < 0.02);
            steps += c.steps;
        }
        const double expected = 1'000'000.0 * double(t - kBase - 40 * kMs) / double(t - kBase);
        QVERIFY2(std::abs(steps - expected) < 0.01 * expected, qPrintable(QString::number(steps)));
    }

    void memoryStaysBoundedBeyondTheWindow()
    {
        // The worst pattern for the bound (a short step then one just over a quantum), over
        // five windows: old spans go, and a lane never holds more than the bound.
        TimelineModel model(nullptr, kS, kMs);
        TimelineNs t = kBase;
        std::uint64_t number = 0;
        std::size_t most = 0;
        for (int poll = 0; poll < 500; ++poll) {
            std::vector<ipc::StepEvent> fresh;
            for (int i = 0; i < 2000; ++i, ++number) {
                fresh.push_back(stepAt(number, t, number % 2 ? Step::ReadClient : Step::Write));
                t += number % 2 ? kMs + 1000 : 200'000;
            }
            model.add({lane(600, ipc::layout::Kind::Producer, std::move(fresh))}, t);
            most = std::max(most, model.spanCount());
        }
        QVERIFY2(most <= model.maxSpansPerLane(), qPrintable(QString::number(most)));
        QVERIFY(model.lanes()[0].spans.front().end > t - kS);
    }

    // --- The view ---

    void viewPaintsTheStateColoursWhereTheIntervalsAre()
    {
        TimelineModel model;
        TimelineView view(&model);
        TimelineNs now = kBase + 5 * kS;
        view.setClock([&now] { return now; });
        model.add({producerCycle(kBase)}, now);
        view.resize(800, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.span(), 5 * kS); // the default

        const QImage image = view.grab().toImage();
        const QRect laneArea = view.laneRect(0);
        const int y = laneArea.bottom() - 1; // under the names
        auto at = [&](TimelineNs t) {
            return pixel(image, view.xOf(t), y);
        };
        QCOMPARE(at(kBase + 1 * kS), TimelineView::stateColor(StepState::WaitingForBuffer));
        QCOMPARE(at(kBase + 2500 * kMs), TimelineView::stateColor(StepState::WaitingForMutex));
        QCOMPARE(at(kBase + 3500 * kMs), TimelineView::stateColor(StepState::InCriticalSection));
        QCOMPARE(at(kBase + 4500 * kMs), TimelineView::stateColor(StepState::OnSocket));
        // And the boundaries fall where the times are, to the pixel.
        const int edge = view.xOf(kBase + 2 * kS);
        QCOMPARE(pixel(image, edge - 1, y), TimelineView::stateColor(StepState::WaitingForBuffer));
        QCOMPARE(pixel(image, edge + 1, y), TimelineView::stateColor(StepState::WaitingForMutex));

        // The legend shows every colour.
        const QRect legend = view.legendRect();
        for (StepState s :
             {StepState::WaitingForBuffer, StepState::WaitingForMutex, StepState::InCriticalSection,
              StepState::Signalling, StepState::OnSocket})
            QVERIFY2(imageHas(image, legend, TimelineView::stateColor(s)),
                     qPrintable(TimelineView::stateText(s)));

        // The label says pid, role and mode; the tool tip the step, the name and the duration.
        QCOMPARE(TimelineView::laneLabel(model.lanes()[0]), QStringLiteral("101 producer, SHM"));
        const QString tip =
            view.toolTipAt(QPoint(view.xOf(kBase + 3500 * kMs), laneArea.center().y()));
        QVERIFY2(tip.contains(QStringLiteral("Write \"Alice\"")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("1.00 s")), qPrintable(tip));
        QVERIFY2(tip.contains(TimelineView::stateText(StepState::InCriticalSection)),
                 qPrintable(tip));
    }

    void namesAreElidedInsideTheirInterval()
    {
        TimelineModel model;
        TimelineView view(&model);
        const TimelineNs now = kBase + 5 * kS;
        view.setClock([now] { return now; });
        // A long name (only its first 24 bytes are recorded) in a narrow Write between two
        // wide waits, and a short one in a wide interval.
        model.add({lane(7, ipc::layout::Kind::Producer,
                        {stepAt(0, kBase, Step::WaitMutex),
                         stepAt(1, kBase + 2 * kS, Step::Write, "Bartholomew-Fitzgerald-T", 60),
                         stepAt(2, kBase + 2400 * kMs, Step::WaitMutex),
                         stepAt(3, kBase + 3 * kS, Step::Write, "Ann"),
                         stepAt(4, kBase + 4900 * kMs, Step::ReadClient)})},
                  now);
        view.resize(800, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        const QRect laneArea = view.laneRect(0);
        const QColor inside = TimelineView::stateColor(StepState::InCriticalSection);
        const QColor around = TimelineView::stateColor(StepState::WaitingForMutex);
        const int left = view.xOf(kBase + 2 * kS);
        const int right = view.xOf(kBase + 2400 * kMs);
        QVERIFY(right - left > 40); // wide enough for an elided name, too narrow for all of it
        // Text inside the narrow interval: pixels that are neither its colour nor the lane's.
        int text = 0;
        for (int y = laneArea.top(); y <= laneArea.bottom(); ++y)
            for (int x = left + 1; x < right - 1; ++x)
                text += pixel(image, x, y) != inside ? 1 : 0;
        QVERIFY(text > 10);
        // ... and none of it spills over into the wait after it (whose own words start 3
        // pixels in).
        for (int y = laneArea.top(); y <= laneArea.bottom(); ++y)
            for (int x = right + 1; x <= right + 2; ++x)
                QCOMPARE(pixel(image, x, y), around);

        // The text shown: the recorded start marked as cut, elided to the room.
        const TimelineSpan longName = *model.spanAt(0, kBase + 2100 * kMs);
        QCOMPARE(TimelineView::intervalText(longName),
                 QStringLiteral("Bartholomew-Fitzgerald-T") + QChar(0x2026));
        const QFontMetrics metrics(view.font());
        const QString shown = TimelineView::elidedIntervalText(longName, metrics, 60);
        QVERIFY(shown.endsWith(QChar(0x2026)));
        QVERIFY(metrics.horizontalAdvance(shown) <= 60);
        QCOMPARE(TimelineView::elidedIntervalText(*model.spanAt(0, kBase + 4 * kS), metrics, 200),
                 QStringLiteral("Ann"));
        // A step without a name shows the step.
        QCOMPARE(TimelineView::intervalText(*model.spanAt(0, kBase + kS)),
                 QStringLiteral("WaitMutex"));
    }

    void zoomChangesTheSpan()
    {
        TimelineModel model;
        TimelinePanel panel(&model);
        TimelineView& view = *panel.view();
        const TimelineNs now = kBase + 5 * kS;
        view.setClock([now] { return now; });
        model.add({producerCycle(kBase)}, now);
        panel.resize(800, 330);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy spans(&view, &TimelineView::spanChanged);

        // The keys, the wheel and the control, in step with each other.
        view.setFocus();
        QTest::keyClick(&view, Qt::Key_Plus);
        QCOMPARE(view.span(), 1 * kS);
        QCOMPARE(panel.spanBox()->currentIndex(), 0);
        QTest::keyClick(&view, Qt::Key_Plus); // already the shortest
        QCOMPARE(view.span(), 1 * kS);
        QWheelEvent down(QPointF(100, 100), view.mapToGlobal(QPointF(100, 100)), QPoint(),
                         QPoint(0, -120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &down);
        QCOMPARE(view.span(), 5 * kS);
        panel.spanBox()->setCurrentIndex(3);
        QCOMPARE(view.span(), 60 * kS);
        QCOMPARE(spans.count(), 3);

        // At 1 s only the last step shows: the whole lane is on the socket.
        panel.spanBox()->setCurrentIndex(0);
        const QImage image = view.grab().toImage();
        const QRect laneArea = view.laneRect(0);
        const QColor socket = TimelineView::stateColor(StepState::OnSocket);
        QCOMPARE(pixel(image, laneArea.left() + 1, laneArea.bottom() - 1), socket);
        QCOMPARE(pixel(image, laneArea.right() - 1, laneArea.bottom() - 1), socket);
        QCOMPARE(view.xOf(now - kS), laneArea.left());
    }

    void freezeStopsTheViewScrolling()
    {
        TimelineModel model;
        TimelinePanel panel(&model);
        TimelineView& view = *panel.view();
        TimelineNs now = kBase + 5 * kS;
        view.setClock([&now] { return now; });
        model.add({producerCycle(kBase)}, now);
        panel.resize(800, 330);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        panel.freezeButton()->click();
        QVERIFY(view.isFrozen());
        const int x = view.xOf(kBase + 3 * kS);
        now += 2 * kS;
        QTest::keyClick(&view, Qt::Key_Minus); // zooming works while frozen
        QTest::keyClick(&view, Qt::Key_Plus);
        // Frames pass (the timer runs) and the view stays where it was.
        QVERIFY(QTest::qWaitFor([&] { return model.end() != kBase + 5 * kS; }, 200) == false);
        QCOMPARE(view.xOf(kBase + 3 * kS), x);

        QTest::keyClick(&view, Qt::Key_F);
        QVERIFY(!view.isFrozen());
        QVERIFY(!panel.freezeButton()->isChecked());
        QCOMPARE(model.end(), kBase + 7 * kS);
        QVERIFY(view.xOf(kBase + 3 * kS) < x);
    }

    void darkPaletteKeepsTheLabelsReadable()
    {
        TimelineModel model;
        TimelineView view(&model);
        const TimelineNs now = kBase + 5 * kS;
        view.setClock([now] { return now; });
        model.add({producerCycle(kBase)}, now);
        QPalette dark = view.palette();
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2a, 0x2a));
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        view.setPalette(dark);
        view.resize(800, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.grab().toImage();
        // The label's text is light on the dark background.
        const QRect laneArea = view.laneRect(0);
        int light = 0;
        for (int y = laneArea.top(); y <= laneArea.bottom(); ++y)
            for (int x = 4; x < laneArea.left() - 4; ++x)
                light += pixel(image, x, y).lightness() > 160 ? 1 : 0;
        QVERIFY(light > 20);
        QCOMPARE(pixel(image, view.xOf(kBase + kS), laneArea.bottom() - 1),
                 TimelineView::stateColor(StepState::WaitingForBuffer));
    }
};

QTEST_MAIN(tst_ServerWindowTimeline)
#include "tst_server_window_timeline.moc"
