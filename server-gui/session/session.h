// The classic protocol, server side, for one client: "Task?", the role, then names. It runs in
// a forked child on top of ipc, with system calls only (no allocation, no stdio, no Qt), and
// is a plain function so that tests can drive it over a socketpair without forking.
// See docs/PROTOCOL.md.
#pragma once

#include "child_stats.h"
#include "fixed_text.h"

#include <atomic>
#include <chrono>
#include <cstdint>

namespace prodcons::ipc {
class Attachment;
class BufferAccess;
} // namespace prodcons::ipc

namespace prodcons::server {

enum class EndReason : std::uint32_t
{
    ClientClosed = 0,  ///< the client closed the connection
    ClientQuit,        ///< the client sent "quit" or "close"
    InvalidTask,       ///< the role was neither producer nor consumer
    NoTask,            ///< no role within the deadline
    AckTimeout,        ///< a consumer stopped acknowledging
    WriteStalled,      ///< the client stopped reading what the server sends
    Stopped,           ///< the server is stopping (SIGTERM)
    BufferUnavailable, ///< the shared buffer could not be used (see ChildStats::detail)
    ConnectionError,   ///< the connection failed (reset, ...)
    IdleTimeout,       ///< a producer sent nothing for SessionLimits::idle_timeout
};

/// A few words for a log line: "client closed the connection". Child-safe (static text).
const char* end_reason_text(EndReason reason) noexcept;

struct SessionLimits
{
    std::chrono::milliseconds role_timeout{30'000};
    std::chrono::milliseconds ack_timeout{60'000};
    /// A producer that sends no line for this long is told so and closed, so that idle
    /// connections do not keep participant slots of the shared table forever. Well above the
    /// slowest pacing a client offers (one name a minute).
    std::chrono::milliseconds idle_timeout{180'000};
    std::chrono::milliseconds write_timeout{60'000};
    /// Names a consumer may have been sent without acknowledging them (capped by the
    /// buffer's held window).
    std::uint32_t window = 128;
};

/// Runs the whole conversation on a connected, non-blocking socket and returns why it ended.
/// The socket stays open (the caller closes it). `stats` receives live figures; `stop` ends
/// the session at the next chance. Child-safe for the SHM and MQ buffers (the AMQP mode's
/// client library allocates).
EndReason run_session(int socket_fd, ipc::BufferAccess& buffer, const SessionLimits& limits,
                      ChildStats& stats, const std::atomic<bool>& stop) noexcept;
/// The same on the SHM or MQ buffer of `attachment`.
EndReason run_session(int socket_fd, const ipc::Attachment& attachment, const SessionLimits& limits,
                      ChildStats& stats, const std::atomic<bool>& stop) noexcept;

} // namespace prodcons::server
