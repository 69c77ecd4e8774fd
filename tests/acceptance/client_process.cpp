#include "client_process.h"

#include "event_wait.h"
#include "test_support.h"

#include <csignal>

namespace prodcons::acceptance {

using test::waitUntil;

ClientProcess::ClientProcess(QStringList arguments, QObject* parent)
    : QObject(parent), m_arguments(std::move(arguments))
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &ClientProcess::readOutput);
    connect(&m_process, &QProcess::readyReadStandardError, this, &ClientProcess::readErrors);
}

ClientProcess::~ClientProcess()
{
    // What the client still prints while it is killed goes nowhere: waitForFinished() would
    // deliver it to the line handler, whose captures (a test's ledger) may be gone already.
    disconnect(&m_process, nullptr, this, nullptr);
    m_handler = nullptr;
    if (running()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ClientProcess::start()
{
    m_process.start(test::binaryPath(QStringLiteral("socket_cl")), m_arguments);
    if (!m_process.waitForStarted(10000))
        return false;
    m_pid = static_cast<pid_t>(m_process.processId());
    return true;
}

void ClientProcess::terminate()
{
    if (running())
        ::kill(m_pid, SIGTERM);
}

void ClientProcess::kill()
{
    if (running())
        ::kill(m_pid, SIGKILL);
}

bool ClientProcess::waitForExit(std::chrono::milliseconds timeout)
{
    const bool exited = waitUntil([this] { return !running(); }, timeout);
    readOutput();
    readErrors();
    return exited;
}

int ClientProcess::exitCode() const
{
    if (running() || m_process.exitStatus() != QProcess::NormalExit)
        return -1;
    return m_process.exitCode();
}

QString ClientProcess::describe() const
{
    return QStringLiteral("socket_cl %1: %2, exit code %3; stderr: %4")
        .arg(m_arguments.join(u' '))
        .arg(running() ? QStringLiteral("still running") : QStringLiteral("ended"))
        .arg(exitCode())
        .arg(QString::fromUtf8(m_errors.right(600)));
}

QStringList ClientProcess::producer(quint16 port, const QByteArray& source, qint64 count,
                                    const QString& rate)
{
    QStringList arguments = {QStringLiteral("127.0.0.1"),
                             QString::number(port),
                             QStringLiteral("--role"),
                             QStringLiteral("producer"),
                             QStringLiteral("--tag=") + QString::fromLatin1(source),
                             QStringLiteral("--rate"),
                             rate,
                             QStringLiteral("--quiet")};
    if (count > 0)
        arguments << QStringLiteral("--count") << QString::number(count);
    return arguments;
}

QStringList ClientProcess::consumer(quint16 port, qint64 count)
{
    QStringList arguments = {QStringLiteral("127.0.0.1"), QString::number(port),
                             QStringLiteral("--role"), QStringLiteral("consumer"),
                             QStringLiteral("--tag")};
    if (count > 0)
        arguments << QStringLiteral("--count") << QString::number(count);
    return arguments;
}

void ClientProcess::readOutput()
{
    m_partial += m_process.readAllStandardOutput();
    qsizetype begin = 0;
    for (;;) {
        const qsizetype end = m_partial.indexOf('\n', begin);
        if (end < 0)
            break;
        const QByteArrayView line = QByteArrayView(m_partial).sliced(begin, end - begin);
        begin = end + 1;
        ++m_lineCount;
        if (auto tally = Tally::parse(line))
            m_tallies << *tally;
        else if (m_handler)
            m_handler(line);
        else
            m_lines << line.toByteArray();
    }
    m_partial.remove(0, begin);
}

void ClientProcess::readErrors()
{
    m_errors += m_process.readAllStandardError();
}

} // namespace prodcons::acceptance
