// ShmRing: the classic bounded buffer in shared memory, with its empty and full semaphores and
// the shared mutex (docs/IPC.md, "The ring"). Internal to ipc/. Child-safe.
#pragma once

#include "ipc/channel.h"
#include "ipc/named_semaphore.h"

namespace prodcons::ipc {

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
    /// Claims up to `max` units, waiting (after a brief spin) for the first.
    Result<std::uint32_t> claim(Control& control, Side side, std::uint32_t max,
                                const WaitOptions& wait) noexcept;
    Status housekeeping(Control& control, Side side, const WaitOptions& wait,
                        Clock::time_point& last_reap) noexcept;

    NamedSemaphore* m_empty;
    NamedSemaphore* m_full;
};

} // namespace prodcons::ipc
