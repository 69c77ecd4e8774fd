#include "producer_flow.h"

#include "name_tag.h"

namespace prodcons::client {

namespace {

// Errors that end a session rather than reject one name. A server that rejects the role closes
// the connection, but our names may already be on their way, so the reply can arrive where an
// OK for a name was expected.
bool endsSession(QByteArrayView reason)
{
    // "server cannot use the shared buffer": its child lost the buffer (a broker restarting,
    // objects removed) in the middle of our names; the ones without an OK are to send again.
    return reason.startsWith("server busy") || reason.startsWith("invalid task") ||
           reason.startsWith("server cannot use the shared buffer");
}

} // namespace

std::optional<QByteArray> serverErrorText(QByteArrayView line)
{
    if (!line.startsWith("ERROR:"))
        return std::nullopt;
    return line.sliced(6).trimmed().toByteArray();
}

ProducerFlow::ProducerFlow(NameReporter& reporter) : m_reporter(reporter)
{
    m_line.reserve(NameTag::kMaxTaggedBytes + 1);
}

QByteArrayView ProducerFlow::produceDue(Nanos now)
{
    if (!wantsMore() || windowFull())
        return {};
    qint64 room = m_window - m_pending.count();
    // Unthrottled, a refill of a few names per reply batch would turn into a ping-pong of tiny
    // writes and reads on both sides; waiting until a quarter of the window is free keeps the
    // batches large (with three quarters still in flight, the server never runs dry).
    if (m_pacer.rate().isUnthrottled() && !m_pending.isEmpty() && room < m_window / 4)
        return {};
    if (m_limit > 0)
        room = std::min(room, m_limit - m_sent);
    room = fitInFlight(room);
    const qint64 count = m_pacer.take(now, room);
    const qsizetype bytesBefore = m_pending.bytes();
    for (qint64 i = 0; i < count; ++i) {
        if (m_lines) {
            m_pending.append(m_lines->next());
            continue;
        }
        const QByteArrayView name = m_names.next();
        if (m_tagSource.isEmpty()) {
            m_pending.append(name);
        } else {
            m_line.resize(0); // keeps the capacity (clear() would free it)
            NameTag::append(m_line, name, m_tagSource, static_cast<quint64>(m_sent + i));
            m_pending.append(m_line);
        }
    }
    m_sent += count;
    const QByteArrayView written = m_pending.newestBytes(m_pending.bytes() - bytesBefore);
    m_reporter.reportLines(NameEvent::Sent, written, count, now);
    return written;
}

qint64 ProducerFlow::fitInFlight(qint64 room) const
{
    if (!m_lines)
        return room; // names: the window bounds them well enough
    const qsizetype budget = std::max<qsizetype>(kMaxLineBytesInFlight - m_pending.bytes(), 0);
    if (budget == 0 && !m_pending.isEmpty())
        return 0;
    return m_lines->linesFitting(budget, room);
}

void ProducerFlow::reset()
{
    m_pending.clear();
    m_lastError.clear();
    m_firstRejection.reset();
    if (m_lines)
        m_lines->rewind();
    m_sent = m_acknowledged = m_errors = m_resent = 0;
    m_stopped = false;
}

QByteArrayView ProducerFlow::resendPending()
{
    m_resent += m_pending.count();
    return m_pending.all();
}

void ProducerFlow::acknowledge(qint64 count, Nanos now)
{
    if (count == 0)
        return;
    m_reporter.reportLines(NameEvent::Acknowledged, m_pending.oldest(count), count, now);
    m_pending.removeOldest(count);
    m_acknowledged += count;
}

ProducerFlow::Replies ProducerFlow::takeReplies(LineBuffer& in, Nanos now)
{
    Replies replies;
    qint64 okRun = 0; // OKs are counted in runs and acknowledged together
    QByteArrayView line;
    LineBuffer::Next next;
    while ((next = in.next(line)) == LineBuffer::Next::Line) {
        const bool isOk = line == "OK";
        const std::optional<QByteArray> error = isOk ? std::nullopt : serverErrorText(line);
        if (error && endsSession(*error)) {
            replies.sessionError = *error;
            break;
        }
        if ((!isOk && !error) || m_pending.count() == okRun) {
            replies.protocolError = "unexpected reply from the server: " +
                                    line.first(std::min<qsizetype>(line.size(), 80)).toByteArray();
            break;
        }
        ++replies.answered;
        if (isOk) {
            ++okRun;
            continue;
        }
        acknowledge(okRun, now);
        okRun = 0;
        if (!m_firstRejection)
            m_firstRejection = Rejection{m_acknowledged + m_errors, *error};
        ++m_errors;
        m_lastError = *error;
        if (m_stopOnRejection)
            m_stopped = true;
        m_reporter.reportOne(NameEvent::Rejected, m_pending.front(), now);
        m_pending.removeOldest(1);
    }
    acknowledge(okRun, now);
    if (next == LineBuffer::Next::TooLong)
        replies.protocolError = "a reply from the server is too long";
    return replies;
}

std::optional<Nanos> ProducerFlow::nextDueTime() const
{
    if (!wantsMore() || windowFull() || m_pacer.rate().isUnthrottled())
        return std::nullopt;
    return m_pacer.nextDueTime();
}

} // namespace prodcons::client
