// The command line of prodcons-client:
//   prodcons-client [--host H] [--port N] [--role producer|consumer] [--rate N|max] [--tag]
//                   [--prefix P] [--picture FILE] [--connect] [--no-settings]
// Options given override the remembered settings; --connect connects at once; --no-settings
// neither reads nor writes the remembered settings and geometry (for scripts such as the demo).
// --picture makes the window a producer that sends FILE instead of names; it is for this run
// only and never remembered (a remembered file could be gone, or send a picture unasked).
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
    /// A .pbm file to send instead of names (read by the app, not here: a file that cannot be
    /// sent is not a wrong command line).
    std::optional<QString> picture;
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
