// What a consumer saw of each producer's numbered names: distinct, gaps, duplicates.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <array>
#include <memory>
#include <unordered_map>
#include <vector>

namespace prodcons::client {

/// The tally of one source (one producer client).
struct SourceTally
{
    QByteArray source;
    qint64 distinct = 0;   // different seqs seen
    quint64 maxSeq = 0;    // highest seq seen
    qint64 gaps = 0;       // seqs in [0, maxSeq] never seen
    qint64 duplicates = 0; // names seen again
    qint64 outOfOrder = 0; // new seqs that came after a higher one
};

/// Per source, the set of sequence numbers seen, kept as a sparse bitset (4096 seqs a block), so
/// that memory follows what arrived and a mad seq cannot make it allocate gigabytes. Recording is
/// a couple of look-ups in the common case (same source, same block as last time).
class TagTracker
{
public:
    TagTracker();
    ~TagTracker();
    TagTracker(const TagTracker&) = delete;
    TagTracker& operator=(const TagTracker&) = delete;

    void record(QByteArrayView source, quint64 seq);
    /// A name without a well-formed tag.
    void recordUntagged() { ++m_untagged; }
    void clear();

    /// One tally per source, sorted by source.
    QList<SourceTally> tallies() const;
    qint64 untagged() const { return m_untagged; }
    qint64 totalGaps() const;
    qint64 totalDuplicates() const;

private:
    static constexpr int kBlockBits = 4096;
    using Block = std::array<quint64, kBlockBits / 64>;
    struct Source
    {
        SourceTally tally;
        std::unordered_map<quint64, std::unique_ptr<Block>> blocks;
        quint64 lastBlockIndex = 0;
        Block* lastBlock = nullptr;
        bool any = false;
    };

    Source& sourceFor(QByteArrayView source);
    Block& blockFor(Source& source, quint64 blockIndex);

    std::vector<std::unique_ptr<Source>> m_sources;
    QHash<QByteArray, Source*> m_bySource;
    Source* m_lastSource = nullptr;
    qint64 m_untagged = 0;
};

} // namespace prodcons::client
