// The rate slider's scale: slider positions to names per minute, logarithmic.
#pragma once

#include <QtGlobal>

namespace prodcons::client {

/// Maps slider positions 0..kPositions onto 1..1,000,000 names per minute, kPerDecade positions
/// per power of ten, so that 1/min and 1,000,000/min are both a drag away. Values from the
/// slider are rounded to two significant figures (120, 4,700, 18,000); any exact value can still
/// be typed, and positionFor() finds the nearest position for it.
class RateScale
{
public:
    static constexpr int kPerDecade = 100;
    static constexpr int kPositions = 6 * kPerDecade; // 10^0 .. 10^6

    /// Names per minute at slider position `position` (clamped to 0..kPositions).
    static qint64 perMinuteAt(int position);
    /// The slider position closest to `namesPerMinute` (clamped to 1..1,000,000).
    static int positionFor(qint64 namesPerMinute);
};

} // namespace prodcons::client
