// Where a NameSession stands, in words a window can show.
#pragma once

#include <QString>

namespace prodcons::client {

enum class SessionState
{
    Disconnected, // not connected: before the first connect, or closed by the user
    Connecting,   // TCP connection under way
    AwaitingTask, // connected, waiting for the server's "Task?"
    ChoosingRole, // "Task?" came and no role was given: answerTask() is awaited
    Producing,    // connected as producer, names flowing
    HeldBack,     // connected as producer, the server has not answered for a while (buffer full)
    Consuming,    // connected as consumer
    Finished,     // did what was asked (limit reached, or stopped and drained) and closed
    ServerGone,   // the server closed the connection or it broke
    Refused,      // nobody listens at host:port
    ServerError,  // the server sent "ERROR: ..." in place of "Task?" or for the session
    Failed,       // anything else: host not found, timeout, protocol violation
};

/// A short human description, e.g. "connected as producer", "server gone".
QString describe(SessionState state);
/// Producing, HeldBack or Consuming.
bool isActive(SessionState state);
/// ServerGone, Refused, ServerError or Failed.
bool isFailure(SessionState state);

} // namespace prodcons::client
