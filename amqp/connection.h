// One connection to the broker with one channel: an RAII owner of rabbitmq-c's connection
// state. Opening it is bounded in time (TCP, TLS, login) and every failure says which call
// failed on which broker or queue, and why, in the ipc library's Error: the broker's own reply
// ("ACCESS_REFUSED - Login was refused ...") with its AMQP reply code in Error::err.
#pragma once

#include "amqp/broker_settings.h"
#include "ipc/error.h"

#include <amqp.h>
#include <chrono>
#include <string_view>

namespace prodcons::amqp {

class Connection
{
public:
    static constexpr amqp_channel_t kChannel = 1;

    /// Opens a connection and its channel on one of the settings' nodes, tried in turn until
    /// one answers. Errors: Posix (connect), Timeout, Broker; with several nodes, the error of
    /// each in Error::detail.
    static ipc::Result<Connection> open(const BrokerSettings& settings) noexcept;

    Connection() noexcept = default;
    Connection(Connection&& other) noexcept;
    Connection& operator=(Connection&& other) noexcept;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    /// Closes the channel and the connection politely when they are still usable.
    ~Connection();

    amqp_connection_state_t state() const noexcept { return m_state; }
    /// The address of the node this connection is to, without credentials
    /// ("amqp://127.0.0.1:5690/").
    std::string_view address() const noexcept { return m_address; }
    bool usable() const noexcept { return m_state != nullptr && m_usable; }

    /// The error a failed RPC reply means. A close by the broker (of the channel or of the
    /// whole connection) is answered, and the connection is no longer usable.
    ipc::Error failure(const amqp_rpc_reply_t& reply, const char* call,
                       std::string_view object) noexcept;
    /// The error a rabbitmq-c status (a negative AMQP_STATUS_*) means; the connection is no
    /// longer usable after a socket error.
    ipc::Error library_failure(int status, const char* call, std::string_view object) noexcept;
    /// The error an unexpected frame means: a close of the channel or the connection (answered;
    /// the connection is then unusable), or a method this code does not expect.
    ipc::Error frame_failure(const amqp_frame_t& frame, const char* call,
                             std::string_view object) noexcept;
    /// Ok when the last synchronous call on this connection (a queue declare, ...) succeeded.
    ipc::Status check_reply(const char* call, std::string_view object) noexcept;

private:
    static ipc::Result<Connection> open_node(const BrokerSettings& settings,
                                             std::size_t index) noexcept;
    void close() noexcept;

    amqp_connection_state_t m_state = nullptr;
    bool m_usable = false;
    char m_address[80] = {};
};

/// A socket read timeout for rabbitmq-c from a duration.
timeval to_timeval(std::chrono::microseconds duration) noexcept;

} // namespace prodcons::amqp
