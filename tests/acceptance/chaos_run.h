// ChaosRun: four producers and four consumers (socket_cl --reconnect, tagged names) on two
// servers of one mode, under chaos in phases (ChaosPhases, all by default), then the books:
// every name a producer got an OK for must have been delivered at least once.
// - kill: server children killed with SIGKILL at random and, once, a whole server with its
//   children (then restarted on its port). Every third kill is aimed at a child holding the
//   mutex (caught with SIGSTOP while recorded as the holder, then killed), so that recoveries
//   of a mutex whose holder died happen in every run rather than by chance.
// - stop: a server child (every other time the mutex holder) stopped with SIGSTOP for 50 to
//   1500 ms, then SIGCONT; the stall after SIGCONT is measured.
// - pause-reset: consumers on raw sockets take a window of names without acknowledging them
//   and reset their connections while the producers run or are stopped; the time until their
//   names have been taken by the real consumers is measured (promised: within a second).
// - sessions: after the run, back-to-back 1-to-1 sessions checked for order (chaos_sessions.h).
// Used by tst_acceptance_chaos (a few seconds per mode) and by prodcons_chaos (scripts/chaos.sh,
// as long as asked).
#pragma once

#include "delivery_ledger.h"
#include "ipc/config.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace prodcons::acceptance {

/// Which parts of the chaos a run has (prodcons_chaos --phases).
struct ChaosPhases
{
    bool kill = true;       ///< SIGKILL of children (some holding the mutex), one whole server
    bool stop = true;       ///< SIGSTOP, then SIGCONT, of children (some holding the mutex)
    bool pauseReset = true; ///< consumers reset holding names, producers running or stopped
    bool sessions = true;   ///< back-to-back 1-to-1 sessions after the run, checked for order
    /// The teaching view's controls mixed in: steps recorded, slow motion, pauses with single
    /// steps (ipc/teaching.h).
    bool teach = true;

    /// "kill,stop,pause-reset,sessions,teach" (any of them, in any order) or "all"; nullopt for
    /// an unknown word.
    static std::optional<ChaosPhases> parse(const QString& text);
    QString toString() const;
};

struct ChaosOptions
{
    ipc::Mode mode = ipc::Mode::Shm;
    std::string prefix; ///< the IPC prefix of the run (required)
    std::chrono::milliseconds duration{4000};
    std::chrono::milliseconds killEvery{250}; ///< mean time between two kills of a child
    bool killWholeServer = true;              ///< once, half-way through
    QString rate = QStringLiteral("max");     ///< producers' --rate
    int producers = 4;
    int consumers = 4;
    quint32 seed = 0; ///< 0: from the clock
    ChaosPhases phases;
    /// Mean time between two stops (from half to one and a half times it); one child is
    /// stopped at a time, so stops come at most once per stop.
    std::chrono::milliseconds stopEvery{1000};
    std::chrono::milliseconds pauseResetEvery{2000}; ///< mean time between two rounds
    /// Rounds come at random times and last what the hand-back takes, so a short run may see
    /// few of them: those missing when the time is up run then, names still flowing.
    int minimumPauseResetRounds = 0;
    std::chrono::milliseconds teachEvery{700}; ///< mean time between two slow-downs or pauses
    int sessions = 100;                        ///< back-to-back sessions after the run
    qint64 sessionNames = 2000;                ///< names per session
    /// Called with a line for each thing that happens (optional).
    std::function<void(const QString&)> progress;
};

struct ChaosResult
{
    quint32 seed = 0;
    QString phases; ///< "kill,stop,pause-reset,sessions"
    // The books.
    qint64 acknowledged = 0; ///< names the producers got an OK for
    qint64 received = 0;     ///< names the consumers printed, duplicates included
    qint64 lost = 0;         ///< acknowledged and never delivered: must be 0
    qint64 duplicates = 0;   ///< delivered more than once (an OK lost in a kill): allowed
    qint64 beyond = 0;       ///< delivered, but the producer never saw the OK: allowed
    QList<DeliveryLedger::Check> perSource;
    // The chaos.
    int producerKills = 0;
    int consumerKills = 0;
    int serverKills = 0;
    int holderKills = 0; ///< of the kills above, children killed while holding the mutex
    quint32 mutexRecoveries = 0;
    quint32 participantsReaped = 0;
    // Progress after each kill: the time until names were both stored and taken again.
    std::chrono::milliseconds maxStallAfterKill{0};
    std::chrono::milliseconds maxStallAfterServerKill{0};
    int stallsOverOneSecond = 0;               ///< after kills and after SIGCONTs
    QStringList longStalls;                    ///< each of them: how long, after what
    std::chrono::milliseconds longestStill{0}; ///< longest time with no name moving at all
    // The stops: the time until names were both stored and taken again after the SIGCONT.
    int stops = 0;
    int holderStops = 0; ///< of them, children stopped while holding the mutex
    std::chrono::milliseconds longestStop{0};
    std::chrono::milliseconds maxStallAfterCont{0};
    // The pause-reset rounds: the time from the resets until every name the reset consumers
    // held had been taken by another consumer (nothing handed back left waiting).
    // The teach phase: slow-downs, pauses and the single steps granted during them.
    int teachSlowDowns = 0;
    int teachPauses = 0;
    int teachSteps = 0;
    int pauseResetRounds = 0;
    int pausedRounds = 0;             ///< of them, with the producers stopped
    qint64 resetHeld = 0;             ///< names the reset consumers held, never acknowledged
    qint64 resetHeldNotDelivered = 0; ///< of them, never delivered to a consumer: must be 0
    std::chrono::milliseconds maxHandBack{0};
    int handBacksOverOneSecond = 0;
    // The back-to-back sessions.
    int sessionsRun = 0;
    qint64 sessionNames = 0;
    int orderViolations = 0; ///< sessions not delivered exactly once and in order: must be 0
    std::chrono::milliseconds longestSession{0};
    std::chrono::milliseconds drainTime{0};
    std::chrono::milliseconds elapsed{0};
    /// What else went wrong (a wedge, a client that failed, objects left behind...).
    QStringList problems;

    bool passed() const
    {
        return lost == 0 && orderViolations == 0 && resetHeldNotDelivered == 0 &&
               problems.isEmpty();
    }
    /// "key: value" lines, for a log or docs/CHAOS.md.
    QString summary() const;
};

class ChaosRun : public QObject
{
    Q_OBJECT

public:
    explicit ChaosRun(ChaosOptions options, QObject* parent = nullptr);
    ~ChaosRun() override;

    /// Runs the whole thing (several seconds longer than options.duration) and returns the
    /// result. Runs the event loop meanwhile.
    ChaosResult run();

private:
    struct State;
    struct StopPhase;
    struct PauseResetPhase;
    struct TeachPhase;
    ChaosOptions m_options;
    std::unique_ptr<State> m_state;
};

} // namespace prodcons::acceptance
