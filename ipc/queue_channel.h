// QueueChannel: names through a POSIX message queue; the mutex guards only handed-back names
// and reaping, the queue is the critical section. Internal to ipc/. Child-safe.
#pragma once

#include "ipc/channel.h"
#include "ipc/message_queue.h"

namespace prodcons::ipc {

class QueueChannel final : public Channel
{
public:
    explicit QueueChannel(MessageQueue* queue) noexcept : m_queue(queue) {}
    Mode mode() const noexcept override { return Mode::Mq; }
    Result<std::size_t> put(Control& control, std::span<const std::string_view> names,
                            const WaitOptions& wait) noexcept override;
    Result<std::uint32_t> hold(Control& control, std::uint32_t max,
                               const WaitOptions& wait) noexcept override;
    void reconcile_locked(Control&) noexcept override {}

private:
    Result<std::uint32_t> adopt_orphans(Control& control, std::uint32_t max,
                                        const WaitOptions& wait) noexcept;
    /// Waits up to one slice for a message without receiving it (poll on the queue's
    /// descriptor): true when one is there.
    Result<bool> wait_readable(const WaitOptions& wait) noexcept;

    MessageQueue* m_queue;
};

} // namespace prodcons::ipc
