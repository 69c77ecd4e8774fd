// Channel: the data path of one mode behind one small interface, put names and take names:
// ShmRing (shm_ring.h) is the classic bounded buffer in shared memory, QueueChannel
// (queue_channel.h) a POSIX message queue. Both keep what a consumer takes in its slot's held
// window (in shared memory) until the client acknowledges it, so a consumer killed at any
// instant loses nothing. Internal to ipc/ (Endpoint is the public face). Child-safe.
#pragma once

#include "ipc/config.h"
#include "ipc/control.h"
#include "ipc/error.h"
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

/// true when the caller set a `gone` check and it says the names would be for nobody.
inline bool taker_gone(const WaitOptions& wait) noexcept
{
    return wait.gone && wait.gone(wait.context);
}

/// Copies a checked name into a slot-sized place, NUL-terminated. Child-safe.
void store_name(char* place, std::string_view name) noexcept;

} // namespace prodcons::ipc
