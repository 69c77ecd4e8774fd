// What the window says about the connection: a headline, a detail line and a tone.
#pragma once

#include "role.h"
#include "session_state.h"

#include <QCoreApplication>
#include <QString>
#include <optional>

namespace prodcons::client {

class NameSession;

/// How the status is shown: the colour of the state badge.
enum class StatusTone
{
    Idle,    // disconnected, finished
    Busy,    // connecting, waiting for Task?
    Good,    // names flowing
    Warning, // held back: the server's buffer is full
    Error    // refused, server gone, ERROR from the server, failed
};

/// The status of a session in words. Built from the session's state alone, so it can be
/// checked without a window.
struct SessionStatus
{
    Q_DECLARE_TR_FUNCTIONS(SessionStatus)

public:
    QString headline; // "Connected as producer", "Server gone", ...
    QString detail;   // host:port, the reason, what to do
    StatusTone tone = StatusTone::Idle;

    static SessionStatus of(const NameSession& session);
    /// The same from its parts (the session's state, reason, role, where it connects, and the
    /// last per-name rejection with how many there were).
    static SessionStatus of(SessionState state, const QString& reason, std::optional<Role> role,
                            const QString& endpoint, qint64 rejected, const QString& lastRejection);
};

} // namespace prodcons::client
