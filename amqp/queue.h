// The AMQP mode's buffer: one RabbitMQ queue per IPC prefix, bounded like the ring. Declaring
// it is idempotent (every server child declares it with the same arguments), and its type
// keeps names when a node of a cluster fails; docs/AMQP.md says why a quorum queue.
#pragma once

#include "amqp/connection.h"
#include "ipc/error.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace prodcons::amqp {

struct QueueSettings
{
    std::string name = "prodcons_buffer";
    std::uint32_t capacity = 10;         ///< names ready in the queue at most
    std::uint32_t window = 32;           ///< names a consumer may hold unacknowledged
    std::uint32_t max_name_length = 255; ///< as the ring's default slot
};

/// The queue of an IPC prefix: "/prodcons" gives "prodcons_buffer".
std::string queue_name(std::string_view ipc_prefix);

/// Declares the queue (a quorum queue of at most `capacity` ready names that refuses
/// publishes beyond). PRECONDITION_FAILED (Error::err 406): it exists with other arguments.
ipc::Status declare_queue(Connection& connection, const QueueSettings& queue) noexcept;

struct QueueCounts
{
    std::uint32_t ready = 0;     ///< names waiting for a consumer
    std::uint32_t consumers = 0; ///< consumers attached (server children)
};

/// The counts of an existing queue (a passive declare). NOT_FOUND (Error::err 404): there is
/// none; the broker then closes the channel, and the connection is of no more use.
ipc::Result<QueueCounts> peek_queue(Connection& connection, std::string_view name) noexcept;

/// For tools: the counts of the queue on the broker of `settings`.
ipc::Result<QueueCounts> query_queue(const BrokerSettings& settings, const std::string& name);
/// For Cleanup: deletes the queue and the names in it; returns how many names it held (0 also
/// when there was no queue).
ipc::Result<std::uint32_t> delete_queue(const BrokerSettings& settings, const std::string& name);

} // namespace prodcons::amqp
