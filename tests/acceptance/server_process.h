// ServerProcess: one socket_srv, started the way a person starts it, on a real port and with
// the test's own IPC prefix. Its log (stdout and stderr) is read as it comes.
#pragma once

#include "ipc/config.h"

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <chrono>
#include <string>
#include <vector>

namespace prodcons::acceptance {

class ServerProcess : public QObject
{
    Q_OBJECT

public:
    ServerProcess(ipc::Mode mode, std::string prefix, QStringList extraArguments = {},
                  QObject* parent = nullptr);
    /// Kills the server if it still runs (a test that failed half-way).
    ~ServerProcess() override;

    /// Starts on `port` (0: a free one; a port taken meanwhile is retried with another) and
    /// waits for "listening on". On failure, log() says why.
    bool start(quint16 port = 0, std::chrono::milliseconds timeout = std::chrono::seconds(20));

    ipc::Mode mode() const { return m_mode; }
    /// Serves in another mode than mode()'s: "-amqp" (with --broker among the extra arguments).
    void setModeOption(QString option) { m_modeOption = std::move(option); }
    quint16 port() const { return m_port; }
    pid_t pid() const { return m_pid; }
    bool running() const { return m_process.state() != QProcess::NotRunning; }
    /// Once it has ended: true if by a signal (a crash, or killHard()).
    bool crashed() const { return !running() && m_process.exitStatus() == QProcess::CrashExit; }
    int exitCode() const { return m_process.exitCode(); }
    /// Everything the server printed so far (the event loop must have run to read it).
    const QByteArray& log() const { return m_log; }
    bool waitForLog(const QByteArray& text,
                    std::chrono::milliseconds timeout = std::chrono::seconds(20));

    /// Types `line` and a newline on the server's standard input, as a person at its terminal.
    void type(const QByteArray& line);
    /// Closes the server's standard input (a person typing Ctrl-D).
    void closeInput();
    /// Waits until the server has exited by itself; true if with status 0 in time.
    bool waitForExit(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Types "quit"; true if the server then exited with status 0 in time.
    bool quit(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// SIGKILL, and waits until the process is gone.
    void killHard();
    /// The forked children serving clients now.
    std::vector<pid_t> children() const;

private:
    void readOutput();

    ipc::Mode m_mode;
    std::string m_prefix;
    QStringList m_extraArguments;
    QString m_modeOption; ///< empty: mode()'s
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
    pid_t m_pid = 0;
};

/// "-shm" or "-mq".
QString modeOption(ipc::Mode mode);

} // namespace prodcons::acceptance
