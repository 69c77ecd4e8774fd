// Endpoint: a participant that moves names: a producer puts, a consumer takes. Child-safe:
// a server child joins through its parent's Attachment after fork() and uses only system
// calls from then on.
//
// A consumer takes names into a "held" window in shared memory and acknowledges them when
// its client confirms; names still held when it leaves, or when it is killed, go back to the
// buffer (as orphans, taken before anything else), so nothing is lost.
#pragma once

#include "ipc/attachment.h"
#include "ipc/config.h"
#include "ipc/control.h"
#include "ipc/error.h"
#include "ipc/participant.h"
#include "ipc/shared_memory.h"
#include "ipc/wait_options.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace prodcons::ipc {

class Channel;

class Endpoint final : public Participant
{
public:
    using Role = ParticipantRole;

    Endpoint() noexcept = default;
    Endpoint(Endpoint&&) noexcept;
    Endpoint& operator=(Endpoint&&) noexcept;
    Endpoint(const Endpoint&) = delete;
    Endpoint& operator=(const Endpoint&) = delete;
    /// Leaves (see leave()) with a short deadline.
    ~Endpoint() override;

    /// Opens the control object again (an open file description of its own, whose slot lock
    /// proves this participant alive) and claims a participant slot. The attachment must
    /// outlive the endpoint; in a forked child it need not have its descriptors open.
    static Result<Endpoint> join(const Attachment& attachment, Role role) noexcept;

    /// Checks a name: 1..max_name_length() bytes, no NUL. Errc::NameEmpty / NameTooLong.
    Status check_name(std::string_view name) const noexcept;

    /// Stores one name, blocking while the buffer is full.
    Status put(std::string_view name, const WaitOptions& wait = {}) noexcept;
    /// Stores names in order, at least one (blocking while full), as many as fit at once;
    /// returns how many. Stops before the first invalid name (an error if it is the first).
    Result<std::size_t> put(std::span<const std::string_view> names,
                            const WaitOptions& wait = {}) noexcept override;

    /// Takes up to `max` more names into the held window, blocking while there are none.
    Result<std::uint32_t> hold(std::uint32_t max, const WaitOptions& wait = {}) noexcept override;
    std::uint32_t held_count() const noexcept override;
    /// Held name `index`, 0 being the oldest. Valid until acknowledged.
    std::string_view held(std::uint32_t index) const noexcept override;
    /// The `count` oldest held names were delivered; they are gone for good.
    void acknowledge(std::uint32_t count) noexcept override;
    /// hold(1), copy, acknowledge: for callers with nobody to confirm delivery.
    Result<std::size_t> take(char* out, std::size_t capacity,
                             const WaitOptions& wait = {}) noexcept;

    /// Marks a step outside the buffer (talking to the client, teaching.h): recorded while
    /// somebody watches, slowed or paused like the buffer's own steps; `stop` ends a wait.
    void note(Step step, const std::atomic<bool>* stop = nullptr,
              std::string_view name = {}) noexcept override
    {
        WaitOptions wait;
        wait.stop = stop;
        m_control.step(step, 0, name, &wait);
    }

    /// Hands held names back to the buffer and frees the slot. Without the mutex in time the
    /// slot stays as it is and the next reaper hands the names back.
    void leave(Deadline deadline = Deadline::after(std::chrono::seconds(2))) noexcept;

    bool joined() const noexcept { return m_channel != nullptr; }
    Mode mode() const noexcept;
    std::uint32_t window() const noexcept override;
    std::uint32_t capacity() const noexcept override;
    std::uint32_t max_name_length() const noexcept;
    std::uint32_t slot() const noexcept { return m_control.my_slot(); }

private:
    SharedMemory m_lock_handle; ///< own descriptor of the control object (not mapped)
    Control m_control;
    Channel* m_channel = nullptr;
};

/// The SHM and MQ buffers' way in for a server child: joins through the parent's attachment.
class AttachmentAccess final : public BufferAccess
{
public:
    explicit AttachmentAccess(const Attachment& attachment) noexcept : m_attachment(attachment) {}
    Result<Participant*> join(ParticipantRole role) noexcept override;
    std::uint32_t max_name_length() const noexcept override;
    int descriptor_to_keep() const noexcept override;

private:
    const Attachment& m_attachment;
    Endpoint m_endpoint;
};

} // namespace prodcons::ipc
