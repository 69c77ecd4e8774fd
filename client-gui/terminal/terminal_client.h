// socket_cl's behaviour: a NameSession driven by its config, stdin and signals, printed to a
// terminal.
#pragma once

#include "name_session.h"
#include "signal_watcher.h"
#include "stdin_reader.h"
#include "terminal_client_config.h"

#include <QObject>
#include <QTimer>

namespace prodcons::client {

/// Runs one NameSession the way the classic terminal client does: prints what the server asks,
/// takes the role and later rates from stdin (unless given as options), prints one line per name
/// (unless quiet), and at the end the tally lines. Emits done(exitCode) once, when it is over.
class TerminalClient : public QObject
{
    Q_OBJECT

public:
    /// How long a stopped producer waits for the OKs of the names it has sent.
    static constexpr std::chrono::milliseconds kDrainTimeout{2000};

    TerminalClient(const TerminalClientConfig& config, NameList names, QObject* parent = nullptr);

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

    TerminalClientConfig m_config;
    NameSession m_session;
    common::StdinReader m_stdin;
    common::SignalWatcher m_signals; // SIGINT and SIGTERM
    QTimer m_drainTimer;
    QTimer m_flushTimer;
    QByteArray m_lineOut; // reused for every printed name
    QString m_lastComplaint;
    bool m_prompted = false; // "Task? " printed as a prompt for the role
    bool m_stopping = false;
    bool m_done = false;
};

} // namespace prodcons::client
