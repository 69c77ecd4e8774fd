// The producer's rate: a logarithmic slider, a spin box with the exact value, and "max".
#pragma once

#include "rate.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QCheckBox;
class QSlider;
class QSpinBox;
QT_END_NAMESPACE

namespace prodcons::client {

/// Keeps the slider (RateScale positions), the spin box (names per minute) and the "max" box in
/// step, and says rateChanged() once per change made by the user: while the slider is dragged,
/// when a typed value is confirmed, when "max" is toggled. Read the new value with rate().
class RateControl : public QWidget
{
    Q_OBJECT

public:
    explicit RateControl(QWidget* parent = nullptr);

    Rate rate() const;
    /// Shows `rate` without emitting rateChanged().
    void setRate(Rate rate);
    /// Ten times faster (1) or slower (-1), as if the user had typed it; not when at "max".
    void stepDecades(int decades);

    QSlider* slider() const { return m_slider; }
    QSpinBox* spinBox() const { return m_spin; }
    QCheckBox* maxBox() const { return m_max; }

signals:
    void rateChanged();

private:
    void onSliderMoved(int position);
    void onSpinChanged(int perMinute);
    void onMaxToggled(bool unthrottled);

    QSlider* m_slider = nullptr;
    QSpinBox* m_spin = nullptr;
    QCheckBox* m_max = nullptr;
};

} // namespace prodcons::client
