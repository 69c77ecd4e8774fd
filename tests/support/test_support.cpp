#include "test_support.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSet>
#include <arpa/inet.h>
#include <atomic>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace prodcons::test {

namespace {

/// A socket bound to 127.0.0.1:0 (the kernel picks the port), or -1; `port` says which.
int bindAnyLoopbackPort(quint16& port)
{
    port = 0;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        return -1;
    }
    port = ntohs(address.sin_port);
    return fd;
}

/// One line of /proc/net/tcp or tcp6.
struct TcpEntry
{
    quint16 localPort = 0;
    quint16 remotePort = 0;
    int state = 0; ///< 0x01 established, 0x0A listening
    qint64 txQueue = 0;
    qint64 rxQueue = 0;
    quint64 inode = 0;
};

quint16 portOf(const QByteArray& hexAddress) // "0100007F:3039" -> 12345
{
    const qsizetype colon = hexAddress.lastIndexOf(':');
    return colon < 0 ? 0 : static_cast<quint16>(hexAddress.mid(colon + 1).toUInt(nullptr, 16));
}

std::vector<TcpEntry> tcpTable()
{
    std::vector<TcpEntry> entries;
    for (const char* path : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile file(QString::fromLatin1(path));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) { // the first line names the columns
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
            const QList<QByteArray> f = lines[i].simplified().split(' ');
            if (f.size() < 10)
                continue;
            TcpEntry entry;
            entry.localPort = portOf(f[1]);
            entry.remotePort = portOf(f[2]);
            entry.state = static_cast<int>(f[3].toUInt(nullptr, 16));
            const QList<QByteArray> queues = f[4].split(':');
            if (queues.size() == 2) {
                entry.txQueue = static_cast<qint64>(queues[0].toULongLong(nullptr, 16));
                entry.rxQueue = static_cast<qint64>(queues[1].toULongLong(nullptr, 16));
            }
            entry.inode = f[9].toULongLong();
            entries.push_back(entry);
        }
    }
    return entries;
}

} // namespace

QString binaryPath(const QString& programName)
{
    QString dir = qEnvironmentVariable("PRODCONS_BIN_DIR");
    if (dir.isEmpty())
        dir = QCoreApplication::applicationDirPath();
    return QDir(dir).absoluteFilePath(programName);
}

std::string uniqueIpcPrefix()
{
    static std::atomic<int> sequence{0};
    return "/pct" + std::to_string(getpid()) + "_" + std::to_string(sequence++);
}

quint16 freeTcpPort()
{
    quint16 port = 0;
    const int fd = bindAnyLoopbackPort(port);
    if (fd >= 0)
        ::close(fd); // free again from here on: see startOnFreePort()
    return port;
}

quint16 startOnFreePort(const std::function<PortAttempt(quint16)>& attempt, int tries)
{
    for (int i = 0; i < tries; ++i) {
        const quint16 port = freeTcpPort();
        if (port == 0)
            return 0;
        switch (attempt(port)) {
        case PortAttempt::Started:
            return port;
        case PortAttempt::PortInUse:
            continue; // taken meanwhile: another one
        case PortAttempt::Failed:
            return 0;
        }
    }
    return 0;
}

RefusingPort::RefusingPort()
{
    m_fd = bindAnyLoopbackPort(m_port); // in the body: the members' initialisers ran before
    if (m_fd < 0 || m_port == 0)
        qFatal("RefusingPort: cannot bind a socket on 127.0.0.1");
}

RefusingPort::~RefusingPort()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

quint16 listeningPortOf(pid_t pid)
{
    // The process's sockets: /proc/PID/fd/N -> "socket:[INODE]".
    QSet<quint64> inodes;
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString& fd : fds.entryList(QDir::Files | QDir::System)) {
        char target[64] = {};
        const QByteArray path = fds.absoluteFilePath(fd).toLocal8Bit();
        const ssize_t n = ::readlink(path.constData(), target, sizeof target - 1);
        const QByteArray name(target, n > 0 ? n : 0);
        if (name.startsWith("socket:[") && name.endsWith(']'))
            inodes.insert(name.mid(8, name.size() - 9).toULongLong());
    }
    if (inodes.isEmpty())
        return 0;
    for (const TcpEntry& entry : tcpTable())
        if (entry.state == 0x0A && inodes.contains(entry.inode))
            return entry.localPort;
    return 0;
}

std::optional<TcpQueues> tcpQueues(quint16 localPort, quint16 remotePort)
{
    for (const TcpEntry& entry : tcpTable())
        if (entry.state == 0x01 && entry.localPort == localPort && entry.remotePort == remotePort)
            return TcpQueues{entry.txQueue, entry.rxQueue};
    return std::nullopt;
}

} // namespace prodcons::test
