#include "client_window.h"

#include "cleanup_flow.h"
#include "client_controller.h"
#include "figures_panel.h"
#include "local_host.h"
#include "name_list_view.h"
#include "picture_view.h"
#include "rate_control.h"
#include "rate_text.h"
#include "readable_color.h"
#include "status_colors.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>
#include <utility>

namespace prodcons::client {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");

// The names box's entries besides the bundled lists (whose data is their NameList::Bundled).
constexpr int kPictureEntry = -1;       // the picture chosen, "Picture: tree.pbm"
constexpr int kChoosePictureEntry = -2; // "Picture file…": asks for one
constexpr int kPictureNameChars = 16;   // a longer file name is cut in the middle

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

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setSpacing(3); // tight: a projector's half screen (384 px) shows more names
    layout->setContentsMargins(9, 6, 9, 4);
    layout->addWidget(buildServerBox());
    layout->addWidget(m_rateBox);
    layout->addWidget(buildStatusRow());
    layout->addWidget(buildNamesArea(), 1);
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
    m_bundledChoice = settings.names;
    m_namesList->setCurrentIndex(m_namesList->findData(int(settings.names)));
    m_rate->setRate(settings.rate);
    m_controller->setRate(settings.rate);
    m_prefix->setText(settings.prefix);

    connect(m_connect, &QPushButton::clicked, this, &ClientWindow::onConnectClicked);
    connect(m_rate, &RateControl::rateChanged, this, [this] {
        m_controller->setRate(m_rate->rate());
        onRefreshed();
    });
    connect(m_producer, &QRadioButton::toggled, this, [this] {
        updateControls();
        showStatus(m_controller->status(this->settings().role));
    });
    connect(m_namesList, &QComboBox::activated, this, &ClientWindow::onNamesChoiceActivated);
    connect(m_namesList, &QComboBox::currentIndexChanged, this,
            &ClientWindow::onNamesChoiceChanged);
    connect(m_controller, &ClientController::sessionStarted, this, [this] {
        m_pictureView->reset(); // a new session: what the last one received is history
        m_pictureView->hide();
        m_figures->setPlotShown(true);
    });
    m_controller->setReceivedLineHandler(
        [view = m_pictureView](QByteArrayView line) { view->feedLine(line); });
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
    m_namesList->setSizeAdjustPolicy(QComboBox::AdjustToContents); // a picture's name shows
    m_namesList->setToolTip(tr("What a producer sends: a bundled list of first names, or a "
                               "black-and-white picture (.pbm) line by line (Ctrl+O)."));
    m_namesList->addItem(tr("International"), int(NameList::Bundled::International));
    m_namesList->addItem(tr("Czech"), int(NameList::Bundled::Czech));
    m_namesList->addItem(tr("Picture file…"), kChoosePictureEntry);
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

QWidget* ClientWindow::buildNamesArea()
{
    m_names = new NameListView;
    m_names->setObjectName(QStringLiteral("namesList"));
    m_names->setModel(m_controller->model());
    m_names->setAccessibleName(tr("Latest names, newest first"));
    // A narrow list beside a picture cuts its rows' ends rather than give a row of its little
    // height to a scroll bar.
    m_names->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_namesCaption = new QLabel(tr("Latest &names, newest first"));
    m_namesCaption->setBuddy(m_names);
    // Beside the caption, not under it: a projector's quarter screen has no height to spare.
    m_pictureProgress = new QProgressBar;
    m_pictureProgress->setObjectName(QStringLiteral("pictureProgress"));
    m_pictureProgress->setAccessibleName(tr("Picture lines stored"));
    m_pictureProgress->setMaximumHeight(m_namesCaption->sizeHint().height() + 2);
    m_pictureProgress->setVisible(false);

    auto* captionRow = new QHBoxLayout;
    captionRow->setContentsMargins(0, 0, 0, 0);
    captionRow->addWidget(m_namesCaption);
    captionRow->addWidget(m_pictureProgress, 1);
    // The figures go with the names, so that a picture beside them gets the height of both: a
    // picture is usually taller than wide, and a projector's quarter screen has 384 pixels.
    auto* namesPane = new QWidget;
    auto* namesLayout = new QVBoxLayout(namesPane);
    namesLayout->setContentsMargins(0, 0, 0, 0);
    namesLayout->setSpacing(3);
    namesLayout->addWidget(m_figures);
    namesLayout->addLayout(captionRow);
    namesLayout->addWidget(m_names, 1);

    m_pictureView = new PictureView;
    m_pictureView->setObjectName(QStringLiteral("pictureView"));
    m_pictureView->setVisible(false); // until a consumer receives a picture
    m_namesAndPicture = new QSplitter(Qt::Horizontal);
    m_namesAndPicture->setObjectName(QStringLiteral("namesAndPicture"));
    m_namesAndPicture->setChildrenCollapsible(false);
    m_namesAndPicture->addWidget(namesPane);
    m_namesAndPicture->addWidget(m_pictureView);
    m_namesAndPicture->setStretchFactor(0, 1);
    m_namesAndPicture->setStretchFactor(1, 1);
    return m_namesAndPicture;
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

    auto* picture = new QAction(tr("Send a picture…"), this);
    picture->setShortcut(QKeySequence::Open);
    connect(picture, &QAction::triggered, this, [this] {
        if (!m_controller->isBusy())
            choosePictureFile();
    });
    addAction(picture);

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
    settings.names = m_bundledChoice; // a picture is this run's choice, not remembered
    settings.prefix = m_prefix->text().trimmed();
    return settings;
}

void ClientWindow::connectToServer()
{
    const ClientWindowSettings now = settings();
    m_controller->setRate(now.rate);
    m_controller->setNameList(now.names);
    m_controller->connectToServer(now.host.isEmpty() ? QStringLiteral("127.0.0.1") : now.host,
                                  now.port, now.role, now.tag);
}

void ClientWindow::disconnectFromServer()
{
    m_controller->disconnectFromServer();
}

void ClientWindow::setPicture(std::optional<PictureToSend> picture)
{
    if (const int old = m_namesList->findData(kPictureEntry); old >= 0)
        m_namesList->removeItem(old);
    if (picture) {
        const int at = m_namesList->findData(kChoosePictureEntry);
        // The file's name alone, and short, so that the window keeps its width at a projector's
        // quarter screen: the detail line says it is a picture, the tool tip where it is.
        QString name = picture->fileName();
        if (name.size() > kPictureNameChars)
            name = name.left(kPictureNameChars / 2 - 1) + QStringLiteral("…") +
                   name.right(kPictureNameChars / 2 - 1);
        m_namesList->insertItem(at, name, kPictureEntry);
        m_namesList->setItemData(at,
                                 tr("%1: %2 x %3 pixels, %4 lines")
                                     .arg(QDir::toNativeSeparators(picture->path()))
                                     .arg(picture->width())
                                     .arg(picture->height())
                                     .arg(QLocale().toString(qint64(picture->lineCount()))),
                                 Qt::ToolTipRole);
        m_namesList->setCurrentIndex(at);
    } else {
        m_namesList->setCurrentIndex(m_namesList->findData(int(m_bundledChoice)));
    }
    m_controller->setPicture(std::move(picture));
    updateControls();
    showStatus(m_controller->status(settings().role));
}

void ClientWindow::choosePictureFile()
{
    const QString start = m_controller->picture() ? m_controller->picture()->path() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Send a picture"), start,
                                                      tr("PBM pictures (*.pbm);;All files (*)"));
    if (path.isEmpty()) {
        setPicture(m_controller->picture()); // the box shows what is chosen, as before
        return;
    }
    QString error;
    std::optional<PictureToSend> picture = PictureToSend::load(path, &error);
    if (!picture) {
        QMessageBox::warning(this, tr("Send a picture"), error);
        setPicture(m_controller->picture());
        return;
    }
    setPicture(std::move(picture));
}

void ClientWindow::onNamesChoiceActivated(int index)
{
    // Only a person's choice asks for a file; a list chosen any way is handled below.
    if (m_namesList->itemData(index).toInt() == kChoosePictureEntry)
        choosePictureFile();
}

void ClientWindow::onNamesChoiceChanged(int index)
{
    const int entry = m_namesList->itemData(index).toInt();
    if (entry < 0)
        return; // the picture, or "Picture file…" (activated, above)
    m_bundledChoice = NameList::Bundled(entry);
    if (m_controller->picture())
        setPicture(std::nullopt); // a list chosen: names again (leaves this entry current)
}

void ClientWindow::onConnectClicked()
{
    if (m_controller->isBusy())
        disconnectFromServer();
    else
        connectToServer();
}

void ClientWindow::showStatus(const SessionStatus& status)
{
    if (m_stateBadge->text() != status.headline)
        m_stateBadge->setText(status.headline);
    const QString style =
        QStringLiteral("QLabel { background: %1; color: white; font-weight: bold; "
                       "border-radius: 4px; padding: 4px 10px; }")
            .arg(toneColor(status.tone).name());
    if (m_stateBadge->styleSheet() != style)
        m_stateBadge->setStyleSheet(style);
    if (m_stateDetail->text() != status.detail) {
        m_stateDetail->setText(status.detail);
        m_stateBadge->setAccessibleDescription(status.detail);
    }
}

void ClientWindow::onStatusChanged()
{
    showStatus(m_controller->status(settings().role));

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
    // The detail line follows per-name errors and a picture's progress as they come.
    showStatus(m_controller->status(settings().role));
    showPictureProgress();
    showPictureWhenOneArrives();
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

void ClientWindow::showPictureProgress()
{
    const PictureToSend* picture = m_controller->pictureInSession();
    m_pictureProgress->setVisible(picture != nullptr);
    if (!picture)
        return;
    const SessionFigures& figures = m_controller->figures();
    const int total = int(picture->lineCount()); // a picture has at most 16,386 rows of lines
    const int stored = int(std::min<qint64>(figures.acknowledged, total));
    m_pictureProgress->setRange(0, total);
    m_pictureProgress->setValue(stored);
    const QLocale locale;
    const QString text =
        tr("%1 of %2 lines stored").arg(locale.toString(stored), locale.toString(total));
    if (m_pictureProgress->format() != text) {
        m_pictureProgress->setFormat(text);
        m_pictureProgress->setAccessibleDescription(text);
    }
}

void ClientWindow::showPictureWhenOneArrives()
{
    // Names stay a plain list; the picture pane opens at the first picture header a consumer
    // receives, and stays with its picture until the next session.
    if (m_pictureView->isVisible() || m_controller->session().role() != Role::Consumer ||
        !m_pictureView->hasPicture())
        return;
    // The picture takes the plot's room: beside the counters and the names it gets the height
    // of both, and the window keeps its width (602 pixels on a projector's quarter screen).
    m_figures->setPlotShown(false);
    m_pictureView->show();
    // As wide as the picture is at the pane's height, between a third and two thirds.
    const PbmStreamDecoder& decoder = m_pictureView->decoder();
    const int total = m_namesAndPicture->width();
    const int fitting =
        m_namesAndPicture->height() * decoder.width() / std::max(decoder.height(), 1);
    const int wanted = std::clamp(fitting + 8, total / 4, total / 2);
    m_namesAndPicture->setSizes({total - wanted, wanted});
}

void ClientWindow::updateControls()
{
    const bool busy = m_controller->isBusy();
    for (QWidget* widget : std::initializer_list<QWidget*>{m_host, m_port, m_producer, m_consumer})
        widget->setEnabled(!busy);
    // What a producer sends is a producer's choice; a picture's lines are never tagged.
    const bool producerChosen = m_producer->isChecked();
    m_namesList->setEnabled(!busy && producerChosen);
    const bool sendsPicture = producerChosen && m_controller->picture();
    m_tag->setEnabled(!busy && !sendsPicture);
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
    m_controller->disconnectFromServer(); // says quit, a producer and a consumer alike
    if (m_remembered) {
        settings().save(*m_remembered);
        m_remembered->setValue(kGeometryKey, saveGeometry());
        m_remembered->sync();
    }
    event->accept();
    // The connection stays open until the server has closed it, so that nothing is unread when
    // it closes: a reset could overtake a consumer's last OKs (NameSession::dropSocket).
    NameSession& session = m_controller->session();
    if (session.isClosing() && !std::exchange(m_closedBefore, true))
        connect(&session, &NameSession::closed, this, &ClientWindow::readyToQuit,
                Qt::SingleShotConnection);
    else
        emit readyToQuit();
}

} // namespace prodcons::client
