// StepCodeModel: what the teaching part's code view shows. The producer's and the consumer's
// loop (CodeListing) for the server's mode, and a marker per child of the prefix (whichever
// server forked it) on the line of the step it is at, with the name it moves and its state in
// words. Fed with the StepWatcher's lanes and the shared teaching state; knows no widget.
#pragma once

#include "code_listing.h"
#include "step_watcher.h"

#include <QObject>
#include <QString>
#include <map>
#include <vector>

namespace prodcons::server {

struct CodeMarker
{
    pid_t pid = 0;
    ipc::layout::Kind kind = ipc::layout::Kind::Producer;
    int line = CodeListing::kLoopLine; ///< in the listing of `kind`
    ipc::Step step = ipc::Step::None;  ///< the step it is at (None: none recorded yet)
    QString name;                      ///< the name it moves in this round, if known yet
    QString state;                     ///< "waiting for empty", "holds the mutex", ...
    bool present = true;               ///< false: it has left; shown where it stopped

    bool operator==(const CodeMarker&) const = default;
};

class StepCodeModel : public QObject
{
    Q_OBJECT

public:
    explicit StepCodeModel(QObject* parent = nullptr);

    /// The loops of `mode`; markers of the other mode's children are not shown.
    void setMode(ipc::Mode mode);
    ipc::Mode mode() const { return m_mode; }

    /// Takes what the watcher has read (its fresh steps give the names) and whether the
    /// prefix is paused.
    void update(const std::vector<StepLane>& lanes, const ipc::TeachingState& state);
    /// No child to show (the server stopped).
    void clear();

    const CodeListing& producer() const { return m_producer; }
    const CodeListing& consumer() const { return m_consumer; }
    const CodeListing& listingOf(ipc::layout::Kind kind) const;

    /// Producers first, then consumers, each by pid; children that left after those present.
    const std::vector<CodeMarker>& markers() const { return m_markers; }
    const CodeMarker* markerOf(pid_t pid) const;

    /// "1234 producer: waiting for empty, paused, moving Alice": one marker in words.
    static QString describe(const CodeMarker& marker);
    /// The same without the pid, for where the pid is shown beside it.
    static QString describeState(const CodeMarker& marker);
    /// "waiting for empty", ... for a child at `step` (kind: whose loop).
    static QString stateText(ipc::Step step, ipc::layout::Kind kind);
    /// What a child resting before step `next` (paused, or slowed down) is in: its latest step
    /// is over.
    static QString restingText(ipc::Step next, bool paused);

signals:
    void changed();

private:
    /// The name a child moves in the round it is in: remembered from the step that carried
    /// it, forgotten when a new round begins.
    void followNames(const StepLane& lane);

    ipc::Mode m_mode = ipc::Mode::Shm;
    CodeListing m_producer;
    CodeListing m_consumer;
    std::vector<CodeMarker> m_markers;
    std::map<pid_t, QString> m_names;
};

} // namespace prodcons::server
