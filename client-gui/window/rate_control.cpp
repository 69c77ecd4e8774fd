#include "rate_control.h"

#include "rate_scale.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <cstdlib>

namespace prodcons::client {

RateControl::RateControl(QWidget* parent)
    : QWidget(parent), m_slider(new QSlider(Qt::Horizontal)), m_spin(new QSpinBox),
      m_max(new QCheckBox(tr("Ma&x")))
{
    m_slider->setObjectName(QStringLiteral("rateSlider"));
    m_slider->setRange(0, RateScale::kPositions);
    m_slider->setSingleStep(5);
    m_slider->setPageStep(RateScale::kPerDecade); // a power of ten
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setTickInterval(RateScale::kPerDecade);
    m_slider->setAccessibleName(tr("Rate (logarithmic, 1 to 1,000,000 names per minute)"));
    m_slider->setToolTip(tr("Names per minute, one tick per power of ten: 1, 10, 100, … "
                            "1,000,000. PgUp/PgDown move by ten times."));

    m_spin->setObjectName(QStringLiteral("rateSpin"));
    m_spin->setRange(int(Rate::kMinPerMinute), int(Rate::kMaxPerMinute));
    m_spin->setSuffix(tr(" /min"));
    m_spin->setGroupSeparatorShown(true);
    m_spin->setKeyboardTracking(false); // a typed value applies on Enter or when leaving
    m_spin->setAccessibleName(tr("Rate in names per minute"));

    m_max->setObjectName(QStringLiteral("rateMax"));
    m_max->setAccessibleName(tr("As fast as possible"));
    m_max->setToolTip(tr("Unthrottled: as fast as the server answers."));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);
    layout->addWidget(m_max);
    setFocusProxy(m_slider);

    connect(m_slider, &QSlider::valueChanged, this, &RateControl::onSliderMoved);
    connect(m_spin, &QSpinBox::valueChanged, this, &RateControl::onSpinChanged);
    connect(m_max, &QCheckBox::toggled, this, &RateControl::onMaxToggled);
    setRate(Rate::perMinute(60));
}

Rate RateControl::rate() const
{
    return m_max->isChecked() ? Rate::unthrottled() : Rate::perMinute(m_spin->value());
}

void RateControl::setRate(Rate rate)
{
    const QSignalBlocker blockSlider(m_slider);
    const QSignalBlocker blockSpin(m_spin);
    const QSignalBlocker blockMax(m_max);
    m_max->setChecked(rate.isUnthrottled());
    if (!rate.isUnthrottled()) {
        m_spin->setValue(int(rate.namesPerMinute()));
        m_slider->setValue(RateScale::positionFor(rate.namesPerMinute()));
    }
    m_slider->setEnabled(!rate.isUnthrottled());
    m_spin->setEnabled(!rate.isUnthrottled());
}

void RateControl::stepDecades(int decades)
{
    if (m_max->isChecked() || decades == 0)
        return;
    qint64 value = m_spin->value();
    for (int i = 0; i < std::abs(decades); ++i)
        value = decades > 0 ? value * 10 : value / 10;
    m_spin->setValue(int(Rate::perMinute(value).namesPerMinute())); // emits through onSpinChanged
}

void RateControl::onSliderMoved(int position)
{
    const QSignalBlocker block(m_spin);
    m_spin->setValue(int(RateScale::perMinuteAt(position)));
    emit rateChanged();
}

void RateControl::onSpinChanged(int perMinute)
{
    const QSignalBlocker block(m_slider);
    m_slider->setValue(RateScale::positionFor(perMinute));
    emit rateChanged();
}

void RateControl::onMaxToggled(bool unthrottled)
{
    m_slider->setEnabled(!unthrottled);
    m_spin->setEnabled(!unthrottled);
    emit rateChanged();
}

} // namespace prodcons::client
