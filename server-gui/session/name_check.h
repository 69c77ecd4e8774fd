// What the server accepts as a name, and the words it uses for the rest. Child-safe.
#pragma once

#include "fixed_text.h"

#include <cstddef>
#include <string_view>

namespace prodcons::server {

enum class NameVerdict
{
    Ok,
    Empty,
    TooLong,
    ControlBytes,
    NotUtf8,
    LooksLikeError ///< starts with "ERROR:": a consumer would read it as the server's error
};

/// A name is 1..max_length bytes of valid UTF-8 without control characters, and does not start
/// with "ERROR:" (the protocol's error lines).
NameVerdict check_name(std::string_view name, std::size_t max_length) noexcept;

/// The reply line for a refused name ("ERROR: empty name\n"); empty for Ok. `max_length` is the
/// limit check_name() was given, for "ERROR: name too long (at most 255 bytes)".
FixedText<64> refusal_line(NameVerdict verdict, std::size_t max_length) noexcept;

/// `text` equals `word` ignoring ASCII case and surrounding blanks.
bool is_word(std::string_view text, std::string_view word) noexcept;

/// Whether the UTF-8 in `text` is well formed (no overlongs, surrogates or values > U+10FFFF).
bool valid_utf8(std::string_view text) noexcept;

} // namespace prodcons::server
