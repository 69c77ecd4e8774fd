// The text of `socket_srv --status`: the objects of a prefix, their state and their users,
// since ipcs only knows System V objects.
#pragma once

#include "ipc/object_names.h"
#include "ipc/snapshot.h"

#include <QString>

namespace prodcons::server {

QString statusReport(const ipc::ObjectNames& names, const ipc::Snapshot& snapshot);

} // namespace prodcons::server
