// The names a producer has sent and the server has not answered yet.
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace prodcons::client {

/// Oldest first, kept as the exact lines written ("name\n" each, tags included) in one buffer:
/// new names are appended, answered ones dropped from the front, and after a reconnect the
/// whole lot can be written again as it was. No allocation per name.
class PendingNames
{
public:
    /// Appends `name` + '\n'.
    void append(QByteArrayView name);
    qsizetype count() const { return m_count; }
    bool isEmpty() const { return m_count == 0; }

    /// All pending lines, oldest first.
    QByteArrayView all() const { return QByteArrayView(m_data).sliced(m_head); }
    qsizetype bytes() const { return m_data.size() - m_head; }
    /// The last `byteCount` bytes: what the latest appends added.
    QByteArrayView newestBytes(qsizetype byteCount) const
    {
        return QByteArrayView(m_data).last(byteCount);
    }
    /// The oldest `lines` lines (with their '\n'), as one view; lines ≤ count().
    QByteArrayView oldest(qsizetype lines) const;
    /// The oldest name, without its '\n'; count() > 0.
    QByteArrayView front() const;
    /// Drops the oldest `lines` lines; lines ≤ count().
    void removeOldest(qsizetype lines);
    void clear();

private:
    qsizetype endOfLines(qsizetype lines) const;

    QByteArray m_data;
    qsizetype m_head = 0; // offset of the oldest pending line
    qsizetype m_count = 0;
};

} // namespace prodcons::client
