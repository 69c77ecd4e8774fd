// DeliveryLedger: which tagged names ("Olivia#p0-42") the consumers printed, over all of them,
// so that the end of a run can say, per producer, whether every acknowledged name arrived at
// least once. Independent of the client's own TagTracker on purpose: it is the oracle.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <optional>
#include <vector>

namespace prodcons::acceptance {

class DeliveryLedger
{
public:
    struct Check
    {
        QByteArray source;
        qint64 acknowledged = 0; ///< the producer's OKs: names 0..acknowledged-1
        qint64 delivered = 0;    ///< distinct names of this source delivered
        qint64 received = 0;     ///< deliveries, duplicates included
        qint64 lost = 0;         ///< acknowledged names never delivered
        qint64 duplicates = 0;   ///< received - delivered
        qint64 beyond = 0;       ///< delivered names past the acknowledged ones (OK lost)
        QList<qint64> firstLost; ///< up to 10 lost sequence numbers
    };

    /// A line a consumer printed: "received <name>#<source>-<seq>". Lines that are not
    /// deliveries are ignored (false); a delivery without a well-formed tag is counted as
    /// untagged.
    bool recordLine(QByteArrayView line);
    void record(QByteArrayView source, quint64 seq);

    struct Tag
    {
        QByteArrayView source;
        quint64 seq = 0;
    };
    /// The tag of a name ("Olivia#p0-42": source "p0", seq 42), or nullopt if it has none.
    static std::optional<Tag> parseTag(QByteArrayView name);
    /// Whether a consumer printed `source`'s name number `seq`.
    bool delivered(QByteArrayView source, quint64 seq) const;

    /// The books of `source` against the producer's count of acknowledged names.
    Check check(const QByteArray& source, qint64 acknowledged) const;

    QList<QByteArray> sources() const { return m_sources.keys(); }
    qint64 total() const { return m_total; }
    qint64 untagged() const { return m_untagged; }

private:
    struct Seen
    {
        std::vector<quint64> bits; ///< bit n: seq n delivered
        qint64 distinct = 0;
        qint64 received = 0;
    };

    QHash<QByteArray, Seen> m_sources;
    Seen* m_last = nullptr; ///< the source of the previous record (lines come in runs)
    QByteArray m_lastSource;
    qint64 m_total = 0;
    qint64 m_untagged = 0;
};

} // namespace prodcons::acceptance
