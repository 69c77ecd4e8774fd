// Whether the host a client window connects to is this machine: Cleanup acts on this machine's
// objects only, and the window says so when its server is elsewhere.
#pragma once

#include <QString>

namespace prodcons::client {

/// localhost, a loopback address, this machine's host name or one of its addresses (an empty
/// host counts as this machine). No name lookup: it must not block the window.
bool isLocalHost(const QString& host);

} // namespace prodcons::client
