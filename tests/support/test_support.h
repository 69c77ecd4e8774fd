// Helpers shared by the tests: where the built programs are, an IPC name prefix of the test's
// own so that no test touches the objects of a demo running on the same machine, and TCP ports
// that tests can rely on while other tests (and other people) pick ports at the same time.
#pragma once

#include <QString>
#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>

namespace prodcons::test {

/// Absolute path of a program built by this project (CTest sets PRODCONS_BIN_DIR).
QString binaryPath(const QString& programName);

/// A fresh IPC name prefix such as "/pct1234_7": the test's pid plus a sequence number.
std::string uniqueIpcPrefix();

/// A TCP port on 127.0.0.1 that nobody used a moment ago. Nothing keeps it free afterwards:
/// whoever starts a server on it must expect "port in use" and try another (startOnFreePort).
/// Prefer listening on port 0 and asking the server which port it got, where that is possible.
quint16 freeTcpPort();

/// What one attempt to start a server on a port came to.
enum class PortAttempt
{
    Started,
    PortInUse, ///< someone took the port between freeTcpPort() and the attempt: try another
    Failed,
};

/// Calls `attempt` with a port from freeTcpPort(), and again with a new one for as long as it
/// answers PortInUse (at most `tries` times). Returns the port it started on, or 0.
quint16 startOnFreePort(const std::function<PortAttempt(quint16)>& attempt, int tries = 10);

/// A port on 127.0.0.1 that this object has bound and never listens on: a connection to it is
/// refused, and no other socket can take the port while the object lives (a port that was
/// merely closed again may be anybody's by the time a test connects to it).
class RefusingPort
{
public:
    RefusingPort();
    ~RefusingPort();
    RefusingPort(const RefusingPort&) = delete;
    RefusingPort& operator=(const RefusingPort&) = delete;

    quint16 port() const { return m_port; }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};

/// The TCP port that process `pid` listens on (its first listening socket, IPv4 or IPv6), or
/// 0 if it listens on none (yet): its socket descriptors matched against /proc/net/tcp{,6}.
/// For programs told to listen on port 0 that do not print the port they got.
quint16 listeningPortOf(pid_t pid);

/// The kernel's queues of one established TCP socket, from /proc/net/tcp{,6}.
struct TcpQueues
{
    qint64 unsent = 0; ///< tx_queue: bytes written and not yet acknowledged by the peer
    qint64 unread = 0; ///< rx_queue: bytes received and not yet read by the socket's owner
};

/// The queues of the established socket whose local port is `localPort` and whose peer's port
/// is `remotePort` (both on this machine), or nothing if there is no such socket.
std::optional<TcpQueues> tcpQueues(quint16 localPort, quint16 remotePort);

} // namespace prodcons::test
