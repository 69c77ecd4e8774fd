// The consumer's half of the protocol, without the socket: names in, OKs out.
#pragma once

#include "line_buffer.h"
#include "name_reporter.h"
#include "tag_tracker.h"

namespace prodcons::client {

/// Takes the names the server sends, all that have arrived at once, and writes one OK per name
/// into a single reply buffer (one socket write per read, not per name). With tracking on, it
/// parses each name's tag into the TagTracker. Stops taking names at the limit.
class ConsumerFlow
{
public:
    explicit ConsumerFlow(NameReporter& reporter) : m_reporter(reporter) {}

    /// Parse tags and track loss and duplicates.
    void setTracking(bool enabled) { m_tracking = enabled; }
    /// Take this many names in all, then stop (0: no limit).
    void setLimit(qint64 names) { m_limit = names; }

    struct Names
    {
        qint64 taken = 0;
        QByteArray serverError;   // an "ERROR: ..." line came: the session is over
        QByteArray protocolError; // a line too long
    };
    /// Takes the complete lines in `in`; appends "OK\n" per name taken to `replies`.
    Names takeNames(LineBuffer& in, QByteArray& replies, Nanos now);

    bool limitReached() const { return m_limit > 0 && m_received >= m_limit; }
    qint64 received() const { return m_received; }
    const TagTracker& tracker() const { return m_tracker; }
    void clear();

private:
    NameReporter& m_reporter;
    TagTracker m_tracker;
    qint64 m_limit = 0;
    qint64 m_received = 0;
    bool m_tracking = false;
};

} // namespace prodcons::client
