#include "tally.h"

namespace prodcons::acceptance {

std::optional<Tally> Tally::parse(QByteArrayView line)
{
    if (!line.startsWith("tally "))
        return std::nullopt;
    Tally tally;
    for (const QByteArray& word : line.sliced(6).toByteArray().simplified().split(' ')) {
        const qsizetype equals = word.indexOf('=');
        if (equals <= 0)
            return std::nullopt;
        tally.fields.insert(word.left(equals), word.mid(equals + 1));
    }
    return tally;
}

qint64 Tally::number(const QByteArray& key) const
{
    bool ok = false;
    const qint64 value = fields.value(key).toLongLong(&ok);
    return ok ? value : -1;
}

std::optional<Tally> findTally(const QList<Tally>& tallies, const QByteArray& source,
                               const QByteArray& key)
{
    for (const Tally& tally : tallies) {
        if (tally.source() == source && (key.isEmpty() || tally.has(key)))
            return tally;
    }
    return std::nullopt;
}

} // namespace prodcons::acceptance
