// Back-to-back 1-to-1 sessions: one tagged producer (socket_cl --count N) on one server and one
// consumer (--count N) on another, run to completion and closed, then the next pair at once.
// Each consumer must get its own session's names exactly once and in order: the server child
// of the previous session's consumer may still be winding down when the next names arrive, and
// it must take none of them. Part of the chaos run (ChaosPhases::sessions).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <chrono>
#include <functional>

namespace prodcons::acceptance {

/// What one session's consumer got, against what it should have: names 0..expected-1 of
/// `source`, each once, in order.
struct SessionOrder
{
    qint64 expected = 0;
    qint64 received = 0;   ///< names printed
    qint64 foreign = 0;    ///< names of another source (another session's) or untagged
    qint64 duplicates = 0; ///< own names printed again
    qint64 outOfOrder = 0; ///< own names printed after a later one of the same source
    qint64 missing = 0;    ///< own names 0..expected-1 never printed
    QByteArray firstWrong; ///< the first name out of place, for the report

    bool inOrder() const
    {
        return foreign == 0 && duplicates == 0 && outOfOrder == 0 && missing == 0 &&
               received == expected;
    }
    QString describe() const;
};

/// Checks the names a session's consumer printed (the names themselves, "Ada#s3-0", in the
/// order it printed them).
SessionOrder checkSessionOrder(const QByteArray& source, qint64 expected,
                               const QList<QByteArray>& names);

struct SessionsOptions
{
    quint16 producerPort = 0; ///< server A
    quint16 consumerPort = 0; ///< server B
    int sessions = 20;
    qint64 names = 2000; ///< per session
    std::function<void(const QString&)> progress;
};

struct SessionsResult
{
    int run = 0;             ///< sessions that ran to the end
    int orderViolations = 0; ///< sessions whose consumer did not get exactly its names in order
    std::chrono::milliseconds longest{0}; ///< the slowest session
    QStringList problems;                 ///< violations (the first few) and clients that failed
};

/// Runs the sessions one after the other; stops early after a few failed ones (names left in
/// the buffer by one would spoil every later one).
SessionsResult runBackToBackSessions(const SessionsOptions& options);

} // namespace prodcons::acceptance
