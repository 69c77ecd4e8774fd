#include "timeline_view.h"

#include "readable_color.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace prodcons::server {

namespace {

// Drawn bottom to top in a column, in the order of the algorithm: what a lane spends most of
// its time in (the socket, the waits) and the short critical steps between them.
constexpr std::array<ipc::StepState, 6> kDrawOrder{
    ipc::StepState::OnSocket,        ipc::StepState::WaitingForBuffer,
    ipc::StepState::WaitingForMutex, ipc::StepState::InCriticalSection,
    ipc::StepState::Signalling,      ipc::StepState::Idle};
// The legend's order: the cycle a producer goes round.
constexpr std::array<ipc::StepState, 6> kLegendOrder{
    ipc::StepState::WaitingForBuffer,  ipc::StepState::WaitingForMutex,
    ipc::StepState::InCriticalSection, ipc::StepState::Signalling,
    ipc::StepState::OnSocket,          ipc::StepState::Idle};

constexpr int kMargin = 4;
constexpr int kLaneGap = 3;
constexpr int kMinLaneHeight = 14;
constexpr int kMaxLaneHeight = 34;
constexpr int kSwatch = 12;
constexpr int kMinNamePixels = 28; ///< narrower intervals get no name

const QColor kCaption(0x5f, 0x66, 0x70);

std::size_t indexOf(ipc::StepState state)
{
    return static_cast<std::size_t>(state);
}

/// Black or white, whichever reads better on `fill`.
QColor textOn(const QColor& fill)
{
    return common::contrastRatio(Qt::black, fill) >= common::contrastRatio(Qt::white, fill)
               ? QColor(Qt::black)
               : QColor(Qt::white);
}

QString durationText(TimelineNs ns)
{
    if (ns < 1'000'000)
        return TimelineView::tr("%1 µs").arg(double(ns) / 1e3, 0, 'f', ns < 10'000 ? 1 : 0);
    if (ns < 1'000'000'000)
        return TimelineView::tr("%1 ms").arg(double(ns) / 1e6, 0, 'f', ns < 10'000'000 ? 1 : 0);
    return TimelineView::tr("%1 s").arg(double(ns) / 1e9, 0, 'f', 2);
}

QBrush stateBrush(ipc::StepState state)
{
    // Unknown time (steps nobody could read) is hatched: it is no state of its own.
    if (state == ipc::StepState::Idle)
        return QBrush(TimelineView::stateColor(state), Qt::BDiagPattern);
    return TimelineView::stateColor(state);
}

} // namespace

TimelineView::TimelineView(TimelineModel* model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setAccessibleName(tr("Timeline of the children's steps"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setFocusPolicy(Qt::StrongFocus);
    // Changes only mark the view dirty; the frame timer repaints, so a million steps a second
    // cost at most 20 paints.
    connect(m_model, &TimelineModel::changed, this, [this] { m_dirty = true; });
    connect(&m_frame, &QTimer::timeout, this, &TimelineView::onFrame);
    m_frame.setInterval(kFrameIntervalMs);
}

QSize TimelineView::sizeHint() const
{
    return {640, 260};
}

QSize TimelineView::minimumSizeHint() const
{
    // Small: in the server window it shares a tab page with the code view, and a tab widget is
    // as tall as its tallest page's minimum, in every arrangement (lanes shrink to fit).
    return {240, 48};
}

void TimelineView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_frame.start();
}

void TimelineView::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_frame.stop(); // a hidden tab costs nothing
}

void TimelineView::onFrame()
{
    if (!isFrozen())
        m_model->advance(m_clock()); // open steps grow, the view scrolls
    if (m_dirty) {
        m_dirty = false;
        update();
    }
}

void TimelineView::setSpanIndex(int index)
{
    index = std::clamp(index, 0, int(kSpans.size()) - 1);
    if (index == m_spanIndex)
        return;
    m_spanIndex = index;
    update();
    emit spanChanged(index);
}

bool TimelineView::isFrozen() const
{
    return m_model->isFrozen();
}

void TimelineView::setFrozen(bool frozen)
{
    if (frozen == isFrozen())
        return;
    if (!frozen)
        m_model->advance(m_clock());
    m_model->setFrozen(frozen);
    update();
    emit frozenChanged(frozen);
}

QColor TimelineView::stateColor(ipc::StepState state)
{
    switch (state) {
    case ipc::StepState::WaitingForBuffer:
        return {0xe6, 0x9f, 0x00}; // orange
    case ipc::StepState::WaitingForMutex:
        return {0xd5, 0x5e, 0x00}; // vermillion
    case ipc::StepState::InCriticalSection:
        return {0x00, 0x72, 0xb2}; // blue
    case ipc::StepState::Signalling:
        return {0x00, 0x9e, 0x73}; // bluish green
    case ipc::StepState::OnSocket:
        return {0xcc, 0x79, 0xa7}; // reddish purple
    case ipc::StepState::Idle:
        break;
    }
    return {0x99, 0x99, 0x99};
}

QString TimelineView::stateText(ipc::StepState state)
{
    switch (state) {
    case ipc::StepState::WaitingForBuffer:
        return tr("waiting for a slot or a name");
    case ipc::StepState::WaitingForMutex:
        return tr("waiting for the mutex");
    case ipc::StepState::InCriticalSection:
        return tr("in the critical section");
    case ipc::StepState::Signalling:
        return tr("signalling");
    case ipc::StepState::OnSocket:
        return tr("on the socket");
    case ipc::StepState::Idle:
        break;
    }
    return tr("not known");
}

QString TimelineView::intervalText(const TimelineSpan& span)
{
    if (span.name.empty())
        return QString::fromLatin1(ipc::step_name(span.step));
    QString name = QString::fromUtf8(span.name.data(), qsizetype(span.name.size()));
    if (span.nameSize > span.name.size())
        name += QChar(0x2026);
    return name;
}

QString TimelineView::elidedIntervalText(const TimelineSpan& span, const QFontMetrics& metrics,
                                         int width)
{
    const QString shown = metrics.elidedText(intervalText(span), Qt::ElideRight, width);
    return shown == QString(QChar(0x2026)) ? QString() : shown;
}

QString TimelineView::laneLabel(const TimelineLane& lane)
{
    const QString role = lane.kind == ipc::layout::Kind::Consumer ? tr("consumer") : tr("producer");
    const QString mode = lane.mode == ipc::Mode::Mq ? tr("MQ") : tr("SHM");
    const QString label = tr("%1 %2, %3").arg(lane.pid).arg(role, mode);
    return lane.present ? label : tr("%1 (left)").arg(label);
}

int TimelineView::labelWidth() const
{
    const QFontMetrics metrics(font());
    int widest =
        metrics.horizontalAdvance(tr("%1 %2, %3").arg(99999).arg(tr("consumer"), tr("SHM")));
    for (const TimelineLane& lane : m_model->lanes())
        widest = std::max(widest, metrics.horizontalAdvance(laneLabel(lane)));
    return std::clamp(widest + 10, 80, std::max(80, width() / 3));
}

int TimelineView::axisHeight() const
{
    return QFontMetrics(font()).height() + 6;
}

int TimelineView::legendHeight(int available) const
{
    const QFontMetrics metrics(font());
    const int line = std::max(kSwatch, metrics.height()) + 4;
    int lines = 1;
    int x = 0;
    for (ipc::StepState state : kLegendOrder) {
        const int item = kSwatch + 4 + metrics.horizontalAdvance(stateText(state)) + 14;
        if (x > 0 && x + item > available) {
            ++lines;
            x = 0;
        }
        x += item;
    }
    return lines * line;
}

QRect TimelineView::legendRect() const
{
    const int w = width() - 2 * kMargin;
    const int h = legendHeight(w);
    return {kMargin, height() - kMargin - h, w, h};
}

QRect TimelineView::plotRect() const
{
    const int left = kMargin + labelWidth();
    const int top = kMargin + axisHeight();
    const int bottom = legendRect().top() - kMargin;
    return {left, top, std::max(1, width() - kMargin - left), std::max(1, bottom - top)};
}

int TimelineView::laneHeight() const
{
    const int lanes = std::max<int>(1, int(m_model->lanes().size()));
    return std::clamp(plotRect().height() / lanes - kLaneGap, kMinLaneHeight, kMaxLaneHeight);
}

QRect TimelineView::laneRect(int index) const
{
    const QRect plot = plotRect();
    const int h = laneHeight();
    return {plot.left(), plot.top() + index * (h + kLaneGap), plot.width(), h};
}

int TimelineView::xOf(TimelineNs t) const
{
    const QRect plot = plotRect();
    return plot.left() + int(std::floor(double(t - from()) / double(span()) * plot.width()));
}

TimelineNs TimelineView::timeAt(int x) const
{
    const QRect plot = plotRect();
    return from() + TimelineNs((double(x - plot.left()) + 0.5) / plot.width() * double(span()));
}

int TimelineView::laneAt(QPoint pos) const
{
    for (int i = 0; i < int(m_model->lanes().size()); ++i) {
        const QRect lane = laneRect(i);
        if (lane.top() <= pos.y() && pos.y() <= lane.bottom() && pos.x() >= kMargin)
            return i;
    }
    return -1;
}

void TimelineView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    paintAxis(painter);
    const auto& lanes = m_model->lanes();
    if (lanes.empty()) {
        painter.setPen(common::readableOn(kCaption, palette().color(QPalette::Base)));
        painter.drawText(plotRect().adjusted(-labelWidth(), 0, 0, 0),
                         Qt::AlignCenter | Qt::TextWordWrap,
                         tr("No producer or consumer yet: their steps appear here while the "
                            "server watches them."));
    }
    for (int i = 0; i < int(lanes.size()); ++i) {
        if (laneRect(i).bottom() > plotRect().bottom() + kMaxLaneHeight)
            break; // more lanes than room: the rest would be cut anyway
        paintLane(painter, i);
    }
    paintLegend(painter);
}

void TimelineView::paintAxis(QPainter& painter) const
{
    // Seconds before the right edge ("now", or the moment frozen), at a step that suits the span.
    const QRect plot = plotRect();
    const TimelineNs step = span() <= 1'000'000'000    ? 200'000'000
                            : span() <= 5'000'000'000  ? 1'000'000'000
                            : span() <= 20'000'000'000 ? 5'000'000'000
                                                       : 10'000'000'000;
    const QColor caption = common::readableOn(kCaption, palette().color(QPalette::Base));
    const QFontMetrics metrics(font());
    painter.setPen(caption);
    for (TimelineNs back = 0; back <= span(); back += step) {
        const int x = xOf(m_model->end() - back);
        painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));
        painter.drawLine(x, plot.top(), x, plot.bottom());
        const QString text = back == 0 ? (isFrozen() ? tr("frozen") : tr("now"))
                                       : tr("-%1 s").arg(double(back) / 1e9, 0, 'g', 3);
        const int w = metrics.horizontalAdvance(text);
        const int left = std::clamp(x - w / 2, plot.left(), plot.right() - w);
        painter.setPen(caption);
        painter.drawText(QRect(left, kMargin, w + 1, axisHeight()), Qt::AlignLeft | Qt::AlignTop,
                         text);
    }
}

void TimelineView::paintLane(QPainter& painter, int index) const
{
    const TimelineLane& lane = m_model->lanes()[std::size_t(index)];
    const QRect area = laneRect(index);
    const QColor text = palette().color(QPalette::WindowText);
    const QColor caption = common::readableOn(kCaption, palette().color(QPalette::Base));

    // The label: pid, role, mode; a child that left in the caption colour, in italics.
    QFont labelFont = font();
    labelFont.setItalic(!lane.present);
    painter.setFont(labelFont);
    painter.setPen(lane.present ? text : caption);
    const QRect label(kMargin, area.top(), labelWidth() - 6, area.height());
    painter.drawText(
        label, Qt::AlignVCenter | Qt::AlignLeft,
        QFontMetrics(labelFont).elidedText(laneLabel(lane), Qt::ElideMiddle, label.width()));
    painter.setFont(font());

    painter.fillRect(area, palette().color(QPalette::AlternateBase));
    // One column per pixel, each stacked with the shares of its states; equal neighbours are
    // drawn as one rectangle, so a long step costs one fillRect.
    const std::vector<TimelineColumn> columns =
        m_model->columns(std::size_t(index), from(), m_model->end(), area.width());
    using Heights = std::array<int, kTimelineStates>;
    auto heightsOf = [&](const TimelineColumn& column) {
        Heights h{};
        for (std::size_t k = 0; k < kTimelineStates; ++k)
            h[k] = int(std::lround(column.shares[k] * area.height()));
        return h;
    };
    auto flush = [&](int first, int last, const Heights& h, bool estimated) {
        int bottom = area.bottom() + 1;
        const int x = area.left() + first;
        const int w = last - first + 1;
        for (ipc::StepState state : kDrawOrder) {
            const int height = std::min(h[indexOf(state)], bottom - area.top());
            if (height <= 0)
                continue;
            painter.fillRect(QRect(x, bottom - height, w, height), stateBrush(state));
            bottom -= height;
        }
        if (estimated) // partly estimated from a sample of the steps: a dotted line on top
            painter.fillRect(QRect(x, area.top(), w, 2), QBrush(text, Qt::Dense4Pattern));
    };
    int runStart = 0;
    Heights run{};
    bool runEstimated = false;
    for (int c = 0; c < int(columns.size()); ++c) {
        const Heights h = heightsOf(columns[std::size_t(c)]);
        const bool estimated = columns[std::size_t(c)].estimated;
        if (c > 0 && (h != run || estimated != runEstimated)) {
            flush(runStart, c - 1, run, runEstimated);
            runStart = c;
        }
        run = h;
        runEstimated = estimated;
    }
    if (!columns.empty())
        flush(runStart, int(columns.size()) - 1, run, runEstimated);

    paintNames(painter, index, area);

    if (!lane.present && lane.leftAt >= from()) {
        // Where it left: a dashed line, and nothing after it.
        const int x = xOf(lane.leftAt);
        painter.setPen(QPen(text, 2, Qt::DashLine));
        painter.drawLine(x, area.top(), x, area.bottom());
    }
}

void TimelineView::paintNames(QPainter& painter, int index, const QRect& area) const
{
    const double nsPerPixel = double(span()) / area.width();
    const auto wide = m_model->spans(std::size_t(index), from(), m_model->end(),
                                     TimelineNs(kMinNamePixels * nsPerPixel));
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    painter.setFont(small);
    const QFontMetrics metrics(small);
    if (metrics.height() > area.height())
        return;
    for (const TimelineSpan& span : wide) {
        if (!span.exact)
            continue;
        const int left = std::max(area.left(), xOf(span.start));
        const int right = std::min(area.right(), xOf(span.end));
        const QRect box(left + 3, area.top(), right - left - 6, area.height());
        if (box.width() < kMinNamePixels - 6)
            continue;
        const QString shown = elidedIntervalText(span, metrics, box.width());
        if (shown.isEmpty())
            continue;
        painter.setPen(textOn(stateColor(span.state())));
        painter.drawText(box, Qt::AlignVCenter | Qt::AlignLeft, shown);
    }
    painter.setFont(font());
}

void TimelineView::paintLegend(QPainter& painter) const
{
    const QRect area = legendRect();
    const QFontMetrics metrics(font());
    const int line = std::max(kSwatch, metrics.height()) + 4;
    int x = area.left();
    int y = area.top();
    painter.setFont(font());
    for (ipc::StepState state : kLegendOrder) {
        const QString text = stateText(state);
        const int item = kSwatch + 4 + metrics.horizontalAdvance(text) + 14;
        if (x > area.left() && x + item > area.right()) {
            x = area.left();
            y += line;
        }
        const QRect swatch(x, y + (line - kSwatch) / 2, kSwatch, kSwatch);
        painter.fillRect(swatch, palette().color(QPalette::Base));
        painter.fillRect(swatch, stateBrush(state));
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(swatch.adjusted(0, 0, -1, -1));
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(x + kSwatch + 4, y, item - kSwatch - 4, line),
                         Qt::AlignVCenter | Qt::AlignLeft, text);
        x += item;
    }
}

QString TimelineView::toolTipAt(QPoint pos) const
{
    const int index = laneAt(pos);
    if (index < 0)
        return {};
    const TimelineLane& lane = m_model->lanes()[std::size_t(index)];
    if (pos.x() < plotRect().left())
        return laneLabel(lane);
    const auto span = m_model->spanAt(std::size_t(index), timeAt(pos.x()));
    if (!span)
        return laneLabel(lane);
    const QString ago = durationText(std::max<TimelineNs>(0, m_model->end() - span->start));
    if (span->exact) {
        QString what = QString::fromLatin1(ipc::step_name(span->step));
        if (!span->name.empty())
            what = tr("%1 \"%2\"").arg(what, intervalText(*span));
        return tr("%1\n%2: %3\n%4, started %5 before the right edge")
            .arg(laneLabel(lane), what, stateText(span->state()), durationText(span->duration()),
                 ago);
    }
    // An aggregate: what share each state had, and how many steps.
    QStringList shares;
    for (ipc::StepState state : kLegendOrder) {
        const TimelineNs t = span->shares[indexOf(state)];
        if (t > 0 && span->duration() > 0)
            shares << tr("%1 %2%")
                          .arg(stateText(state))
                          .arg(qRound(100.0 * double(t) / double(span->duration())));
    }
    QString tip =
        tr("%1\n%n steps in %2", nullptr, int(std::min<std::uint64_t>(span->steps, INT_MAX)))
            .arg(laneLabel(lane), durationText(span->duration()));
    tip += QLatin1Char('\n') + shares.join(QStringLiteral(", "));
    if (span->unrecorded > 0)
        tip += QLatin1Char('\n') +
               tr("%n of them overwritten in the ring before they could be read: the shares are "
                  "estimated from the steps that were.",
                  nullptr, int(std::min<std::uint64_t>(span->unrecorded, INT_MAX)));
    return tip;
}

bool TimelineView::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString tip = toolTipAt(help->pos());
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), tip, this);
        return true;
    }
    return QWidget::event(event);
}

void TimelineView::wheelEvent(QWheelEvent* event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    if (delta > 0)
        zoomIn();
    else
        zoomOut();
    event->accept();
}

void TimelineView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_F:
    case Qt::Key_Space:
        setFrozen(!isFrozen());
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace prodcons::server
