#include "figures_panel.h"

#include "rate_plot.h"
#include "rate_text.h"
#include "readable_color.h"
#include "status_colors.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

namespace prodcons::client {

FiguresPanel::FiguresPanel(const RateHistory& history, QWidget* parent)
    : QWidget(parent), m_plot(new RatePlot(history))
{
    m_plot->setObjectName(QStringLiteral("ratePlot"));
    addCounter(QStringLiteral("sent"), tr("Sent"), tr("Names written to the server"));
    addCounter(QStringLiteral("acknowledged"), tr("Acknowledged"),
               tr("Names the server answered OK: stored in the buffer"));
    addCounter(QStringLiteral("pending"), tr("Awaiting OK"),
               tr("Names sent and not answered yet (the server's buffer may be full)"));
    addCounter(QStringLiteral("errors"), tr("Errors"), tr("Names the server answered with ERROR"));
    addCounter(QStringLiteral("received"), tr("Received"),
               tr("Names taken from the server (each answered OK)"));
    addCounter(QStringLiteral("gaps"), tr("Gaps"),
               tr("Tagged names: sequence numbers never seen (normally 0)"));
    addCounter(QStringLiteral("duplicates"), tr("Duplicates"),
               tr("Tagged names seen more than once (normally 0)"));

    // Two columns: the producer's counters, then the consumer's.
    auto* grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(2);
    constexpr int kPerColumn = 4;
    for (int i = 0; i < m_counters.size(); ++i) {
        const int column = (i / kPerColumn) * 3;
        grid->addWidget(m_counters[i].caption, i % kPerColumn, column);
        grid->addWidget(m_counters[i].value, i % kPerColumn, column + 1);
    }
    grid->setColumnMinimumWidth(2, 8);
    grid->setRowStretch(kPerColumn, 1);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(grid);
    layout->addWidget(m_plot, 1);
}

FiguresPanel::Counter& FiguresPanel::addCounter(const QString& key, const QString& caption,
                                                const QString& help)
{
    Counter counter;
    counter.key = key;
    counter.caption = new QLabel(caption);
    counter.value = new QLabel(QStringLiteral("0"));
    counter.value->setObjectName(key + QStringLiteral("Value"));
    counter.value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    counter.value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = counter.value->font();
    bold.setBold(true);
    counter.value->setFont(bold);
    counter.value->setMinimumWidth(
        QFontMetrics(bold).horizontalAdvance(QStringLiteral("000,000,000")));
    counter.value->setAccessibleName(caption);
    counter.value->setToolTip(help);
    counter.caption->setToolTip(help);
    counter.caption->setBuddy(counter.value);
    m_counters.append(counter);
    return m_counters.last();
}

void FiguresPanel::setCounter(Counter& counter, qint64 value, bool applies, bool alarm)
{
    const QString text = applies ? QLocale().toString(value) : QStringLiteral("–");
    if (counter.value->text() != text)
        counter.value->setText(text);
    QString style;
    if (!applies)
        style = QStringLiteral("color: palette(mid);");
    else if (alarm)
        style =
            QStringLiteral("color: %1;")
                .arg(common::readableOn(statusColors::error(), palette().color(QPalette::Window))
                         .name());
    if (counter.value->styleSheet() != style) {
        counter.value->setStyleSheet(style);
        counter.caption->setStyleSheet(applies ? QString() : style);
    }
}

void FiguresPanel::showFigures(const SessionFigures& figures, std::optional<Role> role,
                               bool tagging, Rate rate)
{
    const bool producer = role != Role::Consumer; // before the first connection: a producer
    const bool consumer = role == Role::Consumer;
    for (Counter& counter : m_counters) {
        if (counter.key == QLatin1String("sent"))
            setCounter(counter, figures.sent, producer);
        else if (counter.key == QLatin1String("acknowledged"))
            setCounter(counter, figures.acknowledged, producer);
        else if (counter.key == QLatin1String("pending"))
            setCounter(counter, figures.pending, producer);
        else if (counter.key == QLatin1String("errors"))
            setCounter(counter, figures.errors, producer, figures.errors > 0);
        else if (counter.key == QLatin1String("received"))
            setCounter(counter, figures.received, consumer);
        else if (counter.key == QLatin1String("gaps"))
            setCounter(counter, figures.gaps, consumer && tagging, figures.gaps > 0);
        else if (counter.key == QLatin1String("duplicates"))
            setCounter(counter, figures.duplicates, consumer && tagging, figures.duplicates > 0);
    }
    m_plot->setTarget(producer && !rate.isUnthrottled()
                          ? std::optional<double>(double(rate.namesPerMinute()))
                          : std::nullopt);
    m_plot->refresh(figures.rate * 60.0);
}

void FiguresPanel::setPlotShown(bool shown)
{
    m_plot->setVisible(shown);
}

} // namespace prodcons::client
