// ChaosRun: four producers and four consumers (socket_cl --reconnect, tagged names) on two
// servers of one mode, while server children are killed with SIGKILL at random and, once, a
// whole server with its children (then restarted on its port). At the end the producers stop,
// the buffer drains, the consumers stop, and the books are checked: every name a producer got
// an OK for must have been delivered at least once. Used by tst_acceptance_chaos (a few
// seconds per mode) and by prodcons_chaos (scripts/chaos.sh, as long as asked). Every third
// kill is aimed at a child holding the mutex (caught with SIGSTOP while recorded as the holder,
// then killed), so that recoveries of a mutex whose holder died happen in every run rather
// than by chance.
#pragma once

#include "delivery_ledger.h"
#include "ipc/config.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <chrono>
#include <functional>
#include <string>

namespace prodcons::acceptance {

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
    /// Called with a line for each thing that happens (optional).
    std::function<void(const QString&)> progress;
};

struct ChaosResult
{
    quint32 seed = 0;
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
    int stallsOverOneSecond = 0;
    std::chrono::milliseconds longestStill{0}; ///< longest time with no name moving at all
    std::chrono::milliseconds drainTime{0};
    std::chrono::milliseconds elapsed{0};
    /// What else went wrong (a wedge, a client that failed, objects left behind...).
    QStringList problems;

    bool passed() const { return lost == 0 && problems.isEmpty(); }
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
    ChaosOptions m_options;
    std::unique_ptr<State> m_state;
};

} // namespace prodcons::acceptance
