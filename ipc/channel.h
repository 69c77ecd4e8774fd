// Channel: the data path of one mode behind one small interface, put names and take names.
// ShmRing is the classic bounded buffer in shared memory; QueueChannel is a POSIX message
// queue. Both keep what a consumer takes in its slot's held window (in shared memory) until
// the client acknowledges it, so a consumer killed at any instant loses nothing.
// Internal to ipc/ (Endpoint is the public face). Child-safe.
#pragma once

#include "ipc/config.h"
#include "ipc/control.h"
#include "ipc/error.h"
#include "ipc/message_queue.h"
#include "ipc/named_semaphore.h"
#include "ipc/wait_options.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace prodcons::ipc {

class Channel
{
public:
    virtual ~Channel() = default;
    virtual Mode mode() const noexcept = 0;

    /// Stores names in order, blocking while the buffer is full; returns how many were stored
    /// (at least one) once some are. The names have been checked by the caller.
    virtual Result<std::size_t> put(Control& control, std::span<const std::string_view> names,
                                    const WaitOptions& wait) noexcept = 0;
    /// Appends up to `max` names (orphans first) to the caller's held window, blocking while
    /// there are none; returns how many (at least one).
    virtual Result<std::uint32_t> hold(Control& control, std::uint32_t max,
                                       const WaitOptions& wait) noexcept = 0;
    /// Under the mutex: after a crash, tops the semaphore counts up to what the buffer holds.
    virtual void reconcile_locked(Control& control) noexcept = 0;
};

class ShmRing final : public Channel
{
public:
    ShmRing(NamedSemaphore* empty, NamedSemaphore* full) noexcept : m_empty(empty), m_full(full) {}
    Mode mode() const noexcept override { return Mode::Shm; }
    Result<std::size_t> put(Control& control, std::span<const std::string_view> names,
                            const WaitOptions& wait) noexcept override;
    Result<std::uint32_t> hold(Control& control, std::uint32_t max,
                               const WaitOptions& wait) noexcept override;
    void reconcile_locked(Control& control) noexcept override;

private:
    enum class Side
    {
        Producer,
        Consumer
    };
    /// Claims up to `max` units; `waited` tells whether the first was not there at once.
    Result<std::uint32_t> claim(Control& control, Side side, std::uint32_t max,
                                const WaitOptions& wait, bool& waited) noexcept;
    Status housekeeping(Control& control, Side side, const WaitOptions& wait,
                        Clock::time_point& last_reap) noexcept;

    NamedSemaphore* m_empty;
    NamedSemaphore* m_full;
};

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

/// true when the caller set a `gone` check and it says the names would be for nobody.
inline bool taker_gone(const WaitOptions& wait) noexcept
{
    return wait.gone && wait.gone(wait.context);
}

/// Copies a checked name into a slot-sized place, NUL-terminated. Child-safe.
void store_name(char* place, std::string_view name) noexcept;

} // namespace prodcons::ipc
