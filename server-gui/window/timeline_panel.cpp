#include "timeline_panel.h"

#include "timeline_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace prodcons::server {

TimelinePanel::TimelinePanel(TimelineModel* model, QWidget* parent)
    : QWidget(parent), m_view(new TimelineView(model, this)), m_freeze(new QToolButton(this)),
      m_span(new QComboBox(this))
{
    m_freeze->setText(tr("Free&ze"));
    m_freeze->setCheckable(true);
    m_freeze->setToolTip(tr("Stop the timeline scrolling to look at it; the steps keep being "
                            "recorded and show again when it runs on (F)"));
    for (TimelineNs span : TimelineView::kSpans)
        m_span->addItem(tr("%1 s").arg(span / 1'000'000'000));
    m_span->setCurrentIndex(m_view->spanIndex());
    m_span->setToolTip(tr("How many seconds the timeline shows (the wheel, + and - too)"));
    auto* spanLabel = new QLabel(tr("Sp&an:"), this);
    spanLabel->setBuddy(m_span);

    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(m_freeze);
    controls->addSpacing(12);
    controls->addWidget(spanLabel);
    controls->addWidget(m_span);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

    connect(m_freeze, &QToolButton::toggled, m_view, &TimelineView::setFrozen);
    connect(m_view, &TimelineView::frozenChanged, m_freeze, &QToolButton::setChecked);
    connect(m_span, &QComboBox::currentIndexChanged, m_view, &TimelineView::setSpanIndex);
    connect(m_view, &TimelineView::spanChanged, m_span, &QComboBox::setCurrentIndex);
}

} // namespace prodcons::server
