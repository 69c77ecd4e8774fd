#include "rate_scale.h"

#include "rate.h"

#include <algorithm>
#include <cmath>

namespace prodcons::client {

qint64 RateScale::perMinuteAt(int position)
{
    position = std::clamp(position, 0, kPositions);
    const double exact = std::pow(10.0, double(position) / kPerDecade);
    // Two significant figures: a step of 1 in the last one, so 1..99 stay exact integers.
    const double unit = exact < 100 ? 1.0 : std::pow(10.0, std::floor(std::log10(exact)) - 1);
    const auto value = static_cast<qint64>(std::llround(exact / unit) * unit);
    return std::clamp(value, Rate::kMinPerMinute, Rate::kMaxPerMinute);
}

int RateScale::positionFor(qint64 namesPerMinute)
{
    namesPerMinute = std::clamp(namesPerMinute, Rate::kMinPerMinute, Rate::kMaxPerMinute);
    return static_cast<int>(std::lround(std::log10(double(namesPerMinute)) * kPerDecade));
}

} // namespace prodcons::client
