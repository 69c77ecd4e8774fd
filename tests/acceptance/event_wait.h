// Waiting with a deadline while the event loop runs, so that the output of every process a
// test started keeps being read (a full pipe would stall the process writing to it).
#pragma once

#include <chrono>
#include <functional>

namespace prodcons::acceptance {

/// Runs the event loop until `condition` holds (looked at every few milliseconds) or the time
/// is up; returns the condition's last value.
bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

/// Runs the event loop for `duration`.
void runEventsFor(std::chrono::milliseconds duration);

} // namespace prodcons::acceptance
