// ServerEvent: one thing the server core reports (a client connected, a child ended, objects
// created or removed...). The kind, the severity and the figures are data, so that the window's
// colours, the terminal's marks and the tests never depend on the wording of `text`, which is
// what a person reads (already translated).
#pragma once

#include "ipc/attachment.h"

#include <QMetaType>
#include <QString>
#include <sys/types.h>

namespace prodcons::server {

enum class Severity
{
    Info,
    Warning,
    Error
};

struct ServerEvent
{
    enum class Kind
    {
        Lifecycle,       ///< attaching to or leaving the shared objects: see `lifecycle`
        BrokerCheck,     ///< the server listens, and checks the broker before it serves
        StartFailed,     ///< the server could not start (port, objects)
        Listening,       ///< the server listens; `count` is the port
        LimitLowered,    ///< fewer clients at once than asked: `count` is the limit
        ClientConnected, ///< `pid` serves a new client
        ClientRefused,   ///< a connection was turned away (busy, out of resources)
        RoleChosen,      ///< `pid`'s client said producer or consumer
        NoPidfd,         ///< `pid` is looked at by a timer instead of a pidfd
        ChildEnded,      ///< `pid` ended; `count` is the names it moved
        NamesHandedBack, ///< `count` names a child held are back in the buffer
        NamesDropped,    ///< `pid` dropped `count` names another process wrote
        DeadFreed,       ///< `count` slots of dead processes were freed
        ObjectsRemoved,  ///< a cleanup removed the objects under the running server
        ChildKilled,     ///< `pid` did not stop in time and was killed
        Stopping,        ///< `count` children are asked to end
        Stopped,         ///< the server has stopped
        LeaveFailed,     ///< leaving the shared objects failed
        StallBegan,      ///< nothing moves while `pid` holds the mutex stopped
        StallEnded,      ///< `pid` no longer holds the mutex stopped
        RaceMode,        ///< the children skip the mutex on purpose (teaching)
    };

    Kind kind = Kind::Lifecycle;
    Severity severity = Severity::Info;
    QString text;
    /// The ipc step, for Kind::Lifecycle.
    ipc::LifecycleEvent::Kind lifecycle = ipc::LifecycleEvent::Kind::Created;
    quint64 count = 0; ///< names, slots, children or a port, as `kind` says
    pid_t pid = 0;     ///< the child concerned, if any
};

} // namespace prodcons::server

Q_DECLARE_METATYPE(prodcons::server::Severity)
Q_DECLARE_METATYPE(prodcons::server::ServerEvent)
