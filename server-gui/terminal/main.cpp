// socket_srv: the terminal server. `socket_srv --help` and terminal_server_command_line.h say
// how it is called.
#include "broker_queue.h"
#include "ipc/cleanup.h"
#include "ipc/snapshot.h"
#include "status_report.h"
#include "terminal_server.h"
#include "terminal_server_command_line.h"
#include "translations.h"

#include <QCoreApplication>
#include <cstdio>

using namespace prodcons;
using namespace prodcons::server;

namespace {

int printError(const std::string& text)
{
    std::fprintf(stderr, "socket_srv: %s\n", text.c_str());
    return common::kExitFailure;
}

int showStatus(const ipc::ObjectNames& names)
{
    auto snapshot = ipc::inspect(names);
    if (!snapshot)
        return printError(ipc::describe(snapshot.error()));
    std::fprintf(stdout, "%s\n", qPrintable(statusReport(names, snapshot.value())));
    return common::kExitSuccess;
}

int cleanUp(const ipc::ObjectNames& names)
{
    const ipc::CleanupReport report = ipc::cleanup(names);
    std::fprintf(stdout, "%s\n", report.summary().c_str());
    for (const auto& item : report.items)
        if (!item.error.empty())
            return common::kExitFailure;
    return common::kExitSuccess;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    common::installTranslations(app); // before parsing: --help is built with tr()
    QCoreApplication::setApplicationName(QStringLiteral("socket_srv"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PRODCONS_VERSION));

    TerminalServerCommandLine commandLine;
    if (const auto outcome =
            TerminalServerCommandLine::parse(QCoreApplication::arguments(), commandLine);
        !outcome.runs())
        return outcome.finish();

    if (commandLine.config.broker && commandLine.task != TerminalServerCommandLine::Task::Serve) {
        const BrokerQueueReport report =
            commandLine.task == TerminalServerCommandLine::Task::Cleanup
                ? removeBrokerQueue(commandLine.config)
                : brokerQueueStatus(commandLine.config);
        if (!report.ok)
            return printError(report.text.toStdString());
        std::fprintf(stdout, "%s\n", qPrintable(report.text));
        return common::kExitSuccess;
    }
    // The prefix was checked while parsing; ObjectNames says so once more.
    const auto names = ipc::ObjectNames::from_prefix(commandLine.config.ipc.prefix);
    if (!names)
        return printError(ipc::describe(names.error()));
    switch (commandLine.task) {
    case TerminalServerCommandLine::Task::ShowStatus:
        return showStatus(names.value());
    case TerminalServerCommandLine::Task::Cleanup:
        return cleanUp(names.value());
    case TerminalServerCommandLine::Task::Serve:
        break;
    }
    TerminalServer server(commandLine.readStdin);
    QObject::connect(&server, &TerminalServer::finished, &app, &QCoreApplication::quit);
    if (!server.start(commandLine))
        return common::kExitFailure;
    const int status = QCoreApplication::exec();
    return status != 0 ? status : server.exitStatus();
}
