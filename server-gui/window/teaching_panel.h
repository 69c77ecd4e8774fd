// TeachingPanel: the "Teaching" part of the server window (issue 14). The controls of the
// prefix's shared teaching state (ipc/teaching.h): slow motion (the tempo), Pause/Resume, and
// Step for a chosen child or the next one in line; under them the code view (StepCodeModel,
// StepCodeView) and the timeline (TimelineModel, TimelinePanel), in a splitter. The controls show
// the shared state as it is, since any other server of the prefix may change it. It watches
// (StepWatcher) only while it is visible: watching costs every child a clock read per step.
#pragma once

#include "ipc/config.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSplitter;
class QTimer;

namespace prodcons::server {

class ChromeTrace;
class ForkingServer;
class StepCodeModel;
class StepCodeView;
class StepWatcher;

class TeachingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TeachingPanel(ForkingServer& server, QWidget* parent = nullptr);
    ~TeachingPanel() override;

    /// The loops shown while the server is stopped (the window's Mode setting); a running
    /// server shows those of its own mode.
    void setStoppedMode(ipc::Mode mode);

    StepWatcher& watcher() { return *m_watcher; }
    /// The timeline's place under the code view, in a splitter.
    QWidget* timelinePlace() const { return m_timelinePlace; }

    /// The steps seen while this part was shown, as a Chrome trace (Server > Save trace...).
    const ChromeTrace& trace() const { return *m_trace; }
    /// Writes them to `path`; false with the reason in `*error` when it cannot.
    bool saveTrace(const QString& path, QString* error) const;

public slots:
    /// Reads the shared state and the watcher's lanes now (a timer does it while visible).
    void refresh();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* buildControls();
    void showTeachingState();
    void showChildChoices();
    void onTempoMoved(int position);
    void onPauseToggled(bool paused);
    void onStepClicked();

    ForkingServer& m_server;
    StepWatcher* m_watcher = nullptr;
    StepCodeModel* m_model = nullptr;
    StepCodeView* m_view = nullptr;
    QTimer* m_stateTimer = nullptr;
    ipc::Mode m_stoppedMode = ipc::Mode::Shm;

    QSlider* m_tempo = nullptr;
    QLabel* m_tempoText = nullptr;
    QPushButton* m_pause = nullptr;
    QComboBox* m_stepFor = nullptr;
    QPushButton* m_step = nullptr;
    QSplitter* m_split = nullptr;
    QWidget* m_timelinePlace = nullptr;
    std::unique_ptr<ChromeTrace> m_trace;
};

} // namespace prodcons::server
