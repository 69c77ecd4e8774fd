#include "server_process.h"

#include "event_wait.h"
#include "process_tree.h"
#include "test_support.h"

#include <csignal>

namespace prodcons::acceptance {

using namespace std::chrono_literals;
using test::runEventsFor;
using test::waitUntil;

QString modeOption(ipc::Mode mode)
{
    return mode == ipc::Mode::Mq ? QStringLiteral("-mq") : QStringLiteral("-shm");
}

ServerProcess::ServerProcess(ipc::Mode mode, std::string prefix, QStringList extraArguments,
                             QObject* parent)
    : QObject(parent), m_mode(mode), m_prefix(std::move(prefix)),
      m_extraArguments(std::move(extraArguments))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ServerProcess::readOutput);
}

ServerProcess::~ServerProcess()
{
    if (running())
        killHard();
}

bool ServerProcess::start(quint16 port, std::chrono::milliseconds timeout)
{
    const bool anyPort = port == 0;
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_port = anyPort ? test::freeTcpPort() : port; // retried below if taken meanwhile
        m_log.clear();
        QStringList arguments = {m_modeOption.isEmpty() ? modeOption(m_mode) : m_modeOption,
                                 QString::number(m_port), QStringLiteral("--prefix"),
                                 QString::fromStdString(m_prefix)};
        arguments << m_extraArguments;
        m_process.start(test::binaryPath(QStringLiteral("socket_srv")), arguments);
        if (!m_process.waitForStarted(10000)) {
            m_log = "cannot start socket_srv: " + m_process.errorString().toUtf8();
            return false;
        }
        m_pid = static_cast<pid_t>(m_process.processId());
        waitUntil([this] { return m_log.contains("listening on") || !running(); }, timeout);
        if (m_log.contains("listening on"))
            return true;
        if (running())
            killHard();
        else
            m_process.waitForFinished(1000);
        readOutput();
        if (!m_log.contains("already in use"))
            return false;
        // Taken meanwhile (or, for a restart on the same port, not yet released): again.
        if (!anyPort)
            runEventsFor(200ms);
    }
    return false;
}

bool ServerProcess::waitForLog(const QByteArray& text, std::chrono::milliseconds timeout)
{
    return waitUntil([&] { return m_log.contains(text); }, timeout);
}

void ServerProcess::type(const QByteArray& line)
{
    m_process.write(line + '\n');
}

void ServerProcess::closeInput()
{
    m_process.closeWriteChannel();
}

bool ServerProcess::waitForExit(std::chrono::milliseconds timeout)
{
    if (!waitUntil([this] { return !running(); }, timeout))
        return false;
    readOutput();
    return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

bool ServerProcess::quit(std::chrono::milliseconds timeout)
{
    if (!running())
        return false;
    type("quit");
    return waitForExit(timeout);
}

void ServerProcess::killHard()
{
    if (m_pid > 0 && running())
        ::kill(m_pid, SIGKILL);
    m_process.waitForFinished(10000);
    readOutput();
}

std::vector<pid_t> ServerProcess::children() const
{
    return running() ? childrenOf(m_pid) : std::vector<pid_t>{};
}

void ServerProcess::readOutput()
{
    m_log += m_process.readAllStandardOutput();
}

} // namespace prodcons::acceptance
