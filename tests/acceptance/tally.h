// The tally lines socket_cl prints at exit ("tally source=k3 sent=10 acknowledged=10"), parsed.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <optional>

namespace prodcons::acceptance {

struct Tally
{
    QMap<QByteArray, QByteArray> fields;

    /// A line "tally key=value ..."; nullopt for any other line.
    static std::optional<Tally> parse(QByteArrayView line);

    QByteArray source() const { return fields.value("source"); }
    bool has(const QByteArray& key) const { return fields.contains(key); }
    /// The number under `key`, or -1 when there is none.
    qint64 number(const QByteArray& key) const;
};

/// The tally of `source` among `tallies`, or the one without a source when `source` is empty
/// and `key` is in it (e.g. "received").
std::optional<Tally> findTally(const QList<Tally>& tallies, const QByteArray& source,
                               const QByteArray& key = {});

} // namespace prodcons::acceptance
