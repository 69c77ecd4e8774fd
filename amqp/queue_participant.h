// A server child's place on the AMQP mode's queue: the Participant of the SHM and MQ modes,
// with the broker doing what the ring's code does there.
//
// A producer publishes with publisher confirms and put() returns only once the broker has
// confirmed every name (stored on a quorum of nodes). It publishes no more than the room it
// knows the queue has (the capacity less the ready names it last saw, less what it published
// since), so that a single producer is never refused and its names stay in order; when the
// queue is full it looks again after a short, growing pause (the broker tells nobody when room
// comes). Several producers racing for the last room may be refused (x-overflow
// reject-publish): the refused names are published again, and only then confirmed.
//
// A consumer consumes with a prefetch of its window and manual acknowledgements: the held
// window is the broker's unacknowledged deliveries, acknowledged only once the client has said
// OK. Names held by a consumer that leaves, crashes or loses its connection go back to the
// queue by the broker's own redelivery.
#pragma once

#include "amqp/connection.h"
#include "amqp/queue.h"
#include "ipc/participant.h"

#include <deque>
#include <memory>
#include <string>

namespace prodcons::amqp {

class QueueParticipant final : public ipc::Participant
{
public:
    /// Connects, declares the queue and gets ready for `role`.
    static ipc::Result<std::unique_ptr<QueueParticipant>>
    join(const BrokerSettings& settings, const QueueSettings& queue, ipc::ParticipantRole role);

    ipc::Result<std::size_t> put(std::span<const std::string_view> names,
                                 const ipc::WaitOptions& wait) noexcept override;
    ipc::Result<std::uint32_t> hold(std::uint32_t max,
                                    const ipc::WaitOptions& wait) noexcept override;
    std::uint32_t held_count() const noexcept override
    {
        return static_cast<std::uint32_t>(m_held.size());
    }
    std::string_view held(std::uint32_t index) const noexcept override;
    void acknowledge(std::uint32_t count) noexcept override;
    std::uint32_t window() const noexcept override { return m_queue.window; }
    std::uint32_t capacity() const noexcept override { return m_queue.capacity; }
    /// The broker has no teaching view: steps are not recorded.
    void note(ipc::Step, const std::atomic<bool>*, std::string_view) noexcept override {}

private:
    QueueParticipant(Connection connection, QueueSettings queue) noexcept;

    /// Publishes `names` (fewer than the room) and waits for the broker's verdict on each;
    /// `refused[i]` tells which the full queue turned away.
    ipc::Status publish(std::span<const std::string_view> names, std::span<bool> refused) noexcept;
    /// Waits for the confirms of every name published up to `last_tag`.
    ipc::Status await_confirms(std::uint64_t first_tag, std::uint64_t last_tag,
                               std::span<bool> refused) noexcept;
    /// Learns how many names the queue has room for.
    ipc::Status look_for_room() noexcept;

    struct Held
    {
        std::uint64_t delivery_tag;
        std::string name;
    };

    Connection m_connection;
    QueueSettings m_queue;
    std::uint64_t m_published = 0; ///< the delivery tag of the last name published
    std::uint32_t m_room = 0;      ///< names the queue surely has room for
    std::deque<Held> m_held;
};

} // namespace prodcons::amqp
