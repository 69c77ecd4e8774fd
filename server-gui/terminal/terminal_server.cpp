#include "terminal_server.h"

#include "status_report.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSocketNotifier>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace prodcons::server {

TerminalServer::TerminalServer(bool watchStdin, QObject* parent)
    : QObject(parent), m_signals({SIGINT, SIGTERM, SIGHUP})
{
    connect(&m_signals, &common::SignalWatcher::signalled, this, &TerminalServer::onSignal);
    if (watchStdin) {
        m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_stdin, &QSocketNotifier::activated, this, &TerminalServer::onStdin);
    }
    connect(&m_server, &ForkingServer::event, this, &TerminalServer::print);
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

void TerminalServer::onStdin()
{
    char chunk[4096];
    const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
    if (n <= 0) {
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        m_stdin->setEnabled(false);
        print(Severity::Info, tr("end of standard input: stopping"));
        m_server.stop();
        return;
    }
    m_pendingInput.append(chunk, n);
    qsizetype newline;
    while ((newline = m_pendingInput.indexOf('\n')) >= 0) {
        const QByteArray line = m_pendingInput.left(newline).trimmed();
        m_pendingInput.remove(0, newline + 1);
        if (line == "quit" || line == "exit") {
            print(Severity::Info, tr("quit: stopping"));
            m_server.stop();
        } else if (line == "status") {
            if (auto snap = m_server.bufferSnapshot())
                std::fprintf(
                    stdout, "%s\n",
                    qPrintable(statusReport(
                        ipc::ObjectNames::from_prefix(m_server.config().ipc.prefix).value(),
                        *snap)));
            std::fflush(stdout);
        } else if (!line.isEmpty()) {
            print(Severity::Info, tr("unknown command '%1'; type 'quit' to stop, 'status' to "
                                     "see the buffer")
                                      .arg(QString::fromLocal8Bit(line)));
        }
    }
}

void TerminalServer::onSignal()
{
    print(Severity::Info, tr("signal received: stopping"));
    m_server.stop();
}

} // namespace prodcons::server
