#include "amqp/broker_access.h"

namespace prodcons::amqp {

BrokerAccess::BrokerAccess(BrokerSettings settings, QueueSettings queue)
    : m_settings(std::move(settings)), m_queue(std::move(queue))
{}

BrokerAccess::~BrokerAccess() = default;

ipc::Status BrokerAccess::check() noexcept
{
    auto connection = Connection::open(m_settings);
    if (!connection)
        return connection.error();
    return declare_queue(connection.value(), m_queue);
}

ipc::Result<ipc::Participant*> BrokerAccess::join(ipc::ParticipantRole role) noexcept
{
    m_participant.reset(); // one participant at a time: the old one's names go back first
    auto joined = QueueParticipant::join(m_settings, m_queue, role);
    if (!joined)
        return joined.error();
    m_participant = std::move(joined).value();
    return static_cast<ipc::Participant*>(m_participant.get());
}

} // namespace prodcons::amqp
