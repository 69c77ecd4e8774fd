#include "mutex_peek.h"

#include <QStringList>

namespace prodcons::acceptance {

MutexPeek::MutexPeek(const ipc::ObjectNames& names)
{
    auto control = ipc::SharedMemory::open_existing(names.control, false);
    if (!control)
        return;
    m_control = std::move(control).value();
    const auto size = m_control.size();
    if (!size || !m_control.map(size.value(), false))
        return;
    const auto geometry = ipc::layout::read_geometry(m_control.data(), size.value(), names.control);
    if (geometry)
        m_view = ipc::layout::ControlView(m_control.data(), geometry.value());
}

pid_t MutexPeek::holder() const
{
    if (!valid())
        return 0;
    const std::uint32_t owner = m_view.header().mutex_owner.load();
    if (owner == 0 || owner > m_view.geometry().participants)
        return 0;
    return m_view.slot(owner - 1).pid.load();
}

QString MutexPeek::describe() const
{
    if (!valid())
        return QStringLiteral("control object not mapped");
    const ipc::layout::Header& h = m_view.header();
    QStringList lines;
    lines << QStringLiteral("mutex owner slot+1 %1, epoch %2, recoveries %3, reaped %4, "
                            "ring %5..%6, orphans %7/%8, reconcile %9/%10")
                 .arg(h.mutex_owner.load())
                 .arg(h.mutex_epoch.load())
                 .arg(h.mutex_recoveries.load())
                 .arg(h.participants_reaped.load())
                 .arg(h.ring_head.load())
                 .arg(h.ring_tail.load())
                 .arg(h.orphans[0].load())
                 .arg(h.orphans[1].load())
                 .arg(h.reconcile[0].load())
                 .arg(h.reconcile[1].load());
    const std::uint32_t high = h.slots_high_water.load();
    for (std::uint32_t i = 0; i < high; ++i) {
        const ipc::layout::Slot& slot = m_view.slot(i);
        if (slot.state.load() == 0)
            continue;
        lines << QStringLiteral("  slot %1: state %2 kind %3 mode %4 pid %5 claim %6 held %7..%8 "
                                "transfer %9")
                     .arg(i)
                     .arg(slot.state.load())
                     .arg(slot.kind.load())
                     .arg(slot.mode.load())
                     .arg(slot.pid.load())
                     .arg(slot.mutex_claim.load())
                     .arg(slot.held_head.load())
                     .arg(slot.held_tail.load())
                     .arg(slot.transfer.load());
    }
    return lines.join(u'\n');
}

} // namespace prodcons::acceptance
