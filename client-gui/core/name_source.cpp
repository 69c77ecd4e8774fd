#include "name_source.h"

#include <numeric>

namespace prodcons::client {

NameSource::NameSource(NameList list, Order order, quint32 seed)
    : m_list(list.isEmpty() ? NameList::fromText("Anonymous") : std::move(list)), m_order(order),
      m_random(seed), m_permutation(static_cast<size_t>(m_list.size()))
{
    std::iota(m_permutation.begin(), m_permutation.end(), qsizetype{0});
    if (m_order == Order::Shuffle)
        reshuffle();
}

void NameSource::reshuffle()
{
    // Fisher-Yates with our own seeded generator, so a seed gives the same order everywhere.
    for (size_t i = m_permutation.size(); i > 1; --i) {
        const auto j = static_cast<size_t>(m_random.bounded(static_cast<quint32>(i)));
        std::swap(m_permutation[i - 1], m_permutation[j]);
    }
}

QByteArrayView NameSource::next()
{
    if (m_position == m_permutation.size()) {
        m_position = 0;
        if (m_order == Order::Shuffle)
            reshuffle();
    }
    return m_list.at(m_permutation[m_position++]);
}

} // namespace prodcons::client
