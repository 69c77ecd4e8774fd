// What a server is asked to be: where it listens, which buffer it serves, and its limits.
#pragma once

#include "ipc/config.h"
#include "session.h"

#include <QHostAddress>
#include <QString>
#include <chrono>
#include <optional>

namespace prodcons::server {

/// The AMQP mode's broker, as given: resolved (URL, credentials) when the server starts.
struct BrokerChoice
{
    /// amqp://host:port/vhost or amqps://...; empty: $PRODCONS_BROKER_URL, else the local broker.
    QString url;
    /// A file whose first line is user:password (empty: from $PRODCONS_BROKER_URL or guest).
    QString credentialsFile;
};

struct ServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 12345;
    ipc::Mode mode = ipc::Mode::Shm;
    /// Set: the AMQP mode. Names wait in a RabbitMQ queue named from the prefix, shared by every
    /// server pointed at the same broker wherever it runs; `mode` and the IPC objects are unused.
    std::optional<BrokerChoice> broker;
    ipc::Config ipc = ipc::Config::from_environment();
    SessionLimits limits;
    int maxChildren = 256;
    /// How long children get to leave after SIGTERM before SIGKILL.
    std::chrono::milliseconds stopGrace{2000};
    /// The race on purpose (teaching): the SHM children of every server of the prefix skip the
    /// mutex while this server runs. Refused on the default prefix.
    bool race = false;
};

/// "SHM", "MQ" or "AMQP": the mode a server of `config` serves.
QString modeName(const ServerConfig& config);

/// "any" -> all interfaces, "localhost"/"loopback" -> 127.0.0.1, else an address literal;
/// a null address if the text is none of these. What --bind takes, in both programs.
QHostAddress bindAddressFrom(const QString& text);

} // namespace prodcons::server
