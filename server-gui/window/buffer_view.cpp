#include "buffer_view.h"

#include "buffer_model.h"
#include "readable_color.h"
#include "status_dot.h"

#include <QPainter>
#include <QPainterPath>
#include <QtMath>
#include <algorithm>

namespace prodcons::server {

namespace {

// Beyond this many slots there is no room for names: the ring becomes a fill gauge.
constexpr quint32 kMaxDrawnSlots = 64;

const QColor kFilled(0x3f, 0x7f, 0xca);
const QColor kFilledText(Qt::white);
const QColor kFree(0xf2, 0xf4, 0xf7);
const QColor kFreeBorder(0xb5, 0xbf, 0xcc);
const QColor kInColor(0x2e, 0x9d, 0x4f);
const QColor kOutColor(0xd9, 0x6c, 0x1f);
const QColor kCaption(0x5f, 0x66, 0x70); // on the window background: see captionColor()

/// Captions are drawn on the window's background, which a dark theme makes dark.
QColor captionColor(const QPalette& palette)
{
    return prodcons::common::readableOn(kCaption, palette.color(QPalette::Window));
}

// Around the drawing, and between the ring and the widget's edge for the in and out markers
// (an arrow and a label in a pill just outside the ring).
constexpr double kAreaMargin = 3.0;
constexpr double kMarkerRoom = 29.0;

/// The ring's outer radius in `area`.
double ringRadius(const QRectF& area)
{
    return std::max(40.0, std::min(area.width(), area.height()) / 2.0 - kMarkerRoom);
}

QPointF polar(QPointF center, double radius, double degrees)
{
    const double a = qDegreesToRadians(degrees);
    return {center.x() + radius * std::cos(a), center.y() - radius * std::sin(a)};
}

QRectF circle(QPointF center, double radius)
{
    return {center.x() - radius, center.y() - radius, 2 * radius, 2 * radius};
}

QFont scaled(const QFont& base, double factor, bool bold = false)
{
    QFont f = base;
    f.setPointSizeF(std::max(6.0, base.pointSizeF() * factor));
    f.setBold(bold);
    return f;
}

} // namespace

BufferView::BufferView(BufferModel* model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setAccessibleName(tr("Shared buffer drawing"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(m_model, &BufferModel::changed, this, &BufferView::onModelChanged);
}

QSize BufferView::sizeHint() const
{
    return {400, 380};
}

QSize BufferView::minimumSizeHint() const
{
    // A ring of kMinimumRing pixels with room for its markers: the window gives it this much
    // before any description (those wrap, or the window switches to a compact layout).
    const int side = kMinimumRing + int(2 * (kMarkerRoom + kAreaMargin)) + 1;
    return {side, side};
}

int BufferView::ringDiameter() const
{
    return int(2 * ringRadius(QRectF(rect()).adjusted(kAreaMargin, kAreaMargin, -kAreaMargin,
                                                      -kAreaMargin)));
}

void BufferView::onModelChanged()
{
    const QString text = describe();
    if (text != accessibleDescription()) {
        setAccessibleDescription(text);
        setToolTip(text);
    }
    update();
}

QString BufferView::describe() const
{
    const BufferModel& m = *m_model;
    if (!m.present())
        return tr("The shared buffer of %1 does not exist yet.").arg(m.prefix());
    if (m.mode() == ipc::Mode::Mq)
        return tr("Message queue %1 holds %2 of %3 messages.")
            .arg(m.objectName("mq"))
            .arg(m.stored())
            .arg(m.capacity());
    // The names themselves only for a ring small enough to draw: this runs ten times a second.
    QStringList names;
    if (m.capacity() <= kMaxDrawnSlots) {
        for (const std::string& name : m.snapshot().ring)
            if (!name.empty())
                names << QString::fromStdString(name);
    }
    return tr("Ring %1 holds %2 of %3 names (%4); producers put the next name in slot %5, "
              "consumers take the next from slot %6.")
        .arg(m.objectName("shm"))
        .arg(m.stored())
        .arg(m.capacity())
        .arg(names.isEmpty() ? (m.stored() > 0 ? tr("too many to list") : tr("empty"))
                             : names.join(QStringLiteral(", ")))
        .arg(m.snapshot().in)
        .arg(m.snapshot().out);
}

void BufferView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QRectF area =
        QRectF(rect()).adjusted(kAreaMargin, kAreaMargin, -kAreaMargin, -kAreaMargin);

    if (!m_model->present()) {
        paintAbsent(painter, area);
        return;
    }
    QRectF drawing = area;
    if (m_model->source() == BufferModel::Source::Inspected) {
        // The window's own server is stopped: what it sees is another server's buffer.
        painter.setFont(scaled(font(), 0.9));
        painter.setPen(captionColor(palette()));
        const QRectF caption(area.left(), area.bottom() - 2 * painter.fontMetrics().height(),
                             area.width(), 2 * painter.fontMetrics().height());
        painter.drawText(caption, Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Seen from outside: this server is stopped, other servers use "
                            "these objects."));
        drawing.setBottom(caption.top());
        painter.setOpacity(0.6);
    }
    if (m_model->mode() == ipc::Mode::Mq)
        paintQueue(painter, drawing);
    else if (m_model->capacity() <= kMaxDrawnSlots && m_model->rowCount() > 0)
        paintRing(painter, drawing);
    else
        paintGauge(painter, drawing);
}

void BufferView::paintRing(QPainter& painter, const QRectF& area) const
{
    const BufferModel& m = *m_model;
    const int slotCount = m.rowCount();
    const double step = 360.0 / slotCount;
    const QPointF c = area.center();
    const double outer = ringRadius(area);
    const double inner = outer * 0.56;
    const double middle = (outer + inner) / 2.0;
    const double gap = std::min(1.2, step / 8.0);

    const QFont nameFont = scaled(font(), slotCount > 16 ? 0.75 : 0.95);
    const QFont numberFont = scaled(font(), 0.75);
    const QFontMetricsF nameMetrics(nameFont);
    const double chord = 2.0 * middle * std::sin(qDegreesToRadians(step / 2.0)) * 0.9;

    for (int i = 0; i < slotCount; ++i) {
        const double start = 90.0 - i * step - gap;
        const double sweep = -(step - 2 * gap);
        QPainterPath segment;
        segment.arcMoveTo(circle(c, outer), start);
        segment.arcTo(circle(c, outer), start, sweep);
        segment.arcTo(circle(c, inner), start + sweep, -sweep);
        segment.closeSubpath();

        const QModelIndex index = m.index(i);
        const bool occupied = m.data(index, BufferModel::OccupiedRole).toBool();
        painter.setPen(QPen(occupied ? kFilled.darker(125) : kFreeBorder, 1.0));
        painter.setBrush(occupied ? kFilled : kFree);
        painter.drawPath(segment);

        const double mid = 90.0 - (i + 0.5) * step;
        // The slot number, small, inside the ring's hole.
        painter.setFont(numberFont);
        painter.setPen(captionColor(palette()));
        const QPointF numberAt = polar(c, inner - 10.0, mid);
        painter.drawText(QRectF(numberAt.x() - 12, numberAt.y() - 8, 24, 16), Qt::AlignCenter,
                         QString::number(i));
        if (occupied && chord > 14.0) {
            painter.setFont(nameFont);
            painter.setPen(kFilledText);
            const QString name = nameMetrics.elidedText(m.data(index).toString(), Qt::ElideRight,
                                                        std::max(chord, 20.0));
            const QPointF at = polar(c, middle, mid);
            const double h = nameMetrics.height();
            painter.drawText(QRectF(at.x() - chord / 2.0 - 10, at.y() - h / 2.0, chord + 20, h),
                             Qt::AlignCenter, name);
        }
    }

    // Where the next name goes in, and where the next one comes out.
    const auto& s = m.snapshot();
    const double nudge = s.in == s.out ? step * 0.22 : 0.0;
    paintMarker(painter, c, outer, 90.0 - (s.in + 0.5) * step + nudge, kInColor, tr("in"));
    paintMarker(painter, c, outer, 90.0 - (s.out + 0.5) * step - nudge, kOutColor, tr("out"));

    paintCentre(painter, c, inner - 24.0); // inside the slot numbers
}

void BufferView::paintCentre(QPainter& painter, QPointF centre, double hole) const
{
    // The fill, as large as fits inside the slot numbers, and what it counts if that fits too.
    const BufferModel& m = *m_model;
    const QString fill = tr("%1 / %2").arg(m.stored()).arg(m.capacity());
    const double room = 2.0 * hole;
    QFont big = scaled(font(), 2.2, true);
    for (double factor = 2.2; factor > 0.9; factor -= 0.1) {
        big = scaled(font(), factor, true);
        if (QFontMetricsF(big).horizontalAdvance(fill) <= room)
            break;
    }
    const QFontMetricsF bigMetrics(big);
    const QFont smallFont = scaled(font(), 0.85);
    const QFontMetricsF small(smallFont);
    const QString caption = tr("names stored");
    const bool withCaption = small.horizontalAdvance(caption) <= room &&
                             bigMetrics.height() + small.height() <= 2.0 * hole;
    const double top =
        centre.y() - (bigMetrics.height() + (withCaption ? small.height() : 0.0)) / 2.0;
    const QRectF fillRect(centre.x() - hole, top, 2 * hole, bigMetrics.height());
    painter.setPen(palette().color(QPalette::WindowText));
    painter.setFont(big);
    painter.drawText(fillRect, Qt::AlignCenter, fill);
    if (withCaption) {
        painter.setFont(smallFont);
        painter.setPen(captionColor(palette()));
        painter.drawText(QRectF(centre.x() - hole, fillRect.bottom(), 2 * hole, small.height()),
                         Qt::AlignCenter, caption);
    }
}

void BufferView::paintMarker(QPainter& painter, QPointF center, double radius, double angle,
                             const QColor& color, const QString& label) const
{
    // A small arrow at the ring's edge, and the label in a pill just outside it.
    const QPointF tip = polar(center, radius + 1.0, angle);
    QPainterPath arrow;
    arrow.moveTo(tip);
    arrow.lineTo(polar(center, radius + 11.0, angle + 3.5));
    arrow.lineTo(polar(center, radius + 11.0, angle - 3.5));
    arrow.closeSubpath();
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawPath(arrow);

    painter.setFont(scaled(font(), 0.85, true));
    const QFontMetricsF metrics(painter.font());
    const double w = metrics.horizontalAdvance(label) + 10.0;
    const double h = metrics.height() + 2.0;
    const QPointF at = polar(center, radius + 11.0 + h / 2.0 + 2.0, angle);
    const QRectF pill(at.x() - w / 2.0, at.y() - h / 2.0, w, h);
    painter.drawRoundedRect(pill, h / 2.0, h / 2.0);
    painter.setPen(Qt::white);
    painter.drawText(pill, Qt::AlignCenter, label);
}

void BufferView::paintGauge(QPainter& painter, const QRectF& area) const
{
    const BufferModel& m = *m_model;
    const QPointF c = area.center();
    const double outer = std::max(40.0, std::min(area.width(), area.height()) / 2.0 - 20.0);
    const double width = outer * 0.3;
    const double fraction =
        m.capacity() > 0 ? std::min(1.0, double(m.stored()) / double(m.capacity())) : 0.0;
    const QRectF ring = circle(c, outer - width / 2.0);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(kFree.darker(105), width, Qt::SolidLine, Qt::FlatCap));
    painter.drawEllipse(ring);
    painter.setPen(QPen(kFilled, width, Qt::SolidLine, Qt::FlatCap));
    painter.drawArc(ring, 90 * 16, -qRound(fraction * 360.0 * 16.0));
    painter.setPen(palette().color(QPalette::WindowText));
    painter.setFont(scaled(font(), 1.8, true));
    painter.drawText(circle(c, outer), Qt::AlignCenter,
                     tr("%1 / %2").arg(m.stored()).arg(m.capacity()));
}

void BufferView::paintQueue(QPainter& painter, const QRectF& area) const
{
    const BufferModel& m = *m_model;
    const quint32 capacity = std::max<quint32>(1, m.capacity());
    const quint64 stored = std::min<quint64>(m.stored(), capacity);
    const double margin = 56.0;
    const double available = area.width() - 2 * margin;
    const bool cells = capacity <= kMaxDrawnSlots;
    const double cellWidth = cells ? std::min(44.0, available / capacity) : available;
    const double tube = cells ? cellWidth * capacity : available;
    const double height = std::min(70.0, std::max(28.0, cellWidth * 1.5));
    const QPointF c = area.center();
    const QRectF body(c.x() - tube / 2.0, c.y() - height / 2.0, tube, height);

    // Title: the depth, large, above the tube.
    painter.setPen(palette().color(QPalette::WindowText));
    painter.setFont(scaled(font(), 2.2, true));
    const QFontMetricsF big(painter.font());
    painter.drawText(
        QRectF(area.left(), body.top() - 2.6 * big.height(), area.width(), big.height()),
        Qt::AlignCenter, tr("%1 / %2").arg(stored).arg(capacity));
    painter.setFont(scaled(font(), 0.85));
    painter.setPen(captionColor(palette()));
    painter.drawText(
        QRectF(area.left(), body.top() - 1.6 * big.height(), area.width(), big.height()),
        Qt::AlignCenter, tr("messages in %1").arg(m.objectName("mq")));

    // The queue: the front (oldest message, taken next) on the left.
    if (cells) {
        for (quint32 i = 0; i < capacity; ++i) {
            const QRectF cell(body.left() + i * cellWidth + 1, body.top(), cellWidth - 2, height);
            const bool filled = i < stored;
            painter.setPen(QPen(filled ? kFilled.darker(125) : kFreeBorder, 1.0));
            painter.setBrush(filled ? kFilled : kFree);
            painter.drawRoundedRect(cell, 3, 3);
        }
    } else {
        painter.setPen(QPen(kFreeBorder, 1.0));
        painter.setBrush(kFree);
        painter.drawRoundedRect(body, 3, 3);
        QRectF fill = body;
        fill.setWidth(body.width() * double(stored) / capacity);
        painter.setBrush(kFilled);
        painter.drawRoundedRect(fill, 3, 3);
    }

    // Arrows: names leave at the front (left) and join at the back (right).
    auto arrow = [&painter](QPointF from, QPointF to, const QColor& color) {
        painter.setPen(QPen(color, 3.0, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(from, to);
        const double dir = to.x() > from.x() ? 1.0 : -1.0;
        QPainterPath head;
        head.moveTo(to + QPointF(dir * 4, 0));
        head.lineTo(to + QPointF(-dir * 6, -6));
        head.lineTo(to + QPointF(-dir * 6, 6));
        head.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawPath(head);
    };
    arrow({body.right() + margin - 8, c.y()}, {body.right() + 8, c.y()}, kInColor);
    arrow({body.left() - 6, c.y()}, {body.left() - margin + 12, c.y()}, kOutColor);
    painter.setFont(scaled(font(), 0.95, true));
    painter.setPen(kInColor.darker(110));
    painter.drawText(QRectF(body.right() + 4, body.bottom() + 2, margin, 18), Qt::AlignCenter,
                     tr("in"));
    painter.setPen(kOutColor.darker(110));
    painter.drawText(QRectF(body.left() - margin - 4, body.bottom() + 2, margin, 18),
                     Qt::AlignCenter, tr("out"));

    painter.setFont(scaled(font(), 0.85));
    painter.setPen(captionColor(palette()));
    painter.drawText(QRectF(area.left() + 10, body.bottom() + 28, area.width() - 20, 60),
                     Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                     tr("Producers' children send names in with mq_send, consumers' children "
                        "take them out with mq_receive. A message queue cannot be looked into "
                        "without taking its names, so only its depth is shown."));
}

void BufferView::paintAbsent(QPainter& painter, const QRectF& area) const
{
    const BufferModel& m = *m_model;
    const QPointF c = area.center();
    const double outer = std::max(40.0, std::min(area.width(), area.height()) / 2.0 - 34.0);
    painter.setPen(QPen(kFreeBorder, 2.0, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(circle(c, outer));
    painter.drawEllipse(circle(c, outer * 0.56));

    painter.setPen(captionColor(palette()));
    painter.setFont(scaled(font(), 1.2, true));
    const QFontMetricsF title(painter.font());
    painter.drawText(
        QRectF(area.left(), c.y() - title.height() * 1.5, area.width(), title.height()),
        Qt::AlignCenter, tr("No shared buffer"));
    painter.setFont(scaled(font(), 0.9));
    const QString text =
        m.source() == BufferModel::Source::None && !m.problem().isEmpty()
            ? m.problem()
            : tr("The first server to start with this prefix creates the objects; the last "
                 "one to stop removes them.");
    const double w = std::min(area.width() - 20, outer * 1.9);
    painter.drawText(QRectF(c.x() - w / 2.0, c.y() - title.height() * 0.3, w, outer),
                     Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, text);
}

} // namespace prodcons::server
