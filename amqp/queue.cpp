#include "amqp/queue.h"

#include <array>

namespace prodcons::amqp {

namespace {

amqp_bytes_t bytes_of(std::string_view text) noexcept
{
    return {text.size(), const_cast<char*>(text.data())};
}

} // namespace

std::string queue_name(std::string_view ipc_prefix)
{
    while (ipc_prefix.starts_with('/'))
        ipc_prefix.remove_prefix(1);
    return std::string(ipc_prefix) + "_buffer";
}

ipc::Status declare_queue(Connection& connection, const QueueSettings& queue) noexcept
{
    std::array<amqp_table_entry_t, 3> arguments{};
    arguments[0].key = amqp_cstring_bytes("x-queue-type");
    arguments[0].value.kind = AMQP_FIELD_KIND_UTF8;
    arguments[0].value.value.bytes = amqp_cstring_bytes("quorum");
    arguments[1].key = amqp_cstring_bytes("x-max-length");
    arguments[1].value.kind = AMQP_FIELD_KIND_I64;
    arguments[1].value.value.i64 = queue.capacity;
    arguments[2].key = amqp_cstring_bytes("x-overflow");
    arguments[2].value.kind = AMQP_FIELD_KIND_UTF8;
    arguments[2].value.value.bytes = amqp_cstring_bytes("reject-publish");
    const amqp_table_t table{static_cast<int>(arguments.size()), arguments.data()};

    // Durable, shared, never deleted by the broker on its own: a quorum queue's requirements,
    // and a buffer outlives the servers that use it, as the ring does.
    (void)amqp_queue_declare(connection.state(), Connection::kChannel, bytes_of(queue.name),
                             /*passive*/ 0, /*durable*/ 1, /*exclusive*/ 0, /*auto_delete*/ 0,
                             table);
    return connection.check_reply("queue.declare", queue.name);
}

ipc::Result<QueueCounts> peek_queue(Connection& connection, std::string_view name) noexcept
{
    const amqp_queue_declare_ok_t* ok =
        amqp_queue_declare(connection.state(), Connection::kChannel, bytes_of(name),
                           /*passive*/ 1, 0, 0, 0, amqp_empty_table);
    if (ok == nullptr) {
        const amqp_rpc_reply_t reply = amqp_get_rpc_reply(connection.state());
        return connection.failure(reply, "queue.declare(passive)", name);
    }
    return QueueCounts{ok->message_count, ok->consumer_count};
}

ipc::Result<QueueCounts> query_queue(const BrokerSettings& settings, const std::string& name)
{
    auto connection = Connection::open(settings);
    if (!connection)
        return connection.error();
    return peek_queue(connection.value(), name);
}

ipc::Result<std::uint32_t> delete_queue(const BrokerSettings& settings, const std::string& name)
{
    auto opened = Connection::open(settings);
    if (!opened)
        return opened.error();
    Connection& connection = opened.value();
    const amqp_queue_delete_ok_t* ok =
        amqp_queue_delete(connection.state(), Connection::kChannel, bytes_of(name),
                          /*if_unused*/ 0, /*if_empty*/ 0);
    if (ok == nullptr)
        return connection.failure(amqp_get_rpc_reply(connection.state()), "queue.delete", name);
    return ok->message_count;
}

} // namespace prodcons::amqp
