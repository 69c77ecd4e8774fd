// The last names that moved, with time stamps, for a window to show.
#pragma once

#include "name_event.h"
#include "protocol_limits.h"

#include <QByteArray>
#include <QList>
#include <array>
#include <vector>

namespace prodcons::client {

/// One name in the log, as handed to a reader.
struct LoggedName
{
    quint64 serial = 0;         // 1, 2, 3, ... in the order logged
    qint64 msecsSinceEpoch = 0; // wall-clock time stamp
    NameEvent event = NameEvent::Sent;
    QByteArray name;
};

/// A ring of the last `capacity` names. Adding copies into fixed slots, so it never allocates;
/// readers pull what is new since the serial they last saw, as often as they redraw.
class NameLog
{
public:
    explicit NameLog(qsizetype capacity = 200);

    /// The log is for showing names, not for keeping them: of a longer name it keeps the first
    /// kShownBytes bytes (cut before a UTF-8 character, never inside it), so that its slots stay
    /// small and fixed. A name's full bytes go to the session's NameObserver, never cut.
    static constexpr qsizetype kShownBytes = kDefaultSlotNameBytes;

    void add(NameEvent event, QByteArrayView name, qint64 msecsSinceEpoch);
    /// The entries with a serial above `serial`, oldest first (at most capacity()).
    QList<LoggedName> since(quint64 serial) const;
    /// Serial of the newest entry (0 when empty).
    quint64 lastSerial() const { return m_nextSerial - 1; }
    qsizetype capacity() const { return static_cast<qsizetype>(m_slots.size()); }
    /// Forgets the entries; serials go on counting, so readers need not reset theirs.
    void clear();

private:
    struct Slot
    {
        qint64 msecsSinceEpoch = 0;
        NameEvent event = NameEvent::Sent;
        quint8 length = 0;
        std::array<char, kShownBytes> bytes{};
    };

    std::vector<Slot> m_slots;
    quint64 m_nextSerial = 1;
    quint64 m_firstKept = 1; // clear() forgets the entries before this serial
};

} // namespace prodcons::client
