#include "tempo_scale.h"

#include "ipc/teaching.h"

#include <QCoreApplication>
#include <QLocale>
#include <array>
#include <cstdlib>

namespace prodcons::server::tempo_scale {

namespace {

// Closer together at the fast end, where a class first sees the steps come apart.
constexpr std::array<int, 10> kPositionsMs{0, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000};
static_assert(kPositionsMs.back() == static_cast<int>(ipc::kMaxTempoMs));

} // namespace

int positionCount()
{
    return static_cast<int>(kPositionsMs.size());
}

std::chrono::milliseconds tempoAt(int position)
{
    const int last = positionCount() - 1;
    return std::chrono::milliseconds(
        kPositionsMs[static_cast<std::size_t>(position < 0      ? 0
                                              : position > last ? last
                                                                : position)]);
}

int positionOf(std::chrono::milliseconds tempo)
{
    int best = 0;
    for (int i = 1; i < positionCount(); ++i)
        if (std::abs(kPositionsMs[static_cast<std::size_t>(i)] - tempo.count()) <
            std::abs(kPositionsMs[static_cast<std::size_t>(best)] - tempo.count()))
            best = i;
    return best;
}

QString describe(std::chrono::milliseconds tempo)
{
    if (tempo.count() <= 0)
        return QCoreApplication::translate("TempoScale", "full speed");
    const double seconds = static_cast<double>(tempo.count()) / 1000.0;
    return QCoreApplication::translate("TempoScale", "%1 s per step")
        .arg(QLocale().toString(seconds, 'g', 3));
}

} // namespace prodcons::server::tempo_scale
