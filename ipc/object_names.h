// The names of the kernel objects of one prefix. With the default prefix "/prodcons":
//   /prodcons_shm    shared memory: control block (participants, locks) and the SHM ring
//   /prodcons_mutex  semaphore guarding the control block and the ring (both modes)
//   /prodcons_empty  semaphore counting free ring slots (SHM mode)
//   /prodcons_full   semaphore counting stored names (SHM mode)
//   /prodcons_mq     message queue (MQ mode)
// Names live in fixed arrays so that a forked child can use them without allocating.
#pragma once

#include "ipc/error.h"

#include <string>
#include <string_view>

namespace prodcons::ipc {

inline constexpr std::string_view kDefaultPrefix = "/prodcons";
inline constexpr const char* kPrefixEnvironmentVariable = "PRODCONS_IPC_PREFIX";
inline constexpr std::size_t kMaxPrefixLength = 48;

struct ObjectNames
{
    char prefix[kMaxPrefixLength + 1] = {};
    char control[64] = {};
    char mutex[64] = {};
    char empty[64] = {};
    char full[64] = {};
    char queue[64] = {};

    /// A prefix is '/' followed by 1..47 characters from [A-Za-z0-9_.-]. Parent only.
    static Result<ObjectNames> from_prefix(std::string_view prefix) noexcept;
    static ObjectNames defaults() noexcept;
};

/// The prefix from PRODCONS_IPC_PREFIX, or the default. Parent only.
std::string prefix_from_environment();

} // namespace prodcons::ipc
