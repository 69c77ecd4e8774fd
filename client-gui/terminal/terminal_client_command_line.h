// socket_cl's command line: socket_cl HOST PORT [options]; `socket_cl --help` lists them.
#pragma once

#include "command_line.h"
#include "terminal_client_config.h"

namespace prodcons::client {

struct TerminalClientCommandLine
{
    TerminalClientConfig config;

    /// Parses `arguments` (the program first). Does not print and does not exit.
    static common::CommandLineOutcome parse(const QStringList& arguments,
                                            TerminalClientCommandLine& result);
};

} // namespace prodcons::client
