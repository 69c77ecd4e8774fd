// Small blocking-socket helpers shared by the benchmark probes (plain POSIX, no Qt, so the
// probes measure the servers and not a client library).
#pragma once

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

namespace probe {

inline std::int64_t now_ns()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts); // one clock for every process on the machine
    return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

inline int connect_to(const char* host, int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, host, &address.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        std::perror("connect");
        std::exit(1);
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

/// A listening socket on 127.0.0.1:port; says why and exits if there is none.
inline int listen_on_loopback(int port, int backlog, const char* who)
{
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener < 0 ||
        bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        listen(listener, backlog) != 0) {
        std::fprintf(stderr, "%s: cannot listen on port %d: %s\n", who, port, std::strerror(errno));
        std::exit(1);
    }
    return listener;
}

inline bool send_all(int fd, const char* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

/// Buffered line reading from a socket.
class Lines
{
public:
    explicit Lines(int fd) : m_fd(fd) {}
    /// false at end of stream.
    bool next(std::string& line)
    {
        for (;;) {
            const auto newline = m_buffer.find('\n', m_start);
            if (newline != std::string::npos) {
                line.assign(m_buffer, m_start, newline - m_start);
                m_start = newline + 1;
                if (m_start > 65536) {
                    m_buffer.erase(0, m_start);
                    m_start = 0;
                }
                return true;
            }
            char chunk[65536];
            const ssize_t n = recv(m_fd, chunk, sizeof chunk, 0);
            if (n <= 0)
                return false;
            m_buffer.append(chunk, static_cast<std::size_t>(n));
        }
    }
    /// Lines already received, without blocking.
    bool buffered() const { return m_buffer.find('\n', m_start) != std::string::npos; }

private:
    int m_fd;
    std::string m_buffer;
    std::size_t m_start = 0;
};

inline void expect(bool ok, const char* what)
{
    if (!ok) {
        std::fprintf(stderr, "probe: %s\n", what);
        std::exit(1);
    }
}

} // namespace probe
