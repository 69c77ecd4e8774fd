// socket_cl: the terminal client. See terminal_client.h; `socket_cl --help` for the options.
#include "terminal_client.h"

#include <QCoreApplication>
#include <csignal>
#include <cstdio>

namespace {

int run(QCoreApplication& app)
{
    using namespace prodcons::client;
    TerminalOptions options;
    QString message;
    switch (parseTerminalOptions(QCoreApplication::arguments(), options, message)) {
    case OptionsOutcome::ExitOk:
        return 0;
    case OptionsOutcome::UsageError:
        std::fprintf(stderr, "socket_cl: %s\n", qPrintable(message));
        return 2;
    case OptionsOutcome::Run:
        break;
    }
    NameList names = options.namesFile.isEmpty() ? NameList::bundled()
                                                 : NameList::fromFile(options.namesFile, &message);
    if (names.isEmpty()) {
        std::fprintf(stderr, "socket_cl: %s\n", qPrintable(message));
        return 2;
    }
    // A reader that goes away (socket_cl ... | head) must not kill us with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    TerminalClient client(options, std::move(names));
    QObject::connect(&client, &TerminalClient::done, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    client.start();
    return app.exec();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("socket_cl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PRODCONS_VERSION));
    return run(app);
}
