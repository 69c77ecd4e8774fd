// The counters and the rate plot of the client window.
#pragma once

#include "rate.h"
#include "role.h"
#include "session_figures.h"

#include <QWidget>
#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace prodcons::client {

class RateHistory;
class RatePlot;

/// Sent, acknowledged, awaiting OK, errors, received, and (tagged names) gaps and duplicates,
/// next to the plot of the live rate against the set rate. The counters that do not apply to
/// the role are dimmed. Only shows what it is given.
class FiguresPanel : public QWidget
{
    Q_OBJECT

public:
    explicit FiguresPanel(const RateHistory& history, QWidget* parent = nullptr);

    void showFigures(const SessionFigures& figures, std::optional<Role> role, bool tagging,
                     Rate rate);
    /// Shows or hides the plot; the counters stay. A received picture takes its room.
    void setPlotShown(bool shown);

private:
    struct Counter
    {
        QString key;
        QLabel* caption = nullptr;
        QLabel* value = nullptr;
    };
    Counter& addCounter(const QString& key, const QString& caption, const QString& help);
    void setCounter(Counter& counter, qint64 value, bool applies, bool alarm = false);

    QList<Counter> m_counters;
    RatePlot* m_plot = nullptr;
};

} // namespace prodcons::client
