// The live figures of a session, as one snapshot a window can pull.
#pragma once

#include <QtGlobal>

namespace prodcons::client {

struct SessionFigures
{
    // Producer
    qint64 sent = 0;         // distinct names written (re-sends after a reconnect not counted)
    qint64 acknowledged = 0; // answered OK: stored by the server
    qint64 errors = 0;       // answered "ERROR: ..." (the session goes on)
    qint64 resent = 0;       // names written again after a reconnect
    qint64 pending = 0;      // sent, not answered yet (≤ the window)
    // Consumer
    qint64 received = 0;   // names taken (each answered OK)
    qint64 gaps = 0;       // tagged names: seqs missing below the highest seen, all sources
    qint64 duplicates = 0; // tagged names seen more than once, all sources
    // Both
    double rate = 0;     // names per second over the last seconds: acknowledged or received
    int connections = 0; // connections that got as far as the role
};

} // namespace prodcons::client
