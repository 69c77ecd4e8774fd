#include "consumer_flow.h"

#include "name_tag.h"
#include "producer_flow.h"

namespace prodcons::client {

ConsumerFlow::Names ConsumerFlow::takeNames(LineBuffer& in, QByteArray& replies, Nanos now)
{
    Names names;
    const qsizetype batchStart = in.position();
    qsizetype batchEnd = batchStart; // end of the last name taken, line end included
    QByteArrayView line;
    LineBuffer::Next next = LineBuffer::Next::NeedMore;
    while (!limitReached() && (next = in.next(line)) == LineBuffer::Next::Line) {
        if (const std::optional<QByteArray> error = serverErrorText(line)) {
            names.serverError = *error;
            break;
        }
        batchEnd = in.position();
        if (line.isEmpty())
            continue; // not a name; nothing to acknowledge
        ++names.taken;
        ++m_received;
        replies.append("OK\n", 3);
        if (!m_tracking)
            continue;
        if (const std::optional<NameTag::Parsed> tag = NameTag::parse(line))
            m_tracker.record(tag->source, tag->seq);
        else
            m_tracker.recordUntagged();
    }
    if (next == LineBuffer::Next::TooLong)
        names.protocolError = "a name from the server is too long";
    // The reporter skips the empty lines inside the batch too (never sent by a sane server).
    m_reporter.reportLines(NameEvent::Received,
                           in.rawSince(batchStart).first(batchEnd - batchStart), names.taken, now);
    return names;
}

void ConsumerFlow::clear()
{
    m_tracker.clear();
    m_received = 0;
}

} // namespace prodcons::client
