#include "client_app.h"

#include "client_options.h"
#include "client_settings.h"
#include "client_window.h"
#include "signal_watcher.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <memory>

namespace prodcons::client {

int runClientApp(QApplication& app)
{
    QApplication::setOrganizationName(QStringLiteral("prodcons"));
    QApplication::setApplicationName(QStringLiteral("prodcons-client"));
    QApplication::setApplicationVersion(QStringLiteral(PRODCONS_VERSION));
    QApplication::setApplicationDisplayName(ClientWindow::tr("prodcons client"));
    QApplication::setDesktopFileName(QStringLiteral("prodcons-client"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/prodcons/icons/prodcons-client.png")));

    ClientCommandLine commandLine;
    QString message;
    switch (ClientCommandLine::parse(QApplication::arguments(), commandLine, message)) {
    case ClientCommandLine::Outcome::ExitOk:
        std::fputs(qPrintable(message), stdout);
        return 0;
    case ClientCommandLine::Outcome::UsageError:
        std::fprintf(stderr, "prodcons-client: %s\n", qPrintable(message));
        return 2;
    case ClientCommandLine::Outcome::Run:
        break;
    }

    std::unique_ptr<QSettings> settings;
    ClientOptions options = ClientOptions::defaults();
    if (!commandLine.noSettings) {
        settings = std::make_unique<QSettings>();
        options = ClientSettings(*settings).load(options);
    }
    commandLine.applyTo(options);

    ClientWindow window(options, settings.get());
    // SIGINT and SIGTERM, not SIGHUP: a hang-up keeps its default action for the window.
    common::SignalWatcher watcher({SIGINT, SIGTERM});
    QObject::connect(&watcher, &common::SignalWatcher::signalled, &window, &QWidget::close);
    window.show();
    if (commandLine.connect)
        QTimer::singleShot(0, &window, &ClientWindow::connectToServer);
    return app.exec();
}

} // namespace prodcons::client
