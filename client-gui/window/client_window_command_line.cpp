#include "client_window_command_line.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace prodcons::client {

namespace {

// The context is the one lupdate gives the tr() calls below, so translations/ finds them.
QString tr(const char* text)
{
    return QCoreApplication::translate("prodcons::client::ClientWindowCommandLine", text);
}

} // namespace

ClientWindowSettings ClientWindowCommandLine::over(ClientWindowSettings settings) const
{
    if (host)
        settings.host = *host;
    if (port)
        settings.port = *port;
    if (role)
        settings.role = *role;
    if (rate)
        settings.rate = *rate;
    if (prefix)
        settings.prefix = *prefix;
    if (tag)
        settings.tag = true;
    if (picture)
        settings.role = Role::Producer; // a picture is sent, so the window produces
    return settings;
}

common::CommandLineOutcome ClientWindowCommandLine::parse(const QStringList& arguments,
                                                          ClientWindowCommandLine& result)
{
    using common::CommandLineOutcome;
    QCommandLineParser parser;
    common::beginCommandLine(
        parser, tr("Producer-consumer client window: connects to a server, produces names at a "
                   "set rate or consumes them, and shows them as they flow.\n"
                   "Options given here override the settings the window remembers."));
    const QCommandLineOption host(QStringLiteral("host"), tr("Server host (default 127.0.0.1)."),
                                  QStringLiteral("host"));
    const QCommandLineOption port(QStringLiteral("port"), tr("Server port (default 12345)."),
                                  QStringLiteral("port"));
    const QCommandLineOption role(QStringLiteral("role"), tr("producer or consumer."),
                                  QStringLiteral("role"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  tr("Names per minute, 1 to 1000000, or 'max'."),
                                  QStringLiteral("N|max"));
    const QCommandLineOption connect(QStringLiteral("connect"), tr("Connect at once."));
    const QCommandLineOption prefix(
        QStringLiteral("prefix"),
        tr("IPC name prefix that Cleanup acts on (default: $PRODCONS_IPC_PREFIX or /prodcons)."),
        QStringLiteral("prefix"));
    const QCommandLineOption tag(QStringLiteral("tag"),
                                 tr("Tag names with a sequence number (a consumer then counts "
                                    "gaps and duplicates)."));
    const QCommandLineOption picture(
        QStringLiteral("picture"),
        tr("Send this PBM picture (P1 or P4) instead of names, as a producer; for this run only."),
        QStringLiteral("file"));
    const QCommandLineOption noSettings(
        QStringLiteral("no-settings"),
        tr("Neither read nor save the last settings and window geometry (for scripts)."));
    parser.addOptions({host, port, role, rate, connect, prefix, tag, picture, noSettings});

    if (auto outcome = common::parseCommandLine(parser, arguments, 0); !outcome.runs())
        return outcome;

    ClientWindowCommandLine parsed;
    if (parser.isSet(host)) {
        if (parser.value(host).trimmed().isEmpty())
            return CommandLineOutcome::usageError(tr("--host needs a host name or address"));
        parsed.host = parser.value(host).trimmed();
    }
    if (parser.isSet(port)) {
        const auto value = common::wholeNumber(parser.value(port), 1, 65535);
        if (!value)
            return CommandLineOutcome::usageError(
                tr("--port takes 1 to 65535, not '%1'").arg(parser.value(port)));
        parsed.port = quint16(*value);
    }
    if (parser.isSet(role)) {
        parsed.role = parseRole(parser.value(role));
        if (!parsed.role)
            return CommandLineOutcome::usageError(
                tr("--role takes producer or consumer, not '%1'").arg(parser.value(role)));
    }
    if (parser.isSet(rate)) {
        parsed.rate = Rate::parse(parser.value(rate));
        if (!parsed.rate)
            return CommandLineOutcome::usageError(
                tr("--rate takes 1 to 1000000 (names per minute) or 'max', not '%1'")
                    .arg(parser.value(rate)));
    }
    if (parser.isSet(prefix)) {
        QString error;
        parsed.prefix = common::ipcPrefixOption(parser.value(prefix), error);
        if (!parsed.prefix)
            return CommandLineOutcome::usageError(error);
    }
    if (parser.isSet(picture)) {
        if (parser.value(picture).isEmpty())
            return CommandLineOutcome::usageError(tr("--picture needs a file name"));
        if (parsed.role == Role::Consumer)
            return CommandLineOutcome::usageError(
                tr("--picture sends a picture: it goes with --role producer, not consumer"));
        parsed.picture = parser.value(picture);
    }
    parsed.tag = parser.isSet(tag);
    parsed.connect = parser.isSet(connect);
    parsed.noSettings = parser.isSet(noSettings);
    result = parsed;
    return CommandLineOutcome::run();
}

} // namespace prodcons::client
