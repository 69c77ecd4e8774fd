// The line reader against a model: the bytes, cut into network reads of sizes the input
// chooses, must give the same lines as splitting the whole input at each LF (one CR before the
// LF dropped, lines over the limit reported as too long). Used by the fuzz target and by the
// replay test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace prodcons::fuzz {

/// The first two bytes choose the line limit and the buffer's spare room, the third the read
/// sizes; the rest is the stream. Returns what went wrong, or an empty string.
std::string checkLineReader(const std::uint8_t* data, std::size_t size);

} // namespace prodcons::fuzz
