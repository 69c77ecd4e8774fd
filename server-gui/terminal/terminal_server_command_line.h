// socket_srv's command line:
//   socket_srv -shm PORT | -mq PORT | -amqp PORT [--broker URL] [options]
//                                                 serve until 'quit', end of stdin or a signal
//     (--tempo MS and --trace FILE.json for teaching: see step_commands.h)
//   socket_srv --status | --cleanup [--prefix P] [-amqp [--broker URL]]
//                                                 look at, or remove, the IPC objects (the queue)
#pragma once

#include "command_line.h"
#include "server_config.h"

#include <QString>
#include <chrono>

namespace prodcons::server {

struct TerminalServerCommandLine
{
    enum class Task
    {
        Serve,
        ShowStatus,
        Cleanup
    };
    Task task = Task::Serve;
    /// What to serve; for --status and --cleanup only its IPC prefix counts.
    ServerConfig config;
    bool readStdin = true; ///< false with --no-stdin
    /// --tempo: the wait before each step of every participant of the prefix, set at start.
    std::chrono::milliseconds tempo{0};
    bool tempoGiven = false;
    /// --trace: where the steps go when the server stops, absolute (empty: no trace).
    QString tracePath;

    /// Parses `arguments` (the program first). Does not print and does not exit.
    static common::CommandLineOutcome parse(const QStringList& arguments,
                                            TerminalServerCommandLine& result);
};

} // namespace prodcons::server
