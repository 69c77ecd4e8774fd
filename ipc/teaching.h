// The teaching view's side of the buffer: every participant records the steps of the classic
// algorithm it takes (wait empty, wait mutex, write slot `in`, ...) into a small event ring of
// its own in shared memory, and obeys a tempo, a pause and single steps that any server of the
// prefix may set in the control block. Observers (the server window, socket_srv --trace) read
// the rings; a dead participant's ring stays readable until its slot is reused.
//
// Cost when nobody watches and nothing is slowed: one relaxed load per step (Control::step).
// Recording is a clock read and a few relaxed stores into the participant's own ring: no
// system call, no lock, no allocation. Child-safe, except where marked "parent only".
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace prodcons::ipc {

/// A step of the algorithm. The event of a step is recorded just before the step is taken, so
/// a participant "is at" the step of its latest event until it records the next one.
enum class Step : std::uint16_t
{
    None = 0,
    // The classic bounded buffer (SHM). A producer: WaitEmpty, WaitMutex, Write, AdvanceIn,
    // PostMutex, PostFull. A consumer: WaitFull, WaitMutex, Read, AdvanceOut, PostMutex,
    // PostEmpty.
    WaitEmpty = 1,  ///< sem_wait(empty): waiting for a free slot
    WaitFull = 2,   ///< sem_wait(full): waiting for a name
    WaitMutex = 3,  ///< sem_wait(mutex)
    Write = 4,      ///< buffer[in] = name (detail: the slot `in`)
    Read = 5,       ///< name = buffer[out] (detail: the slot `out`)
    AdvanceIn = 6,  ///< in = (in + 1) % N (detail: the new `in`)
    AdvanceOut = 7, ///< out = (out + 1) % N (detail: the new `out`)
    PostMutex = 8,  ///< sem_post(mutex)
    PostFull = 9,   ///< sem_post(full)
    PostEmpty = 10, ///< sem_post(empty)
    // The message queue (MQ): the kernel does the waiting and the locking.
    Send = 11,    ///< mq_send(name): waits while the queue is full
    Receive = 12, ///< mq_receive: waits while the queue is empty
    // A server child and its client.
    ReadClient = 13,  ///< waiting for the client's lines (names, or OKs)
    WriteClient = 14, ///< sending to the client (OKs, or names)
};
inline constexpr std::uint16_t kStepCount = 15;

/// "WaitEmpty", ...: stable words for traces and logs.
const char* step_name(Step step) noexcept;

/// What a participant is doing while it is at `step`, for timelines and colours.
enum class StepState : std::uint8_t
{
    Idle,             ///< nothing recorded yet
    WaitingForBuffer, ///< for a slot or a name (semaphore or queue)
    WaitingForMutex,
    InCriticalSection,
    Signalling, ///< posting full / empty after the critical section
    OnSocket,   ///< talking to its client
};
StepState state_of(Step step) noexcept;

/// Shared-memory records: part of the control object's layout (layout.h).
namespace layout {

inline constexpr std::uint32_t kTraceEvents = 64;    ///< events kept per participant
inline constexpr std::uint32_t kTraceNameBytes = 24; ///< the start of the name a step moved

struct TraceEvent
{
    /// Event number + 1 once written; 0 while it is being written (a reader then skips it).
    std::atomic<std::uint64_t> sequence;
    std::atomic<std::uint64_t> time_ns;   ///< CLOCK_MONOTONIC
    std::atomic<std::uint16_t> step;      ///< Step
    std::atomic<std::uint16_t> name_size; ///< the whole name's length (the start is below)
    std::atomic<std::uint32_t> detail;    ///< a slot index, when the step has one
    char name[kTraceNameBytes];
};

struct alignas(64) TraceRing
{
    std::atomic<std::uint64_t> next; ///< number of the next event; only its owner writes
    TraceEvent events[kTraceEvents];
};

/// Bits of Teaching::flags: what Control::step must do beyond returning.
enum TeachingFlag : std::uint32_t
{
    kTrace = 1u, ///< somebody watches: record steps
    kTempo = 2u, ///< wait Teaching::tempo_ms before each step
    kPause = 4u, ///< wait before each step until resumed or granted a single step
    /// The race, on purpose: SHM participants skip the mutex, so that a class sees names
    /// overwritten, lost and doubled. Never on the default prefix (Attachment::set_race).
    kRace = 8u,
};

struct alignas(64) Teaching
{
    std::atomic<std::uint32_t> flags; ///< TeachingFlag bits; the one load of the fast path
    std::atomic<std::uint32_t> tempo_ms;
    /// Single steps granted while paused to whichever participant comes first, each taken by
    /// one (steps granted to one process are counted in its slot).
    std::atomic<std::uint32_t> step_grants;
    std::atomic<std::uint32_t> watchers; ///< slots with `watching` set
    /// slot + 1 of the attachment that set the tempo, and of the one that paused (0: none).
    /// When one dies, what it set ends: participants waiting on it notice (teaching_gate()).
    std::atomic<std::uint32_t> tempo_owner;
    std::atomic<std::uint32_t> pause_owner;
    std::atomic<std::uint64_t> steps_granted; ///< Step presses so far, for observers
    std::atomic<std::uint32_t> racers;        ///< attachments with `racing` set: kRace while > 0
};

} // namespace layout

/// One recorded step, as an observer reads it. Parent only.
struct StepEvent
{
    std::uint64_t number = 0; ///< this participant's event count, from 0
    std::uint64_t time_ns = 0;
    Step step = Step::None;
    std::uint32_t detail = 0;
    std::uint32_t name_size = 0; ///< the whole name's length; `name` is its start
    std::string name;
};

/// The steps of one participant newer than event number `after` (use 0 the first time and
/// then the last number read + 1), oldest first. `lost` (optional) says how many of them were
/// overwritten before they could be read. Parent only.
std::vector<StepEvent> read_steps(const layout::TraceRing& ring, std::uint64_t after,
                                  std::uint64_t* lost = nullptr);

/// The participant's latest step, if it recorded one. Child-safe.
bool latest_step(const layout::TraceRing& ring, StepEvent& out) noexcept;

/// The tempo, pause and step state as an observer sees it.
struct TeachingState
{
    bool tracing = false;
    std::uint32_t tempo_ms = 0;
    bool paused = false;
    std::uint32_t watchers = 0;
    std::uint64_t steps_granted = 0;
    bool race = false; ///< the mutex is skipped on purpose (kRace)
};

/// The tempo, pause and step state recorded in a control block, as an observer sees it.
TeachingState read_teaching_state(const layout::Teaching& teaching) noexcept;

/// Whether the race mode may be used on `prefix`: never on the default one, so that a demo or
/// a class's real buffer never loses names by accident.
bool race_allowed(std::string_view prefix) noexcept;

/// The longest tempo: a student follows one step every 2 s.
inline constexpr std::uint32_t kMaxTempoMs = 2000;

} // namespace prodcons::ipc
