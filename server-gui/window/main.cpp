// prodcons-server: the server window. See server_options.h for the command line.
#include "quit_signals.h"
#include "server_options.h"
#include "server_window.h"

#include <QApplication>
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
    QuitSignals quitSignals;
    QObject::connect(&quitSignals, &QuitSignals::received, &window,
                     &ServerWindow::closeWithoutAsking);
    window.show();
    if (options.start)
        window.startServer();
    return QApplication::exec();
}
