// Tagged names: "Olivia#k3x9-42" carries its producer (source) and a sequence number.
#pragma once

#include "protocol_limits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace prodcons::client {

/// Formats and parses the tag `#<source>-<seq>` that a producer appends to each name so that a
/// consumer can check for loss, duplicates and order. <source> is [a-z0-9]{1,12}, <seq> decimal.
class NameTag
{
public:
    /// A tagged name is cut to this many bytes: what a server with the default slot size stores
    /// (see protocol_limits.h for why not the protocol's kMaxNameBytes).
    static constexpr qsizetype kMaxTaggedBytes = kDefaultSlotNameBytes;
    static constexpr qsizetype kMaxSourceLength = 12;

    struct Parsed
    {
        QByteArrayView name;   // the text before the last '#'
        QByteArrayView source; // views into the parsed line
        quint64 seq = 0;
    };

    static bool isValidSource(QByteArrayView source);
    /// A fresh random source id of 6 characters from [a-z0-9].
    static QByteArray randomSource();

    /// Appends `name#source-seq` to `out`, cutting the name (never inside a UTF-8 sequence) so
    /// that the whole stays within kMaxTaggedBytes. `source` must be valid. Allocation-free when
    /// `out` has room.
    static void append(QByteArray& out, QByteArrayView name, QByteArrayView source, quint64 seq);

    /// Parses the text after the last '#'; nullopt when there is no well-formed tag.
    static std::optional<Parsed> parse(QByteArrayView taggedName);
};

} // namespace prodcons::client
