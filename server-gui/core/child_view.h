// ChildView: one child as a window or a log shows it: the parent's record joined with what
// the child reports through its statistics.
#pragma once

#include "child_stats.h"
#include "session.h"

#include <QDateTime>
#include <QString>
#include <sys/types.h>

namespace prodcons::server {

struct ChildView
{
    pid_t pid = 0;
    QString peer; ///< "127.0.0.1:50312"
    QDateTime started;
    ChildRole role = ChildRole::None;
    ChildState state = ChildState::Handshake;
    quint64 names = 0; ///< stored (producer) or acknowledged (consumer)
    quint64 sent = 0;  ///< sent to a consumer
    quint32 refused = 0;
    QString lastName;

    // Once it has ended.
    bool ended = false;
    bool normalEnd = false; ///< exited 0: the client left, quit, or the server stopped it
    QString endText;        ///< "client closed the connection", "killed by SIGKILL", ...
    QDateTime endedAt;
};

/// "producer", "consumer" or "-".
QString roleText(ChildRole role);
/// "asked for its task", "running", "waiting: buffer full" (or empty), "ended".
QString stateText(ChildState state, ChildRole role);
/// How a child ended, from its wait status and the reason it reported.
QString describeEnd(int waitStatus, EndReason reported, const QString& detail, bool* normal);

} // namespace prodcons::server
