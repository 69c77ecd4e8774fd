// What a server window shows of a prefix's objects while its own server is not running: the
// objects as ipc::inspect reads them (other servers may be using them), or why it cannot.
#pragma once

#include "ipc/snapshot.h"

#include <QString>
#include <optional>

namespace prodcons::server {

struct ObjectsInspection
{
    enum class Outcome
    {
        Read,          ///< `snapshot` holds what is there (possibly nothing)
        InvalidPrefix, ///< the prefix cannot name IPC objects
        Unreadable     ///< the objects exist but cannot be read; `error` says why
    };
    Outcome outcome = Outcome::Read;
    std::optional<ipc::Snapshot> snapshot;
    QString error;
};

/// Reads the objects of `prefix` without changing anything.
ObjectsInspection inspectObjects(const QString& prefix);

} // namespace prodcons::server
