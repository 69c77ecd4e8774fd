#include "server_app.h"

#include "server_window.h"
#include "server_window_command_line.h"
#include "signal_watcher.h"
#include "translations.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <csignal>
#include <memory>

namespace prodcons::server {

int runServerApp(int& argc, char* argv[])
{
    QApplication::setOrganizationName(QStringLiteral("prodcons"));
    QApplication::setApplicationName(QStringLiteral("prodcons-server"));
    QApplication::setApplicationVersion(QStringLiteral(PRODCONS_VERSION));
    ServerWindowCommandLine commandLine;
    const auto parse = [&commandLine](const QStringList& arguments) {
        return ServerWindowCommandLine::parse(arguments, commandLine);
    };
    if (const auto status = common::answerHelpOrVersionFirst(argc, argv, parse))
        return *status;

    QApplication app(argc, argv);
    common::installTranslations(app); // before any text: the window, dialogs, --help
    QApplication::setApplicationDisplayName(ServerWindow::tr("prodcons server"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.prodcons.server"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/prodcons/icons/prodcons-server.png")));
    if (const auto outcome = parse(QApplication::arguments()); !outcome.runs())
        return outcome.finish();

    std::unique_ptr<QSettings> remembered;
    if (!commandLine.noSettings)
        remembered = std::make_unique<QSettings>();
    const ServerWindowSettings settings = commandLine.over(
        remembered ? ServerWindowSettings::load(*remembered) : ServerWindowSettings{});
    ServerWindow window(settings, remembered.get());
    // Killed from a script or a terminal, the window still stops its server cleanly (children
    // ended and reaped, objects detached or removed) instead of dying with them.
    common::SignalWatcher quitSignals({SIGTERM, SIGINT, SIGHUP});
    QObject::connect(&quitSignals, &common::SignalWatcher::signalled, &window,
                     &ServerWindow::closeWithoutAsking);
    window.show();
    if (commandLine.start)
        window.startServer();
    return QApplication::exec();
}

} // namespace prodcons::server
