// Participant: what a server child needs from a buffer, whatever holds it. A producer puts names;
// a consumer holds names in a window until its client confirms them, then acknowledges them.
// Endpoint (endpoint.h) is the SHM and MQ participant; the AMQP mode's lives in amqp/ (the
// names then wait in a RabbitMQ queue). The promise is the same everywhere: put() returns once
// the names are stored for good, and held names that are never acknowledged (the participant
// leaves, or its process dies) go back to the buffer for another consumer.
#pragma once

#include "ipc/error.h"
#include "ipc/teaching.h"
#include "ipc/wait_options.h"

#include <atomic>
#include <cstdint>
#include <span>
#include <string_view>

namespace prodcons::ipc {

enum class ParticipantRole
{
    Producer,
    Consumer
};

class Participant
{
public:
    virtual ~Participant() = default;

    /// Stores names in order, at least one (blocking while the buffer is full), as many as fit
    /// at once; returns how many. The names have been checked by the caller.
    virtual Result<std::size_t> put(std::span<const std::string_view> names,
                                    const WaitOptions& wait) noexcept = 0;

    /// Takes up to `max` more names into the held window, blocking while there are none;
    /// returns how many (at least one).
    virtual Result<std::uint32_t> hold(std::uint32_t max, const WaitOptions& wait) noexcept = 0;
    virtual std::uint32_t held_count() const noexcept = 0;
    /// Held name `index`, 0 being the oldest. Valid until acknowledged.
    virtual std::string_view held(std::uint32_t index) const noexcept = 0;
    /// The `count` oldest held names were delivered; they are gone for good.
    virtual void acknowledge(std::uint32_t count) noexcept = 0;

    /// Names a consumer may hold unacknowledged.
    virtual std::uint32_t window() const noexcept = 0;
    /// Names the buffer holds when full: a hold that got this many found a backlog.
    virtual std::uint32_t capacity() const noexcept = 0;

    /// Marks a step outside the buffer (talking to the client, teaching.h); `stop` ends a wait.
    /// Buffers without a teaching view ignore it.
    virtual void note(Step step, const std::atomic<bool>* stop = nullptr,
                      std::string_view name = {}) noexcept = 0;
};

/// The way in to one buffer for a server child: prepared by the parent before fork(), joined in
/// the child once its client has said its role. Owns the participant it returns.
class BufferAccess
{
public:
    virtual ~BufferAccess() = default;
    virtual Result<Participant*> join(ParticipantRole role) noexcept = 0;
    /// The longest name the buffer stores.
    virtual std::uint32_t max_name_length() const noexcept = 0;
    /// A descriptor the child must keep open when it closes the parent's (-1: none).
    virtual int descriptor_to_keep() const noexcept { return -1; }
};

} // namespace prodcons::ipc
