// window_stall: the client window consuming at the top rate. It shows a real ClientWindow (on
// whatever Qt platform is set; offscreen in ./run bench), connects it as a consumer to PORT, and
// while a producer elsewhere sends 1,000,000 names a minute it measures the longest event-loop
// stall (the largest gap between ticks of a 1 ms timer) and the window's memory (VmRSS).
//   window_stall PORT NAMES
// Prints a markdown table.
#include "client_controller.h"
#include "client_window.h"
#include "client_window_settings.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>
#include <cstdio>

using namespace prodcons::client;

namespace {

long residentKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s PORT NAMES\n", argv[0]);
        return 2;
    }
    const auto port = static_cast<quint16>(QByteArray(argv[1]).toUInt());
    const qint64 names = QByteArray(argv[2]).toLongLong();

    ClientWindowSettings options;
    options.port = port;
    options.role = Role::Consumer;
    ClientWindow window(options, nullptr);
    window.resize(900, 700);
    window.show();

    // The event loop's pulse: a 1 ms timer; the largest gap between two ticks is the longest
    // time the window kept the loop busy.
    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;
    qint64 longestStall = 0;
    qint64 stallAt = 0;
    QTimer pulse;
    pulse.setTimerType(Qt::PreciseTimer);
    pulse.setInterval(1);
    QObject::connect(&pulse, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTick > 0 && now - lastTick > longestStall) {
            longestStall = now - lastTick;
            stallAt = window.controller().figures().received;
        }
        lastTick = now;
    });

    long rssConnected = 0;
    long rssQuarter = 0;
    long rssHalf = 0;
    qint64 firstNameAt = -1;
    QObject::connect(&window.controller(), &ClientController::refreshed, [&] {
        const qint64 received = window.controller().figures().received;
        if (received > 0 && firstNameAt < 0) {
            firstNameAt = clock.nsecsElapsed();
            pulse.start();
            rssConnected = residentKib();
        }
        if (rssQuarter == 0 && received >= names / 4)
            rssQuarter = residentKib();
        if (rssHalf == 0 && received >= names / 2)
            rssHalf = residentKib();
        if (received >= names)
            app.quit();
    });
    window.controller().connectToServer(QStringLiteral("127.0.0.1"), port, Role::Consumer, false);
    QTimer::singleShot(std::chrono::minutes(5), &app, [&] { app.exit(1); }); // never hang
    const int code = app.exec();
    const double seconds = (clock.nsecsElapsed() - firstNameAt) / 1e9;
    const qint64 received = window.controller().figures().received;
    std::printf("| what | result |\n| --- | --- |\n");
    std::printf("| names received | %lld in %.1f s (%.0f per minute) |\n",
                static_cast<long long>(received), seconds, received / seconds * 60);
    std::printf("| longest event-loop stall | %.1f ms (at name %lld) |\n", longestStall / 1e6,
                static_cast<long long>(stallAt));
    std::printf("| resident memory (VmRSS) | %ld KiB at the first name, %ld at a quarter, %ld at "
                "half, %ld at the end |\n",
                rssConnected, rssQuarter, rssHalf, residentKib());
    return code;
}
