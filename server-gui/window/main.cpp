// prodcons-server: the server window. See server_options.h for the command line.
#include "server_options.h"
#include "server_window.h"
#include "signal_watcher.h"

#include <QApplication>
#include <csignal>
#include <cstdio>

using namespace prodcons::server;

int main(int argc, char* argv[])
{
    QApplication::setOrganizationName(QStringLiteral("prodcons"));
    QApplication::setApplicationName(QStringLiteral("prodcons-server"));
    QApplication::setApplicationVersion(QStringLiteral(PRODCONS_VERSION));
    if (const auto status = answerHelpOrVersion(argc, argv))
        return *status;

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(ServerWindow::tr("prodcons server"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/prodcons/icons/prodcons-server.png")));
    ServerOptions options;
    QString message;
    if (parseServerOptions(QApplication::arguments(), options, message) !=
        ServerOptionsOutcome::Run) {
        std::fprintf(stderr, "prodcons-server: %s\n", qPrintable(message));
        return 2;
    }
    ServerWindow window(options);
    // Killed from a script or a terminal, the window still stops its server cleanly (children
    // ended and reaped, objects detached or removed) instead of dying with them.
    prodcons::common::SignalWatcher quitSignals({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&quitSignals, &prodcons::common::SignalWatcher::signalled, &window,
                     &ServerWindow::closeWithoutAsking);
    window.show();
    if (options.start)
        window.startServer();
    return QApplication::exec();
}
