// How long a name line may be, for the client: one place for the limits and why they are what
// they are.
#pragma once

#include <QtGlobal>

namespace prodcons::client {

/// The longest name, in bytes without its line end, that the client sends or takes: 8191, the
/// most any server stores (`socket_srv --slot-size` goes up to 8192 bytes, one of them the NUL).
/// The client cannot know a server's slot size, so it lets through every name some server may
/// take; a server with smaller slots refuses a longer name itself, with
/// "ERROR: name too long (at most N bytes)", and that reply is the authority.
inline constexpr qsizetype kMaxNameBytes = 8191;

/// The longest name the default server stores (256-byte slots). Tagged names are cut to fit it, so
/// that tagging never makes a name that a default server refuses (the tag is for counting, the
/// cut end of a long name is no loss); and the name log keeps this much of a name for display.
inline constexpr qsizetype kDefaultSlotNameBytes = 255;

} // namespace prodcons::client
