#include "teaching_panel.h"

#include "child_view.h"
#include "chrome_trace.h"
#include "forking_server.h"
#include "step_code_model.h"
#include "step_code_view.h"
#include "step_watcher.h"
#include "tempo_scale.h"
#include "timeline_model.h"
#include "timeline_panel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace prodcons::server {

namespace {

using namespace std::chrono_literals;

// The shared state may be changed by another server's window: looked at this often.
constexpr auto kStateInterval = 200ms;

QLabel* buddyLabel(const QString& text, QWidget* buddy)
{
    auto* label = new QLabel(text);
    label->setBuddy(buddy);
    return label;
}

} // namespace

TeachingPanel::TeachingPanel(ForkingServer& server, QWidget* parent)
    : QWidget(parent), m_server(server), m_watcher(new StepWatcher(server, this)),
      m_model(new StepCodeModel(this)), m_stateTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("teachingPanel"));
    m_watcher->setObjectName(QStringLiteral("stepWatcher"));
    m_model->setObjectName(QStringLiteral("stepCodeModel"));
    m_view = new StepCodeView(m_model);

    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("stepCodeScroll"));
    scroll->setWidget(m_view);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::StrongFocus); // scrolled with the arrow and page keys
    scroll->setAccessibleName(tr("Code view"));
    // Small windows scroll the code rather than grow: the window's smallest size stays that of
    // the other parts.
    scroll->setMinimumHeight(m_view->fontMetrics().height() * 2);

    // The timeline under the code: the same watcher feeds both.
    auto* timeline = new TimelineModel(this);
    timeline->setObjectName(QStringLiteral("timelineModel"));
    timeline->follow(*m_watcher);
    m_timelinePlace = new QWidget;
    m_timelinePlace->setObjectName(QStringLiteral("timelinePlace"));
    m_timelinePlace->setLayout(new QVBoxLayout);
    m_timelinePlace->layout()->setContentsMargins(0, 0, 0, 0);
    m_timelinePlace->layout()->addWidget(new TimelinePanel(timeline));

    m_split = new QSplitter(Qt::Vertical);
    m_split->setObjectName(QStringLiteral("teachingSplitter"));
    m_split->addWidget(scroll);
    m_split->addWidget(m_timelinePlace);
    m_split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildControls());
    layout->addWidget(m_split, 1);

    // Every step seen goes into the trace too, for Server > Save trace... (bounded: it keeps
    // at most ChromeTrace::kDefaultMaxEvents steps).
    m_trace = std::make_unique<ChromeTrace>();
    connect(m_watcher, &StepWatcher::updated, this, [this] { m_trace->add(m_watcher->lanes()); });
    connect(m_watcher, &StepWatcher::updated, this, &TeachingPanel::refresh);
    connect(m_stateTimer, &QTimer::timeout, this, &TeachingPanel::refresh);
    connect(&m_server, &ForkingServer::started, this, &TeachingPanel::refresh);
    connect(&m_server, &ForkingServer::stopped, this, &TeachingPanel::refresh);
    refresh();
}

TeachingPanel::~TeachingPanel() = default;

bool TeachingPanel::saveTrace(const QString& path, QString* error) const
{
    return m_trace->save(path, error);
}

QWidget* TeachingPanel::buildControls()
{
    m_tempo = new QSlider(Qt::Horizontal);
    m_tempo->setObjectName(QStringLiteral("tempoSlider"));
    m_tempo->setAccessibleName(tr("Slow motion: the wait before each step"));
    m_tempo->setToolTip(tr("How long every producer and consumer of the prefix waits before "
                           "each step, from full speed to 2 s per step. Shared by every "
                           "server of the prefix."));
    m_tempo->setRange(0, tempo_scale::positionCount() - 1);
    m_tempo->setPageStep(1);
    m_tempo->setTickPosition(QSlider::TicksBelow);
    m_tempo->setMinimumWidth(100);
    connect(m_tempo, &QSlider::valueChanged, this, &TeachingPanel::onTempoMoved);

    m_tempoText = new QLabel;
    m_tempoText->setObjectName(QStringLiteral("tempoText"));
    int widest = 0;
    for (int i = 0; i < tempo_scale::positionCount(); ++i)
        widest = std::max(widest, m_tempoText->fontMetrics().horizontalAdvance(
                                      tempo_scale::describe(tempo_scale::tempoAt(i))));
    m_tempoText->setMinimumWidth(widest + 4); // the slider does not jump as the words change

    m_pause = new QPushButton;
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Pause every producer and consumer of the prefix at its next step, "
                           "or let them all go on"));
    connect(m_pause, &QPushButton::toggled, this, &TeachingPanel::onPauseToggled);

    m_stepFor = new QComboBox;
    m_stepFor->setObjectName(QStringLiteral("stepForCombo"));
    m_stepFor->setAccessibleName(tr("The child that takes the next step"));
    m_stepFor->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_stepFor->setMinimumContentsLength(12);
    m_stepFor->addItem(tr("next in line"), 0);

    m_step = new QPushButton(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("St&ep"));
    m_step->setObjectName(QStringLiteral("stepButton"));
    m_step->setToolTip(tr("While paused: let the chosen child (or whichever comes first) take "
                          "exactly one step"));
    connect(m_step, &QPushButton::clicked, this, &TeachingPanel::onStepClicked);

    auto* controls = new QWidget;
    controls->setObjectName(QStringLiteral("teachingControls"));
    auto* row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(buddyLabel(tr("Slo&w motion:"), m_tempo));
    row->addWidget(m_tempo, 1);
    row->addWidget(m_tempoText);
    row->addSpacing(8);
    row->addWidget(m_pause);
    row->addSpacing(8);
    row->addWidget(buddyLabel(tr("&Next step by:"), m_stepFor));
    row->addWidget(m_stepFor);
    row->addWidget(m_step);
    return controls;
}

void TeachingPanel::setStoppedMode(ipc::Mode mode)
{
    m_stoppedMode = mode;
    refresh();
}

void TeachingPanel::showEvent(QShowEvent* event)
{
    m_watcher->start();
    m_stateTimer->start(kStateInterval);
    refresh();
    QWidget::showEvent(event);
}

void TeachingPanel::hideEvent(QHideEvent* event)
{
    // Nobody looks: the children need not read the clock at every step for us.
    m_watcher->stop();
    m_stateTimer->stop();
    QWidget::hideEvent(event);
}

void TeachingPanel::refresh()
{
    const bool running = m_server.isRunning();
    m_model->setMode(running ? m_server.config().mode : m_stoppedMode);
    if (running && m_watcher->isWatching())
        m_model->update(m_watcher->lanes(), m_server.teachingState());
    else
        m_model->clear();
    showTeachingState();
    showChildChoices();
}

void TeachingPanel::showTeachingState()
{
    const bool running = m_server.isRunning();
    const ipc::TeachingState state = m_server.teachingState();
    const std::chrono::milliseconds tempo(state.tempo_ms);
    // Set without echoing it back into the shared block; not while a person drags the slider.
    if (!m_tempo->isSliderDown()) {
        const QSignalBlocker quiet(m_tempo);
        m_tempo->setValue(tempo_scale::positionOf(tempo));
    }
    m_tempoText->setText(tempo_scale::describe(
        m_tempo->isSliderDown() ? tempo_scale::tempoAt(m_tempo->value()) : tempo));
    {
        const QSignalBlocker quiet(m_pause);
        m_pause->setChecked(state.paused);
    }
    const QString pauseText = state.paused ? tr("Res&ume") : tr("Pa&use");
    if (m_pause->text() != pauseText) {
        m_pause->setText(pauseText);
        m_pause->setIcon(
            style()->standardIcon(state.paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    }
    m_tempo->setEnabled(running);
    m_pause->setEnabled(running);
    m_stepFor->setEnabled(running);
    m_step->setEnabled(running && state.paused);
}

void TeachingPanel::showChildChoices()
{
    // The live children of the shown loops, producers first, as the code view lists them.
    std::vector<std::pair<pid_t, QString>> choices;
    for (const CodeMarker& marker : m_model->markers())
        if (marker.present)
            choices.emplace_back(marker.pid,
                                 tr("%1 %2")
                                     .arg(marker.pid)
                                     .arg(roleText(marker.kind == ipc::layout::Kind::Consumer
                                                       ? ChildRole::Consumer
                                                       : ChildRole::Producer)));
    bool same = m_stepFor->count() == static_cast<int>(choices.size()) + 1;
    for (std::size_t i = 0; same && i < choices.size(); ++i)
        same = m_stepFor->itemData(static_cast<int>(i) + 1).toInt() == choices[i].first &&
               m_stepFor->itemText(static_cast<int>(i) + 1) == choices[i].second;
    if (same)
        return;
    const int chosen = m_stepFor->currentData().toInt();
    const QSignalBlocker quiet(m_stepFor);
    while (m_stepFor->count() > 1)
        m_stepFor->removeItem(1);
    for (const auto& [pid, text] : choices)
        m_stepFor->addItem(text, int(pid));
    // The chosen child while it lives; "next in line" once it is gone.
    m_stepFor->setCurrentIndex(std::max(0, m_stepFor->findData(chosen)));
}

void TeachingPanel::onTempoMoved(int position)
{
    const auto tempo = tempo_scale::tempoAt(position);
    m_server.setTempo(tempo);
    m_tempoText->setText(tempo_scale::describe(tempo));
}

void TeachingPanel::onPauseToggled(bool paused)
{
    m_server.setPaused(paused);
    showTeachingState();
}

void TeachingPanel::onStepClicked()
{
    m_server.grantStep(static_cast<pid_t>(m_stepFor->currentData().toInt()));
}

} // namespace prodcons::server
