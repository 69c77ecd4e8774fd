#include "client_window.h"

#include "cleanup_flow.h"
#include "client_controller.h"
#include "figures_panel.h"
#include "local_host.h"
#include "name_list_view.h"
#include "name_source.h"
#include "rate_control.h"
#include "rate_text.h"
#include "readable_color.h"
#include "status_colors.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QVBoxLayout>

namespace prodcons::client {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");

QColor toneColor(StatusTone tone)
{
    switch (tone) {
    case StatusTone::Idle:
        return statusColors::idle();
    case StatusTone::Busy:
        return statusColors::busy();
    case StatusTone::Good:
        return statusColors::good();
    case StatusTone::Warning:
        return statusColors::warn();
    case StatusTone::Error:
        return statusColors::error();
    }
    return statusColors::idle();
}

} // namespace

ClientWindow::ClientWindow(const ClientWindowSettings& settings, QSettings* remembered,
                           QWidget* parent)
    : QMainWindow(parent), m_controller(new ClientController(this)),
      m_localCleanup(new common::CleanupFlow(this)), m_remembered(remembered)
{
    setWindowTitle(tr("prodcons client"));
    setObjectName(QStringLiteral("clientWindow"));

    m_rate = new RateControl;
    m_rateLabel = new QLabel(tr("&Rate"));
    m_rateLabel->setBuddy(m_rate->slider());
    m_rateBox = new QWidget;
    auto* rateLayout = new QHBoxLayout(m_rateBox);
    rateLayout->setContentsMargins(0, 0, 0, 0);
    rateLayout->addWidget(m_rateLabel);
    rateLayout->addWidget(m_rate, 1);
    m_rateBox->setFocusProxy(m_rate);

    m_figures = new FiguresPanel(m_controller->history());
    m_names = new NameListView;
    m_names->setObjectName(QStringLiteral("namesList"));
    m_names->setModel(m_controller->model());
    m_names->setAccessibleName(tr("Latest names, newest first"));
    m_namesCaption = new QLabel(tr("Latest &names, newest first"));
    m_namesCaption->setBuddy(m_names);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setSpacing(3); // tight: a projector's half screen (384 px) shows more names
    layout->setContentsMargins(9, 6, 9, 4);
    layout->addWidget(buildServerBox());
    layout->addWidget(m_rateBox);
    layout->addWidget(buildStatusRow());
    layout->addWidget(m_figures);
    layout->addWidget(m_namesCaption);
    layout->addWidget(m_names, 1);
    layout->addWidget(buildCleanupRow());
    setCentralWidget(central);
    m_statusSummary = new QLabel;
    m_statusSummary->setObjectName(QStringLiteral("statusSummary"));
    statusBar()->addPermanentWidget(m_statusSummary);
    createActions();

    m_host->setText(settings.host);
    m_port->setValue(settings.port);
    (settings.role == Role::Consumer ? m_consumer : m_producer)->setChecked(true);
    m_tag->setChecked(settings.tag);
    m_namesList->setCurrentIndex(m_namesList->findData(int(settings.names)));
    m_rate->setRate(settings.rate);
    m_controller->setRate(settings.rate);
    m_prefix->setText(settings.prefix);

    connect(m_connect, &QPushButton::clicked, this, &ClientWindow::onConnectClicked);
    connect(m_rate, &RateControl::rateChanged, this, [this] {
        m_controller->setRate(m_rate->rate());
        onRefreshed();
    });
    connect(m_producer, &QRadioButton::toggled, this, &ClientWindow::updateControls);
    connect(m_host, &QLineEdit::textChanged, this, &ClientWindow::updateControls);
    connect(m_cleanup, &QPushButton::clicked, this, &ClientWindow::cleanUp);
    connect(m_localCleanup, &common::CleanupFlow::busyChanged, m_cleanup, &QWidget::setDisabled);
    connect(m_localCleanup, &common::CleanupFlow::finished, this,
            [this](common::CleanupFlow::Outcome outcome, const QString& report) {
                showCleanupResult(outcome != common::CleanupFlow::Outcome::Removed, report);
            });
    connect(m_localCleanup, &common::CleanupFlow::cancelled, this,
            [this] { showCleanupResult(false, tr("cleanup cancelled; nothing removed")); });
    connect(m_controller, &ClientController::statusChanged, this, &ClientWindow::onStatusChanged);
    connect(m_controller, &ClientController::refreshed, this, &ClientWindow::onRefreshed);

    const QByteArray geometry =
        m_remembered ? m_remembered->value(kGeometryKey).toByteArray() : QByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(sizeHint().expandedTo(QSize(620, 600)));
    onStatusChanged();
    onRefreshed();
}

ClientWindow::~ClientWindow() = default;

QWidget* ClientWindow::buildServerBox()
{
    auto* box = new QGroupBox(tr("Server"));
    m_host = new QLineEdit;
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setAccessibleName(tr("Server host"));
    m_host->setPlaceholderText(QStringLiteral("127.0.0.1"));
    m_port = new QSpinBox;
    m_port->setObjectName(QStringLiteral("portSpin"));
    m_port->setRange(1, 65535);
    m_port->setAccessibleName(tr("Server port"));
    m_producer = new QRadioButton(tr("&Producer"));
    m_producer->setObjectName(QStringLiteral("producerRadio"));
    m_producer->setToolTip(tr("Send names at the set rate; the server stores each in the buffer."));
    m_consumer = new QRadioButton(tr("C&onsumer"));
    m_consumer->setObjectName(QStringLiteral("consumerRadio"));
    m_consumer->setToolTip(tr("Take names from the buffer through the server."));
    m_tag = new QCheckBox(tr("Ta&g names"));
    m_tag->setObjectName(QStringLiteral("tagCheck"));
    m_tag->setToolTip(tr("A producer numbers its names (Name#source-seq); a consumer checks them "
                         "for gaps and duplicates."));
    m_namesList = new QComboBox;
    m_namesList->setObjectName(QStringLiteral("namesCombo"));
    m_namesList->setAccessibleName(tr("Names list"));
    m_namesList->setToolTip(tr("The bundled list of first names a producer sends."));
    m_namesList->addItem(tr("International"), int(NameList::Bundled::International));
    m_namesList->addItem(tr("Czech"), int(NameList::Bundled::Czech));
    auto* namesLabel = new QLabel(tr("Na&mes"));
    namesLabel->setBuddy(m_namesList);
    m_connect = new QPushButton(tr("&Connect"));
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);

    auto* hostLabel = new QLabel(tr("&Host"));
    hostLabel->setBuddy(m_host);
    auto* portLabel = new QLabel(tr("Por&t"));
    portLabel->setBuddy(m_port);

    auto* top = new QHBoxLayout;
    top->addWidget(hostLabel);
    top->addWidget(m_host, 1);
    top->addWidget(portLabel);
    top->addWidget(m_port);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_producer);
    bottom->addWidget(m_consumer);
    bottom->addSpacing(12);
    bottom->addWidget(m_tag);
    bottom->addSpacing(12);
    bottom->addWidget(namesLabel);
    bottom->addWidget(m_namesList);
    bottom->addStretch(1);
    bottom->addWidget(m_connect);
    auto* layout = new QVBoxLayout(box);
    layout->addLayout(top);
    layout->addLayout(bottom);
    return box;
}

QWidget* ClientWindow::buildStatusRow()
{
    auto* row = new QWidget;
    m_stateBadge = new QLabel;
    m_stateBadge->setObjectName(QStringLiteral("stateBadge"));
    m_stateBadge->setAccessibleName(tr("Connection state"));
    m_stateBadge->setAlignment(Qt::AlignCenter);
    m_stateBadge->setMinimumWidth(180);
    m_stateDetail = new QLabel;
    m_stateDetail->setObjectName(QStringLiteral("stateDetail"));
    m_stateDetail->setAccessibleName(tr("Connection details"));
    m_stateDetail->setWordWrap(true);
    // Room for two lines, so that a longer message does not make the window jump.
    m_stateDetail->setMinimumHeight(2 * m_stateDetail->fontMetrics().lineSpacing());
    m_stateDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stateBadge);
    layout->addWidget(m_stateDetail, 1);
    return row;
}

QWidget* ClientWindow::buildCleanupRow()
{
    auto* box = new QWidget;
    m_prefix = new QLineEdit;
    m_prefix->setObjectName(QStringLiteral("prefixEdit"));
    m_prefix->setAccessibleName(tr("IPC name prefix"));
    m_prefix->setToolTip(tr("The objects are <prefix>_shm, _mutex, _empty, _full and _mq."));
    auto* prefixLabel = new QLabel(tr("IPC objects on this machine, pre&fix"));
    prefixLabel->setBuddy(m_prefix);
    m_cleanup = new QPushButton(tr("Clean&up…"));
    m_cleanup->setObjectName(QStringLiteral("cleanupButton"));
    m_cleanup->setToolTip(tr("Remove this machine's shared memory, semaphores and message queue "
                             "of the prefix (asks first if servers use them)."));
    m_remoteHint = new QLabel;
    m_remoteHint->setObjectName(QStringLiteral("remoteHint"));
    m_remoteHint->setWordWrap(true);
    m_remoteHint->setVisible(false);
    m_cleanupResult = new QLabel;
    m_cleanupResult->setObjectName(QStringLiteral("cleanupResult"));
    m_cleanupResult->setAccessibleName(tr("Cleanup result"));
    m_cleanupResult->setWordWrap(true);
    m_cleanupResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cleanupResult->setVisible(false); // until there is something to report

    auto* row = new QHBoxLayout;
    row->addWidget(prefixLabel);
    row->addWidget(m_prefix, 1);
    row->addWidget(m_cleanup);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_remoteHint);
    layout->addWidget(m_cleanupResult);
    return box;
}

void ClientWindow::createActions()
{
    auto* toggle = new QAction(tr("Connect or disconnect"), this);
    toggle->setShortcut(Qt::CTRL | Qt::Key_Return);
    connect(toggle, &QAction::triggered, this, &ClientWindow::onConnectClicked);
    addAction(toggle);

    auto* faster = new QAction(tr("Ten times faster"), this);
    faster->setShortcut(Qt::CTRL | Qt::Key_Up);
    connect(faster, &QAction::triggered, this, [this] { m_rate->stepDecades(1); });
    addAction(faster);
    auto* slower = new QAction(tr("Ten times slower"), this);
    slower->setShortcut(Qt::CTRL | Qt::Key_Down);
    connect(slower, &QAction::triggered, this, [this] { m_rate->stepDecades(-1); });
    addAction(slower);

    auto* clear = new QAction(tr("Clear the names list"), this);
    clear->setShortcut(Qt::CTRL | Qt::Key_L);
    connect(clear, &QAction::triggered, m_controller->model(), &NameLogModel::clear);
    addAction(clear);

    auto* quit = new QAction(tr("Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    addAction(quit);

    m_connect->setToolTip(tr("Connect or disconnect (Ctrl+Return)"));
}

ClientWindowSettings ClientWindow::settings() const
{
    ClientWindowSettings settings;
    settings.host = m_host->text().trimmed();
    settings.port = quint16(m_port->value());
    settings.role = m_consumer->isChecked() ? Role::Consumer : Role::Producer;
    settings.rate = m_rate->rate();
    settings.tag = m_tag->isChecked();
    settings.names = NameList::Bundled(m_namesList->currentData().toInt());
    settings.prefix = m_prefix->text().trimmed();
    return settings;
}

void ClientWindow::connectToServer()
{
    const ClientWindowSettings now = settings();
    m_controller->setRate(now.rate);
    m_controller->session().setNames(NameSource(NameList::bundled(now.names)));
    m_controller->connectToServer(now.host.isEmpty() ? QStringLiteral("127.0.0.1") : now.host,
                                  now.port, now.role, now.tag);
}

void ClientWindow::disconnectFromServer()
{
    m_controller->disconnectFromServer();
}

void ClientWindow::onConnectClicked()
{
    if (m_controller->isBusy())
        disconnectFromServer();
    else
        connectToServer();
}

void ClientWindow::onStatusChanged()
{
    const SessionStatus status = m_controller->status();
    m_stateBadge->setText(status.headline);
    m_stateBadge->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: white; font-weight: bold; "
                       "border-radius: 4px; padding: 4px 10px; }")
            .arg(toneColor(status.tone).name()));
    m_stateDetail->setText(status.detail);
    m_stateBadge->setAccessibleDescription(status.detail);

    const NameSession& session = m_controller->session();
    // Qt appends the application's display name ("prodcons client") to a title that does not
    // end with it already: the title says only what this window does.
    if (m_controller->isBusy())
        setWindowTitle(tr("%1 → %2:%3")
                           .arg(session.role() == Role::Consumer ? tr("consumer") : tr("producer"),
                                session.host())
                           .arg(session.port()));
    else
        setWindowTitle(tr("prodcons client"));
    updateControls();
}

void ClientWindow::onRefreshed()
{
    const NameSession& session = m_controller->session();
    const bool connected = m_controller->isBusy();
    const std::optional<Role> role =
        connected || session.role() ? session.role() : std::optional<Role>(settings().role);
    m_figures->showFigures(m_controller->figures(), role, session.isTagging(), m_rate->rate());
    // The detail line follows per-name errors as they come.
    const SessionStatus status = m_controller->status();
    if (m_stateDetail->text() != status.detail)
        m_stateDetail->setText(status.detail);
    const QString live = perMinuteText(m_controller->figures().rate * 60.0);
    const QString where = QStringLiteral("%1:%2").arg(session.host()).arg(session.port());
    QString summary;
    if (connected && session.role() == Role::Consumer)
        summary = tr("consumer ← %1 · live %2").arg(where, live);
    else if (connected)
        summary =
            tr("producer → %1 · set %2 · live %3").arg(where, setRateText(m_rate->rate()), live);
    if (m_statusSummary->text() != summary)
        m_statusSummary->setText(summary);
}

void ClientWindow::updateControls()
{
    const bool busy = m_controller->isBusy();
    for (QWidget* widget : std::initializer_list<QWidget*>{m_host, m_port, m_producer, m_consumer,
                                                           m_tag, m_namesList})
        widget->setEnabled(!busy);
    m_connect->setText(busy ? tr("&Disconnect") : tr("&Connect"));
    m_connect->setAccessibleName(busy ? tr("Disconnect") : tr("Connect"));
    // The rate is the producer's; while connected it follows the session's role.
    const NameSession& session = m_controller->session();
    const bool producer = busy ? session.role() == Role::Producer : m_producer->isChecked();
    // A consumer takes names as they come: the rate belongs to the producers.
    m_rate->setVisible(producer);
    m_rateLabel->setText(producer ? tr("&Rate")
                                  : tr("Rate: a consumer takes names as the "
                                       "producers send them"));
    m_rateLabel->setEnabled(producer);
    m_rateBox->setToolTip(producer ? tr("Names per minute; Ctrl+Up and Ctrl+Down: ten times "
                                        "faster or slower")
                                   : QString());
    // Cleanup reaches this machine's objects only; say so when the server is elsewhere.
    const bool local = isLocalHost(m_host->text());
    m_remoteHint->setVisible(!local);
    if (!local)
        m_remoteHint->setText(tr("The server %1 is on another machine: Cleanup acts on this "
                                 "machine only and does not touch its objects.")
                                  .arg(m_host->text().trimmed()));
}

void ClientWindow::cleanUp()
{
    m_cleanupResult->setText(tr("Looking at the objects of %1 …").arg(m_prefix->text().trimmed()));
    m_cleanupResult->setStyleSheet({});
    m_cleanupResult->setVisible(true);
    // Cleanup acts on this machine: a server elsewhere is named, so that the question and the
    // report say its machine is not affected.
    const QString host = m_host->text().trimmed();
    m_localCleanup->begin(m_prefix->text().trimmed(), isLocalHost(host) ? QString() : host);
}

void ClientWindow::showCleanupResult(bool failed, const QString& text)
{
    m_cleanupResult->setText(text);
    m_cleanupResult->setVisible(true);
    m_cleanupResult->setStyleSheet(
        failed
            ? QStringLiteral("color: %1;")
                  .arg(common::readableOn(statusColors::error(), palette().color(QPalette::Window))
                           .name())
            : QString());
    statusBar()->showMessage(text, 10'000);
}

void ClientWindow::closeEvent(QCloseEvent* event)
{
    m_controller->disconnectFromServer(); // a producer says quit
    if (m_remembered) {
        settings().save(*m_remembered);
        m_remembered->setValue(kGeometryKey, saveGeometry());
        m_remembered->sync();
    }
    event->accept();
}

} // namespace prodcons::client
