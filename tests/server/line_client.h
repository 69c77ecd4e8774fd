// LineClient: the test's side of a connection: send bytes, read lines with a deadline.
#pragma once

#include <QByteArray>
#include <cerrno>
#include <chrono>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

class LineClient
{
public:
    explicit LineClient(int fd) : m_fd(fd) {}
    ~LineClient() { close(); }
    LineClient(const LineClient&) = delete;
    LineClient& operator=(const LineClient&) = delete;

    int fd() const { return m_fd; }

    bool send(const QByteArray& bytes)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.constData() + sent,
                                     std::size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }

    /// The next line without its LF; "<timeout>" or "<eof>" when there is none.
    QByteArray readLine(std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const qsizetype newline = m_buffer.indexOf('\n');
            if (newline >= 0) {
                QByteArray line = m_buffer.left(newline);
                m_buffer.remove(0, newline + 1);
                return line;
            }
            if (m_eof)
                return QByteArrayLiteral("<eof>");
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                return QByteArrayLiteral("<timeout>");
            pollfd pfd{m_fd, POLLIN, 0};
            if (::poll(&pfd, 1, int(left.count())) <= 0)
                continue;
            char chunk[65536];
            const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
            if (n > 0)
                m_buffer.append(chunk, n);
            else if (n == 0 || (errno != EINTR && errno != EAGAIN))
                m_eof = true;
        }
    }

    /// Reads until the peer closes; true if it did within the timeout.
    bool waitForClose(std::chrono::milliseconds timeout = std::chrono::seconds(10))
    {
        for (;;) {
            const QByteArray line = readLine(timeout);
            if (line == "<eof>")
                return true;
            if (line == "<timeout>")
                return false;
        }
    }

    void shutdownWrite() { ::shutdown(m_fd, SHUT_WR); }
    /// What a reset does to the other end's writes, without a reset: they fail with EPIPE.
    void shutdownRead() { ::shutdown(m_fd, SHUT_RD); }
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd;
    QByteArray m_buffer;
    bool m_eof = false;
};
