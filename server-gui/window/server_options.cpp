#include "server_options.h"

#include "ipc_prefix.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <cstring>

namespace prodcons::server {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons-server", text);
}

} // namespace

ServerWindowSettings ServerOptions::over(ServerWindowSettings settings) const
{
    if (port)
        settings.port = *port;
    if (mode)
        settings.mode = *mode;
    if (bind)
        settings.bind = *bind;
    if (prefix)
        settings.prefix = *prefix;
    return settings;
}

ServerOptionsOutcome parseServerOptions(const QStringList& arguments, ServerOptions& options,
                                        QString& message)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("The producer-consumer server window: it forks one child process per client, and\n"
           "the children of every server with the same IPC prefix and mode share one buffer\n"
           "(shared memory and three semaphores, or a POSIX message queue).\n"
           "Options given here override the settings the window remembers."));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help and exit."));
    const QCommandLineOption version(QStringList{QStringLiteral("v"), QStringLiteral("version")},
                                     tr("Show the version and exit."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  tr("TCP port to listen on (1-65535; 0: any free port)."),
                                  QStringLiteral("N"));
    const QCommandLineOption mode(
        QStringLiteral("mode"),
        tr("Buffer: shm (shared memory and semaphores) or mq (POSIX message queue)."),
        QStringLiteral("shm|mq"));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  tr("Address to listen on: 127.0.0.1 (this computer only), "
                                     "'any' (all interfaces), or an address."),
                                  QStringLiteral("ADDRESS"));
    const QCommandLineOption prefix(
        QStringLiteral("prefix"),
        tr("IPC name prefix, e.g. /prodcons (objects /prodcons_shm, /prodcons_mq, ...); "
           "default: $PRODCONS_IPC_PREFIX or /prodcons."),
        QStringLiteral("P"));
    const QCommandLineOption start(QStringLiteral("start"), tr("Start listening at once."));
    const QCommandLineOption noSettings(
        QStringLiteral("no-settings"),
        tr("Neither read nor save the remembered settings and window geometry (for scripts)."));
    parser.addOptions({help, version, port, mode, bind, prefix, start, noSettings});

    if (const auto outcome = common::parseCommandLine(parser, arguments, help, version, message);
        outcome != ServerOptionsOutcome::Run)
        return outcome;

    ServerOptions parsed;
    if (parser.isSet(port)) {
        bool ok = false;
        const int value = parser.value(port).toInt(&ok);
        if (!ok || value < 0 || value > 65535) {
            message = tr("--port takes a number from 0 to 65535, not '%1'").arg(parser.value(port));
            return ServerOptionsOutcome::UsageError;
        }
        parsed.port = static_cast<quint16>(value);
    }
    if (parser.isSet(mode)) {
        const QString value = parser.value(mode).toLower();
        if (value == QLatin1String("shm")) {
            parsed.mode = ipc::Mode::Shm;
        } else if (value == QLatin1String("mq")) {
            parsed.mode = ipc::Mode::Mq;
        } else {
            message = tr("--mode takes shm or mq, not '%1'").arg(parser.value(mode));
            return ServerOptionsOutcome::UsageError;
        }
    }
    if (parser.isSet(bind)) {
        const QString value = parser.value(bind).trimmed();
        if (bindAddressFrom(value).isNull()) {
            message = tr("--bind takes an address such as 127.0.0.1, or 'any', not '%1'")
                          .arg(parser.value(bind));
            return ServerOptionsOutcome::UsageError;
        }
        parsed.bind = value.compare(QLatin1String("any"), Qt::CaseInsensitive) == 0
                          ? QStringLiteral("any")
                          : bindAddressFrom(value).toString();
    }
    if (parser.isSet(prefix)) {
        const QString value = parser.value(prefix);
        if (!common::isValidIpcPrefix(value)) {
            message = tr("--prefix takes %1 (for example /prodcons), not '%2'")
                          .arg(common::ipcPrefixRule(), value);
            return ServerOptionsOutcome::UsageError;
        }
        parsed.prefix = value;
    }
    parsed.start = parser.isSet(start);
    parsed.noSettings = parser.isSet(noSettings);
    options = parsed;
    return ServerOptionsOutcome::Run;
}

std::optional<int> answerHelpOrVersion(int argc, char* argv[])
{
    bool asked = false;
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"-h", "--help", "-v", "--version"})
            asked = asked || std::strcmp(argv[i], flag) == 0;
    if (!asked)
        return std::nullopt;
    const QCoreApplication app(argc, argv); // no display needed for this
    ServerOptions options;
    QString message;
    switch (parseServerOptions(QCoreApplication::arguments(), options, message)) {
    case ServerOptionsOutcome::ExitOk:
        std::fputs(qPrintable(message), stdout);
        return 0;
    case ServerOptionsOutcome::UsageError:
        std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()),
                     qPrintable(message));
        return 2;
    case ServerOptionsOutcome::Run:
        break;
    }
    return std::nullopt;
}

} // namespace prodcons::server
