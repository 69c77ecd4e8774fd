#include "raw_client.h"

#include "event_wait.h"

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace prodcons::acceptance {

using namespace std::chrono_literals;
using test::waitUntil;

RawClient::~RawClient()
{
    close();
}

bool RawClient::open(quint16 port, int receiveBuffer, int sendBuffer)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return false;
    if (receiveBuffer > 0)
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    if (sendBuffer > 0)
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDBUF, &sendBuffer, sizeof sendBuffer);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int rc = ::connect(m_fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    return rc == 0 || errno == EINPROGRESS;
}

bool RawClient::connectedNow() const
{
    pollfd pfd{m_fd, POLLOUT, 0};
    if (::poll(&pfd, 1, 0) != 1 || (pfd.revents & POLLOUT) == 0)
        return false;
    int error = 0;
    socklen_t length = sizeof error;
    return ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
}

bool RawClient::waitConnected(std::chrono::milliseconds timeout)
{
    return waitUntil([this] { return connectedNow(); }, timeout);
}

qsizetype RawClient::sendSome(const char* data, qsizetype size)
{
    const ssize_t n = ::send(m_fd, data, static_cast<size_t>(size), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n >= 0)
        return n;
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
}

bool RawClient::sendAll(const QByteArray& bytes, std::chrono::milliseconds timeout)
{
    qsizetype sent = 0;
    bool failed = false;
    waitUntil(
        [&] {
            const qsizetype n = sendSome(bytes.constData() + sent, bytes.size() - sent);
            failed = n < 0;
            if (n > 0)
                sent += n;
            return failed || sent == bytes.size();
        },
        timeout);
    return !failed && sent == bytes.size();
}

bool RawClient::readAvailable()
{
    char chunk[65536];
    for (;;) {
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, MSG_DONTWAIT);
        if (n > 0) {
            m_received.append(chunk, n);
            continue;
        }
        if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
            m_peerClosed = true;
        return !m_peerClosed;
    }
}

QByteArray RawClient::readLine(std::chrono::milliseconds timeout)
{
    waitUntil(
        [this] {
            readAvailable();
            return m_received.contains('\n') || m_peerClosed;
        },
        timeout);
    const qsizetype end = m_received.indexOf('\n');
    if (end < 0)
        return m_peerClosed ? QByteArray("<eof>") : QByteArray("<timeout>");
    QByteArray line = m_received.left(end);
    m_received.remove(0, end + 1);
    return line;
}

void RawClient::shutdownWrite()
{
    ::shutdown(m_fd, SHUT_WR);
}

void RawClient::close(bool reset)
{
    if (m_fd < 0)
        return;
    if (reset) {
        const linger hard{1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }
    ::close(m_fd);
    m_fd = -1;
}

} // namespace prodcons::acceptance
