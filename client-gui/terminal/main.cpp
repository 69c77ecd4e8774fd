// socket_cl: the terminal client. See terminal_client.h; `socket_cl --help` for the options.
#include "terminal_client.h"
#include "terminal_client_command_line.h"
#include "translations.h"

#include <QCoreApplication>
#include <csignal>
#include <cstdio>

using namespace prodcons;
using namespace prodcons::client;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    common::installTranslations(app); // before parsing: --help is built with tr()
    QCoreApplication::setApplicationName(QStringLiteral("socket_cl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PRODCONS_VERSION));

    TerminalClientCommandLine commandLine;
    if (const auto outcome =
            TerminalClientCommandLine::parse(QCoreApplication::arguments(), commandLine);
        !outcome.runs())
        return outcome.finish();

    const TerminalClientConfig& config = commandLine.config;
    QString error;
    NameList names = config.namesFile.isEmpty() ? NameList::bundled(config.bundledNames)
                                                : NameList::fromFile(config.namesFile, &error);
    if (names.isEmpty())
        return common::CommandLineOutcome::usageError(error).finish();
    // A reader that goes away (socket_cl ... | head) must not kill us with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    TerminalClient client(config, std::move(names));
    if (!client.prepare())
        return 1; // it said why
    QObject::connect(&client, &TerminalClient::done, &app, &QCoreApplication::exit,
                     Qt::QueuedConnection);
    client.start();
    return QCoreApplication::exec();
}
