#include "terminal_server.h"

#include "broker_queue.h"
#include "status_report.h"

#include <QCoreApplication>
#include <QDateTime>
#include <csignal>
#include <cstdio>

namespace prodcons::server {

TerminalServer::TerminalServer(bool watchStdin, QObject* parent)
    : QObject(parent), m_signals({SIGINT, SIGTERM, SIGHUP})
{
    connect(&m_signals, &common::SignalWatcher::signalled, this, &TerminalServer::onSignal);
    if (watchStdin) {
        m_stdin = std::make_unique<common::StdinReader>();
        connect(m_stdin.get(), &common::StdinReader::lineRead, this, &TerminalServer::onCommand);
        connect(m_stdin.get(), &common::StdinReader::endOfInput, this,
                &TerminalServer::onEndOfInput);
    }
    connect(&m_server, &ForkingServer::logged, this,
            [this](const ServerEvent& event) { print(event.severity, event.text); });
    connect(&m_commands, &StepCommands::said, this, &TerminalServer::print);
    connect(&m_server, &ForkingServer::stopped, this, &TerminalServer::onStopped);
}

TerminalServer::~TerminalServer()
{
    // A server still running stops in its destructor, after the members onStopped() uses.
    m_server.disconnect(this);
}

bool TerminalServer::start(const ServerConfig& config)
{
    if (!m_server.start(config))
        return false;
    if (m_stdin) {
        print(Severity::Info, tr("type 'quit' to stop, 'status' to see the buffer"));
        if (!config.broker) // a RabbitMQ queue's steps happen inside the broker
            print(Severity::Info, tr("teaching: 'tempo MS', 'pause', 'resume', 'step [PID]'; "
                                     "'help' lists the commands"));
    }
    return true;
}

bool TerminalServer::start(const TerminalServerCommandLine& commandLine)
{
    if (!start(commandLine.config))
        return false;
    // Watching from the start only when the steps are wanted from the start: every
    // participant of the prefix records its steps while some server watches.
    if (!commandLine.tracePath.isEmpty()) {
        m_tracePath = commandLine.tracePath;
        m_trace.emplace();
        connect(&m_watcher, &StepWatcher::updated, this,
                [this] { m_trace->add(m_watcher.lanes()); });
        // Read more often than for the status: a child's ring keeps only its last 64 steps.
        constexpr std::chrono::milliseconds kTraceInterval{20};
        m_commands.watch(kTraceInterval);
        print(Severity::Info,
              tr("recording the steps of every producer and consumer of the prefix; the trace "
                 "goes to %1 when the server stops")
                  .arg(m_tracePath));
    }
    if (commandLine.tempoGiven)
        m_commands.setTempo(commandLine.tempo);
    return true;
}

void TerminalServer::print(Severity severity, const QString& text)
{
    const QString stamp = QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    const char* mark = severity == Severity::Error     ? "error: "
                       : severity == Severity::Warning ? "warning: "
                                                       : "";
    FILE* out = severity == Severity::Error ? stderr : stdout;
    std::fprintf(out, "%s  %s%s\n", qPrintable(stamp), mark, qPrintable(text));
    std::fflush(out);
}

void TerminalServer::onCommand(const QString& typed)
{
    const QString line = typed.simplified();
    if (line == QLatin1String("quit") || line == QLatin1String("exit")) {
        stopServer(tr("quit: stopping"));
    } else if (line == QLatin1String("status")) {
        printStatus();
    } else if (line == QLatin1String("help")) {
        for (const QString& text : StepCommands::helpLines())
            print(Severity::Info, text);
    } else if (line.isEmpty()) {
        return;
    } else if (m_server.config().broker && StepCommands::isCommand(line)) {
        print(Severity::Warning, tr("'%1' is for the SHM and MQ modes: a RabbitMQ queue's steps "
                                    "happen inside the broker")
                                     .arg(line));
    } else if (m_commands.handle(line)) {
        return;
    } else {
        print(Severity::Warning,
              tr("unknown command '%1'; type 'help' for the commands, 'quit' to stop").arg(line));
    }
}

void TerminalServer::printStatus()
{
    if (m_server.config().broker) {
        const BrokerQueueReport report = brokerQueueStatus(m_server.config());
        print(report.ok ? Severity::Info : Severity::Error, report.text);
        return;
    }
    if (auto snap = m_server.bufferSnapshot()) {
        QString report = statusReport(
            ipc::ObjectNames::from_prefix(m_server.config().ipc.prefix).value(), *snap);
        std::fprintf(stdout, "%s\n%s\n", qPrintable(report),
                     qPrintable(m_commands.statusLines().join(QLatin1Char('\n'))));
    }
    std::fflush(stdout);
}

void TerminalServer::stopServer(const QString& why)
{
    print(Severity::Info, why);
    if (m_watcher.isWatching())
        m_watcher.poll(); // what the children did until now, while their rings are readable
    m_server.stop();
}

void TerminalServer::onEndOfInput()
{
    if (!m_server.isRunning() || m_server.isStopping())
        return; // a "quit" on the last line already did
    stopServer(tr("end of standard input: stopping"));
}

void TerminalServer::onSignal()
{
    stopServer(tr("signal received: stopping"));
}

void TerminalServer::onStopped()
{
    if (m_trace)
        saveTrace();
    emit finished();
}

void TerminalServer::saveTrace()
{
    // The server has left the buffer: this poll sees every participant gone, which ends
    // their last steps now.
    m_watcher.poll();
    m_watcher.stop();
    QString error;
    if (!m_trace->save(m_tracePath, &error)) {
        print(Severity::Error, error);
        m_exitStatus = 1;
        return;
    }
    QString text = tr("trace written to %1: %2 step(s) of %3 process(es); open it in "
                      "ui.perfetto.dev or chrome://tracing")
                       .arg(m_tracePath)
                       .arg(m_trace->eventCount())
                       .arg(m_trace->trackCount());
    if (m_trace->dropped() > 0)
        text += tr("; %1 step(s) over the limit of %2 were not kept")
                    .arg(m_trace->dropped())
                    .arg(ChromeTrace::kDefaultMaxEvents);
    if (m_trace->lostInRings() > 0)
        text += tr("; %1 step(s) were overwritten in the children's rings before they could be "
                   "read (the fast parts of a run at full speed)")
                    .arg(m_trace->lostInRings());
    print(Severity::Info, text);
}

} // namespace prodcons::server
