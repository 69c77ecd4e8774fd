// RawClient: a plain TCP socket for hostile clients: its buffer sizes chosen before connecting,
// writes that never block (how much the kernel took is the answer), a half-close, and a
// close with a reset. Waits run the event loop, so the servers' logs keep being read.
#pragma once

#include <QByteArray>
#include <QtGlobal>
#include <chrono>

namespace prodcons::acceptance {

class RawClient
{
public:
    RawClient() = default;
    ~RawClient();
    RawClient(const RawClient&) = delete;
    RawClient& operator=(const RawClient&) = delete;

    /// Opens a non-blocking socket (with SO_RCVBUF/SO_SNDBUF when > 0) and starts connecting
    /// to 127.0.0.1:port; false if the socket cannot be made.
    bool open(quint16 port, int receiveBuffer = 0, int sendBuffer = 0);
    /// Waits until connected.
    bool waitConnected(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    bool connectedNow() const;

    /// Writes what the kernel takes now; returns how many bytes (0 when full, -1 on error).
    qsizetype sendSome(const char* data, qsizetype size);
    /// Writes everything, waiting for room up to `timeout`; false if it could not.
    bool sendAll(const QByteArray& bytes,
                 std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Reads what has arrived into received(); false once the peer has closed.
    bool readAvailable();
    /// The next line (without LF) received within `timeout`; "<eof>" or "<timeout>" if none.
    QByteArray readLine(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    QByteArray& received() { return m_received; }
    bool peerClosed() const { return m_peerClosed; }

    void shutdownWrite();
    /// Closes with a reset (SO_LINGER 0) or normally.
    void close(bool reset = false);
    int fd() const { return m_fd; }

private:
    int m_fd = -1;
    QByteArray m_received;
    bool m_peerClosed = false;
};

} // namespace prodcons::acceptance
