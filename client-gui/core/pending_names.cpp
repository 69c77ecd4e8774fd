#include "pending_names.h"

#include <cstring>

namespace prodcons::client {

void PendingNames::append(QByteArrayView name)
{
    m_data.append(name);
    m_data.append('\n');
    ++m_count;
}

qsizetype PendingNames::endOfLines(qsizetype lines) const
{
    const char* data = m_data.constData();
    qsizetype offset = m_head;
    for (qsizetype i = 0; i < lines; ++i) {
        const auto* newline = static_cast<const char*>(
            std::memchr(data + offset, '\n', static_cast<size_t>(m_data.size() - offset)));
        offset = newline - data + 1;
    }
    return offset;
}

QByteArrayView PendingNames::oldest(qsizetype lines) const
{
    return QByteArrayView(m_data).sliced(m_head, endOfLines(lines) - m_head);
}

QByteArrayView PendingNames::front() const
{
    QByteArrayView line = oldest(1);
    line.chop(1);
    return line;
}

void PendingNames::removeOldest(qsizetype lines)
{
    m_head = endOfLines(lines);
    m_count -= lines;
    if (m_count == 0) {
        m_data.resize(
            0); // keeps the capacity (clear() would free it): no allocation when filled again
        m_head = 0;
    } else if (m_head >= 64 * 1024 && m_head >= m_data.size() / 2) {
        m_data.remove(0, m_head);
        m_head = 0;
    }
}

void PendingNames::clear()
{
    m_data.clear();
    m_head = 0;
    m_count = 0;
}

} // namespace prodcons::client
