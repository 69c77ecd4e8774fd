// The way in to the AMQP mode's buffer for a server: made by the parent (which checks that
// the broker answers before it serves), joined in each child, which opens its own connection
// after fork() (a connection cannot be shared between processes).
#pragma once

#include "amqp/broker_settings.h"
#include "amqp/queue.h"
#include "amqp/queue_participant.h"
#include "ipc/participant.h"

#include <memory>

namespace prodcons::amqp {

class BrokerAccess final : public ipc::BufferAccess
{
public:
    BrokerAccess(BrokerSettings settings, QueueSettings queue);
    ~BrokerAccess() override;

    /// From the parent: the broker answers, takes the credentials, has the vhost, and the
    /// queue exists (declared now if it did not) with this capacity.
    ipc::Status check() noexcept;

    ipc::Result<ipc::Participant*> join(ipc::ParticipantRole role) noexcept override;
    std::uint32_t max_name_length() const noexcept override { return m_queue.max_name_length; }

    const BrokerSettings& settings() const noexcept { return m_settings; }
    const QueueSettings& queue() const noexcept { return m_queue; }

private:
    BrokerSettings m_settings;
    QueueSettings m_queue;
    std::unique_ptr<QueueParticipant> m_participant;
};

} // namespace prodcons::amqp
