#include "tag_tracker.h"

#include <algorithm>
#include <limits>

namespace prodcons::client {

TagTracker::TagTracker() = default;
TagTracker::~TagTracker() = default;

void TagTracker::clear()
{
    m_lastSource = nullptr;
    m_bySource.clear();
    m_sources.clear();
    m_untagged = 0;
}

TagTracker::Source& TagTracker::sourceFor(QByteArrayView source)
{
    // Names mostly come in runs from one producer: compare with the last one before hashing.
    if (m_lastSource && m_lastSource->tally.source == source)
        return *m_lastSource;
    const QByteArray key = source.toByteArray();
    Source*& entry = m_bySource[key];
    if (!entry) {
        m_sources.push_back(std::make_unique<Source>());
        entry = m_sources.back().get();
        entry->tally.source = key;
    }
    m_lastSource = entry;
    return *entry;
}

TagTracker::Block& TagTracker::blockFor(Source& source, quint64 blockIndex)
{
    if (source.lastBlock && source.lastBlockIndex == blockIndex)
        return *source.lastBlock;
    std::unique_ptr<Block>& block = source.blocks[blockIndex];
    if (!block)
        block = std::make_unique<Block>(Block{});
    source.lastBlockIndex = blockIndex;
    source.lastBlock = block.get();
    return *block;
}

void TagTracker::record(QByteArrayView sourceId, quint64 seq)
{
    Source& source = sourceFor(sourceId);
    Block& block = blockFor(source, seq / kBlockBits);
    const quint64 bit = seq % kBlockBits;
    quint64& word = block[static_cast<size_t>(bit / 64)];
    const quint64 mask = quint64{1} << (bit % 64);
    SourceTally& tally = source.tally;
    if (word & mask) {
        ++tally.duplicates;
        return;
    }
    word |= mask;
    ++tally.distinct;
    if (!source.any || seq > tally.maxSeq) {
        tally.maxSeq = seq;
        source.any = true;
    } else {
        ++tally.outOfOrder;
    }
    // Every distinct seq is ≤ maxSeq, so this cannot go below 0; it can exceed qint64 only for
    // seqs near 2^64, which are clamped.
    const quint64 gaps = tally.maxSeq - (static_cast<quint64>(tally.distinct) - 1);
    tally.gaps = static_cast<qint64>(
        std::min<quint64>(gaps, static_cast<quint64>(std::numeric_limits<qint64>::max())));
}

QList<SourceTally> TagTracker::tallies() const
{
    QList<SourceTally> result;
    result.reserve(static_cast<qsizetype>(m_sources.size()));
    for (const auto& source : m_sources)
        result.append(source->tally);
    std::sort(result.begin(), result.end(),
              [](const SourceTally& a, const SourceTally& b) { return a.source < b.source; });
    return result;
}

qint64 TagTracker::totalGaps() const
{
    qint64 total = 0;
    for (const auto& source : m_sources)
        total += source->tally.gaps;
    return total;
}

qint64 TagTracker::totalDuplicates() const
{
    qint64 total = 0;
    for (const auto& source : m_sources)
        total += source->tally.duplicates;
    return total;
}

} // namespace prodcons::client
