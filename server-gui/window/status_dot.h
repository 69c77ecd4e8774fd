// Small round status marks shared by the tables, the log and the buffer drawing, so that one
// colour means the same thing everywhere: green running, amber waiting, red failed, grey idle.
#pragma once

#include <QColor>
#include <QIcon>

namespace prodcons::server {

enum class StatusColor
{
    Good,
    Waiting,
    Bad,
    Idle,
    Info
};

QColor statusColor(StatusColor color);
/// A filled circle of that colour (made once, then shared). Needs a QGuiApplication.
QIcon statusDot(StatusColor color);

} // namespace prodcons::server
