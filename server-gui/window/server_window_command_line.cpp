#include "server_window_command_line.h"

#include "broker_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace prodcons::server {

namespace {

// The context is the one lupdate gives the tr() calls below, so translations/ finds them.
QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::server::ServerWindowCommandLine", text);
}

} // namespace

ServerWindowSettings ServerWindowCommandLine::over(ServerWindowSettings settings) const
{
    if (port)
        settings.port = *port;
    if (mode) {
        settings.mode = *mode;
        settings.amqp = false;
    }
    if (amqp)
        settings.amqp = true;
    if (brokerUrl)
        settings.brokerUrl = *brokerUrl;
    if (brokerCredentials)
        settings.brokerCredentials = *brokerCredentials;
    if (bind)
        settings.bind = *bind;
    if (prefix)
        settings.prefix = *prefix;
    if (slotSize)
        settings.slotSize = *slotSize;
    return settings;
}

common::CommandLineOutcome ServerWindowCommandLine::parse(const QStringList& arguments,
                                                          ServerWindowCommandLine& result)
{
    using common::CommandLineOutcome;
    QCommandLineParser parser;
    common::beginCommandLine(
        parser,
        tr("The producer-consumer server window: it forks one child process per client, and\n"
           "the children of every server with the same IPC prefix and mode share one buffer\n"
           "(shared memory and three semaphores, or a POSIX message queue); in the AMQP mode\n"
           "they share a RabbitMQ queue with every server of the same broker, wherever it runs.\n"
           "Options given here override the settings the window remembers."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  tr("TCP port to listen on (1-65535; 0: any free port)."),
                                  QStringLiteral("N"));
    const QCommandLineOption mode(
        QStringLiteral("mode"),
        tr("Buffer: shm (shared memory and semaphores), mq (POSIX message queue) or amqp "
           "(a RabbitMQ queue, as -amqp)."),
        QStringLiteral("shm|mq|amqp"));
    // The AMQP options with socket_srv's names and meaning, so that one command line serves
    // both programs.
    const BrokerOptions brokerOptions;
    const QCommandLineOption& amqp = brokerOptions.amqp;
    const QCommandLineOption& broker = brokerOptions.broker;
    const QCommandLineOption& brokerCredentials = brokerOptions.credentials;
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  tr("Address to listen on: 127.0.0.1 (this computer only), "
                                     "'any' (all interfaces), or an address."),
                                  QStringLiteral("ADDRESS"));
    const QCommandLineOption prefix(
        QStringLiteral("prefix"),
        tr("IPC name prefix, e.g. /prodcons (objects /prodcons_shm, /prodcons_mq, ...); "
           "default: $PRODCONS_IPC_PREFIX or /prodcons."),
        QStringLiteral("P"));
    const QCommandLineOption slotSize(QStringLiteral("slot-size"), common::slotSizeHelp(),
                                      QStringLiteral("BYTES"));
    const QCommandLineOption start(QStringLiteral("start"), tr("Start listening at once."));
    const QCommandLineOption noSettings(
        QStringLiteral("no-settings"),
        tr("Neither read nor save the remembered settings and window geometry (for scripts)."));
    parser.addOptions(
        {port, mode, amqp, broker, brokerCredentials, bind, prefix, slotSize, start, noSettings});
    // -amqp as socket_srv takes it (a word after one dash is an option, not -a -m -q -p).
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);

    if (auto outcome = common::parseCommandLine(parser, arguments, 0); !outcome.runs())
        return outcome;

    ServerWindowCommandLine parsed;
    if (parser.isSet(port)) {
        const auto value = common::wholeNumber(parser.value(port), 0, 65535);
        if (!value)
            return CommandLineOutcome::usageError(
                tr("--port takes a number from 0 to 65535, not '%1'").arg(parser.value(port)));
        parsed.port = static_cast<quint16>(*value);
    }
    if (parser.isSet(mode)) {
        const QString value = parser.value(mode).toLower();
        if (value == QLatin1String("shm")) {
            parsed.mode = ipc::Mode::Shm;
        } else if (value == QLatin1String("mq")) {
            parsed.mode = ipc::Mode::Mq;
        } else if (value == QLatin1String("amqp")) {
            parsed.amqp = true;
        } else {
            return CommandLineOutcome::usageError(
                tr("--mode takes shm, mq or amqp, not '%1'").arg(parser.value(mode)));
        }
    }
    if (parser.isSet(amqp)) {
        if (parsed.mode)
            return CommandLineOutcome::usageError(
                tr("choose one mode: --mode %1 or -amqp").arg(parser.value(mode)));
        parsed.amqp = true;
    }
    if (parser.isSet(broker))
        parsed.brokerUrl = parser.value(broker).trimmed();
    if (parser.isSet(brokerCredentials))
        parsed.brokerCredentials = parser.value(brokerCredentials).trimmed();
    if (!parsed.amqp && (parsed.brokerUrl || parsed.brokerCredentials))
        return CommandLineOutcome::usageError(BrokerOptions::withoutAmqpMode());
    if (parser.isSet(bind)) {
        const QString value = parser.value(bind).trimmed();
        if (bindAddressFrom(value).isNull())
            return CommandLineOutcome::usageError(
                tr("--bind takes an address such as 127.0.0.1, or 'any', not '%1'")
                    .arg(parser.value(bind)));
        parsed.bind = value.compare(QLatin1String("any"), Qt::CaseInsensitive) == 0
                          ? QStringLiteral("any")
                          : bindAddressFrom(value).toString();
    }
    if (parser.isSet(prefix)) {
        QString error;
        parsed.prefix = common::ipcPrefixOption(parser.value(prefix), error);
        if (!parsed.prefix)
            return CommandLineOutcome::usageError(error);
    }
    if (parser.isSet(slotSize)) {
        QString error;
        parsed.slotSize = common::slotSizeOption(parser.value(slotSize), error);
        if (!parsed.slotSize)
            return CommandLineOutcome::usageError(error);
    }
    parsed.start = parser.isSet(start);
    parsed.noSettings = parser.isSet(noSettings);
    result = parsed;
    return CommandLineOutcome::run();
}

} // namespace prodcons::server
