// ChromeTrace: the steps the participants took (StepWatcher's lanes), kept to be written as a
// Chrome trace event document, which Perfetto (ui.perfetto.dev) and chrome://tracing open.
// Used by `socket_srv --trace FILE.json` and by the server window's "Save trace...".
//
// The document: {"traceEvents":[...],"displayTimeUnit":"ms","otherData":{...}}.
// - One track per participant process: pid and tid are the child's pid, named by
//   process_name / thread_name metadata events ("producer 1234 (SHM)").
// - Each step is a complete event ("ph":"X"): name = ipc::step_name, cat = what the step does
//   (ipc::StepState: "waiting for buffer", "waiting for mutex", "critical section",
//   "signalling", "socket"), ts = when it began, dur = until the participant's next step;
//   its last step lasts until the participant was seen gone, or until the latest add().
//   Times are microseconds since the first step kept. args: the slot (Write, Read), the new
//   `in` / `out` (AdvanceIn, AdvanceOut), the name moved (its start, as the ring keeps it),
//   the step's number, and how many steps the ring lost just before it.
// - otherData says how many steps were kept, dropped over the bound, and lost in the rings.
//
// Memory is bounded: at most `maxEvents` steps are kept (the first ones); later ones are only
// counted. Qt Core only.
#pragma once

#include "step_watcher.h"

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

class QIODevice;

namespace prodcons::server {

class ChromeTrace
{
public:
    /// About 100 MB of memory and a 250 MB file: hours of a slow classroom buffer, seconds of
    /// a fast one.
    static constexpr std::size_t kDefaultMaxEvents = 1'000'000;

    explicit ChromeTrace(std::size_t maxEvents = kDefaultMaxEvents);

    /// Takes each lane's `fresh` steps (call it on StepWatcher::updated()), as seen now
    /// (CLOCK_MONOTONIC, the clock of the steps). Steps already taken are skipped, so calling
    /// it twice for one poll does no harm.
    void add(const std::vector<StepLane>& lanes);
    /// The same, as seen at `seenAtNs` (CLOCK_MONOTONIC nanoseconds): participants still present
    /// were at their latest step until then.
    void add(const std::vector<StepLane>& lanes, std::uint64_t seenAtNs);

    /// The Chrome trace event document (UTF-8 JSON).
    QByteArray toJson() const;
    /// Writes toJson() to `path` atomically (QSaveFile): the file is complete or untouched.
    /// On failure returns false with the reason in `*error` (if given).
    bool save(const QString& path, QString* error = nullptr) const;

    /// Steps kept (one complete event each).
    std::size_t eventCount() const { return m_kept; }
    /// Participant processes seen (one track each).
    std::size_t trackCount() const { return m_tracks.size(); }
    /// Steps not kept because `maxEvents` were already kept.
    std::uint64_t dropped() const { return m_dropped; }
    /// Steps the participants' rings overwrote before they were read (StepLane::lost).
    std::uint64_t lostInRings() const;
    void clear();

private:
    struct Recorded
    {
        std::uint64_t timeNs = 0;
        std::uint64_t number = 0;
        std::uint64_t lostBefore = 0; ///< ring events missed between the previous one and this
        std::uint32_t detail = 0;
        std::uint32_t nameSize = 0;
        ipc::Step step = ipc::Step::None;
        std::string name;
    };

    struct Track
    {
        std::uint32_t slot = 0;
        pid_t pid = 0;
        ipc::layout::Kind kind = ipc::layout::Kind::Producer;
        ipc::Mode mode = ipc::Mode::Shm;
        std::vector<Recorded> steps;
        std::optional<std::uint64_t> lastNumber; ///< of the latest step seen, kept or not
        std::uint64_t lost = 0;                  ///< the lane's count of ring losses
        /// When the last kept step ended, once known: the first step dropped after it, or the
        /// time the participant was seen gone.
        std::optional<std::uint64_t> endNs;
    };

    Track& trackOf(const StepLane& lane);
    void write(QIODevice& out) const;

    std::size_t m_maxEvents;
    std::vector<Track> m_tracks;
    std::size_t m_kept = 0;
    std::uint64_t m_dropped = 0;
    std::uint64_t m_seenUntilNs = 0;
};

} // namespace prodcons::server
