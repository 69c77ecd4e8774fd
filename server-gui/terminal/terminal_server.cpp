#include "terminal_server.h"

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
    connect(&m_server, &ForkingServer::stopped, this, &TerminalServer::finished);
}

TerminalServer::~TerminalServer() = default;

bool TerminalServer::start(const ServerConfig& config)
{
    if (!m_server.start(config))
        return false;
    if (m_stdin)
        print(Severity::Info, tr("type 'quit' to stop, 'status' to see the buffer"));
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
    const QString line = typed.trimmed();
    if (line == QLatin1String("quit") || line == QLatin1String("exit")) {
        print(Severity::Info, tr("quit: stopping"));
        m_server.stop();
    } else if (line == QLatin1String("status")) {
        if (auto snap = m_server.bufferSnapshot())
            std::fprintf(
                stdout, "%s\n",
                qPrintable(statusReport(
                    ipc::ObjectNames::from_prefix(m_server.config().ipc.prefix).value(), *snap)));
        std::fflush(stdout);
    } else if (!line.isEmpty()) {
        print(
            Severity::Info,
            tr("unknown command '%1'; type 'quit' to stop, 'status' to see the buffer").arg(line));
    }
}

void TerminalServer::onEndOfInput()
{
    if (!m_server.isRunning() || m_server.isStopping())
        return; // a "quit" on the last line already did
    print(Severity::Info, tr("end of standard input: stopping"));
    m_server.stop();
}

void TerminalServer::onSignal()
{
    print(Severity::Info, tr("signal received: stopping"));
    m_server.stop();
}

} // namespace prodcons::server
