#include "client_app.h"

#include "client_window.h"
#include "client_window_command_line.h"
#include "signal_watcher.h"
#include "translations.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <memory>

namespace prodcons::client {

int runClientApp(int& argc, char* argv[])
{
    QApplication::setOrganizationName(QStringLiteral("prodcons"));
    QApplication::setApplicationName(QStringLiteral("prodcons-client"));
    QApplication::setApplicationVersion(QStringLiteral(PRODCONS_VERSION));
    ClientWindowCommandLine commandLine;
    const auto parse = [&commandLine](const QStringList& arguments) {
        return ClientWindowCommandLine::parse(arguments, commandLine);
    };
    if (const auto status = common::answerHelpOrVersionFirst(argc, argv, parse))
        return *status;

    QApplication app(argc, argv);
    common::installTranslations(app); // before any text: the window, dialogs, --help
    QApplication::setApplicationDisplayName(ClientWindow::tr("prodcons client"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.prodcons.client"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/prodcons/icons/prodcons-client.png")));
    if (const auto outcome = parse(QApplication::arguments()); !outcome.runs())
        return outcome.finish();

    std::unique_ptr<QSettings> remembered;
    if (!commandLine.noSettings)
        remembered = std::make_unique<QSettings>();
    const ClientWindowSettings settings = commandLine.over(
        remembered ? ClientWindowSettings::load(*remembered) : ClientWindowSettings{});
    std::optional<PictureToSend> picture;
    if (commandLine.picture) {
        QString error;
        picture = PictureToSend::load(*commandLine.picture, &error);
        if (!picture) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(QApplication::applicationName()),
                         qPrintable(error));
            return common::kExitFailure; // the command line was right; the file cannot be sent
        }
    }
    ClientWindow window(settings, remembered.get());
    if (picture)
        window.setPicture(std::move(picture));
    // SIGINT and SIGTERM, not SIGHUP: a hang-up keeps its default action for the window.
    common::SignalWatcher watcher({SIGINT, SIGTERM});
    QObject::connect(&watcher, &common::SignalWatcher::signalled, &window, &QWidget::close);
    // Not when the window closes but once its connection has closed after it: exiting with a
    // consumer's names unread would reset the connection and could lose its last OKs.
    QApplication::setQuitOnLastWindowClosed(false);
    QObject::connect(&window, &ClientWindow::readyToQuit, &app, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    window.show();
    if (commandLine.connect)
        QTimer::singleShot(0, &window, &ClientWindow::connectToServer);
    return QApplication::exec();
}

} // namespace prodcons::client
