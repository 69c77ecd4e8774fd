#include "amqp/queue_participant.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace prodcons::amqp {

namespace {

using ipc::Errc;
using ipc::Error;

/// The pause before looking again at a full queue doubles from the first to the last: a
/// consumer usually makes room within a millisecond, and an idle one must not cost a round
/// trip to the broker every millisecond.
constexpr std::chrono::microseconds kFirstRoomPause{200};
constexpr std::chrono::milliseconds kLastRoomPause{20};
/// How long the broker may take to confirm what was published.
constexpr std::chrono::seconds kConfirmTimeout{30};
/// How long the broker may go on refusing names while its queue has room for them. Racing
/// producers explain a refusal or two; refusals that last are the broker's own (seen with
/// RabbitMQ 3.10 after the node that led the queue crashed: a channel refused everything while
/// the queue stood empty). A new connection is then the way on: the session ends, its client
/// reconnects and sends the names again (none of them had its OK).
constexpr std::chrono::seconds kRefusalTimeout{5};

amqp_bytes_t bytes_of(std::string_view text) noexcept
{
    return {text.size(), const_cast<char*>(text.data())};
}

/// One slice of `wait`, or what is left of its deadline if that is shorter.
std::chrono::microseconds slice_of(const ipc::WaitOptions& wait) noexcept
{
    std::chrono::microseconds slice = wait.slice;
    if (!wait.deadline.is_never()) {
        const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
            wait.deadline.time() - ipc::Clock::now());
        slice = std::clamp(left, std::chrono::microseconds(0), slice);
    }
    return slice;
}

} // namespace

ipc::Result<std::unique_ptr<QueueParticipant>>
QueueParticipant::join(const BrokerSettings& settings, const QueueSettings& queue,
                       ipc::ParticipantRole role)
{
    auto opened = Connection::open(settings);
    if (!opened)
        return opened.error();
    Connection connection = std::move(opened).value();
    if (const ipc::Status declared = declare_queue(connection, queue); !declared)
        return declared.error();
    if (role == ipc::ParticipantRole::Producer) {
        amqp_confirm_select(connection.state(), Connection::kChannel);
        if (const ipc::Status confirming = connection.check_reply("confirm.select", queue.name);
            !confirming)
            return confirming.error();
    } else {
        amqp_basic_qos(connection.state(), Connection::kChannel, 0,
                       static_cast<std::uint16_t>(std::min<std::uint32_t>(queue.window, 65535)), 0);
        if (const ipc::Status qos = connection.check_reply("basic.qos", queue.name); !qos)
            return qos.error();
        amqp_basic_consume(connection.state(), Connection::kChannel, bytes_of(queue.name),
                           amqp_empty_bytes, /*no_local*/ 0, /*no_ack*/ 0, /*exclusive*/ 0,
                           amqp_empty_table);
        if (const ipc::Status consuming = connection.check_reply("basic.consume", queue.name);
            !consuming)
            return consuming.error();
    }
    return std::unique_ptr<QueueParticipant>(new QueueParticipant(std::move(connection), queue));
}

QueueParticipant::QueueParticipant(Connection connection, QueueSettings queue) noexcept
    : m_connection(std::move(connection)), m_queue(std::move(queue))
{}

ipc::Status QueueParticipant::look_for_room() noexcept
{
    auto counts = peek_queue(m_connection, m_queue.name);
    if (!counts)
        return counts.error();
    m_room = m_queue.capacity > counts->ready ? m_queue.capacity - counts->ready : 0;
    return ipc::Ok{};
}

ipc::Result<std::size_t> QueueParticipant::put(std::span<const std::string_view> names,
                                               const ipc::WaitOptions& wait) noexcept
{
    if (!m_connection.usable())
        return Error::make(Errc::Broker, "basic.publish", m_queue.name, "the connection was lost");
    std::chrono::microseconds pause = kFirstRoomPause;
    while (m_room == 0) {
        if (const ipc::Status looked = look_for_room(); !looked)
            return looked.error();
        if (m_room > 0)
            break;
        if (const ipc::Status go_on = ipc::check_wait(wait, "basic.publish", m_queue.name.c_str());
            !go_on)
            return go_on.error();
        std::this_thread::sleep_for(std::min(pause, slice_of(wait)));
        pause = std::min<std::chrono::microseconds>(pause * 2, kLastRoomPause);
    }

    const std::size_t count = std::min<std::size_t>(names.size(), m_room);
    std::vector<std::string_view> pending(names.begin(), names.begin() + static_cast<long>(count));
    pause = kFirstRoomPause;
    bool refused_with_room = false; ///< the last refusals came although the queue had room
    ipc::Clock::time_point refused_with_room_since{};
    while (!pending.empty()) {
        std::unique_ptr<bool[]> refused(new bool[pending.size()]());
        if (const ipc::Status published =
                publish(pending, std::span<bool>(refused.get(), pending.size()));
            !published)
            return published.error();
        std::vector<std::string_view> again;
        for (std::size_t i = 0; i < pending.size(); ++i)
            if (refused[i])
                again.push_back(pending[i]);
        m_room -= std::min<std::uint32_t>(m_room, static_cast<std::uint32_t>(pending.size()));
        pending = std::move(again);
        if (pending.empty())
            break;
        // Another producer took the room, or the broker refuses although the queue has room:
        // wait either way (never a busy loop), then publish the refused ones again.
        if (const ipc::Status looked = look_for_room(); !looked)
            return looked.error();
        if (m_room < pending.size()) {
            refused_with_room = false; // a full queue explains it
        } else if (!refused_with_room) {
            refused_with_room = true;
            refused_with_room_since = ipc::Clock::now();
        } else if (ipc::Clock::now() - refused_with_room_since > kRefusalTimeout) {
            return Error::make(Errc::Broker, "basic.publish", m_queue.name,
                               "the broker refuses the names although the queue has room");
        }
        while (true) {
            // Given up (the client left, the deadline passed): the refused names were never
            // stored, and none of this batch has had its OK.
            if (const ipc::Status go_on =
                    ipc::check_wait(wait, "basic.publish", m_queue.name.c_str());
                !go_on)
                return go_on.error();
            std::this_thread::sleep_for(std::min(pause, slice_of(wait)));
            pause = std::min<std::chrono::microseconds>(pause * 2, kLastRoomPause);
            if (m_room >= pending.size())
                break;
            if (const ipc::Status looked = look_for_room(); !looked)
                return looked.error();
        }
    }
    return count;
}

ipc::Status QueueParticipant::publish(std::span<const std::string_view> names,
                                      std::span<bool> refused) noexcept
{
    amqp_basic_properties_t properties{};
    properties._flags = AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_CONTENT_TYPE_FLAG;
    properties.delivery_mode = AMQP_DELIVERY_PERSISTENT;
    properties.content_type = amqp_cstring_bytes("text/plain");
    const std::uint64_t first = m_published + 1;
    for (const std::string_view name : names) {
        const int status = amqp_basic_publish(
            m_connection.state(), Connection::kChannel, amqp_empty_bytes, bytes_of(m_queue.name),
            /*mandatory*/ 0, /*immediate*/ 0, &properties, bytes_of(name));
        if (status != AMQP_STATUS_OK)
            return m_connection.library_failure(status, "basic.publish", m_queue.name);
        ++m_published;
    }
    return await_confirms(first, m_published, refused);
}

ipc::Status QueueParticipant::await_confirms(std::uint64_t first_tag, std::uint64_t last_tag,
                                             std::span<bool> refused) noexcept
{
    std::uint64_t confirmed_up_to = first_tag - 1;
    std::vector<bool> confirmed(last_tag - first_tag + 1, false);
    const auto give_up = ipc::Clock::now() + kConfirmTimeout;
    while (confirmed_up_to < last_tag) {
        timeval timeout = to_timeval(std::chrono::milliseconds(100));
        amqp_frame_t frame{};
        const int status = amqp_simple_wait_frame_noblock(m_connection.state(), &frame, &timeout);
        if (status == AMQP_STATUS_TIMEOUT) {
            if (ipc::Clock::now() > give_up)
                return Error::make(Errc::Timeout, "basic.publish", m_queue.name,
                                   "the broker did not confirm the names in time");
            continue;
        }
        if (status != AMQP_STATUS_OK)
            return m_connection.library_failure(status, "basic.publish", m_queue.name);
        if (frame.frame_type != AMQP_FRAME_METHOD)
            continue;
        // The broker short of memory or disk holds publishers back and says so: the confirms
        // come once it lets them go on.
        if (frame.payload.method.id == AMQP_CONNECTION_BLOCKED_METHOD ||
            frame.payload.method.id == AMQP_CONNECTION_UNBLOCKED_METHOD)
            continue;
        std::uint64_t tag = 0;
        bool multiple = false;
        bool nack = false;
        if (frame.payload.method.id == AMQP_BASIC_ACK_METHOD) {
            const auto* ack = static_cast<const amqp_basic_ack_t*>(frame.payload.method.decoded);
            tag = ack->delivery_tag;
            multiple = ack->multiple != 0;
        } else if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD) {
            const auto* no = static_cast<const amqp_basic_nack_t*>(frame.payload.method.decoded);
            tag = no->delivery_tag;
            multiple = no->multiple != 0;
            nack = true;
        } else {
            return m_connection.frame_failure(frame, "basic.publish", m_queue.name);
        }
        if (tag < first_tag || tag > last_tag)
            continue; // an earlier batch's, already decided
        const std::uint64_t from = multiple ? first_tag : tag;
        for (std::uint64_t t = from; t <= tag; ++t) {
            if (confirmed[t - first_tag])
                continue;
            confirmed[t - first_tag] = true;
            refused[t - first_tag] = nack;
        }
        while (confirmed_up_to < last_tag && confirmed[confirmed_up_to + 1 - first_tag])
            ++confirmed_up_to;
    }
    return ipc::Ok{};
}

ipc::Result<std::uint32_t> QueueParticipant::hold(std::uint32_t max,
                                                  const ipc::WaitOptions& wait) noexcept
{
    if (!m_connection.usable())
        return Error::make(Errc::Broker, "basic.consume", m_queue.name, "the connection was lost");
    std::uint32_t got = 0;
    bool waited = false;
    while (got < max) {
        amqp_connection_state_t state = m_connection.state();
        // What has already arrived is taken without waiting; then, with names in hand, no
        // more waiting.
        const bool buffered = amqp_frames_enqueued(state) || amqp_data_in_buffer(state);
        if (got > 0 && !buffered)
            break;
        amqp_maybe_release_buffers(state);
        timeval timeout = to_timeval(buffered ? std::chrono::microseconds(0) : slice_of(wait));
        amqp_envelope_t envelope{};
        const amqp_rpc_reply_t reply = amqp_consume_message(state, &envelope, &timeout, 0);
        if (reply.reply_type == AMQP_RESPONSE_NORMAL) {
            if (waited && got == 0 && wait.gone && wait.gone(wait.context)) {
                // Not for this client: straight back to the queue, for another consumer.
                (void)amqp_basic_reject(state, Connection::kChannel, envelope.delivery_tag,
                                        /*requeue*/ 1);
                amqp_destroy_envelope(&envelope);
                return Error::make(Errc::Cancelled, "basic.consume", m_queue.name,
                                   "the client is gone");
            }
            const std::size_t keep =
                std::min<std::size_t>(envelope.message.body.len, m_queue.max_name_length + 1);
            m_held.push_back(
                Held{envelope.delivery_tag,
                     std::string(static_cast<const char*>(envelope.message.body.bytes), keep)});
            amqp_destroy_envelope(&envelope);
            ++got;
            continue;
        }
        if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
            reply.library_error == AMQP_STATUS_TIMEOUT) {
            if (got > 0)
                break;
            waited = true;
            if (const ipc::Status go_on =
                    ipc::check_wait(wait, "basic.consume", m_queue.name.c_str());
                !go_on)
                return go_on.error();
            continue;
        }
        if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
            reply.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
            amqp_frame_t frame{};
            timeval none = to_timeval(std::chrono::microseconds(0));
            const int status = amqp_simple_wait_frame_noblock(state, &frame, &none);
            if (status == AMQP_STATUS_OK && frame.frame_type == AMQP_FRAME_METHOD &&
                frame.payload.method.id == AMQP_BASIC_CANCEL_METHOD)
                return Error::make(Errc::ObjectsRemoved, "basic.consume", m_queue.name,
                                   "the broker cancelled the consumer (queue deleted?)");
            if (status == AMQP_STATUS_OK)
                return m_connection.frame_failure(frame, "basic.consume", m_queue.name);
            return m_connection.library_failure(status, "basic.consume", m_queue.name);
        }
        return m_connection.failure(reply, "basic.consume", m_queue.name);
    }
    return got;
}

std::string_view QueueParticipant::held(std::uint32_t index) const noexcept
{
    return index < m_held.size() ? std::string_view(m_held[index].name) : std::string_view();
}

void QueueParticipant::acknowledge(std::uint32_t count) noexcept
{
    count = std::min<std::uint32_t>(count, held_count());
    if (count == 0)
        return;
    // One ack for all of them: "multiple" covers every delivery up to this one.
    if (m_connection.usable())
        (void)amqp_basic_ack(m_connection.state(), Connection::kChannel,
                             m_held[count - 1].delivery_tag, /*multiple*/ 1);
    m_held.erase(m_held.begin(), m_held.begin() + count);
}

} // namespace prodcons::amqp
