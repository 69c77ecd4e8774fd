// The command line of prodcons-server:
//   prodcons-server [--port N] [--mode shm|mq] [--bind ADDRESS|any] [--prefix P] [--start]
//                   [--no-settings]
// Options given override the remembered settings; --start listens at once; --no-settings
// neither reads nor writes the remembered settings and geometry (for scripts such as the demo).
#pragma once

#include "command_line.h"
#include "server_window_settings.h"

#include <QStringList>
#include <optional>

namespace prodcons::server {

struct ServerOptions
{
    std::optional<quint16> port;
    std::optional<ipc::Mode> mode;
    std::optional<QString> bind;
    std::optional<QString> prefix;
    bool start = false;
    bool noSettings = false; ///< neither read nor write the remembered settings and geometry

    /// The settings with the options given on the command line put over them.
    ServerWindowSettings over(ServerWindowSettings settings) const;
};

/// Run: open the window; ExitOk: --help or --version, `message` is what to print on stdout;
/// UsageError: `message` says what is wrong.
using ServerOptionsOutcome = common::CommandLineOutcome;

/// Parses `arguments` (arguments[0] is the program). Does not print and does not exit.
ServerOptionsOutcome parseServerOptions(const QStringList& arguments, ServerOptions& options,
                                        QString& message);

/// For main(), before the QApplication exists: if the raw command line asks for --help or
/// --version, prints the answer and returns the exit status, so that these work without a
/// display; otherwise returns nullopt.
std::optional<int> answerHelpOrVersion(int argc, char* argv[]);

} // namespace prodcons::server
