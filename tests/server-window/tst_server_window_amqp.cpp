// The server window in the AMQP mode (issue 15): the settings panel offers it and builds a
// config with the broker; the broker view of a running window shows what the broker knows of
// the queue, asked off the GUI thread; Cleanup deletes the queue after the usual question; an
// unreachable broker is one clear error, never a hang. The broker tests run against the real
// private broker of the CTest fixture (PRODCONS_TEST_BROKER), each on a prefix of its own.
#include "amqp/broker_settings.h"
#include "amqp/queue.h"
#include "broker_management.h"
#include "broker_queue_panel.h"
#include "broker_queue_watch.h"
#include "child_process.h"
#include "cleanup_flow.h"
#include "event_log_model.h"
#include "forking_server.h"
#include "message_banner.h"
#include "server_fixture.h"
#include "server_window.h"
#include "settings_panel.h"
#include "test_support.h"
#include "window_lookup.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <memory>
#include <unistd.h>

using namespace prodcons;
using namespace prodcons::server;
using namespace std::chrono_literals;
using test::find;
using test::logContains;
using test::text;

namespace {

constexpr const char* kTestBrokerVariable = "PRODCONS_TEST_BROKER";
/// Nothing listens on port 1: the connection is refused at once.
const QString kUnreachableBroker = QStringLiteral("amqp://127.0.0.1:1/");

QMessageBox* question(const QObject& window)
{
    auto* box = window.findChild<QMessageBox*>(QStringLiteral("cleanupConfirmation"));
    return box && box->isVisible() ? box : nullptr;
}

} // namespace

class tst_ServerWindowAmqp : public QObject
{
    Q_OBJECT

private:
    int m_number = 0;
    QString m_prefix;
    amqp::BrokerSettings m_broker;
    QString m_brokerUrl;
    std::vector<std::unique_ptr<ServerWindow>> m_windows;

    std::string queue() const { return amqp::queue_name(m_prefix.toStdString()); }

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

    bool needBroker()
    {
        if (m_brokerUrl.isEmpty()) {
            QTest::qSkip("no test broker: run through ctest, which starts one", __FILE__, __LINE__);
            return false;
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("prodcons-tests"));
        QSettings().clear();
        qunsetenv(amqp::kBrokerUrlVariable);
        m_brokerUrl = qEnvironmentVariable(kTestBrokerVariable);
        if (!m_brokerUrl.isEmpty()) {
            const amqp::ParsedUrl parsed = amqp::parse_broker_url(m_brokerUrl.toStdString());
            QVERIFY2(parsed.error.empty(), parsed.error.c_str());
            m_broker = parsed.settings;
        }
    }

    void init() { m_prefix = QStringLiteral("/pct_win_%1_%2").arg(::getpid()).arg(++m_number); }

    void cleanup()
    {
        for (auto& window : m_windows) {
            window->closeWithoutAsking();
            QTRY_VERIFY_WITH_TIMEOUT(!window->isVisible(), 15000);
        }
        m_windows.clear();
        QVERIFY(!test::zombie_child_exists());
        if (!m_brokerUrl.isEmpty())
            (void)amqp::delete_queue(m_broker, queue()); // what a failed test may have left
        QSettings().clear();
    }

    void thePanelOffersTheAmqpModeAndBuildsItsConfig()
    {
        SettingsPanel panel;
        panel.setSettings(ServerWindowSettings{}); // as the window does: the defaults
        panel.show();
        auto* mode = find<QComboBox>(panel, "modeCombo");
        const int amqp = mode->findData(QStringLiteral("amqp"));
        QVERIFY(amqp >= 0);
        QCOMPARE(mode->itemText(amqp), QStringLiteral("AMQP: RabbitMQ"));
        auto* url = find<QLineEdit>(panel, "brokerUrlEdit");
        auto* credentials = find<QLineEdit>(panel, "brokerCredentialsEdit");
        QVERIFY(!url->isVisible()); // only in the AMQP mode
        QVERIFY(!panel.settings().toConfig(nullptr)->broker);

        mode->setCurrentIndex(amqp);
        QVERIFY(url->isVisible());
        QVERIFY(credentials->isVisible());
        QCOMPARE(url->placeholderText(), QStringLiteral("amqp://localhost:5672/"));
        QVERIFY2(url->toolTip().contains(QLatin1String("credentials file")),
                 qPrintable(url->toolTip()));
        QTest::keyClicks(url, QStringLiteral("amqp://10.1.2.3:5700/"));
        QTest::keyClicks(credentials, QStringLiteral("/home/me/.broker"));
        const ServerWindowSettings s = panel.settings();
        QVERIFY(s.amqp);
        QString error;
        const auto config = s.toConfig(&error);
        QVERIFY2(config, qPrintable(error));
        QVERIFY(config->broker.has_value());
        QCOMPARE(config->broker->url, QStringLiteral("amqp://10.1.2.3:5700/"));
        QCOMPARE(config->broker->credentialsFile, QStringLiteral("/home/me/.broker"));

        // What setSettings() is given comes back; the broker fields lock with the others.
        SettingsPanel other;
        other.setSettings(s);
        QCOMPARE(other.settings(), s);
        panel.setLocked(true);
        QVERIFY(!url->isEnabled());
        QVERIFY(!credentials->isEnabled());
    }

    void thePlaceholderNeverShowsAPassword()
    {
        qputenv(amqp::kBrokerUrlVariable, "amqp://me:secret@broker.lab:5800/");
        auto restore = qScopeGuard([] { qunsetenv(amqp::kBrokerUrlVariable); });
        SettingsPanel panel;
        const QString shown = find<QLineEdit>(panel, "brokerUrlEdit")->placeholderText();
        QCOMPARE(shown, QStringLiteral("amqp://broker.lab:5800/"));
    }

    void theWatchSaysWhyTheBrokerCannotBeAsked()
    {
        ServerConfig config;
        config.ipc.prefix = m_prefix.toStdString();
        config.broker = BrokerChoice{.url = kUnreachableBroker, .credentialsFile = {}};
        BrokerQueueWatch watch;
        QSignalSpy updated(&watch, &BrokerQueueWatch::updated);
        watch.watch(config);
        QVERIFY(updated.wait(10000));
        const BrokerQueueState state = watch.state();
        QVERIFY(state.answer == BrokerQueueState::Answer::Unanswered);
        QVERIFY2(state.error.contains(QLatin1String("ECONNREFUSED")), qPrintable(state.error));
        QCOMPARE(state.queue, QString::fromStdString(queue()));

        // The panel shows it in the view.
        BrokerQueuePanel panel;
        panel.show();
        panel.showState(state);
        auto* problem = find<QLabel>(panel, "brokerProblem");
        QVERIFY(problem->isVisible());
        QVERIFY2(problem->text().contains(QLatin1String("ECONNREFUSED")),
                 qPrintable(problem->text()));
        watch.stop();
    }

    void aManagementApiThatCannotBeAskedIsSaidAndTheRestStillShown()
    {
        if (!needBroker())
            return;
        // Nothing listens on port 1: refused at once. The AMQP figures do not depend on it.
        qputenv(kBrokerManagementVariable, "http://127.0.0.1:1/");
        auto restore = qScopeGuard([] { qunsetenv(kBrokerManagementVariable); });
        ServerConfig config;
        config.ipc.prefix = m_prefix.toStdString();
        config.broker = BrokerChoice{.url = m_brokerUrl, .credentialsFile = {}};
        BrokerQueueState state = brokerQueueState(config);
        QVERIFY2(state.answer != BrokerQueueState::Answer::Unanswered, qPrintable(state.error));
        QVERIFY(state.management.answer == BrokerManagementFacts::Answer::Unanswered);
        QVERIFY2(state.management.error.contains(QLatin1String("GET http://127.0.0.1:1/api/")) &&
                     state.management.error.contains(QLatin1String("refused")),
                 qPrintable(state.management.error));

        BrokerQueuePanel panel;
        panel.show();
        panel.showState(state);
        QVERIFY(find<QLabel>(panel, "brokerManagementProblem")->isVisible());
        QVERIFY(text(panel, "brokerManagementProblem").contains(state.management.error));
        QCOMPARE(text(panel, "brokerUnacknowledgedValue"), QStringLiteral("-"));
        QCOMPARE(text(panel, "brokerNodes"), QStringLiteral("-"));

        // A variable that is no web address is refused, with the reason, before any request.
        qputenv(kBrokerManagementVariable, "ftp://broker.lab/");
        state = brokerQueueState(config);
        QVERIFY2(state.management.error.contains(QLatin1String(kBrokerManagementVariable)),
                 qPrintable(state.management.error));
        QVERIFY(!state.management.api.isValid());
    }

    void anUnreachableBrokerIsAClearErrorAndNothingHangs()
    {
        ServerWindow& w = openWindow(kUnreachableBroker);
        QCOMPARE(text(w, "modeStatus"), QStringLiteral("AMQP mode"));
        QElapsedTimer took;
        took.start();
        QTest::mouseClick(find<QPushButton>(w, "startButton"), Qt::LeftButton);
        // The broker is asked off the GUI thread: the answer comes through the event loop.
        auto* banner = find<MessageBanner>(w, "messageBanner");
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(!w.server().isRunning());
        QVERIFY(!w.server().isStarting());
        QVERIFY2(took.elapsed() < 5000, "a refused connection is known at once");
        QVERIFY2(banner->text().contains(QLatin1String("ECONNREFUSED")),
                 qPrintable(banner->text()));
        QVERIFY(find<QPushButton>(w, "startButton")->isEnabled());

        // Cleanup cannot look at the queue: it says so and asks, off the GUI thread; removing
        // then fails with the reason, in the log.
        auto* flow = find<common::CleanupFlow>(w, "cleanupFlow");
        QSignalSpy finished(flow, &common::CleanupFlow::finished);
        QTest::mouseClick(find<QPushButton>(w, "cleanupButton"), Qt::LeftButton);
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = question(w)));
        QVERIFY2(box->informativeText().contains(QLatin1String("ECONNREFUSED")),
                 qPrintable(box->informativeText()));
        QTest::mouseClick(find<QPushButton>(*box, "removeAnyway"), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QVERIFY(finished.at(0).at(0).value<common::CleanupFlow::Outcome>() !=
                common::CleanupFlow::Outcome::Removed);
        QVERIFY2(finished.at(0).at(1).toString().contains(QLatin1String("ECONNREFUSED")),
                 qPrintable(finished.at(0).at(1).toString()));
        QVERIFY(logContains(w, QStringLiteral("could not be deleted")));
    }

    void theBrokerViewShowsTheQueueAndCleanupDeletesIt()
    {
        if (!needBroker())
            return;
        ServerWindow& w = openWindow(m_brokerUrl);
        QSignalSpy started(&w.server(), &ForkingServer::started);
        QTest::mouseClick(find<QPushButton>(w, "startButton"), Qt::LeftButton);
        // Connecting, until the broker has answered off the GUI thread.
        QTRY_VERIFY2(w.server().isRunning(), qPrintable(w.server().lastError()));
        QCOMPARE(started.count(), 1);
        QCOMPARE(text(w, "stateStatus"), QStringLiteral("Listening"));
        QVERIFY(w.server().config().broker.has_value());

        // No ring: the broker's figures, and no teaching.
        QCOMPARE(find<QStackedWidget>(w, "bufferPages")->currentWidget(),
                 find<QWidget>(w, "brokerQueuePanel"));
        const QString queueName = QString::fromStdString(queue());
        const QString address = QString::fromStdString(m_broker.address());
        // The queue and the broker at once; the figures when the broker has answered.
        QCOMPARE(text(w, "brokerQueueName"), queueName);
        QCOMPARE(text(w, "brokerAddress"), address);
        QTRY_COMPARE(text(w, "brokerReadyValue"), QStringLiteral("0"));
        QCOMPARE(text(w, "brokerConsumersValue"), QStringLiteral("0"));
        QVERIFY(!find<QLabel>(w, "brokerProblem")->isVisible());
        QCOMPARE(text(w, "modeStatus"), QStringLiteral("AMQP mode"));
        QTRY_COMPARE(text(w, "fillStatus"), QStringLiteral("queue: 0 ready"));
        auto* sideTabs = find<QTabWidget>(w, "sideTabs");
        const int teaching = sideTabs->indexOf(find<QWidget>(w, "teachingPanel"));
        QVERIFY(teaching >= 0);
        QVERIFY(!sideTabs->isTabEnabled(teaching));
        QVERIFY(sideTabs->tabToolTip(teaching).contains(QLatin1String("no teaching view")));

        // A name put through a producer of this server: the broker counts it.
        {
            auto producer = test::connectAs(w.server().serverPort(), "producer");
            QVERIFY(producer && test::put(*producer, {"Mike"}));
        }
        QTRY_COMPARE(text(w, "brokerReadyValue"), QStringLiteral("1"));

        // What the management API adds: the node that leads the queue and the cluster's
        // nodes (one here), and names delivered but not acknowledged: a consumer that takes
        // names and never answers OK holds them. The API's statistics lag a few seconds.
        {
            auto producer = test::connectAs(w.server().serverPort(), "producer");
            QVERIFY(producer && test::put(*producer, {"Nina", "Olga"}));
        }
        auto consumer = test::connectAs(w.server().serverPort(), "consumer");
        QVERIFY(consumer);
        QCOMPARE(consumer->readLine(), QByteArray("Mike"));
        const QString node =
            QStringLiteral("prodcons-%1-1@localhost").arg(m_broker.nodes.front().port);
        QTRY_COMPARE_WITH_TIMEOUT(text(w, "brokerUnacknowledgedValue"), QStringLiteral("3"), 30000);
        QCOMPARE(text(w, "brokerReadyValue"), QStringLiteral("0"));
        QCOMPARE(text(w, "brokerConsumersValue"), QStringLiteral("1"));
        QVERIFY2(text(w, "brokerLeader").startsWith(node), qPrintable(text(w, "brokerLeader")));
        QCOMPARE(text(w, "brokerNodes"), node + QStringLiteral(": running"));
        QVERIFY(!find<QLabel>(w, "brokerManagementProblem")->isVisible());
        consumer.reset(); // its names go back to the queue
        QTRY_COMPARE(text(w, "brokerReadyValue"), QStringLiteral("3"));

        // Cleanup asks (a name would be discarded), then deletes the queue off the GUI thread.
        auto* flow = find<common::CleanupFlow>(w, "cleanupFlow");
        QSignalSpy finished(flow, &common::CleanupFlow::finished);
        QTest::mouseClick(find<QPushButton>(w, "cleanupButton"), Qt::LeftButton);
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = question(w)));
        QVERIFY2(box->informativeText().contains(QLatin1String("3 queued name(s)")),
                 qPrintable(box->informativeText()));
        QVERIFY2(box->text().contains(queueName), qPrintable(box->text()));
        QTest::mouseClick(find<QPushButton>(*box, "removeAnyway"), Qt::LeftButton);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.at(0).at(0).value<common::CleanupFlow::Outcome>(),
                 common::CleanupFlow::Outcome::Removed);
        const QString removed = QStringLiteral("removed queue %1 from %2, with the 3 name(s) in it")
                                    .arg(queueName, address);
        QVERIFY2(logContains(w, removed), qPrintable(finished.at(0).at(1).toString()));

        const auto gone = amqp::query_queue(m_broker, queue());
        QVERIFY(!gone);
        QCOMPARE(gone.error().err, 404);
        // The view follows: the broker says there is no queue.
        QTRY_VERIFY(find<QLabel>(w, "brokerProblem")->isVisible());
        QVERIFY(text(w, "brokerProblem").contains(QLatin1String("No queue")));

        // Stop: the watch stops, and the view says the broker is no longer asked.
        QSignalSpy stopped(&w.server(), &ForkingServer::stopped);
        QTest::mouseClick(find<QPushButton>(w, "stopButton"), Qt::LeftButton);
        QTRY_COMPARE(stopped.count(), 1);
        QVERIFY(!find<BrokerQueueWatch>(w, "brokerQueueWatch")->isWatching());
        QVERIFY(text(w, "brokerProblem").contains(QLatin1String("Not asked")));
    }
};

QTEST_MAIN(tst_ServerWindowAmqp)
#include "tst_server_window_amqp.moc"
