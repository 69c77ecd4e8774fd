// TerminalServer: the server core with a terminal around it. It logs one line per event to
// stdout and stops cleanly on "quit" typed on stdin, at the end of stdin, and on SIGINT,
// SIGTERM and SIGHUP (through common::SignalWatcher: no Qt call happens in a signal handler).
// The teaching commands typed on stdin (tempo, pause, resume, step) are StepCommands'; with
// --trace it records the children's steps and writes them when the server stops.
#pragma once

#include "chrome_trace.h"
#include "forking_server.h"
#include "signal_watcher.h"
#include "stdin_reader.h"
#include "step_commands.h"
#include "step_watcher.h"
#include "terminal_server_command_line.h"

#include <QObject>
#include <memory>
#include <optional>

namespace prodcons::server {

class TerminalServer : public QObject
{
    Q_OBJECT

public:
    explicit TerminalServer(bool watchStdin, QObject* parent = nullptr);
    ~TerminalServer() override;

    /// Starts serving; false (with the reason printed on stderr) if it cannot.
    bool start(const ServerConfig& config);
    /// The same, with the teaching options of the command line (--tempo, --trace).
    bool start(const TerminalServerCommandLine& commandLine);

    /// Once finished: 0, or 1 when the trace could not be written.
    int exitStatus() const { return m_exitStatus; }

signals:
    void finished();

private:
    void onCommand(const QString& line);
    void onEndOfInput();
    void onSignal();
    void onStopped();
    /// Stops the server, with `why` in the log; the steps taken so far are read first.
    void stopServer(const QString& why);
    void printStatus();
    void saveTrace();
    void print(Severity severity, const QString& text);

    ForkingServer m_server;
    StepWatcher m_watcher{m_server}; ///< after m_server: it ends first
    StepCommands m_commands{m_server, m_watcher};
    std::optional<ChromeTrace> m_trace; ///< with --trace
    QString m_tracePath;
    int m_exitStatus = 0;
    std::unique_ptr<common::StdinReader> m_stdin; ///< none with --no-stdin
    common::SignalWatcher m_signals;
};

} // namespace prodcons::server
