// Waiting with a deadline while a real event loop runs: the output of every process a test
// started keeps being read (a full pipe would stall the process writing to it), and sessions
// that move tens of thousands of names a second in the test's own process are not starved
// (QTest::qWait and QTRY_* sleep 10 ms between rounds of event processing). No sleeps.
#pragma once

#include <chrono>
#include <functional>

namespace prodcons::test {

/// Runs the event loop until `condition` holds (looked at every few milliseconds) or the time
/// is up; returns the condition's last value.
bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

/// Runs the event loop for `duration`.
void runEventsFor(std::chrono::milliseconds duration);

} // namespace prodcons::test
