// The server window driven as a person drives it, offscreen: buttons clicked, real TCP clients
// connecting, the buffer read back through the window's models and labels and compared with
// what ipc::inspect() sees. Every test has its own IPC prefix and settings that are not the
// user's, and checks that no child process, zombie or IPC object is left behind.
#include "buffer_model.h"
#include "buffer_view.h"
#include "child_process.h"
#include "child_table_model.h"
#include "cleanup_flow.h"
#include "event_log_model.h"
#include "forking_server.h"
#include "ipc/attachment.h"
#include "ipc/process_state.h"
#include "ipc_test_helpers.h"
#include "ipc_test_macros.h"
#include "ipc_test_prefix.h"
#include "keyboard_reach.h"
#include "message_banner.h"
#include "server_fixture.h"
#include "server_window.h"
#include "server_window_command_line.h"
#include "signal_watcher.h"
#include "test_support.h"
#include "window_lookup.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <memory>

using namespace prodcons;
using namespace prodcons::server;
using namespace std::chrono_literals;
using test::click;
using test::connectAs;
using test::find;
using test::logContains;
using test::put;
using test::text;

namespace {

bool processGone(pid_t pid)
{
    return ::kill(pid, 0) == -1 && errno == ESRCH; // a zombie still answers: it must be reaped
}

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class tst_ServerWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::vector<std::unique_ptr<ServerWindow>> m_windows;

    QString prefix() const { return QString::fromStdString(m_prefix->prefix()); }

    ServerWindow& openWindow(ipc::Mode mode = ipc::Mode::Shm, quint16 port = 0)
    {
        ServerWindowSettings settings;
        settings.port = port; // 0: any free port; the window's server() tells which
        settings.mode = mode;
        settings.bind = QStringLiteral("127.0.0.1");
        settings.prefix = prefix();
        m_windows.push_back(std::make_unique<ServerWindow>(settings));
        ServerWindow& window = *m_windows.back();
        window.show();
        return window;
    }

    /// The names the server's log says it discarded when it left the objects.
    static quint64 namesDiscarded(const QObject& window)
    {
        quint64 discarded = 0;
        for (const ServerEvent& e : find<EventLogModel>(window, "logModel")->serverEvents())
            if (e.kind == ServerEvent::Kind::Lifecycle &&
                e.lifecycle == ipc::LifecycleEvent::Kind::NamesDiscarded)
                discarded += e.count;
        return discarded;
    }

    /// How many rows of the window's log have `severity`.
    static int logEntries(const QObject& window, Severity severity)
    {
        const auto* log = find<EventLogModel>(window, "logModel");
        int count = 0;
        for (int row = 0; row < log->rowCount(); ++row)
            count +=
                log->data(log->index(row, 0), EventLogModel::SeverityRole).toInt() == int(severity);
        return count;
    }

    static QMessageBox* question(const QObject& window, const char* name)
    {
        auto* box = window.findChild<QMessageBox*>(QLatin1String(name));
        return box && box->isVisible() ? box : nullptr;
    }

    static void answer(QMessageBox* box, const char* button)
    {
        QTest::mouseClick(find<QPushButton>(*box, button), Qt::LeftButton);
    }

    QStringList namesInBuffer(const ServerWindow& window) const
    {
        const auto* model = find<BufferModel>(window, "bufferModel");
        QStringList names;
        for (int i = 0; i < model->rowCount(); ++i)
            names << model->data(model->index(i)).toString();
        return names;
    }

    /// A window of `size` with a server running and names in the ring, as the demo shows it.
    ServerWindow& openRunningWindow(QSize size)
    {
        ServerWindow& w = openWindow();
        click(w, "startButton");
        w.resize(size);
        // What a window manager (or -geometry) gives is what the window gets; it must be able
        // to use it.
        [&] {
            QTRY_COMPARE(w.size(), size);
        }();
        settleLayouts();
        return w;
    }

    /// The layouts done with what a resize asked of them (they do it in the event loop).
    static void settleLayouts()
    {
        for (int i = 0; i < 5; ++i)
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    }

    /// Nothing laid out smaller than it asks for: the window can use the room it has.
    static void verifyNothingSqueezed(const ServerWindow& w)
    {
        const QSize needed = w.minimumSizeHint();
        QVERIFY2(needed.width() <= w.width() && needed.height() <= w.height(),
                 qPrintable(QStringLiteral("needs %1 x %2 in %3 x %4")
                                .arg(needed.width())
                                .arg(needed.height())
                                .arg(w.width())
                                .arg(w.height())));
        const QSize central = w.centralWidget()->minimumSizeHint();
        QVERIFY(central.width() <= w.centralWidget()->width());
        QVERIFY(central.height() <= w.centralWidget()->height());
    }

    /// The semaphores' rows (name, value, what it means) read one under the other: no label
    /// overlaps another, and each has the height its wrapped text needs.
    static void verifySemaphoreRowsApart(const ServerWindow& w)
    {
        QList<QRect> taken;
        for (const char* row : {"semMutex", "semEmpty", "semFull"}) {
            for (const char* part : {"Caption", "Value", "Meaning"}) {
                const QByteArray name = QByteArray(row) + part;
                auto* label = find<QLabel>(w, name.constData());
                QVERIFY2(label->isVisible(), name.constData());
                QVERIFY2(!label->text().isEmpty(), name.constData());
                const QRect box(label->mapTo(&w, QPoint(0, 0)), label->size());
                for (const QRect& other : taken)
                    QVERIFY2(!box.intersects(other), name.constData());
                taken << box;
                // Seen without scrolling.
                auto* area = find<QScrollArea>(w, "bufferFiguresArea");
                const QRect seen(label->mapTo(area->viewport(), QPoint(0, 0)), label->size());
                QVERIFY2(area->viewport()->rect().contains(seen),
                         qPrintable(QStringLiteral("%1 at %2,%3 %4 x %5 in %6 x %7")
                                        .arg(QLatin1String(name))
                                        .arg(seen.x())
                                        .arg(seen.y())
                                        .arg(seen.width())
                                        .arg(seen.height())
                                        .arg(area->viewport()->width())
                                        .arg(area->viewport()->height())));
                if (label->wordWrap())
                    QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                             name.constData());
                else
                    QVERIFY2(label->width() >= label->minimumSizeHint().width(), name.constData());
            }
        }
    }

private slots:
    void initTestCase()
    {
        // Never the user's settings: test mode puts QSettings under ~/.qttest.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("prodcons-tests"));
        QSettings().clear();
        qunsetenv(ipc::kPrefixEnvironmentVariable);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init() { m_prefix = std::make_unique<test::IpcTestPrefix>(); }

    void cleanup()
    {
        test::kill_at_fault_point(nullptr); // a test that failed half-way may have left one
        for (auto& window : m_windows) {
            window->closeWithoutAsking();
            QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 15000);
        }
        m_windows.clear();
        QVERIFY(!test::zombie_child_exists());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
        QSettings().clear();
    }

    void startAndStopByClicking()
    {
        ServerWindow& w = openWindow();
        QVERIFY(find<QSpinBox>(w, "portSpin")->isEnabled());
        QVERIFY(!find<QPushButton>(w, "stopButton")->isEnabled());
        QCOMPARE(text(w, "stateStatus"), QStringLiteral("Stopped"));

        QSignalSpy stopped(&w.server(), &ForkingServer::stopped);
        click(w, "startButton");
        QVERIFY(w.server().isRunning());
        const quint16 port = w.server().serverPort();
        QVERIFY(port != 0);
        // Settings are locked while running.
        for (const char* name :
             {"portSpin", "modeCombo", "bindCombo", "prefixEdit", "slotSizeCombo"})
            QVERIFY2(!find<QWidget>(w, name)->isEnabled(), name);
        QVERIFY(!find<QPushButton>(w, "startButton")->isEnabled());
        QCOMPARE(text(w, "stateStatus"), QStringLiteral("Listening"));
        QCOMPARE(text(w, "addressStatus"), QStringLiteral("127.0.0.1:%1").arg(port));
        QCOMPARE(text(w, "modeStatus"), QStringLiteral("SHM mode"));
        QCOMPARE(w.server().serverAddress(), QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(logEntries(w, Severity::Error), 0);
        QVERIFY(m_prefix->leftovers().contains(QString::fromLatin1(m_prefix->names().control)));
        QTRY_COMPARE(text(w, "attachedValue"), QStringLiteral("1"));
        QTRY_COMPARE(text(w, "attachedStatus"), QStringLiteral("1 server attached"));
        QTRY_COMPARE(text(w, "fillStatus"), QStringLiteral("buffer 0 / 10"));
        QVERIFY(w.windowTitle().contains(QString::number(port)));
        // Qt appends the application's name; the window must not say it once more.
        QVERIFY2(!w.windowTitle().contains(QStringLiteral("prodcons")),
                 qPrintable(w.windowTitle()));

        click(w, "stopButton");
        QTRY_VERIFY(!w.server().isRunning());
        QVERIFY(find<QSpinBox>(w, "portSpin")->isEnabled());
        QVERIFY(find<QPushButton>(w, "startButton")->isEnabled());
        QCOMPARE(text(w, "stateStatus"), QStringLiteral("Stopped"));
        QCOMPARE(stopped.count(), 1);
        QCOMPARE(m_prefix->leftovers(), QStringList()); // the last server removed them
    }

    void aPortInUseShowsTheError()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        ServerWindow& w = openWindow(ipc::Mode::Shm, squatter.serverPort());
        auto* banner = find<MessageBanner>(w, "messageBanner");
        QVERIFY(!banner->isVisible());

        click(w, "startButton");
        QVERIFY(!w.server().isRunning());
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(
                     QStringLiteral("port %1 is already in use").arg(squatter.serverPort())),
                 qPrintable(banner->text()));
        QVERIFY(banner->severity() == Severity::Error);
        QCOMPARE(w.server().serverError(), QAbstractSocket::AddressInUseError);
        QCOMPARE(logEntries(w, Severity::Error), 1);
        QVERIFY(find<QSpinBox>(w, "portSpin")->isEnabled()); // fix it and try again
        QCOMPARE(m_prefix->leftovers(), QStringList());      // a refused start creates nothing

        find<QSpinBox>(w, "portSpin")->setValue(0);
        click(w, "startButton");
        QVERIFY(w.server().isRunning());
        QVERIFY(!banner->isVisible());
    }

    void objectsOfAnotherLayoutShowTheError()
    {
        ipc::Geometry other;
        other.capacity = 20; // a program built with another ring size uses the objects
        auto user = ipc::Attachment::attach(m_prefix->config(other), ipc::Mode::Shm);
        IPC_VERIFY(user);
        ServerWindow& w = openWindow();
        click(w, "startButton");
        QVERIFY(!w.server().isRunning());
        auto* banner = find<MessageBanner>(w, "messageBanner");
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QLatin1String("incompatible layout")),
                 qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(QLatin1String("pick another prefix")),
                 qPrintable(banner->text()));
        IPC_VERIFY(user->detach());
    }

    void anInvalidPrefixIsShownPlainly()
    {
        ServerWindow& w = openWindow();
        find<QLineEdit>(w, "prefixEdit")->setText(QString());
        click(w, "startButton");
        QVERIFY(!w.server().isRunning());
        auto* banner = find<MessageBanner>(w, "messageBanner");
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QLatin1String("prefix")), qPrintable(banner->text()));
    }

    void aClientAppearsInTheChildrenTableWithItsRole()
    {
        ServerWindow& w = openWindow();
        click(w, "startButton");
        auto* model = find<ChildTableModel>(w, "childrenModel");
        // Long enough that a busy machine cannot skip the ended row between two looks; cut
        // short once the row has been seen.
        model->setLinger(60s);
        QtLineClient client;
        QVERIFY(client.connectTo(w.server().serverPort()));
        QCOMPARE(client.readLine(), QByteArray("Task?"));
        QTRY_COMPARE(model->rowCount(), 1);
        client.send("consumer\n");
        QTRY_COMPARE(cell(*model, 0, ChildTableModel::RoleColumn), QStringLiteral("consumer"));
        QCOMPARE(cell(*model, 0, ChildTableModel::PeerColumn),
                 QStringLiteral("127.0.0.1:%1").arg(client.socket().localPort()));
        QCOMPARE(w.server().children().size(), 1u);
        const pid_t pid = w.server().children()[0].pid;
        QCOMPARE(cell(*model, 0, ChildTableModel::PidColumn), QString::number(pid));
        QTRY_COMPARE(cell(*model, 0, ChildTableModel::StateColumn),
                     QStringLiteral("waiting: buffer empty"));
        QTRY_COMPARE(text(w, "childrenStatus"), QStringLiteral("1 child"));
        QCOMPARE(w.server().children()[0].role, ChildRole::Consumer);

        // The client leaves: the row says how the child ended, then falls off the table.
        client.close();
        QTRY_VERIFY(model->data(model->index(0, 0), ChildTableModel::EndedRole).toBool());
        QVERIFY(model->data(model->index(0, 0), ChildTableModel::NormalEndRole).toBool());
        QVERIFY(cell(*model, 0, ChildTableModel::StateColumn).startsWith(QLatin1String("ended: ")));
        model->setLinger(0ms);
        QTRY_COMPARE(model->rowCount(), 0);
        QVERIFY(processGone(pid));
    }

    void aKilledChildIsMarkedAsSuch()
    {
        ServerWindow& w = openWindow();
        click(w, "startButton");
        auto producer = connectAs(w.server().serverPort(), "producer");
        QVERIFY(producer);
        auto* model = find<ChildTableModel>(w, "childrenModel");
        QTRY_COMPARE(cell(*model, 0, ChildTableModel::RoleColumn), QStringLiteral("producer"));
        const pid_t pid = w.server().children()[0].pid;
        ::kill(pid, SIGKILL);
        QTRY_VERIFY(model->data(model->index(0, 0), ChildTableModel::EndedRole).toBool());
        QVERIFY(!model->data(model->index(0, 0), ChildTableModel::NormalEndRole).toBool());
        const QString state = cell(*model, 0, ChildTableModel::StateColumn);
        QVERIFY2(state.contains(QLatin1String("killed by signal 9")), qPrintable(state));
    }

    // Hardening case 6: while a child stopped holding the mutex stalls the buffer, a banner
    // says which process it is; when it goes on, that message goes, and only that one.
    void aStallShowsABannerUntilItEnds()
    {
        // Another message first (a cleanup's report), which must stay.
        QVERIFY(test::leave_stale_objects(m_prefix->config()));
        ServerWindow& w = openWindow();
        auto* banner = find<MessageBanner>(w, "messageBanner");
        click(w, "cleanupButton");
        QTRY_VERIFY(banner->isVisible() && banner->text().contains(QLatin1String("removed")));
        const QString report = banner->text();

        click(w, "startButton");
        test::stop_at_fault_point("put:stored"); // inherited by the child forked next
        auto producer = connectAs(w.server().serverPort(), "producer");
        test::kill_at_fault_point(nullptr);
        QVERIFY(producer);
        QTRY_COMPARE(w.server().children().size(), std::size_t{1});
        const pid_t child = w.server().children()[0].pid;
        // If the test fails half-way: let it finish its put, so the server stops as usual.
        const auto resume = qScopeGuard([child] { ::kill(child, SIGCONT); });
        producer->send("held\n");
        QVERIFY(test::wait_for_state(child, ipc::ProcessState::Stopped));

        const QString named =
            QStringLiteral("process %1 (a producer child of this server").arg(child);
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(named), 10000);
        QVERIFY2(banner->text().contains(QLatin1String("The buffer is stalled")),
                 qPrintable(banner->text()));
        QVERIFY2(banner->text().contains(QStringLiteral("kill -CONT %1").arg(child)),
                 qPrintable(banner->text()));
        QVERIFY(banner->text().startsWith(report)); // the report is still there
        QVERIFY(banner->severity() == Severity::Warning);
        QVERIFY(logContains(w, named));

        ::kill(child, SIGCONT);
        QCOMPARE(producer->readLine(), QByteArray("OK"));
        QTRY_VERIFY_WITH_TIMEOUT(!banner->text().contains(named), 10000);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->text(), report);
        QVERIFY(logContains(w, QStringLiteral("the stall is over: process %1").arg(child)));
    }

    void producedNamesAppearInTheBufferWithTheSemaphoreValues()
    {
        ServerWindow& w = openWindow();
        click(w, "startButton");
        auto producer = connectAs(w.server().serverPort(), "producer");
        QVERIFY(producer);
        QVERIFY(put(*producer, {"Alpha", "Bravo", "Charlie"}));

        const auto* buffer = find<BufferModel>(w, "bufferModel");
        QTRY_COMPARE(buffer->stored(), quint64(3));
        QCOMPARE(namesInBuffer(w).mid(0, 4), QStringList({"Alpha", "Bravo", "Charlie", QString()}));
        QVERIFY(buffer->data(buffer->index(0), BufferModel::OutRole).toBool());
        QVERIFY(buffer->data(buffer->index(3), BufferModel::InRole).toBool());

        // The values shown are the semaphores' own, as anyone inspecting the objects sees them.
        auto seen = ipc::inspect(m_prefix->names());
        IPC_VERIFY(seen);
        QCOMPARE(seen->sem_full, 3);
        QTRY_COMPARE(text(w, "semFullValue"), QString::number(seen->sem_full));
        QCOMPARE(text(w, "semEmptyValue"), QString::number(seen->sem_empty));
        QCOMPARE(text(w, "semMutexValue"), QString::number(seen->sem_mutex));
        QCOMPARE(text(w, "semEmptyValue"), QStringLiteral("7"));
        QCOMPARE(text(w, "fillStatus"), QStringLiteral("buffer 3 / 10"));
        QVERIFY(find<QWidget>(w, "bufferView")
                    ->accessibleDescription()
                    .contains(QLatin1String("Alpha, Bravo, Charlie")));

        // A consumer takes one: the drawing follows.
        auto consumer = connectAs(w.server().serverPort(), "consumer");
        QVERIFY(consumer);
        QCOMPARE(consumer->readLine(), QByteArray("Alpha"));
        consumer->send("OK\n");
        QCOMPARE(consumer->readLine(), QByteArray("Bravo"));
        consumer->send("OK\n");
        QCOMPARE(consumer->readLine(), QByteArray("Charlie"));
        consumer->send("OK\n");
        QTRY_COMPARE(buffer->stored(), quint64(0));
        QTRY_COMPARE(text(w, "semFullValue"), QStringLiteral("0"));
        QTRY_COMPARE(text(w, "semEmptyValue"), QStringLiteral("10"));
    }

    void aMessageQueueShowsItsDepth()
    {
        ServerWindow& w = openWindow(ipc::Mode::Mq);
        click(w, "startButton");
        QVERIFY2(w.server().isRunning(), qPrintable(w.server().lastError()));
        auto producer = connectAs(w.server().serverPort(), "producer");
        QVERIFY(producer);
        QVERIFY(put(*producer, {"Mike", "November"}));
        QTRY_COMPARE(text(w, "queueDepthValue"), QStringLiteral("2 / 10"));
        QCOMPARE(find<BufferModel>(w, "bufferModel")->rowCount(), 0);
        QVERIFY(!find<QLabel>(w, "semEmptyValue")->isVisible());
        QCOMPARE(text(w, "modeStatus"), QStringLiteral("MQ mode"));
        QCOMPARE(text(w, "fillStatus"), QStringLiteral("buffer 2 / 10"));
    }

    void twoWindowsVisiblyShareOneBuffer()
    {
        ServerWindow& a = openWindow();
        ServerWindow& b = openWindow();
        click(a, "startButton");
        click(b, "startButton");
        QTRY_COMPARE(text(a, "attachedValue"), QStringLiteral("2"));
        QTRY_COMPARE(text(b, "attachedValue"), QStringLiteral("2"));
        QCOMPARE(text(b, "attachedStatus"), QStringLiteral("2 servers attached"));

        auto producer = connectAs(a.server().serverPort(), "producer");
        QVERIFY(producer && put(*producer, {"Shared"}));
        QTRY_COMPARE(namesInBuffer(b).value(0), QStringLiteral("Shared"));

        // B keeps the buffer and its name: closing A asks nothing and discards nothing.
        a.close();
        QVERIFY(!question(a, "discardConfirmation"));
        QTRY_VERIFY(!a.isVisible());
        QTRY_COMPARE(text(b, "attachedValue"), QStringLiteral("1"));
        QCOMPARE(find<BufferModel>(b, "bufferModel")->stored(), quint64(1));
        // A discard would be a warning in A's log.
        QCOMPARE(logEntries(a, Severity::Warning) + logEntries(a, Severity::Error), 0);
    }

    void aStoppedWindowShowsTheObjectsOfOthers()
    {
        ServerWindow& running = openWindow();
        click(running, "startButton");
        auto producer = connectAs(running.server().serverPort(), "producer");
        QVERIFY(producer && put(*producer, {"Seen"}));

        ServerWindow& idle = openWindow();
        QVERIFY(!idle.server().isRunning());
        const auto* buffer = find<BufferModel>(idle, "bufferModel");
        QTRY_VERIFY(buffer->present());
        QVERIFY(buffer->source() == BufferModel::Source::Inspected);
        QTRY_COMPARE(namesInBuffer(idle).value(0), QStringLiteral("Seen"));
        QCOMPARE(text(idle, "attachedValue"), QStringLiteral("1"));
    }

    void cleanupRemovesStaleObjectsAndTheLogSaysSo()
    {
        // A server that crashed: it attached, then died without detaching.
        QVERIFY(test::leave_stale_objects(m_prefix->config()));
        QVERIFY(!m_prefix->leftovers().isEmpty());

        ServerWindow& w = openWindow();
        QTRY_VERIFY(find<BufferModel>(w, "bufferModel")->present());
        QCOMPARE(text(w, "attachedValue"), QStringLiteral("0"));
        click(w, "cleanupButton");
        QVERIFY(!question(w, "cleanupConfirmation")); // nobody to hurt: no question
        QTRY_COMPARE(m_prefix->leftovers(), QStringList());
        // The report names what it removed.
        const auto* flow = find<common::CleanupFlow>(w, "cleanupFlow");
        QTRY_VERIFY(flow->lastReport().has_value());
        bool controlRemoved = false;
        for (const auto& item : flow->lastReport()->items)
            controlRemoved |= item.removed && item.name == m_prefix->names().control;
        QVERIFY(controlRemoved);
        QVERIFY(logContains(w, QString::fromLatin1(m_prefix->names().control)));
        auto* banner = find<MessageBanner>(w, "messageBanner");
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QLatin1String("removed")));
        QTRY_VERIFY(!find<BufferModel>(w, "bufferModel")->present());
    }

    void cleanupAsksFirstWhenServersOrNamesWouldBeHurt()
    {
        ServerWindow& w = openWindow();
        click(w, "startButton");
        auto producer = connectAs(w.server().serverPort(), "producer");
        QVERIFY(producer && put(*producer, {"Kilo", "Lima"}));

        click(w, "cleanupButton");
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = question(w, "cleanupConfirmation")));
        const QString warning = box->informativeText();
        QVERIFY2(warning.contains(QStringLiteral("%1 (this window)").arg(::getpid())),
                 qPrintable(warning));
        QVERIFY2(warning.contains(QLatin1String("2 queued name(s) will be discarded")),
                 qPrintable(warning));
        answer(box, "keepObjects");
        QTRY_VERIFY(!question(w, "cleanupConfirmation"));
        QVERIFY(!m_prefix->leftovers().isEmpty());
        QVERIFY(w.server().isRunning());

        click(w, "cleanupButton");
        QTRY_VERIFY((box = question(w, "cleanupConfirmation")));
        answer(box, "removeAnyway");
        QTRY_COMPARE(m_prefix->leftovers(), QStringList());
        const auto* flow = find<common::CleanupFlow>(w, "cleanupFlow");
        QTRY_VERIFY(flow->lastReport().has_value());
        QCOMPARE(flow->lastReport()->names_discarded, std::uint64_t{2});
        // The running server notices, and says so where a person looks: an error.
        QTRY_COMPARE(logEntries(w, Severity::Error), 1);
        auto* banner = find<MessageBanner>(w, "messageBanner");
        QTRY_VERIFY(banner->isVisible() && banner->severity() == Severity::Error);
    }

    void closingLeavesNoChildAndNoObject()
    {
        ServerWindow& w = openWindow();
        click(w, "startButton");
        auto producer = connectAs(w.server().serverPort(), "producer");
        auto consumer = connectAs(w.server().serverPort(), "consumer");
        QVERIFY(producer && consumer);
        QVERIFY(put(*producer, {"Oscar"}));
        QCOMPARE(consumer->readLine(), QByteArray("Oscar"));
        consumer->send("OK\n");
        QTRY_COMPARE(find<BufferModel>(w, "bufferModel")->stored(), quint64(0));
        std::vector<pid_t> pids;
        for (const ChildView& child : w.server().children())
            pids.push_back(child.pid);
        QCOMPARE(pids.size(), 2u);

        w.close(); // nothing queued: no question
        QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), 10000);
        QVERIFY(!question(w, "discardConfirmation"));
        for (pid_t pid : pids)
            QVERIFY2(processGone(pid), qPrintable(QString::number(pid)));
        QVERIFY(!test::zombie_child_exists());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        QVERIFY(producer->waitForClose());
    }

    void closingWithQueuedNamesAsksFirst()
    {
        ServerWindow& w = openWindow();
        click(w, "startButton");
        auto producer = connectAs(w.server().serverPort(), "producer");
        QVERIFY(producer && put(*producer, {"Papa", "Quebec"}));

        w.close();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = question(w, "discardConfirmation")));
        QVERIFY2(box->text().contains(QLatin1String("2 name(s)")), qPrintable(box->text()));
        answer(box, "keepRunning");
        QTRY_VERIFY(!question(w, "discardConfirmation"));
        QVERIFY(w.isVisible());
        QVERIFY(w.server().isRunning());

        w.close();
        QTRY_VERIFY((box = question(w, "discardConfirmation")));
        answer(box, "discardNames");
        QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), 10000);
        QCOMPARE(namesDiscarded(w), quint64(2));
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    void stoppingWithQueuedNamesAsksFirst()
    {
        ServerWindow& w = openWindow();
        click(w, "startButton");
        auto producer = connectAs(w.server().serverPort(), "producer");
        QVERIFY(producer && put(*producer, {"Romeo"}));
        click(w, "stopButton");
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = question(w, "discardConfirmation")));
        QVERIFY(!find<QPushButton>(w, "stopButton")->isEnabled()); // one question at a time
        answer(box, "discardNames");
        QTRY_VERIFY(!w.server().isRunning());
        QVERIFY(w.isVisible()); // stopping is not closing
        QCOMPARE(namesDiscarded(w), quint64(1));
    }

    // With a QSettings, the window saves what it shows and its geometry; the next window starts
    // from them, and the command line wins over them (what prodcons-server does at start).
    // The sizes the demo gives a server window on a class's screens (scripts/demo.sh: a
    // projector at 1366 x 768 or 1280 x 720, a laptop at 1920 x 1080, with and without a
    // window manager's title bar): the ring keeps at least BufferView::kMinimumRing pixels and
    // the semaphores' figures stay apart, in whatever arrangement the size calls for.
    void theRingAndTheSemaphoresAreReadableOnSmallScreens_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<int>("arrangement");
        QTest::newRow("1366x768: 766 x 384")
            << QSize(766, 384) << int(ServerWindow::Arrangement::Tabs);
        QTest::newRow("1366x768 framed: 766 x 338")
            << QSize(766, 338) << int(ServerWindow::Arrangement::Tabs);
        QTest::newRow("1280x720: 730 x 360")
            << QSize(730, 360) << int(ServerWindow::Arrangement::Tabs);
        QTest::newRow("1920x1080: 1076 x 540")
            << QSize(1076, 540) << int(ServerWindow::Arrangement::Rows);
        QTest::newRow("1920x1080 framed: 1076 x 493")
            << QSize(1076, 493) << int(ServerWindow::Arrangement::Rows);
        QTest::newRow("default: 1100 x 750")
            << QSize(1100, 750) << int(ServerWindow::Arrangement::Columns);
    }

    void theRingAndTheSemaphoresAreReadableOnSmallScreens()
    {
        QFETCH(QSize, size);
        QFETCH(int, arrangement);
        ServerWindow& w = openRunningWindow(size);
        QCOMPARE(int(w.arrangement()), arrangement);
        QVERIFY(w.minimumSize().width() <= 766 && w.minimumSize().height() <= 338);
        verifyNothingSqueezed(w);

        auto* view = find<BufferView>(w, "bufferView");
        QVERIFY(view->isVisible());
        qInfo("%d x %d: ring %d px (view %d x %d), window minimum %d x %d", size.width(),
              size.height(), view->ringDiameter(), view->width(), view->height(),
              w.minimumSizeHint().width(), w.minimumSizeHint().height());
        QVERIFY2(view->ringDiameter() >= BufferView::kMinimumRing,
                 qPrintable(QString::number(view->ringDiameter())));
        QVERIFY(view->width() >= view->minimumSizeHint().width());
        QVERIFY(view->height() >= view->minimumSizeHint().height());
        verifySemaphoreRowsApart(w);

        // Every part can be seen: at once, or in its tab.
        auto* tabs = find<QTabWidget>(w, "compactTabs");
        QCOMPARE(tabs->isVisible(), arrangement == int(ServerWindow::Arrangement::Tabs));
        for (const char* name : {"childrenTable", "logView"}) {
            auto* part = find<QWidget>(w, name);
            if (tabs->isVisible()) {
                QVERIFY(!part->isVisible());
                for (int i = 0; i < tabs->count(); ++i)
                    if (tabs->widget(i)->isAncestorOf(part))
                        tabs->setCurrentIndex(i);
            }
            QVERIFY2(part->isVisible(), name);
            QVERIFY2(part->height() >= part->minimumSizeHint().height(), name);
        }
        for (const char* name : {"startButton", "stopButton", "cleanupButton", "prefixEdit"}) {
            auto* part = find<QWidget>(w, name);
            QVERIFY2(part->isVisible(), name);
            QVERIFY2(QRect(QPoint(0, 0), w.size())
                         .contains(QRect(part->mapTo(&w, QPoint(0, 0)), part->size())),
                     name);
        }
    }

    // Resizing moves the parts between the arrangements and back, keeping what they show.
    void resizingSwitchesBetweenTabsAndSplitters()
    {
        ServerWindow& w = openRunningWindow(QSize(1100, 750));
        QCOMPARE(w.arrangement(), ServerWindow::Arrangement::Columns);
        auto producer = connectAs(w.server().serverPort(), "producer");
        QVERIFY(producer && put(*producer, {"Tango"}));
        QTRY_COMPARE(find<QAbstractItemModel>(w, "childrenModel")->rowCount(), 1);
        QTRY_VERIFY(namesInBuffer(w).contains(QStringLiteral("Tango")));

        w.resize(766, 384);
        QTRY_COMPARE(w.arrangement(), ServerWindow::Arrangement::Tabs);
        settleLayouts();
        auto* tabs = find<QTabWidget>(w, "compactTabs");
        QCOMPARE(tabs->count(), 4); // Buffer, Children, Log, Teaching
        QVERIFY(find<QWidget>(w, "bufferView")->isVisible());
        QVERIFY(find<QPushButton>(w, "startButton")->text().isEmpty()); // icons only
        QVERIFY(!find<QPushButton>(w, "startButton")->accessibleName().isEmpty());

        w.resize(1076, 540);
        QTRY_COMPARE(w.arrangement(), ServerWindow::Arrangement::Rows);
        settleLayouts();
        QCOMPARE(tabs->count(), 0);
        for (const char* name : {"bufferView", "childrenTable", "logView"})
            QVERIFY2(find<QWidget>(w, name)->isVisible(), name);
        QVERIFY(!find<QPushButton>(w, "startButton")->text().isEmpty());

        w.resize(1100, 750);
        QTRY_COMPARE(w.arrangement(), ServerWindow::Arrangement::Columns);
        settleLayouts();
        for (const char* name : {"bufferView", "childrenTable", "logView"})
            QVERIFY2(find<QWidget>(w, name)->isVisible(), name);
        QCOMPARE(find<QAbstractItemModel>(w, "childrenModel")->rowCount(), 1);
        QVERIFY2(namesInBuffer(w).contains(QStringLiteral("Tango")),
                 qPrintable(namesInBuffer(w).join(QLatin1Char(','))));
    }

    void settingsAndGeometryAreRemembered()
    {
        QSettings remembered;
        {
            ServerWindowSettings settings;
            settings.port = 23456;
            settings.mode = ipc::Mode::Mq;
            settings.bind = QStringLiteral("any");
            settings.prefix = prefix();
            settings.slotSize = 3000; // not one of the sizes offered: added to the choices
            ServerWindow first(settings, &remembered);
            first.resize(900, 640);
            first.show();
            QVERIFY(first.close());
        }
        ServerWindow second(ServerWindowSettings::load(remembered), &remembered);
        QCOMPARE(find<QSpinBox>(second, "portSpin")->value(), 23456);
        QCOMPARE(find<QComboBox>(second, "modeCombo")->currentData().toString(),
                 QStringLiteral("mq"));
        QCOMPARE(find<QComboBox>(second, "bindCombo")->currentData().toString(),
                 QStringLiteral("any"));
        QCOMPARE(find<QLineEdit>(second, "prefixEdit")->text(), prefix());
        QCOMPARE(find<QComboBox>(second, "slotSizeCombo")->currentData().toUInt(), 3000u);
        QCOMPARE(second.size(), QSize(900, 640));

        ServerWindowCommandLine given;
        given.port = 34567;
        ServerWindow third(given.over(ServerWindowSettings::load(remembered)), &remembered);
        QCOMPARE(find<QSpinBox>(third, "portSpin")->value(), 34567);
        QCOMPARE(find<QComboBox>(third, "modeCombo")->currentData().toString(),
                 QStringLiteral("mq"));
    }

    // Without a QSettings (--no-settings, the demo's windows): what is remembered is neither
    // read nor overwritten, not by starting a server and not by closing the window.
    void noSettingsLeavesTheRememberedSettingsAlone()
    {
        {
            QSettings remembered;
            ServerWindowSettings settings;
            settings.port = 23456;
            settings.mode = ipc::Mode::Mq;
            settings.bind = QStringLiteral("any");
            settings.prefix = QStringLiteral("/remembered");
            ServerWindow first(settings, &remembered);
            first.resize(900, 640);
            first.show();
            QVERIFY(first.close());
        }
        const QSettings remembered;
        const QStringList keys = remembered.allKeys();
        QVERIFY(keys.contains(QStringLiteral("window/geometry")));
        QMap<QString, QVariant> before;
        for (const QString& key : keys)
            before.insert(key, remembered.value(key));

        ServerWindowSettings settings;
        settings.port = 0;
        settings.prefix = prefix();
        m_windows.push_back(std::make_unique<ServerWindow>(settings));
        ServerWindow& w = *m_windows.back();
        w.show();
        // The default size, not the remembered geometry.
        QVERIFY(w.size() != QSize(900, 640));
        click(w, "startButton");
        QVERIFY(w.server().isRunning());
        w.resize(700, 500);
        w.closeWithoutAsking();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), 15000);

        const QSettings after;
        QCOMPARE(after.allKeys(), keys);
        for (const QString& key : keys)
            QVERIFY2(after.value(key) == before.value(key), qPrintable(key));
    }

    void controlsHaveAccessibleNamesAndShortcuts()
    {
        ServerWindow& w = openWindow();
        for (const char* name :
             {"portSpin", "modeCombo", "bindCombo", "prefixEdit", "slotSizeCombo", "startButton",
              "stopButton", "cleanupButton", "childrenTable", "logView", "bufferView",
              "semMutexValue", "attachedValue"})
            QVERIFY2(!find<QWidget>(w, name)->accessibleName().isEmpty(), name);
        QCOMPARE(find<QAction>(w, "startAction")->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(find<QAction>(w, "stopAction")->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F5));
        if (!QTest::qWaitForWindowActive(&w))
            QSKIP("this platform does not activate windows; shortcuts cannot be sent");
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY(w.server().isRunning());
        QTest::keyClick(&w, Qt::Key_F5, Qt::ShiftModifier);
        QTRY_VERIFY(!w.server().isRunning());
    }

    // Everything a person can do in the window is reachable with Tab and has a shortcut and an
    // accessible name, stopped and running.
    void theWindowWorksFromTheKeyboard()
    {
        ServerWindow& w = openWindow();
        QStringList problems = test::keyboardProblems(&w);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        click(w, "startButton");
        QVERIFY(w.server().isRunning());
        problems = test::keyboardProblems(&w);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void signalsArriveAsAQtSignal()
    {
        // The watcher prodcons-server's main() installs.
        common::SignalWatcher quit({SIGTERM, SIGINT, SIGHUP});
        QVERIFY(quit.isWatching());
        QSignalSpy received(&quit, &common::SignalWatcher::signalled);
        ::raise(SIGTERM);
        QVERIFY(received.wait(5000));
        QCOMPARE(received.at(0).at(0).toInt(), SIGTERM);
    }

    void theProgramStopsCleanlyOnSigterm_data()
    {
        QTest::addColumn<bool>("noSettings");
        QTest::newRow("remembering its settings") << false;
        QTest::newRow("--no-settings") << true;
    }

    void theProgramStopsCleanlyOnSigterm()
    {
        // prodcons-server as the demo script runs it: options on the command line, then SIGTERM.
        QFETCH(bool, noSettings);
        QTemporaryDir config;
        QProcess program;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path()); // not the user's settings
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        program.setProcessEnvironment(env);
        // Port 0: the window takes any free port, and /proc tells the test which one; a port
        // picked beforehand and closed again may be taken by another test meanwhile.
        QStringList arguments{"--port",    "0",        "--mode", "shm",    "--bind",
                              "127.0.0.1", "--prefix", prefix(), "--start"};
        if (noSettings)
            arguments << QStringLiteral("--no-settings");
        program.start(test::binaryPath(QStringLiteral("prodcons-server")), arguments);
        QVERIFY(program.waitForStarted());
        // The window listens once it is up.
        quint16 port = 0;
        QTRY_VERIFY_WITH_TIMEOUT((port = test::listeningPortOf(pid_t(program.processId()))) != 0,
                                 15000);
        QtLineClient producer;
        QVERIFY(producer.connectTo(port));
        QCOMPARE(producer.readLine(), QByteArray("Task?"));
        producer.send("producer\n");
        QVERIFY(put(producer, {"Sierra"}));

        program.terminate(); // SIGTERM
        QVERIFY(program.waitForFinished(15000));
        QCOMPARE(program.exitStatus(), QProcess::NormalExit);
        QCOMPARE(program.exitCode(), 0);
        QVERIFY(producer.waitForClose());
        const QByteArray err = program.readAllStandardError();
        QVERIFY2(err.contains("1 queued name was discarded"), err.constData());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        // Closing saves the settings and geometry, unless told not to touch them.
        QCOMPARE(QFile::exists(config.path() + QStringLiteral("/prodcons/prodcons-server.conf")),
                 !noSettings);
    }
};

QTEST_MAIN(tst_ServerWindow)
#include "tst_server_window.moc"
