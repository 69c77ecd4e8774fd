// The producer's half of the protocol, without the socket: names out, replies in.
#pragma once

#include "line_buffer.h"
#include "line_sequence.h"
#include "name_reporter.h"
#include "name_source.h"
#include "pacer.h"
#include "pending_names.h"

#include <optional>

namespace prodcons::client {

/// Decides which names go out when (the pacer, the window of names awaiting OK, the limit),
/// formats them (tags), keeps them until answered, and takes the server's replies in bulk.
/// The session moves the bytes; this class never touches a socket, so it is tested on its own.
class ProducerFlow
{
public:
    static constexpr qsizetype kDefaultWindow = 1000;
    /// Lines of a LineSequence in flight, at most this many bytes (but always one line): with
    /// long lines a window of names would be a copy of a whole file of a few MB.
    static constexpr qsizetype kMaxLineBytesInFlight = 1024 * 1024;

    /// A name the server refused, and where it was in the order of sending.
    struct Rejection
    {
        qint64 index = 0;  ///< 0 for the first name sent (of a LineSequence: its line number - 1)
        QByteArray reason; ///< the server's text after "ERROR:"
    };

    explicit ProducerFlow(NameReporter& reporter);

    /// The endless names to send (cycled or shuffled); replaces any setLines().
    void setNames(NameSource names)
    {
        m_names = std::move(names);
        m_lines.reset();
    }
    /// Sends these lines instead: once each, in order, as they are (never tagged), then finishes
    /// once all are answered, as if stop() came after the last one.
    void setLines(LineSequence lines) { m_lines = std::move(lines); }
    /// Stop sending at the first name the server refuses: for lines that make sense only whole.
    /// The names already sent are still answered.
    void setStopOnRejection(bool enabled) { m_stopOnRejection = enabled; }
    /// A valid source tags every name `name#source-seq`; an empty one sends names as they are.
    void setTagSource(QByteArray source) { m_tagSource = std::move(source); }
    const QByteArray& tagSource() const { return m_tagSource; }
    /// Names sent and not yet answered, at most (≥ 1; 1 is strict line-by-line).
    void setWindow(qsizetype names) { m_window = std::max<qsizetype>(names, 1); }
    qsizetype window() const { return m_window; }
    /// Send this many names in all, then finish (0: no limit).
    void setLimit(qint64 names) { m_limit = names; }
    void setRate(Rate rate, Nanos now) { m_pacer.setRate(rate, now); }
    Rate rate() const { return m_pacer.rate(); }

    /// (Re)starts the schedule, on each new connection: the first name is due at once.
    void start(Nanos now) { m_pacer.start(now); }
    /// Sends no new name from now on; finished() once every pending name is answered.
    void stop() { m_stopped = true; }
    /// Undoes stop(), for a new connection.
    void resume() { m_stopped = false; }
    /// Forgets pending names and counters (the schedule, tag source and settings stay).
    void reset();

    /// Appends to the pending names those due now (as many as the window and the limit allow)
    /// and returns their bytes for the socket: a view, valid until the next call.
    QByteArrayView produceDue(Nanos now);
    /// After a reconnect: every name sent and not answered, as sent (same tags), counted as
    /// re-sent. A view, valid until the next call.
    QByteArrayView resendPending();

    struct Replies
    {
        qint64 answered = 0;      // OK or per-name ERROR
        QByteArray sessionError;  // "server busy", "invalid task ...": the session is over
        QByteArray protocolError; // not a reply at all; the session is over
    };
    /// Takes every complete reply line in `in`.
    Replies takeReplies(LineBuffer& in, Nanos now);

    bool windowFull() const { return m_pending.count() >= m_window; }
    /// Not stopped, the limit not reached, and lines left (when sending a LineSequence).
    bool wantsMore() const
    {
        return !m_stopped && (m_limit == 0 || m_sent < m_limit) && (!m_lines || !m_lines->atEnd());
    }
    /// Nothing more to send and nothing pending.
    bool isFinished() const { return !wantsMore() && m_pending.isEmpty(); }
    /// When to call produceDue() next; nullopt when only a reply can let more names out
    /// (window full, unthrottled, or nothing more to send).
    std::optional<Nanos> nextDueTime() const;

    qint64 sent() const { return m_sent; }
    qint64 acknowledged() const { return m_acknowledged; }
    qint64 errors() const { return m_errors; }
    qint64 resent() const { return m_resent; }
    qint64 pending() const { return m_pending.count(); }
    /// The reason of the last per-name ERROR, without "ERROR:".
    const QByteArray& lastError() const { return m_lastError; }
    /// The first name the server refused since the last reset(), if any.
    const std::optional<Rejection>& firstRejection() const { return m_firstRejection; }

private:
    void acknowledge(qint64 count, Nanos now);
    /// How many names may go now, at most `room`: fewer when lines would overfill the bytes in
    /// flight.
    qint64 fitInFlight(qint64 room) const;

    NameReporter& m_reporter;
    NameSource m_names;
    std::optional<LineSequence> m_lines;
    std::optional<Rejection> m_firstRejection;
    Pacer m_pacer;
    PendingNames m_pending;
    QByteArray m_tagSource;
    QByteArray m_line; // scratch for formatting one tagged name
    QByteArray m_lastError;
    qsizetype m_window = kDefaultWindow;
    qint64 m_limit = 0;
    qint64 m_sent = 0;
    qint64 m_acknowledged = 0;
    qint64 m_errors = 0;
    qint64 m_resent = 0;
    bool m_stopped = false;
    bool m_stopOnRejection = false;
};

/// The text after "ERROR:" (trimmed), or nullopt if `line` is not an error line.
std::optional<QByteArray> serverErrorText(QByteArrayView line);

} // namespace prodcons::client
