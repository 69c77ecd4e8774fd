#include "rate_plot.h"

#include "rate_history.h"
#include "rate_text.h"
#include "readable_color.h"
#include "status_colors.h"

#include <QPainter>
#include <QPainterPath>
#include <cmath>

namespace prodcons::client {

namespace {

/// 1, 2 or 5 times a power of ten, at least `value`: a round top for the axis.
double niceCeiling(double value)
{
    if (value <= 1)
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0})
        if (step * power >= value)
            return step * power;
    return 10 * power;
}

} // namespace

RatePlot::RatePlot(const RateHistory& history, QWidget* parent)
    : QWidget(parent), m_history(history)
{
    setAccessibleName(tr("Live rate over the last minute"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void RatePlot::setTarget(std::optional<double> perMinute)
{
    m_target = perMinute;
    update();
}

void RatePlot::refresh(double livePerMinute)
{
    m_live = livePerMinute;
    setAccessibleDescription(
        m_target ? tr("live %1, set %2").arg(perMinuteText(m_live), perMinuteText(*m_target))
                 : tr("live %1").arg(perMinuteText(m_live)));
    update();
}

void RatePlot::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    // The state colours, readable on this background in light and dark themes.
    const QColor live = common::readableOn(statusColors::info(), pal.color(QPalette::Base));
    const QColor set = common::readableOn(statusColors::good(), pal.color(QPalette::Base));
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));

    const QFontMetrics metrics(font());
    const double top = niceCeiling(std::max({m_history.peak(), m_target.value_or(0), 1.0}) * 1.1);
    const QString topText = perMinuteText(top);
    const int labelWidth = metrics.horizontalAdvance(topText) + 8;
    const QRectF plot =
        QRectF(rect()).adjusted(labelWidth, metrics.height() / 2.0 + 4, -8, -metrics.height() - 6);
    if (plot.width() < 10 || plot.height() < 10)
        return;

    // Axes: the top value and 0 on the left, the minute along the bottom.
    QColor dim = pal.color(QPalette::Text);
    dim.setAlphaF(0.55f);
    painter.setPen(dim);
    painter.drawText(
        QRectF(0, plot.top() - metrics.height() / 2.0, labelWidth - 4, metrics.height()),
        Qt::AlignRight | Qt::AlignVCenter, topText);
    painter.drawText(
        QRectF(0, plot.bottom() - metrics.height() / 2.0, labelWidth - 4, metrics.height()),
        Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
    const QRectF bottomLabels(plot.left(), plot.bottom() + 3, plot.width(), metrics.height());
    painter.drawText(bottomLabels, Qt::AlignLeft, tr("−60 s"));
    painter.drawText(bottomLabels, Qt::AlignRight, tr("now"));
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlphaF(0.5f);
    painter.setPen(QPen(grid, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.topLeft(), plot.topRight());

    const double span = double(m_history.spanMsecs());
    const double now = double(m_history.latestMsecs());
    auto pointOf = [&](qint64 msecs, double perMinute) {
        const double x = plot.right() - (now - double(msecs)) / span * plot.width();
        const double y = plot.bottom() - std::min(perMinute / top, 1.0) * plot.height();
        return QPointF(std::max(x, plot.left()), y);
    };

    // The live rate: a line with the area below it lightly filled.
    const auto& samples = m_history.samples();
    if (samples.size() >= 2) {
        QPainterPath line;
        line.moveTo(pointOf(samples.front().msecs, samples.front().perMinute));
        for (const RateHistory::Sample& sample : samples)
            line.lineTo(pointOf(sample.msecs, sample.perMinute));
        QPainterPath area = line;
        area.lineTo(pointOf(samples.back().msecs, 0));
        area.lineTo(pointOf(samples.front().msecs, 0));
        area.closeSubpath();
        QColor fill = live;
        fill.setAlphaF(0.15f);
        painter.fillPath(area, fill);
        painter.setPen(QPen(live, 2));
        painter.drawPath(line);
    }

    // The set rate, dashed, with its value.
    if (m_target) {
        const double y = plot.bottom() - std::min(*m_target / top, 1.0) * plot.height();
        painter.setPen(QPen(set, 1.5, Qt::DashLine));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(set);
        const QString text = tr("set %1").arg(perMinuteText(*m_target));
        painter.drawText(
            QRectF(plot.left() + 4, y - metrics.height() - 1, plot.width() - 8, metrics.height()),
            Qt::AlignLeft | Qt::AlignBottom, text);
    }
    // The live value in the top right corner.
    painter.setPen(live);
    painter.drawText(plot.adjusted(4, 2, -4, -2), Qt::AlignRight | Qt::AlignTop,
                     tr("live %1").arg(perMinuteText(m_live)));
}

} // namespace prodcons::client
