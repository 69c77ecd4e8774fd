#include "process_tree.h"

#include <QDir>
#include <QFile>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace prodcons::acceptance {

namespace {

QByteArray readProcFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll(); // /proc files report size 0: readAll reads until the end
}

quint16 portOf(const sockaddr_storage& address)
{
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
    return 0;
}

/// The port of "0100007F:3039" (an address of /proc/net/tcp, in hex).
quint16 procPort(const QByteArray& address)
{
    bool ok = false;
    const uint port = address.mid(address.lastIndexOf(':') + 1).toUInt(&ok, 16);
    return ok ? static_cast<quint16>(port) : 0;
}

} // namespace

pid_t peerProcess(int fd, const std::vector<pid_t>& candidates)
{
    sockaddr_storage local = {};
    sockaddr_storage remote = {};
    socklen_t length = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0)
        return 0;
    length = sizeof remote;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&remote), &length) != 0)
        return 0;
    // The server's end is the entry whose local port is our remote port and the other way
    // round (the listening socket has no remote port). A dual-stack listener's connections
    // are in tcp6.
    QByteArray inode;
    for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        // "sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout
        // inode ..."
        for (const QByteArray& line : readProcFile(QString::fromLatin1(table)).split('\n')) {
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() > 9 && procPort(fields[1]) == portOf(remote) &&
                procPort(fields[2]) == portOf(local) && fields[9] != "0")
                inode = fields[9]; // 0: a connection in TIME_WAIT, owned by nobody
        }
    }
    if (inode.isEmpty())
        return 0;
    const QByteArray wanted = "socket:[" + inode + "]";
    for (pid_t pid : candidates) {
        const QString fdDir = QStringLiteral("/proc/%1/fd").arg(pid);
        for (const QString& entry : QDir(fdDir).entryList(QDir::Files | QDir::System)) {
            char target[64] = {};
            const QByteArray path = (fdDir + QLatin1Char('/') + entry).toLocal8Bit();
            const ssize_t n = ::readlink(path.constData(), target, sizeof target - 1);
            if (n > 0 && QByteArrayView(target, n) == wanted)
                return pid;
        }
    }
    return 0;
}

std::vector<pid_t> childrenOf(pid_t pid)
{
    std::vector<pid_t> children;
    const QString taskDir = QStringLiteral("/proc/%1/task").arg(pid);
    for (const QString& task : QDir(taskDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QByteArray text = readProcFile(taskDir + QLatin1Char('/') + task + "/children");
        for (const QByteArray& word : text.simplified().split(' ')) {
            bool ok = false;
            const int child = word.toInt(&ok);
            if (ok && child > 0)
                children.push_back(static_cast<pid_t>(child));
        }
    }
    return children;
}

qint64 residentKiB(pid_t pid)
{
    const QByteArray status = readProcFile(QStringLiteral("/proc/%1/status").arg(pid));
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith("VmRSS:")) {
            bool ok = false;
            const qint64 kib = line.mid(6).simplified().split(' ').value(0).toLongLong(&ok);
            return ok ? kib : -1;
        }
    }
    return -1;
}

char processState(pid_t pid)
{
    // "PID (comm) S ...": the state follows the last ')' (comm may contain anything).
    const QByteArray stat = readProcFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0 || close + 2 >= stat.size())
        return 0;
    return stat.at(close + 2);
}

int openDescriptors(pid_t pid)
{
    const QDir dir(QStringLiteral("/proc/%1/fd").arg(pid));
    if (!dir.exists())
        return -1;
    return static_cast<int>(dir.entryList(QDir::Files | QDir::System).size());
}

bool becomeSubreaper()
{
    return ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
}

std::vector<pid_t> adoptedChildren(const QSet<pid_t>& started)
{
    std::vector<pid_t> adopted;
    for (pid_t child : childrenOf(::getpid())) {
        if (!started.contains(child))
            adopted.push_back(child);
    }
    return adopted;
}

int reapAdopted(const QSet<pid_t>& started)
{
    int reaped = 0;
    for (pid_t child : adoptedChildren(started)) {
        int status = 0;
        if (::waitpid(child, &status, WNOHANG) == child)
            ++reaped;
    }
    return reaped;
}

} // namespace prodcons::acceptance
