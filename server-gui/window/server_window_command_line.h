// The command line of prodcons-server:
//   prodcons-server [--port N] [--mode shm|mq|amqp | -amqp [--broker URL]
//                   [--broker-credentials FILE]] [--bind ADDRESS|any] [--prefix P]
//                   [--slot-size BYTES] [--start] [--no-settings]
// Options given override the remembered settings; --start listens at once; --no-settings
// neither reads nor writes the remembered settings and geometry (for scripts such as the demo).
#pragma once

#include "command_line.h"
#include "server_window_settings.h"

#include <optional>

namespace prodcons::server {

struct ServerWindowCommandLine
{
    std::optional<quint16> port;
    std::optional<ipc::Mode> mode;
    /// -amqp (or --mode amqp): the AMQP mode, with the broker options as socket_srv takes them.
    bool amqp = false;
    std::optional<QString> brokerUrl;
    std::optional<QString> brokerCredentials;
    std::optional<QString> bind;
    std::optional<QString> prefix;
    std::optional<quint32> slotSize;
    bool start = false;
    bool noSettings = false; ///< neither read nor write the remembered settings and geometry

    /// `settings` with the options given on the command line put over them.
    ServerWindowSettings over(ServerWindowSettings settings) const;

    /// Parses `arguments` (the program first). Does not print and does not exit.
    static common::CommandLineOutcome parse(const QStringList& arguments,
                                            ServerWindowCommandLine& result);
};

} // namespace prodcons::server
