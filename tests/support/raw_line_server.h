// RawLineServer: one connection on 127.0.0.1 over plain POSIX sockets, for tests that must tell
// how a client closed. Qt's sockets report a clean end of stream and a reset alike, and a reset
// is what loses a consumer's last OKs (it can overtake them on loopback).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace prodcons::test {

/// Listens on an ephemeral port from construction; serves the first connection accepted. Every
/// wait has a deadline, so a client that misbehaves fails the test instead of hanging it. Meant
/// to run on a thread of its own while the test's event loop runs the client.
class RawLineServer
{
public:
    RawLineServer();
    ~RawLineServer();
    RawLineServer(const RawLineServer&) = delete;
    RawLineServer& operator=(const RawLineServer&) = delete;

    bool listening() const { return m_listener >= 0; }
    std::uint16_t port() const { return m_port; }

    /// Waits for the client to connect.
    bool accept(int timeoutMs);
    void send(std::string_view bytes);
    /// Reads until `text` has been heard since the start; false on end of stream, error or
    /// timeout first.
    bool hear(std::string_view text, int timeoutMs);
    /// Reads until the client's end of stream or a reset; false if neither came in time.
    bool hearEnd(int timeoutMs);
    /// No more data from this side (a FIN); the client can still send.
    void shutdownWrite();

    /// Everything the client sent.
    const std::string& heard() const { return m_heard; }
    /// What the last recv() returned: 0 is a clean end of stream, -1 an error (lastError()).
    long lastRead() const { return m_lastRead; }
    int lastError() const { return m_lastError; }

private:
    /// One poll() and recv(); false on timeout, end of stream or error.
    bool readOnce(int timeoutMs);

    int m_listener = -1;
    int m_connection = -1;
    std::uint16_t m_port = 0;
    std::string m_heard;
    long m_lastRead = 1;
    int m_lastError = 0;
};

} // namespace prodcons::test
