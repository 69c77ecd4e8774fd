// ChildStats: what a server child tells its parent, through a shared anonymous mapping that
// the parent creates before forking. The child writes plain atomics (no system call per
// name); the parent reads them about ten times a second for its table of children.
#pragma once

#include "fixed_text.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/types.h>

namespace prodcons::server {

enum class ChildRole : std::uint32_t
{
    None = 0,
    Producer = 1,
    Consumer = 2
};
enum class ChildState : std::uint32_t
{
    Handshake = 0, ///< waiting for the client to name its role
    Running = 1,
    Blocked = 2, ///< waiting for the buffer (full for a producer, empty for a consumer)
    Ended = 3,
};

struct alignas(64) ChildStats
{
    std::atomic<std::uint32_t> role;  ///< ChildRole
    std::atomic<std::uint32_t> state; ///< ChildState
    std::atomic<std::uint32_t> end_reason;
    std::atomic<std::uint32_t> refused; ///< lines answered with ERROR
    std::atomic<std::uint64_t> names;   ///< stored (producer) or acknowledged (consumer)
    std::atomic<std::uint64_t> sent;    ///< names sent to a consumer, acknowledged or not
    /// Names a consumer's child found in the buffer and did not send: not what a producer's
    /// child stores (another process wrote them there).
    std::atomic<std::uint32_t> dropped;
    FixedText<160> detail; ///< why it ended, when there is more to say

    // The last name moved, under a sequence lock: the child never waits for the parent.
    std::atomic<std::uint32_t> last_name_sequence;
    std::atomic<std::uint32_t> last_name_length;
    char last_name[256];

    void reset() noexcept;
    void set_last_name(const char* name, std::size_t length) noexcept; ///< child
    std::string last_name_copy() const;                                ///< parent
};

/// Owns the shared mapping of `count` records. Parent only; children inherit the mapping.
class StatsArea
{
public:
    explicit StatsArea(std::size_t count);
    ~StatsArea();
    StatsArea(const StatsArea&) = delete;
    StatsArea& operator=(const StatsArea&) = delete;

    ChildStats& operator[](std::size_t index) noexcept { return m_records[index]; }
    const ChildStats& operator[](std::size_t index) const noexcept { return m_records[index]; }

private:
    ChildStats* m_records = nullptr;
    std::size_t m_count = 0;
};

} // namespace prodcons::server
