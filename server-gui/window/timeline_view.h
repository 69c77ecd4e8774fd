// TimelineView: draws a TimelineModel as swimlanes, one per producer or consumer child, time
// running left to right over the chosen span (1, 5, 20 or 60 s) and ending now, or where the
// view was frozen. Each pixel column shows the share of its time in each state (waiting for
// the buffer, for the mutex, in the critical section, signalling, on the socket), so a lane
// reads the same at one step a second as at a million; the name a step moved is written
// inside intervals wide enough for it. Repaints at most 20 times a second, at a cost bounded
// by its width.
//
// Wheel, +/- and the zoom control change the span; F (or Space) freezes. Tool tips tell the
// step, the name and the duration under the pointer.
#pragma once

#include "timeline_model.h"

#include <QColor>
#include <QFontMetrics>
#include <QTimer>
#include <QWidget>
#include <functional>

namespace prodcons::server {

class TimelineView : public QWidget
{
    Q_OBJECT

public:
    /// The spans a person can choose, shortest first.
    static constexpr std::array<TimelineNs, 4> kSpans{1'000'000'000, 5'000'000'000, 20'000'000'000,
                                                      60'000'000'000};
    static constexpr int kDefaultSpanIndex = 1;
    static constexpr int kFrameIntervalMs = 50; ///< at most 20 repaints a second

    explicit TimelineView(TimelineModel* model, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// The span shown, in ns, and its index in kSpans.
    TimelineNs span() const { return kSpans[std::size_t(m_spanIndex)]; }
    int spanIndex() const { return m_spanIndex; }
    void setSpanIndex(int index);
    void zoomIn() { setSpanIndex(m_spanIndex - 1); }
    void zoomOut() { setSpanIndex(m_spanIndex + 1); }

    bool isFrozen() const;
    void setFrozen(bool frozen);

    /// The colour of a state (the legend's): Okabe and Ito's palette, told apart with every
    /// common colour-vision deficiency and on a projector.
    static QColor stateColor(ipc::StepState state);
    /// "waiting for a slot or a name", ...: the legend's words for a state.
    static QString stateText(ipc::StepState state);
    /// The words inside an interval: the name the step moved (marked with an ellipsis when only
    /// its start was recorded), or the step when it moved none.
    static QString intervalText(const TimelineSpan& span);
    /// intervalText() elided to `width` pixels; empty when not even a letter fits.
    static QString elidedIntervalText(const TimelineSpan& span, const QFontMetrics& metrics,
                                      int width);
    /// "1234 producer, SHM", and "(left)" for a child that is gone.
    static QString laneLabel(const TimelineLane& lane);

    /// Where things are drawn, for tests and tool tips: the plot (lanes without labels), the
    /// rectangle of lane `index`, the legend, and the x of time `t`.
    QRect plotRect() const;
    QRect laneRect(int index) const;
    QRect legendRect() const;
    int xOf(TimelineNs t) const;
    TimelineNs timeAt(int x) const;
    /// The lane under `pos`, or -1.
    int laneAt(QPoint pos) const;
    /// The tool tip for `pos` (empty where there is nothing).
    QString toolTipAt(QPoint pos) const;

    /// Where "now" comes from while live (CLOCK_MONOTONIC; tests give their own).
    void setClock(std::function<TimelineNs()> clock) { m_clock = std::move(clock); }

signals:
    void spanChanged(int index);
    void frozenChanged(bool frozen);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void onFrame();
    int labelWidth() const;
    int axisHeight() const;
    int legendHeight(int width) const;
    int laneHeight() const;
    TimelineNs from() const { return m_model->end() - span(); }
    void paintAxis(QPainter& painter) const;
    void paintLane(QPainter& painter, int index) const;
    void paintNames(QPainter& painter, int index, const QRect& area) const;
    void paintLegend(QPainter& painter) const;

    TimelineModel* m_model = nullptr;
    int m_spanIndex = kDefaultSpanIndex;
    QTimer m_frame;
    bool m_dirty = true;
    std::function<TimelineNs()> m_clock = timelineNow;
};

} // namespace prodcons::server
