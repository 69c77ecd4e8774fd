// Hands out the producer's names one after another, cycled or shuffled.
#pragma once

#include "name_list.h"

#include <QRandomGenerator>
#include <vector>

namespace prodcons::client {

/// An endless stream of names from a NameList: in list order, or in a fresh random order on each
/// pass through the list. next() returns a view into the list: no copy, no allocation.
class NameSource
{
public:
    enum class Order
    {
        Cycle,
        Shuffle
    };

    /// An empty `list` is replaced by the single name "Anonymous", so next() always has a name.
    explicit NameSource(NameList list = NameList::bundled(), Order order = Order::Cycle,
                        quint32 seed = QRandomGenerator::global()->generate());

    QByteArrayView next();

private:
    void reshuffle();

    NameList m_list;
    Order m_order;
    QRandomGenerator m_random;
    std::vector<qsizetype> m_permutation;
    size_t m_position = 0;
};

} // namespace prodcons::client
