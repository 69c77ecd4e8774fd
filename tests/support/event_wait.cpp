#include "event_wait.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>

namespace prodcons::test {

void runEventsFor(std::chrono::milliseconds duration)
{
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    timer.start(duration);
    loop.exec();
}

bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    while (!condition()) {
        if (deadline.hasExpired())
            return condition();
        runEventsFor(std::min(std::chrono::milliseconds(5),
                              std::chrono::milliseconds(deadline.remainingTime() + 1)));
    }
    return true;
}

} // namespace prodcons::test
