// Waiting for a condition with a real event loop. QTest::qWait and QTRY_* sleep 10 ms between
// rounds of event processing, which starves sessions that move tens of thousands of names a
// second in this very process; this runs QEventLoop::exec() and checks every few milliseconds.
#pragma once

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTimer>
#include <functional>

namespace prodcons::test {

/// true as soon as `condition` holds, false if it still does not after `timeoutMs`.
inline bool waitUntil(const std::function<bool()>& condition, int timeoutMs)
{
    if (condition())
        return true;
    QEventLoop loop;
    QDeadlineTimer deadline(timeoutMs);
    QTimer poll;
    poll.setInterval(5);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (condition() || deadline.hasExpired())
            loop.quit();
    });
    poll.start();
    loop.exec();
    return condition();
}

} // namespace prodcons::test
