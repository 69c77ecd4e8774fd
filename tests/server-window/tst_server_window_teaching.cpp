// The server window's Teaching part driven as a person drives it, offscreen, with the real
// in-process ForkingServer on the test's own IPC prefix and raw TCP clients: the code view puts
// a paused child on the line of its step and one Step moves it exactly one line; the tempo and
// the pause are the prefix's, shared with every other server; the part watches only while it
// is shown; its markers and controls stay readable in every size the window is given.
#include "child_process.h"
#include "code_listing.h"
#include "forking_server.h"
#include "ipc_test_prefix.h"
#include "keyboard_reach.h"
#include "server_fixture.h"
#include "server_window.h"
#include "step_code_model.h"
#include "step_code_view.h"
#include "step_watcher.h"
#include "teaching_panel.h"
#include "tempo_scale.h"
#include "window_lookup.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace prodcons;
using namespace prodcons::server;
using namespace std::chrono_literals;
using ipc::Step;
using test::click;
using test::connectAs;
using test::find;
using test::put;

class tst_ServerWindowTeaching : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::unique_ptr<test::ServerFixture> m_others; ///< other servers of the same prefix
    std::vector<std::unique_ptr<ServerWindow>> m_windows;

    /// A running window of `size` on the test's prefix.
    ServerWindow& openRunningWindow(QSize size = QSize(1100, 750), ipc::Mode mode = ipc::Mode::Shm)
    {
        ServerWindowSettings settings;
        settings.port = 0;
        settings.mode = mode;
        settings.bind = QStringLiteral("127.0.0.1");
        settings.prefix = QString::fromStdString(m_prefix->prefix());
        m_windows.push_back(std::make_unique<ServerWindow>(settings));
        ServerWindow& w = *m_windows.back();
        w.show();
        click(w, "startButton");
        w.resize(size);
        [&] {
            QTRY_COMPARE(w.size(), size);
        }();
        settleLayouts();
        return w;
    }

    /// Brings the Teaching part to the front, in whichever tabs it is.
    static void showTeaching(ServerWindow& w)
    {
        auto* panel = find<TeachingPanel>(w, "teachingPanel");
        for (auto* tabs : w.findChildren<QTabWidget*>())
            if (tabs->indexOf(panel) >= 0)
                tabs->setCurrentWidget(panel);
        settleLayouts();
        QVERIFY(panel->isVisible());
    }

    static void settleLayouts()
    {
        for (int i = 0; i < 5; ++i)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    }

    static const StepLane* laneOf(const ServerWindow& w, pid_t pid)
    {
        for (const StepLane& lane : find<StepWatcher>(w, "stepWatcher")->lanes())
            if (lane.pid == pid && lane.present)
                return &lane;
        return nullptr;
    }

    static Step stepOf(const ServerWindow& w, pid_t pid)
    {
        const CodeMarker* marker = find<StepCodeModel>(w, "stepCodeModel")->markerOf(pid);
        return marker ? marker->step : Step::None;
    }

    static int lineOf(const ServerWindow& w, pid_t pid)
    {
        const CodeMarker* marker = find<StepCodeModel>(w, "stepCodeModel")->markerOf(pid);
        return marker ? marker->line : -1;
    }

    /// "ReadClient WaitEmpty ...": the steps the child recorded, for failure messages.
    static QByteArray stepsOf(const ServerWindow& w, pid_t pid)
    {
        const StepLane* lane = laneOf(w, pid);
        if (!lane)
            return "no lane";
        QByteArray text;
        for (const ipc::StepEvent& e : w.server().steps(lane->slot, 0))
            text += QByteArray(ipc::step_name(e.step)) + ' ';
        return text;
    }

    /// The first child of the window's server, once it is there.
    static pid_t onlyChild(const ServerWindow& w)
    {
        pid_t pid = 0;
        [&] {
            QTRY_COMPARE(w.server().childCount(), 1);
        }();
        if (w.server().childCount() == 1)
            pid = w.server().children()[0].pid;
        return pid;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("prodcons-tests"));
        QSettings().clear();
        qunsetenv(ipc::kPrefixEnvironmentVariable);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init()
    {
        m_prefix = std::make_unique<test::IpcTestPrefix>();
        m_others = std::make_unique<test::ServerFixture>(*m_prefix);
    }

    void cleanup()
    {
        for (auto& window : m_windows) {
            window->closeWithoutAsking();
            QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 15000);
        }
        m_windows.clear();
        m_others.reset();
        QVERIFY(!test::zombie_child_exists());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
        QSettings().clear();
    }

    // The scene: a producer paused by the window sits where it is; each Step for it
    // moves its marker exactly one line down the producer's loop, onto the step it took.
    void aPausedProducerStepsOneLineAtATime()
    {
        ServerWindow& w = openRunningWindow();
        showTeaching(w);
        auto* model = find<StepCodeModel>(w, "stepCodeModel");
        QVERIFY(!find<QPushButton>(w, "stepButton")->isEnabled()); // only while paused
        click(w, "pauseButton");
        QVERIFY(w.server().teachingState().paused);
        QCOMPARE(find<QPushButton>(w, "pauseButton")->text(), QStringLiteral("Res&ume"));

        auto producer = connectAs(w.server().serverPort(), "producer");
        QVERIFY(producer);
        const pid_t pid = onlyChild(w);
        QVERIFY(pid > 0);
        // Held before its first step: on the loop's first line, said so.
        QTRY_VERIFY(model->markerOf(pid));
        QCOMPARE(model->markerOf(pid)->step, Step::None);
        QCOMPARE(model->markerOf(pid)->line, CodeListing::kLoopLine);
        QVERIFY(model->markerOf(pid)->state.contains(QLatin1String("paused")));

        // The chooser offers the child by pid and role.
        auto* chooser = find<QComboBox>(w, "stepForCombo");
        QTRY_VERIFY(chooser->findData(int(pid)) > 0);
        chooser->setCurrentIndex(chooser->findData(int(pid)));
        QCOMPARE(chooser->currentText(), QStringLiteral("%1 producer").arg(pid));

        const CodeListing& loop = model->producer();
        const Step expected[] = {Step::ReadClient, Step::WaitEmpty, Step::WaitMutex, Step::Write};
        int line = CodeListing::kLoopLine;
        std::uint64_t taken = 0;
        for (const Step step : expected) {
            click(w, "stepButton");
            QTRY_VERIFY2(stepOf(w, pid) == step, stepsOf(w, pid).constData());
            // The name after the first step (ReadClient): sent earlier, it may come with the
            // role, and the child would store it without reading from its client.
            if (step == Step::ReadClient)
                producer->send("Alice\n");
            ++taken;
            // One line down (the first step from the loop's head), and the view draws it there.
            const int now = lineOf(w, pid);
            QCOMPARE(now, loop.lineOf(step));
            QCOMPARE(now, line + 1);
            line = now;
            auto* view = find<StepCodeView>(w, "stepCodeView");
            const QRect chip = view->markerRect(pid);
            QVERIFY(!chip.isEmpty());
            QVERIFY(view->lineRect(0, now).contains(chip));
            // Exactly one step recorded per press.
            const StepLane* lane = laneOf(w, pid);
            QVERIFY(lane);
            QCOMPARE(w.server().steps(lane->slot, 0).size(), std::size_t(taken));
        }
        QCOMPARE(model->markerOf(pid)->name, QStringLiteral("Alice"));
        // Its Write is over; it holds the mutex, paused before the next line (not "waiting").
        QTRY_COMPARE(model->markerOf(pid)->state,
                     QStringLiteral("done; holds the mutex, paused before the next line"));
        // And no more than that while nobody presses Step (looked at for a while: there is
        // no event to wait for when nothing happens).
        QTest::qWait(300);
        QCOMPARE(w.server().steps(laneOf(w, pid)->slot, 0).size(), std::size_t(taken));

        // What the Teaching part saw is saved as a Chrome trace: one track for this child,
        // its steps in order.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("steps.json"));
        QString error;
        QVERIFY2(find<TeachingPanel>(w, "teachingPanel")->saveTrace(path, &error),
                 qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray events = QJsonDocument::fromJson(file.readAll())
                                      .object()
                                      .value(QStringLiteral("traceEvents"))
                                      .toArray();
        QStringList steps;
        int tracks = 0;
        for (const QJsonValue& value : events) {
            const QJsonObject event = value.toObject();
            if (event.value(QStringLiteral("ph")).toString() == QLatin1String("M") &&
                event.value(QStringLiteral("name")).toString() == QLatin1String("process_name"))
                ++tracks;
            if (event.value(QStringLiteral("ph")).toString() == QLatin1String("X") &&
                event.value(QStringLiteral("pid")).toInt() == pid)
                steps << event.value(QStringLiteral("name")).toString();
        }
        QCOMPARE(tracks, 1);
        QCOMPARE(steps, QStringList({"ReadClient", "WaitEmpty", "WaitMutex", "Write"}));

        // Resume: the put finishes and the client gets its OK.
        click(w, "pauseButton");
        QVERIFY(!w.server().teachingState().paused);
        QCOMPARE(find<QPushButton>(w, "pauseButton")->text(), QStringLiteral("Pa&use"));
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QTRY_COMPARE(stepOf(w, pid), Step::ReadClient);
    }

    // Step with "next in line": whichever child comes first takes the step.
    void stepForTheNextInLine()
    {
        ServerWindow& w = openRunningWindow();
        showTeaching(w);
        click(w, "pauseButton");
        auto consumer = connectAs(w.server().serverPort(), "consumer");
        QVERIFY(consumer);
        const pid_t pid = onlyChild(w);
        auto* chooser = find<QComboBox>(w, "stepForCombo");
        QCOMPARE(chooser->currentData().toInt(), 0);
        QCOMPARE(chooser->currentText(), QStringLiteral("next in line"));
        click(w, "stepButton");
        QTRY_COMPARE(stepOf(w, pid), Step::WaitFull);
        QCOMPARE(find<StepCodeModel>(w, "stepCodeModel")->markerOf(pid)->state,
                 QStringLiteral("waiting for full (a name), paused"));
        click(w, "pauseButton");
    }

    // The tempo and the pause live in the prefix's shared block: set here, another server of
    // the prefix has them; set there, this window's controls follow.
    void tempoAndPauseAreSharedByEveryServerOfThePrefix()
    {
        ServerWindow& w = openRunningWindow();
        ForkingServer& other = m_others->start(ipc::Mode::Shm);
        showTeaching(w);
        auto* slider = find<QSlider>(w, "tempoSlider");
        auto* words = find<QLabel>(w, "tempoText");
        QCOMPARE(slider->value(), 0);
        QCOMPARE(words->text(), QStringLiteral("full speed"));

        // As a person does it: the slider from the keyboard, to its slowest.
        slider->setFocus();
        QTest::keyClick(slider, Qt::Key_End);
        QCOMPARE(w.server().teachingState().tempo_ms, ipc::kMaxTempoMs);
        QCOMPARE(other.teachingState().tempo_ms, ipc::kMaxTempoMs);
        QCOMPARE(words->text(), QStringLiteral("2 s per step"));
        QTest::keyClick(slider, Qt::Key_Left);
        QCOMPARE(other.teachingState().tempo_ms, 1500u);
        QCOMPARE(words->text(), QStringLiteral("1.5 s per step"));

        // Another server's window (or socket_srv) changes them: this one shows it.
        other.setTempo(500ms);
        QTRY_COMPARE(slider->value(), tempo_scale::positionOf(500ms));
        QTRY_COMPARE(words->text(), QStringLiteral("0.5 s per step"));
        other.setPaused(true);
        auto* pause = find<QPushButton>(w, "pauseButton");
        QTRY_VERIFY(pause->isChecked());
        QCOMPARE(pause->text(), QStringLiteral("Res&ume"));
        QVERIFY(find<QPushButton>(w, "stepButton")->isEnabled());
        other.setPaused(false);
        QTRY_VERIFY(!pause->isChecked());
        QVERIFY(!find<QPushButton>(w, "stepButton")->isEnabled());

        // And back to full speed from here.
        QTest::keyClick(slider, Qt::Key_Home);
        QCOMPARE(other.teachingState().tempo_ms, 0u);
        QCOMPARE(words->text(), QStringLiteral("full speed"));
    }

    // Watching costs the children a clock read per step: only while the part is shown.
    // The race on purpose, asked for from the Server menu: every window of the prefix says so
    // in a banner (here a second server's turns it on), and it ends when turned off.
    void theRaceModeIsMarkedInEveryWindowOfThePrefix()
    {
        ServerWindow& w = openRunningWindow();
        auto* banner = find<QLabel>(w, "raceBanner");
        auto* race = find<QAction>(w, "raceAction");
        QVERIFY(race->isEnabled()); // a test prefix, not the default one
        QVERIFY(!banner->isVisible());

        ForkingServer& other = m_others->start(ipc::Mode::Shm);
        QVERIFY(other.setRace(true));
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QStringLiteral("RACE MODE")), qPrintable(banner->text()));
        QVERIFY(!race->isChecked()); // this window's server did not ask for it
        QVERIFY(other.setRace(false));
        QTRY_VERIFY(!banner->isVisible());

        race->trigger();
        QVERIFY(race->isChecked());
        QVERIFY(w.server().isRacing());
        QVERIFY(other.teachingState().race);
        QTRY_VERIFY(banner->isVisible());
        race->trigger();
        QVERIFY(!other.teachingState().race);
        QTRY_VERIFY(!banner->isVisible());
    }

    void itWatchesOnlyWhileShown()
    {
        ServerWindow& w = openRunningWindow();
        auto* watcher = find<StepWatcher>(w, "stepWatcher");
        QVERIFY(!watcher->isWatching());
        QVERIFY(!w.server().teachingState().tracing);
        showTeaching(w);
        QVERIFY(watcher->isWatching());
        QTRY_VERIFY(w.server().teachingState().tracing);
        find<QTabWidget>(w, "sideTabs")->setCurrentIndex(0);
        QVERIFY(!watcher->isWatching());
        QTRY_VERIFY(!w.server().teachingState().tracing);
        // In tabs too, and shown again after the window changes its arrangement.
        showTeaching(w);
        w.resize(766, 384);
        QTRY_COMPARE(w.arrangement(), ServerWindow::Arrangement::Tabs);
        settleLayouts();
        QVERIFY(find<TeachingPanel>(w, "teachingPanel")->isVisible());
        QVERIFY(watcher->isWatching());
        QCOMPARE(find<QTabWidget>(w, "compactTabs")->count(), 4);
    }

    // MQ mode: its own loop, mq_send and mq_receive, with the children on it.
    void aMessageQueueShowsItsOwnLoop()
    {
        ServerWindow& w = openRunningWindow(QSize(1100, 750), ipc::Mode::Mq);
        showTeaching(w);
        auto* model = find<StepCodeModel>(w, "stepCodeModel");
        QCOMPARE(model->mode(), ipc::Mode::Mq);
        QVERIFY(model->producer().lineOf(Step::Send) > 0);
        QVERIFY(model->consumer().lineOf(Step::Receive) > 0);
        QCOMPARE(model->producer().lineOf(Step::WaitEmpty), -1);
        click(w, "pauseButton");
        QVERIFY(w.server().teachingState().paused);
        QVERIFY(w.server().teachingState().tracing);
        auto producer = connectAs(w.server().serverPort(), "producer");
        QVERIFY(producer);
        const pid_t pid = onlyChild(w);
        // The name after the first step: sent earlier, it may come with the role and be
        // stored without the child having to read from its client.
        click(w, "stepButton");
        QTRY_VERIFY2(stepOf(w, pid) == Step::ReadClient, stepsOf(w, pid).constData());
        producer->send("Bravo\n");
        click(w, "stepButton");
        QTRY_VERIFY2(stepOf(w, pid) == Step::Send, stepsOf(w, pid).constData());
        QCOMPARE(model->markerOf(pid)->name, QStringLiteral("Bravo"));
        QCOMPARE(lineOf(w, pid), model->producer().lineOf(Step::Send));
        click(w, "pauseButton");
        QCOMPARE(producer->readLine(), QByteArray("OK"));
    }

    // The sizes the demo gives a window (see tst_server_window): the teaching part's controls
    // are in the window, every marker's chip is drawn whole inside the code view and needs no
    // sideways scrolling, and the part works from the keyboard.
    void markersAndControlsAreReadableInEverySize_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768: 766 x 384") << QSize(766, 384);
        QTest::newRow("1366x768 framed: 766 x 338") << QSize(766, 338);
        QTest::newRow("1280x720: 730 x 360") << QSize(730, 360);
        QTest::newRow("1920x1080: 1076 x 540") << QSize(1076, 540);
        QTest::newRow("1920x1080 framed: 1076 x 493") << QSize(1076, 493);
        QTest::newRow("default: 1100 x 750") << QSize(1100, 750);
        QTest::newRow("projector, whole screen: 1366 x 740") << QSize(1366, 740);
    }

    void markersAndControlsAreReadableInEverySize()
    {
        QFETCH(QSize, size);
        ServerWindow& w = openRunningWindow(size);
        showTeaching(w);
        auto producer = connectAs(w.server().serverPort(), "producer");
        auto consumer = connectAs(w.server().serverPort(), "consumer");
        QVERIFY(producer && consumer);
        // A long name: its chip is cut to the room there is, never past the code view.
        QVERIFY(put(*producer, {"Maximilian-Alexander"}));
        QCOMPARE(consumer->readLine(), QByteArray("Maximilian-Alexander"));
        consumer->send("OK\n");
        auto* model = find<StepCodeModel>(w, "stepCodeModel");
        QTRY_COMPARE(model->markers().size(), std::size_t(2));
        QTRY_VERIFY(model->markers()[0].step != Step::None &&
                    model->markers()[1].step != Step::None);

        const QSize needed = w.minimumSizeHint();
        QVERIFY2(
            needed.width() <= w.width() && needed.height() <= w.height(),
            qPrintable(QStringLiteral("needs %1 x %2").arg(needed.width()).arg(needed.height())));
        auto* view = find<StepCodeView>(w, "stepCodeView");
        auto* scroll = find<QScrollArea>(w, "stepCodeScroll");
        qInfo("%d x %d: code view %d x %d in %d x %d", size.width(), size.height(), view->width(),
              view->height(), scroll->viewport()->width(), scroll->viewport()->height());
        QCOMPARE(scroll->horizontalScrollBar()->maximum(), 0); // nothing off to the side
        for (const CodeMarker& marker : model->markers()) {
            const QRect chip = view->markerRect(marker.pid);
            QVERIFY2(!chip.isEmpty(), qPrintable(view->markerText(marker.pid)));
            QVERIFY(view->rect().contains(chip));
            const int listing = marker.kind == ipc::layout::Kind::Consumer ? 1 : 0;
            QVERIFY(view->lineRect(listing, marker.line).contains(chip));
        }
        for (const char* name :
             {"tempoSlider", "tempoText", "pauseButton", "stepForCombo", "stepButton"}) {
            auto* part = find<QWidget>(w, name);
            QVERIFY2(part->isVisible(), name);
            QVERIFY2(part->width() >= part->minimumSizeHint().width(), name);
            QVERIFY2(QRect(QPoint(0, 0), w.size())
                         .contains(QRect(part->mapTo(&w, QPoint(0, 0)), part->size())),
                     name);
        }
        // The teaching part's own controls (in tabs, the window's buttons show icons only: see
        // tst_server_window's keyboard test for the rest of the window).
        const QStringList problems =
            test::keyboardProblems(find<TeachingPanel>(w, "teachingPanel"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(tst_ServerWindowTeaching)
#include "tst_server_window_teaching.moc"
