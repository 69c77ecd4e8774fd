#include "ipc/endpoint.h"

#include "ipc/attachment_state.h"
#include "ipc/channel.h"

#include <algorithm>
#include <cstring>
#include <unistd.h>

namespace prodcons::ipc {

Endpoint::Endpoint(Endpoint&& other) noexcept
    : m_lock_handle(std::move(other.m_lock_handle)), m_control(other.m_control),
      m_channel(std::exchange(other.m_channel, nullptr))
{}

Endpoint& Endpoint::operator=(Endpoint&& other) noexcept
{
    if (this != &other) {
        leave();
        m_lock_handle = std::move(other.m_lock_handle);
        m_control = other.m_control;
        m_channel = std::exchange(other.m_channel, nullptr);
    }
    return *this;
}

Endpoint::~Endpoint()
{
    leave();
}

Result<Endpoint> Endpoint::join(const Attachment& attachment, Role role) noexcept
{
    Attachment::State& state = *attachment.m_state;
    auto handle = SharedMemory::open_existing(state.names.control, true);
    if (!handle)
        return handle.error();
    // The name must still lead to the object the attachment mapped; a cleanup may have
    // replaced it, and a lock on another object would prove nothing.
    auto ours = handle->inode();
    if (!ours || ours.value() != state.control_inode)
        return Error::make(Errc::ObjectsRemoved, "Endpoint::join", state.names.control,
                           "the object was removed or replaced since the server attached");

    const ByteLocks locks(handle->fd(), state.names.control);
    const auto kind = role == Role::Producer ? layout::Kind::Producer : layout::Kind::Consumer;
    auto slot = Control::claim_slot(state.view(), locks, kind, state.mode, ::getpid());
    if (!slot)
        return slot.error();

    Endpoint endpoint;
    endpoint.m_lock_handle = std::move(handle).value();
    endpoint.m_control = Control(state.view(), &state.mutex, endpoint.m_lock_handle.fd(),
                                 state.names.control, slot.value());
    endpoint.m_channel = state.channel.get();
    return endpoint;
}

Status Endpoint::check_name(std::string_view name) const noexcept
{
    if (name.empty())
        return Error::make(Errc::NameEmpty, "put", "", "a name needs at least one byte");
    if (name.size() > max_name_length()) {
        char detail[64];
        std::snprintf(detail, sizeof detail, "%zu bytes, at most %u", name.size(),
                      max_name_length());
        return Error::make(Errc::NameTooLong, "put", "", detail);
    }
    if (std::memchr(name.data(), '\0', name.size()))
        return Error::make(Errc::NameInvalid, "put", "", "a NUL byte cannot be stored");
    return Ok{};
}

Status Endpoint::put(std::string_view name, const WaitOptions& wait) noexcept
{
    auto stored = put(std::span<const std::string_view>(&name, 1), wait);
    if (!stored)
        return stored.error();
    return Ok{};
}

Result<std::size_t> Endpoint::put(std::span<const std::string_view> names,
                                  const WaitOptions& wait) noexcept
{
    std::size_t valid = 0;
    while (valid < names.size() && check_name(names[valid]))
        ++valid;
    if (valid == 0 && !names.empty())
        return check_name(names[0]).error();
    return m_channel->put(m_control, names.first(valid), wait);
}

Result<std::uint32_t> Endpoint::hold(std::uint32_t max, const WaitOptions& wait) noexcept
{
    return m_channel->hold(m_control, max, wait);
}

std::uint32_t Endpoint::held_count() const noexcept
{
    return m_control.view().held(m_control.my_slot()); // at most the window
}

std::string_view Endpoint::held(std::uint32_t index) const noexcept
{
    const char* name =
        m_control.view().held_name(m_control.my_slot(), m_control.me().held_head.load() + index);
    return {name, strnlen(name, max_name_length())};
}

void Endpoint::acknowledge(std::uint32_t count) noexcept
{
    layout::Slot& self = m_control.me();
    self.held_head.store(self.held_head.load() + std::min(count, held_count()));
}

Result<std::size_t> Endpoint::take(char* out, std::size_t capacity,
                                   const WaitOptions& wait) noexcept
{
    if (held_count() == 0) {
        auto got = hold(1, wait);
        if (!got)
            return got.error();
    }
    const std::string_view name = held(0);
    const std::size_t size = capacity == 0 ? 0 : std::min(name.size(), capacity - 1);
    if (capacity > 0) {
        std::memcpy(out, name.data(), size);
        out[size] = '\0';
    }
    acknowledge(1);
    return size;
}

void Endpoint::leave(Deadline deadline) noexcept
{
    if (!joined())
        return;
    bool slot_settled = true;
    if (held_count() > 0) {
        WaitOptions wait;
        wait.deadline = deadline;
        if (m_control.lock(wait)) {
            m_control.orphan_held_locked(m_control.my_slot());
            if (m_channel->mode() == Mode::Shm)
                m_channel->reconcile_locked(m_control); // consumers wake for the orphans
            m_control.unlock();
        } else {
            // Leave the slot Active: once our descriptor is closed it looks like a dead
            // participant's, and the next reaper hands the names back.
            slot_settled = false;
        }
    }
    if (slot_settled)
        m_control.release_slot();
    m_lock_handle = SharedMemory();
    m_channel = nullptr;
}

Mode Endpoint::mode() const noexcept
{
    return m_channel->mode();
}

std::uint32_t Endpoint::window() const noexcept
{
    return m_control.view().geometry().window;
}

std::uint32_t Endpoint::capacity() const noexcept
{
    return m_control.view().geometry().capacity;
}

std::uint32_t Endpoint::max_name_length() const noexcept
{
    return m_control.view().geometry().max_name_length();
}

Result<Participant*> AttachmentAccess::join(ParticipantRole role) noexcept
{
    auto joined = Endpoint::join(m_attachment, role);
    if (!joined)
        return joined.error();
    m_endpoint = std::move(joined).value();
    return &m_endpoint;
}

std::uint32_t AttachmentAccess::max_name_length() const noexcept
{
    return m_attachment.geometry().max_name_length();
}

int AttachmentAccess::descriptor_to_keep() const noexcept
{
    return m_attachment.queue_fd();
}

} // namespace prodcons::ipc
