#include "name_reporter.h"

#include <QDateTime>
#include <cstring>

namespace prodcons::client {

namespace {

// Calls `visit(name)` for each '\n'-ended line of `lines` from `offset` on, but not for empty
// lines: they are not names (a consumer neither counts nor acknowledges them).
template <typename Visit> void forEachLine(QByteArrayView lines, qsizetype offset, Visit&& visit)
{
    while (offset < lines.size()) {
        qsizetype end = lines.indexOf('\n', offset);
        if (end < 0)
            end = lines.size();
        QByteArrayView name = lines.sliced(offset, end - offset);
        if (name.endsWith('\r'))
            name.chop(1);
        if (!name.isEmpty())
            visit(name);
        offset = end + 1;
    }
}

// Offset of the start of the last `count` lines of `lines` (each ended by '\n').
qsizetype startOfLastLines(QByteArrayView lines, qsizetype count)
{
    qsizetype position = lines.size() - 1; // the final '\n'
    for (qsizetype seen = 0; position > 0; --position) {
        if (lines[position - 1] == '\n' && ++seen == count)
            return position;
    }
    return 0;
}

} // namespace

NameReporter::NameReporter(qsizetype logCapacity) : m_log(logCapacity) {}

void NameReporter::reportLines(NameEvent event, QByteArrayView lines, qint64 count, Nanos now)
{
    if (count <= 0)
        return;
    meter(event).add(count, now);
    if (m_observer)
        forEachLine(lines, 0, [&](QByteArrayView name) { m_observer(event, name); });
    const qint64 stamp = QDateTime::currentMSecsSinceEpoch();
    const qsizetype from = count > m_log.capacity() ? startOfLastLines(lines, m_log.capacity()) : 0;
    forEachLine(lines, from, [&](QByteArrayView name) { m_log.add(event, name, stamp); });
}

void NameReporter::reportOne(NameEvent event, QByteArrayView name, Nanos now)
{
    meter(event).add(1, now);
    if (m_observer)
        m_observer(event, name);
    m_log.add(event, name, QDateTime::currentMSecsSinceEpoch());
}

double NameReporter::perSecond(NameEvent event, Nanos now) const
{
    return m_meters[static_cast<size_t>(event)].perSecond(now);
}

void NameReporter::resetRates()
{
    for (RateMeter& meter : m_meters)
        meter.reset();
}

} // namespace prodcons::client
