// What a server is asked to be: where it listens, which buffer it serves, and its limits.
#pragma once

#include "ipc/config.h"
#include "session.h"

#include <QHostAddress>
#include <chrono>

namespace prodcons::server {

struct ServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 12345;
    ipc::Mode mode = ipc::Mode::Shm;
    ipc::Config ipc = ipc::Config::from_environment();
    SessionLimits limits;
    int maxChildren = 256;
    /// How long children get to leave after SIGTERM before SIGKILL.
    std::chrono::milliseconds stopGrace{2000};
    /// The race on purpose (teaching): the SHM children of every server of the prefix skip the
    /// mutex while this server runs. Refused on the default prefix.
    bool race = false;
};

/// "any" -> all interfaces, "localhost"/"loopback" -> 127.0.0.1, else an address literal;
/// a null address if the text is none of these. What --bind takes, in both programs.
QHostAddress bindAddressFrom(const QString& text);

} // namespace prodcons::server
