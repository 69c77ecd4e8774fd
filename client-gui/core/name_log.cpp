#include "name_log.h"

#include <algorithm>
#include <cstring>

namespace prodcons::client {

NameLog::NameLog(qsizetype capacity)
    : m_slots(static_cast<size_t>(std::max<qsizetype>(capacity, 1)))
{}

void NameLog::add(NameEvent event, QByteArrayView name, qint64 msecsSinceEpoch)
{
    Slot& slot = m_slots[static_cast<size_t>(m_nextSerial % m_slots.size())];
    qsizetype length = std::min<qsizetype>(name.size(), kShownBytes);
    if (length < name.size()) {
        // Cut before the lead byte of the character that does not fit, never inside it.
        while (length > 0 && (static_cast<uchar>(name[length]) & 0xC0) == 0x80)
            --length;
    }
    std::memcpy(slot.bytes.data(), name.data(), static_cast<size_t>(length));
    slot.length = static_cast<quint8>(length);
    slot.event = event;
    slot.msecsSinceEpoch = msecsSinceEpoch;
    ++m_nextSerial;
}

QList<LoggedName> NameLog::since(quint64 serial) const
{
    const quint64 newest = lastSerial();
    const quint64 capacity = m_slots.size();
    const quint64 first =
        std::max({serial + 1, newest >= capacity ? newest - capacity + 1 : 1, m_firstKept});
    QList<LoggedName> result;
    if (first > newest)
        return result;
    result.reserve(static_cast<qsizetype>(newest - first + 1));
    for (quint64 s = first; s <= newest; ++s) {
        const Slot& slot = m_slots[static_cast<size_t>(s % capacity)];
        result.append(
            {s, slot.msecsSinceEpoch, slot.event, QByteArray(slot.bytes.data(), slot.length)});
    }
    return result;
}

void NameLog::clear()
{
    m_firstKept = m_nextSerial;
}

} // namespace prodcons::client
