// The command line of prodcons-client:
//   prodcons-client [--host H] [--port N] [--role producer|consumer] [--rate N|max] [--tag]
//                   [--prefix P] [--connect] [--no-settings]
// Options given override the remembered settings; --connect connects at once; --no-settings
// neither reads nor writes the remembered settings and geometry (for scripts such as the demo).
#pragma once

#include "client_window_settings.h"
#include "command_line.h"

#include <optional>

namespace prodcons::client {

struct ClientWindowCommandLine
{
    std::optional<QString> host;
    std::optional<quint16> port;
    std::optional<Role> role;
    std::optional<Rate> rate;
    std::optional<QString> prefix;
    bool tag = false;
    bool connect = false;    ///< connect at once
    bool noSettings = false; ///< neither read nor write the remembered settings and geometry

    /// `settings` with the options given on the command line put over them.
    ClientWindowSettings over(ClientWindowSettings settings) const;

    /// Parses `arguments` (the program first). Does not print and does not exit.
    static common::CommandLineOutcome parse(const QStringList& arguments,
                                            ClientWindowCommandLine& result);
};

} // namespace prodcons::client
