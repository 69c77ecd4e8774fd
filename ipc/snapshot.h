// Snapshot: what an observer sees of one prefix's objects, for the server window, the status
// line and `socket_srv --status`. Read without the mutex (observers must never stall the
// buffer, nor wedge on a stuck mutex), so figures may be a few names apart. Parent only.
#pragma once

#include "ipc/config.h"
#include "ipc/error.h"
#include "ipc/layout.h"
#include "ipc/object_names.h"
#include "ipc/process_state.h"
#include "ipc/teaching.h"

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace prodcons::ipc {

struct ParticipantInfo
{
    std::uint32_t slot = 0;
    pid_t pid = 0;
    layout::Kind kind = layout::Kind::User;
    Mode mode = Mode::Shm;
    bool alive = false;
    bool orphaned = false;  ///< gone, its names wait for another consumer
    std::uint32_t held = 0; ///< names taken but not yet acknowledged by the client
    std::uint64_t names_moved = 0;
    std::uint32_t reserved = 0; ///< a server: participant slots kept for its clients
    /// Paused or slowed down before this step (teaching.h); Step::None while it runs.
    Step resting_before = Step::None;
};

/// The participant recorded as holding the mutex semaphore, and what its process is doing.
struct MutexHolder
{
    std::uint32_t slot = 0;
    pid_t pid = 0;
    layout::Kind kind = layout::Kind::User;
    Mode mode = Mode::Shm;
    bool alive = false; ///< its slot lock is held: the pid is still the participant's
    /// Read only for a live holder (a dead one's pid may belong to another process by now).
    ProcessState state = ProcessState::Gone;
    pid_t parent = 0; ///< its parent process, 0 when unknown
    /// The participant slot of the live server (Kind::User) that `parent` is, if it is one.
    std::optional<std::uint32_t> parent_server_slot;

    /// Stopped (SIGSTOP, Ctrl-Z, a debugger) while holding it: nobody may take the mutex from
    /// a live holder, so every flow of the prefix waits until it runs again.
    bool stopped() const noexcept { return alive && state == ProcessState::Stopped; }
};

struct Snapshot
{
    bool control_present = false;
    Geometry geometry;

    // SHM mode: the ring and the three semaphores (-1: the semaphore does not exist).
    bool shm_present = false;
    std::uint64_t ring_head = 0;
    std::uint64_t ring_tail = 0;
    std::uint32_t in = 0;    ///< next slot a producer fills (ring_tail % capacity)
    std::uint32_t out = 0;   ///< next slot a consumer empties (ring_head % capacity)
    std::uint32_t count = 0; ///< names in the ring
    int sem_mutex = -1;
    int sem_empty = -1;
    int sem_full = -1;
    /// One entry per slot: the name it holds, or empty for a free slot (with_names only).
    std::vector<std::string> ring;

    // MQ mode.
    bool mq_present = false;
    long mq_current = 0;
    long mq_capacity = 0;
    long mq_message_size = 0;

    std::uint32_t orphans[kModeCount] = {};
    std::vector<ParticipantInfo> participants; ///< every slot not Free
    std::uint32_t live_users[kModeCount] = {}; ///< attachments (servers, tools) per mode
    /// Participant slots the live servers keep for their clients, of those they may keep.
    std::uint32_t participants_reserved = 0;
    std::uint32_t participants_reservable = 0;
    std::uint64_t names_put[kModeCount] = {};
    std::uint64_t names_taken[kModeCount] = {};
    std::uint32_t mutex_recoveries = 0;
    std::uint32_t participants_reaped = 0;
    /// Tempo, pause and the race mode, as the teaching view set them (teaching.h).
    TeachingState teaching;

    /// Who holds the mutex, when the control block records a holder that is a participant
    /// slot in use. A value that names none gives no holder; one beyond the participant table
    /// is also listed in `corruption`.
    std::optional<MutexHolder> mutex_holder;
    /// Live participants other than the holder in the middle of taking the mutex: waiting
    /// for it, or just acquiring or releasing it (their slots say "in doubt").
    std::uint32_t mutex_waiters = 0;
    bool holder_stopped() const noexcept { return mutex_holder && mutex_holder->stopped(); }

    /// What is wrong in the control block: values no sound process writes (an index or a count
    /// beyond what the layout holds, an unknown state). Empty when it looks sound. The figures
    /// above are then bounded, not true; `socket_srv --cleanup` removes such a set.
    std::vector<std::string> corruption;
    bool corrupted() const noexcept { return !corruption.empty(); }

    /// Names waiting in `mode`: in the ring or queue, plus those handed back by consumers.
    std::uint64_t queued(Mode mode) const noexcept;
    std::vector<pid_t> live_user_pids(Mode mode) const;
    std::vector<pid_t> live_user_pids() const;
};

/// Looks at the objects of a prefix without attaching, creating or changing anything.
/// control_present is false when there is no control object.
Result<Snapshot> inspect(const ObjectNames& names);

} // namespace prodcons::ipc
