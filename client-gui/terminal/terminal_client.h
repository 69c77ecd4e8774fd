// socket_cl's behaviour: a NameSession driven by its config, stdin and signals, printed to a
// terminal.
#pragma once

#include "name_session.h"
#include "received_lines_file.h"
#include "signal_watcher.h"
#include "stdin_reader.h"
#include "terminal_client_config.h"

#include <QObject>
#include <QTimer>

namespace prodcons::client {

/// Runs one NameSession the way the classic terminal client does: prints what the server asks,
/// takes the role and later rates from stdin (unless given as options), prints one line per name
/// (unless quiet), and at the end the tally lines. Emits done(exitCode) once, when it is over.
/// With --file it sends a file's lines once (a LineSequence) and stops at the first refusal;
/// with --out it writes the names received to a file (ReceivedLinesFile).
class TerminalClient : public QObject
{
    Q_OBJECT

public:
    /// How long a stopped producer waits for the OKs of the names it has sent.
    static constexpr std::chrono::milliseconds kDrainTimeout{2000};

    TerminalClient(const TerminalClientConfig& config, NameList names, QObject* parent = nullptr);

    /// Reads and checks the --file, opens the --out file. On failure says why and returns
    /// false: then nothing was sent and the program exits 1.
    bool prepare();
    void start();

signals:
    void done(int exitCode);

private:
    void onStateChanged(SessionState state);
    void onTaskRequested();
    void onFinished();
    void onInputLine(const QString& line);
    void onEndOfInput();
    void stop();
    void printName(NameEvent event, QByteArrayView name);
    void printTally();
    void complain(const QString& message);
    void inform(const QString& message);
    void finish(int exitCode);
    /// Emits done() once: the program ends.
    void exitNow(int exitCode);
    void onName(NameEvent event, QByteArrayView name);
    void onOutputFailed();
    /// Names to move before the client has done what was asked: --count, or the lines of the
    /// --file; 0 when it runs until stopped.
    qint64 target() const { return m_lines ? m_lines->count() : m_config.count; }

    TerminalClientConfig m_config;
    NameSession m_session;
    std::optional<LineSequence> m_lines; // --file, as read (the session sends its own copy)
    ReceivedLinesFile m_out;             // --out
    bool m_printsNames = false;
    bool m_outputFailureNoted = false;
    common::StdinReader m_stdin;
    common::SignalWatcher m_signals; // SIGINT and SIGTERM
    QTimer m_drainTimer;
    QTimer m_flushTimer;
    QByteArray m_lineOut; // reused for every printed name
    QString m_lastComplaint;
    bool m_prompted = false; // "Task? " printed as a prompt for the role
    bool m_stopping = false;
    bool m_done = false;
    bool m_exited = false; // done() emitted
};

} // namespace prodcons::client
