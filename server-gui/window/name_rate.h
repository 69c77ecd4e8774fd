// NameRate: the current rate of one child, from the successive "names moved" counts the
// window reads about ten times a second. The rate is taken over the last two seconds, so it
// follows changes quickly without jumping with every batch a consumer acknowledges.
#pragma once

#include <QtGlobal>
#include <chrono>
#include <deque>

namespace prodcons::server {

class NameRate
{
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kWindow{2000};

    void add(Clock::time_point when, quint64 names);
    /// Names per minute over the window; 0 until two samples are a little apart.
    double perMinute() const;

private:
    struct Sample
    {
        Clock::time_point when;
        quint64 names = 0;
    };
    std::deque<Sample> m_samples;
};

} // namespace prodcons::server
