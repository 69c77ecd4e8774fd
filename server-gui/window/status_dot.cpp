#include "status_dot.h"

#include <QPainter>
#include <QPixmap>
#include <array>

namespace prodcons::server {

QColor statusColor(StatusColor color)
{
    switch (color) {
    case StatusColor::Good:
        return {0x2e, 0x9d, 0x4f};
    case StatusColor::Waiting:
        return {0xe0, 0x9a, 0x1b};
    case StatusColor::Bad:
        return {0xc6, 0x28, 0x28};
    case StatusColor::Idle:
        return {0x9e, 0x9e, 0x9e};
    case StatusColor::Info:
        return {0x2f, 0x6f, 0xb8};
    }
    return Qt::gray;
}

QIcon statusDot(StatusColor color)
{
    static std::array<QIcon, 5> cache;
    QIcon& icon = cache[static_cast<std::size_t>(color)];
    if (icon.isNull()) {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(statusColor(color).darker(130));
        painter.setBrush(statusColor(color));
        painter.drawEllipse(QRectF(3.5, 3.5, 9, 9));
        painter.end();
        icon = QIcon(pixmap);
    }
    return icon;
}

} // namespace prodcons::server
