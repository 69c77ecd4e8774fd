// How big a picture prodcons agrees to send or draw. A picture arrives from the network and a file
// from anyone, so the sizes its header claims are capped before anything is allocated for them.
#pragma once

#include <QtGlobal>

namespace prodcons::client::pbm {

/// Widest and tallest picture, in pixels.
inline constexpr int kMaxSide = 16384;
/// Most pixels in all: 4096 x 4096, or the classic 1024 x 1762 picture nine times over. A plain
/// (P1) rendering of it is about 32 MB of text, and the decoder keeps it in 2 MB of bits.
inline constexpr qint64 kMaxPixels = qint64{1} << 24;
/// Largest file read: a plain picture of kMaxPixels with a space between pixels and a comment or
/// two fits well within it.
inline constexpr qint64 kMaxFileBytes = qint64{64} << 20;

/// Netpbm's whitespace: space, tab, LF, VT, FF, CR.
inline constexpr bool isWhitespace(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

} // namespace prodcons::client::pbm
