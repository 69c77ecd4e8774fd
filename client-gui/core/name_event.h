// What happened to a name, and the hook that is told about every single one.
#pragma once

#include <QByteArrayView>
#include <functional>

namespace prodcons::client {

enum class NameEvent
{
    Sent,         // producer wrote it to the server
    Acknowledged, // the server answered OK: stored
    Rejected,     // the server answered ERROR for this name
    Received,     // consumer got it (and answers OK)
};

/// Called once per name, synchronously, from the session's thread. Meant for the terminal client
/// (one printed line per name); a window pulls the bounded NameLog instead. Keep it cheap.
using NameObserver = std::function<void(NameEvent event, QByteArrayView name)>;

} // namespace prodcons::client
