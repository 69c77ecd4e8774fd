// socket_srv: the terminal server.
//   socket_srv -shm PORT | -mq PORT [options]     serve until 'quit', end of stdin or a signal
//   socket_srv --status | --cleanup [--prefix P]  look at, or remove, the IPC objects
#include "ipc/cleanup.h"
#include "ipc/snapshot.h"
#include "status_report.h"
#include "terminal_server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

using namespace prodcons;
using namespace prodcons::server;

namespace {

int fail(const QString& text, int code = 2)
{
    std::fprintf(stderr, "socket_srv: %s\n", qPrintable(text));
    return code;
}

bool positiveNumber(const QString& text, int max, int& out)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < 1 || value > max)
        return false;
    out = value;
    return true;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("socket_srv"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PRODCONS_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Producer-consumer server: forks a child per client; the children share a "
                "buffer in shared memory (-shm) or a POSIX message queue (-mq) with every other "
                "server of the same mode on this machine."));
    // The classic usage is "-shm 12345": read -shm as one option, not as -s -h -m.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption shm(
        QStringLiteral("shm"),
        QCoreApplication::translate("main", "Serve through shared memory and semaphores."));
    const QCommandLineOption mq(
        QStringLiteral("mq"),
        QCoreApplication::translate("main", "Serve through a POSIX message queue."));
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        QCoreApplication::translate(
            "main", "Address to listen on: 127.0.0.1 (default), 'localhost', 'any', or an "
                    "address."),
        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption prefix(
        QStringLiteral("prefix"),
        QCoreApplication::translate(
            "main", "IPC name prefix (default: $PRODCONS_IPC_PREFIX or /prodcons)."),
        QStringLiteral("prefix"));
    const QCommandLineOption maxChildren(
        QStringLiteral("max-children"),
        QCoreApplication::translate(
            "main", "Clients served at once (places kept for this server in the prefix's "
                    "shared table); more get 'ERROR: server busy' (default 256)."),
        QStringLiteral("n"), QStringLiteral("256"));
    const QCommandLineOption roleTimeout(
        QStringLiteral("role-timeout"),
        QCoreApplication::translate("main", "Seconds a client has to answer Task? (default 30)."),
        QStringLiteral("seconds"), QStringLiteral("30"));
    const QCommandLineOption ackTimeout(
        QStringLiteral("ack-timeout"),
        QCoreApplication::translate("main",
                                    "Seconds a consumer may take to acknowledge (default 60)."),
        QStringLiteral("seconds"), QStringLiteral("60"));
    const QCommandLineOption idleTimeout(
        QStringLiteral("idle-timeout"),
        QCoreApplication::translate("main", "Seconds a producer may stay silent before it is "
                                            "closed (default 180)."),
        QStringLiteral("seconds"), QStringLiteral("180"));
    const QCommandLineOption window(
        QStringLiteral("window"),
        QCoreApplication::translate("main",
                                    "Names sent to a consumer ahead of its OKs (1 to %1, the "
                                    "default: what the shared buffer holds for each consumer).")
            .arg(ipc::Geometry{}.window),
        QStringLiteral("n"), QString::number(ipc::Geometry{}.window));
    const QCommandLineOption noStdin(
        QStringLiteral("no-stdin"),
        QCoreApplication::translate(
            "main", "Ignore standard input (to run in the background); stop with a signal."));
    const QCommandLineOption status(
        QStringLiteral("status"),
        QCoreApplication::translate(
            "main", "Show the IPC objects, their state and their users, then exit."));
    const QCommandLineOption cleanup(
        QStringLiteral("cleanup"),
        QCoreApplication::translate("main", "Remove the IPC objects of the prefix, then exit."));
    parser.addOptions({shm, mq, bind, prefix, maxChildren, roleTimeout, ackTimeout, idleTimeout,
                       window, noStdin, status, cleanup});
    parser.addPositionalArgument(QStringLiteral("PORT"),
                                 QCoreApplication::translate("main", "TCP port to listen on."));
    parser.process(app);

    const QString prefixText = parser.isSet(prefix)
                                   ? parser.value(prefix)
                                   : QString::fromStdString(ipc::prefix_from_environment());
    auto names = ipc::ObjectNames::from_prefix(prefixText.toStdString());
    if (!names)
        return fail(QString::fromStdString(ipc::describe(names.error())));

    if (parser.isSet(status)) {
        auto snap = ipc::inspect(names.value());
        if (!snap)
            return fail(QString::fromStdString(ipc::describe(snap.error())), 1);
        std::fprintf(stdout, "%s\n", qPrintable(statusReport(names.value(), snap.value())));
        return 0;
    }
    if (parser.isSet(cleanup)) {
        const ipc::CleanupReport report = ipc::cleanup(names.value());
        std::fprintf(stdout, "%s\n", report.summary().c_str());
        for (const auto& item : report.items)
            if (!item.error.empty())
                return 1;
        return 0;
    }

    if (parser.isSet(shm) == parser.isSet(mq))
        return fail(QCoreApplication::translate(
            "main", "choose one mode: -shm PORT or -mq PORT (see --help)"));
    const QStringList positional = parser.positionalArguments();
    int port = 0;
    if (positional.size() != 1 || !positiveNumber(positional[0], 65535, port))
        return fail(QCoreApplication::translate(
            "main", "give one TCP port (1-65535), e.g. socket_srv -shm 12345"));

    ServerConfig config;
    config.mode = parser.isSet(mq) ? ipc::Mode::Mq : ipc::Mode::Shm;
    config.port = static_cast<quint16>(port);
    config.ipc.prefix = prefixText.toStdString();
    const QString address = parser.value(bind);
    config.address = bindAddressFrom(address);
    if (config.address.isNull())
        return fail(QCoreApplication::translate("main", "'%1' is not an address").arg(address));
    int value = 0;
    if (!positiveNumber(parser.value(maxChildren), 4096, config.max_children))
        return fail(QCoreApplication::translate("main", "--max-children takes 1 to 4096"));
    if (!positiveNumber(parser.value(roleTimeout), 86400, value))
        return fail(QCoreApplication::translate("main", "--role-timeout takes 1 to 86400 seconds"));
    config.limits.role_timeout = std::chrono::seconds(value);
    if (!positiveNumber(parser.value(ackTimeout), 86400, value))
        return fail(QCoreApplication::translate("main", "--ack-timeout takes 1 to 86400 seconds"));
    config.limits.ack_timeout = std::chrono::seconds(value);
    if (!positiveNumber(parser.value(idleTimeout), 86400, value))
        return fail(QCoreApplication::translate("main", "--idle-timeout takes 1 to 86400 seconds"));
    config.limits.idle_timeout = std::chrono::seconds(value);
    const int maxWindow = static_cast<int>(ipc::Geometry{}.window);
    if (!positiveNumber(parser.value(window), maxWindow, value))
        return fail(QCoreApplication::translate("main", "--window takes 1 to %1 (the names the "
                                                        "shared buffer holds for each consumer)")
                        .arg(maxWindow));
    config.limits.window = static_cast<std::uint32_t>(value);

    TerminalServer server(!parser.isSet(noStdin));
    QObject::connect(&server, &TerminalServer::finished, &app, &QCoreApplication::quit);
    if (!server.start(config))
        return 1;
    return app.exec();
}
