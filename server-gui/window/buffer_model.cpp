#include "buffer_model.h"

#include "ipc/layout.h"
#include "name_text.h"

#include <utility>

namespace prodcons::server {

BufferModel::BufferModel(QObject* parent) : QAbstractListModel(parent) {}

void BufferModel::show(ipc::Mode mode, const QString& prefix, Source source,
                       std::optional<ipc::Snapshot> snapshot, const QString& problem)
{
    m_mode = mode;
    m_prefix = prefix;
    m_source = snapshot ? source : Source::None;
    m_problem = problem;
    // Moved, not copied: ten times a second, with every name in the ring.
    const ipc::Snapshot before =
        std::exchange(m_snapshot, std::move(snapshot).value_or(ipc::Snapshot{}));

    // Slots are rows in SHM mode only: a message queue cannot be read without taking names.
    const int rows = mode == ipc::Mode::Shm && m_snapshot.control_present
                         ? static_cast<int>(m_snapshot.ring.size())
                         : 0;
    if (rows != m_rows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    } else if (rows > 0) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < rows; ++i) {
            const auto slot = static_cast<std::size_t>(i);
            const auto index = static_cast<std::uint32_t>(i);
            const bool same = slot < before.ring.size() &&
                              before.ring[slot] == m_snapshot.ring[slot] &&
                              (before.in == index) == (m_snapshot.in == index) &&
                              (before.out == index) == (m_snapshot.out == index);
            if (!same) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first >= 0)
            emit dataChanged(index(first), index(last));
    }
    emit changed();
}

bool BufferModel::present() const
{
    if (!m_snapshot.control_present)
        return false;
    return m_mode == ipc::Mode::Shm ? m_snapshot.shm_present : m_snapshot.mq_present;
}

quint32 BufferModel::capacity() const
{
    if (m_mode == ipc::Mode::Mq)
        return static_cast<quint32>(m_snapshot.mq_capacity);
    return m_snapshot.control_present ? m_snapshot.geometry.capacity : 0;
}

quint64 BufferModel::stored() const
{
    if (m_mode == ipc::Mode::Mq)
        return static_cast<quint64>(m_snapshot.mq_current);
    return m_snapshot.count;
}

quint32 BufferModel::orphans() const
{
    return m_snapshot.orphans[static_cast<std::uint32_t>(m_mode)];
}

quint32 BufferModel::liveUsers() const
{
    return m_snapshot.live_users[static_cast<std::uint32_t>(m_mode)];
}

std::vector<pid_t> BufferModel::liveUserPids() const
{
    return m_snapshot.live_user_pids(m_mode);
}

int BufferModel::participants(bool producers) const
{
    const auto wanted = producers ? ipc::layout::Kind::Producer : ipc::layout::Kind::Consumer;
    int n = 0;
    for (const auto& p : m_snapshot.participants)
        n += p.alive && p.mode == m_mode && p.kind == wanted ? 1 : 0;
    return n;
}

QString BufferModel::objectName(const char* suffix) const
{
    return m_prefix + QLatin1Char('_') + QLatin1String(suffix);
}

int BufferModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

QVariant BufferModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const auto slot = static_cast<std::size_t>(index.row());
    const auto position = static_cast<std::uint32_t>(index.row());
    const std::string& name = m_snapshot.ring[slot];
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
    case Qt::ToolTipRole:
        return name.empty() ? tr("slot %1: free").arg(index.row())
                            : tr("slot %1: %2").arg(index.row()).arg(shortenedName(name, 200));
    case OccupiedRole:
        return !name.empty();
    case InRole:
        return m_snapshot.in == position;
    case OutRole:
        return m_snapshot.out == position;
    default:
        return {};
    }
}

} // namespace prodcons::server
