// Rates in words for labels: "120/min", "2.5/min", "1,000,000/min", "max".
#pragma once

#include "rate.h"

#include <QString>

namespace prodcons::client {

/// Names per minute as shown: one decimal below 10, whole numbers with group separators above.
QString perMinuteText(double perMinute);
/// A set rate: perMinuteText() of it, or "max" when unthrottled.
QString setRateText(Rate rate);

} // namespace prodcons::client
