// Attachment: one process's membership of the objects of a prefix in one mode, and their
// life cycle. Parent only: a server attaches once, then forks children that join as
// Endpoints through it.
//
// - attach(): the first process creates and initialises everything (under an exclusive
//   life-cycle lock, so two processes starting at once cannot both initialise); later ones
//   attach and validate the layout. If the objects exist but no live process uses them (a
//   crash), they are re-initialised: semaphores and participant table are rebuilt, and the
//   names that were queued are kept.
// - detach(): the last live user of the mode removes that mode's objects (and says how many
//   queued names go with them); the last live user of all removes the rest. Anyone else
//   removes nothing.
// - The destructor only closes and unmaps: a process that exits without detach() is treated as
//   crashed, which the next attach() handles.
#pragma once

#include "ipc/config.h"
#include "ipc/control.h"
#include "ipc/error.h"
#include "ipc/object_names.h"
#include "ipc/snapshot.h"
#include "ipc/teaching.h"
#include "ipc/wait_options.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace prodcons::ipc {

/// One thing attach() or detach() did. `kind` says what it was, so that a reader (a log's
/// colours, a test) never has to parse `text`, which says it in English for tools without Qt.
struct LifecycleEvent
{
    enum class Kind
    {
        Created,        ///< `object` was made
        Replaced,       ///< `object` was stale with another layout and was made afresh
        FoundStale,     ///< `object` was left by a crash; `count` queued names were kept
        Attached,       ///< joined objects in use by `count` other servers
        FreedDead,      ///< `count` slots of dead processes were freed
        AlreadyRemoved, ///< a cleanup had removed the objects before this detach
        NamesDiscarded, ///< `count` queued names went with the mode's objects
        RemoveFailed,   ///< `object` could not be unlinked; `text` says why
        Removed,        ///< the objects named in `text` were unlinked
        LeftToOthers,   ///< other servers still use the objects: nothing removed
    };
    Kind kind;
    std::string text;
    std::string object;      ///< the object concerned, when there is one
    std::uint64_t count = 0; ///< names or processes, as `kind` says

    /// Something a person should look at: names kept from a crash or discarded, an object
    /// replaced or left behind.
    bool notable() const noexcept
    {
        return kind == Kind::Replaced || kind == Kind::FoundStale || kind == Kind::NamesDiscarded ||
               kind == Kind::RemoveFailed;
    }
};

struct AttachReport
{
    bool created = false;               ///< this process created the control object
    bool recovered = false;             ///< stale objects with no live user were re-initialised
    bool incompatible_replaced = false; ///< a stale object of another layout was replaced
    bool mode_objects_created = false;  ///< the mode's semaphores or queue were (re)made
    std::uint64_t names_kept = 0;       ///< names found in stale objects and kept
    std::uint32_t other_users = 0;      ///< live attachments found (any mode)
    /// Participant slots kept for this attachment's children: Config::reserve_participants,
    /// or fewer when the live servers of the prefix have reserved the rest.
    std::uint32_t participants_reserved = 0;
    std::uint32_t participants_reserved_by_others = 0; ///< by the other live servers
    std::uint32_t participants_reservable = 0;         ///< by all servers together
    std::vector<LifecycleEvent> events;                ///< in the order they happened
};

struct LeaveReport
{
    bool last_of_mode = false;
    bool last_of_all = false;
    std::uint64_t names_discarded = 0;
    std::vector<std::string> removed; ///< names of the objects unlinked
    std::vector<LifecycleEvent> events;
};

class Endpoint;
class Channel;

class Attachment
{
public:
    Attachment() noexcept;
    Attachment(Attachment&&) noexcept;
    Attachment& operator=(Attachment&&) noexcept;
    ~Attachment();

    static Result<Attachment> attach(const Config& config, Mode mode,
                                     AttachReport* report = nullptr);

    /// Leaves as described above. The attachment is closed afterwards, whatever the result.
    Result<LeaveReport> detach(Deadline deadline = Deadline::after(std::chrono::seconds(5)));

    bool attached() const noexcept;
    Mode mode() const noexcept;
    const ObjectNames& names() const noexcept;
    const Geometry& geometry() const noexcept;

    Snapshot snapshot(bool with_names = true) const;

    /// Frees the slots of participants that died (a server calls this when it reaps a
    /// child); the names they held become available to other consumers.
    Result<ReapResult> reap_dead(const WaitOptions& wait);

    /// true once a cleanup unlinked the control object this process still uses.
    bool objects_removed() const noexcept;

    // The teaching view (teaching.h): tempo, pause and single steps for every participant of
    // the prefix, and the steps they record while somebody watches. Parent only.

    TeachingState teaching_state() const noexcept;
    /// Every participant waits `tempo` before each step (at most kMaxTempoMs); zero: full speed,
    /// at once. The tempo ends when this attachment does.
    void set_tempo(std::chrono::milliseconds tempo) noexcept;
    /// Every participant stops before its next step until resumed or granted a step. The pause
    /// ends when this attachment does.
    void set_paused(bool paused) noexcept;
    /// While paused: one more step for the participant with `pid`, or (0) for the next one to
    /// come. Grants add up, each process's its own. false if no participant has that pid.
    bool grant_step(pid_t pid = 0) noexcept;
    /// The race mode (teaching.h, kRace) while at least one attachment asks for it: SHM
    /// participants skip the mutex. Refused on the default prefix (Errc::BadPrefix): a demo
    /// or a class's real buffer must never lose names by accident.
    Status set_race(bool race) noexcept;
    /// Participants record their steps while at least one attachment watches.
    void set_watching(bool watching) noexcept;
    /// The steps participant slot `slot` recorded after event number `after` (teaching.h's
    /// read_steps); none for a slot that does not exist.
    std::vector<StepEvent> steps(std::uint32_t slot, std::uint64_t after,
                                 std::uint64_t* lost = nullptr) const;

    /// The queue's descriptor, which a forked child must keep open (MQ mode; -1 in SHM mode).
    /// The control object's it may close: Endpoint::join opens its own, because the lock that
    /// proves a participant alive belongs to an open file description.
    int queue_fd() const noexcept;

    /// The inside (ipc/attachment_state.h): opaque outside the library.
    struct State;

private:
    friend class Endpoint;
    std::unique_ptr<State> m_state;
};

} // namespace prodcons::ipc
