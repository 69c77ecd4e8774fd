// The server window's Start in the AMQP mode: the look at the broker before the server serves
// runs off the GUI thread, so a broker that never answers does not freeze the window for the
// connection's time limit. The "broker" here is a QTcpServer of the test that accepts and never
// says a word (what a port forwarded to a dead host, or a program of another protocol, does):
// the check waits for its whole time limit (5 s), and the window must go on meanwhile, say that
// it connects, and let Stop and closing give the start up cleanly. No real broker is needed.
#include "child_process.h"
#include "event_log_model.h"
#include "forking_server.h"
#include "message_banner.h"
#include "server_window.h"
#include "test_support.h"
#include "window_lookup.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <memory>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::server;
using namespace std::chrono_literals;
using test::find;
using test::logContains;
using test::text;

namespace {

/// The check's time limit (amqp::BrokerSettings::connect_timeout): a silent broker takes it all.
constexpr qint64 kCheckLimitMs = 5000;
/// Far more than any event of the window takes, far less than the check's time limit.
constexpr qint64 kLargestGapMs = 1000;

/// Whether something accepts a TCP connection on the loopback's `port` now.
bool accepts(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    return socket.waitForConnected(2000);
}

/// The largest time between two ticks of a 50 ms timer: how long the event loop was held.
class Ticker : public QObject
{
public:
    Ticker()
    {
        m_timer.setInterval(50);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_largestGap = std::max(m_largestGap, m_sinceLast.restart());
            ++m_ticks;
        });
        m_sinceLast.start();
        m_timer.start();
    }
    qint64 largestGap() const { return std::max(m_largestGap, m_sinceLast.elapsed()); }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    qint64 m_largestGap = 0;
    int m_ticks = 0;
};

} // namespace

class tst_ServerWindowStart : public QObject
{
    Q_OBJECT

private:
    int m_number = 0;
    QString m_prefix;
    /// Accepts connections and never answers: the connections wait in its queue, open.
    std::unique_ptr<QTcpServer> m_silent;
    std::vector<std::unique_ptr<ServerWindow>> m_windows;

    QString silentBroker() const
    {
        return QStringLiteral("amqp://127.0.0.1:%1/").arg(m_silent->serverPort());
    }

    ServerWindow& openWindow(const QString& brokerUrl)
    {
        ServerWindowSettings settings;
        settings.port = 0;
        settings.amqp = true;
        settings.brokerUrl = brokerUrl;
        settings.prefix = m_prefix;
        m_windows.push_back(std::make_unique<ServerWindow>(settings));
        m_windows.back()->show();
        return *m_windows.back();
    }

    /// The checks given up still run out their time limit on Qt's thread pool: waited for
    /// here, then their answers are delivered (and must be dropped).
    static void finishAbandonedChecks()
    {
        QVERIFY(QThreadPool::globalInstance()->waitForDone(3 * kCheckLimitMs));
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("prodcons-tests"));
        QSettings().clear();
    }

    void init()
    {
        m_prefix = QStringLiteral("/pct_wstart_%1_%2").arg(::getpid()).arg(++m_number);
        m_silent = std::make_unique<QTcpServer>();
        QVERIFY(m_silent->listen(QHostAddress::LocalHost, 0));
    }

    void cleanup()
    {
        for (auto& window : m_windows) {
            window->closeWithoutAsking();
            QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 15000);
        }
        m_windows.clear();
        finishAbandonedChecks();
        m_silent.reset();
        QVERIFY(!test::zombie_child_exists());
        QSettings().clear();
    }

    void theWindowGoesOnWhileASilentBrokerIsChecked()
    {
        ServerWindow& w = openWindow(silentBroker());
        auto* start = find<QPushButton>(w, "startButton");
        auto* banner = find<MessageBanner>(w, "messageBanner");
        QVERIFY(!banner->isVisible());

        Ticker ticker;
        QElapsedTimer took;
        took.start();
        QTest::mouseClick(start, Qt::LeftButton);
        const qint64 clickTook = took.elapsed();
        // While the broker is checked: the window says so, and Start is not offered twice.
        const QString connecting = text(w, "stateStatus");
        const QString brokerView = text(w, "brokerProblem");
        const bool startOffered = start->isEnabled();
        const bool stopOffered = find<QPushButton>(w, "stopButton")->isEnabled();
        w.startServer(); // F5 again, or a second click that got through: nothing more happens

        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 3 * kCheckLimitMs);
        const qint64 checkTook = took.elapsed();
        qInfo("the click returned after %lld ms; the check took %lld ms; the largest gap "
              "between two ticks of the event loop was %lld ms (%d ticks)",
              clickTook, checkTook, ticker.largestGap(), ticker.ticks());
        QVERIFY2(clickTook < kLargestGapMs, "the click does not wait for the broker");
        QVERIFY2(connecting.contains(QLatin1String("Connecting to ")) &&
                     connecting.contains(silentBroker()),
                 qPrintable(connecting));
        // The broker view says it too, not that the server is stopped.
        QVERIFY2(brokerView.startsWith(QLatin1String("Connecting to ") + silentBroker()),
                 qPrintable(brokerView));
        QVERIFY(!startOffered);
        QVERIFY(stopOffered);
        // The check really lasted: the gaps measured mean something.
        QVERIFY2(checkTook >= kCheckLimitMs - 500, qPrintable(QString::number(checkTook)));
        QVERIFY2(
            ticker.largestGap() < kLargestGapMs,
            qPrintable(
                QStringLiteral("the event loop stood still for %1 ms").arg(ticker.largestGap())));

        // The same clear error as ever: the broker and the reason; and nothing listens.
        QVERIFY2(banner->text().contains(QLatin1String("cannot use the broker")) &&
                     banner->text().contains(silentBroker()) &&
                     banner->text().contains(QLatin1String("did not answer in time")),
                 qPrintable(banner->text()));
        QVERIFY2(banner->text().startsWith(QLatin1String("The server could not start\n")),
                 qPrintable(banner->text()));
        QVERIFY(!w.server().isRunning());
        QVERIFY(!w.server().isListening());
        QVERIFY(start->isEnabled());
        QCOMPARE(text(w, "stateStatus"), QStringLiteral("Stopped"));
        QVERIFY2(text(w, "brokerProblem").startsWith(QLatin1String("Not asked")),
                 qPrintable(text(w, "brokerProblem")));
        // One attempt: the second Start during the check did nothing.
        int failures = 0;
        for (const QString& line : find<EventLogModel>(w, "logModel")->messages())
            failures += line.contains(QLatin1String("cannot use the broker")) ? 1 : 0;
        QCOMPARE(failures, 1);
    }

    void stopDuringTheCheckLeavesNothingListening()
    {
        ServerWindow& w = openWindow(silentBroker());
        QSignalSpy stopped(&w.server(), &ForkingServer::stopped);
        QTest::mouseClick(find<QPushButton>(w, "startButton"), Qt::LeftButton);
        QVERIFY(w.server().isStarting());
        const quint16 port = w.server().serverPort();
        QVERIFY(port != 0);
        QTest::mouseClick(find<QPushButton>(w, "stopButton"), Qt::LeftButton);
        QTRY_COMPARE(stopped.count(), 1);
        QVERIFY(!w.server().isStarting());
        QVERIFY(!w.server().isRunning());
        QVERIFY(!w.server().isListening());
        QVERIFY(!accepts(port));
        QCOMPARE(text(w, "stateStatus"), QStringLiteral("Stopped"));
        QVERIFY(find<QPushButton>(w, "startButton")->isEnabled());
        QVERIFY(logContains(w, QStringLiteral("start given up")));

        // The check's late answer changes nothing.
        finishAbandonedChecks();
        QVERIFY(!w.server().isRunning());
        QVERIFY(!w.server().isListening());
        QVERIFY(!find<MessageBanner>(w, "messageBanner")->isVisible());
        QVERIFY(!logContains(w, QStringLiteral("cannot use the broker")));
        QCOMPARE(stopped.count(), 1);
    }

    void closingDuringTheCheckLeavesNothingListening()
    {
        ServerWindow& w = openWindow(silentBroker());
        QTest::mouseClick(find<QPushButton>(w, "startButton"), Qt::LeftButton);
        QVERIFY(w.server().isStarting());
        const quint16 port = w.server().serverPort();
        w.close(); // as the title bar's button does: no question, nothing is queued
        QTRY_VERIFY(!w.isVisible());
        QVERIFY(!w.server().isListening());
        QVERIFY(!accepts(port));
        // The window goes while its check still runs; the answer comes to nobody.
        m_windows.clear();
        finishAbandonedChecks();
    }
};

QTEST_MAIN(tst_ServerWindowStart)
#include "tst_server_window_start.moc"
