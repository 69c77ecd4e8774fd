// The few colours the client window uses for states, so that the badge, the list and the plot
// agree.
#pragma once

#include <QColor>

namespace prodcons::client::statusColors {

inline QColor good()
{
    return QColor(0x2e, 0x7d, 0x32);
} // names flowing, stored
inline QColor busy()
{
    return QColor(0xb2, 0x6a, 0x00);
} // connecting, sent and unanswered
inline QColor warn()
{
    return QColor(0xe6, 0x51, 0x00);
} // held back
inline QColor error()
{
    return QColor(0xc6, 0x28, 0x28);
} // refused, gone, ERROR
inline QColor info()
{
    return QColor(0x15, 0x65, 0xc0);
} // received
inline QColor idle()
{
    return QColor(0x75, 0x75, 0x75);
} // disconnected

} // namespace prodcons::client::statusColors
