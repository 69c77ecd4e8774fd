// ServerWindowSettings: what a person chooses before starting a server window (port, mode,
// address to listen on, IPC name prefix, slot size, and in the AMQP mode the broker), how
// QSettings remembers it, and how it becomes the ServerConfig the core starts with.
#pragma once

#include "server_config.h"

#include <QHostAddress>
#include <QString>
#include <optional>

class QSettings;

namespace prodcons::server {

struct ServerWindowSettings
{
    /// 0 lets the system pick a free port (the status bar then shows the real one).
    quint16 port = 12345;
    ipc::Mode mode = ipc::Mode::Shm;
    /// The AMQP mode: the names wait in a RabbitMQ queue, and `mode` is unused.
    bool amqp = false;
    /// AMQP mode: amqp://host:port/vhost, never with a password (empty: $PRODCONS_BROKER_URL,
    /// else the local broker). Kept when another mode is chosen, for when AMQP is again.
    QString brokerUrl;
    /// AMQP mode: a file whose first line is user:password (empty: from $PRODCONS_BROKER_URL,
    /// else guest).
    QString brokerCredentials;
    /// "127.0.0.1" (this computer only), "any" (all interfaces), or another address.
    QString bind = QStringLiteral("127.0.0.1");
    /// The IPC name prefix: "/prodcons" gives /prodcons_shm, /prodcons_mutex, ...
    QString prefix = QString::fromStdString(ipc::prefix_from_environment());
    /// Bytes per buffer slot: lines up to one byte less. Every server of a prefix uses the same.
    quint32 slotSize = ipc::kDefaultSlotSize;

    /// The remembered settings, defaults where nothing is remembered. PRODCONS_IPC_PREFIX,
    /// when set, wins over a remembered prefix: it is this run's explicit choice.
    static ServerWindowSettings load(const QSettings& settings);
    void save(QSettings& settings) const;

    /// The config to start with, or nullopt with `error` saying what is wrong in words.
    std::optional<ServerConfig> toConfig(QString* error) const;

    bool operator==(const ServerWindowSettings&) const = default;
};

} // namespace prodcons::server
