// A small plot of the live rate over the last minute, with the set rate as a dashed line.
#pragma once

#include <QWidget>
#include <optional>

namespace prodcons::client {

class RateHistory;

/// Paints a RateHistory (not owned; call update() after adding to it, or refresh()) and,
/// for a producer, the set rate. Only paints; the samples come from the controller.
class RatePlot : public QWidget
{
    Q_OBJECT

public:
    explicit RatePlot(const RateHistory& history, QWidget* parent = nullptr);

    /// The producer's set rate in names per minute; nullopt for none (consumer, or max).
    void setTarget(std::optional<double> perMinute);
    /// Repaints and updates the accessible description ("live 118/min, set 120/min").
    void refresh(double livePerMinute);

    QSize sizeHint() const override { return {320, 96}; }
    QSize minimumSizeHint() const override { return {160, 64}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    const RateHistory& m_history;
    std::optional<double> m_target;
    double m_live = 0;
};

} // namespace prodcons::client
