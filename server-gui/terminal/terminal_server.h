// TerminalServer: the server core with a terminal around it. It logs one line per event to
// stdout and stops cleanly on "quit" typed on stdin, at the end of stdin, and on SIGINT,
// SIGTERM and SIGHUP (through common::SignalWatcher: no Qt call happens in a signal handler).
#pragma once

#include "forking_server.h"
#include "signal_watcher.h"
#include "stdin_reader.h"

#include <QObject>
#include <memory>

namespace prodcons::server {

class TerminalServer : public QObject
{
    Q_OBJECT

public:
    explicit TerminalServer(bool watchStdin, QObject* parent = nullptr);
    ~TerminalServer() override;

    /// Starts serving; false (with the reason printed on stderr) if it cannot.
    bool start(const ServerConfig& config);

signals:
    void finished();

private:
    void onCommand(const QString& line);
    void onEndOfInput();
    void onSignal();
    void print(Severity severity, const QString& text);

    ForkingServer m_server;
    std::unique_ptr<common::StdinReader> m_stdin; ///< none with --no-stdin
    common::SignalWatcher m_signals;
};

} // namespace prodcons::server
