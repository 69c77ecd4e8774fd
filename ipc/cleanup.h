// Forced cleanup: removes every object of a prefix, whoever uses it, and says what it did.
// Processes still attached keep their (now nameless) objects until they exit; new servers
// start afresh. Parent only.
#pragma once

#include "ipc/error.h"
#include "ipc/object_names.h"

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace prodcons::ipc {

struct CleanupReport
{
    struct Item
    {
        std::string name;
        bool removed = false; ///< false: it did not exist (or could not be removed: see error)
        std::string owner;    ///< whose it was: "root", "uid 1234"; empty when it did not exist
        std::string error;
    };
    std::vector<Item> items;
    std::vector<pid_t> live_users;     ///< servers and tools still attached when it ran
    std::uint64_t names_discarded = 0; ///< names that were queued (both modes)

    std::size_t removed_count() const noexcept;
    /// "removed /prodcons_shm (owner root), /prodcons_mutex (owner root); 2 queued names
    /// discarded; 1 live server was still attached"
    std::string summary() const;
};

CleanupReport cleanup(const ObjectNames& names);

} // namespace prodcons::ipc
