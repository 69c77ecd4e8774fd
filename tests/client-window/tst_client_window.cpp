// The client window against real servers: in-process ForkingServers (two sharing one buffer),
// driven through the window's own widgets. Offscreen; every test has its own IPC prefix and
// leaves no object, child or zombie behind; settings go to a file of the test's own.
#include "child_process.h"
#include "client_controller.h"
#include "client_window.h"
#include "event_wait.h"
#include "figures_panel.h"
#include "forking_server.h"
#include "ipc/attachment.h"
#include "ipc_test_helpers.h"
#include "ipc_test_prefix.h"
#include "keyboard_reach.h"
#include "rate_scale.h"
#include "server_fixture.h"
#include "test_support.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace prodcons;
using namespace prodcons::client;

namespace {

constexpr int kDeadlineMs = 30'000; // only a hang waits this long

template <typename T> T* child(QWidget& window, const char* name)
{
    T* widget = window.findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("no widget %s", name);
    return widget;
}

/// true if `widget`, painted now, shows no text at all (only background).
bool paintsNothing(QWidget* widget)
{
    const QImage image = widget->grab().toImage();
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qGray(image.pixel(x, y)) < 100)
                return false;
    return true;
}

QString badge(ClientWindow& window)
{
    return child<QLabel>(window, "stateBadge")->text();
}

QString counter(ClientWindow& window, const char* key)
{
    return child<QLabel>(window, (QByteArray(key) + "Value").constData())->text();
}

} // namespace

class tst_ClientWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::IpcTestPrefix> m_prefix;
    std::unique_ptr<test::ServerFixture> m_servers;
    std::vector<std::unique_ptr<ClientWindow>> m_windows;
    QTemporaryDir m_dir;

    ClientWindow& openWindow(quint16 port, Role role, Rate rate = Rate::perMinute(600),
                             bool tag = true, QSettings* settings = nullptr)
    {
        ClientWindowSettings options;
        options.host = QStringLiteral("127.0.0.1");
        options.port = port;
        options.role = role;
        options.rate = rate;
        options.tag = tag;
        options.prefix = QString::fromStdString(m_prefix->prefix());
        m_windows.push_back(std::make_unique<ClientWindow>(options, settings));
        ClientWindow& window = *m_windows.back();
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            qFatal("window not exposed");
        return window;
    }

    static void clickConnect(ClientWindow& window)
    {
        QTest::mouseClick(child<QPushButton>(window, "connectButton"), Qt::LeftButton);
    }

    /// Waits until the producer has sent `names` names after `sentBefore` (at most
    /// kDeadlineMs), then says how many it sent after `sentBefore` and how long `clock` has
    /// run; -1 names if it never got there.
    static std::pair<qint64, double> sendAtLeast(ClientWindow& producer, qint64 sentBefore,
                                                 qint64 names, const QElapsedTimer& clock)
    {
        NameSession& session = producer.controller().session();
        const bool got =
            test::waitUntil([&] { return session.figures().sent >= sentBefore + names; },
                            std::chrono::milliseconds(kDeadlineMs));
        const qint64 sent = session.figures().sent - sentBefore; // read before the clock
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        return {got ? sent : -1, seconds};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true); // belt and braces: never the user's settings
    }

    void init()
    {
        m_prefix = std::make_unique<test::IpcTestPrefix>();
        m_servers = std::make_unique<test::ServerFixture>(*m_prefix);
    }

    void cleanup()
    {
        m_windows.clear();
        m_servers.reset(); // stops them: children ended and reaped
        QVERIFY(!test::zombie_child_exists());
        QCOMPARE(m_prefix->leftovers(), QStringList());
        m_prefix.reset();
    }

    void producerAndConsumerWindows_data()
    {
        QTest::addColumn<bool>("mq");
        QTest::newRow("SHM") << false;
        QTest::newRow("MQ") << true;
    }

    // Two servers sharing one buffer; a producer window on one, a consumer window on the
    // other: the names flow and both windows show it.
    void producerAndConsumerWindows()
    {
        QFETCH(bool, mq);
        const ipc::Mode mode = mq ? ipc::Mode::Mq : ipc::Mode::Shm;
        server::ForkingServer& in = m_servers->start(mode);
        server::ForkingServer& out = m_servers->start(mode);
        ClientWindow& producer = openWindow(in.serverPort(), Role::Producer, Rate::perMinute(6000));
        ClientWindow& consumer = openWindow(out.serverPort(), Role::Consumer);
        QCOMPARE(badge(producer), QStringLiteral("Disconnected"));

        clickConnect(consumer);
        clickConnect(producer);
        QTRY_COMPARE_WITH_TIMEOUT(badge(producer), QStringLiteral("Connected as producer"),
                                  kDeadlineMs);
        QTRY_COMPARE_WITH_TIMEOUT(badge(consumer), QStringLiteral("Connected as consumer"),
                                  kDeadlineMs);
        // Settings are locked while connected; the button now disconnects.
        QVERIFY(!child<QLineEdit>(producer, "hostEdit")->isEnabled());
        QVERIFY(!child<QRadioButton>(consumer, "producerRadio")->isEnabled());
        QCOMPARE(child<QPushButton>(producer, "connectButton")->text(),
                 QStringLiteral("&Disconnect"));
        // The consumer has no rate of its own.
        QVERIFY(child<QSlider>(producer, "rateSlider")->isVisible());
        QVERIFY(!child<QSlider>(consumer, "rateSlider")->isVisible());

        QTRY_VERIFY_WITH_TIMEOUT(consumer.controller().figures().received >= 30, kDeadlineMs);
        // The counters show the session's figures (as of the last refresh).
        QTRY_COMPARE(counter(consumer, "received"),
                     QLocale().toString(consumer.controller().figures().received));
        QCOMPARE(counter(consumer, "gaps"), QStringLiteral("0"));
        QCOMPARE(counter(consumer, "duplicates"), QStringLiteral("0"));
        QCOMPARE(counter(consumer, "sent"), QStringLiteral("–")); // not a producer's window
        QTRY_COMPARE(counter(producer, "acknowledged"),
                     QLocale().toString(producer.controller().figures().acknowledged));
        QCOMPARE(counter(producer, "errors"), QStringLiteral("0"));
        QCOMPARE(counter(producer, "received"), QStringLiteral("–"));

        // The lists show the names: stored on the producer's side, received on the other.
        QAbstractItemModel* sent = child<QListView>(producer, "namesList")->model();
        QAbstractItemModel* got = child<QListView>(consumer, "namesList")->model();
        QVERIFY(sent->rowCount() > 0 && got->rowCount() > 0);
        QTRY_COMPARE(sent->index(sent->rowCount() - 1, 0).data(NameLogModel::StatusRole).toInt(),
                     int(NameLogModel::Status::Acknowledged));
        QCOMPARE(got->index(0, 0).data(NameLogModel::StatusRole).toInt(),
                 int(NameLogModel::Status::Received));
        const QString source = QString::fromLatin1(producer.controller().session().tagSource());
        QVERIFY(got->index(0, 0).data(NameLogModel::NameRole).toString().contains(source));

        // Each change of the list is painted with its rows at once: never an empty frame.
        QListView* list = child<QListView>(consumer, "namesList");
        int frames = 0;
        int blank = 0;
        const auto connection = connect(got, &QAbstractItemModel::rowsInserted, this, [&] {
            ++frames;
            if (paintsNothing(list->viewport()))
                ++blank;
        });
        QTRY_VERIFY_WITH_TIMEOUT(frames >= 5, kDeadlineMs);
        disconnect(connection);
        QCOMPARE(blank, 0);

        clickConnect(producer);
        clickConnect(consumer);
        QTRY_COMPARE(badge(producer), QStringLiteral("Disconnected"));
        QTRY_COMPARE(badge(consumer), QStringLiteral("Disconnected"));
        QVERIFY(child<QLineEdit>(producer, "hostEdit")->isEnabled());
        QCOMPARE(consumer.controller().figures().gaps, 0);
        QCOMPARE(consumer.controller().figures().duplicates, 0);
    }

    // Moving the slider while connected changes the rate the names are acknowledged at.
    void theSliderChangesTheAchievedRate()
    {
        server::ForkingServer& in = m_servers->start();
        server::ForkingServer& out = m_servers->start();
        ClientWindow& producer = openWindow(in.serverPort(), Role::Producer, Rate::perMinute(60));
        ClientWindow& consumer = openWindow(out.serverPort(), Role::Consumer);
        clickConnect(consumer);
        clickConnect(producer);
        QTRY_COMPARE_WITH_TIMEOUT(badge(producer), QStringLiteral("Connected as producer"),
                                  kDeadlineMs);
        // What the window does, without the application's name: Qt appends that.
        QCOMPARE(producer.windowTitle(),
                 QStringLiteral("producer → 127.0.0.1:%1").arg(in.serverPort()));
        NameSession& session = producer.controller().session();
        QSlider* slider = child<QSlider>(producer, "rateSlider");
        QSpinBox* spin = child<QSpinBox>(producer, "rateSpin");

        // Bounds a loaded machine cannot break: it can only make the producer slower. Fewer
        // names than the schedule allows come out then, never more; and the lower bounds are
        // counts reached within a deadline ten times longer than the schedule needs. The
        // pacing itself is tested exactly, with a manual clock, in tst_client_pacer.
        // (The pacer sends the first name at once after a change, then one per interval.)
        const auto mostAllowed = [](double perSecond, double seconds) {
            return 2 + qint64(perSecond * seconds); // that first name, plus one for rounding
        };

        // 60/min to 6,000/min: 100 names a second.
        slider->setFocus();
        QElapsedTimer clock;
        clock.start(); // before the change: the time measured is never too short
        qint64 before = session.figures().sent;
        slider->setValue(RateScale::positionFor(6000));
        QCOMPARE(spin->value(), 6000);
        QCOMPARE(session.rate(), Rate::perMinute(6000));
        // 200 names: at the 60/min of before, the deadline (30 s) would allow 31 at most.
        auto [fast, fastSeconds] = sendAtLeast(producer, before, 200, clock);
        QVERIFY2(fast >= 200, "not 200 names within the deadline: the rate did not go up");
        QVERIFY2(fast <= mostAllowed(100, fastSeconds), // never faster than set
                 qPrintable(QStringLiteral("%1 names in %2 s").arg(fast).arg(fastSeconds)));

        // Down to 600/min with the keyboard (one decade: PageDown): 10 names a second.
        clock.restart();
        before = session.figures().sent;
        QTest::keyClick(slider, Qt::Key_PageDown);
        QCOMPARE(spin->value(), 600);
        QCOMPARE(session.rate(), Rate::perMinute(600));
        auto [slow, slowSeconds] = sendAtLeast(producer, before, 20, clock);
        QVERIFY2(slow >= 20, "not 20 names within the deadline");
        // At the 6,000/min of before, 20 names would have taken a fifth of a second.
        QVERIFY2(slow <= mostAllowed(10, slowSeconds),
                 qPrintable(QStringLiteral("%1 names in %2 s").arg(slow).arg(slowSeconds)));

        // The plot's set line follows.
        QTRY_VERIFY(child<QWidget>(producer, "ratePlot")
                        ->accessibleDescription()
                        .contains(QStringLiteral("set 600/min")));
    }

    // Names at full speed: the lists keep their cap and the newest names.
    void theListStaysCappedAfter100000Names()
    {
        server::ForkingServer& in = m_servers->start();
        server::ForkingServer& out = m_servers->start();
        ClientWindow& producer = openWindow(in.serverPort(), Role::Producer, Rate::unthrottled());
        ClientWindow& consumer = openWindow(out.serverPort(), Role::Consumer);
        NameLogModel* sent = producer.controller().model();
        NameLogModel* got = consumer.controller().model();
        int maxRows = 0;
        for (NameLogModel* model : {sent, got}) {
            connect(model, &QAbstractItemModel::rowsInserted, this,
                    [&maxRows, model] { maxRows = std::max(maxRows, model->rowCount()); });
            connect(model, &QAbstractItemModel::modelReset, this,
                    [&maxRows, model] { maxRows = std::max(maxRows, model->rowCount()); });
        }
        clickConnect(consumer);
        clickConnect(producer);
        QVERIFY(test::waitUntil(
            [&] { return consumer.controller().session().figures().received >= 100'000; },
            std::chrono::seconds(120)));
        clickConnect(producer);
        clickConnect(consumer);
        QTRY_COMPARE(badge(consumer), QStringLiteral("Disconnected"));

        QCOMPARE(sent->rowCount(), int(sent->capacity()));
        QCOMPARE(got->rowCount(), int(got->capacity()));
        QVERIFY(maxRows <= int(NameLogModel::kDefaultCapacity));
        // The newest name logged is the top row.
        const QList<LoggedName> last = consumer.controller().session().log().since(
            consumer.controller().session().log().lastSerial() - 1);
        QCOMPARE(last.size(), 1);
        QCOMPARE(got->data(got->index(0), NameLogModel::NameRole).toString(),
                 QString::fromUtf8(last[0].name));
        QCOMPARE(consumer.controller().figures().duplicates, 0);
    }

    void serverLossShowsTheState_data()
    {
        QTest::addColumn<bool>("consumer");
        QTest::newRow("producer") << false;
        QTest::newRow("consumer") << true;
    }

    void serverLossShowsTheState()
    {
        QFETCH(bool, consumer);
        server::ForkingServer& server = m_servers->start();
        ClientWindow& window =
            openWindow(server.serverPort(), consumer ? Role::Consumer : Role::Producer);
        clickConnect(window);
        QTRY_VERIFY_WITH_TIMEOUT(badge(window).startsWith(QStringLiteral("Connected as")),
                                 kDeadlineMs);
        server.stopNow();
        QTRY_COMPARE_WITH_TIMEOUT(badge(window), QStringLiteral("Server gone"), kDeadlineMs);
        QVERIFY(!child<QLabel>(window, "stateDetail")->text().isEmpty());
        // Reconnecting is the user's choice: the settings are unlocked again.
        QCOMPARE(child<QPushButton>(window, "connectButton")->text(), QStringLiteral("&Connect"));
        QVERIFY(child<QLineEdit>(window, "hostEdit")->isEnabled());
    }

    void nobodyListeningIsRefused()
    {
        // Bound by the test and never listened on: refused, and nobody else can take it meanwhile.
        const test::RefusingPort refusing;
        const quint16 port = refusing.port();
        ClientWindow& window = openWindow(port, Role::Producer);
        clickConnect(window);
        QTRY_COMPARE_WITH_TIMEOUT(badge(window), QStringLiteral("Refused"), kDeadlineMs);
        const QString detail = child<QLabel>(window, "stateDetail")->text();
        QVERIFY2(detail.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(detail));
    }

    // A server that answers with ERROR: the window shows the server's words.
    void errorFromTheServerIsShown()
    {
        QTcpServer busy;
        QVERIFY(busy.listen(QHostAddress::LocalHost, 0));
        connect(&busy, &QTcpServer::newConnection, this, [&busy] {
            QTcpSocket* socket = busy.nextPendingConnection();
            socket->write("ERROR: server busy\n");
            socket->flush();
        });
        ClientWindow& window = openWindow(busy.serverPort(), Role::Consumer);
        clickConnect(window);
        QTRY_COMPARE_WITH_TIMEOUT(badge(window), QStringLiteral("ERROR from the server"),
                                  kDeadlineMs);
        QCOMPARE(child<QLabel>(window, "stateDetail")->text(),
                 QStringLiteral("ERROR: server busy"));
    }

    // No consumer: the buffer fills and the producer is held back; a consumer frees it.
    void aFullBufferShowsTheProducerHeldBack()
    {
        server::ForkingServer& server = m_servers->start();
        ClientWindow& producer =
            openWindow(server.serverPort(), Role::Producer, Rate::unthrottled());
        clickConnect(producer);
        QTRY_COMPARE_WITH_TIMEOUT(badge(producer), QStringLiteral("Held back: buffer full"),
                                  kDeadlineMs);
        QTRY_VERIFY(counter(producer, "pending") != QStringLiteral("0"));

        ClientWindow& consumer = openWindow(server.serverPort(), Role::Consumer);
        clickConnect(consumer);
        QTRY_COMPARE_WITH_TIMEOUT(badge(producer), QStringLiteral("Connected as producer"),
                                  kDeadlineMs);
    }

    // Objects left by a process that died: removed without a question, and reported.
    void cleanupRemovesStaleObjects()
    {
        QVERIFY(test::leave_stale_objects(m_prefix->config())); // as if a server crashed
        QVERIFY(!m_prefix->leftovers().isEmpty());

        ClientWindow& window = openWindow(1, Role::Producer);
        QTest::mouseClick(child<QPushButton>(window, "cleanupButton"), Qt::LeftButton);
        QLabel* result = child<QLabel>(window, "cleanupResult");
        QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("cleanup: removed")),
                                 kDeadlineMs);
        QVERIFY(!window.findChild<QMessageBox*>()); // nobody was asked
        QVERIFY(result->text().contains(QString::fromStdString(m_prefix->prefix()) + "_shm"));
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    // A live server uses the objects: the window asks; "Cancel" keeps them, "Remove anyway"
    // removes them and the report says a live server was attached.
    void cleanupAsksWhenAServerIsLive()
    {
        server::ForkingServer& server = m_servers->start();
        ClientWindow& window = openWindow(server.serverPort(), Role::Producer);
        QPushButton* cleanup = child<QPushButton>(window, "cleanupButton");
        QLabel* result = child<QLabel>(window, "cleanupResult");

        QTest::mouseClick(cleanup, Qt::LeftButton);
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = window.findChild<QMessageBox*>("cleanupConfirmation")));
        QVERIFY(box->informativeText().contains(QStringLiteral("1 live server")));
        QVERIFY(box->informativeText().contains(QString::number(::getpid())));
        QVERIFY(!cleanup->isEnabled());
        QTest::mouseClick(box->findChild<QPushButton*>("keepObjects"), Qt::LeftButton);
        QTRY_VERIFY(result->text().contains(QStringLiteral("cancelled")));
        QVERIFY(!m_prefix->leftovers().isEmpty());
        QVERIFY(cleanup->isEnabled());

        QTest::mouseClick(cleanup, Qt::LeftButton);
        QTRY_VERIFY((box = window.findChild<QMessageBox*>("cleanupConfirmation")));
        QTest::mouseClick(box->findChild<QPushButton*>("removeAnyway"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(QStringLiteral("removed")), kDeadlineMs);
        QVERIFY(result->text().contains(QStringLiteral("1 live server was still attached")));
        QCOMPARE(m_prefix->leftovers(), QStringList());
    }

    // The window's server is elsewhere: the window says Cleanup acts on this machine only.
    void cleanupSaysThisMachineOnlyForARemoteServer()
    {
        ClientWindow& window = openWindow(12345, Role::Producer);
        QLabel* hint = child<QLabel>(window, "remoteHint");
        QVERIFY(hint->isHidden());
        child<QLineEdit>(window, "hostEdit")->setText(QStringLiteral("192.0.2.10")); // TEST-NET
        QVERIFY(!hint->isHidden());
        QVERIFY(hint->text().contains(QStringLiteral("this machine only")));
        QTest::mouseClick(child<QPushButton>(window, "cleanupButton"), Qt::LeftButton);
        QLabel* result = child<QLabel>(window, "cleanupResult");
        QTRY_VERIFY(result->text().contains(QStringLiteral("nothing to remove")));
        QVERIFY(result->text().contains(QStringLiteral("this machine only")));
        child<QLineEdit>(window, "hostEdit")->setText(QStringLiteral("localhost"));
        QVERIFY(hint->isHidden());
    }

    // With settings, closing saves what the window shows and its geometry; the next window
    // starts from them.
    // Everything a person can do in the window is reachable with Tab and has a shortcut and an
    // accessible name, disconnected and connected.
    void theWindowWorksFromTheKeyboard()
    {
        server::ForkingServer& server = m_servers->start();
        ClientWindow& window = openWindow(server.serverPort(), Role::Producer);
        QStringList problems = test::keyboardProblems(&window);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        window.connectToServer();
        QTRY_VERIFY_WITH_TIMEOUT(window.controller().isBusy(), kDeadlineMs);
        problems = test::keyboardProblems(&window);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void closingSavesTheSettings()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("client.ini")), QSettings::IniFormat);
        {
            ClientWindow& window =
                openWindow(23456, Role::Consumer, Rate::perMinute(4321), true, &settings);
            window.resize(610, 720);
            window.close();
            m_windows.clear();
        }
        QCOMPARE(settings.value("connection/port").toInt(), 23456);
        QCOMPARE(settings.value("connection/role").toString(), QStringLiteral("consumer"));
        QCOMPARE(settings.value("rate/perMinute").toString(), QStringLiteral("4321"));
        QVERIFY(!settings.value("window/geometry").toByteArray().isEmpty());

        ClientWindow& again = openWindow(1, Role::Producer, Rate::perMinute(1), false, &settings);
        QCOMPARE(again.size(), QSize(610, 720));
    }

    // The demo on a projector at 1366 x 768 gives each client window 602 x 384 (scripts/
    // demo.sh): the whole window fits, and its list shows at least four names.
    void aProjectorsQuarterScreenShowsFourNames()
    {
        ClientWindow& window = openWindow(1, Role::Producer);
        window.resize(602, 384);
        QTRY_COMPARE(window.size(), QSize(602, 384));
        const QSize needed = window.minimumSizeHint();
        QVERIFY2(needed.width() <= 602 && needed.height() <= 384,
                 qPrintable(QStringLiteral("%1 x %2").arg(needed.width()).arg(needed.height())));
        auto* names = child<QListView>(window, "namesList");
        QStyleOptionViewItem option;
        option.font = names->font();
        const int row = names->itemDelegate()->sizeHint(option, QModelIndex()).height();
        qInfo("the list shows %d rows of %d px", names->viewport()->height() / row, row);
        QVERIFY(names->viewport()->height() >= 4 * row);
    }
};

QTEST_MAIN(tst_ClientWindow)
#include "tst_client_window.moc"
