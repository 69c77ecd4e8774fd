#include "name_row_delegate.h"

#include "name_log_model.h"
#include "readable_color.h"
#include "status_colors.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>

namespace prodcons::client {

namespace {

constexpr int kPadding = 6;

/// The status colour as chosen for a light background.
QColor statusColorForLight(NameLogModel::Status status, const QPalette& palette)
{
    switch (status) {
    case NameLogModel::Status::Sent:
        return statusColors::busy();
    case NameLogModel::Status::Acknowledged:
    case NameLogModel::Status::Answered:
        return statusColors::good();
    case NameLogModel::Status::Rejected:
        return statusColors::error();
    case NameLogModel::Status::Received:
        return statusColors::info();
    }
    return palette.color(QPalette::Text);
}

/// The status colour, readable on the list's background in light and dark themes.
QColor statusColor(NameLogModel::Status status, const QPalette& palette)
{
    return common::readableOn(statusColorForLight(status, palette), palette.color(QPalette::Base));
}

} // namespace

NameRowDelegate::NameRowDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

void NameRowDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear(); // the background and selection only; the columns are drawn below
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const auto status = NameLogModel::Status(index.data(NameLogModel::StatusRole).toInt());
    const QString time =
        index.data(NameLogModel::TimeRole).toDateTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    const QString name = index.data(NameLogModel::NameRole).toString();
    const QString what =
        NameLogModel::statusText(status, index.data(NameLogModel::LatencyRole).toLongLong());

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette& palette = option.palette;
    const QColor text = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dim = text;
    dim.setAlphaF(0.6f);

    painter->save();
    const QFontMetrics metrics(option.font);
    QRect area = option.rect.adjusted(kPadding, 0, -kPadding, 0);
    // A dot in the status colour, then the time, the name, and the status on the right.
    const int dot = metrics.height() / 2;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(statusColor(status, palette));
    painter->drawEllipse(QRect(area.left(), area.center().y() - dot / 2, dot, dot));
    area.setLeft(area.left() + dot + kPadding);

    const int timeWidth = metrics.horizontalAdvance(QStringLiteral("00:00:00.000")) + kPadding * 2;
    painter->setPen(dim);
    painter->drawText(area, Qt::AlignVCenter | Qt::AlignLeft, time);
    area.setLeft(area.left() + timeWidth);

    const int whatWidth = std::min(metrics.horizontalAdvance(what) + kPadding, area.width() / 2);
    painter->setPen(selected ? text : statusColor(status, palette).darker(115));
    painter->drawText(area, Qt::AlignVCenter | Qt::AlignRight,
                      metrics.elidedText(what, Qt::ElideRight, whatWidth));
    area.setRight(area.right() - whatWidth - kPadding);

    painter->setPen(text);
    painter->drawText(area, Qt::AlignVCenter | Qt::AlignLeft,
                      metrics.elidedText(name, Qt::ElideMiddle, area.width()));
    painter->restore();
}

QSize NameRowDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFontMetrics metrics(option.font);
    return {metrics.horizontalAdvance(QStringLiteral("00:00:00.000  Maximilian#abcd-123456  "
                                                     "stored, OK after 999 ms")),
            metrics.height() + 3}; // compact: more names in a small window
}

} // namespace prodcons::client
