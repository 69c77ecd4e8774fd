#include "delivery_ledger.h"

#include <algorithm>

namespace prodcons::acceptance {

namespace {

// A sequence number this far out is not one a run of these tests produces: refuse to grow a
// bitset for it (it is counted as untagged instead).
constexpr quint64 kMaxSeq = quint64(1) << 34;

} // namespace

std::optional<DeliveryLedger::Tag> DeliveryLedger::parseTag(QByteArrayView name)
{
    const qsizetype hash = name.lastIndexOf('#');
    const qsizetype dash = name.lastIndexOf('-');
    if (hash < 0 || dash <= hash + 1 || dash + 1 >= name.size())
        return std::nullopt;
    quint64 seq = 0;
    for (char c : name.sliced(dash + 1)) {
        if (c < '0' || c > '9' || seq > kMaxSeq)
            return std::nullopt;
        seq = seq * 10 + static_cast<quint64>(c - '0');
    }
    if (seq > kMaxSeq)
        return std::nullopt;
    return Tag{name.sliced(hash + 1, dash - hash - 1), seq};
}

bool DeliveryLedger::recordLine(QByteArrayView line)
{
    if (!line.startsWith("received "))
        return false;
    const std::optional<Tag> tag = parseTag(line.sliced(9));
    if (!tag) {
        ++m_untagged;
        ++m_total;
        return true;
    }
    record(tag->source, tag->seq);
    return true;
}

bool DeliveryLedger::delivered(QByteArrayView source, quint64 seq) const
{
    const auto it = m_sources.constFind(source.toByteArray());
    if (it == m_sources.constEnd())
        return false;
    const auto word = static_cast<std::size_t>(seq / 64);
    return word < it->bits.size() && ((it->bits[word] >> (seq % 64)) & 1) != 0;
}

void DeliveryLedger::record(QByteArrayView source, quint64 seq)
{
    if (!m_last || m_lastSource != source) {
        m_lastSource = source.toByteArray();
        m_last = &m_sources[m_lastSource]; // valid until the next insertion, i.e. the next change
    }
    Seen& seen = *m_last;
    const auto word = static_cast<std::size_t>(seq / 64);
    if (word >= seen.bits.size())
        seen.bits.resize(std::max(word + 1, seen.bits.size() * 2), 0);
    const quint64 bit = quint64(1) << (seq % 64);
    if ((seen.bits[word] & bit) == 0) {
        seen.bits[word] |= bit;
        ++seen.distinct;
    }
    ++seen.received;
    ++m_total;
}

DeliveryLedger::Check DeliveryLedger::check(const QByteArray& source, qint64 acknowledged) const
{
    Check check;
    check.source = source;
    check.acknowledged = acknowledged;
    const auto it = m_sources.constFind(source);
    if (it != m_sources.constEnd()) {
        check.delivered = it->distinct;
        check.received = it->received;
        check.duplicates = it->received - it->distinct;
    }
    qint64 deliveredAcknowledged = 0;
    for (qint64 seq = 0; seq < acknowledged; ++seq) {
        const auto word = static_cast<std::size_t>(seq / 64);
        const bool seen = it != m_sources.constEnd() && word < it->bits.size() &&
                          (it->bits[word] >> (seq % 64)) & 1;
        if (seen) {
            ++deliveredAcknowledged;
        } else {
            ++check.lost;
            if (check.firstLost.size() < 10)
                check.firstLost << seq;
        }
    }
    check.beyond = check.delivered - deliveredAcknowledged;
    return check;
}

} // namespace prodcons::acceptance
