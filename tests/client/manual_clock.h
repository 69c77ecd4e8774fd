// A clock that only moves when the test says so.
#pragma once

#include "clock.h"

namespace prodcons::client::test {

class ManualClock final : public Clock
{
public:
    Nanos now() const override { return m_now; }
    void advance(Nanos by) { m_now += by; }
    void set(Nanos to) { m_now = to; }

private:
    Nanos m_now{1'000'000'000}; // not zero, so that arithmetic on "before start" is exercised
};

} // namespace prodcons::client::test
