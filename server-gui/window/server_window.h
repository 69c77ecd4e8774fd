// ServerWindow: the server's main window. It shows and commands a ForkingServer; all logic
// stays in the core and in the models:
//   - SettingsPanel: port, mode, address, IPC prefix (locked while running); Start, Stop, Cleanup
//   - BufferPanel over a BufferModel: the shared buffer, drawn live about ten times a second;
//     in the AMQP mode a BrokerQueuePanel instead: what the broker says of the queue, asked
//     about once a second off the GUI thread (BrokerQueueWatch)
//   - a table of the children over a ChildTableModel, and the log over an EventLogModel
//   - a TeachingPanel: slow motion, pause and step, and the children on the lines of the code
//   - a MessageBanner for errors a person can act on, and a status bar
// The parts are arranged for the window's size (arrangementFor()): in columns, in rows, or in
// tabs for small windows such as a quarter of a projector's screen. The teaching part shares
// the place of the children and the log (a tab beside them) and leaves the buffer in view,
// or is the fourth tab.
// Start never waits for the broker of the AMQP mode (ForkingServer::beginStart()): the window
// says that it connects, and Stop or closing give the start up.
// Closing the window stops the server cleanly; if that would discard queued names (this is the
// last server attached), it asks first.
#pragma once

#include "server_window_settings.h"

#include <QMainWindow>
#include <chrono>

class QAction;
class QGroupBox;
class QSettings;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTimer;

namespace prodcons::common {
class CleanupFlow;
}

namespace prodcons::server {

class BrokerQueuePanel;
class BrokerQueueWatch;
class BufferModel;
class BufferPanel;
class ChildTableModel;
class EventLogModel;
class ForkingServer;
class MessageBanner;
class SettingsPanel;
class TeachingPanel;
enum class Severity;
struct ServerEvent;

class ServerWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// Starts with `settings`; with a QSettings to remember in, it restores the last geometry
    /// and saves the settings (when a server starts, and at close) and the geometry (at close);
    /// without one it touches no settings at all.
    explicit ServerWindow(const ServerWindowSettings& settings = {},
                          QSettings* remembered = nullptr, QWidget* parent = nullptr);
    ~ServerWindow() override;

    /// The server this window shows (for callers that need its port, e.g. with port 0).
    const ForkingServer& server() const { return *m_server; }
    ServerWindowSettings settings() const;

    /// How the buffer, the children and the log share the window.
    enum class Arrangement
    {
        Columns, ///< the buffer on the left, the children over the log (or Teaching) on the right
        Rows,    ///< the buffer (figures beside the drawing) over the children and the log
        Tabs     ///< tabs Buffer / Children / Log / Teaching: a small window
    };
    /// The arrangement for a window of `size`: Columns for a tall window, Rows for a wide and
    /// short one, Tabs below either. The window follows it as it is resized.
    static Arrangement arrangementFor(QSize size);
    Arrangement arrangement() const { return m_arrangement; }

public slots:
    void startServer();
    /// Stops; asks first if that would discard queued names.
    void stopServer();
    void cleanupObjects();
    /// Server > Save trace...: the Teaching part's steps, to a file the user picks.
    void saveTrace();
    /// Closes without any question (SIGTERM, scripts): the server still stops cleanly, and
    /// discarded names are still reported in the log and on stderr.
    void closeWithoutAsking();

protected:
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    enum class AfterStop
    {
        Nothing,
        Close
    };

    void buildActions();
    void buildLayout();
    void buildStatusBar();
    void arrange(Arrangement arrangement);
    void setButtonsCompact(bool compact);
    /// Rows: while Teaching is shown under the buffer, the buffer keeps only the room it needs.
    void shareRowsWithTeaching();
    void restoreWindowState();
    void saveWindowState() const;

    void onServerEvent(const ServerEvent& event);
    void onServerStarted();
    /// The message strip says why the server could not start (at once, or after the broker).
    void showStartFailure(const QString& text);
    void onServerStopped();
    void onCleanupFinished(Severity severity, const QString& report);
    void refresh();
    void inspectObjects();
    /// The AMQP mode shown (the running server's, else the one chosen to start with).
    bool amqpShown() const;
    /// Shows the ring or the broker's queue, as the mode shown asks, and watches the queue
    /// while a server of this window runs in the AMQP mode.
    void followBuffer();
    /// The Teaching part is for the SHM and MQ modes only: the broker has no teaching view.
    void updateTeachingAvailability();
    void cleanupBrokerQueue(const ServerConfig& config);
    void updateControls();
    void updateStatus();
    void beginStop(AfterStop after);
    /// Queued names a stop would discard now (this is the last server attached), or 0.
    quint64 namesAStopWouldDiscard() const;
    void askBeforeDiscarding(quint64 names, AfterStop after);

    ForkingServer* m_server = nullptr;
    BufferModel* m_bufferModel = nullptr;
    ChildTableModel* m_childModel = nullptr;
    EventLogModel* m_logModel = nullptr;
    common::CleanupFlow* m_cleanup = nullptr;

    SettingsPanel* m_settingsPanel = nullptr;
    QPushButton* m_startButton = nullptr;
    QPushButton* m_stopButton = nullptr;
    QPushButton* m_cleanupButton = nullptr;
    MessageBanner* m_banner = nullptr;
    /// Shown while the prefix is in the race mode, by this server or another: every window of
    /// the prefix says that names are lost on purpose.
    QLabel* m_raceBanner = nullptr;
    BufferPanel* m_bufferPanel = nullptr;
    BrokerQueueWatch* m_brokerWatch = nullptr;
    BrokerQueuePanel* m_brokerPanel = nullptr;
    QStackedWidget* m_bufferPages = nullptr; ///< the ring (SHM, MQ) or the broker's queue (AMQP)
    QLabel* m_childrenHint = nullptr;
    QTableView* m_childView = nullptr;
    QTableView* m_logView = nullptr;
    QSplitter* m_mainSplitter = nullptr;
    QSplitter* m_rightSplitter = nullptr;
    /// Columns and rows: the children and the log, or the teaching part, beside the buffer.
    QTabWidget* m_sideTabs = nullptr;
    TeachingPanel* m_teaching = nullptr;
    QGroupBox* m_bufferGroup = nullptr;
    QGroupBox* m_childrenGroup = nullptr;
    QGroupBox* m_logGroup = nullptr;
    QStackedWidget* m_pages = nullptr; ///< the splitters, or the tabs
    QTabWidget* m_tabs = nullptr;
    Arrangement m_arrangement = Arrangement::Columns;
    bool m_minimumKnown = false;
    /// The splitters' state in columns, kept while the window shows another arrangement.
    QByteArray m_columnsMainState;
    QByteArray m_columnsRightState;

    QAction* m_startAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_cleanupAction = nullptr;
    QAction* m_clearLogAction = nullptr;
    QAction* m_raceAction = nullptr;      ///< this server asks for the race mode (teaching)
    QAction* m_saveTraceAction = nullptr; ///< the Teaching part's steps as a Chrome trace
    QAction* m_quitAction = nullptr;

    QLabel* m_stateStatus = nullptr;
    QLabel* m_modeStatus = nullptr;
    QLabel* m_addressStatus = nullptr;
    QLabel* m_childrenStatus = nullptr;
    QLabel* m_fillStatus = nullptr;
    QLabel* m_attachedStatus = nullptr;

    QTimer* m_refreshTimer = nullptr;
    std::chrono::steady_clock::time_point m_lastInspect{};
    bool m_asking = false;
    bool m_askBeforeDiscard = true;
    AfterStop m_afterStop = AfterStop::Nothing;
    bool m_closing = false;
    QSettings* m_remembered = nullptr; ///< none: --no-settings
};

} // namespace prodcons::server
