#include "client_options.h"

#include "ipc/object_names.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace prodcons::client {

ClientOptions ClientOptions::defaults()
{
    ClientOptions options;
    options.prefix = QString::fromStdString(ipc::prefix_from_environment());
    return options;
}

void ClientCommandLine::applyTo(ClientOptions& options) const
{
    if (host)
        options.host = *host;
    if (port)
        options.port = *port;
    if (role)
        options.role = *role;
    if (rate)
        options.rate = *rate;
    if (prefix)
        options.prefix = *prefix;
    if (tag)
        options.tag = true;
}

ClientCommandLine::Outcome ClientCommandLine::parse(const QStringList& arguments,
                                                    ClientCommandLine& result, QString& message)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Producer-consumer client window: connects to a server, produces names at a set "
           "rate or consumes them, and shows them as they flow."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
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
    const QCommandLineOption noSettings(
        QStringLiteral("no-settings"),
        tr("Neither read nor save the last settings and window geometry (for scripts)."));
    parser.addOptions({host, port, role, rate, connect, prefix, tag, noSettings});

    if (const auto outcome = common::parseCommandLine(parser, arguments, help, version, message);
        outcome != Outcome::Run)
        return outcome;

    result = {};
    if (parser.isSet(host)) {
        if (parser.value(host).trimmed().isEmpty()) {
            message = tr("--host needs a host name or address");
            return Outcome::UsageError;
        }
        result.host = parser.value(host).trimmed();
    }
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value < 1 || value > 65535) {
            message = tr("--port takes 1 to 65535, not '%1'").arg(parser.value(port));
            return Outcome::UsageError;
        }
        result.port = quint16(value);
    }
    if (parser.isSet(role)) {
        result.role = parseRole(parser.value(role));
        if (!result.role) {
            message = tr("--role takes producer or consumer, not '%1'").arg(parser.value(role));
            return Outcome::UsageError;
        }
    }
    if (parser.isSet(rate)) {
        result.rate = Rate::parse(parser.value(rate));
        if (!result.rate) {
            message = tr("--rate takes 1 to 1000000 (names per minute) or 'max', not '%1'")
                          .arg(parser.value(rate));
            return Outcome::UsageError;
        }
    }
    if (parser.isSet(prefix)) {
        const QString value = parser.value(prefix);
        if (const auto names = ipc::ObjectNames::from_prefix(value.toStdString()); !names) {
            message = tr("--prefix: %1").arg(QString::fromStdString(ipc::describe(names.error())));
            return Outcome::UsageError;
        }
        result.prefix = value;
    }
    result.tag = parser.isSet(tag);
    result.connect = parser.isSet(connect);
    result.noSettings = parser.isSet(noSettings);
    return Outcome::Run;
}

} // namespace prodcons::client
