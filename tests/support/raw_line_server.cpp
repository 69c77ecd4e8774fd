#include "raw_line_server.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace prodcons::test {

namespace {

using Clock = std::chrono::steady_clock;

int remainingMs(Clock::time_point deadline)
{
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

} // namespace

RawLineServer::RawLineServer()
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener < 0)
        return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener, 1) != 0 ||
        ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(listener);
        return;
    }
    m_listener = listener;
    m_port = ntohs(address.sin_port);
}

RawLineServer::~RawLineServer()
{
    if (m_connection >= 0)
        ::close(m_connection);
    if (m_listener >= 0)
        ::close(m_listener);
}

bool RawLineServer::accept(int timeoutMs)
{
    pollfd incoming{m_listener, POLLIN, 0};
    if (m_listener < 0 || ::poll(&incoming, 1, timeoutMs) != 1)
        return false;
    m_connection = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
    return m_connection >= 0;
}

void RawLineServer::send(std::string_view bytes)
{
    if (m_connection >= 0)
        ::send(m_connection, bytes.data(), bytes.size(), MSG_NOSIGNAL);
}

bool RawLineServer::readOnce(int timeoutMs)
{
    pollfd readable{m_connection, POLLIN, 0};
    if (m_connection < 0 || ::poll(&readable, 1, timeoutMs) != 1)
        return false;
    char buffer[256];
    m_lastRead = ::recv(m_connection, buffer, sizeof buffer, 0);
    if (m_lastRead <= 0) {
        m_lastError = m_lastRead < 0 ? errno : 0;
        return false;
    }
    m_heard.append(buffer, static_cast<std::size_t>(m_lastRead));
    return true;
}

bool RawLineServer::hear(std::string_view text, int timeoutMs)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    while (m_heard.find(text) == std::string::npos) {
        if (!readOnce(remainingMs(deadline)))
            return false;
    }
    return true;
}

bool RawLineServer::hearEnd(int timeoutMs)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
    while (readOnce(remainingMs(deadline))) {
    }
    return m_lastRead <= 0;
}

void RawLineServer::shutdownWrite()
{
    if (m_connection >= 0)
        ::shutdown(m_connection, SHUT_WR);
}

} // namespace prodcons::test
