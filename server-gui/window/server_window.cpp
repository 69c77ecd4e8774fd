#include "server_window.h"

#include "broker_queue.h"
#include "broker_queue_panel.h"
#include "broker_queue_watch.h"
#include "buffer_model.h"
#include "buffer_panel.h"
#include "child_table_model.h"
#include "chrome_trace.h"
#include "cleanup_flow.h"
#include "event_log_model.h"
#include "forking_server.h"
#include "ipc_prefix.h"
#include "message_banner.h"
#include "objects_inspection.h"
#include "settings_panel.h"
#include "step_watcher.h"
#include "teaching_panel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cstdio>

namespace prodcons::server {

namespace {

using namespace std::chrono_literals;

constexpr auto kRefreshInterval = 100ms; // the buffer drawn about ten times a second
constexpr auto kInspectInterval = 500ms; // when stopped: look at the objects from outside

// The smallest windows that show the buffer beside the children (Rows) or the buffer above
// them and the log (Columns) with nothing squeezed: below both, tabs.
constexpr QSize kColumnsFrom(1000, 640);
constexpr QSize kRowsFrom(820, 470);

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kMainSplitterKey = QStringLiteral("window/mainSplitter");
const QString kRightSplitterKey = QStringLiteral("window/rightSplitter");

QString modeText(bool amqp, ipc::Mode mode)
{
    if (amqp)
        return ServerWindow::tr("AMQP");
    return mode == ipc::Mode::Mq ? ServerWindow::tr("MQ") : ServerWindow::tr("SHM");
}

/// The title of the stall's banner message: the key that dismisses it, and only it, when the
/// stall ends.
QString stallTitle()
{
    return ServerWindow::tr("The buffer is stalled");
}

Severity severityOf(common::CleanupFlow::Outcome outcome)
{
    switch (outcome) {
    case common::CleanupFlow::Outcome::Removed:
        return Severity::Info;
    case common::CleanupFlow::Outcome::PartlyFailed:
        return Severity::Warning; // the report says what is left and why
    case common::CleanupFlow::Outcome::NotRun:
        break;
    }
    return Severity::Error;
}

void setText(QLabel* label, const QString& text)
{
    if (label->text() != text)
        label->setText(text);
}

QTableView* makeTable(QAbstractItemModel* model, const QString& name, const QString& accessible)
{
    auto* view = new QTableView;
    view->setObjectName(name);
    view->setAccessibleName(accessible);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->setShowGrid(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return view;
}

} // namespace

ServerWindow::ServerWindow(const ServerWindowSettings& settings, QSettings* remembered,
                           QWidget* parent)
    : QMainWindow(parent), m_server(new ForkingServer(this)), m_bufferModel(new BufferModel(this)),
      m_childModel(new ChildTableModel(this)), m_logModel(new EventLogModel(this)),
      m_cleanup(new common::CleanupFlow(this)), m_settingsPanel(new SettingsPanel),
      m_banner(new MessageBanner), m_bufferPanel(new BufferPanel(m_bufferModel)),
      m_brokerWatch(new BrokerQueueWatch(this)), m_brokerPanel(new BrokerQueuePanel),
      m_teaching(new TeachingPanel(*m_server)), m_refreshTimer(new QTimer(this)),
      m_remembered(remembered)
{
    setObjectName(QStringLiteral("serverWindow"));
    m_server->setObjectName(QStringLiteral("forkingServer"));
    m_bufferModel->setObjectName(QStringLiteral("bufferModel"));
    m_childModel->setObjectName(QStringLiteral("childrenModel"));
    m_logModel->setObjectName(QStringLiteral("logModel"));
    m_cleanup->setObjectName(QStringLiteral("cleanupFlow"));
    m_settingsPanel->setObjectName(QStringLiteral("settingsPanel"));
    m_bufferPanel->setObjectName(QStringLiteral("bufferPanel"));
    m_brokerWatch->setObjectName(QStringLiteral("brokerQueueWatch"));
    m_brokerPanel->setObjectName(QStringLiteral("brokerQueuePanel"));

    buildActions();
    buildLayout();
    buildStatusBar();

    m_settingsPanel->setSettings(settings);
    restoreWindowState();

    connect(m_server, &ForkingServer::logged, this, &ServerWindow::onServerEvent);
    connect(m_server, &ForkingServer::started, this, &ServerWindow::onServerStarted);
    connect(m_server, &ForkingServer::startFailed, this, &ServerWindow::showStartFailure);
    connect(m_brokerWatch, &BrokerQueueWatch::updated, this, [this](const BrokerQueueState& state) {
        m_brokerPanel->showState(state);
        updateStatus();
    });
    connect(m_server, &ForkingServer::stopped, this, &ServerWindow::onServerStopped);
    connect(m_server, &ForkingServer::stallBegan, this, [this](const QString& text) {
        m_banner->showMessage(Severity::Warning, stallTitle(), text);
    });
    connect(m_server, &ForkingServer::stallEnded, this,
            [this] { m_banner->dismiss(stallTitle()); });
    connect(m_server, &ForkingServer::childStarted, this, [this](const ChildView& child) {
        m_childModel->addChild(child, std::chrono::steady_clock::now());
    });
    connect(m_server, &ForkingServer::childEnded, this, [this](const ChildView& child) {
        m_childModel->markEnded(child, std::chrono::steady_clock::now());
    });
    connect(m_cleanup, &common::CleanupFlow::finished, this,
            [this](common::CleanupFlow::Outcome outcome, const QString& report) {
                onCleanupFinished(severityOf(outcome), report);
            });
    connect(m_cleanup, &common::CleanupFlow::busyChanged, this, &ServerWindow::updateControls);
    connect(m_settingsPanel, &SettingsPanel::changed, this, [this] {
        m_teaching->setStoppedMode(m_settingsPanel->settings().mode);
        followBuffer();
        inspectObjects();
        updateStatus();
    });
    connect(m_refreshTimer, &QTimer::timeout, this, &ServerWindow::refresh);
    m_refreshTimer->start(kRefreshInterval);

    followBuffer();
    updateControls();
    inspectObjects();
    updateStatus();
}

ServerWindow::~ServerWindow()
{
    // The server outlives this part of the window (it is a child QObject): it must not call
    // back into a half-destroyed window while it stops.
    m_server->disconnect(this);
    // The watcher tells the server when it stops watching: while the server still exists.
    m_teaching->watcher().stop();
    if (m_server->isRunning() || m_server->isStarting())
        m_server->stopNow();
}

ServerWindowSettings ServerWindow::settings() const
{
    return m_settingsPanel->settings();
}

void ServerWindow::buildActions()
{
    m_startAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Sta&rt"), this);
    m_startAction->setObjectName(QStringLiteral("startAction"));
    m_startAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_startAction->setToolTip(tr("Start listening and attach to the shared buffer (F5)"));
    connect(m_startAction, &QAction::triggered, this, &ServerWindow::startServer);

    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("St&op"), this);
    m_stopAction->setObjectName(QStringLiteral("stopAction"));
    m_stopAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_stopAction->setToolTip(
        tr("Stop listening, end the children and leave the shared buffer (Shift+F5)"));
    connect(m_stopAction, &QAction::triggered, this, &ServerWindow::stopServer);

    m_cleanupAction =
        new QAction(style()->standardIcon(QStyle::SP_TrashIcon), tr("&Cleanup..."), this);
    m_cleanupAction->setObjectName(QStringLiteral("cleanupAction"));
    m_cleanupAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete));
    m_cleanupAction->setToolTip(tr("Remove the shared objects of this IPC prefix, e.g. after a "
                                   "crash (Ctrl+Shift+Del)"));
    connect(m_cleanupAction, &QAction::triggered, this, &ServerWindow::cleanupObjects);

    m_raceAction = new QAction(tr("&Race mode: skip the mutex (teaching)"), this);
    m_raceAction->setObjectName(QStringLiteral("raceAction"));
    m_raceAction->setCheckable(true);
    m_raceAction->setToolTip(
        tr("While this server runs, the SHM producers and consumers of every server of the "
           "prefix skip the mutex, so that a class sees names overwritten, lost and doubled. "
           "Never on the default prefix /prodcons."));
    connect(m_raceAction, &QAction::toggled, this, [this](bool race) {
        if (m_server->isRunning() && race != m_server->isRacing())
            m_server->setRace(race);
        updateControls();
        refresh();
    });

    m_saveTraceAction = new QAction(tr("Save &trace..."), this);
    m_saveTraceAction->setObjectName(QStringLiteral("saveTraceAction"));
    m_saveTraceAction->setToolTip(
        tr("Write the steps seen in the Teaching part as a Chrome trace (JSON), which "
           "ui.perfetto.dev and chrome://tracing open: one track per child"));
    connect(m_saveTraceAction, &QAction::triggered, this, &ServerWindow::saveTrace);

    m_clearLogAction = new QAction(tr("C&lear log"), this);
    m_clearLogAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_clearLogAction, &QAction::triggered, m_logModel, &EventLogModel::clear);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    QMenu* server = menuBar()->addMenu(tr("&Server"));
    server->addAction(m_startAction);
    server->addAction(m_stopAction);
    server->addSeparator();
    server->addAction(m_cleanupAction);
    server->addSeparator();
    server->addAction(m_raceAction);
    server->addAction(m_saveTraceAction);
    server->addSeparator();
    server->addAction(m_quitAction);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_clearLogAction);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(
            this, tr("About the prodcons server"),
            tr("<p><b>prodcons server %1</b></p>"
               "<p>Listens for TCP clients and forks one child process per client. A producer's "
               "child puts the names it receives into the shared buffer; a consumer's child "
               "takes names out and sends them to its client.</p>"
               "<p>Every server with the same IPC prefix and mode shares one buffer: shared "
               "memory guarded by three named semaphores (mutex, empty, full), or a POSIX "
               "message queue. The first server creates the objects, the last one to stop "
               "removes them.</p>")
                .arg(QCoreApplication::applicationVersion().toHtmlEscaped()));
    });
}

void ServerWindow::buildLayout()
{
    auto pushButton = [](QAction* action, const QString& name, const QString& accessible) {
        auto* button = new QPushButton(action->icon(), action->text());
        button->setObjectName(name);
        button->setToolTip(action->toolTip());
        button->setAccessibleName(accessible);
        QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
        return button;
    };
    m_startButton = pushButton(m_startAction, QStringLiteral("startButton"), tr("Start server"));
    m_startButton->setDefault(true);
    m_stopButton = pushButton(m_stopAction, QStringLiteral("stopButton"), tr("Stop server"));
    m_cleanupButton = pushButton(m_cleanupAction, QStringLiteral("cleanupButton"),
                                 tr("Remove the shared objects"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_settingsPanel);
    top->addStretch(1);
    top->addWidget(m_startButton);
    top->addWidget(m_stopButton);
    top->addSpacing(12);
    top->addWidget(m_cleanupButton);

    m_bufferGroup = new QGroupBox(tr("Shared buffer"));
    m_bufferGroup->setObjectName(QStringLiteral("bufferGroup"));
    auto* bufferLayout = new QVBoxLayout(m_bufferGroup);
    m_bufferPages = new QStackedWidget;
    m_bufferPages->setObjectName(QStringLiteral("bufferPages"));
    m_bufferPages->addWidget(m_bufferPanel);
    m_bufferPages->addWidget(m_brokerPanel);
    bufferLayout->addWidget(m_bufferPages);

    m_childView = makeTable(m_childModel, QStringLiteral("childrenTable"), tr("Children"));
    // Widths from the font, for the widest usual content: a table that resizes its columns
    // to contents ten times a second would jitter.
    QHeaderView* header = m_childView->horizontalHeader();
    const auto widthOf = [this](const char* sample, int extra = 16) {
        return fontMetrics().horizontalAdvance(QLatin1String(sample)) + extra;
    };
    header->resizeSection(ChildTableModel::PidColumn, widthOf("000000", 12));
    header->resizeSection(ChildTableModel::PeerColumn, widthOf("127.0.0.1:00000", 12));
    // The role in this language: "konzument" is wider than "consumer".
    const int roleWidth = std::max(
        {fontMetrics().horizontalAdvance(roleText(ChildRole::Producer)),
         fontMetrics().horizontalAdvance(roleText(ChildRole::Consumer)),
         fontMetrics().horizontalAdvance(
             m_childModel->headerData(ChildTableModel::RoleColumn, Qt::Horizontal).toString())});
    header->resizeSection(ChildTableModel::RoleColumn, roleWidth + 24);
    header->resizeSection(ChildTableModel::NamesColumn, widthOf("000,000", 12));
    header->resizeSection(ChildTableModel::RateColumn, widthOf("Rate /min", 12));
    header->resizeSection(ChildTableModel::SinceColumn, widthOf("00:00:00", 12));
    header->resizeSection(ChildTableModel::LastNameColumn, widthOf("Christopher", 12));
    header->setStretchLastSection(true);
    m_childrenHint = new QLabel;
    m_childrenHint->setObjectName(QStringLiteral("childrenHint"));
    m_childrenHint->setWordWrap(true);
    m_childrenHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_childrenHint->setForegroundRole(QPalette::PlaceholderText);
    m_childrenGroup = new QGroupBox(tr("Children: one process per client"));
    m_childrenGroup->setObjectName(QStringLiteral("childrenGroup"));
    auto* childrenLayout = new QVBoxLayout(m_childrenGroup);
    childrenLayout->addWidget(m_childrenHint);
    childrenLayout->addWidget(m_childView, 1);

    m_logView = makeTable(m_logModel, QStringLiteral("logView"), tr("Log"));
    m_logView->horizontalHeader()->resizeSection(
        EventLogModel::TimeColumn,
        fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000")) + 16);
    m_logView->horizontalHeader()->setStretchLastSection(true);
    m_logView->setAlternatingRowColors(false);
    // Follow new lines, unless the person scrolled up to read older ones.
    connect(m_logModel, &QAbstractItemModel::rowsInserted, this, [this] {
        QScrollBar* bar = m_logView->verticalScrollBar();
        if (bar->value() >= bar->maximum() - 2 * m_logView->verticalHeader()->defaultSectionSize())
            QTimer::singleShot(0, m_logView, &QTableView::scrollToBottom);
    });
    m_logGroup = new QGroupBox(tr("Log"));
    m_logGroup->setObjectName(QStringLiteral("logGroup"));
    auto* logLayout = new QVBoxLayout(m_logGroup);
    logLayout->addWidget(m_logView);

    m_rightSplitter = new QSplitter(Qt::Vertical);
    m_rightSplitter->setObjectName(QStringLiteral("rightSplitter"));
    m_rightSplitter->addWidget(m_childrenGroup);
    m_rightSplitter->addWidget(m_logGroup);
    m_rightSplitter->setStretchFactor(0, 1);
    m_rightSplitter->setStretchFactor(1, 1);
    m_rightSplitter->setChildrenCollapsible(false);

    // Teaching takes the place of the children and the log, in a tab beside them: the buffer
    // stays in view, so that a class sees the ring move as the children step through the code.
    m_teaching->setStoppedMode(settings().mode);
    m_sideTabs = new QTabWidget;
    m_sideTabs->setObjectName(QStringLiteral("sideTabs"));
    m_sideTabs->setDocumentMode(true);
    m_sideTabs->addTab(m_rightSplitter, tr("Children and lo&g"));
    m_sideTabs->addTab(m_teaching, tr("&Teaching"));
    connect(m_sideTabs, &QTabWidget::currentChanged, this, &ServerWindow::shareRowsWithTeaching);

    m_mainSplitter = new QSplitter(Qt::Horizontal);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->addWidget(m_bufferGroup);
    m_mainSplitter->addWidget(m_sideTabs);
    m_mainSplitter->setStretchFactor(0, 2);
    m_mainSplitter->setStretchFactor(1, 3);
    m_mainSplitter->setChildrenCollapsible(false);

    // Small windows: the same three parts in tabs (arrange() moves them there and back).
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("compactTabs"));
    m_tabs->setDocumentMode(true);
    m_pages = new QStackedWidget;
    m_pages->setObjectName(QStringLiteral("arrangementPages"));
    m_pages->addWidget(m_mainSplitter);
    m_pages->addWidget(m_tabs);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    m_raceBanner = new QLabel;
    m_raceBanner->setObjectName(QStringLiteral("raceBanner"));
    m_raceBanner->setWordWrap(true);
    m_raceBanner->setMargin(6);
    // White on a dark red: the contrast holds on light and dark palettes alike.
    m_raceBanner->setStyleSheet(
        QStringLiteral("QLabel { background: #9b1c1c; color: white; font-weight: bold; }"));
    m_raceBanner->hide();

    layout->addLayout(top);
    layout->addWidget(m_raceBanner);
    layout->addWidget(m_banner);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
}

ServerWindow::Arrangement ServerWindow::arrangementFor(QSize size)
{
    if (size.width() >= kColumnsFrom.width() && size.height() >= kColumnsFrom.height())
        return Arrangement::Columns;
    if (size.width() >= kRowsFrom.width() && size.height() >= kRowsFrom.height())
        return Arrangement::Rows;
    return Arrangement::Tabs;
}

void ServerWindow::resizeEvent(QResizeEvent* event)
{
    arrange(arrangementFor(event->size()));
    QMainWindow::resizeEvent(event);
}

void ServerWindow::setButtonsCompact(bool compact)
{
    // Icons only in a small window: the settings keep their room. The text stays in the tool
    // tip and the accessible name.
    const std::pair<QPushButton*, QAction*> buttons[] = {{m_startButton, m_startAction},
                                                         {m_stopButton, m_stopAction},
                                                         {m_cleanupButton, m_cleanupAction}};
    for (const auto& [button, action] : buttons)
        button->setText(compact ? QString() : action->text());
}

void ServerWindow::arrange(Arrangement arrangement)
{
    if (arrangement == m_arrangement)
        return;
    const Arrangement before = m_arrangement;
    m_arrangement = arrangement;
    if (before == Arrangement::Columns) { // what the person set, for when the window is tall again
        m_columnsMainState = m_mainSplitter->saveState();
        m_columnsRightState = m_rightSplitter->saveState();
    }

    const bool tabs = arrangement == Arrangement::Tabs;
    // Whoever was looking at the code goes on looking at it.
    const bool teachingShown = m_teaching->isVisibleTo(this);
    const std::pair<QGroupBox*, QString> groups[] = {
        {m_bufferGroup, tr("Shared buffer")},
        {m_childrenGroup, tr("Children: one process per client")},
        {m_logGroup, tr("Log")}};
    if (tabs) {
        // The tab says what the group box said: no frame, no title, more room.
        const QString tabTitles[] = {tr("&Buffer"), tr("&Children"), tr("Lo&g")};
        int i = 0;
        for (const auto& [group, title] : groups) {
            group->setTitle(QString());
            group->setFlat(true);
            group->layout()->setContentsMargins(0, 0, 0, 0);
            m_tabs->addTab(group, tabTitles[i++]);
        }
        m_tabs->addTab(m_teaching, tr("&Teaching"));
        m_tabs->setCurrentWidget(teachingShown ? static_cast<QWidget*>(m_teaching)
                                               : static_cast<QWidget*>(m_bufferGroup));
        m_pages->setCurrentWidget(m_tabs);
    } else {
        if (before == Arrangement::Tabs) {
            for (const auto& [group, title] : groups) {
                group->setTitle(title);
                group->setFlat(false);
                group->layout()->setContentsMargins(-1, -1, -1, -1); // the style's
            }
            m_mainSplitter->insertWidget(0, m_bufferGroup);
            m_rightSplitter->insertWidget(0, m_childrenGroup);
            m_rightSplitter->insertWidget(1, m_logGroup);
            for (QWidget* group :
                 {static_cast<QWidget*>(m_bufferGroup), static_cast<QWidget*>(m_childrenGroup),
                  static_cast<QWidget*>(m_logGroup)})
                group->show();
            m_sideTabs->addTab(m_teaching, tr("&Teaching"));
            m_sideTabs->setCurrentWidget(teachingShown ? static_cast<QWidget*>(m_teaching)
                                                       : static_cast<QWidget*>(m_rightSplitter));
            m_pages->setCurrentWidget(m_mainSplitter);
        }
        if (arrangement == Arrangement::Columns) {
            m_mainSplitter->setOrientation(Qt::Horizontal);
            m_rightSplitter->setOrientation(Qt::Vertical);
            if (!m_mainSplitter->restoreState(m_columnsMainState))
                m_mainSplitter->setSizes({430, 670});
            if (!m_rightSplitter->restoreState(m_columnsRightState))
                m_rightSplitter->setSizes({330, 300});
        } else {
            // Wide and short: the buffer across the top, the children beside the log under it.
            m_mainSplitter->setOrientation(Qt::Vertical);
            m_rightSplitter->setOrientation(Qt::Horizontal);
            m_mainSplitter->setSizes({700, 300});
            m_rightSplitter->setSizes({600, 400});
            shareRowsWithTeaching();
        }
    }
    m_bufferPanel->setSideBySide(arrangement != Arrangement::Columns);
    // Rows are short: the tabs of the children and the teaching part go on the side, where the
    // window has room, so that the ring keeps its height.
    m_sideTabs->setTabPosition(arrangement == Arrangement::Rows ? QTabWidget::West
                                                                : QTabWidget::North);
    setButtonsCompact(tabs);
    updateTeachingAvailability(); // the Teaching tab was added again
    // Tabs: every pixel of height to the ring (a projector's quarter screen, under a title bar).
    if (QLayout* central = centralWidget()->layout()) {
        central->setContentsMargins(tabs ? QMargins(6, 3, 6, 0) : QMargins(-1, -1, -1, -1));
        central->setSpacing(tabs ? 3 : -1); // -1: the style's
    }
}

void ServerWindow::shareRowsWithTeaching()
{
    if (m_arrangement != Arrangement::Rows)
        return;
    if (m_sideTabs->currentWidget() == m_teaching) {
        // The ring at its smallest readable size; the rest to the code.
        const int buffer = m_bufferGroup->minimumSizeHint().height();
        m_mainSplitter->setSizes({buffer, std::max(1, m_mainSplitter->height() - buffer)});
    } else {
        m_mainSplitter->setSizes({700, 300});
    }
}

void ServerWindow::buildStatusBar()
{
    auto label = [this](const QString& name, const QString& accessible) {
        auto* l = new QLabel;
        l->setObjectName(name);
        l->setAccessibleName(accessible);
        l->setContentsMargins(6, 0, 6, 0);
        statusBar()->addPermanentWidget(l);
        return l;
    };
    m_stateStatus = label(QStringLiteral("stateStatus"), tr("Server state"));
    m_modeStatus = label(QStringLiteral("modeStatus"), tr("Mode"));
    m_addressStatus = label(QStringLiteral("addressStatus"), tr("Address and port"));
    m_childrenStatus = label(QStringLiteral("childrenStatus"), tr("Children"));
    m_fillStatus = label(QStringLiteral("fillStatus"), tr("Buffer fill"));
    m_attachedStatus = label(QStringLiteral("attachedStatus"), tr("Servers attached"));
    statusBar()->setSizeGripEnabled(true);
}

void ServerWindow::restoreWindowState()
{
    // Without remembered settings (--no-settings) the empty states fall back to the defaults.
    QByteArray geometry;
    QByteArray mainSplitter;
    QByteArray rightSplitter;
    if (m_remembered) {
        geometry = m_remembered->value(kGeometryKey).toByteArray();
        mainSplitter = m_remembered->value(kMainSplitterKey).toByteArray();
        rightSplitter = m_remembered->value(kRightSplitterKey).toByteArray();
    }
    m_columnsMainState = mainSplitter;
    m_columnsRightState = rightSplitter;
    if (!m_mainSplitter->restoreState(mainSplitter))
        m_mainSplitter->setSizes({430, 670});
    if (!m_rightSplitter->restoreState(rightSplitter))
        m_rightSplitter->setSizes({330, 300});

    // Not the minimum of the arrangement shown now: showEvent() sets the real one, that of
    // the tabs.
    setMinimumSize(1, 1);
    if (!restoreGeometry(geometry))
        resize(1100, 750);
    arrange(arrangementFor(size()));
}

void ServerWindow::showEvent(QShowEvent* event)
{
    if (!m_minimumKnown) {
        // The smallest window is the one in tabs: a window may be made that small (by a
        // window manager, -geometry, a person), and the arrangement follows. Measured once
        // polished, before the window is first mapped.
        m_minimumKnown = true;
        arrange(Arrangement::Tabs);
        // Counted part by part: the settings and buttons, the tabs (without a message: one
        // that comes takes its room from them), the menu and the status bar.
        QLayout* central = centralWidget()->layout();
        central->invalidate();
        central->activate();
        const QMargins margins = central->contentsMargins();
        const int height =
            margins.top() + margins.bottom() + central->spacing() +
            central->itemAt(0)->minimumSize().height() + m_pages->minimumSizeHint().height() +
            menuBar()->minimumSizeHint().height() + statusBar()->minimumSizeHint().height();
        setMinimumSize(
            std::max(minimumSizeHint().width(), centralWidget()->minimumSizeHint().width()),
            height);
        arrange(arrangementFor(size()));
    }
    QMainWindow::showEvent(event);
}

void ServerWindow::saveWindowState() const
{
    if (!m_remembered)
        return;
    m_remembered->setValue(kGeometryKey, saveGeometry());
    const bool columns = m_arrangement == Arrangement::Columns;
    m_remembered->setValue(kMainSplitterKey,
                           columns ? m_mainSplitter->saveState() : m_columnsMainState);
    m_remembered->setValue(kRightSplitterKey,
                           columns ? m_rightSplitter->saveState() : m_columnsRightState);
    m_settingsPanel->settings().save(*m_remembered);
    m_remembered->sync();
}

void ServerWindow::startServer()
{
    if (m_server->isRunning() || m_server->isStarting() || m_server->isStopping())
        return;
    QString problem;
    const auto config = m_settingsPanel->settings().toConfig(&problem);
    if (!config) {
        m_logModel->append(Severity::Error, problem);
        m_banner->showMessage(Severity::Error, tr("The server cannot start"), problem);
        return;
    }
    // The window never waits for the broker: in the AMQP mode started() or startFailed()
    // comes once it has answered, and meanwhile the window says that it connects.
    if (!m_server->beginStart(*config)) {
        QString text = m_server->lastError();
        if (m_server->serverError() == QAbstractSocket::AddressInUseError)
            text += QLatin1Char('\n') + tr("Another program (maybe another server window) listens "
                                           "on this port: pick another port, or stop that "
                                           "program.");
        showStartFailure(text);
        return;
    }
    followBuffer(); // the broker view says that it connects
    updateControls();
}

void ServerWindow::onServerStarted()
{
    followBuffer();
    updateControls();
    m_banner->dismiss(Severity::Error); // what stopped the last attempt is fixed
    if (m_remembered)
        m_settingsPanel->settings().save(*m_remembered);
    refresh();
}

void ServerWindow::showStartFailure(const QString& text)
{
    followBuffer();
    m_banner->showMessage(Severity::Error, tr("The server could not start"), text);
    updateControls();
}

void ServerWindow::stopServer()
{
    if (m_server->isStarting()) { // nothing to discard yet: the start is given up
        beginStop(AfterStop::Nothing);
        return;
    }
    if (!m_server->isRunning() || m_server->isStopping() || m_asking)
        return;
    const quint64 discarded = namesAStopWouldDiscard();
    if (discarded > 0 && m_askBeforeDiscard)
        askBeforeDiscarding(discarded, AfterStop::Nothing);
    else
        beginStop(AfterStop::Nothing);
}

void ServerWindow::beginStop(AfterStop after)
{
    // Set before stop(): it is what onServerStopped() does once the server has stopped.
    m_afterStop = after;
    m_server->stop();
    updateControls();
}

quint64 ServerWindow::namesAStopWouldDiscard() const
{
    const auto snapshot = m_server->bufferSnapshot(false);
    if (!snapshot)
        return 0;
    const auto mode = m_server->config().mode;
    if (snapshot->live_users[static_cast<std::uint32_t>(mode)] > 1)
        return 0; // another server keeps the buffer, and the names in it
    return snapshot->queued(mode);
}

void ServerWindow::askBeforeDiscarding(quint64 names, AfterStop after)
{
    auto* box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("discardConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Discard the queued names?"));
    box->setText(tr("%1 name(s) are still in the shared buffer, and this is the last server "
                    "attached to it.")
                     .arg(QLocale().toString(names)));
    box->setInformativeText(tr("Stopping removes the buffer and discards them. Connect a "
                               "consumer to take them first, or start another server with the "
                               "same prefix and mode to keep them."));
    QPushButton* discard = box->addButton(after == AfterStop::Close ? tr("&Close and discard")
                                                                    : tr("&Stop and discard"),
                                          QMessageBox::DestructiveRole);
    discard->setObjectName(QStringLiteral("discardNames"));
    QPushButton* keep = box->addButton(tr("&Keep running"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("keepRunning"));
    box->setDefaultButton(keep);
    box->setEscapeButton(keep);
    m_asking = true;
    updateControls();
    connect(box, &QMessageBox::finished, this, [this, box, discard, after] {
        m_asking = false;
        if (box->clickedButton() == discard && m_server->isRunning())
            beginStop(after);
        updateControls();
    });
    box->open();
}

void ServerWindow::closeWithoutAsking()
{
    m_askBeforeDiscard = false;
    for (auto* box : findChildren<QMessageBox*>())
        box->reject();
    close();
}

void ServerWindow::closeEvent(QCloseEvent* event)
{
    if (!m_server->isRunning() && !m_server->isStarting() && !m_server->isStopping()) {
        saveWindowState();
        m_brokerWatch->stop();
        event->accept();
        return;
    }
    event->ignore(); // closes once the server has stopped
    if (m_server->isStopping()) {
        m_afterStop = AfterStop::Close;
        return;
    }
    if (m_server->isStarting()) {
        beginStop(AfterStop::Close);
        return;
    }
    if (m_asking)
        return;
    const quint64 discarded = namesAStopWouldDiscard();
    if (discarded > 0 && m_askBeforeDiscard)
        askBeforeDiscarding(discarded, AfterStop::Close);
    else
        beginStop(AfterStop::Close);
}

void ServerWindow::onServerStopped()
{
    followBuffer();
    updateControls();
    inspectObjects();
    updateStatus(); // again: with what inspectObjects() found
    if (m_afterStop == AfterStop::Close) {
        m_afterStop = AfterStop::Nothing;
        // Not from inside closeEvent(): a close started there would be ignored.
        QTimer::singleShot(0, this, &QWidget::close);
    }
}

void ServerWindow::onServerEvent(const ServerEvent& event)
{
    m_logModel->append(event);
    const Severity severity = event.severity;
    const QString& text = event.text;
    if (severity != Severity::Info) {
        // Also for whoever started the window from a terminal or a script.
        std::fprintf(stderr, "prodcons-server: %s%s\n",
                     severity == Severity::Error ? "error: " : "warning: ", qPrintable(text));
    }
    // A failed start has a message of its own (showStartFailure()).
    if (severity == Severity::Error && event.kind != ServerEvent::Kind::StartFailed)
        m_banner->showMessage(Severity::Error, tr("The server reports a problem"), text);
}

void ServerWindow::cleanupObjects()
{
    if (amqpShown()) {
        QString problem;
        const auto config = m_server->isRunning() ? std::optional(m_server->config())
                                                  : m_settingsPanel->settings().toConfig(&problem);
        if (config)
            cleanupBrokerQueue(*config);
        else
            onCleanupFinished(Severity::Error, problem);
        return;
    }
    const QString prefix = m_server->isRunning()
                               ? QString::fromStdString(m_server->config().ipc.prefix)
                               : m_settingsPanel->settings().prefix;
    m_cleanup->begin(prefix);
}

void ServerWindow::cleanupBrokerQueue(const ServerConfig& config)
{
    // The same steps as for the IPC objects, but each question to the broker may take the
    // connection's time limit: CleanupFlow asks it on its worker.
    const BrokerQueueState target = brokerQueueTarget(config);
    if (!target.error.isEmpty()) {
        onCleanupFinished(Severity::Error, tr("cannot clean up: %1").arg(target.error));
        return;
    }
    common::CleanupTarget queue;
    queue.question = tr("Delete the queue?");
    queue.what = tr("Cleanup deletes the queue %1 on %2, and the names in it, whoever uses it.")
                     .arg(target.queue, target.broker);
    queue.risk = [config] {
        return brokerCleanupRisk(brokerQueueState(config));
    };
    queue.remove = [config] {
        const BrokerQueueReport report = removeBrokerQueue(config);
        return common::CleanupTarget::Removal{
            report.ok, report.ok
                           ? report.text
                           : tr("cleanup: the queue could not be deleted: %1").arg(report.text)};
    };
    m_cleanup->begin(queue);
}

void ServerWindow::onCleanupFinished(Severity severity, const QString& report)
{
    m_logModel->append(severity, report);
    m_banner->showMessage(severity, tr("Cleanup"), report);
    if (!m_server->isRunning())
        inspectObjects();
}

void ServerWindow::refresh()
{
    const auto now = std::chrono::steady_clock::now();
    if (m_server->isRunning()) {
        const ServerConfig& config = m_server->config();
        m_childModel->refresh(m_server->children(), now);
        // The AMQP mode has no ring: the broker panel shows the queue (BrokerQueueWatch).
        if (!config.broker)
            m_bufferModel->show(config.mode, QString::fromStdString(config.ipc.prefix),
                                BufferModel::Source::Attached, m_server->bufferSnapshot(true));
    } else {
        m_childModel->refresh({}, now);
        if (now - m_lastInspect >= kInspectInterval)
            inspectObjects();
    }
    const ipc::Snapshot& snapshot = m_bufferModel->snapshot();
    const bool race = snapshot.control_present && snapshot.teaching.race;
    if (race)
        m_raceBanner->setText(
            tr("RACE MODE on %1: producers and consumers skip the mutex on purpose; names are "
               "overwritten, lost and doubled. For teaching only: Server > Race mode turns it "
               "off for this server.")
                .arg(m_bufferModel->prefix()));
    m_raceBanner->setVisible(race);
    updateStatus();
}

void ServerWindow::inspectObjects()
{
    if (m_server->isRunning())
        return;
    m_lastInspect = std::chrono::steady_clock::now();
    const ServerWindowSettings s = m_settingsPanel->settings();
    if (s.amqp)
        return; // no IPC object to look at: followBuffer() shows the queue
    ObjectsInspection found = server::inspectObjects(s.prefix);
    switch (found.outcome) {
    case ObjectsInspection::Outcome::Read:
        m_bufferModel->show(s.mode, s.prefix, BufferModel::Source::Inspected,
                            std::move(found.snapshot));
        break;
    case ObjectsInspection::Outcome::InvalidPrefix:
        m_bufferModel->show(
            s.mode, s.prefix, BufferModel::Source::None, std::nullopt,
            tr("'%1' is not a valid IPC prefix: %2").arg(s.prefix, common::ipcPrefixRule()));
        break;
    case ObjectsInspection::Outcome::Unreadable:
        m_bufferModel->show(s.mode, s.prefix, BufferModel::Source::None, std::nullopt,
                            tr("The objects cannot be read: %1").arg(found.error));
        break;
    }
}

bool ServerWindow::amqpShown() const
{
    return m_server->isRunning() ? m_server->config().broker.has_value()
                                 : m_settingsPanel->settings().amqp;
}

void ServerWindow::followBuffer()
{
    const bool amqp = amqpShown();
    m_bufferPages->setCurrentWidget(amqp ? static_cast<QWidget*>(m_brokerPanel)
                                         : static_cast<QWidget*>(m_bufferPanel));
    updateTeachingAvailability();
    if (!amqp) {
        m_brokerWatch->stop();
        return;
    }
    // No ring, no semaphores: nothing of the last mode's buffer stays in the figures.
    const ServerWindowSettings s = m_settingsPanel->settings();
    m_bufferModel->show(s.mode, s.prefix, BufferModel::Source::None, std::nullopt);
    if (m_server->isRunning()) {
        m_brokerWatch->watch(m_server->config());
        m_brokerPanel->showState(m_brokerWatch->state());
        return;
    }
    m_brokerWatch->stop();
    QString problem;
    const auto config = s.toConfig(&problem);
    const BrokerQueueState target = config ? brokerQueueTarget(*config) : BrokerQueueState{};
    const QString why = !problem.isEmpty()        ? problem
                        : !target.error.isEmpty() ? target.error
                        : m_server->isStarting()
                            ? tr("Connecting to %1: the queue is asked about once the "
                                 "broker has answered.")
                                  .arg(m_server->brokerChecked())
                            : tr("Not asked while this window's server is stopped: Start "
                                 "connects to the broker.");
    m_brokerPanel->showNotWatched(target.queue, target.broker, why);
}

void ServerWindow::updateTeachingAvailability()
{
    const bool amqp = amqpShown();
    for (QTabWidget* tabs : {m_sideTabs, m_tabs}) {
        const int index = tabs->indexOf(m_teaching);
        if (index < 0)
            continue;
        tabs->setTabEnabled(index, !amqp);
        tabs->setTabToolTip(index, amqp ? tr("The AMQP mode has no teaching view: the names "
                                             "move inside the broker, where no step can be "
                                             "seen or paused. Choose SHM or MQ to teach.")
                                        : QString());
    }
}

void ServerWindow::saveTrace()
{
    const ChromeTrace& trace = m_teaching->trace();
    if (trace.eventCount() == 0) {
        m_banner->showMessage(Severity::Info, tr("Save trace"),
                              tr("No step seen yet: the steps are recorded while the Teaching "
                                 "part is shown."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save trace"), QStringLiteral("steps.json"), tr("Chrome trace (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (m_teaching->saveTrace(path, &error))
        m_banner->showMessage(Severity::Info, tr("Save trace"),
                              tr("%1 steps of %2 processes written to %3; open it in "
                                 "ui.perfetto.dev or chrome://tracing.")
                                  .arg(trace.eventCount())
                                  .arg(trace.trackCount())
                                  .arg(path));
    else
        m_banner->showMessage(Severity::Error, tr("Save trace"), error);
}

void ServerWindow::updateControls()
{
    const bool running = m_server->isRunning();
    const bool starting = m_server->isStarting();
    const bool stopping = m_server->isStopping();
    m_settingsPanel->setLocked(running || starting || stopping);
    m_startAction->setEnabled(!running && !starting && !stopping);
    // Stop while the broker is checked gives the start up.
    m_stopAction->setEnabled((running && !stopping && !m_asking) || starting);
    m_cleanupAction->setEnabled(!starting && !stopping && !m_cleanup->busy());
    const QString cleanupTip =
        amqpShown() ? tr("Delete the RabbitMQ queue of this prefix, and the names in it "
                         "(Ctrl+Shift+Del)")
                    : tr("Remove the shared objects of this IPC prefix, e.g. after a crash "
                         "(Ctrl+Shift+Del)");
    m_cleanupAction->setToolTip(cleanupTip);
    m_cleanupButton->setToolTip(cleanupTip);
    m_startButton->setEnabled(m_startAction->isEnabled());
    m_stopButton->setEnabled(m_stopAction->isEnabled());
    m_cleanupButton->setEnabled(m_cleanupAction->isEnabled());
    {
        const QSignalBlocker quiet(m_raceAction);
        m_raceAction->setEnabled(running && !stopping && !m_server->config().broker &&
                                 ipc::race_allowed(m_server->config().ipc.prefix));
        m_raceAction->setChecked(running && m_server->isRacing());
    }
    // Qt appends the application's display name ("prodcons server") to a title that does not
    // end with it already: the title says only what this window does.
    if (running) {
        const ServerConfig& config = m_server->config();
        setWindowTitle(tr("%1 on port %2")
                           .arg(modeText(config.broker.has_value(), config.mode))
                           .arg(m_server->serverPort()));
    } else {
        setWindowTitle(tr("prodcons server"));
    }
    updateStatus();
}

void ServerWindow::updateStatus()
{
    const bool running = m_server->isRunning();
    const bool stopping = m_server->isStopping();
    const ipc::Mode mode = running ? m_server->config().mode : m_settingsPanel->settings().mode;
    const bool amqp = amqpShown();

    setText(m_stateStatus, stopping  ? tr("Stopping...")
                           : running ? tr("Listening")
                           : m_server->isStarting()
                               ? tr("Connecting to %1...").arg(m_server->brokerChecked())
                               : tr("Stopped"));
    setText(m_modeStatus, tr("%1 mode").arg(modeText(amqp, mode)));
    QString address = tr("not listening");
    if (running && !stopping) {
        const QHostAddress host = m_server->serverAddress();
        address = host == QHostAddress::AnyIPv4 || host == QHostAddress::Any
                      ? tr("all interfaces, port %1").arg(m_server->serverPort())
                      : QStringLiteral("%1:%2").arg(host.toString()).arg(m_server->serverPort());
    }
    setText(m_addressStatus, address);
    const int children = m_server->childCount();
    setText(m_childrenStatus, children == 1 ? tr("1 child") : tr("%1 children").arg(children));
    if (amqp) {
        // What the broker said last, while this window watches the queue.
        const BrokerQueueState& queue = m_brokerWatch->state();
        const bool counted =
            m_brokerWatch->isWatching() && queue.answer == BrokerQueueState::Answer::Counted;
        setText(m_fillStatus, counted ? tr("queue: %1 ready").arg(queue.ready) : tr("queue: -"));
        setText(m_attachedStatus,
                counted ? tr("%1 consumer(s)").arg(queue.consumers) : tr("consumers: -"));
    } else {
        setText(
            m_fillStatus,
            m_bufferModel->present()
                ? tr("buffer %1 / %2").arg(m_bufferModel->stored()).arg(m_bufferModel->capacity())
                : tr("no buffer"));
        const quint32 attached = m_bufferModel->liveUsers();
        setText(m_attachedStatus,
                attached == 1 ? tr("1 server attached") : tr("%1 servers attached").arg(attached));
    }

    QString hint;
    if (m_childModel->rowCount() > 0)
        hint = tr("Each client is served by a child process that this server forked for it.");
    else if (running && !stopping)
        hint = tr("No client yet. Connect one with the client window, or: socket_cl %1 %2 "
                  "--role producer")
                   .arg(m_server->serverAddress() == QHostAddress::LocalHost
                            ? QStringLiteral("127.0.0.1")
                            : QStringLiteral("HOST"))
                   .arg(m_server->serverPort());
    else
        hint = tr("Start the server, then connect producer and consumer clients to it.");
    setText(m_childrenHint, hint);
}

} // namespace prodcons::server
