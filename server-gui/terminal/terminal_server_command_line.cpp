#include "terminal_server_command_line.h"

#include "broker_options.h"
#include "ipc/teaching.h"
#include "ipc_prefix.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace prodcons::server {

namespace {

// The context is the one lupdate gives the tr() calls below, so translations/ finds them.
QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::server::TerminalServerCommandLine", text);
}

constexpr qint64 kMaxTimeoutSeconds = 86400;

} // namespace

common::CommandLineOutcome TerminalServerCommandLine::parse(const QStringList& arguments,
                                                            TerminalServerCommandLine& result)
{
    using common::CommandLineOutcome;
    QCommandLineParser parser;
    // The classic usage is "-shm 12345": read -shm as one option, not as -s -h -m.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    common::beginCommandLine(
        parser, tr("Producer-consumer server: forks a child per client; the children share a "
                   "buffer in shared memory (-shm) or a POSIX message queue (-mq) with every "
                   "other server of the same mode on this machine, or a RabbitMQ queue (-amqp) "
                   "with every server of the same broker, wherever it runs.\n"
                   "Exit status: 0 when it did what was asked, 1 when it could not, 2 on a "
                   "usage error."));
    const QCommandLineOption shm(QStringLiteral("shm"),
                                 tr("Serve through shared memory and semaphores."));
    const QCommandLineOption mq(QStringLiteral("mq"), tr("Serve through a POSIX message queue."));
    const BrokerOptions brokerOptions;
    const QCommandLineOption& amqp = brokerOptions.amqp;
    const QCommandLineOption& broker = brokerOptions.broker;
    const QCommandLineOption& brokerCredentials = brokerOptions.credentials;
    const QCommandLineOption bind(
        QStringLiteral("bind"),
        tr("Address to listen on: 127.0.0.1 (default), 'localhost', 'any', or an address."),
        QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption prefix(
        QStringLiteral("prefix"),
        tr("IPC name prefix (default: $PRODCONS_IPC_PREFIX or /prodcons)."),
        QStringLiteral("prefix"));
    const QCommandLineOption maxChildren(
        QStringLiteral("max-children"),
        tr("Clients served at once (places kept for this server in the prefix's shared table); "
           "more get 'ERROR: server busy' (default 256)."),
        QStringLiteral("n"), QStringLiteral("256"));
    const QCommandLineOption roleTimeout(QStringLiteral("role-timeout"),
                                         tr("Seconds a client has to answer Task? (default 30)."),
                                         QStringLiteral("seconds"), QStringLiteral("30"));
    const QCommandLineOption ackTimeout(
        QStringLiteral("ack-timeout"),
        tr("Seconds a consumer may take to acknowledge (default 60)."), QStringLiteral("seconds"),
        QStringLiteral("60"));
    const QCommandLineOption idleTimeout(
        QStringLiteral("idle-timeout"),
        tr("Seconds a producer may stay silent before it is closed (default 180)."),
        QStringLiteral("seconds"), QStringLiteral("180"));
    const QCommandLineOption slotSize(QStringLiteral("slot-size"), common::slotSizeHelp(),
                                      QStringLiteral("bytes"),
                                      QString::number(ipc::kDefaultSlotSize));
    const qint64 maxWindow = ipc::Geometry{}.window;
    const QCommandLineOption window(
        QStringLiteral("window"),
        tr("Names sent to a consumer ahead of its OKs (1 to %1, the default: what the shared "
           "buffer holds for each consumer, fewer with larger slots).")
            .arg(maxWindow),
        QStringLiteral("n"), QString::number(maxWindow));
    const QCommandLineOption noStdin(
        QStringLiteral("no-stdin"),
        tr("Ignore standard input (to run in the background); stop with a signal."));
    const QCommandLineOption tempo(
        QStringLiteral("tempo"),
        tr("Teaching: every producer and consumer of the prefix waits ms milliseconds (0 to %1) "
           "before each step of the algorithm, until the server stops (default 0: full "
           "speed). 'tempo MS' typed on stdin changes it.")
            .arg(ipc::kMaxTempoMs),
        QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption trace(
        QStringLiteral("trace"),
        tr("Teaching: record the steps of every producer and consumer of the prefix and write "
           "them to file when the server stops, in the Chrome trace event format (open it in "
           "ui.perfetto.dev or chrome://tracing)."),
        QStringLiteral("file.json"));
    const QCommandLineOption race(
        QStringLiteral("race"),
        tr("Teaching: the race on purpose. While this server runs, the SHM producers and "
           "consumers of every server of the prefix skip the mutex, and names are overwritten, "
           "lost and doubled. Never on the default prefix: give one with --prefix."));
    const QCommandLineOption status(
        QStringLiteral("status"),
        tr("Show the IPC objects, their state and their users, then exit."));
    const QCommandLineOption cleanup(QStringLiteral("cleanup"),
                                     tr("Remove the IPC objects of the prefix, then exit."));
    parser.addOptions({shm, mq, amqp, broker, brokerCredentials, bind, prefix, maxChildren,
                       roleTimeout, ackTimeout, idleTimeout, slotSize, window, noStdin, tempo,
                       trace, race, status, cleanup});
    parser.addPositionalArgument(QStringLiteral("PORT"), tr("TCP port to listen on."));

    if (auto outcome = common::parseCommandLine(parser, arguments, 1); !outcome.runs())
        return outcome;

    TerminalServerCommandLine parsed;
    QString error;
    if (parser.isSet(prefix)) {
        const auto given = common::ipcPrefixOption(parser.value(prefix), error);
        if (!given)
            return CommandLineOutcome::usageError(error);
        parsed.config.ipc.prefix = given->toStdString();
    } else if (const QString fromEnvironment =
                   QString::fromStdString(ipc::prefix_from_environment());
               !common::isValidIpcPrefix(fromEnvironment)) {
        return CommandLineOutcome::usageError(
            tr("$%1 is '%2'; an IPC prefix must be %3")
                .arg(QLatin1String(ipc::kPrefixEnvironmentVariable), fromEnvironment,
                     common::ipcPrefixRule()));
    } else {
        parsed.config.ipc.prefix = fromEnvironment.toStdString();
    }

    if (parser.isSet(amqp) || parser.isSet(broker) || parser.isSet(brokerCredentials))
        parsed.config.broker = BrokerChoice{.url = parser.value(broker),
                                            .credentialsFile = parser.value(brokerCredentials)};
    if (!parser.isSet(amqp) && parsed.config.broker)
        return CommandLineOutcome::usageError(BrokerOptions::withoutAmqpMode());

    if (parser.isSet(status) || parser.isSet(cleanup)) {
        parsed.task = parser.isSet(status) ? Task::ShowStatus : Task::Cleanup;
        result = parsed;
        return CommandLineOutcome::run();
    }

    if (int{parser.isSet(shm)} + int{parser.isSet(mq)} + int{parser.isSet(amqp)} != 1)
        return CommandLineOutcome::usageError(
            tr("choose one mode: -shm PORT, -mq PORT or -amqp PORT (see --help)"));
    parsed.config.mode = parser.isSet(mq) ? ipc::Mode::Mq : ipc::Mode::Shm;
    const QStringList positional = parser.positionalArguments();
    const auto port =
        positional.isEmpty() ? std::nullopt : common::wholeNumber(positional[0], 1, 65535);
    if (!port)
        return CommandLineOutcome::usageError(
            tr("give one TCP port (1-65535), e.g. socket_srv -shm 12345"));
    parsed.config.port = static_cast<quint16>(*port);

    parsed.config.address = bindAddressFrom(parser.value(bind));
    if (parsed.config.address.isNull())
        return CommandLineOutcome::usageError(tr("'%1' is not an address").arg(parser.value(bind)));
    const auto children = common::wholeNumber(parser.value(maxChildren), 1, 4096);
    if (!children)
        return CommandLineOutcome::usageError(tr("--max-children takes 1 to 4096"));
    parsed.config.maxChildren = static_cast<int>(*children);

    // Each timeout: its option, where it goes, and what the error says.
    const struct
    {
        const QCommandLineOption& option;
        std::chrono::milliseconds& limit;
        const char* error;
    } timeouts[] = {
        {roleTimeout, parsed.config.limits.role_timeout,
         QT_TRANSLATE_NOOP("prodcons::server::TerminalServerCommandLine",
                           "--role-timeout takes 1 to 86400 seconds")},
        {ackTimeout, parsed.config.limits.ack_timeout,
         QT_TRANSLATE_NOOP("prodcons::server::TerminalServerCommandLine",
                           "--ack-timeout takes 1 to 86400 seconds")},
        {idleTimeout, parsed.config.limits.idle_timeout,
         QT_TRANSLATE_NOOP("prodcons::server::TerminalServerCommandLine",
                           "--idle-timeout takes 1 to 86400 seconds")},
    };
    for (const auto& timeout : timeouts) {
        const auto seconds =
            common::wholeNumber(parser.value(timeout.option), 1, kMaxTimeoutSeconds);
        if (!seconds)
            return CommandLineOutcome::usageError(tr(timeout.error));
        timeout.limit = std::chrono::seconds(*seconds);
    }
    const auto slotBytes = common::slotSizeOption(parser.value(slotSize), error);
    if (!slotBytes)
        return CommandLineOutcome::usageError(error);
    parsed.config.ipc.geometry = ipc::Geometry::with_slot_size(*slotBytes);
    const auto names = common::wholeNumber(parser.value(window), 1, maxWindow);
    if (!names)
        return CommandLineOutcome::usageError(
            tr("--window takes 1 to %1 (the names the shared buffer holds for each consumer)")
                .arg(maxWindow));
    parsed.config.limits.window = static_cast<std::uint32_t>(*names);
    parsed.readStdin = !parser.isSet(noStdin);
    const auto tempoMs = common::wholeNumber(parser.value(tempo), 0, ipc::kMaxTempoMs);
    if (!tempoMs)
        return CommandLineOutcome::usageError(
            tr("--tempo takes 0 to %1 milliseconds (the wait before each step), not '%2'")
                .arg(ipc::kMaxTempoMs)
                .arg(parser.value(tempo)));
    parsed.tempo = std::chrono::milliseconds(*tempoMs);
    parsed.tempoGiven = parser.isSet(tempo);
    if (parser.isSet(trace)) {
        // Checked now rather than found out after a whole lesson.
        const QString given = parser.value(trace);
        const QFileInfo file(given);
        const QFileInfo directory(file.absolutePath());
        if (given.isEmpty())
            return CommandLineOutcome::usageError(
                tr("--trace takes a file name, e.g. --trace steps.json"));
        if (file.isDir())
            return CommandLineOutcome::usageError(
                tr("--trace: %1 is a directory; give a file name, e.g. %1/steps.json")
                    .arg(file.absoluteFilePath()));
        if (!directory.isDir())
            return CommandLineOutcome::usageError(
                tr("--trace: there is no directory %1").arg(directory.absoluteFilePath()));
        if (!directory.isWritable())
            return CommandLineOutcome::usageError(
                tr("--trace: cannot write into %1").arg(directory.absoluteFilePath()));
        parsed.tracePath = file.absoluteFilePath();
    }
    parsed.config.race = parser.isSet(race);
    if (parsed.config.broker && (parsed.tempoGiven || !parsed.tracePath.isEmpty()))
        return CommandLineOutcome::usageError(
            tr("--tempo and --trace are for the SHM and MQ modes: a RabbitMQ queue's steps happen "
               "inside the broker"));
    if (parsed.config.race && parsed.config.broker)
        return CommandLineOutcome::usageError(
            tr("--race is for the SHM mode: a RabbitMQ queue has no mutex to skip"));
    if (parsed.config.race && !ipc::race_allowed(parsed.config.ipc.prefix))
        return CommandLineOutcome::usageError(
            tr("--race is never used on the default prefix %1, which real demos share: give "
               "another, e.g. --prefix /lesson")
                .arg(QString::fromStdString(parsed.config.ipc.prefix)));
    result = parsed;
    return CommandLineOutcome::run();
}

} // namespace prodcons::server
