// TimelinePanel: the timeline with its controls above it: Freeze, and the span shown. The
// controls and the view's own keys and wheel stay in step through the view's signals.
#pragma once

#include <QWidget>

class QComboBox;
class QToolButton;

namespace prodcons::server {

class TimelineModel;
class TimelineView;

class TimelinePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TimelinePanel(TimelineModel* model, QWidget* parent = nullptr);

    TimelineView* view() const { return m_view; }
    QToolButton* freezeButton() const { return m_freeze; }
    QComboBox* spanBox() const { return m_span; }

private:
    TimelineView* m_view = nullptr;
    QToolButton* m_freeze = nullptr;
    QComboBox* m_span = nullptr;
};

} // namespace prodcons::server
