// MessageQueue: owns one mqd_t. Move-only; the destructor closes, it never unlinks.
// mq_open, mq_timedsend, mq_timedreceive and mq_getattr are thin system-call wrappers in glibc,
// so everything but create_exclusive's error text is child-safe.
#pragma once

#include "ipc/error.h"

#include <cstddef>
#include <mqueue.h>
#include <optional>
#include <sys/types.h>

namespace prodcons::ipc {

class MessageQueue
{
public:
    MessageQueue() noexcept = default;
    MessageQueue(const MessageQueue&) = delete;
    MessageQueue& operator=(const MessageQueue&) = delete;
    MessageQueue(MessageQueue&& other) noexcept;
    MessageQueue& operator=(MessageQueue&& other) noexcept;
    ~MessageQueue();

    /// O_CREAT|O_EXCL with the given geometry and exactly `permissions`. When the system's
    /// limits (/proc/sys/fs/mqueue) refuse the geometry the error says which limit. Parent only.
    static Result<MessageQueue> create_exclusive(const char* name, long max_messages,
                                                 long message_size, mode_t permissions) noexcept;
    static Result<MessageQueue> open_existing(const char* name, bool writable) noexcept;
    static Result<bool> unlink_if_exists(const char* name) noexcept;

    Result<mq_attr> attributes() const noexcept;
    /// true: sent; false: still full at `abs_realtime` (or interrupted by a signal).
    Result<bool> send_until(const char* data, std::size_t size, unsigned priority,
                            const timespec& abs_realtime) noexcept;
    /// The message's size; nullopt: still empty at `abs_realtime` (or interrupted).
    Result<std::optional<std::size_t>> receive_until(char* buffer, std::size_t capacity,
                                                     const timespec& abs_realtime) noexcept;

    /// Sends only if there is room now: true sent, false full.
    Result<bool> try_send(const char* data, std::size_t size, unsigned priority) noexcept;
    /// Receives only if a message is there now: its size, or nullopt when empty.
    Result<std::optional<std::size_t>> try_receive(char* buffer, std::size_t capacity) noexcept;

    int fd() const noexcept { return static_cast<int>(m_mq); } // an mqd_t is a descriptor on Linux
    const char* name() const noexcept { return m_name; }

private:
    static constexpr mqd_t kInvalid = static_cast<mqd_t>(-1);
    void close() noexcept;

    mqd_t m_mq = kInvalid;
    char m_name[64] = {};
};

} // namespace prodcons::ipc
